// Parts of the `today` block that a day saved by an older page, or sent by an older server, may lack:
// today's violations (the page shows the section only when the block has the list) and the break rules
// that give a break its length (the server does not send them yet). Read defensively, so both work.
import type { TodayBlock, TodayViolation } from '../../../common/api.ts';

export { VIOLATION_TYPES, type ViolationType } from '../../../common/violations.ts';
import { VIOLATION_TYPES, type ViolationType } from '../../../common/violations.ts';

/** The part of a Rules row that the break panel needs. */
export interface BreakRuleView {
  status: string;
  max_minutes?: number;
  max_per_shift?: number;
}

export type TodayView = TodayBlock & { rules?: BreakRuleView[] };

/** The violations list, or null when the block has none (then the section is not shown). */
export function violationsOf(today: TodayBlock | null): TodayViolation[] | null {
  const list = (today as Partial<TodayBlock> | null)?.violations;
  return Array.isArray(list) ? list : null;
}

export function rulesOf(today: TodayBlock | null): BreakRuleView[] {
  const list = (today as TodayView | null)?.rules;
  return Array.isArray(list) ? list : [];
}

/** A newer server may know a type this page does not: it is then shown by its code. */
export function isViolationType(v: string): v is ViolationType {
  return (VIOLATION_TYPES as readonly string[]).includes(v);
}
