// Reading the Schedule tab through its row index (store/schedule-index.ts), and keeping the index.
//
// A read: row 1 across the grid (the header, the index in G1, the edit mark in H1) in ONE read, then the
// rows the index says hold the dates asked for, merged into a few runs, and every row from the index's last
// row to the bottom of the grid (so a row added below it, by hand or by another script, is seen). Each row
// read is checked against the index. The whole tab is read instead (one read, what every reader did
// before the index) when there is no index, it predates the last hand edit, or any row read does not fit
// it: always correct, only slower, and the next writer writes a new index.
//
// A write: the claim first (G1, together with the header row), then the rows. See writeScheduleIndex.
import { TABS } from './schema.ts';
import type { Cell, SheetPort } from './port.ts';
import type { CellContext } from './cells.ts';
import { textCell } from './cells.ts';
import { checkHeader, headerNames } from './records.ts';
import { MissingTab, HeaderMismatch } from './errors.ts';
import {
  BLANK, INDEX_PREFIX, UNDATED, classOf, claimWrite, decodeIndex, exactIndex, fits, indexCellText, planRuns, rowsClaiming, stampGen, uncovered, within,
  type Interval, type RowClass, type RunOptions, type ScheduleIndex,
} from './schedule-index.ts';

const SPEC = TABS.Schedule;
export const SCHEDULE_TAB = SPEC.name;
export const SCHEDULE_WIDTH = SPEC.columns.length;
/** 1-based columns of the index and of the edit mark, right of the Schedule's own columns. */
export const INDEX_COLUMN = SCHEDULE_WIDTH + 1;
export const STAMP_COLUMN = SCHEDULE_WIDTH + 2;

/** How the edit mark (H1) starts: main.ts onEdit writes a new one after a hand edit that may change a row's date. */
export const MARK_PREFIX = 'WTT edit';

/** A new edit mark: different from every earlier one. */
export function editMark(now: number, random: number): string {
  return `${MARK_PREFIX} ${new Date(now).toISOString()} ${Math.floor(random * 2 ** 32).toString(36)}`;
}

/** Whether header cells right of the Schedule's columns are only its index and edit mark (or blank). */
export function isScheduleIndexHeader(cells: readonly string[]): boolean {
  return cells.every((c) => c === '' || c.startsWith(INDEX_PREFIX) || c.startsWith(MARK_PREFIX));
}

/** Runs of a reader: rows a day apart (about 200 people) are read together; at most 3 reads. */
export const READ_RUNS: RunOptions = { maxGap: 250, maxRuns: 3 };

export type Fallback = 'missing' | 'stale' | 'mismatch' | 'unreadable';

export interface ScheduleRead {
  /** The edit mark's fingerprint when row 1 was read: the generation a new index is written under. */
  gen: string;
  /** The index cell's text as read (a writer writes only when it changes). */
  indexText: string;
  /** The index the rows were read through (null when the tab was read whole). */
  index: ScheduleIndex | null;
  /** Why the tab was read whole (null: it was read through the index). */
  fallback: Fallback | null;
  /** Rows read (Schedule's columns), by sheet row; blank rows included. */
  cells: Map<number, Cell[]>;
  /** The class of each row read. */
  classes: Map<number, RowClass>;
  /** The rows read, as intervals (Infinity: to the bottom of the grid and below). */
  read: Interval[];
  /** The row below the last one that may hold something: where rows are added. */
  nextRow: number;
}

/** Rows in sheet order. */
export function rowsInOrder(read: ScheduleRead): [number, Cell[]][] {
  return [...read.cells].sort((a, b) => a[0] - b[0]);
}

function cellText(c: Cell | undefined): string {
  return c === undefined || c === null ? '' : String(c);
}

/**
 * The rows holding a class `wanted` takes (dates; UNDATED for rows whose date cannot be read), and every
 * row below the index's last one. `wanted` never sees BLANK.
 */
export function readSchedule(port: SheetPort, ctx: CellContext, wanted: (cls: RowClass) => boolean, runs: RunOptions = READ_RUNS): ScheduleRead {
  const head = port.readRowAcross(SCHEDULE_TAB, 1);
  checkHeader(SPEC, head.slice(0, SCHEDULE_WIDTH));
  const indexText = cellText(head[INDEX_COLUMN - 1]);
  const gen = stampGen(cellText(head[STAMP_COLUMN - 1]));
  const index = decodeIndex(indexText);
  if (!index) return readWhole(port, ctx, gen, indexText, 'missing');
  if (index.gen !== gen) return readWhole(port, ctx, gen, indexText, 'stale');
  const want = (cls: RowClass) => cls !== BLANK && wanted(cls);
  const tail: Interval = { from: Math.max(2, index.lastRow), to: Infinity };
  const read: ScheduleRead = { gen, indexText, index, fallback: null, cells: new Map(), classes: new Map(), read: [], nextRow: index.lastRow + 1 };
  const ok = readInto(port, ctx, read, planRuns([...rowsClaiming(index, want), tail], runs));
  return ok ? read : readWhole(port, ctx, gen, indexText, ok === null ? 'unreadable' : 'mismatch');
}

/**
 * More rows for a read made through the index (the rows a write spans that were not read yet), checked as
 * the first were; false when one of them does not fit the index (the caller then reads the tab whole).
 */
