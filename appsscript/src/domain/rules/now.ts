// One person at this moment, as the live floor and the bot's /who show them: on a break past its limit (at
// `now`, not at the last checkBreaks run), not in yet, gone, or fine; the planned break their status
// answers; and their adherence so far. The same rules as the violations (breakLimit, the shift's grace),
// so the board and the alerts never disagree about who is over.
import type { PlannedBreak } from '../../../../common/api.ts';
import { breakLimit, breaksOf } from './break-rules.ts';
import { plannedEnd, viewOf } from './day-view.ts';
import { measuresOf, type Measures } from './measures.ts';
import { countedMs, MINUTE_MS, startedMinutes } from './spans.ts';
import type { EmployeeDay } from './types.ts';

/** ok; over: a break or lunch past its limit and grace; late: the shift has begun, not in yet, within the shift's grace; missing: not in past it (never came, or gone). */
export type FloorState = 'ok' | 'over' | 'late' | 'missing';

export interface PersonNow {
  state: FloorState;
  /** Started minutes past the limit of the break going on (the break_overrun violation's figure); 0 when not over. */
  over_minutes: number;
  /** When the break going on becomes an overrun, in minutes from its start (planned or Rules minutes plus the grace); null off a break or with no limit. */
  limit_minutes: number | null;
  /** The planned break the break going on answers (the nearest of its status). */
  planned: { status: string; start: number; end: number } | null;
  /** A working segment overlaps the shift so far. */
  came_in: boolean;
  /** The day has a status now and it is not of kind offline. */
  in_now: boolean;
  /** Adherence and conformance of the shift so far. */
  measures: Measures;
}

export function personNow(day: EmployeeDay): PersonNow {
  const v = viewOf(day);
  const s = v.schedule;
  const last = v.segments[v.segments.length - 1];
  const inNow = last !== undefined && last.ongoing && last.kind !== 'offline';
  const cameIn = s !== null && v.segments.some((x) => x.works && x.start < Math.min(s.shift_end, v.now) && x.end > s.shift_start);

  let over = 0;
  let limit: number | null = null;
  let planned: PersonNow['planned'] = null;
  const ongoing = breaksOf(v).find((b) => b.ongoing);
  if (ongoing) {
    const l = breakLimit(v, ongoing.status, ongoing.start);
    if (l) {
      limit = (l.allowedMs + l.graceMs) / MINUTE_MS;
      planned = l.planned ? plannedOf(l.planned) : null;
      over = startedMinutes(countedMs(ongoing.start, v.now, v.neutral) - l.allowedMs - l.graceMs);
    }
  }

  let state: FloorState = 'ok';
  if (over > 0) state = 'over';
  else if (s && !inNow && v.now >= s.shift_start && v.now < s.shift_end) {
    state = !cameIn && v.now < s.shift_start + v.shiftGraceMs ? 'late' : 'missing';
  }
  return { state, over_minutes: over, limit_minutes: limit, planned, came_in: cameIn, in_now: inNow, measures: measuresOf(v) };
}

function plannedOf(p: PlannedBreak): { status: string; start: number; end: number } {
  return { status: p.status, start: p.start, end: plannedEnd(p) };
}
