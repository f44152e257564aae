// The parts of the browser the sync engine listens to: the online/offline events, navigator.onLine and
// the page's visibility. `window` fits; tests pass a small EventTarget.
export interface VisibilitySource {
  readonly visibilityState: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface BrowserLike {
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
  readonly navigator: { readonly onLine: boolean };
  readonly document?: VisibilitySource;
}

export interface SyncTriggers {
  online(): void;
  offline(): void;
  visible(): void;
}

/** Listens for the events that should start a sync; returns the way to stop listening. */
export function watchBrowser(browser: BrowserLike, triggers: SyncTriggers): () => void {
  const online = () => triggers.online();
  const offline = () => triggers.offline();
  const visibility = () => {
    if (browser.document?.visibilityState === 'visible') triggers.visible();
  };
  browser.addEventListener('online', online);
  browser.addEventListener('offline', offline);
  browser.document?.addEventListener('visibilitychange', visibility);
  return () => {
    browser.removeEventListener('online', online);
    browser.removeEventListener('offline', offline);
    browser.document?.removeEventListener('visibilitychange', visibility);
  };
}

/** navigator.onLine: false is reliable (no network at all), true only means "maybe". */
export function isOnline(browser: BrowserLike): boolean {
  return browser.navigator.onLine !== false;
}

/** Where there is no window (a worker, a test without one): always online, no events. */
export const NO_BROWSER: BrowserLike = {
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
  navigator: { onLine: true },
};

export function defaultBrowser(): BrowserLike {
  return typeof window !== 'undefined' ? (window as unknown as BrowserLike) : NO_BROWSER;
}
