// The archive use case: moves Log rows older than the retention window into the monthly archive
// workbooks ("WTT Archive YYYY-MM"), in big chunks, copying before deleting, with a checkpoint that lets a
// run stopped at any moment — its own budget, Apps Script's 6-minute limit, a crash — lose and duplicate
// nothing (the protocol is described in domain/archive-plan.ts).
// Everything Apps Script-specific is injected (gas/archive-workbooks.ts, gas/triggers.ts).
import type { Cell } from '../store/port.ts';
import { headerNames } from '../store/records.ts';
import { TABS } from '../store/schema.ts';
import {
  ARCHIVE_DEFAULTS,
  COST_MS,
  LOG_WIDTH,
  RunBudget,
  WATCHDOG_AFTER_MS,
  chunkCostMs,
  entryIds,
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
export type ArchiveStep = 'planned' | 'copied' | 'deleted';

export interface ArchiveDeps {
  now(): number;
  /** Identifies this run in the lease. */
  runId: string;
  /** Rows received before this instant move. */
  cutoff: number;
  /** 'yyyy-MM' of an instant in the spreadsheet's time zone. */
  monthOf(ms: number): string;
  log: LiveLog;
  shelf: ArchiveShelf;
  checkpoint: CheckpointStore;
  /** Runs `work` holding the script lock (what every Log writer takes); null when it could not be had. */
  withLock<T>(work: () => T): T | null;
  continuation: Continuation;
  chunkRows?: number;
  budgetMs?: number;
  onStep?(step: ArchiveStep, block: InFlightBlock): void;
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
/** Rows looked at to decide whether there is anything to do (a damaged row at the top is carried by the rows below it). */
const PROBE_ROWS = 50;
/** Failed runs in a row after which the archive stops retrying on its own (the daily run still tries). */
const MAX_RETRIES = 3;

export function archive(deps: ArchiveDeps): ArchiveReport {
  const budget = new RunBudget(deps.now, deps.budgetMs ?? ARCHIVE_DEFAULTS.budgetMs);
  budget.charge(COST_MS.runStart);
  const chunkRows = deps.chunkRows ?? ARCHIVE_DEFAULTS.chunkRows;
  const report: ArchiveReport = { status: 'done', moved: 0, copied: 0, chunks: 0, months: [], recovered: 'none', cutoff: deps.cutoff, elapsedMs: 0 };
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
    let lastRow = shape.lastRow;
    // A daily run usually finds nothing old enough: a glance at the top rows saves the rest of the work.
    const hasWork = state.inFlight !== null || (lastRow >= 2 && planBlock(deps.log.readRows(2, Math.min(PROBE_ROWS, lastRow - 1)), deps.cutoff, deps.monthOf).count > 0);
    if (!hasWork) return finish('done');
    // If this run dies, the watchdog continues once the lease has expired.
    deps.continuation.schedule(WATCHDOG_AFTER_MS);

    if (state.inFlight) {
      const block = state.inFlight;
      const r = resume(block);
      if (r === 'lock-busy') return finish('continues');
      lastRow -= r === 'already-deleted' ? 0 : block.count;
      report.recovered = r;
    }

    let lastChunkMs = 0;
    for (;;) {
      const available = lastRow - 1;
      if (available <= 0) return finish('done');
      const n = Math.min(chunkRows, available);
      const expected = Math.max(chunkCostMs(n, 1), lastChunkMs);
      if (!budget.fits(expected)) return finish('continues');
      const started = deps.now();
      const rows = deps.log.readRows(2, n);
      const plan = planBlock(rows, deps.cutoff, deps.monthOf);
      if (plan.count === 0) return finish('done');
      const block = rows.slice(0, plan.count);
      const inFlight = startBlock(block, plan.parts, plan.firstId, plan.fingerprint);
      copyBlock(inFlight, block, plan.parts);
      const deleted = deleteBlock(inFlight);
      budget.charge(chunkCostMs(n, plan.parts.length));
      lastChunkMs = deps.now() - started;
      if (deleted === 'lock-busy') return finish('continues');
      lastRow -= plan.count;
      report.chunks++;
      say(`moved ${plan.count} rows (${plan.parts.map((p) => `${p.month}: ${p.indexes.length}`).join(', ')})`);
      if (plan.reachedYoungRow) return finish('done');
    }
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

function sameHeader(found: readonly string[], expected: readonly string[]): boolean {
  return found.length === expected.length && found.every((h, i) => h === expected[i]);
}
