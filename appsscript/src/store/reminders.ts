// The Reminders tab: an employee's personal reminders, a row per person and kind (common/reminders.ts).
// People may fix a row by hand, so rows are validated on read like the other hand-edited tabs; a row that
// cannot be used is reported and skipped (that reminder reads as off).
import { hasMinutes, MAX_REMINDER_MINUTES, MIN_REMINDER_MINUTES, REMINDER_KINDS, type ReminderKind } from '../../../common/reminders.ts';
import type { RawRecord } from './records.ts';
import { rowIssue } from './records.ts';
import type { Checked } from './validate.ts';

export interface ReminderRow {
  employee_id: string;
  kind: ReminderKind;
  enabled: boolean;
  /** 0 for shift_end. */
  minutes: number;
  version: number;
  request_id: string;
}

export function isReminderKind(v: unknown): v is ReminderKind {
  return typeof v === 'string' && (REMINDER_KINDS as readonly string[]).includes(v);
}

/** A decoded Reminders row. */
export function checkReminder(v: RawRecord, row: number): Checked<ReminderRow> {
  const kind = String(v.kind ?? '');
  if (!isReminderKind(kind)) {
    return { ok: false, issues: [rowIssue('Reminders', row, 'kind', `"${kind}" is not one of ${REMINDER_KINDS.join(', ')} / «${kind}» — не один из ${REMINDER_KINDS.join(', ')}`)] };
  }
  const minutes = (v.minutes as number | null) ?? 0;
  if (hasMinutes(kind) && !(minutes >= MIN_REMINDER_MINUTES && minutes <= MAX_REMINDER_MINUTES)) {
    return {
      ok: false,
      issues: [rowIssue('Reminders', row, 'minutes', `minutes must be ${MIN_REMINDER_MINUTES} to ${MAX_REMINDER_MINUTES} / минут должно быть от ${MIN_REMINDER_MINUTES} до ${MAX_REMINDER_MINUTES}`)],
    };
  }
  return {
    ok: true,
    value: {
      employee_id: String(v.employee_id),
      kind,
      enabled: (v.enabled as boolean | null) === true,
      minutes: hasMinutes(kind) ? minutes : 0,
      version: (v.version as number | null) ?? 0,
      request_id: String(v.request_id ?? ''),
    },
  };
}
