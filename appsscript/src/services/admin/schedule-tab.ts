// The Schedule tab as the schedule ops read and change it: the rows of the dates an op works on (read
// through the tab's row index, store/schedule-rows.ts, never the tab's whole history), what each row is (a
// shift, a day off, vacation or sick leave, or the issues that make it unusable), the rows of each cell
// (one person's day) and the cell's version; and the one write that changes many cells at once.
//
// Many cells in ONE write: the tab from the first row that changes to the last one written, every row in
// between written back as read (so a formula in such a row gives way to what it showed), rows of cleared
// cells left blank and reused by new cells below them, and the rest added below the last row. A first
// import of a month only adds; a save of a few cells writes the rows between them. Rows the write spans
// that were not read yet are read first (planWrite), and the index's claim goes down before the rows.
import type { ScheduleBreak, ScheduleCell } from '../../../../common/admin-api.ts';
import { TABS } from '../../store/schema.ts';
import type { Cell } from '../../store/port.ts';
import { preserveCell } from '../../store/cells.ts';
import { decodeRecord, isBlankRow, rowIssue, type RawRecord } from '../../store/records.ts';
import { checkShift, isAbsence, type ScheduleRow } from '../../store/validate.ts';
import { formatBreaks } from '../../store/breaks.ts';
import { classOfWritten, within, type Interval, type RowClass } from '../../store/schedule-index.ts';
import {
  indexChanges, indexForWrite, readMore, readSchedule, rereadWhole, rowsInOrder, wantsDates, writeScheduleIndex, type ScheduleRead,
} from '../../store/schedule-rows.ts';
import { addDays } from '../../domain/calendar.ts';
import { DAY_WORDS } from '../../domain/roster/marks.ts';
import type { RowIssue } from '../../domain/model.ts';
import type { AdminDeps } from './deps.ts';
import { cellsFor, rowVersion, sameCells } from './keyed-tab.ts';

const spec = TABS.Schedule;

export interface ScheduleTabRow {
  /** 1-based sheet row. */
  row: number;
  cells: Cell[];
  date: string;
  employee_id: string;
  /** What the row is, or null when it cannot be used (see issues). */
  entry: ScheduleRow | null;
  issues: RowIssue[];
}

export interface ScheduleTab {
  /** The rows read that hold something, in sheet order. */
  rows: ScheduleTabRow[];
  /** Blank rows read, above nextRow. */
  blankRows: number[];
  /** The row below the last one that may hold something: where new days go. */
  nextRow: number;
  /** The rows of each cell (employee and date), in sheet order: every row of each date read. */
  byCell: Map<string, ScheduleTabRow[]>;
  /** Whether a row was read (a write carries only rows it read). */
  isRead(row: number): boolean;
  /** The read behind it: for reading more, and for the index. */
  source: ScheduleRead;
}

export const cellKey = (employeeId: string, date: string) => `${employeeId}|${date}`;

/** The version of a cell nobody has filled: what a save of a new day sends. */
export const EMPTY_VERSION = rowVersion([]);

/**
 * Every row of `dates`, and every row below the last one the tab's index covers (where new days go): a few
 * reads however long the tab's history; the whole tab when the index cannot be used.
 */
export function readScheduleTab(deps: AdminDeps, dates: ReadonlySet<string> | ((date: string) => boolean)): ScheduleTab {
  return tabOf(deps, readSchedule(deps.port, deps.cells, wantsDates(dates)));
}

/** The dates and the day on either side of each (a night shift runs into the next day). */
export function datesAround(dates: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const d of dates) for (const x of [addDays(d, -1), d, addDays(d, 1)]) out.add(x);
  return out;
}

/** `from`..`to` as a test of a date. */
export function dateRange(from: string, to: string): (date: string) => boolean {
  return (date) => date >= from && date <= to;
}

