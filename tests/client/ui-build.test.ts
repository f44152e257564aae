// The built employee page (`npm run build` runs scripts/build-client.ts before the tests): the static
// files with their service worker, and the inlined page for doGet.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { API_URL_PLACEHOLDER, JS_BUDGET_GZIP_BYTES, inlinePage, inlineScript } from '../../scripts/build-client.ts';

const DIST = 'dist/client';
const built = existsSync(`${DIST}/sw.js`) && existsSync('dist/appsscript/Employee.html');

describe('inlining', () => {
  const index = readFileSync('client/index.html', 'utf8');

  it('makes one self-contained page: script inline, no manifest, icons or worker, the URL placeholder in', () => {
    const page = inlinePage(index, 'console.log("</script>", 1)');
    expect(page).toContain(`<meta name="wtt-api-url" content="${API_URL_PLACEHOLDER}">`);
    expect(page).toContain('<script>console.log("<\\/script>", 1)</script>');
    expect(page).not.toMatch(/<script[^>]+src=/);
    expect(page).not.toMatch(/<link\b/);
    expect(page).toContain('id="wtt-root"');
  });

  it('refuses a script that would change how the page parses', () => {
    expect(() => inlineScript('x = "<!--"')).toThrow(/<!--/);
  });

  it('a $ in the script is kept as it is', () => {
    expect(inlinePage(index, 'a="$&$1"')).toContain('<script>a="$&$1"</script>');
  });
});

describe.runIf(built)('dist/client', () => {
  it('holds the page, the script, the worker, the manifest and its icons', () => {
    for (const f of ['index.html', 'app.js', 'sw.js', 'manifest.webmanifest', 'icons/icon.svg', 'icons/icon-192.png', 'icons/icon-512.png']) {
      expect(existsSync(`${DIST}/${f}`), f).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(`${DIST}/manifest.webmanifest`, 'utf8'));
    expect(manifest.display).toBe('standalone');
    for (const icon of manifest.icons) expect(existsSync(`${DIST}/${icon.src}`), icon.src).toBe(true);
    const png = readFileSync(`${DIST}/icons/icon-512.png`);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(512);
  });

  it(`keeps the page's JavaScript within ${JS_BUDGET_GZIP_BYTES / 1024} KB gzipped`, () => {
    const size = gzipSync(readFileSync(`${DIST}/app.js`), { level: 9 }).length;
    expect(size).toBeLessThanOrEqual(JS_BUDGET_GZIP_BYTES);
  });

  it('the inlined page for doGet registers no service worker and waits for its URL', () => {
    const page = readFileSync('dist/appsscript/Employee.html', 'utf8');
    expect(page).toContain(`content="${API_URL_PLACEHOLDER}"`);
    expect(page).not.toMatch(/<script[^>]+src=/);
    expect(page).not.toContain('sw.js');
    expect(page).not.toContain('serviceWorker');
    expect(page).toMatch(/customElements\.define\("wtt-app"/);
  });
});

// The real built worker, run against a scope and a Cache Storage made here.
class FakeCache {
  readonly entries = new Map<string, Response>();
  async addAll(requests: Request[]): Promise<void> {
    for (const r of requests) {
      expect(r.cache).toBe('reload');
      this.entries.set(r.url, new Response(`cached ${new URL(r.url).pathname}`));
    }
  }
}

function loadWorker(scope: string) {
  const stores = new Map<string, FakeCache>([['wtt-shell-old', new FakeCache()], ['other-app', new FakeCache()]]);
  const listeners: Record<string, (e: any) => void> = {};
  const network: string[] = [];
  const caches = {
    open: async (name: string) => stores.get(name) ?? stores.set(name, new FakeCache()).get(name)!,
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
    match: async (url: string, opts: { cacheName: string; ignoreSearch: boolean }) => stores.get(opts.cacheName)?.entries.get(url)?.clone(),
  };
  const self = {
    registration: { scope },
    clients: { claim: async () => {} },
    skipWaiting: async () => {},
    addEventListener: (type: string, fn: (e: any) => void) => (listeners[type] = fn),
  };
  const fetch = async (r: Request) => {
    network.push(`${r.method} ${r.url}`);
    return new Response('from network');
  };
  new Function('self', 'caches', 'fetch', readFileSync(`${DIST}/sw.js`, 'utf8'))(self, caches, fetch);
  async function lifecycle(type: 'install' | 'activate'): Promise<void> {
    let work: Promise<unknown> = Promise.resolve();
    listeners[type]({ waitUntil: (p: Promise<unknown>) => (work = p) });
    await work;
  }
  /** What the worker answers: its response text, or null when it lets the browser go to the network. */
  async function request(url: string, init: RequestInit & { mode?: 'navigate' } = {}): Promise<string | null> {
    const req = new Request(url, { method: init.method, body: init.body });
    Object.defineProperty(req, 'mode', { value: init.mode ?? 'cors' });
    let answer: Promise<Response> | null = null;
    listeners.fetch({ request: req, respondWith: (r: Promise<Response>) => (answer = r) });
    return answer ? (await answer as Response).text() : null;
  }
  return { stores, lifecycle, request, network };
}

describe.runIf(built)('the service worker', () => {
  const scope = 'https://wtt.example/team/';

  it('caches the shell at install, and drops only its own older caches at activation', async () => {
    const w = loadWorker(scope);
    await w.lifecycle('install');
    const mine = [...w.stores.entries()].find(([n]) => n.startsWith('wtt-shell-') && n !== 'wtt-shell-old')!;
    expect([...mine[1].entries.keys()].sort()).toEqual(
      ['app.js', 'icons/icon-192.png', 'icons/icon-512.png', 'icons/icon.svg', 'index.html', 'manifest.webmanifest'].map((f) => scope + f).sort(),
    );
    await w.lifecycle('activate');
    expect([...w.stores.keys()].sort()).toEqual([mine[0], 'other-app'].sort());
  });

  it('serves the shell from the cache with no network at all, the page at any query', async () => {
    const w = loadWorker(scope);
    await w.lifecycle('install');
    expect(await w.request(`${scope}?api=https%3A%2F%2Fx.example%2Fexec`, { mode: 'navigate' })).toBe('cached /team/index.html');
    expect(await w.request(`${scope}index.html`, { mode: 'navigate' })).toBe('cached /team/index.html');
    expect(await w.request(`${scope}app.js`)).toBe('cached /team/app.js');
    expect(w.network).toEqual([]);
  });

  it('never touches API calls or pages that are not the app', async () => {
    const w = loadWorker(scope);
    await w.lifecycle('install');
    expect(await w.request(`${scope}exec`, { method: 'POST', body: '{"op":"sync"}' })).toBeNull();
    expect(await w.request('https://wtt.example/exec', { method: 'POST', body: '{}' })).toBeNull();
    expect(await w.request('https://script.google.com/macros/s/X/exec', { method: 'POST', body: '{}' })).toBeNull();
    expect(await w.request('https://wtt.example/exec?op=health')).toBeNull();
    expect(await w.request('https://wtt.example/admin', { mode: 'navigate' })).toBeNull();
    expect(await w.request('https://other.example/team/app.js')).toBeNull();
  });

  it('falls back to the network for a shell file missing from the cache', async () => {
    const w = loadWorker(scope);
    expect(await w.request(`${scope}app.js`)).toBe('from network');
    expect(w.network).toEqual([`GET ${scope}app.js`]);
  });
});
