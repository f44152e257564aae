// Which row of the grid holds the dates, and the date of each of its columns. The row with the most cells
// that read as dates wins (the topmost on a tie); bare day numbers count only as a run going up by one
// (1, 2, 3 ... 31, 1, 2 across a month's end), so a row of shift lengths or totals is never taken for it.
import { addDays } from '../calendar.ts';
import { isWeekday, isoDate, monthOfWord, readHeaderDate, validDay, type HeaderDate } from './header-dates.ts';
import { foldText } from './text.ts';

export interface DateRow {
  /** 0-based index of the row. */
  row: number;
  /** The date columns, 0-based, left to right. */
  columns: { column: number; date: string }[];
  /** 'YYYY-MM' that bare day numbers were read in; null when the cells are dates themselves. */
  month: string | null;
  /** Rows of weekday names (above or below the dates): not people. */
  weekdayRows: number[];
}

export type DateRowResult = { ok: true; value: DateRow } | { ok: false; field: 'rows' | 'month'; en: string; ru: string };

export interface DateRowOptions {
  /** 'YYYY-MM' for bare day numbers. */
  month?: string;
  /** 'yyyy-MM-dd': a date without a year is put in the year that brings it nearest to this. */
  today: string;
}

/** Bare day numbers need at least this many in a run to be a date row. */
const MIN_DAY_RUN = 3;

export function findDateRow(rows: readonly (readonly string[])[], o: DateRowOptions): DateRowResult {
  let found: { row: number; cells: { column: number; date: HeaderDate }[]; bare: boolean } | null = null;
  for (let r = 0; r < rows.length; r++) {
    const parsed = rows[r].map((text, column) => ({ column, date: readHeaderDate(text) })).filter((x): x is { column: number; date: HeaderDate } => x.date !== null);
    const strong = parsed.filter((x) => x.date.kind !== 'day');
    const days = parsed.filter((x) => x.date.kind === 'day');
    const bare = strong.length === 0 && isDayRun(days.map((x) => (x.date as { d: number }).d));
    const score = strong.length > 0 ? strong.length : bare ? days.length : 0;
    if (score > (found?.cells.length ?? 0)) found = { row: r, cells: strong.length > 0 ? strong : days, bare };
  }
  if (!found) {
    return fail('rows', 'No row of dates found: the grid needs a row of dates (01.12, 1.12.2026, 2026-12-01) or day numbers 1, 2, 3 ...', 'Не найдена строка дат: нужна строка с датами (01.12, 1.12.2026, 2026-12-01) или числами 1, 2, 3 ...');
  }
  let month: string | null = null;
  let dates: string[];
  if (found.bare) {
    month = o.month ?? titleMonth(rows.slice(0, found.row), o.today);
    if (month === null) {
      return fail('month', 'The headers are day numbers: choose the month', 'В заголовках только числа: выберите месяц');
    }
    dates = bareDates(month, found.cells.map((c) => (c.date as { d: number }).d));
  } else {
    dates = settle(found.cells.map((c) => c.date), o.month ? `${o.month}-15` : o.today);
  }
  const columns = found.cells.map((c, i) => ({ column: c.column, date: dates[i] })).filter((c) => c.date !== '');
  const seen = new Map<string, number>();
  for (const c of columns) {
    const first = seen.get(c.date);
    if (first !== undefined) {
      return fail('rows', `The date ${c.date} is in columns ${first + 1} and ${c.column + 1}`, `Дата ${c.date} стоит в столбцах ${first + 1} и ${c.column + 1}`);
    }
    seen.set(c.date, c.column);
  }
  return { ok: true, value: { row: found.row, columns, month, weekdayRows: weekdayRows(rows, found.row, columns.map((c) => c.column)) } };
}

function fail(field: 'rows' | 'month', en: string, ru: string): DateRowResult {
  return { ok: false, field, en, ru };
}

