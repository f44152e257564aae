// The archive use case over the emulated Apps Script services, in this process: what moves where, the
// cost per chunk, and runs stopped at every step of a block's move (a thrown fault stands for a crash or
// the 6-minute limit) that the next run finishes with no row lost or doubled.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ArchiveDeps, ArchiveStep } from '../../appsscript/src/services/archive.ts';
import { ArchiveConflict } from '../../appsscript/src/services/archive.ts';
import { archiveShelf, ARCHIVE_STATE_PROPERTY, ArchiveStateDamaged } from '../../appsscript/src/gas/archive-workbooks.ts';
import { ARCHIVE_DEFAULTS, chunkCostMs, COST_MS, WATCHDOG_AFTER_MS } from '../../appsscript/src/domain/archive-plan.ts';
import type { LogRow } from '../../appsscript/src/domain/model.ts';
import { sheetCalls, ZONE } from '../store/helpers.ts';
import { logRows, monthOf, TRICKY_COMMENTS } from './fixtures/log-rows.ts';
import { CUTOFF, inProcessArchive, type InProcessArchive } from './fixtures/in-process.ts';

const FROM = Date.UTC(2026, 7, 20);
const TO = Date.UTC(2026, 10, 23);
const ROWS = logRows(3000, FROM, TO);
const OLD = ROWS.filter((r) => r.received_at < CUTOFF);
const CHUNK = 400;

/** Where each row must be: its month's archive if it is older than the cutoff, else Log. */
const home = (r: LogRow) => (r.received_at < CUTOFF ? `WTT Archive ${monthOf(r.at)}` : 'Log');

function misplaced(a: InProcessArchive, rows: readonly LogRow[]): string[] {
  const places = a.places();
  const wrong = rows.filter((r) => JSON.stringify(places.get(r.entry_id)) !== JSON.stringify([home(r)]));
  const strangers = [...places.keys()].filter((id) => !rows.some((r) => r.entry_id === id));
  return [...wrong.map((r) => `${r.entry_id}: ${JSON.stringify(places.get(r.entry_id) ?? [])} instead of ${home(r)}`), ...strangers];
}

/** Throws at the nth time the run reaches `step`: a crash at that very moment. */
function crashAt(step: ArchiveStep, nth = 1): ArchiveDeps['onStep'] {
  let seen = 0;
  return (s) => {
    if (s === step && ++seen === nth) throw new Error(`crash at ${step}`);
  };
}

function runToEnd(a: InProcessArchive, over: Partial<ArchiveDeps> = {}, limit = 20) {
  const reports = [];
  for (let i = 0; i < limit; i++) {
    const r = a.run(over);
    reports.push(r);
    if (r.status === 'done') return reports;
    a.world.clock.advance(ARCHIVE_DEFAULTS.continueAfterMs + 1000);
  }
  throw new Error(`not done after ${limit} runs`);
}

