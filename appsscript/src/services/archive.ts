// The archive use case: moves Log rows older than the retention window into the monthly archive
// workbooks ("WTT Archive YYYY-MM"), in big chunks, copying before deleting, with a checkpoint that lets a
// run stopped at any moment — its own budget, Apps Script's 6-minute limit, a crash — lose and duplicate
// nothing (the protocol is described in domain/archive-plan.ts). Then the Schedule rows dated before the
// cutoff's day go the same way to the archive's Schedule tab (moveSchedule below), and the Schedule's row
// index is rebuilt from a whole read: the daily rebuild that catches what no onEdit saw. Last, the Daily rows
// dated before the Daily retention (whole months) leave the top of Daily for the archive's Daily tab, by
// Log's protocol (moveDaily below), so the reports' tab stops growing too.
// Everything Apps Script-specific is injected (gas/archive-workbooks.ts, gas/triggers.ts).
import type { Cell, SheetPort } from '../store/port.ts';
import type { CellContext } from '../store/cells.ts';
import { preserveCell } from '../store/cells.ts';
import { checkHeader, headerNames, isBlankRow } from '../store/records.ts';
import { TABS } from '../store/schema.ts';
import { BLANK, classOf, claimDeletion, claimWrite, decodeIndex, exactIndex, stampGen, type RowClass } from '../store/schedule-index.ts';
import { INDEX_COLUMN, SCHEDULE_TAB, SCHEDULE_WIDTH, STAMP_COLUMN, writeScheduleIndex } from '../store/schedule-rows.ts';
import { sameCells } from './admin/keyed-tab.ts';
import {
  ARCHIVE_DEFAULTS,
  COST_MS,
  LOG_WIDTH,
  RunBudget,
  WATCHDOG_AFTER_MS,
  chunkCostMs,
  entryIds,
  planScheduleBlock,
  rowsOfRuns,
  SCHEDULE_CHUNK_ROWS,
  type ScheduleBlock,
  leasedByOther,
  logTopVerdict,
  partsOf,
  planBlock,
  rowKey,
  rowsMissingFrom,
  type ArchiveState,
  type ArchiveTarget,
  type BlockPart,
  type InFlightBlock,
} from '../domain/archive-plan.ts';
import { DAILY_KEEP, dailyKey, dailyRowsMissing, planDailyBlock, type DailyBlockPlan, type DailyRowFacts } from '../domain/archive-daily.ts';
import { Internal } from '../errors.ts';

/** The live Log tab, as the archive uses it. Rows are full Log rows as getValues gives them. */
export interface LiveLog {
  /** One look at the tab: its header and the last row holding content. */
  shape(): { header: string[]; lastRow: number };
  readRows(startRow: number, count: number): Cell[][];
  /** The entry_id column of `count` rows. */
  readIds(startRow: number, count: number): Cell[];
  /**
   * Deletes rows 2 .. count + 1 (the first holding entry `firstId`) and makes the deletion durable (flush)
   * before returning. Readers that keep Log row numbers move them up as it does so; a deletion cut before
   * they moved is settled by the next of them (settleDeleted, or checkBreaks and the rollover themselves).
   */
  deleteTopRows(count: number, firstId: string): void;
  /** After a run that died during a delete: moves the readers' row numbers if the rows are gone and they were not moved. */
  settleDeleted(): void;
}

/** One month's archive workbook (its tab Log, with Log's header). */
export interface ArchiveBook {
  readonly month: string;
  readonly id: string;
  /** The last row holding content (1 = only the header). */
  lastRow(): number;
  readRows(startRow: number, count: number): Cell[][];
  /** Writes rows exactly as they were read from Log, at `startRow`, in one write. */
  writeRows(startRow: number, rows: Cell[][]): void;
  /** Its Schedule tab (with the live Schedule's header), made on first use. */
  schedule(): ArchiveTab;
  /** Its Daily tab (with the live Daily's header), made on first use. */
  daily(): ArchiveTab;
}

/** The live Daily tab (consolidated days, in date order), as the archive uses it. */
export interface LiveDaily {
  /** Rows dated before this day ('yyyy-MM-dd', a 1st: whole months) move. */
  cutoffDate: string;
  /** One look at the tab: its header and the last row holding content. */
  shape(): { header: string[]; lastRow: number };
  /** Full Daily rows as getValues gives them. */
  readRows(startRow: number, count: number): Cell[][];
  /** The date and person of `count` rows (two columns). */
  readFacts(startRow: number, count: number): DailyRowFacts[];
  facts(row: readonly Cell[]): DailyRowFacts;
  /**
   * Deletes rows 2 .. count + 1 (row 2 having key `firstKey`), marking the deletion first and moving the
   * rollover's tail mark and the reports' index up in the Settings write that clears the mark; durable (flush)
   * before returning.
   */
  deleteTopRows(count: number, firstKey: string): void;
  /** After a run cut during a delete: moves the marks if the rows are gone and they were not moved. */
  settleDeleted(): void;
  chunkRows?: number;
}

