// The contract between the Apps Script server and the Telegram bot (bot/), both ways.
//
// Server -> bot (push): the checkBreaks trigger POSTs pending alerts with UrlFetchApp to `<bot_url>/alerts`
// (Settings key bot_url). Headers: X-WTT-Timestamp (epoch ms) and X-WTT-Signature =
// hex HMAC-SHA256(BOT_SHARED_SECRET, `${timestamp}.${body}`). The bot refuses a bad signature, a timestamp
// more than ALERT_MAX_AGE_MS away from its clock, and an alert_id it has already delivered (it answers
// "already delivered" so the server marks it sent).
//
// Bot -> server (web app doPost): Apps Script gives a web app no request headers, so the bot signs the body:
// { op: 'bot.*', ts, nonce, sig, ...fields } with sig = hex HMAC-SHA256(BOT_SHARED_SECRET, canonical(body
// without sig)), canonical = JSON.stringify with keys sorted. The server refuses stale ts and repeated nonces.
// The nonces live in CacheService, which may forget them (eviction, a restart of the local runtime), so a
// request that changes something is also made idempotent by its own key: bot.command carries command_id,
// Telegram's update_id of the command, which the server takes as the seq of the chat's device
// ('tg-<chat id>' in Devices): an id it has taken already writes nothing new. Excuse/confirm
// (bot.violation) is idempotent by the violation's state, bot.link by the one-time code.
import * as v from 'valibot';
import type { CurrentState, TodaySchedule } from './api.ts';
import type { Reminder, ReminderChange } from './reminders.ts';
import { reminderChangesSchema, requestIdSchema } from './schemas.ts';

export const ALERT_MAX_AGE_MS = 5 * 60 * 1000;

export type AlertKind =
  | 'nudge' // to an employee: your break ends in 2 minutes; you are 5 minutes over
  | 'violation' // to the group's lead chat, with buttons to excuse or confirm
  | 'admin' // to admins: a trigger failed, a backlog grows
  | 'report' // to a group's lead chat: last week's summary (Monday morning)
  | 'login_code' // a login code by Telegram, for an employee whose chat is linked
  | 'broadcast' // a message from an admin or lead to many people (id 'B-<broadcast id>-<employee id>'), in the person's language
  | 'reminder'; // to an employee: one of their own reminders (common/reminders.ts), at its time ('P-<date>-<hash>')

export interface AlertButton {
  /** Shown on the button. */
  text: string;
  /** callback_data: 'v:<violation_id>:excuse' | 'v:<violation_id>:confirm' (at most 64 bytes). */
  data: string;
}

export interface Alert {
  alert_id: string;
  kind: AlertKind;
  chat_id: string;
  /** Already in the recipient's language (Russian and English for group chats). */
  text: string;
  buttons?: AlertButton[];
  /**
   * The alert_id of an earlier alert whose message this one rewrites (a violation decided in the console:
   * the lead chat's alert then shows who decided and how). The bot edits that message, without its buttons,
   * when it knows it; otherwise it sends this text as a new message.
   */
  edit_of?: string;
  created_at: number;
}

export interface AlertPush {
  alerts: Alert[];
}

/** Per alert: delivered (or already delivered before) or failed with the Telegram error. */
export interface AlertReceipt {
  alert_id: string;
  delivered: boolean;
  error?: string;
}

export interface AlertPushReply {
  receipts: AlertReceipt[];
}

interface Signed {
  ts: number;
  nonce: string;
  sig: string;
}

export type BotRequest = Signed &
  (
    | { op: 'bot.alerts.pull'; limit: number }
    | { op: 'bot.alerts.ack'; receipts: AlertReceipt[] }
    | { op: 'bot.link'; code: string; chat_id: string; username?: string }
    | { op: 'bot.command'; chat_id: string; command: BotCommand; command_id: number }
    | { op: 'bot.violation'; chat_id: string; violation_id: string; action: 'excuse' | 'confirm' }
    | { op: 'bot.reminders'; chat_id: string; request_id?: string; changes?: ReminderChange[] }
  );

export type BotCommand = 'status' | 'break' | 'lunch' | 'back' | 'schedule' | 'who';

export interface BotLinkReply {
  employee_name: string;
  lang: 'ru' | 'en';
}

export interface BotCommandReply {
  /** The text to send back, in the employee's language. */
  text: string;
  current?: CurrentState | null;
  schedule?: TodaySchedule | null;
}

/**
 * bot.reminders: the sender's personal reminders, after `changes` if any (a button press, `/reminders
 * before_break 10`). A change carries request_id (the bot makes it from the update or the button press), so a
 * repeat of the same request changes nothing more. The bot words the reply itself, in the sender's language.
 */
export interface BotRemindersReply {
  reminders: Reminder[];
}

export interface BotPullReply {
  alerts: Alert[];
}

// ---- the server's schemas for the bot's requests (the one dispatcher validates each op with these) ----

export const MAX_PULL = 100;

const signed = {
  ts: v.pipe(v.number(), v.integer()),
  nonce: v.string(),
  sig: v.string(),
};
const chatId = v.pipe(v.string(), v.regex(/^-?\d{1,20}$/, 'a Telegram chat id'));
const receipt = v.strictObject({
  alert_id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  delivered: v.boolean(),
  error: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});

export const botRequestSchemas = {
  'bot.alerts.pull': v.strictObject({ op: v.literal('bot.alerts.pull'), ...signed, limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PULL)) }),
  'bot.alerts.ack': v.strictObject({ op: v.literal('bot.alerts.ack'), ...signed, receipts: v.pipe(v.array(receipt), v.maxLength(500)) }),
  'bot.link': v.strictObject({
    op: v.literal('bot.link'),
    ...signed,
    code: v.pipe(v.string(), v.maxLength(32)),
    chat_id: chatId,
    username: v.optional(v.pipe(v.string(), v.maxLength(64))),
  }),
  'bot.command': v.strictObject({
    op: v.literal('bot.command'),
    ...signed,
    chat_id: chatId,
    command: v.picklist(['status', 'break', 'lunch', 'back', 'schedule', 'who'] satisfies BotCommand[]),
    // Telegram's update_id of the command: the chat device's seq (switchStatus).
    command_id: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  }),
  'bot.violation': v.strictObject({
    op: v.literal('bot.violation'),
    ...signed,
    chat_id: chatId,
    violation_id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    action: v.picklist(['excuse', 'confirm']),
  }),
  'bot.reminders': v.pipe(
    v.strictObject({
      op: v.literal('bot.reminders'),
      ...signed,
      chat_id: chatId,
      request_id: v.optional(requestIdSchema),
      changes: v.optional(reminderChangesSchema),
    }),
    v.forward(v.check((r) => r.changes === undefined || r.request_id !== undefined, 'a change needs a request_id'), ['request_id']),
  ),
} as const;

export type BotOp = keyof typeof botRequestSchemas;

export function isBotOp(op: unknown): op is BotOp {
  return typeof op === 'string' && Object.prototype.hasOwnProperty.call(botRequestSchemas, op);
}