describe('archive', () => {
  it('moves exactly the rows older than the cutoff, each to the archive of its month, in big chunks', () => {
    expect(OLD.length).toBeGreaterThan(CHUNK * 3);
    const a = inProcessArchive(ROWS);
    const r = a.run({ chunkRows: CHUNK });
    const calls = sheetCalls(a.world.stats().calls);
    expect(r.status).toBe('done');
    expect(r.moved).toBe(OLD.length);
    expect(r.copied).toBe(OLD.length);
    expect(r.months.sort()).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(misplaced(a, ROWS)).toEqual([]);

    // One deleteRows and two reads of Log per chunk, one write per archive per chunk: never a call per row.
    const chunks = Math.ceil(OLD.length / CHUNK);
    expect(r.chunks).toBe(chunks);
    expect(calls['Sheet.deleteRows']).toBe(chunks);
    expect(calls['Range.setValues']).toBeLessThanOrEqual(3 * chunks /* rows, the deletion's mark and the moved Log checkpoints in Settings */ + 3 /* a month boundary per chunk at most */ + 3 /* headers */);
    expect(calls['Range.getValues']).toBeLessThanOrEqual(3 * chunks /* block, ids, Settings for the checkpoints */ + 2 + 3);
    expect(calls['Sheet.getLastRow']).toBeLessThanOrEqual(1 + 2 * 3); // once for Log, per archive once or twice: not per chunk

    const s = a.state();
    expect(s).toMatchObject({ inFlight: null, removed: OLD.length, pending: false, lease: null });
    expect(a.continuations()).toEqual([]);
  });

  it('makes each archive a workbook "WTT Archive YYYY-MM" with Log\'s header, and keeps every value as it was', () => {
    const a = inProcessArchive(ROWS);
    a.run({ chunkRows: CHUNK });
    const props = PropertiesService.getScriptProperties();
    const book = SpreadsheetApp.openById(props.getProperty('ARCHIVE_WORKBOOK_2026-09')!);
    expect(book.getName()).toBe('WTT Archive 2026-09');
    expect(book.getSheets().map((s) => s.getName())).toEqual(['Log']);
    const sheet = book.getSheetByName('Log')!;
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getMaxColumns()).toBe(11);
    const values = sheet.getRange(1, 1, sheet.getLastRow(), 11).getValues();
    expect(values[0]).toEqual(['entry_id', 'employee_id', 'status', 'at', 'client_at', 'received_at', 'device_id', 'seq', 'source', 'offline', 'comment']);
    const byId = new Map(values.slice(1).map((v) => [String(v[0]), v]));
    const tricky = OLD.filter((r) => r.comment !== '' && monthOf(r.at) === '2026-09');
    expect(new Set(tricky.map((r) => r.comment)).size).toBe(TRICKY_COMMENTS.length);
    for (const r of tricky) {
      const v = byId.get(r.entry_id)!;
      expect(v[10]).toBe(r.comment);
      expect((v[3] as Date).getTime()).toBe(r.at);
      expect((v[5] as Date).getTime()).toBe(r.received_at);
      expect([v[7], v[9]]).toEqual([r.seq, r.offline]);
    }
  });

  it('appends to an existing month archive on a later run instead of making another', () => {
    const early = logRows(600, Date.UTC(2026, 8, 2), Date.UTC(2026, 8, 20));
    const a = inProcessArchive(early.slice(0, 300));
    a.run({ chunkRows: CHUNK });
    a.open().tables.appendLog(early.slice(300));
    a.run({ chunkRows: CHUNK });
    expect(misplaced(a, early)).toEqual([]);
    expect(PropertiesService.getScriptProperties().getKeys().filter((k) => k.startsWith('ARCHIVE_WORKBOOK_'))).toEqual(['ARCHIVE_WORKBOOK_2026-09']);
  });

  it('deletes every data row of Log when all are old, even when the grid has no spare row', () => {
    const all = logRows(500, FROM, Date.UTC(2026, 9, 1));
    const a = inProcessArchive(all);
    const log = a.sheet('Log');
    log.deleteRows(log.getLastRow() + 1, log.getMaxRows() - log.getLastRow());
    expect(log.getMaxRows()).toBe(501);
    expect(a.run({ chunkRows: 1000 }).moved).toBe(500);
    expect(misplaced(a, all)).toEqual([]);
    expect(a.sheet('Log').getLastRow()).toBe(1);
  });

  it('archives a Log with a column of the admin\'s own on the right (the schema\'s columns go to the archive)', () => {
    const a = inProcessArchive(ROWS);
    const log = a.sheet('Log');
    log.insertColumnsAfter(11, 1);
    log.getRange(1, 12, 3, 1).setValues([['my notes'], ['call back'], ['ok']]);
    expect(a.run({ chunkRows: CHUNK }).status).toBe('done');
    expect(misplaced(a, ROWS)).toEqual([]);
  });

  it('does nothing, cheaply, when no row is old enough', () => {
    const young = logRows(200, CUTOFF, CUTOFF + 86_400_000);
    const a = inProcessArchive(young);
    const r = a.run();
    expect(r).toMatchObject({ status: 'done', moved: 0, chunks: 0 });
    expect(a.logIds().length).toBe(200);
    expect(a.world.stats().calls['ClockTriggerBuilder.create'] ?? 0).toBe(0);
    expect(a.continuations()).toEqual([]);
  });
});