/** The live Schedule tab: read and written through the store (store/schedule-rows.ts). */
export interface LiveSchedule {
  port: SheetPort;
  cells: CellContext;
  /** The date (spreadsheet's zone) of an instant: rows dated before the cutoff's day move. */
  dateOf(ms: number): string;
  chunkRows?: number;
}

/** A tab of an archive workbook other than Log (its Schedule tab). */
export interface ArchiveTab {
  /** The last row holding content (1 = only the header). */
  lastRow(): number;
  readRows(startRow: number, count: number): Cell[][];
  /** Writes rows exactly as they were read from the live tab, at `startRow`, in one write. */
  writeRows(startRow: number, rows: Cell[][]): void;
}

export interface ArchiveShelf {
  /** The month's archive, opened or made (and remembered) on first use in this run. */
  book(month: string): ArchiveBook;
  /** Makes every write so far durable, before anything is deleted from Log. */
  flush(): void;
}

export interface CheckpointStore {
  read(): ArchiveState;
  write(state: ArchiveState): void;
}

/** The one-off trigger that continues the archive ('archiveContinue'). */
export interface Continuation {
  /** Removes every pending continuation, including the one-off that started this run. */
  clear(): void;
  /** Exactly one continuation, `afterMs` from now (any other is removed). */
  schedule(afterMs: number): void;
}

/** Moments of a block's move, for the execution log (and for tests that stop a run at one of them). */
export type ArchiveStep = 'planned' | 'copied' | 'deleted' | 'schedule-copied' | 'daily-planned' | 'daily-copied' | 'daily-deleted';

export interface ArchiveDeps {
  now(): number;
  /** Identifies this run in the lease. */
  runId: string;
  /** Rows received before this instant move. */
  cutoff: number;
  /** 'yyyy-MM' of an instant in the spreadsheet's time zone. */
  monthOf(ms: number): string;
  log: LiveLog;
  /** The Schedule's part; without it only Log is archived. */
  schedule?: LiveSchedule;
  /** The Daily part; without it Daily stays whole. */
  daily?: LiveDaily;
  shelf: ArchiveShelf;
  checkpoint: CheckpointStore;
  /** Runs `work` holding the script lock (what every Log writer takes); null when it could not be had. */
  withLock<T>(work: () => T): T | null;
  continuation: Continuation;
  chunkRows?: number;
  budgetMs?: number;
  onStep?(step: ArchiveStep, block: InFlightBlock | ScheduleBlock): void;
  /** Progress lines for the execution log. */
  report?(line: string): void;
}

export interface ArchiveReport {
  /** 'done': nothing older than the cutoff is left; 'continues': a continuation is scheduled; 'busy': another run holds the archive, or the lock could not be had. */
  status: 'done' | 'continues' | 'busy';
  /** Rows removed from Log by this run (a block finished after a crash included). */
  moved: number;
  /** Rows written to archives by this run. */
  copied: number;
  /** Schedule rows moved to archives by this run (0 without a Schedule part). */
  scheduleMoved: number;
  /** Daily rows removed from the live tab by this run (0 without a Daily part). */
  dailyMoved: number;
  chunks: number;
  months: string[];
  /** What this run found left over by a run that died: 'copy' (it finished the copy), 'delete' (it did the delete), 'already-deleted'. */
  recovered: 'none' | 'copy' | 'delete' | 'already-deleted';
  cutoff: number;
  /** By the run's own reckoning (clock or cost model, the larger). */
  elapsedMs: number;
}

/** A person changed Log or an archive under a block in flight: the archive stops instead of guessing. */
export class ArchiveConflict extends Internal {
  constructor(english: string, russian: string) {
    super(
      `Archiving stopped: ${english}. Nothing was deleted; see docs/archive.md`,
      `Архивирование остановлено: ${russian}. Ничего не удалено; см. docs/archive.md`,
    );
    this.name = 'ArchiveConflict';
  }
}

