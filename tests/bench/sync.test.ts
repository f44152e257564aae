// Smoke test of `npm run bench -- sync` on tiny inputs (needs the built bundle and runtime: dist/).
// It checks that each variant really does what it stands for — not how fast anything is.
import { describe, expect, it } from 'vitest';
import { runSyncBench, VARIANTS, type SyncMeasurement } from '../../bench/sync.ts';
import { reportProblem } from '../../bench/lib/report.ts';

describe('sync bench', () => {
  it('measures every variant at every Log size with well-formed figures', async () => {
    const o = { logSizes: [0, 250], entries: 8, oldBatch: 4 };
    const report = await runSyncBench(o);
    expect(reportProblem(report)).toBe('');
    const rows = report.data.measurements as SyncMeasurement[];
    expect(rows.map((r) => `${r.variant}@${r.logSize}`).sort()).toEqual(VARIANTS.flatMap((v) => o.logSizes.map((n) => `${v}@${n}`)).sort());
    for (const r of rows) {
      expect(r.accepted, r.variant).toBe(o.entries);
      expect(r.cellsWritten, r.variant).toBeGreaterThanOrEqual(o.entries * 11);
      expect(r.projectedMs, r.variant).toBeGreaterThan(800 * r.executions);
    }
    const at = (v: string, n: number) => rows.find((r) => r.variant === v && r.logSize === n)!;
    // The naive server makes one appendRow per entry; the old way sends entries / oldBatch requests.
    expect(at('naive', 250).sheetCallsByMethod['Sheet.appendRow']).toBeGreaterThanOrEqual(o.entries);
    expect(at('old', 250).executions).toBe(o.entries / o.oldBatch);
    expect(at('product', 250).executions).toBe(1);
    // Growing a full grid takes the product more sheet calls than appending into room.
    expect(at('product-grow', 250).sheetCalls).toBeGreaterThan(at('product', 250).sheetCalls);
    expect(at('product-grow', 250).sheetCallsByMethod['Sheet.insertRowsAfter']).toBe(1);
    expect(report.tables[0].rows).toHaveLength(VARIANTS.length * o.logSizes.length);
  });
});