/** Day numbers going up by one, allowing one wrap from the end of a month (28..31) back to 1. */
function isDayRun(days: number[]): boolean {
  if (days.length < MIN_DAY_RUN) return false;
  let wraps = 0;
  for (let i = 1; i < days.length; i++) {
    if (days[i] === days[i - 1] + 1) continue;
    if (days[i] === 1 && days[i - 1] >= 28 && wraps++ === 0) continue;
    return false;
  }
  return true;
}

function bareDates(month: string, days: number[]): string[] {
  let y = Number(month.slice(0, 4));
  let m = Number(month.slice(5, 7));
  return days.map((d, i) => {
    if (i > 0 && d < days[i - 1]) [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    return validDay(y, m, d) ? isoDate(y, m, d) : '';
  });
}

/** A title above the dates that names a month ('График на декабрь 2026', 'December 2026'): 'YYYY-MM'. */
function titleMonth(above: readonly (readonly string[])[], today: string): string | null {
  for (const cells of above) {
    for (const cell of cells) {
      const words = foldText(cell).split(/[\s,.]+/);
      const m = words.map(monthOfWord).find((x) => x > 0);
      if (!m) continue;
      const y = words.map((w) => (/^\d{4}$/.test(w) ? Number(w) : 0)).find((x) => x > 0) ?? nearestYear(m, 15, today);
      return `${y}-${String(m).padStart(2, '0')}`;
    }
  }
  return null;
}

/** The year that puts day d of month m nearest to `around` ('yyyy-MM-dd'). */
function nearestYear(m: number, d: number, around: string): number {
  const y = Number(around.slice(0, 4));
  const ref = Date.UTC(y, Number(around.slice(5, 7)) - 1, Number(around.slice(8, 10)));
  const candidates = [y - 1, y, y + 1].filter((c) => validDay(c, m, d));
  candidates.sort((a, b) => Math.abs(Date.UTC(a, m - 1, d) - ref) - Math.abs(Date.UTC(b, m - 1, d) - ref));
  return candidates[0] ?? y;
}

/** Dates without a year take the nearest year; slashed dates are read day first unless the row says otherwise. */
function settle(cells: HeaderDate[], around: string): string[] {
  const dayFirst = slashOrder(cells);
  return cells.map((c) => {
    switch (c.kind) {
      case 'date':
        return isoDate(c.y, c.m, c.d);
      case 'day_month':
        return isoDate(nearestYear(c.m, c.d, around), c.m, c.d);
      case 'slashed': {
        const [d, m] = dayFirst ? [c.a, c.b] : [c.b, c.a];
        const y = c.y ?? nearestYear(m, d, around);
        return validDay(y, m, d) ? isoDate(y, m, d) : '';
      }
      case 'day':
        return '';
    }
  });
}

/**
 * Whether 1/12 means the 1st of December. A number over 12 settles it; otherwise the reading whose dates
 * follow each other day by day wins (a US locale shows 12/1, 12/2, ...), and day first on a tie.
 */
function slashOrder(cells: HeaderDate[]): boolean {
  const slashed = cells.filter((c): c is Extract<HeaderDate, { kind: 'slashed' }> => c.kind === 'slashed');
  if (slashed.some((c) => c.a > 12)) return true;
  if (slashed.some((c) => c.b > 12)) return false;
  const steps = (dayFirst: boolean) => {
    const dates = slashed.map((c) => (dayFirst ? isoDate(c.y ?? 2000, c.b, c.a) : isoDate(c.y ?? 2000, c.a, c.b)));
    return dates.filter((d, i) => i > 0 && addDays(dates[i - 1], 1) === d).length;
  };
  return steps(true) >= steps(false);
}

/** Rows where most of the date columns' non-empty cells are weekday names. */
function weekdayRows(rows: readonly (readonly string[])[], dateRow: number, columns: number[]): number[] {
  const out: number[] = [];
  rows.forEach((cells, r) => {
    if (r === dateRow) return;
    const filled = columns.map((c) => cells[c] ?? '').filter((t) => t.trim() !== '');
    const weekdays = filled.filter(isWeekday).length;
    if (weekdays > 0 && weekdays * 2 >= filled.length) out.push(r);
  });
  return out;
}
