// UrlFetchApp against developers.google.com/apps-script/reference/url-fetch (url-fetch-app, http-response).
// The host is tested against a loopback HTTP server started here; nothing else is ever contacted.
// The facade is synchronous for the execution, so it is driven in two passes: the request it builds is
// sent by the host (asynchronously), and the host's answer is handed back to it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { createDirectContext, defaultExecution } from '../../emulator/runtime/direct.ts';
import type { HostPort } from '../../emulator/runtime/contracts.ts';
import type { HostDeps } from '../../emulator/host/deps.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import { createFetchHost, notLoopbackMessage, type FetchOutcome, type FetchRequest } from '../../emulator/host/fetch.ts';
import { createUrlFetchApp, requestFailedMessage } from '../../emulator/gas/url-fetch-app.ts';

let server: http.Server;
let base = '';
const received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const url = req.url!;
      if (url === '/hello') {
        res.setHeader('X-Multi', ['a', 'b']);
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('hello, мир');
      } else if (url === '/echo') {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ method: req.method, contentType: req.headers['content-type'] ?? null, body, auth: req.headers.authorization ?? null }));
      } else if (url === '/missing') {
        res.statusCode = 404;
        res.end('Not found here');
      } else if (url === '/long') {
        res.statusCode = 500;
        res.end('e'.repeat(300));
      } else if (url === '/redirect') {
        res.statusCode = 302;
        res.setHeader('Location', '/hello');
        res.end();
      } else if (url === '/see-other') {
        res.statusCode = 303;
        res.setHeader('Location', '/echo');
        res.end();
      } else if (url === '/redirect-out') {
        res.statusCode = 302;
        res.setHeader('Location', 'http://example.com/');
        res.end();
      } else if (url === '/slow') {
        setTimeout(() => res.end('slow'), 300);
      } else {
        res.statusCode = 400;
        res.end('bad');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function deps(): HostDeps {
  return {
    clock: new Clock(),
    workbooks: new MemoryWorkbookStore(),
    dataDir: '/nonexistent',
    bundleDir: '/nonexistent',
    ownerEmail: 'owner@example.com',
    mailbox: [],
    fetches: [],
    webAppUrl: '',
  };
}

const exec = defaultExecution({ id: 'exec-fetch' });
const req = (url: string, over: Partial<FetchRequest> = {}): FetchRequest => ({
  url,
  method: 'GET',
  headers: {},
  payload: null,
  followRedirects: true,
  validateHttpsCertificates: true,
  ...over,
});

/**
 * Runs `use` (which calls UrlFetchApp) for real: pass 1 records the requests the facade makes, the host
 * sends them, pass 2 replays the host's answers to the facade.
 */
async function throughHost<T>(use: (app: ReturnType<typeof createUrlFetchApp>) => T) {
  const d = deps();
  const host = createFetchHost(d);
  const calls: { m: string; a: unknown[] }[] = [];
  const recording: HostPort = {
    call: <R>(_s: string, m: string, a: unknown[]) => {
      calls.push({ m, a: structuredClone(a) });
      return (m === 'fetch' ? { ok: true, status: 200, headers: [], body: new Uint8Array() } : (a[0] as unknown[]).map(() => ({ ok: true, status: 200, headers: [], body: new Uint8Array() }))) as R;
    },
  };
  const ctx1 = createDirectContext({});
  ctx1.port = recording;
  use(createUrlFetchApp(ctx1));
  const answers: unknown[] = [];
  for (const c of calls) answers.push(structuredClone(await (host[c.m](exec, ...c.a) as Promise<unknown>)));
  const ctx = createDirectContext({});
  ctx.port = { call: <R>() => answers.shift() as R };
  const run = () => use(createUrlFetchApp(ctx));
  return { run, ctx, deps: d, requests: calls.map((c) => c.a[0]) };
}

describe('UrlFetchApp host (loopback only)', () => {
  it('fetches from a loopback server, keeping header names as sent, and records the call', async () => {
    const d = deps();
    const host = createFetchHost(d);
    const o = (await host.fetch(exec, req(`${base}/hello`))) as FetchOutcome;
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.status).toBe(200);
    expect(Buffer.from(o.body).toString('utf8')).toBe('hello, мир');
    expect(o.headers.filter(([k]) => k === 'X-Multi')).toEqual([
      ['X-Multi', 'a'],
      ['X-Multi', 'b'],
    ]);
    expect(d.fetches).toEqual([
      expect.objectContaining({ execId: 'exec-fetch', url: `${base}/hello`, method: 'GET', status: 200, response: 'hello, мир' }),
    ]);
  });

  it('refuses any host that is not 127.0.0.1, localhost or [::1], sending nothing', async () => {
    const d = deps();
    const host = createFetchHost(d);
    for (const url of ['http://example.com/', 'https://api.telegram.org/bot1/sendMessage', 'http://10.0.0.1/', 'http://127.0.0.2/']) {
      const o = (await host.fetch(exec, req(url))) as FetchOutcome;
      expect(o).toEqual({ ok: false, error: notLoopbackMessage(url) });
    }
    expect(d.fetches.every((f) => f.status === null && f.error?.startsWith('UrlFetchApp in the local runtime only reaches loopback hosts'))).toBe(true);
    const local = (await host.fetch(exec, req(`${base.replace('127.0.0.1', 'localhost')}/hello`))) as FetchOutcome;
    expect(local.ok).toBe(true);
  });

  it('follows redirects unless followRedirects is false, and never out of loopback (url-fetch-app#fetch: followRedirects)', async () => {
    const host = createFetchHost(deps());
    const followed = (await host.fetch(exec, req(`${base}/redirect`))) as FetchOutcome;
    expect(followed.ok && followed.status).toBe(200);
    const kept = (await host.fetch(exec, req(`${base}/redirect`, { followRedirects: false }))) as FetchOutcome;
    expect(kept.ok && kept.status).toBe(302);
    expect(kept.ok && kept.headers.find(([k]) => k.toLowerCase() === 'location')?.[1]).toBe('/hello');
    const out = (await host.fetch(exec, req(`${base}/redirect-out`))) as FetchOutcome;
    expect(out).toEqual({ ok: false, error: notLoopbackMessage('http://example.com/') });
    const seeOther = (await host.fetch(exec, req(`${base}/see-other`, { method: 'POST', payload: new TextEncoder().encode('x') }))) as FetchOutcome;
    expect(seeOther.ok && JSON.parse(Buffer.from(seeOther.body).toString()).method).toBe('GET');
  });

  it('runs fetchAll requests in parallel (url-fetch-app#fetchAll)', async () => {
    const host = createFetchHost(deps());
    const t0 = performance.now();
    const outcomes = (await host.fetchAll(exec, [req(`${base}/slow`), req(`${base}/slow`), req(`${base}/slow`)])) as FetchOutcome[];
    expect(outcomes.map((o) => o.ok && o.status)).toEqual([200, 200, 200]);
    expect(performance.now() - t0).toBeLessThan(800);
  });

  it('reports a refused connection as "Address unavailable"', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const o = (await createFetchHost(deps()).fetch(exec, req(`http://127.0.0.1:${port}/`))) as FetchOutcome;
    expect(o).toEqual({ ok: false, error: `Address unavailable: http://127.0.0.1:${port}/` });
  });
});

