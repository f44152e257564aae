// Shared inputs for the rules tests: a Moscow day (UTC+3 all year), the demo statuses, the demo support
// rules plus a 'work' row for the shift's own grace, and short ways to write a day.
import type { ZonedTime } from '../../appsscript/src/domain/calendar.ts';
import { DEMO_RULES, DEMO_STATUSES } from '../../appsscript/src/domain/demo-team.ts';
import type { EmployeeDay, TimeText } from '../../appsscript/src/domain/rules/index.ts';
import type { DayEntry, PlannedBreakRow, Rule, Shift } from '../../appsscript/src/domain/model.ts';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DATE = '2026-11-24';

function localUtc(date: string, time: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return Date.UTC(y, mo - 1, d, h, mi);
}

export const moscow: ZonedTime = (date, time) => localUtc(date, time) - 3 * HOUR;
export const moscowText: TimeText = (at) => new Date(at + 3 * HOUR).toISOString().slice(11, 16);

/** An instant on DATE (or `date`) in Moscow; 'HH:mm' or 'HH:mm:ss'. */
export function at(time: string, date = DATE): number {
  const [hm, ss] = [time.slice(0, 5), time.length > 5 ? Number(time.slice(6)) : 0];
  return moscow(date, hm) + ss * 1000;
}

/** The demo 'support' rules (break: 2 a shift, 15 min, grace 2, window ±15; lunch: 1, 60 min, grace 5, ±30) and work: grace 5, ±5. */
export const RULES: Rule[] = [
  ...DEMO_RULES,
  { rule_set: 'support', status: 'work', max_per_shift: null, max_minutes: null, grace_minutes: 5, window_tolerance_minutes: 5, min_gap_minutes: null },
];
export const STATUSES = [...DEMO_STATUSES];

export function plan(text: string): PlannedBreakRow[] {
  return text
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const [status, start, minutes] = x.split(/\s+/);
      return { status, start, minutes: Number(minutes) };
    });
}

export function shift(start: string, end: string, breaks = '', date = DATE): Shift {
  return { date, employee_id: 'u1', shift_start: start, shift_end: end, breaks: plan(breaks) };
}

/** The usual day: 09:00-18:00, breaks 11:00 and 16:00 (15 min), lunch 13:00 (60 min). */
export const DAY_SHIFT = shift('09:00', '18:00', 'break 11:00 15; lunch 13:00 60; break 16:00 15');

/** Entries written as 'HH:mm status' (or 'HH:mm:ss status', optional '@source'), one device, in that order. */
export function entries(...lines: string[]): DayEntry[] {
  return lines.map((line, i) => {
    const [time, status, src] = line.split(/\s+/);
    const [date, clock] = time.includes('T') ? time.split('T') : [DATE, time];
    return {
      entry_id: `e${i + 1}`,
      status,
      at: at(clock, date),
      source: (src?.slice(1) ?? 'web') as DayEntry['source'],
      device_id: 'pc',
      seq: i + 1,
    };
  });
}

export function employeeDay(over: Partial<EmployeeDay> & Pick<EmployeeDay, 'day' | 'now'>): EmployeeDay {
  return {
    employee_id: 'u1',
    date: DATE,
    shift: DAY_SHIFT,
    statuses: STATUSES,
    rules: RULES,
    rule_set: 'support',
    neutral: [],
    zonedTime: moscow,
    timeText: moscowText,
    ...over,
  };
}

/** The usual day followed to the minute. */
export const ON_SCHEDULE = ['09:00 work', '11:00 break', '11:15 work', '13:00 lunch', '14:00 work', '16:00 break', '16:15 work', '18:00 offline'];
