// One alert as the server sends it (common/bot-api.ts Alert), checked one by one: a malformed alert gets a
// failed receipt (so the server records why) and does not hold back the others in its batch.
import * as v from 'valibot';
import type { Alert } from '../../common/bot-api.ts';

const alertSchema = v.looseObject({
  alert_id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  kind: v.picklist(['nudge', 'violation', 'admin', 'report', 'login_code', 'broadcast', 'reminder']),
  chat_id: v.pipe(v.string(), v.regex(/^(-?\d{1,20}|@\w{4,64})$/, 'a Telegram chat id')),
  text: v.pipe(v.string(), v.minLength(1)),
  buttons: v.optional(v.array(v.looseObject({ text: v.pipe(v.string(), v.minLength(1)), data: v.pipe(v.string(), v.minLength(1)) }))),
  edit_of: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  created_at: v.number(),
});

export type ParsedAlert = { ok: true; alert: Alert } | { ok: false; alert_id: string | null; error: string };

export function parseAlert(raw: unknown): ParsedAlert {
  const r = v.safeParse(alertSchema, raw);
  if (r.success) return { ok: true, alert: r.output as Alert };
  const id = typeof raw === 'object' && raw !== null ? (raw as { alert_id?: unknown }).alert_id : undefined;
  return { ok: false, alert_id: typeof id === 'string' && id.length > 0 ? id : null, error: `invalid alert: ${v.summarize(r.issues)}` };
}
