// Crash safety of the durable store with real kills: a child process applies a stream of ops and reports
// each one once apply() and sync() returned; this test SIGKILLs it at random moments, and also exactly at
// each step of a compaction (the child kills itself there), then checks what is on disk: every
// acknowledged op is in the recovered state, no op is there twice, and every .xlsx opens.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { applyOp, cellAt, lastRow, newSpreadsheet } from '../../emulator/model/apply.ts';
import type { Workbooks } from '../../emulator/model/types.ts';
import { DurableWorkbookStore, type StoreEvent } from '../../emulator/store/durable-store.ts';
import { canonicalWorkbooks, firstDifference, LOG_SHEET_ID, workloadOp } from './fixtures/store-workload.ts';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'kill-store-child.ts');
const SEED = 20_240_331;
const COMPACT_BYTES = 3_000; // a compaction every dozen ops or so
const TIME_BUDGET_MS = 35_000;
const COMPACTION_STEPS: StoreEvent[] = [
  'journal-rotated',
  'snapshot-written',
  'pending-recorded',
  'base-copied',
  'renamed',
  'manifest-committed',
  'segments-dropped',
];

interface ChildRun {
  activeId: string | null;
  lastAck: number | null;
  events: string[];
  errors: string[];
  killedAt: string;
}

function runChild(file: string, start: number, opts: { dieAt?: string; killAfterMs: number }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', CHILD, file, String(SEED), String(start), String(COMPACT_BYTES)];
    if (opts.dieAt) args.push(opts.dieAt);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { activeId: null, lastAck: null, events: [], errors: [], killedAt: 'before ready' };
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    // A child that never gets ready (stuck recovery) must not hang the test.
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const [kind, a] = line.split(' ');
        if (kind === 'ready') {
          run.activeId = a;
          run.killedAt = 'running';
          if (!opts.dieAt) timer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs);
        } else if (kind === 'ack') run.lastAck = Number(a);
        else if (kind === 'event') run.events.push(a);
        else if (kind === 'error') run.errors.push(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code ?? signal}: ${stderr}`));
      else {
        if (opts.dieAt && run.events.length) run.killedAt = run.events.at(-1)!;
        resolve(run);
      }
    });
  });
}

async function opensWithExcelJs(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.length, file).toBeGreaterThan(0);
}

describe('durable store under SIGKILL', () => {
  it('loses no acknowledged op, applies none twice, and leaves files that open', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-kill-'));
    const file = path.join(dir, 'workbook.xlsx');
    const started = Date.now();
    // The state the verified ops lead to, kept by this process in parallel with the child's.
    let expected: Workbooks | null = null;
    let activeId = '';
    let applied = 0;
    const killedIn = new Map<string, number>();
    let round = 0;
    try {
      while (Date.now() - started < TIME_BUDGET_MS || round < COMPACTION_STEPS.length * 2) {
        // Alternate: kills at random moments, and kills exactly at each compaction step (during the
        // runtime's background compactions, and during the compaction that recovery itself runs).
        const step = round % 2 === 1 ? COMPACTION_STEPS[Math.floor(round / 2) % COMPACTION_STEPS.length] : undefined;
        const dieAt = step ? `${step}:${1 + (Math.floor(round / (2 * COMPACTION_STEPS.length)) % 3) * 2}` : undefined;
        const roundStarted = Date.now() - 1000;
        const run = await runChild(file, applied, { dieAt, killAfterMs: 30 + Math.floor(Math.random() * 500) });
        round++;
        killedIn.set(run.killedAt, (killedIn.get(run.killedAt) ?? 0) + 1);
        expect(run.errors).toEqual([]);

        if (!expected) {
          if (!run.activeId) continue; // killed before the first open finished: nothing to compare yet
          activeId = run.activeId;
          expected = new Map([[activeId, newSpreadsheet(activeId, 'Kill test', 'Europe/Berlin')]]);
        }
        if (run.activeId) expect(run.activeId).toBe(activeId);

        // What is on disk, exactly as the kill left it (read-only: no recovery compaction).
        const store = await DurableWorkbookStore.open({ file, timeZone: 'Europe/Berlin', name: 'Kill test', readOnly: true });
        const recovered = canonicalWorkbooks(store.list());
        // Every acknowledged op must be there; the one in flight at the kill may be too. Nothing else.
        const mustHave = run.lastAck === null ? applied : run.lastAck + 1;
        while (applied < mustHave) {
          applyOp(expected, workloadOp(SEED, applied, expected, activeId));
          applied++;
        }
        if (canonicalWorkbooks(expected.values()) !== recovered) {
          applyOp(expected, workloadOp(SEED, applied, expected, activeId));
          applied++;
        }
        const difference = firstDifference(JSON.parse(recovered), JSON.parse(canonicalWorkbooks(expected.values())));
        expect(difference, `round ${round}: ${applied} ops, killed at ${run.killedAt}`).toBe('');

        // Appends carry their op number: each appears once.
        const log = store.get(activeId)!.sheets.find((s) => s.id === LOG_SHEET_ID);
        if (log) {
          const numbers = Array.from({ length: lastRow(log) }, (_, i) => cellAt(log, i + 1, 1)).filter((v) => v !== '');
          expect(new Set(numbers).size).toBe(numbers.length);
        }
        // Every file written since the last check opens in exceljs' ordinary reader too.
        for (const name of fs.readdirSync(dir)) {
          const f = path.join(dir, name);
          if (name.endsWith('.xlsx') && !name.startsWith('.') && fs.statSync(f).mtimeMs >= roundStarted) await opensWithExcelJs(f);
        }
      }
      // The kills did land inside compactions, at every step.
      for (const step of COMPACTION_STEPS) expect(killedIn.get(step) ?? 0, step).toBeGreaterThan(0);
      expect(applied).toBeGreaterThan(100);
      console.log(`kill test: ${round} kills, ${applied} ops verified; killed at ${JSON.stringify(Object.fromEntries(killedIn))}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
