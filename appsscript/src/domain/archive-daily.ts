// The archive's decisions for the Daily tab (consolidated days), with no Apps Script in sight: how long Daily
// keeps its months live, which rows at the top of the tab move, to which month's archive, and how a block
// of them is recognised again after a cut. The protocol is Log's (domain/archive-plan.ts): plan in the
// checkpoint, copy and flush, then under the script lock check the top of the tab and delete it, marking
// the deletion first so the row numbers kept in Settings (`daily.tail_row`, `daily.index`) move exactly once.
import { SETTING_DEFAULTS } from '../../../common/admin-api.ts';
import type { Cell } from '../store/port.ts';
import { idsFingerprint } from './archive-plan.ts';

export const DAILY_KEEP = {
  /** Settings daily_keep_months when blank or unreadable: a year's report stays on the live tab. */
  months: Number(SETTING_DEFAULTS.daily_keep_months),
  /**
   * At least the month before this one: the rollover catches up at most 7 days back, so a day it may still
   * write is never in a month already moved.
   */
  min: 1,
  max: 120,
  /** Rows per block (one read, one write per archive, one deleteRows); 21 columns, so 105,000 cells. */
  chunkRows: 5_000,
} as const;

export interface KeepMonthsSetting {
  months: number;
  /** Why the setting was not used as written (English / Russian), for the log. */
  warning?: string;
}

export function dailyKeepMonthsOf(raw: string | undefined): KeepMonthsSetting {
  const text = (raw ?? '').trim();
  if (text === '') return { months: DAILY_KEEP.months };
  const n = Number(text);
  if (!Number.isInteger(n)) {
    return {
      months: DAILY_KEEP.months,
      warning: `daily_keep_months "${text}" is not a whole number of months; ${DAILY_KEEP.months} is used / daily_keep_months «${text}» — не целое число месяцев; используется ${DAILY_KEEP.months}`,
    };
  }
  const months = Math.min(DAILY_KEEP.max, Math.max(DAILY_KEEP.min, n));
  if (months === n) return { months };
  return {
    months,
    warning: `daily_keep_months must be from ${DAILY_KEEP.min} to ${DAILY_KEEP.max}; ${months} is used / daily_keep_months должно быть от ${DAILY_KEEP.min} до ${DAILY_KEEP.max}; используется ${months}`,
  };
}

/**
 * Daily rows dated before this day move: the first day of the month `months` before today's month. Whole
 * months move, so an archived month's days are all in one workbook and the live tab starts on a 1st.
 */
