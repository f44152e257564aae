// What a data table shows of its rows: those matching the search and the filter, sorted, one page of them.
// Pure, so the table's behaviour is the same whatever draws it.
import type { Lang } from '../i18n/locale.ts';

export interface Column<T> {
  key: string;
  label: string;
  /** What the column sorts by (and searches in, unless the table is given its own search text). */
  value: (row: T) => string | number | null;
  /** How a cell looks; the value as text when absent. */
  render?: (row: T) => unknown;
  sortable?: boolean;
  /** A CSS width; columns without one share the rest. */
  width?: string;
  numeric?: boolean;
}

export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: string;
  dir: SortDir;
}

export interface ViewOptions<T> {
  query: string;
  /** The text a row is searched in; the columns' values otherwise. */
  searchText?: (row: T) => string;
  filter?: ((row: T) => boolean) | null;
  sort: SortState | null;
  /** 0-based; past the end it is the last page. */
  page: number;
  pageSize: number;
  lang: Lang;
}

export interface TableView<T> {
  rows: T[];
  /** Rows matching the search and filter, on all pages. */
  total: number;
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown (0 and 0 when none). */
  from: number;
  to: number;
}

/** Lower case, "ё" as "е", one space: how a person expects a search to compare. */
export function normalise(text: string): string {
  return text.toLocaleLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

export function tableView<T>(rows: readonly T[], columns: readonly Column<T>[], o: ViewOptions<T>): TableView<T> {
  const words = normalise(o.query).split(' ').filter(Boolean);
  const text = o.searchText ?? ((row: T) => columns.map((c) => String(c.value(row) ?? '')).join(' '));
  let out = rows.filter((row) => (!o.filter || o.filter(row)) && (words.length === 0 || matches(normalise(text(row)), words)));
  const column = o.sort ? columns.find((c) => c.key === o.sort!.key) : undefined;
  if (column && o.sort) out = sorted(out, column, o.sort.dir, o.lang);
  const total = out.length;
  const pageSize = Math.max(1, o.pageSize);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(0, o.page), pages - 1);
  const shown = out.slice(page * pageSize, (page + 1) * pageSize);
  return { rows: shown, total, page, pages, from: total === 0 ? 0 : page * pageSize + 1, to: page * pageSize + shown.length };
}

function matches(haystack: string, words: readonly string[]): boolean {
  return words.every((w) => haystack.includes(w));
}

function sorted<T>(rows: T[], column: Column<T>, dir: SortDir, lang: Lang): T[] {
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  const sign = dir === 'asc' ? 1 : -1;
  // Empty values last in either direction: a sort is for finding the ones that have a value.
  return rows
    .map((row, i) => ({ row, i, v: column.value(row) }))
    .sort((a, b) => {
      const ae = a.v === null || a.v === '';
      const be = b.v === null || b.v === '';
      if (ae || be) return ae === be ? a.i - b.i : ae ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map((x) => x.row);
}
