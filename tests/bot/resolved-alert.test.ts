// A violation decided in the console reaches the lead chat: the server enqueues an alert that rewrites the
// violation's alert (edit_of), and the bot edits the message it posted (its buttons go), across a restart
// of the bot too; when it cannot (the message is unknown or gone), it posts the text as a new message.
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../common/bot-api.ts';
import { createBot, type BotApp } from '../../bot/create-bot.ts';
import { FakeTelegram } from './fake-telegram.ts';
import { FakeWebApp, LEAD, push, recordingLogger, tempDir, testConfig } from './helpers.ts';

let tg: FakeTelegram | undefined;
const apps: BotApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  await tg?.close();
  tg = undefined;
});

async function startBot(dataDir = tempDir()) {
  tg ??= await FakeTelegram.start();
  const logs = recordingLogger();
  const app = createBot(testConfig(dataDir, { token: tg.token, apiRoot: tg.apiRoot }), { client: new FakeWebApp(), log: logs.log });
  apps.push(app);
  const address = await app.intake.listen(0, '127.0.0.1');
  return { tg, app, logs, dataDir, alertsUrl: `http://127.0.0.1:${address.port}/alerts` };
}

const chat = String(LEAD.id);
const violation: Alert = {
  alert_id: 'L-20261124-abc123',
  kind: 'violation',
  chat_id: chat,
  text: '⚠️ Превышение перерыва / Break overrun\nАнна Иванова · support-l1 · 2026-11-24',
  buttons: [
    { text: 'Уважительная / Excuse', data: 'v:V-20261124-abc123:excuse' },
    { text: 'Подтвердить / Confirm', data: 'v:V-20261124-abc123:confirm' },
  ],
  created_at: 1,
};
const decided: Alert = {
  alert_id: 'R-20261124-abc123',
  kind: 'violation',
  chat_id: chat,
  edit_of: 'L-20261124-abc123',
  text: `${violation.text}\n\n✅ Уважительная причина / Excused — Дмитрий Петров: forgot to switch back`,
  created_at: 2,
};

describe('a violation decided in the console, in the lead chat', () => {
  it('rewrites the alert the bot posted, without its buttons, once', async () => {
    const { tg, alertsUrl, logs } = await startBot();
    await push(alertsUrl, { alerts: [violation] });
    const [message] = tg.messages(LEAD.id);
    expect(message.reply_markup?.inline_keyboard[0]).toHaveLength(2);

    expect((await push(alertsUrl, { alerts: [decided] })).json.receipts).toEqual([{ alert_id: decided.alert_id, delivered: true }]);
    await push(alertsUrl, { alerts: [decided] }, { ts: Date.now() + 1 });
    expect(tg.messages(LEAD.id)).toHaveLength(1);
    expect(message.text).toBe(decided.text);
    expect(message.history).toEqual([violation.text]);
    expect(message.reply_markup).toBeUndefined();
    expect(tg.callsTo('editMessageText')).toHaveLength(1);
    expect(logs.errors()).toEqual([]);
  });

  it('remembers where the alert was posted across a restart of the bot', async () => {
    const first = await startBot();
    await push(first.alertsUrl, { alerts: [violation] });
    await first.app.stop();
    apps.splice(0);
    const second = await startBot(first.dataDir);
    await push(second.alertsUrl, { alerts: [decided] });
    expect(second.tg.messages(LEAD.id)).toHaveLength(1);
    expect(second.tg.messages(LEAD.id)[0].text).toBe(decided.text);
  });

  it('waits for the alert it rewrites when both come in one push', async () => {
    const { tg, alertsUrl } = await startBot();
    await push(alertsUrl, { alerts: [violation, decided] });
    expect(tg.messages(LEAD.id)).toHaveLength(1);
    expect(tg.messages(LEAD.id)[0].text).toBe(decided.text);
  });

  it('posts the decision as a new message when the alert is unknown here or cannot be edited', async () => {
    const { tg, alertsUrl, logs } = await startBot();
    await push(alertsUrl, { alerts: [decided] });
    expect(tg.messages(LEAD.id).map((m) => m.text)).toEqual([decided.text]);

    await push(alertsUrl, { alerts: [{ ...violation, alert_id: 'L-20261124-def456' }] });
    tg.failNext('editMessageText', { error_code: 400, description: 'Bad Request: message to edit not found' });
    await push(alertsUrl, { alerts: [{ ...decided, alert_id: 'R-20261124-def456', edit_of: 'L-20261124-def456' }] });
    expect(tg.messages(LEAD.id)).toHaveLength(3);
    expect(tg.messages(LEAD.id)[2].text).toBe(decided.text);
    expect(logs.warnings()).toEqual([expect.stringContaining('could not rewrite the message of alert L-20261124-def456')]);
  });
});
