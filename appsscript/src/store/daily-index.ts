// Where each date's rows are in the Daily tab, so a report reads only its period. The rollover appends a
// date's rows in one block, dates in order, and notes the block here in the same Settings write that commits
// the date; a reader checks every row it reads against the index and, on any mismatch (a hand edit, an index
// from before the tab was changed), finds the rows from the date column instead.
import type { Cell } from './port.ts';

export const DAILY_INDEX_KEY = 'daily.index';

/** date -> [first sheet row, row count]. */
export type DailyIndex = Map<string, readonly [number, number]>;

export function parseDailyIndex(text: string | undefined): DailyIndex | null {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as unknown;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
    const out: DailyIndex = new Map();
    for (const [date, v] of Object.entries(raw as Record<string, unknown>)) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Array.isArray(v) || v.length !== 2) return null;
      const [row, count] = v as unknown[];
      if (!Number.isSafeInteger(row) || !Number.isSafeInteger(count) || (row as number) < 2 || (count as number) < 1) return null;
      out.set(date, [row as number, count as number]);
    }
    return out;
  } catch {
    return null;
  }
}

export function formatDailyIndex(index: DailyIndex): string {
  return JSON.stringify(Object.fromEntries([...index].sort((a, b) => (a[0] < b[0] ? -1 : 1))));
}

/** The index built from the tab's date column (row 2 down), each date's first row and count. */
export function indexFromDates(dates: readonly string[]): DailyIndex {
  const out = new Map<string, [number, number]>();
  dates.forEach((date, i) => {
    if (!date) return;
    const row = i + 2;
    const had = out.get(date);
    // A date found in two places (rows moved by hand) spans both: the reader's check then sees the rows
    // between and falls back, rather than missing either block.
    if (had) had[1] = row - had[0] + 1;
    else out.set(date, [row, 1]);
  });
  return out;
}

/** The block of rows holding the dates from..to, or null when the index knows none of them. */
export function rowsOf(index: DailyIndex, from: string, to: string): { first: number; last: number; dates: Set<string> } | null {
  let first = Infinity;
  let last = -Infinity;
  const dates = new Set<string>();
  for (const [date, [row, count]] of index) {
    if (date < from || date > to) continue;
    dates.add(date);
    first = Math.min(first, row);
    last = Math.max(last, row + count - 1);
  }
  return dates.size === 0 ? null : { first, last, dates };
}

/**
 * Whether rows read from `first` are exactly what the index says: each row's date is one of `dates` and sits
 * in that date's block. `dateOf` reads a row's date ('' when blank or unreadable).
 */
export function blockMatches(index: DailyIndex, first: number, rows: readonly Cell[][], dateOf: (row: Cell[]) => string): boolean {
  return rows.every((cells, i) => {
    const date = dateOf(cells);
    const block = index.get(date);
    const row = first + i;
    return block !== undefined && row >= block[0] && row < block[0] + block[1];
  });
}

/** The last Daily row a committed rollover accounted for (services/rollover.ts): rows below it were written by a cut run. */
export const DAILY_TAIL_KEY = 'daily.tail_row';

/**
 * The index after rows 2 .. deleted + 1 were deleted (the archive takes whole dates from the top): the dates
 * there leave it, every other block moves up by as many rows.
 */
export function shiftDailyIndex(index: DailyIndex, deleted: number): DailyIndex {
  const out: DailyIndex = new Map();
  const firstKept = deleted + 2;
  for (const [date, [row, count]] of index) {
    const last = row + count - 1;
    if (last < firstKept) continue;
    // A block the deletion cut into (never with whole dates) keeps the rows that stay.
    const from = Math.max(row, firstKept);
    out.set(date, [from - deleted, last - from + 1]);
  }
  return out;
}

/**
 * The row numbers the rollover keeps of Daily after `deleted` rows went from its top: the tail mark and the
 * index move up by as many (Settings to write under the same lock as the deletion).
 */
export function dailyMarksAfterDelete(settings: ReadonlyMap<string, string>, deleted: number): Map<string, string> {
  const updates = new Map<string, string>();
  if (!(deleted > 0)) return updates;
  const tail = Number((settings.get(DAILY_TAIL_KEY) ?? '').trim() || NaN);
  if (Number.isSafeInteger(tail) && tail >= 1) updates.set(DAILY_TAIL_KEY, String(Math.max(1, tail - deleted)));
  const index = parseDailyIndex(settings.get(DAILY_INDEX_KEY));
  if (index) updates.set(DAILY_INDEX_KEY, formatDailyIndex(shiftDailyIndex(index, deleted)));
  return updates;
}