const LOG_HEADER = headerNames(TABS.Log);
const DAILY_HEADER = headerNames(TABS.Daily);
const DAILY_WIDTH = TABS.Daily.columns.length;
/** Rows looked at to decide whether there is anything to do (a damaged row at the top is carried by the rows below it). */
const PROBE_ROWS = 50;
/** Failed runs in a row after which the archive stops retrying on its own (the daily run still tries). */
const MAX_RETRIES = 3;

export function archive(deps: ArchiveDeps): ArchiveReport {
  const budget = new RunBudget(deps.now, deps.budgetMs ?? ARCHIVE_DEFAULTS.budgetMs);
  budget.charge(COST_MS.runStart);
  const chunkRows = deps.chunkRows ?? ARCHIVE_DEFAULTS.chunkRows;
  const report: ArchiveReport = { status: 'done', moved: 0, copied: 0, scheduleMoved: 0, dailyMoved: 0, chunks: 0, months: [], recovered: 'none', cutoff: deps.cutoff, elapsedMs: 0 };
  const say = (line: string) => deps.report?.(line);

  const claimed = deps.withLock(() => {
    const s = deps.checkpoint.read();
    if (leasedByOther(s, deps.runId, deps.now())) return 'leased' as const;
    s.lease = { owner: deps.runId, until: deps.now() + ARCHIVE_DEFAULTS.leaseMs };
    deps.checkpoint.write(s);
    return s;
  });
  if (claimed === 'leased') {
    say('another archive run is working; this one leaves it alone');
    return { ...report, status: 'busy' };
  }
  if (claimed === null) {
    // Live requests hold the lock: try again shortly rather than tomorrow.
    deps.continuation.schedule(ARCHIVE_DEFAULTS.continueAfterMs);
    say('the script lock is busy; the archive continues in a minute');
    return { ...report, status: 'busy' };
  }
  const state: ArchiveState = claimed;
  let watchdogArmed = false;
  const save = () => deps.checkpoint.write(state);
  const noteMonths = (months: string[]) => months.forEach((m) => report.months.includes(m) || report.months.push(m));

  try {
    // Apps Script keeps a one-off trigger that ran until it is deleted; a dead run's watchdog is replaced.
    deps.continuation.clear();
    const shape = deps.log.shape();
    if (!sameHeader(shape.header, LOG_HEADER)) {
      throw new ArchiveConflict(
        `the Log tab's header is [${shape.header.join(', ')}], not [${LOG_HEADER.join(', ')}]: run Setup`,
        `заголовок вкладки Log — [${shape.header.join(', ')}], а не [${LOG_HEADER.join(', ')}]: запустите «Настройка»`,
      );
    }
    const logDone = moveLog(shape.lastRow);
    if (logDone !== 'done') return finish(logDone);
    const scheduleDone = deps.schedule ? moveSchedule(deps.schedule) : 'done';
    if (scheduleDone !== 'done') return finish(scheduleDone);
    return finish(deps.daily ? moveDaily(deps.daily) : 'done');
  } catch (e) {
    // The watchdog armed at the start retries after a platform hiccup. Our own named errors (a conflict, a
    // missing workbook or tab) need a person, as does an error that keeps coming back: no retry loop then.
    const failures = (state.last?.status === 'failed' ? (state.last.failures ?? 1) : 0) + 1;
    state.lease = null;
    state.last = { at: deps.now(), status: 'failed', moved: report.moved, error: e instanceof Error ? e.message : String(e), failures };
    try {
      if (e instanceof Internal || failures >= MAX_RETRIES) deps.continuation.clear();
      save();
    } catch {
      // The original error matters more; the lease expires on its own.
    }
    throw e;
  }

  /** The Log's part: 'done' when nothing older than the cutoff is left in Log. */
  function moveLog(shapeLastRow: number): 'done' | 'continues' {
    let lastRow = shapeLastRow;
    // A daily run usually finds nothing old enough: a glance at the top rows saves the rest of the work.
    const hasWork = state.inFlight !== null || (lastRow >= 2 && planBlock(deps.log.readRows(2, Math.min(PROBE_ROWS, lastRow - 1)), deps.cutoff, deps.monthOf).count > 0);
    if (!hasWork) return 'done';
    // If this run dies, the watchdog continues once the lease has expired.
    armWatchdog();

    if (state.inFlight) {
      const block = state.inFlight;
      const r = resume(block);
      if (r === 'lock-busy') return 'continues';
      lastRow -= r === 'already-deleted' ? 0 : block.count;
      report.recovered = r;
    }

    let lastChunkMs = 0;
    for (;;) {
      const available = lastRow - 1;
      if (available <= 0) return 'done';
      const n = Math.min(chunkRows, available);
      const expected = Math.max(chunkCostMs(n, 1), lastChunkMs);
      if (!budget.fits(expected)) return 'continues';
      const started = deps.now();
      const rows = deps.log.readRows(2, n);
      const plan = planBlock(rows, deps.cutoff, deps.monthOf);
      if (plan.count === 0) return 'done';
      const block = rows.slice(0, plan.count);
      const inFlight = startBlock(block, plan.parts, plan.firstId, plan.fingerprint);
      copyBlock(inFlight, block, plan.parts);
      const deleted = deleteBlock(inFlight);
      budget.charge(chunkCostMs(n, plan.parts.length));
      lastChunkMs = deps.now() - started;
      if (deleted === 'lock-busy') return 'continues';
      lastRow -= plan.count;
      report.chunks++;
      say(`moved ${plan.count} rows (${plan.parts.map((p) => `${p.month}: ${p.indexes.length}`).join(', ')})`);
      if (plan.reachedYoungRow) return 'done';
    }
  }

  function armWatchdog(): void {
    if (watchdogArmed) return;
    deps.continuation.schedule(WATCHDOG_AFTER_MS);
    watchdogArmed = true;
  }

  // ---- the Schedule ----
  //
  // A block of Schedule rows moves like this (each step cut-safe):
  //   1. the whole tab is read (under the lock, briefly) and the rows dated before the cutoff's day chosen;
  //   2. the checkpoint records, per month, the archive's start row and the live rows (phase 'copying');
  //   3. the rows are copied (one write per archive) and flushed; the checkpoint says 'copied';
  //   4. under the script lock (the one every Schedule writer takes), each live row is compared with its
  //      copy: the same, it is blanked (the index's claim first, then one write); changed since the copy
  //      (an admin edited a past day meanwhile), its copy is blanked instead and it moves on a later run;
  //      blank already, a cut run blanked it. Then the checkpoint is cleared.
  // A run that finds 'copying' undoes the partial copy (the archive's rows from the recorded start) and
  // plans again; one that finds 'copied' does step 4, which gives the same result however often it runs.
  // When nothing is left to move, blank rows at the top of the tab are deleted (blank: nothing can be lost),
  // the index claiming the rows both before and after the deletion while it happens, and the index is
  // written exactly from the whole read: the Schedule's daily rebuild.

  function moveSchedule(live: LiveSchedule): 'done' | 'continues' {
    const limit = live.chunkRows ?? SCHEDULE_CHUNK_ROWS;
    const cutoffDate = live.dateOf(deps.cutoff);
    if (state.schedule) {
      armWatchdog();
      const block = state.schedule;
      if (block.phase === 'copying') undoScheduleCopy(block);
      else if (!finishScheduleBlock(live, block)) return 'continues';
    }
    for (;;) {
      // The whole tab, read under the lock: when nothing is left to move, the index is written from it at once.
      const looked = deps.withLock(() => {
        const snap = readScheduleWhole(live);
        budget.charge(snap.classes.length * SCHEDULE_WIDTH * COST_MS.readCell + COST_MS.chunkCalls);
        const plan = planScheduleBlock(snap.classes, cutoffDate, limit);
        if (plan.count === 0) maintainSchedule(live, snap);
        return { snap, plan };
      });
      if (looked === null) return 'continues';
      const { snap, plan } = looked;
      if (plan.count === 0) return 'done';
      if (!budget.fits(chunkCostMs(plan.count, plan.parts.length, SCHEDULE_WIDTH) * 2)) return 'continues';
      armWatchdog();
      const block: ScheduleBlock = {
        phase: 'copying',
        targets: plan.parts.map((p) => {
          const book = deps.shelf.book(p.month);
          return { month: p.month, workbookId: book.id, fromRow: book.schedule().lastRow() + 1, rows: p.rows };
        }),
      };
      state.schedule = block;
      save();
      for (const t of block.targets) {
        const rows = rowsOfRuns(t.rows).map((r) => snap.cells[r - 2]);
        scheduleTab(t).writeRows(t.fromRow, rows);
        report.copied += rows.length;
      }
      noteMonths(block.targets.map((t) => t.month));
      deps.shelf.flush();
      block.phase = 'copied';
      save();
      deps.onStep?.('schedule-copied', block);
      const done = finishScheduleBlock(live, block);
      budget.charge(chunkCostMs(plan.count, plan.parts.length, SCHEDULE_WIDTH) * 2);
      if (!done) return 'continues';
      say(`moved ${plan.count} Schedule rows (${plan.parts.map((p) => `${p.month}: ${rowsOfRuns(p.rows).length}`).join(', ')})`);
    }
  }

  /** The archive's Schedule tab of a target, checked to be the workbook the checkpoint recorded. */
  function scheduleTab(t: ScheduleBlock['targets'][number]): ArchiveTab {
    const book = deps.shelf.book(t.month);
    if (book.id !== t.workbookId) {
      throw new ArchiveConflict(`the Schedule block in flight no longer matches the archive of ${t.month}`, `переносимый блок Schedule больше не соответствует архиву за ${t.month}`);
    }
    return book.schedule();
  }

  /** A copy cut short: the rows it wrote are blanked (they are copies of rows still in the live tab). */
  function undoScheduleCopy(block: ScheduleBlock): void {
    for (const t of block.targets) {
      const tab = scheduleTab(t);
      const last = tab.lastRow();
      if (last >= t.fromRow) tab.writeRows(t.fromRow, blankRows(last - t.fromRow + 1));
    }
    deps.shelf.flush();
    state.schedule = null;
    save();
  }

  /** Step 4 of a block (see above), under the lock; false when the lock could not be had. */
  function finishScheduleBlock(live: LiveSchedule, block: ScheduleBlock): boolean {
    const done = deps.withLock(() => {
      const all = block.targets.flatMap((t) => rowsOfRuns(t.rows));
      const first = Math.min(...all);
      const last = Math.max(...all);
      const head = live.port.readRowAcross(SCHEDULE_TAB, 1);
      const span = live.port.readRows(SCHEDULE_TAB, first, last - first + 1, SCHEDULE_WIDTH);
      const blankLive = new Set<number>();
      for (const t of block.targets) {
        const rows = rowsOfRuns(t.rows);
        const tab = scheduleTab(t);
        const copies = tab.readRows(t.fromRow, rows.length);
        rows.forEach((row, k) => {
          const now = span[row - first];
          if (isBlankRow(now)) return; // blanked by a run cut after doing so
          if (sameCells(now, copies[k] ?? [])) blankLive.add(row);
          else if (!isBlankRow(copies[k] ?? [])) tab.writeRows(t.fromRow + k, blankRows(1)); // changed since: it moves later
        });
      }
      deps.shelf.flush();
      if (blankLive.size > 0) {
        const index = decodeIndex(cellText(head[INDEX_COLUMN - 1]));
        const gen = stampGen(cellText(head[STAMP_COLUMN - 1]));
        if (index && index.gen === gen) {
          const known = new Map<number, RowClass>(span.map((cells, i) => [first + i, classOf(cells, live.cells)]));
          const written = new Map<number, RowClass>([...known].map(([row, cls]) => [row, blankLive.has(row) ? BLANK : cls]));
          writeScheduleIndex(live.port, { indexText: cellText(head[INDEX_COLUMN - 1]) }, claimWrite(index, known, written, gen));
        }
        const out = span.map((cells, i) => (blankLive.has(first + i) ? blankRows(1)[0] : cells.map(preserveCell)));
        live.port.writeRows(SCHEDULE_TAB, first, out);
        report.scheduleMoved += blankLive.size;
      }
      state.schedule = null;
      save();
      return true;
    });
    return done === true;
  }

  /**
   * Once nothing is left to move, holding the lock since the whole tab was read (so no writer changed it
   * meanwhile): blank rows at its top are deleted, and the index is written from what was read, under the
   * mark read before it: whatever changed unseen (another script, a row inserted by hand) is seen from now on.
   */
  function maintainSchedule(live: LiveSchedule, snap: ScheduleSnapshot): void {
    let leading = 0;
    while (leading < snap.classes.length && snap.classes[leading] === BLANK) leading++;
    const cell = { indexText: snap.indexText };
    if (leading > 0 && leading < snap.classes.length) {
      // Both before and after the deletion are claimed while it happens; then the exact index.
      writeScheduleIndex(live.port, cell, claimDeletion(snap.classes, 2, leading, snap.gen));
      live.port.deleteRows(SCHEDULE_TAB, 2, leading);
      writeScheduleIndex(live.port, cell, exactIndex(snap.classes.slice(leading), snap.gen));
      say(`deleted ${leading} blank rows at the top of Schedule`);
    } else writeScheduleIndex(live.port, cell, exactIndex(snap.classes, snap.gen));
  }

  // ---- Daily ----
  //
  // Log's protocol over the top of Daily (in date order, so the old rows are at the top): the block (whole
  // dates, keys date|employee) is recorded, copied to each month's Daily tab and flushed, then under the lock
  // the top of the tab is compared with the block's fingerprint and deleted, the deletion marked in Settings
  // first so the rollover's tail mark and the reports' index move up exactly once (services/daily-shift.ts).

  function moveDaily(live: LiveDaily): 'done' | 'continues' {
    const limit = live.chunkRows ?? DAILY_KEEP.chunkRows;
    const shape = live.shape();
    if (!sameHeader(shape.header.slice(0, DAILY_HEADER.length), DAILY_HEADER)) {
      throw new ArchiveConflict(
        `the Daily tab's header is [${shape.header.join(', ')}], not [${DAILY_HEADER.join(', ')}]: run Setup`,
        `заголовок вкладки Daily — [${shape.header.join(', ')}], а не [${DAILY_HEADER.join(', ')}]: запустите «Настройка»`,
      );
    }
    let lastRow = shape.lastRow;
    const hasWork =
      state.daily != null ||
      (lastRow >= 2 && planDailyBlock(live.readFacts(2, Math.min(PROBE_ROWS, lastRow - 1)), live.cutoffDate, lastRow - 1 > PROBE_ROWS).count > 0);
    if (!hasWork) return 'done';
    armWatchdog();
    if (state.daily) {
      const block = state.daily;
      const r = resumeDaily(live, block);
      if (r === 'lock-busy') return 'continues';
      lastRow -= r === 'already-deleted' ? 0 : block.count;
    }
    let lastChunkMs = 0;
    for (;;) {
      const available = lastRow - 1;
      if (available <= 0) return 'done';
      const n = Math.min(limit, available);
      const expected = Math.max(chunkCostMs(n, 1, DAILY_WIDTH), lastChunkMs);
      if (!budget.fits(expected)) return 'continues';
      const started = deps.now();
      const rows = live.readRows(2, n);
      const plan = planDailyBlock(rows.map((r) => live.facts(r)), live.cutoffDate, n < available);
      if (plan.count === 0) return 'done';
      const block = rows.slice(0, plan.count);
      const inFlight = startDaily(block.length, plan);
      copyDaily(inFlight, block, plan.parts);
      const deleted = deleteDaily(live, inFlight);
      budget.charge(chunkCostMs(n, plan.parts.length, DAILY_WIDTH));
      lastChunkMs = deps.now() - started;
      if (deleted === 'lock-busy') return 'continues';
      lastRow -= plan.count;
      say(`moved ${plan.count} Daily rows (${plan.parts.map((p) => `${p.month}: ${p.indexes.length}`).join(', ')})`);
      if (plan.reachedYoungRow) return 'done';
    }
  }

  function startDaily(count: number, plan: DailyBlockPlan): InFlightBlock {
    const targets: ArchiveTarget[] = plan.parts.map((p) => {
      const book = deps.shelf.book(p.month);
      return { month: p.month, workbookId: book.id, fromRow: book.daily().lastRow() + 1, rows: p.indexes.length };
    });
    const inFlight: InFlightBlock = { phase: 'copying', count, firstId: plan.firstId, fingerprint: plan.fingerprint, targets };
    state.daily = inFlight;
    // Before anything is written: a report that finds one of these months' workbooks gone says so.
    const months = new Set(state.dailyMonths ?? []);
    targets.forEach((t) => months.add(t.month));
    state.dailyMonths = [...months].sort();
    save();
    deps.onStep?.('daily-planned', inFlight);
    return inFlight;
  }

  /** Each month's rows in one write; a resumed copy writes only the rows not already from its start row. */
  function copyDaily(inFlight: InFlightBlock, block: Cell[][], parts: DailyBlockPlan['parts'], resumed = false): void {
    for (const target of inFlight.targets) {
      const part = parts.find((p) => p.month === target.month);
      const book = deps.shelf.book(target.month);
      if (!part || book.id !== target.workbookId) {
        throw new ArchiveConflict(`the Daily block in flight no longer matches the archive of ${target.month}`, `переносимый блок Daily больше не соответствует архиву за ${target.month}`);
      }
      const tab = book.daily();
      let rows = part.indexes.map((i) => block[i]);
      let at = target.fromRow;
      if (resumed) {
        const last = tab.lastRow();
        rows = dailyRowsMissing(rows, last >= target.fromRow ? tab.readRows(target.fromRow, last - target.fromRow + 1) : []);
        at = last + 1;
      }
      if (rows.length) tab.writeRows(at, rows);
      report.copied += rows.length;
    }
    noteMonths(inFlight.targets.map((t) => t.month));
    deps.shelf.flush();
    inFlight.phase = 'copied';
    save();
    deps.onStep?.('daily-copied', inFlight);
  }

  function deleteDaily(live: LiveDaily, inFlight: InFlightBlock): 'delete' | 'already-deleted' | 'lock-busy' {
    const verdict = deps.withLock(() => {
      const v = logTopVerdict(inFlight, live.readFacts(2, inFlight.count).map(dailyKey));
      if (v === 'changed') {
        throw new ArchiveConflict(`the first ${inFlight.count} rows of Daily changed after they were copied`, `первые ${inFlight.count} строк Daily изменились после копирования`);
      }
      if (v === 'present') {
        live.deleteTopRows(inFlight.count, inFlight.firstId);
        deps.onStep?.('daily-deleted', inFlight);
      } else {
        live.settleDeleted();
      }
      state.daily = null;
      save();
      return v === 'present' ? ('delete' as const) : ('already-deleted' as const);
    });
    if (verdict === null) return 'lock-busy';
    report.dailyMoved += inFlight.count;
    return verdict;
  }

  function resumeDaily(live: LiveDaily, block: InFlightBlock): 'copy' | 'delete' | 'already-deleted' | 'lock-busy' {
    if (block.phase === 'copying') {
      const rows = live.readRows(2, block.count);
      const facts = rows.map((r) => live.facts(r));
      if (logTopVerdict(block, facts.map(dailyKey)) !== 'present') {
        throw new ArchiveConflict(
          `the first ${block.count} rows of Daily are not the block whose copy was interrupted`,
          `первые ${block.count} строк Daily — не тот блок, копирование которого прервалось`,
        );
      }
      // The same rows plan to the same months (dates do not change); `more` is moot for a block known whole.
      const parts = planDailyBlock(facts, '9999-12-31', false).parts;
      const sameTargets = parts.length === block.targets.length && block.targets.every((t) => parts.find((p) => p.month === t.month)?.indexes.length === t.rows);
      if (!sameTargets) throw new ArchiveConflict('the interrupted Daily block splits into other months now', 'прерванный блок Daily теперь делится на другие месяцы');
      copyDaily(block, rows, parts, true);
      budget.charge(chunkCostMs(block.count, parts.length, DAILY_WIDTH) + block.count * DAILY_WIDTH * COST_MS.readCell);
      const d = deleteDaily(live, block);
      return d === 'lock-busy' ? d : 'copy';
    }
    budget.charge(chunkCostMs(0, 0) + block.count * 2 * COST_MS.readCell);
    return deleteDaily(live, block);
  }

  function finish(status: 'done' | 'continues'): ArchiveReport {
    state.lease = null;
    state.pending = status === 'continues';
    state.last = { at: deps.now(), status, moved: report.moved };
    save();
    if (status === 'done') deps.continuation.clear();
    else deps.continuation.schedule(ARCHIVE_DEFAULTS.continueAfterMs);
    report.status = status;
    report.elapsedMs = budget.elapsed();
    say(`${status}: ${report.moved} rows moved in ${report.chunks} chunks`);
    return report;
  }

  /** Records the block and where each month's rows will go, before anything is written. */
  function startBlock(block: Cell[][], parts: BlockPart[], firstId: string, fingerprint: string): InFlightBlock {
    const targets: ArchiveTarget[] = parts.map((p) => {
      const book = deps.shelf.book(p.month);
      return { month: p.month, workbookId: book.id, fromRow: book.lastRow() + 1, rows: p.indexes.length };
    });
    const inFlight: InFlightBlock = { phase: 'copying', count: block.length, firstId, fingerprint, targets };
    state.inFlight = inFlight;
    save();
    deps.onStep?.('planned', inFlight);
    return inFlight;
  }

  /** Copies each month's rows (one write per archive), skipping rows an earlier attempt already wrote. */
  function copyBlock(inFlight: InFlightBlock, block: Cell[][], parts: BlockPart[], resumed = false): void {
    for (const target of inFlight.targets) {
      const part = parts.find((p) => p.month === target.month);
      const book = deps.shelf.book(target.month);
      if (!part || book.id !== target.workbookId) {
        throw new ArchiveConflict(
          `the block in flight no longer matches the archive of ${target.month}`,
          `переносимый блок больше не соответствует архиву за ${target.month}`,
        );
      }
      let rows = part.indexes.map((i) => block[i]);
      let at = target.fromRow;
      if (resumed) {
        const last = book.lastRow();
        const tail = last >= target.fromRow ? book.readRows(target.fromRow, last - target.fromRow + 1) : [];
        rows = rowsMissingFrom(rows, new Set(tail.map(rowKey)));
        at = last + 1;
      }
      if (rows.length) book.writeRows(at, rows);
      report.copied += rows.length;
    }
    noteMonths(inFlight.targets.map((t) => t.month));
    deps.shelf.flush();
    inFlight.phase = 'copied';
    save();
    deps.onStep?.('copied', inFlight);
  }

  /** Deletes the block from Log if the top of Log still is the block. Under the lock: appends wait meanwhile. */
  function deleteBlock(inFlight: InFlightBlock): 'delete' | 'already-deleted' | 'lock-busy' {
    const verdict = deps.withLock(() => {
      const v = logTopVerdict(inFlight, deps.log.readIds(2, inFlight.count));
      if (v === 'changed') {
        throw new ArchiveConflict(
          `the first ${inFlight.count} rows of Log changed after they were copied`,
          `первые ${inFlight.count} строк Log изменились после копирования`,
        );
      }
      if (v === 'present') {
        deps.log.deleteTopRows(inFlight.count, inFlight.firstId);
        deps.onStep?.('deleted', inFlight);
      } else {
        deps.log.settleDeleted();
      }
      state.removed += inFlight.count;
      state.inFlight = null;
      save();
      return v === 'present' ? ('delete' as const) : ('already-deleted' as const);
    });
    if (verdict === null) return 'lock-busy';
    report.moved += inFlight.count;
    return verdict;
  }

  /** Finishes a block a dead run left behind. */
  function resume(block: InFlightBlock): 'copy' | 'delete' | 'already-deleted' | 'lock-busy' {
    if (block.phase === 'copying') {
      const rows = deps.log.readRows(2, block.count);
      if (logTopVerdict(block, entryIds(rows)) !== 'present') {
        throw new ArchiveConflict(
          `the first ${block.count} rows of Log are not the block whose copy was interrupted`,
          `первые ${block.count} строк Log — не тот блок, копирование которого прервалось`,
        );
      }
      const parts = partsOf(rows, deps.monthOf);
      const sameTargets =
        parts.length === block.targets.length && block.targets.every((t) => parts.find((p) => p.month === t.month)?.indexes.length === t.rows);
      if (!sameTargets) {
        throw new ArchiveConflict('the interrupted block splits into other months now', 'прерванный блок теперь делится на другие месяцы');
      }
      copyBlock(block, rows, parts, true);
      // Reading the archives' tails again costs about what reading the block did.
      budget.charge(chunkCostMs(block.count, parts.length) + block.count * LOG_WIDTH * COST_MS.readCell);
      const d = deleteBlock(block);
      return d === 'lock-busy' ? d : 'copy';
    }
    budget.charge(chunkCostMs(0, 0) + block.count * COST_MS.readCell);
    return deleteBlock(block);
  }
}

