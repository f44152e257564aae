// The employee page's entry: finds the web app's address, makes the model (outbox, sync, session) and
// mounts <wtt-app>. Registers the service worker that lets the page open with no network at all, except
// in the inlined page that doGet serves (HtmlService cannot serve a service worker).
import { createAppModel } from './app-model.ts';
import './components/app.ts';
import './components/api-url-form.ts';
import {
  readInjectedApiUrl,
  readStoredApiUrl,
  rememberApiUrl,
  resolveApiUrl,
} from './components/api-url-setting.ts';
import { getLang, onLangChange, resetLang, t } from './i18n/locale.ts';

// Set by scripts/build-client.ts: the web app's URL ('' = the page decides) and whether this is the
// inlined build for doGet.
declare const __WTT_API_URL__: string;
declare const __WTT_INLINE__: boolean;

function mount(node: Node): void {
  const root = document.getElementById('wtt-root') ?? document.body;
  root.replaceChildren(node);
}

/** No address anywhere: ask for it, remember it, start again. */
function askForApiUrl(): void {
  const box = document.createElement('main');
  box.className = 'wtt-setup';
  const heading = document.createElement('h1');
  heading.textContent = t().serverHeading;
  box.append(document.createElement('wtt-lang-switch'), heading, document.createElement('wtt-api-url-form'));
  mount(box);
  onLangChange(() => (heading.textContent = t().serverHeading));
}

/** `?api=` has been remembered: take it out of the address so a later change in the page is not undone. */
function dropApiParam(): void {
  const url = new URL(location.href);
  url.searchParams.delete('api');
  try {
    history.replaceState(history.state, '', url.href);
  } catch {
    // a sandboxed frame may refuse; the parameter then simply stays
  }
}

function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = () =>
    navigator.serviceWorker.register('sw.js').catch((e: unknown) => console.warn('[wtt] service worker not registered:', e));
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

async function start(): Promise<void> {
  resetLang();
  document.title = t().appTitle;
  onLangChange(() => (document.title = t().appTitle));
  document.addEventListener('wtt-api-url', (e) => {
    rememberApiUrl(e.detail.url);
    location.reload();
  });
  // A constant of the build: the inlined page's bundle does not even contain the registration.
  if (!__WTT_INLINE__) registerServiceWorker();

  const resolved = resolveApiUrl({
    pageUrl: location.href,
    injected: readInjectedApiUrl(document),
    stored: readStoredApiUrl(),
    built: __WTT_API_URL__,
  });
  if (!resolved) return askForApiUrl();
  if (resolved.origin === 'query') {
    rememberApiUrl(resolved.url);
    dropApiParam();
  }

  const app = document.createElement('wtt-app');
  app.apiUrl = resolved.url;
  // The page that the web app served itself always talks to that web app.
  app.apiUrlEditable = resolved.origin !== 'server' && resolved.origin !== 'self';
  mount(app);
  try {
    app.model = await createAppModel({ apiUrl: resolved.url, lang: getLang });
  } catch (e) {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = t().startFailed(e instanceof Error ? e.message : String(e));
    mount(p);
  }
}

void start();
