// A rule as the form holds it: each number as typed, so that a half-typed value is kept and said wrong at
// its field rather than lost. Blank is no limit for the nullable numbers and 0 for grace and tolerance
// (common/admin-api.ts, docs/rules.md).
import type { RuleRecord } from '../../../../common/admin-api.ts';

export const NUMBERS = ['max_per_shift', 'max_minutes', 'grace_minutes', 'window_tolerance_minutes', 'min_gap_minutes'] as const;
export type NumberKey = (typeof NUMBERS)[number];
/** The numbers whose blank means "no limit"; the others' blank means 0. */
const NULLABLE: ReadonlySet<NumberKey> = new Set(['max_per_shift', 'max_minutes', 'min_gap_minutes']);

export type RuleDraft = { status: string } & Record<NumberKey, string>;

export function ruleDraftOf(r: RuleRecord): RuleDraft {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    status: r.status,
    max_per_shift: text(r.max_per_shift),
    max_minutes: text(r.max_minutes),
    grace_minutes: r.grace_minutes === 0 ? '' : String(r.grace_minutes),
    window_tolerance_minutes: r.window_tolerance_minutes === 0 ? '' : String(r.window_tolerance_minutes),
    min_gap_minutes: text(r.min_gap_minutes),
  };
}

export function emptyRule(status: string): RuleDraft {
  return { status, max_per_shift: '', max_minutes: '', grace_minutes: '', window_tolerance_minutes: '', min_gap_minutes: '' };
}

/** A number as typed: null when blank, NaN when it is not a whole number. */
function parsed(text: string): number | null {
  const v = text.trim();
  if (v === '') return null;
  return /^\d+$/.test(v) ? Number(v) : Number.NaN;
}

/** The paths (`rules[2].max_minutes`) of numbers that are not whole numbers. */
export function badNumbers(rules: readonly RuleDraft[]): string[] {
  const out: string[] = [];
  rules.forEach((r, i) => {
    for (const key of NUMBERS) if (Number.isNaN(parsed(r[key]))) out.push(`rules[${i}].${key}`);
  });
  return out;
}

/** The rule to send (and to preview): a number that is not one reads as blank here; badNumbers says so. */
export function ruleOf(d: RuleDraft): RuleRecord {
  const value = (key: NumberKey): number | null => {
    const n = parsed(d[key]);
    if (n === null || Number.isNaN(n)) return NULLABLE.has(key) ? null : 0;
    return n;
  };
  return {
    status: d.status,
    max_per_shift: value('max_per_shift'),
    max_minutes: value('max_minutes'),
    grace_minutes: value('grace_minutes') ?? 0,
    window_tolerance_minutes: value('window_tolerance_minutes') ?? 0,
    min_gap_minutes: value('min_gap_minutes'),
  };
}