export function readMore(port: SheetPort, ctx: CellContext, read: ScheduleRead, intervals: readonly Interval[]): boolean {
  if (!read.index) return true;
  const missing = intervals.flatMap((x) => uncovered(read.read, x.from, x.to));
  if (missing.length === 0) return true;
  return readInto(port, ctx, read, planRuns(missing, { maxGap: READ_RUNS.maxGap, maxRuns: 1 })) === true;
}

/** Reads `runs` into `read`, checking each row against its index; null when a read failed. */
function readInto(port: SheetPort, ctx: CellContext, read: ScheduleRead, runs: readonly Interval[]): boolean | null {
  const index = read.index as ScheduleIndex;
  for (const run of runs) {
    let rows: Cell[][];
    try {
      rows = run.to === Infinity ? port.readBelow(SCHEDULE_TAB, run.from, SCHEDULE_WIDTH) : port.readRows(SCHEDULE_TAB, run.from, run.to - run.from + 1, SCHEDULE_WIDTH);
    } catch (e) {
      // Rows outside the grid (someone deleted rows by hand), or anything else: the whole tab is read.
      // An execution that was stopped fails again on its next call, so nothing is lost by going on.
      if (e instanceof MissingTab || e instanceof HeaderMismatch) throw e;
      return null;
    }
    // The grid ends above rows the index covers: rows were deleted by hand.
    if (run.to === Infinity && run.from + rows.length - 1 < index.lastRow) return false;
    for (let i = 0; i < rows.length; i++) {
      const row = run.from + i;
      const cls = classOf(rows[i], ctx);
      if (!fits(index, row, cls)) return false;
      read.cells.set(row, rows[i]);
      read.classes.set(row, cls);
    }
    read.read.push(run);
  }
  return true;
}

/** The whole tab instead of `read` (a later read did not fit the index), under the same generation. */
export function rereadWhole(port: SheetPort, ctx: CellContext, read: ScheduleRead): ScheduleRead {
  return readWhole(port, ctx, read.gen, read.indexText, 'mismatch');
}

function readWhole(port: SheetPort, ctx: CellContext, gen: string, indexText: string, fallback: Fallback): ScheduleRead {
  const { header, rows } = port.readAll(SCHEDULE_TAB, SCHEDULE_WIDTH);
  checkHeader(SPEC, header);
  const read: ScheduleRead = { gen, indexText, index: null, fallback, cells: new Map(), classes: new Map(), read: [{ from: 2, to: Infinity }], nextRow: rows.length + 2 };
  rows.forEach((cells, i) => {
    read.cells.set(i + 2, cells);
    read.classes.set(i + 2, classOf(cells, ctx));
  });
  return read;
}

/** A `wanted` for readSchedule: the rows of these dates (not the undated ones). */
export function wantsDates(dates: ReadonlySet<string> | ((date: string) => boolean)): (cls: RowClass) => boolean {
  const has = typeof dates === 'function' ? dates : (d: string) => dates.has(d);
  return (cls) => cls !== UNDATED && has(cls);
}

/**
 * The index to write before a write of `written` (sheet row -> the class it will hold) after `read`: true of
 * the tab before the write and after it. Rows the write spans must have been read.
 */
export function indexForWrite(read: ScheduleRead, written: ReadonlyMap<number, RowClass>): ScheduleIndex {
  const known = new Map(read.classes);
  // Rows below the last one read to the bottom of the grid hold nothing (or do not exist yet).
  for (const row of written.keys()) if (!known.has(row) && within(read.read, row)) known.set(row, BLANK);
  const base = read.index ?? exactIndex([], read.gen);
  return claimWrite(base, known, written, read.gen);
}

/** Whether a write changes what the index must say (a row's class changes, or there is no good index yet). */
export function indexChanges(read: ScheduleRead, written: ReadonlyMap<number, RowClass>): boolean {
  if (!read.index) return true;
  for (const [row, cls] of written) if ((read.classes.get(row) ?? BLANK) !== cls) return true;
  return false;
}

/**
 * Writes the index into G1 with the header row (ONE write). Call it before writing the rows it describes,
 * never after: a cut between the two then leaves a claim that is still true. Nothing is written when the
 * cell already holds this text.
 */
export function writeScheduleIndex(port: SheetPort, read: Pick<ScheduleRead, 'indexText'>, index: ScheduleIndex): boolean {
  const text = indexCellText(index);
  if (text === read.indexText) return false;
  port.writeRows(SCHEDULE_TAB, 1, [[...headerNames(SPEC).map(textCell), textCell(text)]]);
  read.indexText = text;
  return true;
}

/**
 * The whole tab read (row 1 across first, for the edit mark) and its exact index written: what the archive's
 * daily run does under the script lock, and what a workbook filled outside the product needs once. Call it
 * holding the script lock, or a writer's claim could be overwritten by an index that predates its rows.
 */
export function rebuildScheduleIndex(port: SheetPort, ctx: CellContext): ScheduleIndex {
  const head = port.readRowAcross(SCHEDULE_TAB, 1);
  checkHeader(SPEC, head.slice(0, SCHEDULE_WIDTH));
  const read = readWhole(port, ctx, stampGen(cellText(head[STAMP_COLUMN - 1])), cellText(head[INDEX_COLUMN - 1]), 'missing');
  const index = exactIndex(rowsInOrder(read).map(([row]) => read.classes.get(row) as RowClass), read.gen);
  writeScheduleIndex(port, read, index);
  return index;
}
