// The alert intake (POST /alerts) over loopback HTTP: signature, freshness and replays are checked before
// anything is sent, each alert_id reaches Telegram once (also across a restart), and receipts say so.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALERT_MAX_AGE_MS, type Alert } from '../../common/bot-api.ts';
import { LEAD_CHAT, push, SECRET, tempDir, testBot } from './helpers.ts';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function intakeBot(dataDir = tempDir(), deps = {}) {
  const t = testBot(dataDir, deps);
  const address = await t.app.intake.listen(0, '127.0.0.1');
  cleanups.push(() => t.app.stop());
  return { ...t, url: `http://127.0.0.1:${address.port}/alerts` };
}

const violation = (id: string, over: Partial<Alert> = {}): Alert => ({
  alert_id: id,
  kind: 'violation',
  chat_id: String(LEAD_CHAT.id),
  text: `Break overrun ${id} / Превышение перерыва ${id}`,
  buttons: [
    { text: 'Excuse / Оправдать', data: `v:${id}:excuse` },
    { text: 'Confirm / Подтвердить', data: `v:${id}:confirm` },
  ],
  created_at: Date.now(),
  ...over,
});
const nudge = (id: string): Alert => ({ alert_id: id, kind: 'nudge', chat_id: '1001', text: 'Your break ends in 2 minutes / Перерыв закончится через 2 минуты', created_at: Date.now() });

