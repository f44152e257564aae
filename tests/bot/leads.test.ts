// The excuse/confirm buttons of violation alerts: the web app is asked (for the person who pressed), the
// callback query is answered, and the alert is edited to show the resolution without its buttons.
import { afterEach, describe, expect, it } from 'vitest';
import { WebAppError } from '../../bot/web-app/errors.ts';
import { ANNA, LEAD, LEAD_CHAT, buttonUpdate, testBot } from './helpers.ts';

const ALERT_TEXT = 'Break overrun: Anna Ivanova, 7 min over / Превышение перерыва: Анна Иванова, на 7 мин';
const ALERT_MESSAGE = { message_id: 77, text: ALERT_TEXT };

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});
/** A test bot; after the test, no handler may have crashed (bot.catch would hide it from the test). */
function bot() {
  const t = testBot();
  stops.push(async () => {
    await t.app.stop();
    expect(t.logs.errors()).toEqual([]);
  });
  return t;
}

describe('violation buttons', () => {
  it('excuse: calls bot.violation for the lead who pressed, answers the query and edits the alert', async () => {
    const { app, web, api } = bot();
    web.onViolation = ({ action, violation_id }) => ({ text: `${action}d ${violation_id} by Lena Lead / Оправдано` });
    await app.bot.handleUpdate(buttonUpdate(LEAD, 'v:V-2026-0042:excuse', LEAD_CHAT, ALERT_MESSAGE));

    expect(web.calls).toEqual([{ op: 'bot.violation', input: { chat_id: '2002', violation_id: 'V-2026-0042', action: 'excuse' } }]);
    expect(api.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(api.calls[0].payload).toMatchObject({ text: 'excused V-2026-0042 by Lena Lead / Оправдано' });
    const edit = api.calls[1].payload;
    expect(edit).toMatchObject({ chat_id: -3003, message_id: 77, text: `${ALERT_TEXT}\n\nexcused V-2026-0042 by Lena Lead / Оправдано` });
    expect(edit.reply_markup).toBeUndefined(); // the buttons are gone
  });

  it('confirm: without a text from the server the bot names who confirmed, in both languages', async () => {
    const { app, web, api } = bot();
    web.onViolation = () => ({ text: '' });
    await app.bot.handleUpdate(buttonUpdate(LEAD, 'v:V9:confirm', LEAD_CHAT, ALERT_MESSAGE));
    expect(web.calls[0].input).toMatchObject({ violation_id: 'V9', action: 'confirm' });
    expect(api.of('editMessageText')[0].payload.text).toBe(`${ALERT_TEXT}\n\nConfirmed by Lena Lead.\n\nПодтверждено: Lena Lead.`);
  });

  it('a refused press (not a lead) is answered with the server message as an alert, and the buttons stay', async () => {
    const { app, web, api } = bot();
    web.onViolation = () => {
      throw new WebAppError('forbidden', 'Only the group lead can resolve this / Решение принимает руководитель группы');
    };
    await app.bot.handleUpdate(buttonUpdate(ANNA, 'v:V9:excuse', LEAD_CHAT, ALERT_MESSAGE));
    expect(api.calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(api.calls[0].payload).toMatchObject({ text: 'Only the group lead can resolve this / Решение принимает руководитель группы', show_alert: true });
  });

  it('an already resolved violation (conflict) shows that resolution and drops the stale buttons', async () => {
    const { app, web, api } = bot();
    web.onViolation = () => {
      throw new WebAppError('conflict', 'Already excused by Oleg / Уже оправдано: Олег');
    };
    await app.bot.handleUpdate(buttonUpdate(LEAD, 'v:V9:confirm', LEAD_CHAT, ALERT_MESSAGE));
    expect(api.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(api.calls[1].payload.text).toBe(`${ALERT_TEXT}\n\nAlready excused by Oleg / Уже оправдано: Олег`);
  });

  it('an unknown button is answered (the spinner stops) without asking the server', async () => {
    const { app, web, api } = bot();
    await app.bot.handleUpdate(buttonUpdate(LEAD, 'v:V9:delete', LEAD_CHAT, ALERT_MESSAGE));
    await app.bot.handleUpdate(buttonUpdate(LEAD, 'something-else', LEAD_CHAT, ALERT_MESSAGE));
    expect(web.calls).toEqual([]);
    expect(api.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'answerCallbackQuery']);
  });

  it('a long server answer is clipped to the 200 characters Telegram allows in a callback answer', async () => {
    const { app, web, api } = bot();
    const long = 'x'.repeat(500);
    web.onViolation = () => ({ text: long });
    await app.bot.handleUpdate(buttonUpdate(LEAD, 'v:V9:excuse', LEAD_CHAT, ALERT_MESSAGE));
    expect((api.of('answerCallbackQuery')[0].payload.text as string).length).toBe(200);
    expect(api.of('editMessageText')[0].payload.text).toBe(`${ALERT_TEXT}\n\n${long}`);
  });

  it('an edit Telegram refuses (message too old) is logged, not thrown', async () => {
    const { app, web, api, logs } = bot();
    web.onViolation = () => ({ text: 'ok' });
    api.failNext('editMessageText', { error_code: 400, description: "Bad Request: message can't be edited" });
    await app.bot.handleUpdate(buttonUpdate(LEAD, 'v:V9:excuse', LEAD_CHAT, ALERT_MESSAGE));
    expect(api.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(logs.warnings()).toEqual([expect.stringContaining("message can't be edited")]);
  });
});
