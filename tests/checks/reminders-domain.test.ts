// domain/reminders.ts: when each personal reminder is due, its id (the same at every check), skipping what
// is long past, days off, night shifts, and the texts.
import { describe, expect, it } from 'vitest';
import { dueReminders, reminderAlertId, reminderText, REMINDER_SLACK_MS, type ReminderCheck } from '../../appsscript/src/domain/reminders.ts';
import { applyReminderChanges, completeReminders, defaultReminders, type Reminder } from '../../common/reminders.ts';
import type { TodaySchedule } from '../../common/api.ts';

const MIN = 60_000;
/** 'HH:mm' on 2026-11-24 (or the next day) in Moscow (UTC+3), as epoch ms. */
const at = (time: string, day = 24) => {
  const [h, m] = time.split(':').map(Number);
  return Date.UTC(2026, 10, day, h - 3, m);
};
const dateOf = (ms: number) => new Date(ms + 3 * 3600_000).toISOString().slice(0, 10);
const hhmm = (ms: number) => new Date(ms + 3 * 3600_000).toISOString().slice(11, 16);
const FIVE = 5 * MIN;

const day: TodaySchedule = {
  shift_start: at('09:00'),
  shift_end: at('18:00'),
  breaks: [
    { status: 'break', start: at('11:00'), minutes: 15 },
    { status: 'lunch', start: at('13:00'), minutes: 60 },
  ],
};
const on = (kind: Reminder['kind'], minutes: number): Reminder => ({ kind, enabled: true, minutes });

function check(o: Partial<ReminderCheck> & { now: number }): ReturnType<typeof dueReminders> {
  return dueReminders({ employee_id: 'e001', reminders: [], schedule: day, ongoing: null, statusKind: 'work', checkIntervalMs: FIVE, dateOf, ...o });
}

/** Every check of the day at `step`, from..to: the ids found due, in order. */
function runDay(o: Omit<Partial<ReminderCheck>, 'now'>, from: number, to: number, step = FIVE): string[] {
  const ids: string[] = [];
  for (let now = from; now <= to; now += step) ids.push(...check({ ...o, now }).map((d) => d.alert_id));
  return ids;
}

describe('before_break', () => {
  const reminders = [on('before_break', 10)];

  it('is due at the first check at or after N minutes before each planned break, with the minutes left', () => {
    expect(check({ reminders, now: at('10:49') })).toEqual([]);
    const [d] = check({ reminders, now: at('10:52') });
    expect(d).toMatchObject({ kind: 'before_break', date: '2026-11-24', about: at('11:00'), status: 'break', minutes: 8 });
    expect(d.alert_id).toBe(reminderAlertId('2026-11-24', 'e001', 'before_break', at('11:00')));
    expect(check({ reminders, now: at('12:50') })[0]).toMatchObject({ about: at('13:00'), status: 'lunch', minutes: 10 });
  });

  it('comes up at one check per break in a day of 1- and 5-minute checks, the same id each time it is due', () => {
    for (const step of [MIN, FIVE]) {
      const ids = runDay({ reminders, checkIntervalMs: step }, at('08:00'), at('19:00'), step);
      // The caller sends each id once; the domain may find one due at a few consecutive checks (within the lateness window).
      expect(new Set(ids).size).toBe(2);
    }
  });

  it('is skipped once more than the interval plus the slack late (a trigger that was stopped)', () => {
    const due = at('10:50');
    expect(check({ reminders, now: due + FIVE + REMINDER_SLACK_MS })).toHaveLength(1);
    expect(check({ reminders, now: due + FIVE + REMINDER_SLACK_MS + 1 })).toEqual([]);
    expect(check({ reminders, now: at('11:30') })).toEqual([]);
  });

  it('says nothing to someone already on a break or lunch, nor when it is off', () => {
    expect(check({ reminders, now: at('10:52'), statusKind: 'break' })).toEqual([]);
    expect(check({ reminders, now: at('12:52'), statusKind: 'lunch' })).toEqual([]);
    expect(check({ reminders: [{ ...reminders[0], enabled: false }], now: at('10:52') })).toEqual([]);
  });

  it('says nothing on a day off (no shift)', () => {
    expect(runDay({ reminders: [on('before_break', 10), on('shift_end', 0)], schedule: null }, at('00:00'), at('23:55'))).toEqual([]);
  });
});

