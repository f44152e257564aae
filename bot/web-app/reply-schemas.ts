// The shapes of the web app's bot.* replies that the bot relies on (common/bot-api.ts), checked on arrival
// so a server bug shows up as a clear error rather than "undefined" in a chat.
import * as v from 'valibot';
import { ERROR_CODES } from '../../common/errors.ts';
import { REMINDER_KINDS } from '../../common/reminders.ts';

export const envelopeSchema = v.variant('ok', [
  v.looseObject({ ok: v.literal(true) }),
  v.looseObject({
    ok: v.literal(false),
    error: v.looseObject({ code: v.picklist(ERROR_CODES), message: v.string() }),
  }),
]);

export const linkReplySchema = v.looseObject({
  employee_name: v.string(),
  lang: v.picklist(['ru', 'en']),
});

export const commandReplySchema = v.looseObject({
  text: v.string(),
});

/** Alerts are checked one by one later (alerts/alert-schema.ts): one bad row must not hold back the rest. */
export const pullReplySchema = v.looseObject({
  alerts: v.array(v.unknown()),
});

export const remindersReplySchema = v.looseObject({
  reminders: v.array(v.looseObject({ kind: v.picklist(REMINDER_KINDS), enabled: v.boolean(), minutes: v.number() })),
});
