// One employee's day prepared once for every rule: the shift as instants, the segments up to now with
// their status kind, the rules of the employee's rule set, and the neutral spans that concern them.
import type { PlannedBreak, TodaySchedule } from '../../../../common/api.ts';
import type { EntrySource, StatusKind } from '../../../../common/status.ts';
import type { Rule, Status } from '../model.ts';
import { segments } from '../timeline.ts';
import { scheduleOf } from '../today.ts';
import { MINUTE_MS, neutralSpans, type Span } from './spans.ts';
import type { EmployeeDay, TimeText } from './types.ts';

/** A timeline segment with what its status means. An ongoing segment ends at `now`. */
export interface KindSegment {
  status: string;
  /** null for a code missing from the Statuses tab: it matches no scheduled activity. */
  kind: StatusKind | null;
  /** The status counts as work (Statuses.counts_as_work). */
  works: boolean;
  start: number;
  end: number;
  ongoing: boolean;
  source: EntrySource;
}

export interface DayView {
  employee_id: string;
  date: string;
  now: number;
  schedule: TodaySchedule | null;
  segments: KindSegment[];
  neutral: Span[];
  timeText: TimeText;
  statusOf(code: string): Status | undefined;
  kindOf(code: string): StatusKind | null;
  /** The rule of a status in the employee's rule set; null when the Rules tab has none. */
  ruleFor(code: string): Rule | null;
  /** Grace and tolerance of the shift itself: the rule of a status of kind work (none: 0 and 0). */
  shiftGraceMs: number;
  shiftToleranceMs: number;
}

export function viewOf(input: EmployeeDay): DayView {
  const statuses = firstByKey(input.statuses, (s) => s.code);
  const rules = firstByKey(input.rules.filter((r) => r.rule_set === input.rule_set), (r) => r.status);
  const kindOf = (code: string): StatusKind | null => statuses.get(code)?.kind ?? null;
  const shiftRule = shiftRuleOf([...rules.values()], kindOf);
  return {
    employee_id: input.employee_id,
    date: input.date,
    now: input.now,
    schedule: input.shift ? orderedSchedule(scheduleOf(input.shift, input.zonedTime)) : null,
    segments: segments(input.day, input.now).map((s) => ({
      status: s.status,
      kind: kindOf(s.status),
      works: statuses.get(s.status)?.counts_as_work ?? false,
      start: s.start,
      end: s.end ?? input.now,
      ongoing: s.end === null,
      source: s.source,
    })),
    neutral: neutralSpans(input.neutral, input.employee_id),
    timeText: input.timeText,
    statusOf: (code) => statuses.get(code),
    kindOf,
    ruleFor: (code) => rules.get(code) ?? null,
    shiftGraceMs: (shiftRule?.grace_minutes ?? 0) * MINUTE_MS,
    shiftToleranceMs: (shiftRule?.window_tolerance_minutes ?? 0) * MINUTE_MS,
  };
}

/** The end of a planned break. */
export function plannedEnd(b: PlannedBreak): number {
  return b.start + b.minutes * MINUTE_MS;
}

/**
 * The shift's own grace comes from the rule of a work-kind status ('work' in the demo). When several work
 * statuses have rules, the smallest code decides, so the row order of the Rules tab does not matter.
 */
function shiftRuleOf(rules: readonly Rule[], kindOf: (code: string) => StatusKind | null): Rule | null {
  const work = rules.filter((r) => kindOf(r.status) === 'work').sort((a, b) => (a.status < b.status ? -1 : a.status > b.status ? 1 : 0));
  return work[0] ?? null;
}

/** Planned breaks in a total order (start, status, minutes): ties come out the same whatever the typed order. */
function orderedSchedule(s: TodaySchedule): TodaySchedule {
  const breaks = [...s.breaks].sort(
    (a, b) => a.start - b.start || (a.status < b.status ? -1 : a.status > b.status ? 1 : 0) || a.minutes - b.minutes,
  );
  return { ...s, breaks };
}

/** A duplicated code in an edited tab: the first row wins, as everywhere else in the store. */
function firstByKey<T>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) if (!map.has(key(row))) map.set(key(row), row);
  return map;
}