describe('alert intake', () => {
  it('delivers a signed push, with its buttons, and answers a receipt per alert', async () => {
    const { url, api } = await intakeBot();
    const r = await push(url, { alerts: [violation('A1'), nudge('A2')] });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, receipts: [{ alert_id: 'A1', delivered: true }, { alert_id: 'A2', delivered: true }] });
    const sent = api.of('sendMessage');
    expect(sent.map((c) => [c.payload.chat_id, c.payload.text])).toEqual([
      ['-3003', 'Break overrun A1 / Превышение перерыва A1'],
      ['1001', 'Your break ends in 2 minutes / Перерыв закончится через 2 минуты'],
    ]);
    expect(sent[0].payload.reply_markup).toEqual({
      inline_keyboard: [[
        { text: 'Excuse / Оправдать', callback_data: 'v:A1:excuse' },
        { text: 'Confirm / Подтвердить', callback_data: 'v:A1:confirm' },
      ]],
    });
    expect(sent[1].payload.reply_markup).toBeUndefined();
  });

  it('refuses a bad signature, sending nothing', async () => {
    const { url, api } = await intakeBot();
    const wrongKey = await push(url, { alerts: [nudge('B1')] }, { secret: 'another-secret-entirely-xx' });
    const garbage = await push(url, { alerts: [nudge('B1')] }, { signature: 'nothex' });
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ alerts: [nudge('B1')] }) });
    expect([wrongKey.status, garbage.status, res.status]).toEqual([401, 401, 401]);
    expect(wrongKey.json.error).toEqual({ code: 'unauthorized', message: 'bad signature' });
    expect(api.calls).toEqual([]);
  });

  it('refuses a body changed after signing', async () => {
    const { url, api } = await intakeBot();
    const ts = String(Date.now());
    const signed = JSON.stringify({ alerts: [nudge('B2')] });
    const { contractPushSignature } = await import('./helpers.ts');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'x-wtt-timestamp': ts, 'x-wtt-signature': contractPushSignature(SECRET, ts, signed) },
      body: signed.replace('1001', '9999'),
    });
    expect(res.status).toBe(401);
    expect(api.calls).toEqual([]);
  });

  it('refuses a stale (or far future) timestamp even when correctly signed', async () => {
    const { url, api } = await intakeBot();
    const old = await push(url, { alerts: [nudge('C1')] }, { ts: Date.now() - ALERT_MAX_AGE_MS - 5_000 });
    const future = await push(url, { alerts: [nudge('C1')] }, { ts: Date.now() + ALERT_MAX_AGE_MS + 5_000 });
    expect([old.status, future.status]).toEqual([401, 401]);
    expect(old.json.error.message).toMatch(/stale timestamp/);
    expect(api.calls).toEqual([]);
    // Inside the window it goes through.
    expect((await push(url, { alerts: [nudge('C1')] }, { ts: Date.now() - ALERT_MAX_AGE_MS + 10_000 })).status).toBe(200);
    expect(api.of('sendMessage')).toHaveLength(1);
  });

  it('judges freshness by the injected clock (the local runtime clock in end-to-end runs)', async () => {
    const advanced = Date.now() + 3 * 3600_000;
    const { url, api } = await intakeBot(tempDir(), { now: () => advanced });
    expect((await push(url, { alerts: [nudge('C2')] })).status).toBe(401);
    expect((await push(url, { alerts: [nudge('C2')] }, { ts: advanced })).status).toBe(200);
    expect(api.of('sendMessage')).toHaveLength(1);
  });

  it('refuses an exact replay of a request, and delivers a replayed alert_id only once', async () => {
    const { url, api } = await intakeBot();
    const ts = Date.now();
    const body = { alerts: [violation('D1')] };
    const first = await push(url, body, { ts });
    const replay = await push(url, body, { ts });
    expect(first.status).toBe(200);
    expect(replay.status).toBe(409);
    // The server retrying the same alert in a new request: answered delivered, not sent again.
    const retry = await push(url, { alerts: [violation('D1'), nudge('D2')] }, { ts: ts + 1 });
    expect(retry.json.receipts).toEqual([{ alert_id: 'D1', delivered: true }, { alert_id: 'D2', delivered: true }]);
    expect(api.of('sendMessage').map((c) => c.payload.text)).toEqual(['Break overrun D1 / Превышение перерыва D1', 'Your break ends in 2 minutes / Перерыв закончится через 2 минуты']);
  });

  it('remembers delivered alert_ids across a restart with the same data dir', async () => {
    const dir = tempDir();
    const before = await intakeBot(dir);
    await push(before.url, { alerts: [violation('E1')] });
    await before.app.stop();
    const file = path.join(dir, 'delivered-alerts.json');
    expect(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).delivered)).toEqual(['E1']);

    const after = await intakeBot(dir);
    const r = await push(after.url, { alerts: [violation('E1'), violation('E2')] });
    expect(r.json.receipts).toEqual([{ alert_id: 'E1', delivered: true }, { alert_id: 'E2', delivered: true }]);
    expect(after.api.of('sendMessage').map((c) => c.payload.text)).toEqual(['Break overrun E2 / Превышение перерыва E2']);
  });

  it('reports a Telegram refusal as not delivered, and delivers on a later offer', async () => {
    const { url, api } = await intakeBot();
    api.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const r1 = await push(url, { alerts: [nudge('F1')] });
    expect(r1.json.receipts).toEqual([{ alert_id: 'F1', delivered: false, error: 'Telegram 403: Forbidden: bot was blocked by the user' }]);
    const r2 = await push(url, { alerts: [nudge('F1')] }, { ts: Date.now() + 1 });
    expect(r2.json.receipts).toEqual([{ alert_id: 'F1', delivered: true }]);
    expect(api.of('sendMessage')).toHaveLength(2);
  });

  it('follows a group that became a supergroup to its new chat id', async () => {
    const { url, api, logs } = await intakeBot();
    api.failNext('sendMessage', { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1009876 } });
    const r = await push(url, { alerts: [violation('G1')] });
    expect(r.json.receipts).toEqual([{ alert_id: 'G1', delivered: true }]);
    expect(api.of('sendMessage').map((c) => c.payload.chat_id)).toEqual(['-3003', '-1009876']);
    expect(logs.warnings()).toEqual([expect.stringContaining('update telegram_chat_id')]);
  });

  it('answers a malformed alert with a failed receipt and still delivers the rest of the batch', async () => {
    const { url, api } = await intakeBot();
    const r = await push(url, { alerts: [{ alert_id: 'H1', kind: 'nudge', chat_id: '1001' }, { text: 'no id' }, nudge('H2')] });
    expect(r.status).toBe(200);
    expect(r.json.receipts).toHaveLength(2);
    expect(r.json.receipts[0]).toMatchObject({ alert_id: 'H1', delivered: false, error: expect.stringContaining('invalid alert') });
    expect(r.json.receipts[1]).toEqual({ alert_id: 'H2', delivered: true });
    expect(api.of('sendMessage')).toHaveLength(1);
  });

  it('refuses a body that is not {"alerts": [...]}', async () => {
    const { url } = await intakeBot();
    const r = await push(url, [nudge('I1')]);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('bad_request');
  });

  it('answers "still being sent" past its deadline, then "delivered" on the retry without a second message', async () => {
    const { url, api } = await intakeBot(tempDir(), { intakeDeadlineMs: 50 });
    api.setDelay(300);
    const r1 = await push(url, { alerts: [nudge('J1')] });
    expect(r1.json.receipts).toEqual([{ alert_id: 'J1', delivered: false, error: expect.stringContaining('still being sent') }]);
    // A retry while the first send is still on its way joins it rather than sending again.
    const r2 = await push(url, { alerts: [nudge('J1')] }, { ts: Date.now() + 1 });
    expect(r2.json.receipts[0].delivered).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    const r3 = await push(url, { alerts: [nudge('J1')] }, { ts: Date.now() + 2 });
    expect(r3.json.receipts).toEqual([{ alert_id: 'J1', delivered: true }]);
    expect(api.of('sendMessage')).toHaveLength(1);
  });

  it('answers GET /health and 404 elsewhere', async () => {
    const { url } = await intakeBot();
    const health = await fetch(url.replace('/alerts', '/health'));
    expect(await health.json()).toEqual({ ok: true, service: 'worktimetracker-bot' });
    expect((await fetch(url.replace('/alerts', '/nope'))).status).toBe(404);
    expect((await fetch(url)).status).toBe(405);
  });
});
