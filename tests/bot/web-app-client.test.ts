// The web-app client against a loopback server that behaves like Apps Script (text/plain POST, a 302 to the
// reply) and checks each request's signature as the server must: canonical JSON without sig, keys sorted.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../bot/signing.ts';
import { HttpWebAppClient } from '../../bot/web-app/client.ts';
import { WebAppError, WebAppUnavailableError } from '../../bot/web-app/errors.ts';
import { SECRET } from './helpers.ts';

interface Seen {
  contentType: string | undefined;
  body: Record<string, unknown>;
  sigValid: boolean;
}

let servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  servers = [];
});

/** Sorted-key JSON written out independently of bot/signing.ts (objects only one level of nesting deep here). */
function serverCanonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(serverCanonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${serverCanonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** An Apps Script-like web app: answers each POST with a 302 to a one-time echo URL holding `reply(body)`. */
async function fakeWebApp(reply: (body: Record<string, unknown>) => { type: string; text: string }) {
  const seen: Seen[] = [];
  const echoes = new Map<string, { type: string; text: string }>();
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const echo = /^\/echo\/(\d+)$/.exec(req.url ?? '');
      if (echo && req.method === 'GET') {
        const e = echoes.get(echo[1]);
        echoes.delete(echo[1]);
        res.writeHead(e ? 200 : 404, { 'content-type': e?.type ?? 'text/plain' });
        return res.end(e?.text ?? 'gone');
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const { sig, ...rest } = body;
      const expected = createHmac('sha256', SECRET).update(serverCanonical(rest)).digest('hex');
      seen.push({ contentType: req.headers['content-type'], body, sigValid: sig === expected });
      const id = String(++n);
      echoes.set(id, reply(body));
      res.writeHead(302, { location: `/echo/${id}` });
      res.end();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/exec`, seen };
}

const json = (v: unknown) => ({ type: 'application/json', text: JSON.stringify(v) });

describe('canonical JSON', () => {
  it('sorts keys at every depth and keeps array order', () => {
    const body = { ts: 1, op: 'bot.alerts.ack', receipts: [{ delivered: true, alert_id: 'a1' }, { error: 'x', alert_id: 'a0', delivered: false }], nonce: 'n' };
    expect(canonicalJson(body)).toBe(
      '{"nonce":"n","op":"bot.alerts.ack","receipts":[{"alert_id":"a1","delivered":true},{"alert_id":"a0","delivered":false,"error":"x"}],"ts":1}',
    );
    expect(canonicalJson({ b: undefined, a: [undefined], c: null })).toBe('{"a":[null],"c":null}');
  });
});

describe('HttpWebAppClient', () => {
  it('POSTs signed text/plain requests, follows the redirect and returns the reply', async () => {
    const app = await fakeWebApp((b) => json({ ok: true, text: `you asked ${b.command}` }));
    const client = new HttpWebAppClient({ url: app.url, secret: SECRET, now: () => 1_760_000_000_000 });
    const reply = await client.command({ chat_id: '1001', command: 'status', command_id: 5001 });
    await client.ackAlerts([{ alert_id: 'a1', delivered: false, error: 'Telegram 403: blocked' }]);

    expect(reply).toMatchObject({ text: 'you asked status' });
    expect(app.seen).toHaveLength(2);
    for (const s of app.seen) {
      expect(s.contentType).toBe('text/plain;charset=utf-8');
      expect(s.sigValid).toBe(true);
      expect(s.body.ts).toBe(1_760_000_000_000);
      expect(s.body.nonce).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(app.seen[0].body).toMatchObject({ op: 'bot.command', chat_id: '1001', command: 'status', command_id: 5001 });
    expect(app.seen[1].body).toMatchObject({ op: 'bot.alerts.ack', receipts: [{ alert_id: 'a1', delivered: false, error: 'Telegram 403: blocked' }] });
    expect(app.seen[0].body.nonce).not.toBe(app.seen[1].body.nonce);
  });

  it('a signature made with another secret does not verify', async () => {
    const app = await fakeWebApp(() => json({ ok: true, alerts: [] }));
    await new HttpWebAppClient({ url: app.url, secret: 'not-the-shared-secret-at-all' }).pullAlerts(10);
    expect(app.seen[0].sigValid).toBe(false);
  });

  it('turns {ok:false} into a WebAppError with the server code and message', async () => {
    const app = await fakeWebApp(() => json({ ok: false, error: { code: 'forbidden', message: 'Leads only / Только для руководителей' } }));
    const err = await new HttpWebAppClient({ url: app.url, secret: SECRET }).command({ chat_id: '1', command: 'who', command_id: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(WebAppError);
    expect(err).toMatchObject({ code: 'forbidden', message: 'Leads only / Только для руководителей' });
  });

  it('treats an HTML error page, a wrong shape and a dead server as unavailable', async () => {
    const html = await fakeWebApp(() => ({ type: 'text/html', text: '<html>Too many simultaneous invocations</html>' }));
    const e1 = await new HttpWebAppClient({ url: html.url, secret: SECRET }).command({ chat_id: '1', command: 'status', command_id: 1 }).catch((e) => e);
    expect(e1).toBeInstanceOf(WebAppUnavailableError);
    expect(e1.message).toContain('without JSON');

    const shape = await fakeWebApp(() => json({ ok: true, employee_name: 5 }));
    const e2 = await new HttpWebAppClient({ url: shape.url, secret: SECRET }).link({ code: 'C', chat_id: '1' }).catch((e) => e);
    expect(e2).toBeInstanceOf(WebAppUnavailableError);
    expect(e2.message).toContain('unexpected reply');

    const e3 = await new HttpWebAppClient({ url: 'http://127.0.0.1:1/exec', secret: SECRET }).pullAlerts(1).catch((e) => e);
    expect(e3).toBeInstanceOf(WebAppUnavailableError);
  });
});
