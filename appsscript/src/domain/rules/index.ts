// The rules and measures domain (issue 5, DESIGN.md "Rules and measures"). Pure: one employee's day in,
// violations, measures and the Daily row out; the group concurrency rule takes a snapshot of Current.
// docs/rules.md explains each rule with its grace and tolerance, and the formulas with a worked example.
import { breakLimit, breakOverruns, breaksOf, breaksOutsideWindow, missedLunches, tooManyBreaks } from './break-rules.ts';
import { dailySummaryOf } from './daily.ts';
import { viewOf } from './day-view.ts';
import { measuresOf, type Measures } from './measures.ts';
import { earlyLeave, forgottenSession, lateStart } from './shift-rules.ts';
import { countedMs } from './spans.ts';
import { VIOLATION_TYPES, type DailySummary, type EmployeeDay, type Violation } from './types.ts';

export { groupConcurrency } from './concurrency.ts';
export { personNow, type FloorState, type PersonNow } from './now.ts';
export { violationKey } from './violation.ts';
export type { Measures } from './measures.ts';
export * from './types.ts';

/**
 * Every violation of the employee's day known at `now`, in a fixed order (by the instant each is about,
 * then type, then key). Deterministic; the same violation keeps its key as `now` advances, and a final
 * one comes out identical. The caller writes each key once (and may update a non-final one).
 */
export function detectViolations(day: EmployeeDay): Violation[] {
  const v = viewOf(day);
  const all = [
    ...lateStart(v),
    ...breakOverruns(v),
    ...tooManyBreaks(v),
    ...breaksOutsideWindow(v),
    ...missedLunches(v),
    ...earlyLeave(v),
    ...forgottenSession(v),
  ];
  return all.sort((a, b) => a.at - b.at || VIOLATION_TYPES.indexOf(a.type) - VIOLATION_TYPES.indexOf(b.type) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Adherence and conformance of the part of the shift that has passed by `now`. */
export function measureDay(day: EmployeeDay): Measures {
  return measuresOf(viewOf(day));
}

/** The Daily row; `violations` defaults to what detectViolations finds (pass the Violations rows to count those). */
export function dailySummary(day: EmployeeDay, violations: readonly Violation[] = detectViolations(day)): DailySummary {
  return dailySummaryOf(viewOf(day), violations);
}

/** The break or lunch going on now and its limits, for personal nudges ("your break ends in 2 minutes"). */
export interface OngoingBreak {
  status: string;
  start: number;
  /** When the allowed minutes run out (planned minutes or max_minutes), neutral time so far added. */
  allowed_end: number;
  /** When it becomes an overrun: allowed_end plus the grace. */
  overrun_at: number;
}

/** null when the employee is not on a break or lunch now, or when that break has no limit. */
export function ongoingBreak(day: EmployeeDay): OngoingBreak | null {
  const v = viewOf(day);
  const b = breaksOf(v).find((x) => x.ongoing);
  if (!b) return null;
  const limit = breakLimit(v, b.status, b.start);
  if (!limit) return null;
  // Neutral time so far stops the clock; later neutral time is not known yet.
  const paused = b.end - b.start - countedMs(b.start, b.end, v.neutral);
  const allowedEnd = b.start + limit.allowedMs + paused;
  return { status: b.status, start: b.start, allowed_end: allowedEnd, overrun_at: allowedEnd + limit.graceMs };
}
