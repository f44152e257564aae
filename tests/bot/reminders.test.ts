// /reminders in the bot: the list with a toggle per kind, setting minutes by command, and the toggles, in the
// sender's language, each change carrying a request id from its update or button press.
import { afterEach, describe, expect, it } from 'vitest';
import type { Reminder, ReminderChange } from '../../common/reminders.ts';
import { applyReminderChanges, defaultReminders } from '../../common/reminders.ts';
import { parseRemindersArgs } from '../../bot/features/reminders.ts';
import { WebAppError } from '../../bot/web-app/errors.ts';
import { ANNA, buttonUpdate, LEAD, testBot, textUpdate } from './helpers.ts';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});

/** A test bot whose web app keeps one person's reminders as the server would. */
function bot() {
  const t = testBot();
  let saved: Reminder[] = defaultReminders();
  const seen = new Set<string>();
  t.web.onReminders = ({ request_id, changes }) => {
    if (changes && request_id && !seen.has(request_id)) {
      seen.add(request_id);
      saved = applyReminderChanges(saved, changes as ReminderChange[]);
    }
    return { reminders: saved };
  };
  stops.push(async () => {
    await t.app.stop();
    expect(t.logs.errors()).toEqual([]);
  });
  return t;
}

describe('/reminders', () => {
  it('lists them in the sender\'s language with a button to turn each on', async () => {
    const { app, web, api } = bot();
    await app.bot.handleUpdate(textUpdate(ANNA, '/reminders'));
    expect(web.calls).toEqual([{ op: 'bot.reminders', input: { chat_id: '1001' } }]);
    const [reply] = api.of('sendMessage');
    expect(reply.payload.text).toContain('Ваши напоминания');
    expect(reply.payload.text).toContain('⬜️ За 5 мин до перерыва или обеда по плану — выкл.');
    const buttons = reply.payload.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b: { callback_data: string }) => b.callback_data)).toEqual(['rm:before_break:1', 'rm:break_ending:1', 'rm:shift_end:1']);
  });

  it('sets the minutes (and turns it on) with /reminders <kind> <minutes>, once per update', async () => {
    const { app, web, api } = bot();
    const update = textUpdate(LEAD, '/reminders before_break 10');
    await app.bot.handleUpdate(update);
    expect(web.calls[0]).toEqual({
      op: 'bot.reminders',
      input: { chat_id: String(LEAD.id), request_id: `tg-upd-${update.update_id}`, changes: [{ kind: 'before_break', enabled: true, minutes: 10 }] },
    });
    const text = api.of('sendMessage')[0].payload.text as string;
    expect(text).toMatch(/^Saved\./);
    expect(text).toContain('✅ 10 min before a planned break or lunch — on');
  });

  it('explains the usage for what it cannot read, without calling the server', async () => {
    const { app, web, api } = bot();
    for (const bad of ['/reminders lunch 10', '/reminders before_break 0', '/reminders before_break 500', '/reminders shift_end 5', '/reminders before_break']) {
      await app.bot.handleUpdate(textUpdate(LEAD, bad));
    }
    expect(web.calls).toEqual([]);
    expect(api.of('sendMessage').every((c) => String(c.payload.text).startsWith('I did not understand'))).toBe(true);
  });

  it('turns one on with its button, then edits the message to show it; a repeated press is the same request', async () => {
    const { app, web, api } = bot();
    await app.bot.handleUpdate(textUpdate(ANNA, '/reminders'));
    const sent = api.of('sendMessage')[0];
    const message = { message_id: 500, text: sent.payload.text as string };
    const press = buttonUpdate(ANNA, 'rm:shift_end:1', { id: ANNA.id, type: 'private', first_name: 'Anna' }, message);
    await app.bot.handleUpdate(press);
    expect(web.calls[1].input).toEqual({ chat_id: '1001', request_id: `tg-cb-${press.callback_query!.id}`, changes: [{ kind: 'shift_end', enabled: true }] });
    expect(api.of('answerCallbackQuery')[0].payload.text).toBe('Сохранено.');
    const edit = api.of('editMessageText')[0].payload;
    expect(edit.text).toContain('✅ В конце смены, если вы ещё не вышли — вкл.');
    expect(edit.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data)).toContain('rm:shift_end:0');
  });

  it('shows the server\'s refusal (a chat not linked) as a pop-up', async () => {
    const { app, web, api } = bot();
    web.onReminders = () => {
      throw new WebAppError('unauthorized', 'This chat is not linked / Этот чат не привязан');
    };
    await app.bot.handleUpdate(buttonUpdate(ANNA, 'rm:before_break:1', { id: ANNA.id, type: 'private', first_name: 'Anna' }, { message_id: 9, text: 'x' }));
    expect(api.of('answerCallbackQuery')[0].payload).toMatchObject({ text: 'This chat is not linked / Этот чат не привязан', show_alert: true });
  });

  it('reads its arguments', () => {
    expect(parseRemindersArgs('')).toBe('show');
    expect(parseRemindersArgs(' break_ending  off ')).toEqual({ kind: 'break_ending', enabled: false });
    expect(parseRemindersArgs('shift_end вкл')).toEqual({ kind: 'shift_end', enabled: true });
    expect(parseRemindersArgs('break_ending 3')).toEqual({ kind: 'break_ending', enabled: true, minutes: 3 });
    expect(parseRemindersArgs('nope 3')).toBeNull();
  });
});
