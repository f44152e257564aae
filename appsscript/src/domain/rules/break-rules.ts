// Rules about breaks and lunches (statuses of kind break or lunch): overrun, too many, outside the planned
// window, missed planned lunch. Each status has its own Rules row (max_per_shift, max_minutes,
// grace_minutes, window_tolerance_minutes); a status without a row has no limits and no tolerance.
import type { PlannedBreak } from '../../../../common/api.ts';
import { plannedEnd, type DayView, type KindSegment } from './day-view.ts';
import { countedMs, MINUTE_MS, neutralMs } from './spans.ts';
import type { Violation } from './types.ts';
import { graceText, minutesText, spanText, violation } from './violation.ts';

/**
 * The breaks and lunches the rules look at, in time order: those that overlap the shift (a coffee before
 * the shift starts is nobody's business), or every one of the day when no shift is planned.
 */
export function breaksOf(v: DayView): KindSegment[] {
  const s = v.schedule;
  return v.segments.filter((x) => (x.kind === 'break' || x.kind === 'lunch') && (!s || (x.start < s.shift_end && x.end > s.shift_start)));
}

/** The planned break of the same status whose start is nearest to `start` (the earlier on a tie). */
export function nearestPlanned(v: DayView, status: string, start: number): PlannedBreak | null {
  let best: PlannedBreak | null = null;
  for (const p of v.schedule?.breaks ?? []) {
    if (p.status !== status) continue;
    if (!best || Math.abs(p.start - start) < Math.abs(best.start - start)) best = p;
  }
  return best;
}

export interface BreakLimit {
  /** The planned break the limit comes from; null when it is the rule's max_minutes. */
  planned: PlannedBreak | null;
  allowedMs: number;
  graceMs: number;
}

/**
 * How long a break may last: the minutes of the planned break it answers (the nearest of its status),
 * else the rule's max_minutes; plus the grace. null when neither exists: nothing to overrun.
 */
export function breakLimit(v: DayView, status: string, start: number): BreakLimit | null {
  const rule = v.ruleFor(status);
  const planned = nearestPlanned(v, status, start);
  const minutes = planned ? planned.minutes : rule?.max_minutes ?? null;
  if (minutes === null) return null;
  return { planned, allowedMs: minutes * MINUTE_MS, graceMs: (rule?.grace_minutes ?? 0) * MINUTE_MS };
}

/**
 * Break overrun: a break or lunch lasting longer than its limit (neutral time not counted). Caught while
 * it happens: an ongoing break already over the limit is reported with the minutes over so far (not
 * final); it is final once the break has ended.
 */
export function breakOverruns(v: DayView): Violation[] {
  const out: Violation[] = [];
  for (const b of breaksOf(v)) {
    const limit = breakLimit(v, b.status, b.start);
    if (!limit) continue;
    const overMs = countedMs(b.start, b.end, v.neutral) - limit.allowedMs - limit.graceMs;
    if (overMs <= 0) continue;
    const graceMin = limit.graceMs / MINUTE_MS;
    out.push(
      violation({
        type: 'break_overrun',
        employee_id: v.employee_id,
        date: v.date,
        status: b.status,
        at: b.start,
        planned: limit.planned
          ? `${b.status} ${v.timeText(limit.planned.start)}, ${limit.planned.minutes} min${graceText(graceMin)}`
          : `${b.status} ≤ ${limit.allowedMs / MINUTE_MS} min${graceText(graceMin)}`,
        actual: `${spanText(b.status, b.start, b.ongoing ? null : b.end, v.timeText)}, ${minutesText(b.end - b.start)}`,
        overMs,
        final: !b.ongoing,
      }),
    );
  }
  return out;
}

/**
 * Too many breaks: every break of a status beyond the rule's max_per_shift is a violation of its own
 * (the third of two allowed, then the fourth...), so each is written once when it starts. Its
 * over_minutes is the length of that extra break, growing while it goes on.
 */
