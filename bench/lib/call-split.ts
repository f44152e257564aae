// The one definition of "sheet calls" the benchmarks report against (docs/benchmarks.md):
// a Spreadsheet service call that makes Google's backend read, write, measure or restructure the
// document — Range.getValues/setValues, Sheet.getLastRow/appendRow/insertSheet, SpreadsheetApp.flush,
// openById. Handle lookups that Apps Script answers from objects it already holds
// (getActiveSpreadsheet, getSheetByName, getRange, getNumRows, ...) are NOT sheet calls.
// The split follows the latency model's cost families, so what counts here is what costs there.
import { costFamily, type CostFamily } from '../../emulator/runtime/latency.ts';
import type { ExecutionStats } from '../../emulator/runtime/contracts.ts';

const SHEET_FAMILIES: ReadonlySet<CostFamily> = new Set<CostFamily>([
  'sheetOpen', 'sheetRead', 'sheetWrite', 'sheetMetadata', 'sheetStructure', 'sheetFlush',
]);

export function isSheetCall(method: string): boolean {
  return SHEET_FAMILIES.has(costFamily(method));
}

/** What a benchmark reports of one or more executions. */
export interface CallFigures {
  executions: number;
  calls: number;
  sheetCalls: number;
  cellsRead: number;
  cellsWritten: number;
  projectedMs: number;
  /** Sheet calls by 'Class.method', to show which ones a design makes. */
  sheetCallsByMethod: Record<string, number>;
}

export function callFigures(stats: readonly ExecutionStats[]): CallFigures {
  const out: CallFigures = { executions: 0, calls: 0, sheetCalls: 0, cellsRead: 0, cellsWritten: 0, projectedMs: 0, sheetCallsByMethod: {} };
  for (const s of stats) {
    out.executions++;
    out.calls += s.totalCalls;
    out.cellsRead += s.cellsRead;
    out.cellsWritten += s.cellsWritten;
    out.projectedMs += s.projectedMs;
    for (const [method, n] of Object.entries(s.calls)) {
      if (!isSheetCall(method)) continue;
      out.sheetCalls += n;
      out.sheetCallsByMethod[method] = (out.sheetCallsByMethod[method] ?? 0) + n;
    }
  }
  return out;
}
