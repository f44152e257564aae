// Interval arithmetic for the rules: how much of a span lies outside neutral periods. Neutral time is
// "as if on schedule", so every limit measures only the time that is not neutral (the clock stops
// during an outage).
import type { NeutralPeriod } from './types.ts';

export const MINUTE_MS = 60_000;

export interface Span {
  start: number;
  end: number;
}

/**
 * The neutral periods that apply to `employeeId` (or every period, when null), merged into sorted,
 * disjoint spans so that overlapping periods are not counted twice.
 */
export function neutralSpans(periods: readonly NeutralPeriod[], employeeId: string | null): Span[] {
  const mine = periods
    .filter((p) => p.end > p.start && (employeeId === null || !p.employee_ids || p.employee_ids.includes(employeeId)))
    .map((p) => ({ start: p.start, end: p.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of mine) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push(span);
  }
  return merged;
}

/** Milliseconds of [from, to) that lie inside the (merged) neutral spans. */
export function neutralMs(from: number, to: number, neutral: readonly Span[]): number {
  let total = 0;
  for (const n of neutral) total += Math.max(0, Math.min(to, n.end) - Math.max(from, n.start));
  return total;
}

/** Milliseconds of [from, to) outside neutral time; 0 when to <= from. */
export function countedMs(from: number, to: number, neutral: readonly Span[]): number {
  if (to <= from) return 0;
  return to - from - neutralMs(from, to, neutral);
}

export function isNeutral(at: number, neutral: readonly Span[]): boolean {
  return neutral.some((n) => n.start <= at && at < n.end);
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Started minutes: any part of a minute over the limit is a minute over. */
export function startedMinutes(ms: number): number {
  return ms <= 0 ? 0 : Math.ceil(ms / MINUTE_MS);
}

/** To one decimal, for the Daily row. */
export function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}
