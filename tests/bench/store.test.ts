// Smoke test of `npm run bench -- store` on tiny inputs: it runs and its figures are well formed.
// No timing is asserted: the figures are this machine's.
import { describe, expect, it } from 'vitest';
import { runStoreBench, storeBench } from '../../bench/store.ts';
import { reportProblem } from '../../bench/lib/report.ts';

describe('store bench', () => {
  it('saves, loads and journals, and reports every step', async () => {
    const report = await runStoreBench({ codecRows: 1_500, journalOps: 300, syncedOps: 5 });
    expect(reportProblem(report)).toBe('');
    const data = report.data as { codec: { rows: number; saveMs: number; loadMs: number; fileBytes: number }; journal: { journalOps: number; appendUsPerOp: number; syncMsPerOp: number } };
    expect(data.codec.rows).toBe(1_500);
    expect(data.codec.fileBytes).toBeGreaterThan(1_500 * 12);
    for (const ms of [data.codec.saveMs, data.codec.loadMs, data.journal.appendUsPerOp, data.journal.syncMsPerOp]) expect(ms).toBeGreaterThan(0);
    expect(report.tables[0].rows.map((r) => r[0])).toEqual(['save (writeSpreadsheetXlsx)', 'load (readSpreadsheetXlsx)']);
  });

  it('is registered with a smoke size', async () => {
    const report = await storeBench.run({ size: 'smoke', log: () => {} });
    expect(report.name).toBe('store');
    expect(reportProblem(report)).toBe('');
  });
});
