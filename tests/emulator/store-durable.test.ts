// The durable workbook store: journal replay, compaction and its crash windows, torn and corrupt journals,
// outside edits (loaded, or refused while the journal holds changes), spreadsheets made with create().
// A "crash" here is a store that is simply dropped without close(); tests/emulator/kill-store.test.ts
// does the same with real SIGKILLs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyOp, cellAt, newSpreadsheet } from '../../emulator/model/apply.ts';
import type { Op, Workbooks } from '../../emulator/model/types.ts';
import {
  DurableWorkbookStore,
  JournalCorruptError,
  loadSpreadsheetFile,
  WorkbookConflictError,
  WorkbookInUseError,
  type DurableStoreOptions,
  type StoreEvent,
} from '../../emulator/store/durable-store.ts';
import { canonicalWorkbooks, firstDifference } from './fixtures/store-workload.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-durable-'));
  file = path.join(dir, 'workbook.xlsx');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const TZ = 'Europe/Berlin';
const open = (extra: Partial<DurableStoreOptions> = {}) => DurableWorkbookStore.open({ file, timeZone: TZ, name: 'WTT', ...extra });
const journalDir = () => path.join(dir, 'workbook.store', 'journal');
const journalFiles = () => (fs.existsSync(journalDir()) ? fs.readdirSync(journalDir()).map((n) => path.join(journalDir(), n)) : []);

/** Ops whose double application would show: each inserts a row at the top and writes into it. */
function appendOps(ss: string, from: number, count: number): Op[] {
  const ops: Op[] = [];
  for (let i = from; i < from + count; i++) {
    ops.push({ t: 'insertRows', ss, sheetId: 0, row: 1, count: 1 });
    ops.push({ t: 'setValues', ss, sheetId: 0, row: 1, col: 1, values: [[i, `row ${i}`, new Date(Date.UTC(2024, 9, 27, 0, i % 60))]] });
  }
  return ops;
}

/** The state `ops` lead to from a new spreadsheet with the store's id. */
function expectedState(activeId: string, ops: Op[]): Workbooks {
  const wb: Workbooks = new Map([[activeId, newSpreadsheet(activeId, 'WTT', TZ)]]);
  for (const op of ops) applyOp(wb, op);
  return wb;
}

function expectSameState(store: DurableWorkbookStore, expected: Workbooks): void {
  const difference = firstDifference(JSON.parse(canonicalWorkbooks(store.list())), JSON.parse(canonicalWorkbooks(expected.values())));
  expect(difference).toBe('');
}

async function editOutside(target: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  // As a person would in a spreadsheet program: load, change, save.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(target);
  edit(wb.worksheets[0]);
  await wb.xlsx.writeFile(target);
}

