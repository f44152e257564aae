// Fields the `today` block does not carry yet (common/api.ts) but the page is ready to show as soon as the
// server adds them: today's violations (the rules issue) and the break rules that give a break its length.
// The page reads them defensively, so an older server (without them) and a newer one both work. The
// types follow appsscript/src/domain/rules/types.ts (Violation) and the Violations and Rules tabs.
import type { TodayBlock } from '../../../common/api.ts';

export { VIOLATION_TYPES, type ViolationType } from '../../../common/violations.ts';
import { VIOLATION_TYPES, type ViolationType } from '../../../common/violations.ts';

/** A violation as the employee sees it: the rules' Violation, or a row of the Violations tab. */
export interface ViolationView {
  type: string;
  /** The row's id or the violation's key (either identifies it). */
  id?: string;
  key?: string;
  /** The status concerned ('' for shift-level violations). */
  status?: string;
  /** The instant the violation is about (the shift start, the break's start...). */
  at?: number;
  /** What was planned and what happened, already said by the server (e.g. "10:00–10:15", "10:02–10:31"). */
  planned?: string;
  actual?: string;
  over_minutes?: number;
  resolution?: 'open' | 'excused' | 'confirmed';
}

/** The part of a Rules row that the break panel needs. */
export interface BreakRuleView {
  status: string;
  max_minutes?: number;
  max_per_shift?: number;
}

export type TodayView = TodayBlock & { violations?: ViolationView[]; rules?: BreakRuleView[] };

/** The violations list, or null when the server does not send one (then the section is not shown). */
export function violationsOf(today: TodayBlock | null): ViolationView[] | null {
  const list = (today as TodayView | null)?.violations;
  return Array.isArray(list) ? list : null;
}

export function rulesOf(today: TodayBlock | null): BreakRuleView[] {
  const list = (today as TodayView | null)?.rules;
  return Array.isArray(list) ? list : [];
}

export function isViolationType(v: string): v is ViolationType {
  return (VIOLATION_TYPES as readonly string[]).includes(v);
}
