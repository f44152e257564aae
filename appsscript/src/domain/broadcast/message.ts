// A broadcast's ids and the words around its text. Pure.
//
// Ids follow from what they identify, so a retried send writes the same rows and the bot, which refuses an
// alert_id it delivered, never posts one twice: the broadcast's id is a hash of the console's request_id,
// a person's Telegram row is B-<broadcast>-<employee>, their e-mail row M-<broadcast>-<employee>.
import type { BroadcastChannel } from '../../../../common/admin-api.ts';
import { MAX_ID_CHARS } from '../../../../common/limits.ts';
import { shortHash, type Lang } from '../alerts.ts';

export function broadcastIdOf(requestId: string): string {
  return shortHash(`broadcast|${requestId}`);
}

/** The Outbox id of one person's row of a broadcast on a channel. */
export function broadcastAlertId(broadcastId: string, employeeId: string, channel: BroadcastChannel): string {
  const prefix = `${channel === 'telegram' ? 'B' : 'M'}-${broadcastId}-`;
  // A very long employee id would pass the 64 characters an alert id may have: its hash stands in.
  return prefix.length + employeeId.length <= MAX_ID_CHARS ? prefix + employeeId : `${prefix}#${shortHash(employeeId)}`;
}

/** What the chat shows: a mark that this is a message to many, then the text as written. */
export function telegramText(text: string): string {
  return `📢 ${text}`;
}

export function mailSubject(lang: Lang): string {
  return lang === 'ru' ? 'WorkTimeTracker: сообщение' : 'WorkTimeTracker: message';
}

export function mailBody(text: string, lang: Lang): string {
  const footer = lang === 'ru' ? 'Это сообщение разослано через WorkTimeTracker.' : 'This message was sent to you through WorkTimeTracker.';
  return `${text}\n\n--\n${footer}`;
}

/** The language of a stored text: Russian when it has Cyrillic letters. */
export function languageOfText(text: string): Lang {
  return /[\u0400-\u04FF]/.test(text) ? 'ru' : 'en';
}
