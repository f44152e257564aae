// The planner over the Schedule's own records: a group's shifts on some days (dates and 'HH:mm' wall-clock
// times, night shifts ending the next day), its rule set and cap. Shifts of nearby days that are not being
// planned still hold their breaks, so a night shift's planned breaks count against the next morning's.
// Breaks the planner placed before (auto) are placed afresh; hand-fixed ones stay.
import type { PlannedBreakRow, Rule, Shift, Status } from '../model.ts';
import { minutesOf } from '../calendar.ts';
import { needsOf } from './needs.ts';
import { planBreaks, type FixedBreak, type PlannerShift, type UnplacedReason } from './place.ts';

export interface GroupPlanInput {
  /** The shifts to plan. */
  shifts: readonly Shift[];
  /** The group's other shifts close by (not planned: every break of theirs stays and counts). */
  around?: readonly Shift[];
  ruleSet: string;
  rules: readonly Rule[];
  statuses: readonly Status[];
  cap: number | null;
}

export interface GroupPlan {
  /** Each placed shift with its breaks: hand-fixed as they were, the planner's marked auto. */
  placed: { shift: Shift; breaks: PlannedBreakRow[] }[];
  unplaced: { shift: Shift; reason: UnplacedReason; en: string; ru: string }[];
  peak: number;
  fixedOverCap: number;
}

const DAY = 1440;

export function planGroup(input: GroupPlanInput): GroupPlan {
  const needs = needsOf(input.ruleSet, input.rules, input.statuses);
  const kindOf = new Map(input.statuses.map((s) => [s.code, s.kind]));
  const counts = (status: string) => kindOf.get(status) === 'break' || kindOf.get(status) === 'lunch';
  const byId = new Map<string, Shift>();
  const shifts: PlannerShift[] = input.shifts.map((shift) => {
    const id = `${shift.date}|${shift.employee_id}`;
    byId.set(id, shift);
    const { start, end } = span(shift);
    const fixed: FixedBreak[] = shift.breaks.filter((b) => !b.auto).map((b) => ({ status: b.status, start: breakStart(shift, b), minutes: b.minutes, counts: counts(b.status) }));
    return { id, start, end, fixed, needs: needs.needs, edge: needs.edge, gapOf: needs.gapOf };
  });
  const busy = (input.around ?? []).flatMap((s) => s.breaks.filter((b) => counts(b.status)).map((b) => ({ start: breakStart(s, b), minutes: b.minutes })));
  const result = planBreaks({ cap: input.cap, shifts, busy });
  return {
    placed: result.placed.map(({ id, breaks }) => {
      const shift = byId.get(id) as Shift;
      return {
        shift,
        breaks: breaks.map((b) => (b.fixed ? { status: b.status, start: clock(b.start), minutes: b.minutes } : { status: b.status, start: clock(b.start), minutes: b.minutes, auto: true as const })),
      };
    }),
    unplaced: result.unplaced.map((u) => ({ shift: byId.get(u.id) as Shift, reason: u.reason, en: u.en, ru: u.ru })),
    peak: result.peak,
    fixedOverCap: result.fixedOverCap,
  };
}

/** A calendar date as whole days from 1970-01-01. */
export function dayNumber(date: string): number {
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

/** A shift's minutes on one line through the days: an end not after the start is the next day. */
export function span(shift: Shift): { start: number; end: number } {
  const start = dayNumber(shift.date) * DAY + minutesOf(shift.shift_start);
  const length = (minutesOf(shift.shift_end) - minutesOf(shift.shift_start) + DAY) % DAY || DAY;
  return { start, end: start + length };
}

/** Where a break of the shift starts on that line: a time before the shift's start is the next day. */
export function breakStart(shift: Shift, b: PlannedBreakRow): number {
  return span(shift).start + ((minutesOf(b.start) - minutesOf(shift.shift_start) + DAY) % DAY);
}

function clock(minute: number): string {
  const m = ((minute % DAY) + DAY) % DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
