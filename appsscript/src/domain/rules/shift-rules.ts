// Rules about the shift as a whole: late start, early leave, forgotten session. Their grace is the
// shift's (the Rules row of a work-kind status); neutral time does not count towards any of them.
import type { DayView, KindSegment } from './day-view.ts';
import { countedMs, MINUTE_MS } from './spans.ts';
import type { Violation } from './types.ts';
import { graceText, spanText, violation } from './violation.ts';

/**
 * Late start: the first working segment of the shift begins more than the grace after shift start. While
 * nobody has come yet the violation grows (not final) from shift start + grace; it becomes final when the
 * employee starts working, or at shift end if they never do.
 */
export function lateStart(v: DayView): Violation[] {
  const s = v.schedule;
  if (!s) return [];
  const deadline = s.shift_start + v.shiftGraceMs;
  const first = workInShift(v)[0];
  const arrival = first ? Math.max(first.start, s.shift_start) : null;
  const until = arrival ?? Math.min(v.now, s.shift_end);
  const lateMs = countedMs(deadline, until, v.neutral);
  if (lateMs <= 0) return [];
  return [
    violation({
      type: 'late_start',
      employee_id: v.employee_id,
      date: v.date,
      status: '',
      at: s.shift_start,
      planned: `${v.timeText(s.shift_start)}${graceText(v.shiftGraceMs / MINUTE_MS)}`,
      actual: arrival === null ? '—' : v.timeText(arrival),
      overMs: lateMs,
      final: arrival !== null || v.now >= s.shift_end,
    }),
  ];
}

/**
 * Early leave: the last working segment of the shift ends more than the grace before shift end. Known only
 * once the shift is over (until then the employee may come back); final from then on.
 */
export function earlyLeave(v: DayView): Violation[] {
  const s = v.schedule;
  if (!s || v.now < s.shift_end) return [];
  const last = workInShift(v).pop();
  if (!last || last.ongoing) return [];
  const limit = s.shift_end - v.shiftGraceMs;
  const earlyMs = countedMs(last.end, limit, v.neutral);
  if (earlyMs <= 0) return [];
  return [
    violation({
      type: 'early_leave',
      employee_id: v.employee_id,
      date: v.date,
      status: '',
      at: s.shift_end,
      planned: `${v.timeText(s.shift_end)}${graceText(v.shiftGraceMs / MINUTE_MS, '-')}`,
      actual: v.timeText(last.end),
      overMs: earlyMs,
      final: true,
    }),
  ];
}

/**
 * Forgotten session: the employee was still in a status other than offline more than the grace after shift
 * end. The stretch of non-offline segments that covers that moment is the forgotten session: it grows
 * while it goes on and is final once it ends. A stretch ended by a `system` offline entry at or after shift
 * end is one the daily rollover closed, so it was forgotten even when closed right at the deadline.
 * A session started after the deadline (coming back in the evening) is not a forgotten one.
 */
export function forgottenSession(v: DayView): Violation[] {
  const s = v.schedule;
  if (!s) return [];
  const deadline = s.shift_end + v.shiftGraceMs;
  const last = lastOfForgottenStretch(v.segments, s.shift_end, deadline);
  if (!last) return [];
  return [
    violation({
      type: 'forgotten_session',
      employee_id: v.employee_id,
      date: v.date,
      status: '',
      at: s.shift_end,
      planned: `${v.timeText(s.shift_end)}${graceText(v.shiftGraceMs / MINUTE_MS)}`,
      actual: spanText(last.status, last.start, last.ongoing ? null : last.end, v.timeText),
      overMs: countedMs(deadline, last.end, v.neutral),
      final: !last.ongoing,
    }),
  ];
}

/** Working segments that overlap the shift, in time order. */
function workInShift(v: DayView): KindSegment[] {
  const s = v.schedule;
  if (!s) return [];
  return v.segments.filter((x) => x.works && x.start < s.shift_end && x.end > s.shift_start);
}


/**
 * The last segment of the forgotten stretch: the run of consecutive non-offline segments that started no
 * later than `deadline` and was still open after it, or that a system entry closed at or after `shiftEnd`.
 * Segments follow each other without gaps, so a run is a contiguous stretch of presence.
 */
function lastOfForgottenStretch(segs: readonly KindSegment[], shiftEnd: number, deadline: number): KindSegment | null {
  for (let i = 0; i < segs.length; i++) {
    if (segs[i].kind === 'offline' || segs[i].start > deadline) continue;
    let j = i;
    while (j + 1 < segs.length && segs[j + 1].kind !== 'offline') j++;
    const last = segs[j];
    const next = segs[j + 1];
    const closedBySystem = next !== undefined && next.source === 'system' && next.start >= shiftEnd;
    if (last.end > deadline || closedBySystem) return last;
    i = j;
  }
  return null;
}
