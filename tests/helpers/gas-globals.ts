// Installs the emulated Apps Script globals into this test process, over an in-memory workbook, so the
// bundle's own modules (appsscript/src/**) can be tested directly. One execution context per install;
// concurrency is tested through the real runtime instead (tests/emulator/runtime.test.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../../emulator/clock.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import { createHost } from '../../emulator/host/index.ts';
import type { HostDeps } from '../../emulator/host/deps.ts';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import { createGlobals } from '../../emulator/gas/index.ts';
import type { ExecutionInfo } from '../../emulator/runtime/contracts.ts';

export interface GasWorld {
  clock: Clock;
  store: MemoryWorkbookStore;
  deps: HostDeps;
  /** Counts of the current context (reset by newExecution). */
  stats(): { calls: Record<string, number>; totalCalls: number; cellsRead: number; cellsWritten: number };
  /**
   * Starts a fresh execution context (fresh meter), e.g. between two simulated requests. With
   * `stopAfterCalls`, the execution dies after that many service calls (fault injection, see Meter).
   */
  newExecution(exec?: Partial<ExecutionInfo>, o?: { stopAfterCalls?: number }): void;
  /** Whether the current execution was cut by fault injection. */
  wasCut(): boolean;
}

export function installGasGlobals(o: { timeZone?: string; clock?: Clock; exec?: Partial<ExecutionInfo> } = {}): GasWorld {
  const clock = o.clock ?? new Clock();
  const store = new MemoryWorkbookStore(o.timeZone ?? 'Europe/Moscow');
  const deps: HostDeps = {
    clock,
    workbooks: store,
    dataDir: mkdtempSync(join(tmpdir(), 'wtt-gas-')),
    bundleDir: join(process.cwd(), 'dist', 'appsscript'),
    ownerEmail: 'owner@example.com',
    mailbox: [],
    fetches: [],
    webAppUrl: 'http://127.0.0.1:8080/exec',
  };
  const host = createHost(deps, () => Promise.reject(new Error('no executions in-process')));
  let ctx = createDirectContext(host.services, { exec: o.exec, clock });
  const install = () => {
    const g = globalThis as Record<string, unknown>;
    for (const [name, value] of Object.entries(createGlobals(ctx))) {
      if (name !== 'console') g[name] = value;
    }
  };
  install();
  return {
    clock,
    store,
    deps,
    stats: () => ({ calls: { ...ctx.meter.calls }, totalCalls: ctx.meter.totalCalls, cellsRead: ctx.meter.cellsRead, cellsWritten: ctx.meter.cellsWritten }),
    newExecution: (exec, run) => {
      host.endExecution(ctx.exec);
      ctx = createDirectContext(host.services, { exec: { ...o.exec, ...exec }, clock, stopAfterCalls: run?.stopAfterCalls });
      install();
    },
    wasCut: () => ctx.meter.cut,
  };
}
