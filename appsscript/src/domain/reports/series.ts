// reports.series: the period day by day (time by status kind, adherence, overruns, violations) and breaks by
// hour of day per group, to set against the group's cap on breaks at once.
import type { StatusKind } from '../../../../common/status.ts';
import { VIOLATION_TYPES } from '../../../../common/violations.ts';
import { emptyViolationCounts, type ReportDay, type ReportHour } from '../../../../common/reports.ts';
import { dayBounds, type ZonedTime } from '../calendar.ts';
import type { ConsolidatedDay } from './consolidated-day.ts';
import { MeasuresSum } from './measures.ts';

export type ChartKind = Exclude<StatusKind, 'offline'>;
export const CHART_KINDS: readonly ChartKind[] = ['work', 'meeting', 'training', 'break', 'lunch'];

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** Day by day, dates without data left out (the page draws the gaps). */
export function daysOf(days: readonly ConsolidatedDay[], kindOf: (status: string) => StatusKind | undefined): ReportDay[] {
  const byDate = new Map<string, ConsolidatedDay[]>();
  for (const d of days) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d]);
  return [...byDate.keys()].sort().map((date) => {
    const list = byDate.get(date) as ConsolidatedDay[];
    const sum = new MeasuresSum();
    const minutes: Record<ChartKind, number> = { work: 0, meeting: 0, training: 0, break: 0, lunch: 0 };
    for (const d of list) {
      sum.add(d);
      for (const s of d.timeline?.segments ?? []) {
        const kind = kindOf(s.status);
        if (!kind || kind === 'offline' || s.end === null) continue;
        minutes[kind] += (s.end - s.start) / MINUTE_MS;
      }
    }
    const m = sum.result();
    const counts = emptyViolationCounts();
    for (const t of VIOLATION_TYPES) counts[t] = m.violations_by_type[t];
    return {
      date,
      people: new Set(list.map((d) => d.employee_id)).size,
      scheduled_min: m.scheduled_min,
      worked_min: m.worked_min,
      minutes_by_kind: Object.fromEntries(CHART_KINDS.map((k) => [k, oneDecimal(minutes[k])])) as Record<ChartKind, number>,
      adherence_pct: m.adherence_pct,
      conformance_pct: m.conformance_pct,
      overruns: m.overruns,
      violations_by_type: counts,
    };
  });
}

/**
 * For each hour of the day: the most people on break or lunch at once in that hour on any day (peak), and
 * the average over the days with data of each day's most. Minutes count from the day's midnight in the
 * spreadsheet's zone; a break past midnight goes on into the next day's first hours.
 */
export function hoursOf(
  days: readonly ConsolidatedDay[],
  kindOf: (status: string) => StatusKind | undefined,
  zonedTime: ZonedTime,
): ReportHour[] {
  const byDate = new Map<string, ConsolidatedDay[]>();
  for (const d of days) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d]);
  const peak = new Array<number>(24).fill(0);
  const sumOfDailyPeaks = new Array<number>(24).fill(0);
  for (const [date, list] of byDate) {
    const midnight = dayBounds(date, zonedTime).start;
    // Difference array over two days, so a night shift's break after midnight is counted too.
    const diff = new Int32Array(2 * DAY_MINUTES + 1);
    for (const d of list) {
      for (const s of d.timeline?.segments ?? []) {
        const kind = kindOf(s.status);
        if ((kind !== 'break' && kind !== 'lunch') || s.end === null) continue;
        const from = clamp(Math.floor((s.start - midnight) / MINUTE_MS), 0, 2 * DAY_MINUTES);
        const to = clamp(Math.ceil((s.end - midnight) / MINUTE_MS), 0, 2 * DAY_MINUTES);
        if (to <= from) continue;
        diff[from]++;
        diff[to]--;
      }
    }
    const dayPeak = new Array<number>(24).fill(0);
    let level = 0;
    for (let minute = 0; minute < 2 * DAY_MINUTES; minute++) {
      level += diff[minute];
      const hour = Math.floor(minute / 60) % 24;
      if (level > dayPeak[hour]) dayPeak[hour] = level;
    }
    for (let h = 0; h < 24; h++) {
      if (dayPeak[h] > peak[h]) peak[h] = dayPeak[h];
      sumOfDailyPeaks[h] += dayPeak[h];
    }
  }
  const n = byDate.size;
  return peak.map((p, hour) => ({ hour, peak: p, average: n === 0 ? 0 : oneDecimal(sumOfDailyPeaks[hour] / n) }));
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
