// valibot schemas for every API request: the server validates with them and the client builds
// requests that pass them. Unknown fields are refused, so a typo is an error and not a silent no-op.
import * as v from 'valibot';
import { MAX_COMMENT_CHARS, MAX_ID_CHARS, MAX_SYNC_ENTRIES } from './limits.ts';
import { hasMinutes, MAX_REMINDER_MINUTES, MIN_REMINDER_MINUTES, REMINDER_KINDS } from './reminders.ts';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_CHARS), v.regex(/^[\w.:-]+$/, 'only letters, digits and . _ : -'));
const email = v.pipe(v.string(), v.trim(), v.maxLength(254), v.email('not an email address'));
/**
 * A time as a client's clock says it, in epoch ms. Only its shape is checked here: whether it is a plausible
 * time (CLIENT_TIME_MIN_MS..CLIENT_TIME_MAX_MS) is decided per entry by the sync plan, because refusing the
 * whole request would leave the entry in the device's outbox, refused again on every retry, jamming its queue.
 */
const clientMs = v.pipe(v.number(), v.safeInteger('a whole number of milliseconds'));

export const loginStartSchema = v.strictObject({
  op: v.literal('login.start'),
  email,
  device_id: id,
});

export const loginFinishSchema = v.strictObject({
  op: v.literal('login.finish'),
  email,
  code: v.pipe(v.string(), v.regex(/^\d{6}$/, 'the code is 6 digits')),
  device_id: id,
});

export const syncEntrySchema = v.strictObject({
  seq: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
  entry_id: id,
  status: id,
  at: clientMs,
  comment: v.optional(v.pipe(v.string(), v.maxLength(MAX_COMMENT_CHARS))),
  employee_id: v.optional(id),
  offline: v.optional(v.boolean()),
});

export const syncSchema = v.strictObject({
  op: v.literal('sync'),
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
  device_id: id,
  sent_at: clientMs,
  entries: v.pipe(v.array(syncEntrySchema), v.maxLength(MAX_SYNC_ENTRIES, `at most ${MAX_SYNC_ENTRIES} entries per request`)),
  backlog: v.optional(
    v.strictObject({
      count: v.pipe(v.number(), v.integer('a whole number'), v.minValue(0, 'at least 0'), v.maxValue(Number.MAX_SAFE_INTEGER)),
      oldest_at: v.nullable(clientMs),
    }),
  ),
});

export const stateSchema = v.strictObject({
  op: v.literal('state'),
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
});

export const linkCodeSchema = v.strictObject({
  op: v.literal('link.code'),
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
});

// ---- personal reminders (common/reminders.ts) ----

/**
 * One reminder as a save sends it. A partial change is fine (only `kind` is required); minutes must be a
 * whole number in range for the kinds that take it, and 0 (or absent) for shift_end. Errors name the field.
 */
export const reminderChangeSchema = v.pipe(
  v.strictObject({
    kind: v.picklist(REMINDER_KINDS, 'one of before_break, break_ending, shift_end'),
    enabled: v.optional(v.boolean('true or false')),
    minutes: v.optional(v.pipe(v.number('a number'), v.integer('a whole number of minutes'), v.minValue(0, 'at least 0'), v.maxValue(MAX_REMINDER_MINUTES, `at most ${MAX_REMINDER_MINUTES} minutes`))),
  }),
  v.forward(
    v.check((r) => r.minutes === undefined || (hasMinutes(r.kind) ? r.minutes >= MIN_REMINDER_MINUTES : r.minutes === 0), 'at least 1 minute (0 for shift_end, which fires at the shift end)'),
    ['minutes'],
  ),
);

export const reminderChangesSchema = v.pipe(
  v.array(reminderChangeSchema),
  v.minLength(1, 'at least one reminder'),
  v.maxLength(REMINDER_KINDS.length, `at most ${REMINDER_KINDS.length} reminders`),
  v.check((list) => new Set(list.map((r) => r.kind)).size === list.length, 'each kind at most once'),
);

/** The request id of a save: made by the caller, the same on a retry (the save is applied once). */
export const requestIdSchema = v.pipe(v.string(), v.minLength(8, 'at least 8 characters'), v.maxLength(64), v.regex(/^[\w.:-]+$/, 'only letters, digits and . _ : -'));

export const remindersListSchema = v.strictObject({
  op: v.literal('reminders.list'),
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
});

export const remindersSaveSchema = v.strictObject({
  op: v.literal('reminders.save'),
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
  request_id: requestIdSchema,
  reminders: reminderChangesSchema,
});

export const requestSchemas = {
  'login.start': loginStartSchema,
  'login.finish': loginFinishSchema,
  sync: syncSchema,
  state: stateSchema,
  'link.code': linkCodeSchema,
  'reminders.list': remindersListSchema,
  'reminders.save': remindersSaveSchema,
} as const;

export type KnownOp = keyof typeof requestSchemas;

export function isKnownOp(op: unknown): op is KnownOp {
  return typeof op === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, op);
}

/** The first problem, said so a person can fix it: "entries[3].status: ...". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid request';
  const path = (first.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('').replace(/^\./, '');
  return path ? `${path}: ${first.message}` : first.message;
}
