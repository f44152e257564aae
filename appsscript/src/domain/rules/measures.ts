// Adherence and conformance (DESIGN.md, "Rules and measures").
//
// Adherence % = 1 - (time out of adherence / scheduled time). The scheduled activity is work during the
// shift and the planned break's status during a planned break; the employee is in adherence while the
// kind of their status matches it (for work: any status that counts as work, so a meeting or a training
// is working time). Around each planned boundary (shift start and end, each break's start and end) both
// neighbouring activities are accepted for the tolerance (window_tolerance_minutes of the break's status;
// the shift's own rule at shift start and end), so a break taken a few minutes early or late costs
// nothing; for someone who has not come in at all there is no early or late to forgive, so their day is
// out of adherence from end to end. Neutral time counts as adherent. Measured over the part of the shift
// that has passed by `now`.
//
// Conformance % = worked time / scheduled work time (the shift less its planned breaks). Worked time is
// every moment of the day in a status that counts as work, so overtime can take it past 100; during
// neutral time the employee is taken to have followed the schedule.
import type { DayView, KindSegment } from './day-view.ts';
import { plannedEnd } from './day-view.ts';
import { countedMs, isNeutral, MINUTE_MS, type Span } from './spans.ts';

export interface Measures {
  /** The part of the shift measured: [shift start, min(shift end, now)). */
  scheduled_ms: number;
  out_of_adherence_ms: number;
  /** 0..100; null when nothing of a shift has passed. */
  adherence_pct: number | null;
  /** Scheduled work inside the measured part of the shift. */
  scheduled_work_ms: number;
  worked_ms: number;
  /** null when no work was scheduled in the measured part. */
  conformance_pct: number | null;
}

/** What the schedule asks for at a moment. `off` is outside the shift: anything goes. */
type Activity = { type: 'off' } | { type: 'work' } | { type: 'planned'; status: string };

interface Boundary {
  before: Activity;
  after: Activity;
  zone: Span;
}

export function measuresOf(v: DayView): Measures {
  const s = v.schedule;
  const workedOutsideNeutral = v.segments.filter((x) => x.works).reduce((t, x) => t + countedMs(x.start, x.end, v.neutral), 0);
  if (!s || Math.min(s.shift_end, v.now) <= s.shift_start) {
    return { scheduled_ms: 0, out_of_adherence_ms: 0, adherence_pct: null, scheduled_work_ms: 0, worked_ms: workedOutsideNeutral, conformance_pct: null };
  }
  const window: Span = { start: s.shift_start, end: Math.min(s.shift_end, v.now) };
  const activityAt = (t: number): Activity => activityOf(v, t);
  // The tolerance at the shift's edges forgives coming a little late or leaving a little early; someone
  // who has not come in at all has nothing to forgive, so their edges accept only work.
  const cameIn = v.segments.some((x) => x.works && x.start < window.end && x.end > window.start);
  const boundaries = boundariesOf(v, activityAt).map((b) => (cameIn ? b : { ...b, before: notOff(b.before), after: notOff(b.after) }));

  const cuts = new Set<number>([window.start, window.end]);
  const addCut = (t: number) => {
    if (t > window.start && t < window.end) cuts.add(t);
  };
  for (const b of boundaries) {
    addCut(b.zone.start);
    addCut(b.zone.end);
  }
  for (const p of s.breaks) {
    addCut(p.start);
    addCut(plannedEnd(p));
  }
  for (const x of v.segments) {
    addCut(x.start);
    addCut(x.end);
  }
  for (const n of v.neutral) {
    addCut(n.start);
    addCut(n.end);
  }
  const points = [...cuts].sort((a, b) => a - b);

  let outMs = 0;
  let scheduledWorkMs = 0;
  let neutralWorkMs = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    // Every quantity is constant on [a, b): the cut points include all of their changes.
    const a = points[i];
    const len = points[i + 1] - a;
    const expected = activityAt(a);
    const neutral = isNeutral(a, v.neutral);
    if (expected.type === 'work') {
      scheduledWorkMs += len;
      if (neutral) neutralWorkMs += len;
    }
    if (neutral) continue;
    const actual = v.segments.find((x) => x.start <= a && a < x.end) ?? null;
    const accepted = [expected, ...boundaries.filter((b) => b.zone.start <= a && a < b.zone.end).flatMap((b) => [b.before, b.after])];
    if (!accepted.some((act) => matches(v, act, actual))) outMs += len;
  }

  const scheduledMs = window.end - window.start;
  const workedMs = workedOutsideNeutral + neutralWorkMs;
  return {
    scheduled_ms: scheduledMs,
    out_of_adherence_ms: outMs,
    adherence_pct: 100 * (1 - outMs / scheduledMs),
    scheduled_work_ms: scheduledWorkMs,
    worked_ms: workedMs,
    conformance_pct: scheduledWorkMs > 0 ? (100 * workedMs) / scheduledWorkMs : null,
  };
}

/**
 * What the schedule asks for at `t`: off outside the shift; inside it, the planned break covering `t`
 * (the later-starting one where an admin made two overlap), else work.
 */
function activityOf(v: DayView, t: number): Activity {
  const s = v.schedule;
  if (!s || t < s.shift_start || t >= s.shift_end) return { type: 'off' };
  let status: string | null = null;
  for (const p of s.breaks) if (p.start <= t && t < plannedEnd(p)) status = p.status;
  return status === null ? { type: 'work' } : { type: 'planned', status };
}

/** The activity an edge zone accepts of someone who never came in: `off` is not forgiven. */
function notOff(a: Activity): Activity {
  return a.type === 'off' ? { type: 'work' } : a;
}

/** Every moment inside [shift start, shift end] where the scheduled activity changes, with its tolerance zone. */
function boundariesOf(v: DayView, activityAt: (t: number) => Activity): Boundary[] {
  const s = v.schedule;
  if (!s) return [];
  const candidates = new Set<number>([s.shift_start, s.shift_end]);
  for (const p of s.breaks) {
    for (const t of [p.start, plannedEnd(p)]) if (t > s.shift_start && t < s.shift_end) candidates.add(t);
  }
  const out: Boundary[] = [];
  for (const t of [...candidates].sort((a, b) => a - b)) {
    const before = activityAt(t - 1);
    const after = activityAt(t);
    if (sameActivity(before, after)) continue;
    const tolerance = toleranceMs(v, before, after);
    out.push({ before, after, zone: { start: t - tolerance, end: t + tolerance } });
  }
  return out;
}

/** A break boundary takes its break's tolerance (the larger of two breaks back to back); shift edges the shift's. */
function toleranceMs(v: DayView, before: Activity, after: Activity): number {
  const planned = [before, after].filter((a): a is { type: 'planned'; status: string } => a.type === 'planned');
  if (planned.length === 0) return v.shiftToleranceMs;
  return Math.max(...planned.map((a) => (v.ruleFor(a.status)?.window_tolerance_minutes ?? 0) * MINUTE_MS));
}

function sameActivity(a: Activity, b: Activity): boolean {
  return a.type === b.type && (a.type !== 'planned' || (b.type === 'planned' && a.status === b.status));
}

/** Whether the actual segment (null: no status yet, i.e. offline) fits the activity. */
function matches(v: DayView, activity: Activity, actual: KindSegment | null): boolean {
  if (activity.type === 'off') return true;
  if (activity.type === 'work') return actual !== null && actual.works;
  const plannedKind = v.kindOf(activity.status);
  const actualKind = actual ? actual.kind : 'offline';
  return plannedKind !== null ? actualKind === plannedKind : actual !== null && actual.status === activity.status;
}
