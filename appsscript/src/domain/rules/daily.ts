// The Daily row of one employee's day: minutes per kind of status, adherence, conformance, first in and
// last out, and how many violations the day had.
import type { DayView } from './day-view.ts';
import { measuresOf } from './measures.ts';
import { MINUTE_MS, oneDecimal } from './spans.ts';
import type { DailySummary, Violation } from './types.ts';

/**
 * Minutes are of the whole day as recorded (up to `now`); worked_min counts statuses that count as work,
 * break_min and lunch_min statuses of those kinds (a paid break is in both worked_min and break_min),
 * other_min every other status but offline. `violations` counts those of this employee and date.
 */
export function dailySummaryOf(v: DayView, violations: readonly Violation[]): DailySummary {
  let worked = 0;
  let breaks = 0;
  let lunch = 0;
  let other = 0;
  for (const x of v.segments) {
    const ms = x.end - x.start;
    if (x.works) worked += ms;
    if (x.kind === 'break') breaks += ms;
    else if (x.kind === 'lunch') lunch += ms;
    else if (!x.works && x.kind !== 'offline') other += ms;
  }
  const work = v.segments.filter((x) => x.works);
  const last = work[work.length - 1];
  const m = measuresOf(v);
  const minutes = (ms: number) => oneDecimal(ms / MINUTE_MS);
  const pct = (p: number | null) => (p === null ? null : oneDecimal(p));
  return {
    date: v.date,
    employee_id: v.employee_id,
    scheduled_min: minutes(m.scheduled_work_ms),
    worked_min: minutes(worked),
    break_min: minutes(breaks),
    lunch_min: minutes(lunch),
    other_min: minutes(other),
    adherence_pct: pct(m.adherence_pct),
    conformance_pct: pct(m.conformance_pct),
    violations: violations.filter((x) => x.employee_id === v.employee_id && x.date === v.date).length,
    first_in: work.length > 0 ? work[0].start : null,
    last_out: last && !last.ongoing ? last.end : null,
  };
}