describe('break_ending', () => {
  const reminders = [on('break_ending', 3)];
  const ongoing = { status: 'break', start: at('11:02'), allowed_end: at('11:17'), overrun_at: at('11:19') };

  it('is due N minutes before the allowed end of the break going on, keyed by the break', () => {
    expect(check({ reminders, ongoing, now: at('11:13') })).toEqual([]);
    const [d] = check({ reminders, ongoing, now: at('11:14') });
    expect(d).toMatchObject({ kind: 'break_ending', about: at('11:17'), minutes: 3, status: 'break' });
    expect(d.alert_id).toBe(reminderAlertId('2026-11-24', 'e001', 'break_ending', at('11:02')));
    // Neutral time moved the end: still the same break, the same id.
    expect(check({ reminders, ongoing: { ...ongoing, allowed_end: at('11:20') }, now: at('11:17') })[0].alert_id).toBe(d.alert_id);
  });

  it('comes when the break starts when N is longer than the break', () => {
    expect(check({ reminders: [on('break_ending', 30)], ongoing, now: at('11:03') })[0]).toMatchObject({ minutes: 14 });
  });

  it('says nothing without a break going on, and nothing long after its time', () => {
    expect(check({ reminders, now: at('11:14') })).toEqual([]);
    expect(check({ reminders, ongoing, now: at('11:30') })).toEqual([]);
  });
});

describe('shift_end', () => {
  const reminders = [on('shift_end', 0)];

  it('is due at the shift end if the person is still signed in', () => {
    expect(check({ reminders, now: at('17:59') })).toEqual([]);
    expect(check({ reminders, now: at('18:03') })[0]).toMatchObject({ kind: 'shift_end', about: at('18:00'), minutes: 0 });
    expect(check({ reminders, now: at('18:03'), statusKind: 'offline' })).toEqual([]);
    expect(check({ reminders, now: at('18:03'), statusKind: null })).toEqual([]);
    expect(check({ reminders, now: at('18:30') })).toEqual([]);
  });

  it('fires at the end of a night shift the next morning, under that date', () => {
    const night: TodaySchedule = { shift_start: at('22:00'), shift_end: at('06:00', 25), breaks: [{ status: 'break', start: at('02:00', 25), minutes: 15 }] };
    const [end] = check({ reminders, schedule: night, now: at('06:01', 25) });
    expect(end).toMatchObject({ date: '2026-11-25', about: at('06:00', 25) });
    const [b] = check({ reminders: [on('before_break', 5)], schedule: night, now: at('01:56', 25) });
    expect(b).toMatchObject({ date: '2026-11-25', about: at('02:00', 25), minutes: 4 });
    // Just before midnight, for a break just after it: the id is the break's date, whichever day is checked.
    const early: TodaySchedule = { ...night, breaks: [{ status: 'break', start: at('00:02', 25), minutes: 15 }] };
    expect(check({ reminders: [on('before_break', 5)], schedule: early, now: at('23:58') })[0]).toMatchObject({ date: '2026-11-25' });
  });
});

describe('texts and settings', () => {
  it('speaks the person\'s language', () => {
    const label = { ru: 'Перерыв', en: 'Break' };
    expect(reminderText({ kind: 'before_break', about: at('11:00'), minutes: 5 }, label, 'ru', hhmm)).toBe('🔔 Напоминание: Перерыв в 11:00, через 5 мин.');
    expect(reminderText({ kind: 'before_break', about: at('11:00'), minutes: 5 }, label, 'en', hhmm)).toBe('🔔 Reminder: Break at 11:00, in 5 min.');
    expect(reminderText({ kind: 'break_ending', about: at('11:17'), minutes: 3 }, label, 'en', hhmm)).toBe('🔔 Reminder: Break ends at 11:17, 3 min left.');
    expect(reminderText({ kind: 'shift_end', about: at('18:00'), minutes: 0 }, { ru: 'Работа', en: 'Working' }, 'ru', hhmm)).toContain('Смена закончилась в 18:00');
  });

  it('starts with every kind off and applies partial changes', () => {
    expect(defaultReminders().every((r) => !r.enabled)).toBe(true);
    const next = applyReminderChanges([], [{ kind: 'before_break', minutes: 10, enabled: true }, { kind: 'shift_end', enabled: true, minutes: 0 }]);
    expect(next).toEqual([
      { kind: 'before_break', enabled: true, minutes: 10 },
      { kind: 'break_ending', enabled: false, minutes: 5 },
      { kind: 'shift_end', enabled: true, minutes: 0 },
    ]);
    expect(completeReminders([{ kind: 'shift_end', enabled: true, minutes: 0 }])).toHaveLength(3);
  });
});
