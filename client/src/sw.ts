// The service worker: keeps the app shell (page, script, manifest, icons) in a cache made at install and
// serves it cache-first, so after the first visit the page opens with no network at all. It answers
// nothing else: API calls (POST to the web app, or any other address) always go to the network, and the
// outbox in IndexedDB, not this cache, is what keeps status changes made offline.

// Set by scripts/build-client.ts: the shell's files (relative to this worker) and a hash of their content.
declare const __WTT_SHELL__: string[];
declare const __WTT_SHELL_VERSION__: string;

// The DOM library's types lack the worker's events; these are the parts used here.
interface ExtendableEventLike extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ServiceWorkerScopeLike {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
}

const sw = self as unknown as ServiceWorkerScopeLike;
const CACHE_PREFIX = 'wtt-shell-';
const CACHE = `${CACHE_PREFIX}${__WTT_SHELL_VERSION__}`;
const scope = new URL(sw.registration.scope);
const shellUrls = __WTT_SHELL__.map((path) => new URL(path, scope).href);
const shell = new Set(shellUrls);
const pageUrl = new URL('index.html', scope).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // 'reload': straight from the server, not from an HTTP cache that may hold the previous version.
      await cache.addAll(shellUrls.map((url) => new Request(url, { cache: 'reload' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await sw.clients.claim();
    })(),
  );
});

/** The page itself: the scope's root or index.html, with any query (?api=...). Other pages are not ours. */
function isShellPage(url: URL): boolean {
  return url.origin === scope.origin && (url.pathname === scope.pathname || `${url.origin}${url.pathname}` === pageUrl);
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const page = request.mode === 'navigate' && isShellPage(url);
  const key = page ? pageUrl : `${url.origin}${url.pathname}`;
  if (!page && !shell.has(key)) return;
  event.respondWith(
    (async () => {
      const cached = await caches.match(key, { cacheName: CACHE, ignoreSearch: true });
      return cached ?? fetch(request);
    })(),
  );
});
