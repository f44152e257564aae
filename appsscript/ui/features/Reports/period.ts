// The periods the Analytics dialog offers, on the spreadsheet's calendar ('yyyy-MM-dd', no clock involved):
// the presets (the last 7 days, yesterday, last week Monday to Sunday, last month) end before today, because
// today is consolidated only by tonight's rollover; a day, a week or a month is picked by any date in it and
// stepped back and forth; "Dates" is typed.
import { addDays, mondayOf } from '../../components/zoned-time.ts';

export const PRESETS = ['last7', 'yesterday', 'lastWeek', 'lastMonth', 'day', 'week', 'month', 'range'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

/** The most days a report covers (common/admin-api.ts). */
export const MAX_DAYS = 366;

const two = (n: number) => String(n).padStart(2, '0');

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function monthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return `${y}-${two(m)}-${two(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** The same day of another month, or its last day when that month is shorter. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const start = `${first.getUTCFullYear()}-${two(first.getUTCMonth() + 1)}-01`;
  const last = Number(monthEnd(start).slice(8));
  return `${start.slice(0, 8)}${two(Math.min(d, last))}`;
}

/** Days from `from` to `to`, both counted (0 when `to` is before `from`). */
export function daysIn(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 86_400_000) + 1 : 0;
}

export function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from, n = 0; d <= to && n <= MAX_DAYS; d = addDays(d, 1), n++) out.push(d);
  return out;
}

/** The dates a choice stands for: `anchor` is any date of the day, week or month picked. */
export function periodOf(preset: Preset, today: string, anchor: string, range: Period): Period {
  const yesterday = addDays(today, -1);
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -7), to: yesterday };
    case 'yesterday':
      return { from: yesterday, to: yesterday };
    case 'lastWeek': {
      const monday = addDays(mondayOf(today), -7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'lastMonth': {
      const first = monthStart(addMonths(today, -1));
      return { from: first, to: monthEnd(first) };
    }
    case 'day':
      return { from: anchor, to: anchor };
    case 'week':
      return { from: mondayOf(anchor), to: addDays(mondayOf(anchor), 6) };
    case 'month':
      return { from: monthStart(anchor), to: monthEnd(anchor) };
    case 'range':
      return range;
  }
}

/** The anchor one day, week or month earlier (-1) or later (+1). */
export function stepAnchor(preset: Preset, anchor: string, dir: -1 | 1): string {
  if (preset === 'week') return addDays(anchor, 7 * dir);
  if (preset === 'month') return addMonths(anchor, dir);
  return addDays(anchor, dir);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a period before asking the server: a date missing, the end first, too long. */
export function periodProblem(p: Period): { field: 'from' | 'to'; problem: 'required' | 'order' | 'length' } | null {
  if (!DATE.test(p.from)) return { field: 'from', problem: 'required' };
  if (!DATE.test(p.to)) return { field: 'to', problem: 'required' };
  if (p.to < p.from) return { field: 'to', problem: 'order' };
  if (daysIn(p.from, p.to) > MAX_DAYS) return { field: 'to', problem: 'length' };
  return null;
}
