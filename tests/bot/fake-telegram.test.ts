// A real grammY bot, long polling a fake Telegram Bot API on loopback (client.apiRoot): the way the
// end-to-end test runs the bot against the local runtime. Also shows auto-retry on a 429.
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, type BotApp } from '../../bot/create-bot.ts';
import { FakeTelegram } from './fake-telegram.ts';
import { ANNA, FakeWebApp, LEAD, push, recordingLogger, tempDir, testConfig } from './helpers.ts';

let tg: FakeTelegram | undefined;
let app: BotApp | undefined;
afterEach(async () => {
  await app?.stop();
  await tg?.close();
  app = tg = undefined;
});

async function startBot() {
  tg = await FakeTelegram.start();
  const web = new FakeWebApp();
  const logs = recordingLogger();
  app = createBot(testConfig(tempDir(), { token: tg.token, apiRoot: tg.apiRoot }), { client: web, log: logs.log });
  const address = await app.intake.listen(0, '127.0.0.1');
  void app.bot.start({ drop_pending_updates: false });
  return { tg, app, web, logs, alertsUrl: `http://127.0.0.1:${address.port}/alerts` };
}

describe('the bot against a fake Telegram server', () => {
  it('polls, answers commands, delivers a pushed alert once and resolves it from its button', async () => {
    const { tg, web, logs, alertsUrl } = await startBot();
    web.onLink = () => ({ employee_name: 'Anna Ivanova', lang: 'en' });
    web.onViolation = ({ action }) => ({ text: `${action === 'excuse' ? 'Excused' : 'Confirmed'} by Lena Lead / Решение: Лена` });

    tg.userSays(ANNA, '/start K7Q2ZX');
    const greeting = await tg.waitFor(() => tg.messages(ANNA.id)[0]);
    expect(greeting.text).toContain('Hello, Anna Ivanova!');
    expect(tg.callsTo('getMe')).toHaveLength(1);

    const alert = {
      alert_id: 'AL-1',
      kind: 'violation',
      chat_id: String(LEAD.id),
      text: 'Break overrun: Anna Ivanova, 7 min / Превышение перерыва: Анна Иванова, 7 мин',
      buttons: [
        { text: 'Excuse / Оправдать', data: 'v:V1:excuse' },
        { text: 'Confirm / Подтвердить', data: 'v:V1:confirm' },
      ],
      created_at: Date.now(),
    };
    expect((await push(alertsUrl, { alerts: [alert] })).json.receipts).toEqual([{ alert_id: 'AL-1', delivered: true }]);
    await push(alertsUrl, { alerts: [alert] }, { ts: Date.now() + 1 });
    const leadMessages = tg.messages(LEAD.id);
    expect(leadMessages).toHaveLength(1);
    expect(leadMessages[0].reply_markup?.inline_keyboard[0].map((b) => b.text)).toEqual(['Excuse / Оправдать', 'Confirm / Подтвердить']);

    tg.userPresses(LEAD, leadMessages[0], 'v:V1:excuse');
    await tg.waitFor(() => tg.callsTo('editMessageText').length > 0);
    expect(web.calls.at(-1)).toEqual({ op: 'bot.violation', input: { chat_id: String(LEAD.id), violation_id: 'V1', action: 'excuse' } });
    expect(tg.callsTo('answerCallbackQuery')[0].payload).toMatchObject({ text: 'Excused by Lena Lead / Решение: Лена' });
    expect(leadMessages[0].text).toBe(`${alert.text}\n\nExcused by Lena Lead / Решение: Лена`);
    expect(leadMessages[0].reply_markup).toBeUndefined();
    expect(logs.errors()).toEqual([]);
  });

  it('retries a message Telegram refuses with 429 after retry_after', async () => {
    const { tg, web } = await startBot();
    web.onCommand = () => ({ text: 'Working since 09:00 / Работаете с 09:00' });
    tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    tg.userSays(ANNA, '/status');
    const reply = await tg.waitFor(() => tg.messages(ANNA.id)[0]);
    expect(reply.text).toBe('Working since 09:00 / Работаете с 09:00');
    const attempts = tg.callsTo('sendMessage');
    expect(attempts).toHaveLength(2);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(900);
  });
});
