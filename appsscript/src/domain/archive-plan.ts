// The archive's decisions, with no Apps Script in sight: which Log rows are old enough to move, which
// monthly archive each goes to, how a moved block is recognised again after a crash, what the checkpoint
// holds, and whether another chunk still fits in this run's time.
//
// How a move stays exactly-once (services/archive.ts runs it):
//   1. the checkpoint records the block (its row count, the fingerprint of its entry ids) and, per archive,
//      the row the copy starts at — BEFORE anything is written;
//   2. the rows are copied (one write per archive), flushed, and the checkpoint says "copied";
//   3. under the script lock the top of Log is re-read and compared with the fingerprint, the rows are
//      deleted (one deleteRows), flushed, and the checkpoint is cleared.
// A run that dies anywhere resumes from the checkpoint: an unfinished copy is completed from the archive's
// tail (rows already there, by entry id, are not written twice), and a delete is done only when the top of
// Log still is the block (a block already gone is not deleted again, which would delete uncopied rows).
import { SETTING_DEFAULTS } from '../../../common/admin-api.ts';
import type { Cell } from '../store/port.ts';
import { columnIndex, TABS } from '../store/schema.ts';
import { addDays } from './calendar.ts';

export const LOG_WIDTH = TABS.Log.columns.length;
const ENTRY_ID = columnIndex('Log', 'entry_id');
const AT = columnIndex('Log', 'at');
const RECEIVED_AT = columnIndex('Log', 'received_at');

export const ARCHIVE_DEFAULTS = {
  /** Settings retention_days when blank or unreadable. */
  retentionDays: Number(SETTING_DEFAULTS.retention_days),
  /** Rollover and the break checks read the last days of Log: the archive never takes those. */
  minRetentionDays: 7,
  maxRetentionDays: 3650,
  /** Rows per chunk: one read, one write per archive, one deleteRows. 110,000 cells a write. */
  chunkRows: 10_000,
  /** This run's own time budget; Apps Script stops an execution at 6 minutes. */
  budgetMs: 270_000,
  /** Kept free at the end of the budget for the checkpoint and the continuation trigger. */
  closingReserveMs: 5_000,
  /** A run holds the archive this long at most: Apps Script has killed it by then (6 minutes). */
  leaseMs: 390_000,
  /** The continuation after a run that stopped itself. */
  continueAfterMs: 60_000,
} as const;

/** Set when a run starts: if the run dies, this continuation picks the work up once its lease has expired. */
export const WATCHDOG_AFTER_MS = ARCHIVE_DEFAULTS.leaseMs + 60_000;

// ---- settings and dates ----

export interface RetentionSetting {
  days: number;
  /** Why the setting was not used as written (English / Russian), for the log. */
  warning?: string;
}

export function retentionDaysOf(raw: string | undefined): RetentionSetting {
  const text = (raw ?? '').trim();
  const { retentionDays, minRetentionDays, maxRetentionDays } = ARCHIVE_DEFAULTS;
  if (text === '') return { days: retentionDays };
  const n = Number(text);
  if (!Number.isInteger(n)) {
    return {
      days: retentionDays,
      warning: `retention_days "${text}" is not a whole number of days; ${retentionDays} is used / retention_days «${text}» — не целое число дней; используется ${retentionDays}`,
    };
  }
  const days = Math.min(maxRetentionDays, Math.max(minRetentionDays, n));
  if (days === n) return { days };
  return {
    days,
    warning: `retention_days must be from ${minRetentionDays} to ${maxRetentionDays}; ${days} is used / retention_days должно быть от ${minRetentionDays} до ${maxRetentionDays}; используется ${days}`,
  };
}

/** Rows received before the start of the day `days` before today (spreadsheet's zone) are moved. */
export function archiveCutoff(today: string, days: number, startOfDay: (date: string) => number): number {
  return startOfDay(addDays(today, -days));
}

/** A calendar month in the spreadsheet's time zone: [start, end). */
export interface MonthSpan {
  month: string; // 'yyyy-MM'
  start: number;
  end: number;
}