function tabOf(deps: AdminDeps, source: ScheduleRead): ScheduleTab {
  const out: ScheduleTabRow[] = [];
  const blankRows: number[] = [];
  const byCell = new Map<string, ScheduleTabRow[]>();
  for (const [row, cells] of rowsInOrder(source)) {
    if (isBlankRow(cells)) {
      if (row < source.nextRow) blankRows.push(row);
      continue;
    }
    const decoded = decodeRecord(spec, cells, row, deps.cells);
    const checked = checkShift(decoded.values, row);
    const issues = [...decoded.issues, ...(checked.ok ? [] : checked.issues.filter((x) => !decoded.issues.some((d) => d.column === x.column)))];
    const r: ScheduleTabRow = {
      row,
      cells,
      date: String(decoded.values.date ?? ''),
      employee_id: String(decoded.values.employee_id ?? ''),
      entry: checked.ok && issues.length === 0 ? checked.value : null,
      issues,
    };
    out.push(r);
    if (r.date === '' || r.employee_id === '') continue;
    const key = cellKey(r.employee_id, r.date);
    byCell.set(key, [...(byCell.get(key) ?? []), r]);
  }
  return { rows: out, blankRows, nextRow: source.nextRow, byCell, isRead: (row) => within(source.read, row), source };
}

/** A fingerprint of all the cell's rows as stored: any change to any of them changes it. */
export function cellVersion(rows: readonly ScheduleTabRow[] | undefined): string {
  return rows && rows.length > 0 ? rowVersion(rows.flatMap((r) => r.cells)) : EMPTY_VERSION;
}

/** The day a cell holds: its first usable row (a second row for the day is an issue the editor shows). */
export function entryOf(rows: readonly ScheduleTabRow[] | undefined): ScheduleRow | null {
  return rows?.find((r) => r.entry !== null)?.entry ?? null;
}

export function scheduleCellOf(entry: ScheduleRow, version: string): ScheduleCell {
  if (isAbsence(entry)) return { employee_id: entry.employee_id, date: entry.date, kind: entry.day, breaks: [], version };
  return {
    employee_id: entry.employee_id,
    date: entry.date,
    kind: 'shift',
    start: entry.shift_start,
    end: entry.shift_end,
    breaks: entry.breaks.map((b): ScheduleBreak => ({ status: b.status, start: b.start, minutes: b.minutes, fixed: !b.auto })),
    version,
  };
}

/** The row as written: blank times and breaks on a day off, blank day on a shift. */
export function recordOf(entry: ScheduleRow): RawRecord {
  if (isAbsence(entry)) return { date: entry.date, employee_id: entry.employee_id, shift_start: '', shift_end: '', breaks: '', day: DAY_WORDS[entry.day] };
  return { date: entry.date, employee_id: entry.employee_id, shift_start: entry.shift_start, shift_end: entry.shift_end, breaks: formatBreaks(entry.breaks), day: '' };
}

/** Whether the cell's rows already say exactly this (one row, the same cells). */
export function cellHolds(rows: readonly ScheduleTabRow[] | undefined, entry: ScheduleRow | null): boolean {
  if (entry === null) return !rows || rows.length === 0;
  return !!rows && rows.length === 1 && sameCells(rows[0].cells, cellsFor(spec, recordOf(entry)));
}

export interface ScheduleWrite {
  startRow: number;
  rows: Cell[][];
  /** The cells it changes. */
  cells: number;
  /** Rows it spans that were not read (it cannot be made until they are). */
  unread: Interval[];
}

/**
 * The one write that makes each cell of `changes` hold its entry (null: nothing), or null when every cell
 * holds it already. Rows of a cell beyond its first are blanked, so a day is never left on two rows.
 */
