// Personal reminders: an employee's own nudges to their linked Telegram chat, set on the employee page
// (reminders.list / reminders.save) or in the bot (/reminders, op bot.reminders). Each kind is on or off;
// the two about breaks carry how many minutes ahead. Fired by the checkBreaks trigger (docs/alerts.md).
// No valibot here: the employee page imports this file, and its production bundle leaves the schemas out.
export const REMINDER_KINDS = ['before_break', 'break_ending', 'shift_end'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface Reminder {
  kind: ReminderKind;
  enabled: boolean;
  /**
   * before_break: this many minutes before a planned break or lunch starts; break_ending: this many minutes
   * before the break or lunch going on ends. Always 0 for shift_end, which fires at the shift's end.
   */
  minutes: number;
}

export const MIN_REMINDER_MINUTES = 1;
export const MAX_REMINDER_MINUTES = 120;
/** What a person has before they set anything: every kind off. */
export const DEFAULT_REMINDER_MINUTES: Record<ReminderKind, number> = { before_break: 5, break_ending: 5, shift_end: 0 };

/** Whether a kind takes a number of minutes (shift_end does not). */
export function hasMinutes(kind: ReminderKind): boolean {
  return kind !== 'shift_end';
}

export function defaultReminders(): Reminder[] {
  return REMINDER_KINDS.map((kind) => ({ kind, enabled: false, minutes: DEFAULT_REMINDER_MINUTES[kind] }));
}

/** A list of reminders with every kind present, in REMINDER_KINDS order, from any partial one. */
export function completeReminders(list: readonly Reminder[]): Reminder[] {
  return defaultReminders().map((d) => list.find((r) => r.kind === d.kind) ?? d);
}

/** `base` with `changes` applied (minutes of shift_end always 0). */
/** A change a save carries: the kind, and what to set (the schema is in common/schemas.ts). */
export interface ReminderChange {
  kind: ReminderKind;
  enabled?: boolean;
  minutes?: number;
}

export function applyReminderChanges(base: readonly Reminder[], changes: readonly ReminderChange[]): Reminder[] {
  return completeReminders(base).map((r) => {
    const c = changes.find((x) => x.kind === r.kind);
    if (!c) return r;
    return { kind: r.kind, enabled: c.enabled ?? r.enabled, minutes: hasMinutes(r.kind) ? c.minutes ?? r.minutes : 0 };
  });
}
