// What a rule set calls for in each shift: per status of kind break or lunch with a count and a length in
// Rules, that many breaks of that length (max_per_shift x max_minutes), at least min_gap_minutes from any
// other break of the shift; and how far from the shift's start and end a break may be put: the work rule's
// min_gap_minutes (the work row already carries the shift's own grace), an hour when it is blank.
import type { Rule, Status } from '../model.ts';

export interface Need {
  status: string;
  kind: 'break' | 'lunch';
  count: number;
  minutes: number;
  /** Least minutes between a break of this status and any other break of the shift. */
  gap: number;
}

export interface ShiftNeeds {
  needs: Need[];
  /** Least minutes between the shift's start or end and any planned break. */
  edge: number;
  /** The gap each status keeps (statuses without a rule keep none). */
  gapOf(status: string): number;
}

/** No break in a shift's first or last hour unless the rules say otherwise. */
export const DEFAULT_EDGE_MINUTES = 60;

export function needsOf(ruleSet: string, rules: readonly Rule[], statuses: readonly Status[]): ShiftNeeds {
  const kindOf = new Map(statuses.map((s) => [s.code, s.kind]));
  const mine = new Map<string, Rule>();
  // The first row of a status wins, as the rules read them (docs/rules.md).
  for (const r of rules) if (r.rule_set === ruleSet && ruleSet !== '' && !mine.has(r.status)) mine.set(r.status, r);
  const needs: Need[] = [];
  for (const r of mine.values()) {
    const kind = kindOf.get(r.status);
    if ((kind !== 'break' && kind !== 'lunch') || !r.max_per_shift || !r.max_minutes) continue;
    needs.push({ status: r.status, kind, count: r.max_per_shift, minutes: r.max_minutes, gap: r.min_gap_minutes ?? 0 });
  }
  // Lunches first: they are the longest and want the middle; then by status code, so the order is fixed.
  needs.sort((a, b) => (a.kind === b.kind ? (a.status < b.status ? -1 : a.status > b.status ? 1 : 0) : a.kind === 'lunch' ? -1 : 1));
  const work = [...mine.values()].filter((r) => kindOf.get(r.status) === 'work').sort((a, b) => (a.status < b.status ? -1 : 1))[0];
  const edge = work?.min_gap_minutes ?? DEFAULT_EDGE_MINUTES;
  return { needs, edge, gapOf: (status) => mine.get(status)?.min_gap_minutes ?? 0 };
}