export function tooManyBreaks(v: DayView): Violation[] {
  const out: Violation[] = [];
  const seen = new Map<string, number>();
  for (const b of breaksOf(v)) {
    const n = (seen.get(b.status) ?? 0) + 1;
    seen.set(b.status, n);
    const max = v.ruleFor(b.status)?.max_per_shift ?? null;
    if (max === null || n <= max) continue;
    out.push(
      violation({
        type: 'too_many_breaks',
        employee_id: v.employee_id,
        date: v.date,
        status: b.status,
        at: b.start,
        planned: `${b.status} ≤ ${max}`,
        actual: `${b.status} #${n} ${v.timeText(b.start)}–${b.ongoing ? '…' : v.timeText(b.end)}`,
        overMs: countedMs(b.start, b.end, v.neutral),
        final: !b.ongoing,
      }),
    );
  }
  return out;
}

/**
 * Break outside its window: a break starting more than window_tolerance_minutes (neutral time not counted)
 * from the nearest planned break of its status. A status with no planned break today has no window.
 */
export function breaksOutsideWindow(v: DayView): Violation[] {
  const out: Violation[] = [];
  for (const b of breaksOf(v)) {
    const planned = nearestPlanned(v, b.status, b.start);
    if (!planned) continue;
    const toleranceMin = v.ruleFor(b.status)?.window_tolerance_minutes ?? 0;
    const distanceMs = countedMs(Math.min(b.start, planned.start), Math.max(b.start, planned.start), v.neutral);
    const overMs = distanceMs - toleranceMin * MINUTE_MS;
    if (overMs <= 0) continue;
    out.push(
      violation({
        type: 'break_outside_window',
        employee_id: v.employee_id,
        date: v.date,
        status: b.status,
        at: b.start,
        planned: `${b.status} ${v.timeText(planned.start)}${toleranceMin > 0 ? ` ±${toleranceMin}` : ''}`,
        actual: `${b.status} ${v.timeText(b.start)}`,
        overMs,
        final: true,
      }),
    );
  }
  return out;
}

/**
 * Missed planned lunch: a planned break of a lunch-kind status with no lunch of that status started by the
 * end of its window plus the tolerance. The k-th planned lunch of a status needs k lunches of it by its
 * deadline (one lunch cannot answer two plans; a plan typed twice is one). Known only after the deadline, and then final. When the
 * window touches a neutral period the employee may have had lunch without being able to record it: no
 * violation.
 */
export function missedLunches(v: DayView): Violation[] {
  const out: Violation[] = [];
  // Every lunch of the day counts as taken, even one before the shift: the plan may be there too.
  const taken = v.segments.filter((x) => x.kind === 'lunch');
  const plannedCount = new Map<string, number>();
  const plans = v.schedule?.breaks ?? [];
  for (const [i, p] of plans.entries()) {
    if (v.kindOf(p.status) !== 'lunch') continue;
    // The same lunch typed twice (same status and start) is one plan: it needs one lunch, and has one key.
    if (plans.slice(0, i).some((q) => q.status === p.status && q.start === p.start)) continue;
    const k = (plannedCount.get(p.status) ?? 0) + 1;
    plannedCount.set(p.status, k);
    const toleranceMs = (v.ruleFor(p.status)?.window_tolerance_minutes ?? 0) * MINUTE_MS;
    const deadline = plannedEnd(p) + toleranceMs;
    if (v.now <= deadline) continue;
    const takenByDeadline = taken.filter((x) => x.status === p.status && x.start <= deadline).length;
    if (takenByDeadline >= k) continue;
    if (neutralMs(p.start - toleranceMs, deadline, v.neutral) > 0) continue;
    out.push(
      violation({
        type: 'missed_lunch',
        employee_id: v.employee_id,
        date: v.date,
        status: p.status,
        at: p.start,
        planned: `${spanText(p.status, p.start, plannedEnd(p), v.timeText)}${toleranceMs > 0 ? ` ±${toleranceMs / MINUTE_MS}` : ''}`,
        actual: '—',
        overMs: 0,
        final: true,
      }),
    );
  }
  return out;
}