describe('opening', () => {
  it('makes a new, empty workbook file with a Google-like id when there is none, and keeps that id', async () => {
    const store = await open();
    expect(store.activeId).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(fs.existsSync(file)).toBe(true);
    expect(store.get(store.activeId)!.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    const id = store.activeId;
    await store.close();
    const again = await open({ name: 'ignored: the workbook has a name' });
    expect(again.activeId).toBe(id);
    expect(again.get(id)!.name).toBe('WTT');
    await again.close();
  });

  it('refuses a second process on the same workbook, and takes over a lock left by a dead one', async () => {
    fs.mkdirSync(path.join(dir, 'workbook.store'), { recursive: true });
    const lock = path.join(dir, 'workbook.store', 'lock');
    fs.writeFileSync(lock, String(process.ppid)); // a live process that is not this one
    await expect(open()).rejects.toMatchObject({ code: 'workbook_in_use', name: 'WorkbookInUseError' });
    await expect(open()).rejects.toBeInstanceOf(WorkbookInUseError);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.writeFileSync(lock, String(gone));
    const store = await open();
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
    await store.close();
    expect(fs.existsSync(lock)).toBe(false);
  });
});

describe('journal and replay', () => {
  it('replays what apply() journaled when the process died, exactly once, then starts an empty journal', async () => {
    const store = await open();
    const ops = [
      ...appendOps(store.activeId, 0, 10),
      { t: 'setNumberFormat', ss: store.activeId, sheetId: 0, rule: { r1: 2, c1: 3, r2: Infinity, c2: 3, format: 'yyyy-mm-dd hh:mm' } },
      { t: 'insertSheet', ss: store.activeId, sheetId: 5, name: 'Log', index: 1, rows: 100, columns: 4 },
      { t: 'setFrozenRows', ss: store.activeId, sheetId: 5, rows: 1 },
    ] as Op[];
    for (const op of ops) store.apply(op);
    store.sync();
    expect(journalFiles()).toHaveLength(1);
    // crash: no close()
    const recovered = await open();
    expectSameState(recovered, expectedState(store.activeId, ops));
    // Recovery compacted: the snapshot alone now holds it all.
    expect(journalFiles()).toEqual([]);
    expect(await loadSpreadsheetFile(file)).toEqual(recovered.get(store.activeId));
    await recovered.close();
  });

  it('ignores a torn last line (an apply() that never returned)', async () => {
    const store = await open();
    const ops = appendOps(store.activeId, 0, 3);
    for (const op of ops) store.apply(op);
    const [segment] = journalFiles();
    fs.appendFileSync(segment, '{"seq":7,"op":{"t":"setValues","ss":"x","sheetId":0,"row":1,"co');
    const recovered = await open();
    expectSameState(recovered, expectedState(store.activeId, ops));
    await recovered.close();
  });

  it('refuses a journal with a broken line in the middle, or a gap in its sequence', async () => {
    const store = await open();
    for (const op of appendOps(store.activeId, 0, 3)) store.apply(op);
    const [segment] = journalFiles();
    const lines = fs.readFileSync(segment, 'utf8').trimEnd().split('\n');
    fs.writeFileSync(segment, [lines[0], 'garbage', ...lines.slice(1)].join('\n') + '\n');
    await expect(open()).rejects.toBeInstanceOf(JournalCorruptError);
    fs.writeFileSync(segment, [lines[0], ...lines.slice(2)].join('\n') + '\n');
    await expect(open()).rejects.toMatchObject({ code: 'journal_corrupt', message: expect.stringMatching(/seq 3 after seq 1/) });
  });

  it('compacts in the background once the journal passes the threshold, while ops keep coming', async () => {
    const events: StoreEvent[] = [];
    const store = await open({ compactBytes: 2_000, trace: (e) => events.push(e) });
    events.length = 0;
    const ops = appendOps(store.activeId, 0, 300);
    let appliedDuringCompaction = 0;
    for (const [i, op] of ops.entries()) {
      store.apply(op);
      if (events.length && events.at(-1) !== 'segments-dropped') appliedDuringCompaction++;
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    store.sync();
    await store.settled();
    expect(events.filter((e) => e === 'manifest-committed').length).toBeGreaterThan(2);
    expect(appliedDuringCompaction).toBeGreaterThan(0);
    // Old segments are gone: only what came after the last compaction is left.
    expect(journalFiles().length).toBeLessThanOrEqual(2);
    const recovered = await open(); // crash, then recover
    expectSameState(recovered, expectedState(store.activeId, ops));
    await recovered.close();
  });
});

describe('a crash at each step of a compaction', () => {
  const steps: StoreEvent[] = ['journal-rotated', 'snapshot-written', 'pending-recorded', 'base-copied', 'renamed', 'manifest-committed', 'segments-dropped'];
  for (const step of steps) {
    it(`after "${step}": nothing lost, nothing applied twice`, async () => {
      let dieAt: StoreEvent | null = null;
      const store = await open({
        trace: (e) => {
          if (e === dieAt) throw new Error(`simulated crash after ${e}`);
        },
      });
      const first = appendOps(store.activeId, 0, 5);
      for (const op of first) store.apply(op);
      await store.compact(); // a snapshot with the first ops, so later replays start in the middle
      const second = appendOps(store.activeId, 5, 5);
      for (const op of second) store.apply(op);
      dieAt = step;
      await expect(store.close()).rejects.toThrow(`simulated crash after ${step}`);
      const recovered = await open();
      expectSameState(recovered, expectedState(store.activeId, [...first, ...second]));
      expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      await recovered.close();
      const again = await open();
      expectSameState(again, expectedState(store.activeId, [...first, ...second]));
      await again.close();
    });
  }
});

describe('outside edits', () => {
  it('loads a file edited between runs when no journal is pending, keeping sheet ids by name', async () => {
    const store = await open();
    store.apply({ t: 'insertSheet', ss: store.activeId, sheetId: 7, name: 'Log', index: 0, rows: 100, columns: 3 });
    store.apply({ t: 'setValues', ss: store.activeId, sheetId: 7, row: 1, col: 1, values: [['from the runtime']] });
    await store.close();
    await editOutside(file, (ws) => {
      ws.getCell('B1').value = 'typed in a spreadsheet program';
    });
    const reopened = await open();
    const log = reopened.get(store.activeId)!.sheets[0];
    expect([log.id, log.name, cellAt(log, 1, 1), cellAt(log, 1, 2)]).toEqual([7, 'Log', 'from the runtime', 'typed in a spreadsheet program']);
    reopened.apply({ t: 'setValues', ss: store.activeId, sheetId: 7, row: 2, col: 1, values: [['after']] });
    await reopened.close(); // its snapshot goes over the adopted file without a conflict
    const last = await open();
    expect(cellAt(last.get(store.activeId)!.sheets[0], 2, 1)).toBe('after');
    await last.close();
  });

  async function conflictScenario() {
    const store = await open();
    store.apply({ t: 'setValues', ss: store.activeId, sheetId: 0, row: 1, col: 1, values: [['saved before']] });
    await store.close();
    const runtime = await open();
    runtime.apply({ t: 'setValues', ss: store.activeId, sheetId: 0, row: 2, col: 1, values: [['only in the journal']] });
    runtime.sync();
    // the runtime dies; meanwhile someone edits the workbook
    await editOutside(file, (ws) => {
      ws.getCell('C1').value = 'outside edit';
    });
    const error: WorkbookConflictError = await open().then(
      () => {
        throw new Error('open() should have refused');
      },
      (e: WorkbookConflictError) => e,
    );
    return { id: store.activeId, error };
  }

  it('refuses to open when the file changed while the journal holds changes, and says how to get out', async () => {
    const { error } = await conflictScenario();
    expect(error).toBeInstanceOf(WorkbookConflictError);
    expect(error.code).toBe('workbook_conflict');
    expect(error.details.pendingOps).toBe(1);
    expect(error.details.journal).toEqual(journalFiles());
    expect(error.message).toContain(file);
    expect(error.message).toContain('keep the outside edit');
    expect(error.message).toContain(error.details.journal[0]);
    expect(error.message).toContain("keep the runtime's changes");
    expect(error.message).toContain(error.details.base!);
  });

  it('way out 1: with the journal moved aside, the outside edit is loaded', async () => {
    const { id, error } = await conflictScenario();
    const aside = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-aside-'));
    for (const j of error.details.journal) fs.renameSync(j, path.join(aside, path.basename(j)));
    const store = await open();
    const sheet = store.get(id)!.sheets[0];
    expect([cellAt(sheet, 1, 1), cellAt(sheet, 1, 3), cellAt(sheet, 2, 1)]).toEqual(['saved before', 'outside edit', '']);
    await store.close();
    fs.rmSync(aside, { recursive: true });
  });

  it("way out 2: with the runtime's last snapshot restored, the journal is replayed onto it", async () => {
    const { id, error } = await conflictScenario();
    fs.copyFileSync(error.details.base!, file);
    const store = await open();
    const sheet = store.get(id)!.sheets[0];
    expect([cellAt(sheet, 1, 1), cellAt(sheet, 1, 3), cellAt(sheet, 2, 1)]).toEqual(['saved before', '', 'only in the journal']);
    await store.close();
  });

  it('never writes a snapshot over a file changed while the runtime runs; the error surfaces', async () => {
    const errors: Error[] = [];
    const store = await open({ onBackgroundError: (e) => errors.push(e) });
    store.apply({ t: 'setValues', ss: store.activeId, sheetId: 0, row: 1, col: 1, values: [['runtime']] });
    await editOutside(file, (ws) => {
      ws.getCell('A5').value = 'edited while running';
    });
    const edited = fs.readFileSync(file);
    await expect(store.compact()).rejects.toBeInstanceOf(WorkbookConflictError);
    expect(fs.readFileSync(file).equals(edited)).toBe(true);
    // Changes are still accepted and journaled; closing reports the conflict, and so does the next open.
    store.apply({ t: 'setValues', ss: store.activeId, sheetId: 0, row: 2, col: 1, values: [['still journaled']] });
    await expect(store.close()).rejects.toMatchObject({ code: 'workbook_conflict' });
    expect(fs.readFileSync(file).equals(edited)).toBe(true);
    await expect(open()).rejects.toMatchObject({ code: 'workbook_conflict', details: { pendingOps: 2 } });
  });

  it('starts over with an empty workbook (same id) when the file was deleted and nothing is pending', async () => {
    const store = await open();
    store.apply({ t: 'setValues', ss: store.activeId, sheetId: 0, row: 1, col: 1, values: [['x']] });
    await store.close();
    fs.unlinkSync(file);
    const fresh = await open();
    expect(fresh.activeId).toBe(store.activeId);
    expect(fresh.get(store.activeId)!.sheets[0].rows).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);
    await fresh.close();
  });
});

describe('spreadsheets made with create()', () => {
  it('live in their own readable .xlsx beside the workbook, listed in the manifest, across crashes and restarts', async () => {
    const store = await open();
    const id = store.create('WTT Archive 2024/05');
    expect(id).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(store.get(id)!.name).toBe('WTT Archive 2024/05');
    expect(store.get(id)!.timeZone).toBe(TZ);
    const ops: Op[] = [{ t: 'setValues', ss: id, sheetId: 0, row: 1, col: 1, values: [['archived', new Date(Date.UTC(2024, 4, 31, 22))]] }];
    for (const op of ops) store.apply(op);
    store.sync();
    const archiveFile = store.fileOf(id)!;
    expect(path.basename(archiveFile)).toMatch(/^WTT Archive 2024_05\.[A-Za-z0-9_-]{8}\.xlsx$/);
    expect(path.dirname(archiveFile)).toBe(dir);

    const recovered = await open(); // crash before any snapshot of it
    expect(recovered.get(id)!.sheets[0].rows).toEqual(store.get(id)!.sheets[0].rows);
    await recovered.close();
    expect(fs.existsSync(archiveFile)).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'workbook.manifest.json'), 'utf8'));
    expect(manifest.spreadsheets.map((e: { id: string; name: string; file: string }) => [e.id, e.name, e.file])).toEqual([
      [store.activeId, 'WTT', 'workbook.xlsx'],
      [id, 'WTT Archive 2024/05', path.basename(archiveFile)],
    ]);
    expect(await loadSpreadsheetFile(archiveFile)).toEqual(store.get(id));
    const again = await open();
    expect(again.list().map((s) => s.id).sort()).toEqual([store.activeId, id].sort());
    await again.close();
  });

  it('opened read-only: loads and replays, writes nothing, accepts no change', async () => {
    const store = await open();
    store.apply({ t: 'setValues', ss: store.activeId, sheetId: 0, row: 1, col: 1, values: [['pending']] });
    const before = fs.readdirSync(dir, { recursive: true }).sort();
    const readOnly = await open({ readOnly: true });
    expect(cellAt(readOnly.get(store.activeId)!.sheets[0], 1, 1)).toBe('pending');
    expect(() => readOnly.apply({ t: 'renameSpreadsheet', ss: store.activeId, name: 'x' })).toThrow(/read-only/);
    await readOnly.close();
    expect(fs.readdirSync(dir, { recursive: true }).sort()).toEqual(before);
  });
});