describe('UrlFetchApp', () => {
  it('returns an HTTPResponse: code, text, headers (http-response#getResponseCode, #getContentText, #getHeaders, #getAllHeaders)', async () => {
    const { run } = await throughHost((app) => app.fetch(`${base}/hello`));
    const r = run();
    expect(r.getResponseCode()).toBe(200);
    expect(r.getContentText()).toBe('hello, мир');
    expect(r.getContentText('ISO-8859-1')).not.toBe('hello, мир');
    expect((r.getHeaders() as Record<string, string>)['X-Multi']).toBe('a');
    expect((r.getAllHeaders() as Record<string, unknown>)['X-Multi']).toEqual(['a', 'b']);
    expect((r.getAllHeaders() as Record<string, unknown>)['Content-Type']).toBe('text/plain; charset=utf-8');
  });

  it('throws "Request failed for <origin> returned code N. Truncated server response: ..." for a status >= 400 (url-fetch-app#fetch: muteHttpExceptions)', async () => {
    const { run } = await throughHost((app) => app.fetch(`${base}/missing`));
    expect(run).toThrow(
      `Request failed for ${base} returned code 404. Truncated server response: Not found here (use muteHttpExceptions option to examine full response)`,
    );
    const long = await throughHost((app) => app.fetch(`${base}/long`));
    expect(long.run).toThrow(`returned code 500. Truncated server response: ${'e'.repeat(147)}... (use muteHttpExceptions option to examine full response)`);
    expect(requestFailedMessage('https://api.telegram.org/bot123/sendMessage', 401, '{"ok":false}')).toBe(
      'Request failed for https://api.telegram.org returned code 401. Truncated server response: {"ok":false} (use muteHttpExceptions option to examine full response)',
    );
  });

  it('with muteHttpExceptions returns the response of a failed request instead', async () => {
    const { run } = await throughHost((app) => app.fetch(`${base}/missing`, { muteHttpExceptions: true }));
    const r = run();
    expect(r.getResponseCode()).toBe(404);
    expect(r.getContentText()).toBe('Not found here');
  });

  it('sends method, payload, contentType and headers (url-fetch-app#fetch(url, params))', async () => {
    const json = await throughHost((app) =>
      app.fetch(`${base}/echo`, {
        method: 'post',
        contentType: 'application/json',
        payload: JSON.stringify({ a: 1 }),
        headers: { Authorization: 'Bearer t' },
      }),
    );
    expect(JSON.parse(json.run().getContentText())).toEqual({ method: 'POST', contentType: 'application/json', body: '{"a":1}', auth: 'Bearer t' });
    // An object payload is sent as an HTML form.
    const form = await throughHost((app) => app.fetch(`${base}/echo`, { method: 'post', payload: { name: 'A B', n: 2 } }));
    expect(JSON.parse(form.run().getContentText())).toMatchObject({ contentType: 'application/x-www-form-urlencoded', body: 'name=A%20B&n=2' });
    // GET sends no body.
    const get = await throughHost((app) => app.fetch(`${base}/echo`, { payload: 'ignored' }));
    expect(JSON.parse(get.run().getContentText())).toMatchObject({ method: 'GET', body: '' });
  });

  it('fetchAll takes URLs and request objects and answers in order (url-fetch-app#fetchAll)', async () => {
    const { run } = await throughHost((app) => app.fetchAll([`${base}/hello`, { url: `${base}/missing`, muteHttpExceptions: true }]));
    expect(run().map((r) => r.getResponseCode())).toEqual([200, 404]);
    const failing = await throughHost((app) => app.fetchAll([`${base}/hello`, `${base}/missing`]));
    expect(failing.run).toThrow('returned code 404');
  });

  it('fails with the host\'s message for an unreachable target, and on a malformed URL', async () => {
    const { run } = await throughHost((app) => app.fetch('http://example.com/'));
    expect(run).toThrow(notLoopbackMessage('http://example.com/'));
    const app = createUrlFetchApp(createDirectContext({}));
    expect(() => app.fetch('not a url')).toThrow('Invalid argument: not a url');
  });

  it('counts one call per fetch and adds the time waited to the projection', async () => {
    const { run, ctx } = await throughHost((app) => app.fetch(`${base}/hello`).getResponseCode());
    const slowPort: HostPort = {
      call: <R>() => {
        const until = Date.now() + 30;
        while (Date.now() < until);
        return { ok: true, status: 200, headers: [], body: new Uint8Array() } as R;
      },
    };
    run();
    expect(ctx.meter.calls).toEqual({ 'UrlFetchApp.fetch': 1, 'HTTPResponse.getResponseCode': 1 });
    const slow = createDirectContext({});
    slow.port = slowPort;
    createUrlFetchApp(slow).fetch(`${base}/hello`);
    expect(slow.meter.waitMs).toBeGreaterThanOrEqual(29);
  });
});
