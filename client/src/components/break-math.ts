// The break panel's arithmetic, kept pure so it is tested without a page: which planned break the
// current one is, how long it may last, the next planned break, and how many breaks were taken today.
import type { CurrentState, PlannedBreak, TimelineSegment, TodaySchedule } from '../../../common/api.ts';
import type { StatusInfo } from '../../../common/status.ts';
import type { BreakRuleView } from './today-extras.ts';
import { isBreakKind } from './status-lookup.ts';

const MINUTE = 60_000;

export function breakEnd(b: PlannedBreak): number {
  return b.start + b.minutes * MINUTE;
}

/**
 * The planned break this break stands for: one whose planned time overlaps [since, now] (so a break
 * started a little early or late still finds its plan), of the same status if there is one.
 */
export function plannedBreakFor(schedule: TodaySchedule | null, current: CurrentState, now: number): PlannedBreak | null {
  const overlapping = (schedule?.breaks ?? []).filter((b) => b.start <= now && breakEnd(b) > current.since);
  return overlapping.find((b) => b.status === current.status) ?? overlapping[0] ?? null;
}

export interface BreakAllowance {
  /** How long this break may last, in minutes. */
  minutes: number;
  /** Epoch ms when it should end: the start of this break plus its length. */
  endsAt: number;
  source: 'plan' | 'rule';
}

/** This break's length from its plan, else from the rule of its status; null when neither says. */
export function breakAllowance(
  schedule: TodaySchedule | null,
  rules: readonly BreakRuleView[],
  current: CurrentState,
  now: number,
): BreakAllowance | null {
  const planned = plannedBreakFor(schedule, current, now);
  if (planned) return { minutes: planned.minutes, endsAt: current.since + planned.minutes * MINUTE, source: 'plan' };
  const rule = rules.find((r) => r.status === current.status && typeof r.max_minutes === 'number' && r.max_minutes > 0);
  if (rule?.max_minutes) return { minutes: rule.max_minutes, endsAt: current.since + rule.max_minutes * MINUTE, source: 'rule' };
  return null;
}

/** The first planned break that has not started yet. */
export function nextPlannedBreak(schedule: TodaySchedule | null, now: number): PlannedBreak | null {
  return (schedule?.breaks ?? []).filter((b) => b.start > now).sort((a, b) => a.start - b.start)[0] ?? null;
}

/** Breaks (and lunches) started today: each timeline segment of a break-like status is one. */
export function breaksTaken(timeline: readonly TimelineSegment[], statuses: readonly StatusInfo[]): number {
  return timeline.filter((s) => isBreakKind(statuses, s.status)).length;
}

/** What the count of breaks is measured against: the plan, or the rules' maximum when there is no plan. */
export function breaksAllowed(schedule: TodaySchedule | null, rules: readonly BreakRuleView[], statuses: readonly StatusInfo[]): number | null {
  if (schedule && schedule.breaks.length > 0) return schedule.breaks.length;
  const limits = rules.filter((r) => isBreakKind(statuses, r.status) && typeof r.max_per_shift === 'number');
  return limits.length ? limits.reduce((n, r) => n + (r.max_per_shift ?? 0), 0) : null;
}
