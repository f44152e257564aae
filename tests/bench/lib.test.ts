// The pieces the benchmarks' figures rest on: the sheet-call split, the exactly-once check, full jitter,
// percentiles, the report shape and the table printer. Pure and fast.
import { describe, expect, it } from 'vitest';
import { callFigures, isSheetCall } from '../../bench/lib/call-split.ts';
import { checkExactlyOnce } from '../../bench/lib/log-check.ts';
import { fullJitterDelay } from '../../bench/lib/load-client.ts';
import { reportProblem, type BenchReport } from '../../bench/lib/report.ts';
import { formatTable } from '../../bench/lib/table.ts';
import { percentile } from '../../bench/lib/timing.ts';
import { BENCHES } from '../../bench/benches.ts';
import type { ExecutionStats } from '../../emulator/runtime/contracts.ts';

describe('sheet calls', () => {
  it('count reads, writes, metadata and structure, not handle lookups', () => {
    for (const m of ['Range.getValues', 'Range.setValues', 'Sheet.getLastRow', 'Sheet.getMaxRows', 'Sheet.appendRow', 'Sheet.insertRowsAfter', 'SpreadsheetApp.flush', 'Sheet.getDataRange']) {
      expect(isSheetCall(m), m).toBe(true);
    }
    for (const m of ['SpreadsheetApp.getActiveSpreadsheet', 'Spreadsheet.getSheetByName', 'Sheet.getRange', 'Range.getNumRows', 'Lock.waitLock', 'Properties.getProperty', 'Cache.get']) {
      expect(isSheetCall(m), m).toBe(false);
    }
  });

  it('sum over executions', () => {
    const stats = (calls: Record<string, number>, extra: Partial<ExecutionStats> = {}): ExecutionStats => ({
      id: 'x', fn: 'doPost', kind: 'web', startedAt: 0, realMs: 1, calls,
      totalCalls: Object.values(calls).reduce((a, b) => a + b, 0), cellsRead: 10, cellsWritten: 5, projectedMs: 900, ...extra,
    });
    const f = callFigures([stats({ 'Range.getValues': 2, 'Sheet.getRange': 3 }), stats({ 'Sheet.appendRow': 4, 'Lock.tryLock': 1 })]);
    expect(f).toMatchObject({ executions: 2, calls: 10, sheetCalls: 6, cellsRead: 20, cellsWritten: 10, projectedMs: 1800 });
    expect(f.sheetCallsByMethod).toEqual({ 'Range.getValues': 2, 'Sheet.appendRow': 4 });
  });
});

describe('exactly-once check', () => {
  it('passes when each acknowledged id is in the Log once, unacknowledged extras allowed', () => {
    expect(checkExactlyOnce(['a', 'b'], ['x', 'a', 'b', 'c']).ok).toBe(true);
  });
  it('fails on a missing or a duplicated acknowledged entry', () => {
    const missing = checkExactlyOnce(['a', 'b'], ['a']);
    expect(missing).toMatchObject({ ok: false, missing: ['b'], duplicated: [] });
    const twice = checkExactlyOnce(['a', 'b'], ['a', 'b', 'a']);
    expect(twice).toMatchObject({ ok: false, missing: [], duplicated: ['a'] });
  });
  it('fails when one id was acknowledged twice', () => {
    expect(checkExactlyOnce(['a', 'a'], ['a']).ok).toBe(false);
  });
});

describe('full jitter', () => {
  it('is uniform in [0, min(cap, base * 2^attempt))', () => {
    const p = { baseMs: 100, capMs: 5000 };
    expect(fullJitterDelay(0, p, () => 0)).toBe(0);
    expect(fullJitterDelay(0, p, () => 0.999)).toBeCloseTo(99.9);
    expect(fullJitterDelay(3, p, () => 0.5)).toBe(400);
    expect(fullJitterDelay(20, p, () => 0.5)).toBe(2500);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('reports', () => {
  const good: BenchReport = { name: 'x', title: 'X', tables: [{ title: 't', columns: ['a', 'b'], rows: [['one', 1]] }], data: {} };
  it('accepts a well-formed report and names what is wrong with a bad one', () => {
    expect(reportProblem(good)).toBe('');
    expect(reportProblem({ ...good, tables: [] })).toMatch(/no table/);
    expect(reportProblem({ ...good, tables: [{ title: 't', columns: ['a'], rows: [['one', 1]] }] })).toMatch(/2 cells for 1 columns/);
    expect(reportProblem({ ...good, tables: [{ title: 't', columns: ['a'], rows: [[NaN]] }] })).toMatch(/NaN/);
  });
  it('prints aligned columns with thousands separators', () => {
    const text = formatTable({ title: 'T', columns: ['name', 'n'], rows: [['a', 1234567], ['bb', 2]], notes: ['note'] });
    expect(text.split('\n')).toEqual(['T', 'name          n', '----  ---------', 'a     1,234,567', 'bb            2', '  note']);
  });
  it('every benchmark has its own name', () => {
    const names = BENCHES.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['store', 'sync', 'load', 'runtime']));
  });
});