/** '2026-12' -> '2027-01'. */
export function nextMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`not a month yyyy-MM: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/**
 * The month of an instant, asking the time zone only once per month met: a chunk of 10,000 rows spans one
 * or two months, so this is a couple of Utilities calls per chunk instead of one per row.
 */
export function monthFinder(spanOf: (ms: number) => MonthSpan): (ms: number) => string {
  const spans: MonthSpan[] = [];
  return (ms) => {
    for (const s of spans) if (ms >= s.start && ms < s.end) return s.month;
    const s = spanOf(ms);
    spans.push(s);
    return s.month;
  };
}

// ---- keys and fingerprints ----

function instantOf(cell: Cell | undefined): number | null {
  if (cell !== null && typeof cell === 'object' && typeof (cell as Date).getTime === 'function') {
    const ms = (cell as Date).getTime();
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

function cellText(cell: Cell | undefined): string {
  if (cell === undefined || cell === null) return '';
  const ms = instantOf(cell);
  if (ms !== null) return `@${ms}`;
  return String(cell);
}

const isBlank = (cell: Cell | undefined) => cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');

export function isBlankLogRow(row: readonly Cell[]): boolean {
  return row.every(isBlank);
}

/** The entry id as text ('' when blank). */
export function idOf(cell: Cell | undefined): string {
  return isBlank(cell) ? '' : cellText(cell);
}

/** The entry_id cells of full Log rows. */
export function entryIds(rows: readonly (readonly Cell[])[]): Cell[] {
  return rows.map((r) => r[ENTRY_ID]);
}

/** What identifies a row in an archive: its entry id, or all its cells when someone blanked the id. */
export function rowKey(row: readonly Cell[]): string {
  const id = idOf(row[ENTRY_ID]);
  return id !== '' ? id : `row:${row.map(cellText).join('\u0001')}`;
}

/** FNV-1a (32 bits) over the ids in order, with their count: enough to tell "the same block" after a crash. */
export function idsFingerprint(ids: readonly Cell[]): string {
  let h = 0x811c9dc5;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  for (const id of ids) {
    feed(idOf(id));
    feed('\u0000');
  }
  return `${ids.length}:${h.toString(16).padStart(8, '0')}`;
}

// ---- planning a block ----

/** Rows of one month within a block (indexes into the block, in Log order). */
export interface BlockPart {
  month: string;
  indexes: number[];
}

export interface BlockPlan {
  /** Rows from the top of what was read that move (they are deleted from Log together). */
  count: number;
  /** Non-blank rows by month; blank rows are deleted and not copied. */
  parts: BlockPart[];
  firstId: string;
  fingerprint: string;
  /** A row too young to move was met: nothing below it moves in this cycle. */
  reachedYoungRow: boolean;
}

/**
 * The rows at the top of Log that move: the longest run, from the first row read, of rows received before
 * `cutoff`. Log is in append order, so that run is exactly the old rows. A row whose received_at cannot be
 * read (damaged by hand) takes the time of the row above it (or, at the top, the first readable one below).
 * Each row goes to the month of its `at` (when the status changed), else of its received time.
 */
export function planBlock(rows: readonly (readonly Cell[])[], cutoff: number, monthOf: (ms: number) => string): BlockPlan {
  const received = effectiveTimes(rows);
  let count = 0;
  while (count < rows.length && received[count] !== null && received[count]! < cutoff) count++;
  const block = rows.slice(0, count);
  return {
    count,
    parts: partsOf(block, monthOf, received),
    firstId: count ? idOf(block[0][ENTRY_ID]) : '',
    fingerprint: idsFingerprint(entryIds(block)),
    reachedYoungRow: count < rows.length,
  };
}

/**
 * Splits a block by month. `received` (from planBlock) lets undated rows follow their neighbours; without
 * it (recovery re-reads a block known to move) it is worked out again from the rows.
 */
export function partsOf(block: readonly (readonly Cell[])[], monthOf: (ms: number) => string, received = effectiveTimes(block)): BlockPart[] {
  const parts: BlockPart[] = [];
  block.forEach((row, i) => {
    if (isBlankLogRow(row)) return;
    const when = instantOf(row[AT]) ?? received[i];
    if (when === null) return; // unreachable: a block row always has an effective time
    const month = monthOf(when);
    let part = parts.find((p) => p.month === month);
    if (!part) parts.push((part = { month, indexes: [] }));
    part.indexes.push(i);
  });
  return parts;
}

function effectiveTimes(rows: readonly (readonly Cell[])[]): (number | null)[] {
  const out: (number | null)[] = rows.map((r) => instantOf(r[RECEIVED_AT]));
  const firstKnown = out.find((t) => t !== null) ?? null;
  let previous: number | null = firstKnown;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === null) out[i] = previous;
    else previous = out[i];
  }
  return out;
}

// ---- the checkpoint ----

/** Where one month's share of the block is copied to. */
export interface ArchiveTarget {
  month: string;
  workbookId: string;
  /** The archive row the copy starts at (its last row + 1 when the block was planned). */
  fromRow: number;
  rows: number;
}

export interface InFlightBlock {
  phase: 'copying' | 'copied';
  /** Rows of Log, from row 2, that make the block. */
  count: number;
  firstId: string;
  fingerprint: string;
  targets: ArchiveTarget[];
}

/** Where one month's share of a block of Schedule rows is copied to (services/archive.ts moveSchedule). */
export interface ScheduleTarget {
  month: string;
  workbookId: string;
  /** The row of the archive's Schedule tab the copy starts at. */
  fromRow: number;
  /** The live rows copied there, in sheet order, as [first, last] runs: the k-th goes to fromRow + k. */
  rows: [number, number][];
}

export interface ScheduleBlock {
  /** 'copying': the copy may be partial (it is undone); 'copied': each live row is blanked or its copy undone. */
  phase: 'copying' | 'copied';
  targets: ScheduleTarget[];
}

export interface ArchiveState {
  v: 1;
  inFlight: InFlightBlock | null;
  /** A block of Schedule rows being moved (absent in checkpoints written before Schedule was archived). */
  schedule?: ScheduleBlock | null;
  /**
   * A block of Daily rows being moved: Log's protocol, `firstId` being the key (date|employee) of Daily's row 2
   * and the fingerprint over the block's keys (domain/archive-daily.ts). Absent in older checkpoints.
   */
  daily?: InFlightBlock | null;
  /** The months whose Daily rows went to their archive: a report tells a lost workbook from a month with no data. */
  dailyMonths?: string[];
  /** Rows removed from the top of Log by the archive, ever: Log row numbers shift up by each removal. */
  removed: number;
  /** Old rows remain: the last run stopped before the end (a continuation is scheduled). */
  pending: boolean;
  /** The run working on the archive now; another run leaves it alone until `until`. */
  lease: { owner: string; until: number } | null;
  /** The last run, for the admin; `failures` counts failed runs in a row. */
  last: { at: number; status: string; moved: number; error?: string; failures?: number } | null;
}

export function initialState(): ArchiveState {
  return { v: 1, inFlight: null, schedule: null, daily: null, dailyMonths: [], removed: 0, pending: false, lease: null, last: null };
}

export type ParsedState = { ok: true; state: ArchiveState } | { ok: false; reason: string };

/** The checkpoint as stored (JSON). A checkpoint that cannot be trusted is refused, never guessed at. */
export function parseState(json: string | null): ParsedState {
  if (json === null || json === '') return { ok: true, state: initialState() };
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const s = v as Partial<ArchiveState>;
  if (!s || typeof s !== 'object' || s.v !== 1) return { ok: false, reason: 'unknown version' };
  if (!Number.isInteger(s.removed) || (s.removed as number) < 0) return { ok: false, reason: 'bad removed count' };
  if (s.inFlight !== null && !isInFlight(s.inFlight)) return { ok: false, reason: 'bad block in flight' };
  if (s.schedule !== undefined && s.schedule !== null && !isScheduleBlock(s.schedule)) return { ok: false, reason: 'bad Schedule block in flight' };
  if (s.daily !== undefined && s.daily !== null && !isInFlight(s.daily)) return { ok: false, reason: 'bad Daily block in flight' };
  if (s.dailyMonths !== undefined && !(Array.isArray(s.dailyMonths) && s.dailyMonths.every((m) => typeof m === 'string'))) return { ok: false, reason: 'bad Daily months' };
  return {
    ok: true,
    state: {
      v: 1,
      inFlight: s.inFlight ?? null,
      schedule: s.schedule ?? null,
      daily: s.daily ?? null,
      dailyMonths: s.dailyMonths ?? [],
      removed: s.removed as number,
      pending: s.pending === true,
      lease: s.lease && typeof s.lease.owner === 'string' && typeof s.lease.until === 'number' ? s.lease : null,
      last: s.last ?? null,
    },
  };
}

function isInFlight(b: unknown): b is InFlightBlock {
  const x = b as InFlightBlock;
  return (
    !!x &&
    (x.phase === 'copying' || x.phase === 'copied') &&
    Number.isInteger(x.count) &&
    x.count > 0 &&
    typeof x.firstId === 'string' &&
    typeof x.fingerprint === 'string' &&
    Array.isArray(x.targets) &&
    x.targets.every((t) => typeof t.month === 'string' && typeof t.workbookId === 'string' && Number.isInteger(t.fromRow) && Number.isInteger(t.rows))
  );
}

function isScheduleBlock(b: unknown): b is ScheduleBlock {
  const x = b as ScheduleBlock;
  const isRun = (r: unknown) => Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] >= 2 && r[1] >= r[0];
  return (
    !!x &&
    (x.phase === 'copying' || x.phase === 'copied') &&
    Array.isArray(x.targets) &&
    x.targets.every((t) => typeof t.month === 'string' && typeof t.workbookId === 'string' && Number.isInteger(t.fromRow) && t.fromRow >= 2 && Array.isArray(t.rows) && t.rows.every(isRun))
  );
}

// ---- the Schedule ----

/** Rows of a Schedule block: at most this many (they are blanked under the script lock in one write). */
export const SCHEDULE_CHUNK_ROWS = 4_000;
/** Runs of live rows a block records at most (the checkpoint is one Script Property of 9 KB). */
export const SCHEDULE_MAX_RUNS = 200;

export interface ScheduleBlockPlan {
  /** Each month's rows, in sheet order, as [first, last] runs. */
  parts: { month: string; rows: [number, number][] }[];
  count: number;
  /** More rows old enough to move remain after this block. */
  more: boolean;
}

/**
 * The Schedule rows that move next: rows dated before `cutoffDate` (`dates[i]` is what row i + 2 holds: a
 * 'yyyy-MM-dd' date, or anything else for a blank row or one whose date cannot be read, which never moves),
 * in sheet order, at most `maxRows` of them, their rows at most 2 x maxRows apart, in at most
 * SCHEDULE_MAX_RUNS runs. Each goes to the month of its date.
 */
export function planScheduleBlock(dates: readonly string[], cutoffDate: string, maxRows = SCHEDULE_CHUNK_ROWS): ScheduleBlockPlan {
  const parts = new Map<string, [number, number][]>();
  let count = 0;
  let runs = 0;
  let first = 0;
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || d >= cutoffDate) continue;
    const row = i + 2;
    if (count === 0) first = row;
    const month = d.slice(0, 7);
    const mine = parts.get(month) ?? [];
    const last = mine[mine.length - 1];
    const extends_ = last !== undefined && last[1] === row - 1;
    if (count >= maxRows || row - first >= 2 * maxRows || (!extends_ && runs >= SCHEDULE_MAX_RUNS)) return { parts: scheduleParts(parts), count, more: true };
    if (extends_) last[1] = row;
    else {
      mine.push([row, row]);
      runs++;
    }
    parts.set(month, mine);
    count++;
  }
  return { parts: scheduleParts(parts), count, more: false };
}

function scheduleParts(parts: Map<string, [number, number][]>): ScheduleBlockPlan['parts'] {
  return [...parts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, rows]) => ({ month, rows }));
}

/** The live rows of runs, in order. */
export function rowsOfRuns(runs: readonly (readonly [number, number])[]): number[] {
  const out: number[] = [];
  for (const [a, b] of runs) for (let r = a; r <= b; r++) out.push(r);
  return out;
}

/** Another live run holds the archive. */
export function leasedByOther(state: ArchiveState, owner: string, now: number): boolean {
  return state.lease !== null && state.lease.owner !== owner && state.lease.until > now;
}

/**
 * What the top of Log says about a block in flight, from the ids of its first `count` rows:
 * 'present' — the block is still there (delete it); 'gone' — it was deleted already (a run died after the
 * delete, before clearing the checkpoint); 'changed' — something else is there: a person edited Log.
 */
export function logTopVerdict(block: Pick<InFlightBlock, 'count' | 'firstId' | 'fingerprint'>, topIds: readonly Cell[]): 'present' | 'gone' | 'changed' {
  if (topIds.length === block.count && idsFingerprint(topIds) === block.fingerprint) return 'present';
  if (topIds.length === 0 || idOf(topIds[0]) !== block.firstId) return 'gone';
  return 'changed';
}

/** The rows of `rows` whose key is not among `existing` (what a resumed copy still has to write). */
export function rowsMissingFrom(rows: readonly (readonly Cell[])[], existing: ReadonlySet<string>): Cell[][] {
  return rows.filter((r) => !existing.has(rowKey(r))).map((r) => [...r]);
}

// ---- time ----

/**
 * What the work costs on Google, from the published figures in docs/latency-model.md (per cell read 0.01 ms,
 * written 0.1 ms; a write-cached call a few ms; a structural change ~200 ms; a property write ~60 ms).
 * Apps Script defers written cells and commits them later, so the clock seen by the script lags the time
 * the execution is charged: the run counts both and trusts the larger.
 */
export const COST_MS = {
  readCell: 0.01,
  writeCell: 0.1,
  /** Per chunk: 3 checkpoint writes, the lock, deleteRows, 2 flushes, reads and writes, grid growth. */
  chunkCalls: 1_200,
  /** Per archive a chunk writes to (its write, grid growth). */
  perTarget: 300,
  /** Opening (or creating and shaping) one archive workbook. */
  openArchive: 1_500,
  /** Start of a run: platform start-up, lease, triggers, settings, the look at Log. */
  runStart: 3_000,
} as const;

export function chunkCostMs(rows: number, targets: number, width: number = LOG_WIDTH): number {
  const read = rows * width * COST_MS.readCell + rows * COST_MS.readCell; // the block, then its ids again
  const write = rows * width * COST_MS.writeCell;
  return read + write + COST_MS.chunkCalls + targets * COST_MS.perTarget;
}

/** A run's time: the clock and the charged cost model, whichever is further along. */
export class RunBudget {
  private charged = 0;
  private readonly startedAt: number;

  constructor(
    private readonly now: () => number,
    readonly budgetMs: number = ARCHIVE_DEFAULTS.budgetMs,
    private readonly reserveMs: number = ARCHIVE_DEFAULTS.closingReserveMs,
  ) {
    this.startedAt = now();
  }

  charge(ms: number): void {
    this.charged += ms;
  }

  elapsed(): number {
    return Math.max(this.now() - this.startedAt, this.charged);
  }

  /** Whether work expected to take `ms` can start and still leave the closing reserve. */
  fits(ms: number): boolean {
    return this.elapsed() + ms + this.reserveMs <= this.budgetMs;
  }
}
