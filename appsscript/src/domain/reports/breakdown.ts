// What the rollover adds to a Daily row for the reports (Daily v3): the planned break and lunch minutes, and
// the day's violations counted by type, with the minutes of overruns, a late start and an early leave. And
// the text the violations by type are kept as, so the tab stays readable: "break_overrun:2, late_start:1".
import { VIOLATION_TYPES, type ViolationType } from '../../../../common/violations.ts';
import { emptyViolationCounts, type ViolationCounts } from '../../../../common/reports.ts';
import type { StatusKind } from '../../../../common/status.ts';
import type { DayBreakdown } from './consolidated-day.ts';

export interface DayViolation {
  type: ViolationType;
  over_minutes: number;
}

export function breakdownOf(
  violations: readonly DayViolation[],
  planned: readonly { status: string; minutes: number }[],
  kindOf: (status: string) => StatusKind | undefined,
): DayBreakdown {
  const counts = emptyViolationCounts();
  const minutesOf = (type: ViolationType) => violations.filter((v) => v.type === type).reduce((n, v) => n + Math.max(0, v.over_minutes), 0);
  for (const v of violations) counts[v.type]++;
  const plannedOf = (kind: StatusKind) => planned.filter((b) => kindOf(b.status) === kind).reduce((n, b) => n + b.minutes, 0);
  return {
    planned_break_min: plannedOf('break'),
    planned_lunch_min: plannedOf('lunch'),
    overruns: counts.break_overrun,
    overrun_min: minutesOf('break_overrun'),
    late_starts: counts.late_start,
    late_start_min: minutesOf('late_start'),
    early_leaves: counts.early_leave,
    early_leave_min: minutesOf('early_leave'),
    violations_by_type: counts,
  };
}

export function formatViolationTypes(counts: ViolationCounts): string {
  return VIOLATION_TYPES.filter((t) => counts[t] > 0)
    .map((t) => `${t}:${counts[t]}`)
    .join(', ');
}

/** The text back as counts; null when it is not such a text (a hand edit), so the day shows no breakdown. */
export function parseViolationTypes(text: string): ViolationCounts | null {
  const counts = emptyViolationCounts();
  if (text.trim() === '') return counts;
  for (const part of text.split(',')) {
    const m = /^\s*([a-z_]+)\s*:\s*(\d+)\s*$/.exec(part);
    if (!m || !(VIOLATION_TYPES as readonly string[]).includes(m[1])) return null;
    counts[m[1] as ViolationType] += Number(m[2]);
  }
  return counts;
}
