// A SpreadsheetApp running in-process against a MemoryWorkbookStore, for conformance tests.
// Host calls go through structuredClone both ways, as they do between an execution thread and the host,
// so a host method that leaks model arrays or returns something unclonable fails here too.
import { Clock } from '../../../emulator/clock.ts';
import { createDirectContext } from '../../../emulator/runtime/direct.ts';
import type { ExecutionInfo } from '../../../emulator/runtime/contracts.ts';
import type { HostDeps, HostService, HostServices } from '../../../emulator/host/deps.ts';
import { createSheetsHost } from '../../../emulator/host/sheets.ts';
import { createUiHost } from '../../../emulator/host/ui.ts';
import { MemoryWorkbookStore } from '../../../emulator/model/memory-store.ts';
import { createSpreadsheetApp } from '../../../emulator/gas/spreadsheet-app.ts';

export interface HostCallRecord {
  service: string;
  method: string;
}

function crossingBoundary(name: string, service: HostService, calls: HostCallRecord[]): HostService {
  const wrapped: HostService = {};
  for (const [method, fn] of Object.entries(service)) {
    wrapped[method] = (exec, ...args) => {
      calls.push({ service: name, method });
      return structuredClone(fn(exec, ...structuredClone(args)));
    };
  }
  return wrapped;
}

export function spreadsheetHarness(opts: { timeZone?: string; exec?: Partial<ExecutionInfo> } = {}) {
  const store = new MemoryWorkbookStore(opts.timeZone);
  const clock = new Clock();
  clock.set(Date.UTC(2026, 10, 24, 7, 0, 0), { frozen: true });
  const deps: HostDeps = {
    clock,
    workbooks: store,
    dataDir: '/nonexistent',
    bundleDir: 'dist/appsscript',
    ownerEmail: 'owner@example.com',
    mailbox: [],
    fetches: [],
    webAppUrl: 'http://127.0.0.1:8080/exec',
  };
  const hostCalls: HostCallRecord[] = [];
  const host: HostServices = {
    sheets: crossingBoundary('sheets', createSheetsHost(deps), hostCalls),
    ui: crossingBoundary('ui', createUiHost(deps), hostCalls),
  };
  const execution = (exec: Partial<ExecutionInfo> = {}) => {
    const ctx = createDirectContext(host, { exec: { ...opts.exec, ...exec }, clock });
    return { ctx, app: createSpreadsheetApp(ctx), meter: ctx.meter };
  };
  const main = execution();
  return { store, deps, clock, host, hostCalls, execution, ...main };
}
