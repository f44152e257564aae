// `store`: what the durable workbook store costs on THIS machine. Saving and loading a Log-sized tab with
// the streaming .xlsx codec (what a compaction and a start-up pay), and the per-op price of the journal:
// apply + append, and apply + append + fsync (what every acknowledged write pays when an execution ends).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyOp } from '../emulator/model/apply.ts';
import type { CellValue, Op, SpreadsheetModel, Workbooks } from '../emulator/model/types.ts';
import { DurableWorkbookStore } from '../emulator/store/durable-store.ts';
import { readSpreadsheetXlsx, writeSpreadsheetXlsx } from '../emulator/store/xlsx-codec.ts';
import { machineInfo, type Bench, type BenchContext, type BenchReport } from './lib/report.ts';
import { round, timed } from './lib/timing.ts';

export interface StoreBenchOptions {
  /** Data rows of the tab saved and loaded (12 columns, below a header row). */
  codecRows: number;
  /** Ops journaled without fsync, to average the append cost. */
  journalOps: number;
  /** Ops each followed by an fsync. */
  syncedOps: number;
}

const SIZES: Record<BenchContext['size'], StoreBenchOptions> = {
  full: { codecRows: 500_000, journalOps: 20_000, syncedOps: 200 },
  smoke: { codecRows: 2_000, journalOps: 500, syncedOps: 10 },
};

const COLUMNS = 12;
const TZ = 'Europe/Berlin';

/** Rows shaped like Log rows: ids, an email, a Date, a status, numbers, a boolean, short text. */
function logLikeRows(n: number): CellValue[][] {
  const rows: CellValue[][] = new Array(n);
  const t0 = Date.UTC(2024, 0, 1);
  for (let r = 0; r < n; r++) {
    rows[r] = [`ev-${r}`, `user${r % 300}@example.com`, new Date(t0 + r * 60_000), 'break', r % 7, r * 0.25, r % 2 === 0, 'note', '', 'x', 12.5, `end-${r % 1000}`];
  }
  return rows;
}

function spreadsheetWithTab(rows: CellValue[][]): SpreadsheetModel {
  const wb: Workbooks = new Map();
  const ops: Op[] = [
    { t: 'createSpreadsheet', ss: 's', name: 'Book', timeZone: TZ },
    { t: 'insertSheet', ss: 's', sheetId: 1, name: 'Log', index: 1, rows: rows.length + 1, columns: COLUMNS },
    { t: 'setValues', ss: 's', sheetId: 1, row: 2, col: 1, values: rows },
    { t: 'setNumberFormat', ss: 's', sheetId: 1, rule: { r1: 2, c1: 3, r2: Infinity, c2: 3, format: 'yyyy-mm-dd hh:mm' } },
  ];
  for (const op of ops) applyOp(wb, op);
  return wb.get('s')!;
}

async function measureCodec(dir: string, n: number) {
  const rows = logLikeRows(n);
  const ss = spreadsheetWithTab(rows);
  const file = path.join(dir, 'codec.xlsx');
  const save = await timed(() => writeSpreadsheetXlsx(ss, file));
  const load = await timed(() => readSpreadsheetXlsx(file, { id: 's', name: 'Book', timeZone: TZ, layout: save.value, exact: true }));
  // A codec that lost or changed rows would make the timings meaningless.
  const back = load.value.sheets[1];
  if (back.rows.length !== n + 1) throw new Error(`codec: ${back.rows.length - 1} rows came back of ${n}`);
  const last = back.rows[n];
  if (JSON.stringify(last) !== JSON.stringify(rows[n - 1])) throw new Error(`codec: the last row changed: ${JSON.stringify(last)}`);
  return { rows: n, columns: COLUMNS, saveMs: save.ms, loadMs: load.ms, fileBytes: fs.statSync(file).size };
}

async function measureJournal(dir: string, journalOps: number, syncedOps: number) {
  const store = await DurableWorkbookStore.open({ file: path.join(dir, 'journal', 'workbook.xlsx'), timeZone: TZ, name: 'Bench' });
  const row = (i: number): CellValue[][] => [[`ev-${i}`, 'user@example.com', new Date(Date.UTC(2024, 0, 1) + i * 60_000), 'break', i, true]];
  const op = (i: number): Op => ({ t: 'setValues', ss: store.activeId, sheetId: 0, row: i + 1, col: 1, values: row(i) });
  try {
    const appended = await timed(() => {
      for (let i = 0; i < journalOps; i++) store.apply(op(i));
    });
    const synced = await timed(() => {
      for (let i = 0; i < syncedOps; i++) {
        store.apply(op(i));
        store.sync();
      }
    });
    return { journalOps, appendUsPerOp: (appended.ms * 1000) / journalOps, syncedOps, syncMsPerOp: synced.ms / syncedOps };
  } finally {
    await store.close();
  }
}

export async function runStoreBench(o: StoreBenchOptions, log: (m: string) => void = () => {}): Promise<BenchReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-bench-store-'));
  try {
    log(`saving and loading ${o.codecRows.toLocaleString('en-US')} x ${COLUMNS} with the streaming codec…`);
    const codec = await measureCodec(dir, o.codecRows);
    log(`journaling ${o.journalOps} ops, then ${o.syncedOps} with fsync…`);
    const journal = await measureJournal(dir, o.journalOps, o.syncedOps);
    const cells = codec.rows * codec.columns;
    return {
      name: 'store',
      title: 'Durable workbook store (wall time on this machine)',
      tables: [
        {
          title: `Streaming .xlsx codec: one tab of ${codec.rows.toLocaleString('en-US')} rows x ${codec.columns} columns`,
          columns: ['step', 'seconds', 'µs per cell', 'file MB'],
          rows: [
            ['save (writeSpreadsheetXlsx)', round(codec.saveMs / 1000, 2), round((codec.saveMs * 1000) / cells, 2), round(codec.fileBytes / 1e6, 1)],
            ['load (readSpreadsheetXlsx)', round(codec.loadMs / 1000, 2), round((codec.loadMs * 1000) / cells, 2), round(codec.fileBytes / 1e6, 1)],
          ],
          notes: ['A compaction pays the save; opening the workbook at start-up pays the load.'],
        },
        {
          title: 'Journal: cost per op (one setValues of a 6-cell row)',
          columns: ['what', 'ops', 'cost per op'],
          rows: [
            ['apply + journal append', journal.journalOps, `${round(journal.appendUsPerOp, 1)} µs`],
            ['apply + journal append + fsync', journal.syncedOps, `${round(journal.syncMsPerOp, 2)} ms`],
          ],
          notes: ['The fsync is paid once per execution that wrote (the store syncs when an execution ends), not per op.'],
        },
      ],
      data: { options: o, codec, journal, machine: await machineInfo() },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const storeBench: Bench = {
  name: 'store',
  title: 'Durable workbook store: codec and journal',
  expected: 'about 30 s',
  run: (ctx) => runStoreBench(SIZES[ctx.size], ctx.log),
};
