// Durability of the whole runtime: executions write rows, the server is SIGKILLed at random moments,
// restarted, killed again... Every write whose execution returned must be there exactly once, and the
// workbook file must open at every moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { REPO_ROOT } from '../../emulator/runtime/runtime.ts';
import { buildProbeBundle } from './helpers/runtime-harness.ts';

let bundleDir: string;
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  bundleDir = await buildProbeBundle();
  dataDir = mkdtempSync(join(tmpdir(), 'wtt-kill-'));
});
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/emulator/server.js')], {
    env: { ...process.env, PORT: String(port), WTT_DATA: join(dataDir, 'workbook.xlsx'), WTT_BUNDLE_DIR: bundleDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

async function run(base: string, fn: string, args: unknown[]): Promise<any> {
  const r = await fetch(`${base}/_dev/run/${fn}`, { method: 'POST', body: JSON.stringify({ args }) });
  const body = await r.json();
  if (!body.ok) throw new Error(body.error);
  return body.value;
}

async function workbookOpens(): Promise<boolean> {
  const file = join(dataDir, 'workbook.xlsx');
  if (!existsSync(file)) return true; // nothing snapshotted yet: the journal holds everything
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.length > 0;
}

describe('the runtime killed with SIGKILL during writes', () => {
  it('loses no acknowledged write, duplicates none, and leaves a workbook that opens', async () => {
    const acked = new Set<string>();
    let next = 0;
    for (let round = 0; round < 6; round++) {
      const { child, base } = await startServer();
      let killed = false;
      const writer = async () => {
        while (!killed) {
          const key = `w-${round}-${next++}`;
          try {
            await run(base, 'appendRow', [key]);
            acked.add(key); // the reply arrived, so the execution had returned before the kill
          } catch {
            return; // connection dropped by the kill: this write was never acknowledged
          }
        }
      };
      const writers = Array.from({ length: 6 }, writer);
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 1200));
      killed = true;
      child.kill('SIGKILL');
      await Promise.allSettled(writers);
      await new Promise((r) => child.exitCode !== null || child.signalCode ? r(null) : child.once('exit', r));
      expect(await workbookOpens()).toBe(true);
    }
    const { child, base } = await startServer();
    const keys: string[] = await run(base, 'readKeys', []);
    child.kill('SIGKILL');
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    const missing = [...acked].filter((k) => !counts.has(k));
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
    expect(acked.size).toBeGreaterThan(50);
    expect(missing).toEqual([]);
    expect(duplicated).toEqual([]);
  }, 180_000);
});
