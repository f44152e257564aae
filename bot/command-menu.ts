// The command list Telegram shows in the chat menu, in English by default and in Russian for Russian users.
import type { Api } from 'grammy';

const COMMANDS = {
  en: [
    ['status', 'Your status now'],
    ['break', 'Start a break'],
    ['lunch', 'Start lunch'],
    ['back', 'Back to work'],
    ['schedule', "Today's schedule"],
    ['reminders', 'Your reminders'],
    ['who', 'Who is where (leads)'],
    ['help', 'Commands'],
  ],
  ru: [
    ['status', 'Ваш статус сейчас'],
    ['break', 'Начать перерыв'],
    ['lunch', 'Начать обед'],
    ['back', 'Вернуться к работе'],
    ['schedule', 'Расписание на сегодня'],
    ['reminders', 'Ваши напоминания'],
    ['who', 'Кто где (для руководителей)'],
    ['help', 'Команды'],
  ],
} as const;

export async function publishCommandMenu(api: Api): Promise<void> {
  const list = (lang: keyof typeof COMMANDS) => COMMANDS[lang].map(([command, description]) => ({ command, description }));
  await api.setMyCommands(list('en'));
  await api.setMyCommands(list('ru'), { language_code: 'ru' });
}
