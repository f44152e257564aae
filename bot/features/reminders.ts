// /reminders: the sender's personal reminders with a button per kind to turn it on or off, and
// `/reminders <kind> <minutes|on|off>` to set one. The web app keeps them (op bot.reminders) and answers the
// list; the bot words it in the sender's Telegram language. Each change carries a request id made from the
// Telegram update or button press, so a repeat of the same request changes nothing more on the server.
import { Composer, InlineKeyboard, type Context } from 'grammy';
import { MAX_REMINDER_MINUTES, MIN_REMINDER_MINUTES, REMINDER_KINDS, type Reminder, type ReminderChange, type ReminderKind } from '../../common/reminders.ts';
import { say, type TextKey } from '../i18n.ts';
import { describeError, type Logger } from '../log.ts';
import type { WebAppClient } from '../web-app/client.ts';
import { explainFailure, personChatId } from './failure.ts';

/** callback_data of the toggles: 'rm:<kind>:1' turns it on, 'rm:<kind>:0' off (a state, not a flip: a repeat is harmless). */
const TOGGLE = /^rm:(before_break|break_ending|shift_end):([01])$/;
const CALLBACK_ANSWER_MAX = 200;

const LABEL: Record<ReminderKind, TextKey> = {
  before_break: 'reminderBeforeBreak',
  break_ending: 'reminderBreakEnding',
  shift_end: 'reminderShiftEnd',
};

/** What `/reminders ...` asks for: nothing (show them), one change, or something not understood (null). */
export function parseRemindersArgs(text: string): ReminderChange | 'show' | null {
  const args = text.trim().split(/\s+/).filter((a) => a !== '');
  if (args.length === 0) return 'show';
  if (args.length !== 2) return null;
  const [kind, what] = [args[0].toLowerCase(), args[1].toLowerCase()];
  if (!(REMINDER_KINDS as readonly string[]).includes(kind)) return null;
  const k = kind as ReminderKind;
  if (['on', 'вкл', 'да'].includes(what)) return { kind: k, enabled: true };
  if (['off', 'выкл', 'нет'].includes(what)) return { kind: k, enabled: false };
  if (!/^\d{1,3}$/.test(what) || k === 'shift_end') return null;
  const minutes = Number(what);
  if (minutes < MIN_REMINDER_MINUTES || minutes > MAX_REMINDER_MINUTES) return null;
  // Setting the minutes means wanting the reminder: it is turned on too.
  return { kind: k, enabled: true, minutes };
}

function line(ctx: Context, r: Reminder): string {
  return say(ctx, LABEL[r.kind], { minutes: String(r.minutes) });
}

export function remindersText(ctx: Context, list: readonly Reminder[]): string {
  const lines = list.map((r) => `${r.enabled ? '✅' : '⬜️'} ${line(ctx, r)} — ${say(ctx, r.enabled ? 'reminderOn' : 'reminderOff')}`);
  return `${say(ctx, 'remindersTitle')}\n\n${lines.join('\n')}\n\n${say(ctx, 'remindersHow')}`;
}

export function remindersKeyboard(ctx: Context, list: readonly Reminder[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const r of list) kb.text(`${r.enabled ? '✅' : '⬜️'} ${line(ctx, r)}`, `rm:${r.kind}:${r.enabled ? 0 : 1}`).row();
  return kb;
}

export function remindersFeature(client: WebAppClient, log: Logger): Composer<Context> {
  const c = new Composer<Context>();

  c.command('reminders', async (ctx) => {
    const chatId = personChatId(ctx);
    if (chatId === null) return;
    const asked = parseRemindersArgs(ctx.match);
    if (asked === null) {
      await ctx.reply(say(ctx, 'remindersUsage'));
      return;
    }
    try {
      const reply =
        asked === 'show'
          ? await client.reminders({ chat_id: chatId })
          : await client.reminders({ chat_id: chatId, request_id: `tg-upd-${ctx.update.update_id}`, changes: [asked] });
      const saved = asked === 'show' ? '' : `${say(ctx, 'reminderSaved')}\n\n`;
      await ctx.reply(saved + remindersText(ctx, reply.reminders), { reply_markup: remindersKeyboard(ctx, reply.reminders) });
    } catch (err) {
      await ctx.reply(explainFailure(ctx, err, log));
    }
  });

  c.callbackQuery(TOGGLE, async (ctx) => {
    const [, kind, on] = ctx.match as RegExpMatchArray & [string, ReminderKind, '0' | '1'];
    const chatId = personChatId(ctx);
    if (chatId === null) return;
    let list: Reminder[];
    try {
      list = (await client.reminders({ chat_id: chatId, request_id: `tg-cb-${ctx.callbackQuery.id}`, changes: [{ kind, enabled: on === '1' }] })).reminders;
    } catch (err) {
      await ctx.answerCallbackQuery({ text: clip(explainFailure(ctx, err, log), CALLBACK_ANSWER_MAX), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery({ text: say(ctx, 'reminderSaved') });
    try {
      await ctx.editMessageText(remindersText(ctx, list), { reply_markup: remindersKeyboard(ctx, list) });
    } catch (err) {
      // The same text again ("message is not modified"), or too old to edit: the setting is saved either way.
      log.warn(`could not update the reminders message: ${describeError(err)}`);
    }
  });
  return c;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
