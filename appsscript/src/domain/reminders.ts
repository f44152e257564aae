// Personal reminders (common/reminders.ts): which of an employee's own reminders are due at a check, their
// alert ids and their texts. Pure: instants are epoch ms, 'HH:mm' comes from an injected TimeText.
//
// A reminder is due at the first check at or after its time, and only then: the check runs every 1 or 5
// minutes, so a reminder may come up to one interval late; one more than the interval plus REMINDER_SLACK_MS
// late is dropped, so a trigger that was stopped (an outage, a quota) does not send a pile of stale
// reminders when it resumes. The id is a hash of the employee, the kind and what the reminder is about (the
// planned break's start, the break's start, the shift's end), under the date of that instant, so every check
// that finds it due makes the same id and the caller sends each once.
import type { TodaySchedule } from '../../../common/api.ts';
import type { Reminder, ReminderKind } from '../../../common/reminders.ts';
import type { StatusKind } from '../../../common/status.ts';
import type { OngoingBreak, TimeText } from './rules/index.ts';
import { shortHash, type Lang } from './alerts.ts';

const MINUTE_MS = 60_000;
/** Trigger runs drift by a minute or so: a reminder this much later than one interval is still sent. */
export const REMINDER_SLACK_MS = 2 * MINUTE_MS;

/** 'P-20261124-<hash>': P for personal; the date is the one of the instant it is about. */
export function reminderAlertId(date: string, employeeId: string, kind: ReminderKind, about: number): string {
  return `P-${date.replace(/-/g, '')}-${shortHash(`${kind}|${employeeId}|${about}`)}`;
}

export interface ReminderCheck {
  employee_id: string;
  /** The person's reminders; those off are ignored. */
  reminders: readonly Reminder[];
  /** The shift being checked, as instants (domain/today.ts scheduleOf); null on a day without one. */
  schedule: TodaySchedule | null;
  /** The break or lunch going on now, with its allowed end (domain/rules ongoingBreak). */
  ongoing: OngoingBreak | null;
  /** The kind of the status the person is in now; null when they have none today. */
  statusKind: StatusKind | null;
  now: number;
  checkIntervalMs: number;
  dateOf(ms: number): string;
}

export interface DueReminder {
  kind: ReminderKind;
  alert_id: string;
  /** The date of `about`: the alert id's date, and the day whose record of sent alerts holds it. */
  date: string;
  /** What it is about: the planned break's start, the allowed end of the break going on, the shift's end. */
  about: number;
  /** The planned break's (or the break going on's) status code; '' for shift_end. */
  status: string;
  /** Whole minutes from now to `about` (0 when it is now or past). */
  minutes: number;
}

export function dueReminders(c: ReminderCheck): DueReminder[] {
  const lateLimit = c.checkIntervalMs + REMINDER_SLACK_MS;
  const isDue = (at: number) => c.now >= at && c.now - at <= lateLimit;
  const out: DueReminder[] = [];
  const add = (kind: ReminderKind, idAbout: number, about: number, status: string) => {
    const date = c.dateOf(idAbout);
    out.push({ kind, alert_id: reminderAlertId(date, c.employee_id, kind, idAbout), date, about, status, minutes: Math.max(0, Math.ceil((about - c.now) / MINUTE_MS)) });
  };
  for (const r of c.reminders) {
    if (!r.enabled) continue;
    switch (r.kind) {
      case 'before_break': {
        // Already on a break or lunch: "your break starts soon" would only be noise.
        if (c.statusKind === 'break' || c.statusKind === 'lunch') break;
        for (const b of c.schedule?.breaks ?? []) if (isDue(b.start - r.minutes * MINUTE_MS)) add(r.kind, b.start, b.start, b.status);
        break;
      }
      case 'break_ending': {
        const b = c.ongoing;
        // A reminder longer than the break itself comes as the break starts. Keyed by the break's start: its
        // allowed end moves when neutral time pauses it, the break stays the same.
        if (b && isDue(Math.max(b.start, b.allowed_end - r.minutes * MINUTE_MS))) add(r.kind, b.start, b.allowed_end, b.status);
        break;
      }
      case 'shift_end': {
        const signedIn = c.statusKind !== null && c.statusKind !== 'offline';
        if (c.schedule && signedIn && isDue(c.schedule.shift_end)) add(r.kind, c.schedule.shift_end, c.schedule.shift_end, '');
        break;
      }
    }
  }
  return out;
}

export function reminderText(r: Pick<DueReminder, 'kind' | 'about' | 'minutes'>, label: { ru: string; en: string }, lang: Lang, timeText: TimeText): string {
  const at = timeText(r.about);
  const ru = lang === 'ru';
  switch (r.kind) {
    case 'before_break':
      if (r.minutes <= 0) return ru ? `🔔 Напоминание: ${label.ru} по плану сейчас, в ${at}.` : `🔔 Reminder: ${label.en} is planned now, at ${at}.`;
      return ru ? `🔔 Напоминание: ${label.ru} в ${at}, через ${r.minutes} мин.` : `🔔 Reminder: ${label.en} at ${at}, in ${r.minutes} min.`;
    case 'break_ending':
      if (r.minutes <= 0) return ru ? `🔔 Напоминание: ${label.ru} закончился в ${at}, пора возвращаться.` : `🔔 Reminder: ${label.en} ended at ${at}, time to come back.`;
      return ru ? `🔔 Напоминание: ${label.ru} заканчивается в ${at}, осталось ${r.minutes} мин.` : `🔔 Reminder: ${label.en} ends at ${at}, ${r.minutes} min left.`;
    case 'shift_end':
      return ru
        ? `🔔 Смена закончилась в ${at}, а вы ещё отмечены как «${label.ru}». Не забудьте завершить работу.`
        : `🔔 Your shift ended at ${at} and you are still marked as "${label.en}". Remember to sign off.`;
  }
}
