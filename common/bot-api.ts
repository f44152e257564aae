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
import type { CurrentState, TodaySchedule } from './api.ts';

export const ALERT_MAX_AGE_MS = 5 * 60 * 1000;

export type AlertKind =
  | 'nudge' // to an employee: your break ends in 2 minutes; you are 5 minutes over
  | 'violation' // to the group's lead chat, with buttons to excuse or confirm
  | 'admin' // to admins: a trigger failed, a backlog grows
  | 'login_code'; // a login code by Telegram, for an employee whose chat is linked

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
    | { op: 'bot.command'; chat_id: string; command: BotCommand }
    | { op: 'bot.violation'; chat_id: string; violation_id: string; action: 'excuse' | 'confirm' }
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

export interface BotPullReply {
  alerts: Alert[];
}