describe('stopping and continuing', () => {
  // Room for two chunks of CHUNK rows within the budget (the clock is frozen, so the cost model decides).
  const budgetMs = COST_MS.runStart + 2 * chunkCostMs(CHUNK, 2) + ARCHIVE_DEFAULTS.closingReserveMs + 100;

  it('stops itself within its budget and schedules exactly one continuation, a minute later', () => {
    const a = inProcessArchive(ROWS);
    const first = a.run({ chunkRows: CHUNK, budgetMs });
    expect(first).toMatchObject({ status: 'continues', chunks: 2, moved: 2 * CHUNK });
    expect(a.state()).toMatchObject({ pending: true, inFlight: null, lease: null });
    expect(a.continuations()).toHaveLength(1);
    expect(first.elapsedMs).toBeLessThanOrEqual(budgetMs);

    // The daily trigger may fire while a continuation is pending: still one continuation, never a pile.
    a.world.clock.advance(1000);
    expect(a.run({ chunkRows: CHUNK, budgetMs }).status).toBe('continues');
    expect(a.continuations()).toHaveLength(1);

    const rest = runToEnd(a, { chunkRows: CHUNK, budgetMs });
    expect(rest.at(-1)!.status).toBe('done');
    expect(a.continuations()).toHaveLength(0);
    expect(a.state()).toMatchObject({ pending: false, removed: OLD.length });
    expect(misplaced(a, ROWS)).toEqual([]);
  });

  it('leaves a live run alone (its lease), and takes over once the lease has expired', () => {
    const a = inProcessArchive(ROWS);
    const props = PropertiesService.getScriptProperties();
    props.setProperty(ARCHIVE_STATE_PROPERTY, JSON.stringify({ ...a.state(), lease: { owner: 'another run', until: a.world.clock.now() + 60_000 } }));
    expect(a.run().status).toBe('busy');
    expect(a.logIds()).toHaveLength(ROWS.length);
    a.world.clock.advance(60_001);
    expect(a.run({ chunkRows: CHUNK }).status).toBe('done');
    expect(misplaced(a, ROWS)).toEqual([]);
  });

  it('stops when Log writers keep the lock, with the block copied, and deletes it on the next run', () => {
    const a = inProcessArchive(ROWS);
    let calls = 0;
    // The first lock (the lease) is had; the next one (the delete) is not.
    const r = a.run({ chunkRows: CHUNK, withLock: (work) => (++calls === 1 ? work() : null) });
    expect(r.status).toBe('continues');
    expect(a.state().inFlight?.phase).toBe('copied');
    expect(a.continuations()).toHaveLength(1);
    a.world.clock.advance(61_000);
    const next = runToEnd(a, { chunkRows: CHUNK });
    expect(next[0].recovered).toBe('delete');
    expect(misplaced(a, ROWS)).toEqual([]);
  });
});

