// Where the web app is: the page may be served by the web app itself (the local runtime at / or /exec,
// or doGet on Google), or as static files from any host. The first of these that says something wins:
//   1. `?api=<url>` in the page's address (remembered, so the next start without it, offline, still knows);
//   2. the URL doGet wrote into the page (<meta name="wtt-api-url">; on Google the page runs in a
//      googleusercontent.com iframe, so only the server knows the web app's address);
//   3. what the person typed into the page's server field earlier (remembered);
//   4. the URL set at build time (WTT_API_URL; `npm run build` without it means the same origin's /exec);
//   5. the page's own address when the page was served at .../exec (the local runtime's GET /exec).
// When none does, the page asks (a field).

export const API_URL_STORAGE_KEY = 'wtt.apiUrl';
/** What the inlined page carries until doGet replaces it with ScriptApp.getService().getUrl(). */
export const API_URL_PLACEHOLDER = '%WTT_API_URL%';

export interface ApiUrlSources {
  pageUrl: string;
  /** The content of <meta name="wtt-api-url">, if any. */
  injected: string | null;
  /** Remembered in localStorage. */
  stored: string | null;
  /** Set at build time; '' when the build left it to the page. */
  built: string;
}

export type ApiUrlOrigin = 'query' | 'server' | 'saved' | 'build' | 'self';

/** An absolute http(s) URL, resolved against the page; null for anything else. */
export function normaliseApiUrl(input: string | null | undefined, pageUrl: string): string | null {
  const text = (input ?? '').trim();
  if (!text || text === API_URL_PLACEHOLDER) return null;
  try {
    const url = new URL(text, pageUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

export function resolveApiUrl(src: ApiUrlSources): { url: string; origin: ApiUrlOrigin } | null {
  const page = new URL(src.pageUrl);
  const candidates: [ApiUrlOrigin, string | null][] = [
    ['query', page.searchParams.get('api')],
    ['server', src.injected],
    ['saved', src.stored],
    ['build', src.built],
    ['self', /\/exec\/?$/.test(page.pathname) ? `${page.origin}${page.pathname}` : null],
  ];
  for (const [origin, value] of candidates) {
    const url = normaliseApiUrl(value, src.pageUrl);
    if (url) return { url, origin };
  }
  return null;
}

export function readStoredApiUrl(): string | null {
  try {
    return globalThis.localStorage?.getItem(API_URL_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Remembers the person's choice (null forgets it). */
export function rememberApiUrl(url: string | null): void {
  try {
    if (url) globalThis.localStorage?.setItem(API_URL_STORAGE_KEY, url);
    else globalThis.localStorage?.removeItem(API_URL_STORAGE_KEY);
  } catch {
    // storage refused: the URL lasts as long as the page
  }
}

export function readInjectedApiUrl(doc: Document): string | null {
  return doc.querySelector('meta[name="wtt-api-url"]')?.getAttribute('content') ?? null;
}
