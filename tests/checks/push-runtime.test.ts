// The push to the bot for real: the checkBreaks trigger runs in the local runtime (its own worker and vm
// context, as on Google), and UrlFetchApp.fetchAll reaches a tiny loopback server standing in for the bot,
// which checks the HMAC signature and timestamp of every request. In-process, UrlFetchApp cannot wait for an
// async host, so this is where gas/alert-push.ts is exercised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../../emulator/clock.ts';
import { Runtime } from '../../emulator/runtime/runtime.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import type { Alert } from '../../common/bot-api.ts';
import { buildChecksBundle } from './fixtures/bundle.ts';
import { at, DATE, LEAD_CHAT, SECRET, signedBody } from './helpers.ts';

interface Received {
  path: string;
  ts: number;
  validSignature: boolean;
  alerts: Alert[];
}

let runtime: Runtime;
let clock: Clock;
let server: http.Server;
let botUp = false;
const received: Received[] = [];

async function run<T = any>(fn: string, args: unknown[] = []): Promise<T> {
  const r = await runtime.run(fn, args);
  if (r.error) throw new Error(`${fn}: ${r.error.message}`);
  return (r.result?.kind === 'json' ? JSON.parse(r.result.json) : undefined) as T;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['x-wtt-timestamp'] ?? '');
      const expected = createHmac('sha256', SECRET).update(`${ts}.${body}`, 'utf8').digest('hex');
      const alerts = (JSON.parse(body) as { alerts: Alert[] }).alerts;
      received.push({ path: req.url ?? '', ts: Number(ts), validSignature: req.headers['x-wtt-signature'] === expected, alerts });
      if (!botUp) {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"ok":false}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ receipts: alerts.map((a) => ({ alert_id: a.alert_id, delivered: true })) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  clock = new Clock();
  clock.set(at('08:00'), { frozen: true });
  const bundleDir = await buildChecksBundle();
  runtime = await Runtime.open({
    workbookFile: join(mkdtempSync(join(tmpdir(), 'wtt-checks-')), 'workbook.xlsx'),
    bundleDir,
    clock,
    workbooks: new MemoryWorkbookStore('Europe/Moscow'),
  });
  await run('prepare', [DATE, botUrl, SECRET, LEAD_CHAT]);
  await run('checkBreaks'); // the trigger's first run: it catches up and alerts nobody
  expect(received).toEqual([]);
  clock.set(at('09:00'));
  await run('sync', ['e001', 1, 'work']);
  clock.set(at('11:00'));
  await run('sync', ['e001', 2, 'break']);
});

afterAll(async () => {
  await runtime?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

const overrunAlerts = (rs: Received[]) => rs.flatMap((r) => r.alerts).filter((a) => a.kind === 'violation' && a.text.includes('Break overrun') && a.text.includes('Анна Иванова'));

describe('pushing alerts to the bot over HTTP', () => {
  it('signs every push, retries after a failure with backoff, and delivers each alert once', async () => {
    // The bot is down when the overrun is found.
    clock.set(at('11:18'));
    const failed = await run('checkBreaks');
    expect(failed.delivery.pushed).toBeGreaterThan(0);
    expect(failed.delivery).toMatchObject({ sent: 0, retried: failed.delivery.pushed });
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.path === '/alerts' && r.validSignature && r.ts === at('11:18'))).toBe(true);
    // One request per chat, sent together.
    const chats = received.map((r) => r.alerts[0].chat_id);
    expect(new Set(chats).size).toBe(chats.length);
    expect(received.every((r) => r.alerts.every((a) => a.chat_id === r.alerts[0].chat_id))).toBe(true);
    expect(overrunAlerts(received)).toHaveLength(1);
    const outbox = await run<unknown[][]>('outbox');
    const row = outbox.find((r) => r[0] === overrunAlerts(received)[0].alert_id)!;
    // status, attempts, next_try_at, error
    expect([row[5], row[6], row[7]]).toEqual(['pending', 1, at('11:19')]);
    expect(String(row[9])).toContain('HTTP 503');

    // Up again, but the backoff has not passed: nothing is sent.
    botUp = true;
    const before = received.length;
    clock.set(at('11:18') + 30_000);
    expect((await run('checkBreaks')).delivery.pushed).toBe(0);
    expect(received.length).toBe(before);

    // After the backoff: delivered, marked sent, and never pushed again.
    clock.set(at('11:19'));
    const delivered = await run('checkBreaks');
    expect(delivered.delivery).toMatchObject({ sent: delivered.delivery.pushed, retried: 0 });
    expect(overrunAlerts(received.slice(before))).toHaveLength(1);
    const pushedAt1119 = received.slice(before);
    expect(pushedAt1119.every((r) => r.validSignature && r.ts === at('11:19'))).toBe(true);

    clock.set(at('11:25'));
    await run('checkBreaks');
    expect(overrunAlerts(received)).toHaveLength(2); // the failed try and the delivery
    const sent = (await run<unknown[][]>('outbox')).find((r) => r[0] === overrunAlerts(received)[0].alert_id)!;
    expect([sent[5], sent[6], sent[8]]).toEqual(['sent', 2, at('11:19')]);
  });

  it('answers bot ops signed with the secret and refuses others, through the bundle', async () => {
    const now = clock.now();
    const good = await run('botOp', [signedBody({ op: 'bot.alerts.pull', limit: 5 }, { ts: now })]);
    expect(good.ok).toBe(true);
    const bad = await run('botOp', [signedBody({ op: 'bot.alerts.pull', limit: 5 }, { ts: now, secret: 'wrong' })]);
    expect(bad.error).toMatchObject({ code: 'unauthorized', details: { reason: 'bad_signature' } });
  });
});
