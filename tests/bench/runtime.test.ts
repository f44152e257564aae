// Smoke test of `npm run bench -- runtime` on tiny inputs (needs the built runtime: dist/emulator).
import { describe, expect, it } from 'vitest';
import { runRuntimeBench } from '../../bench/runtime.ts';
import { reportProblem } from '../../bench/lib/report.ts';

describe('runtime bench', () => {
  it('runs trivial executions and host-call loops and reports them', async () => {
    const report = await runRuntimeBench({ executions: 8, parallelism: [1, 3], hostCalls: 150, repeats: 1 });
    expect(reportProblem(report)).toBe('');
    const data = report.data as { doGet: { parallel: number; executions: number; perSecond: number; projectedMs: number }[]; roundTrip: Record<string, { calls: number; us: number }> };
    expect(data.doGet.map((d) => d.parallel)).toEqual([1, 3]);
    for (const d of data.doGet) {
      expect(d.executions).toBe(8);
      expect(d.perSecond).toBeGreaterThan(0);
      // A trivial doGet touches no workbook: the model charges the start-up and a ContentService call only.
      expect(d.projectedMs).toBeGreaterThanOrEqual(800);
      expect(d.projectedMs).toBeLessThan(900);
    }
    expect(Object.keys(data.roundTrip).sort()).toEqual(['cells', 'properties']);
    for (const r of Object.values(data.roundTrip)) expect(r.calls).toBe(150);
  });
});
