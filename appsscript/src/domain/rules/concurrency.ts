// Group concurrency: more members of a group on break or lunch at once than Groups.max_concurrent_breaks.
// Judged on a snapshot of Current. The members who went away first are within the allowance; each one
// who went away beyond it is a violation of their own, from the moment they left, growing while the
// snapshot still shows them away.
import { neutralSpans, countedMs, isNeutral } from './spans.ts';
import type { GroupSnapshot, MemberNow, Violation } from './types.ts';
import { violation } from './violation.ts';

export function groupConcurrency(g: GroupSnapshot): Violation[] {
  const max = g.max_concurrent_breaks;
  if (max === null) return [];
  const kinds = new Map<string, string>();
  for (const s of g.statuses) if (!kinds.has(s.code)) kinds.set(s.code, s.kind);
  // During an outage Current is stale for the people it concerns: they are left out of the count.
  const away = g.members
    .filter((m) => {
      const kind = kinds.get(m.status);
      return (kind === 'break' || kind === 'lunch') && !isNeutral(g.now, neutralSpans(g.neutral, m.employee_id));
    })
    .sort(byLeftFirst);
  if (away.length <= max) return [];
  const actual = `${away.length}: ${away.map((m) => m.employee_id).join(', ')}`;
  const out: Violation[] = [];
  for (const m of away.slice(max)) {
    // Without the time they left there is nothing stable to key the violation on.
    if (m.since === null) continue;
    out.push(
      violation({
        type: 'group_concurrency',
        employee_id: m.employee_id,
        date: g.date,
        status: m.status,
        at: m.since,
        planned: `${g.group} ≤ ${max}`,
        actual,
        overMs: countedMs(m.since, g.now, neutralSpans(g.neutral, m.employee_id)),
        final: false,
      }),
    );
  }
  return out;
}

/** Who left first (unknown first: they have been away longest as far as anyone knows), then by id. */
function byLeftFirst(a: MemberNow, b: MemberNow): number {
  const sa = a.since ?? Number.NEGATIVE_INFINITY;
  const sb = b.since ?? Number.NEGATIVE_INFINITY;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.employee_id < b.employee_id ? -1 : a.employee_id > b.employee_id ? 1 : 0;
}