describe('a run that dies', () => {
  const cases: { step: ArchiveStep; phase: string | null; recovered: string }[] = [
    { step: 'planned', phase: 'copying', recovered: 'copy' }, // before the copy
    { step: 'copied', phase: 'copied', recovered: 'delete' }, // between the copy and the delete
    { step: 'deleted', phase: 'copied', recovered: 'already-deleted' }, // after the delete, before the checkpoint
  ];
  for (const c of cases) {
    it(`at "${c.step}" leaves a checkpoint the next run finishes from, without duplicates`, () => {
      const a = inProcessArchive(ROWS);
      expect(() => a.run({ chunkRows: CHUNK, onStep: crashAt(c.step, 2) })).toThrow(`crash at ${c.step}`);
      const s = a.state();
      expect(s.inFlight?.phase ?? null).toBe(c.phase);
      expect(s.inFlight?.count).toBe(CHUNK);
      // The watchdog continuation is armed, for when a run dies without a word (the 6-minute limit).
      const watchdog = a.continuations();
      expect(watchdog).toHaveLength(1);

      a.world.clock.advance(WATCHDOG_AFTER_MS);
      const reports = runToEnd(a, { chunkRows: CHUNK });
      expect(reports[0].recovered).toBe(c.recovered);
      expect(misplaced(a, ROWS)).toEqual([]);
      expect(a.state()).toMatchObject({ inFlight: null, removed: OLD.length });
    });
  }

  it('between the writes to two archives of one chunk: the resumed copy skips what is already there', () => {
    const a = inProcessArchive(ROWS);
    const real = archiveShelf(ZONE);
    let failed = false;
    const shelf = {
      flush: () => real.flush(),
      book(month: string) {
        const b = real.book(month);
        return {
          month: b.month,
          id: b.id,
          lastRow: () => b.lastRow(),
          readRows: (start: number, n: number) => b.readRows(start, n),
          writeRows(start: number, rows: Parameters<typeof b.writeRows>[1]) {
            // The chunk holding the end of August writes August first, then September.
            if (month === '2026-09' && !failed) {
              failed = true;
              throw new Error('crash between two archives');
            }
            b.writeRows(start, rows);
          },
          schedule: () => b.schedule(),
          daily: () => b.daily(),
        };
      },
    };
    expect(() => a.run({ chunkRows: CHUNK, shelf })).toThrow('crash between two archives');
    const s = a.state();
    expect(s.inFlight?.targets.map((t) => t.month)).toEqual(['2026-08', '2026-09']);
    const reports = runToEnd(a, { chunkRows: CHUNK });
    expect(reports[0].recovered).toBe('copy');
    expect(misplaced(a, ROWS)).toEqual([]);
  });

  it('stops with a clear error, deleting nothing, when a person changed Log under a copied block', () => {
    const a = inProcessArchive(ROWS);
    expect(() => a.run({ chunkRows: CHUNK, onStep: crashAt('copied') })).toThrow();
    a.sheet('Log').deleteRow(5);
    const before = a.logIds();
    expect(() => a.run({ chunkRows: CHUNK })).toThrow(ArchiveConflict);
    expect(() => a.run({ chunkRows: CHUNK })).toThrow(/Archiving stopped: .* \/ Архивирование остановлено/);
    expect(a.logIds()).toEqual(before);
    expect(a.state().last?.status).toBe('failed');
    expect(a.continuations()).toHaveLength(0); // a person has to look: no retry loop
  });

  it('retries after a platform failure through its watchdog, but not forever', () => {
    const a = inProcessArchive(ROWS);
    const real = archiveShelf(ZONE);
    const failing = { book: (m: string) => real.book(m), flush: () => { throw new Error('Service Spreadsheets failed while accessing document'); } };
    for (let i = 1; i <= 3; i++) {
      expect(() => a.run({ chunkRows: CHUNK, shelf: failing })).toThrow(/Service Spreadsheets failed/);
      expect(a.state().last).toMatchObject({ status: 'failed', failures: i });
      expect(a.continuations()).toHaveLength(i < 3 ? 1 : 0);
      a.world.clock.advance(WATCHDOG_AFTER_MS);
    }
    // Once the platform is back, the next run (the daily one) finishes, and nothing was lost meanwhile.
    runToEnd(a, { chunkRows: CHUNK });
    expect(misplaced(a, ROWS)).toEqual([]);
  });

  it('stops at once, with no retry, when an archive workbook it knows cannot be opened', () => {
    const a = inProcessArchive(ROWS);
    PropertiesService.getScriptProperties().setProperty('ARCHIVE_WORKBOOK_2026-08', 'deleted-workbook-id');
    expect(() => a.run({ chunkRows: CHUNK })).toThrow(/archive workbook for 2026-08 \(deleted-workbook-id\) cannot be opened/);
    expect(a.continuations()).toHaveLength(0);
    expect(a.logIds()).toHaveLength(ROWS.length);
  });

  it('refuses a damaged checkpoint rather than guess, changing nothing', () => {
    const a = inProcessArchive(ROWS);
    PropertiesService.getScriptProperties().setProperty(ARCHIVE_STATE_PROPERTY, '{"v":1,"removed":');
    expect(() => a.run()).toThrow(ArchiveStateDamaged);
    expect(a.logIds()).toHaveLength(ROWS.length);
  });

  it('refuses a Log whose header is not the schema\'s', () => {
    const a = inProcessArchive(ROWS);
    a.sheet('Log').getRange(1, 4).setValue('when');
    expect(() => a.run()).toThrow(/header .* run Setup/);
    expect(a.logIds()).toHaveLength(ROWS.length);
  });

  it('whatever the moment and the sizes, every row ends in exactly one place (property)', () => {
    const steps: (ArchiveStep | null)[] = ['planned', 'copied', 'deleted', null];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 30, max: 300 }),
        fc.constantFrom(...steps),
        fc.integer({ min: 1, max: 4 }),
        (count, chunkRows, step, nth) => {
          const rows = logRows(count, FROM, TO);
          const a = inProcessArchive(rows);
          try {
            a.run({ chunkRows, onStep: step ? crashAt(step, nth) : undefined });
          } catch (e) {
            if (!(e instanceof Error) || !e.message.startsWith('crash at')) throw e;
          }
          a.world.clock.advance(WATCHDOG_AFTER_MS);
          runToEnd(a, { chunkRows });
          expect(misplaced(a, rows)).toEqual([]);
          expect(a.state().removed).toBe(rows.filter((r) => r.received_at < CUTOFF).length);
        },
      ),
      { numRuns: 40 },
    );
  });
});
