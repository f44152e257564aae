// The page doGet serves until the employee app is built into the bundle: it says the web app answers.
const p = document.createElement('main');
p.innerHTML = '<h1>WorkTimeTracker</h1><p lang="ru">Веб-приложение работает.</p><p lang="en">The web app is running.</p>';
document.body.append(p);