export function dailyCutoffDate(today: string, months: number): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1 - months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-01`;
}

/** Months 'yyyy-MM' from `from`'s through `to`'s, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    out.push(month);
    m++;
    if (m === 13) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** What the archive needs of a Daily row: its date ('' when blank or unreadable) and whether it is blank. */
export interface DailyRowFacts {
  date: string;
  employee: string;
  blank: boolean;
}

/** What identifies a Daily row at the top of the tab: its date and person (one row per person and day). */
export const dailyKey = (f: Pick<DailyRowFacts, 'date' | 'employee'>): string => `${f.date}|${f.employee}`;

export interface DailyBlockPlan {
  /** Rows from row 2 that move (they are deleted together). */
  count: number;
  /** Non-blank rows by month (indexes into the block); blank rows are deleted and not copied. */
  parts: { month: string; indexes: number[] }[];
  /** The key of row 2, and the fingerprint of the block's keys (what the delete checks). */
  firstId: string;
  fingerprint: string;
  /** A row too young to move was met: nothing below it moves. */
  reachedYoungRow: boolean;
}

/**
 * The rows at the top of Daily that move: the longest run, from row 2, of rows dated before `cutoffDate`
 * (Daily is in date order: the rollover appends each day's rows below the last). A row whose date cannot be
 * read (a hand edit) and a blank row go with the row above it (at the top, the first dated row below).
 * When the rows read end while still old (`more`: the tab goes on below), the block stops at the last change
 * of date, so a date is never split between two blocks and the row left at the top after the deletion has
 * another date than the block's first: that is how a cut run tells a block deleted from one still there.
 */
export function planDailyBlock(rows: readonly DailyRowFacts[], cutoffDate: string, more: boolean): DailyBlockPlan {
  const dates = effectiveDates(rows);
  let count = 0;
  while (count < rows.length && dates[count] !== '' && dates[count] < cutoffDate) count++;
  const reachedYoungRow = count < rows.length;
  if (!reachedYoungRow && more && count > 0) {
    let cut = count;
    while (cut > 0 && dates[cut - 1] === dates[count - 1]) cut--;
    // One date with more rows than a block (never with a team's size): take the block as it is.
    if (cut > 0) count = cut;
  }
  const block = rows.slice(0, count);
  const parts: DailyBlockPlan['parts'] = [];
  block.forEach((r, i) => {
    if (r.blank) return;
    const month = dates[i].slice(0, 7);
    let part = parts.find((p) => p.month === month);
    if (!part) parts.push((part = { month, indexes: [] }));
    part.indexes.push(i);
  });
  const keys = block.map(dailyKey);
  return { count, parts, firstId: keys[0] ?? '', fingerprint: idsFingerprint(keys), reachedYoungRow };
}

function effectiveDates(rows: readonly DailyRowFacts[]): string[] {
  const readable = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  const out = rows.map((r) => (r.blank || !readable(r.date) ? '' : r.date));
  let previous = out.find((d) => d !== '') ?? '';
  for (let i = 0; i < out.length; i++) {
    if (out[i] === '') out[i] = previous;
    else previous = out[i];
  }
  return out;
}

/** A row as text, every cell (instants by their time): how a resumed copy knows a row is already there. */
export function dailyRowText(row: readonly Cell[]): string {
  return row
    .map((c) => {
      if (c === null || c === undefined) return '';
      if (typeof c === 'object' && typeof (c as Date).getTime === 'function') return `@${(c as Date).getTime()}`;
      return String(c);
    })
    .join('\u0001');
}

/**
 * The rows of `rows` not yet among `existing` (the archive's rows from the block's start row), counting
 * duplicates: two identical rows of the block are both written unless both are there.
 */
export function dailyRowsMissing(rows: readonly (readonly Cell[])[], existing: readonly (readonly Cell[])[]): Cell[][] {
  const have = new Map<string, number>();
  for (const r of existing) {
    const k = dailyRowText(r);
    have.set(k, (have.get(k) ?? 0) + 1);
  }
  const out: Cell[][] = [];
  for (const r of rows) {
    const k = dailyRowText(r);
    const n = have.get(k) ?? 0;
    if (n > 0) have.set(k, n - 1);
    else out.push([...r]);
  }
  return out;
}

// ---- the deletion's mark ----

export const DAILY_DELETING_KEY = 'daily.deleting';

/** Stored (under the script lock) just before the archive deletes `count` rows whose first has key `first`. */
export function dailyDeletingMarker(count: number, first: string): Map<string, string> {
  return new Map([[DAILY_DELETING_KEY, JSON.stringify({ count, first })]]);
}

/**
 * What a marked deletion says, given the key of row 2 now: 'none' (no mark, or a mark that cannot be read:
 * cleared), 'pending' (row 2 is still the block's first row: nothing was deleted yet; the deletion moves the
 * row numbers itself), or the count of rows that are gone while the row numbers were not moved yet.
 */
export function dailyDeletionOf(raw: string | undefined, topKey: () => string): { kind: 'none'; clear: boolean } | { kind: 'pending' } | { kind: 'done'; count: number } {
  const text = (raw ?? '').trim();
  if (text === '') return { kind: 'none', clear: false };
  let marker: { count?: unknown; first?: unknown };
  try {
    marker = JSON.parse(text) as typeof marker;
  } catch {
    marker = {};
  }
  const count = Number(marker.count);
  if (!(Number.isSafeInteger(count) && count > 0) || typeof marker.first !== 'string') return { kind: 'none', clear: true };
  if (topKey() === marker.first) return { kind: 'pending' };
  return { kind: 'done', count };
}