interface ScheduleSnapshot {
  /** Every row from 2 down to the last one holding content, as read. */
  cells: Cell[][];
  /** What each holds (classes[i] is row i + 2). */
  classes: RowClass[];
  indexText: string;
  gen: string;
}

/** The whole Schedule tab: row 1 across (index, mark) first, then every row (ONE read each). */
function readScheduleWhole(live: LiveSchedule): ScheduleSnapshot {
  const head = live.port.readRowAcross(SCHEDULE_TAB, 1);
  const stamp = cellText(head[STAMP_COLUMN - 1]);
  const { header, rows } = live.port.readAll(SCHEDULE_TAB, SCHEDULE_WIDTH);
  checkHeader(TABS.Schedule, header);
  const classes = rows.map((cells) => classOf(cells, live.cells));
  return { cells: rows, classes, indexText: cellText(head[INDEX_COLUMN - 1]), gen: stampGen(stamp) };
}

function cellText(c: Cell | undefined): string {
  return c === undefined || c === null ? '' : String(c);
}

function blankRows(n: number): Cell[][] {
  return Array.from({ length: n }, () => TABS.Schedule.columns.map((): Cell => ''));
}

function sameHeader(found: readonly string[], expected: readonly string[]): boolean {
  return found.length === expected.length && found.every((h, i) => h === expected[i]);
}