export function planScheduleWrite(tab: ScheduleTab, changes: ReadonlyMap<string, ScheduleRow | null>): ScheduleWrite | null {
  const touched = new Map<number, Cell[] | null>();
  const adding: { date: string; cells: Cell[] }[] = [];
  let count = 0;
  for (const [key, entry] of changes) {
    const rows = tab.byCell.get(key);
    if (cellHolds(rows, entry)) continue;
    count++;
    const cells = entry === null ? null : cellsFor(spec, recordOf(entry));
    (rows ?? []).forEach((r, i) => touched.set(r.row, i === 0 ? cells : null));
    if (entry && cells && (!rows || rows.length === 0)) adding.push({ date: entry.date, cells });
  }
  // New days go in date order (stable within a date): a day's rows then sit together, so a later plan or
  // save of that day writes a short stretch of the tab, not the month around it.
  const added = adding.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((a) => a.cells);
  if (count === 0) return null;
  const blank = (): Cell[] => spec.columns.map((): Cell => '');
  let startRow = tab.nextRow;
  if (touched.size > 0) {
    startRow = Math.min(...touched.keys());
    // New days fill the blank rows (those read) from the first change down before they go below the last row.
    const free = [...tab.blankRows.filter((r) => r > startRow), ...[...touched].filter(([, c]) => c === null).map(([r]) => r)].sort((a, b) => a - b);
    while (added.length > 0 && free.length > 0) touched.set(free.shift() as number, added.shift() as Cell[]);
  }
  let next = tab.nextRow;
  for (const cells of added) touched.set(next++, cells);
  const endRow = Math.max(...touched.keys());
  const byRow = new Map(tab.rows.map((r) => [r.row, r.cells]));
  const out: Cell[][] = [];
  const unread: Interval[] = [];
  for (let row = startRow; row <= endRow; row++) {
    const mine = touched.get(row);
    if (mine !== undefined) out.push(mine ?? blank());
    else out.push((byRow.get(row) ?? blank()).map(preserveCell));
    if (tab.isRead(row)) continue;
    const last = unread[unread.length - 1];
    if (last && last.to === row - 1) last.to = row;
    else unread.push({ from: row, to: row });
  }
  return { startRow, rows: out, cells: count, unread };
}

/**
 * The write of `changes` after `tab`, the rows it spans that were not read read first (and checked: the
 * whole tab is read when they do not fit the index). Returns the tab the write was planned on.
 */
export function planWrite(deps: AdminDeps, tab: ScheduleTab, changes: ReadonlyMap<string, ScheduleRow | null>): { tab: ScheduleTab; write: ScheduleWrite | null } {
  const write = planScheduleWrite(tab, changes);
  if (!write || write.unread.length === 0) return { tab, write };
  const source = readMore(deps.port, deps.cells, tab.source, write.unread) ? tab.source : rereadWhole(deps.port, deps.cells, tab.source);
  const again = tabOf(deps, source);
  const planned = planScheduleWrite(again, changes);
  if (planned && planned.unread.length > 0) throw new Error(`Schedule rows ${planned.unread.map((x) => `${x.from}-${x.to}`).join(', ')} would be written unread`);
  return { tab: again, write: planned };
}

/** The index's claim first when the write changes what the index says (store/schedule-rows.ts), then the rows. */
export function writeSchedule(deps: AdminDeps, tab: ScheduleTab, write: ScheduleWrite): void {
  if (write.unread.length > 0) throw new Error('writeSchedule: plan the write with planWrite');
  const classes = new Map<number, RowClass>();
  write.rows.forEach((cells, i) => classes.set(write.startRow + i, classOfWritten(cells, deps.cells)));
  if (indexChanges(tab.source, classes)) writeScheduleIndex(deps.port, tab.source, indexForWrite(tab.source, classes));
  deps.port.writeRows(spec.name, write.startRow, write.rows);
}

/** The tab's issues of a row, for the editor ('' employee or date when the row cannot say). */
export function issueText(r: ScheduleTabRow): { column: string; message: string } {
  const first = r.issues[0] ?? rowIssue('Schedule', r.row, '', '');
  return { column: first.column, message: first.message };
}
