// Smoke test of `npm run bench -- schedule` on tiny inputs (needs the built bundle and runtime: dist/).
// It checks that each step does what it stands for — not how fast anything is.
import { describe, expect, it } from 'vitest';
import { firstFit, planDay, READ_CASES, runScheduleBench, scheduleBench, type OpFigures, type PlacementFigures, type ReadFigures } from '../../bench/schedule.ts';
import { reportProblem } from '../../bench/lib/report.ts';

describe('schedule bench', () => {
  it('imports, re-imports, reads, saves and plans at each Schedule size, and compares placements', async () => {
    const o = { people: 12, days: 5, historyDays: [0, 3], planGroups: 2, planPerGroup: 15, planCap: 3, planRuns: 1 };
    const report = await runScheduleBench(o);
    expect(reportProblem(report)).toBe('');
    const runs = report.data.runs as OpFigures[][];
    expect(runs.map((r) => r[0].historyRows)).toEqual([0, 36]);
    for (const steps of runs) {
      expect(steps.map((s) => [s.op, s.ok, s.error])).toEqual([
        ['schedule.import.commit', true, undefined],
        ['schedule.import.commit', true, undefined],
        ['schedule.import.preview', true, undefined],
        ['schedule.get', true, undefined],
        ['schedule.save', true, undefined],
        ['schedule.plan', true, undefined],
      ]);
      const [first, again, , , save, plan] = steps;
      expect(first.written).toBe(12 * 5);
      expect(first.cellsWritten).toBeGreaterThanOrEqual(12 * 5 * 6);
      expect(again.written).toBe(0);
      expect(again.cellsWritten).toBe(0);
      expect(save.written).toBe(1);
      expect(plan.written).toBeGreaterThan(0);
      for (const s of steps) expect(s.projectedMs).toBeGreaterThan(800);
    }
    // The Schedule's readers at each size: every case measured; the calls they make do not depend on the size.
    const reads = report.data.reads as ReadFigures[];
    expect(reads.map((r) => r.case)).toEqual([...READ_CASES, ...READ_CASES]);
    for (const c of READ_CASES) {
      const [small, large] = reads.filter((r) => r.case === c);
      if (!c.startsWith('the archive') && !c.includes('no index')) expect(large.sheetCalls, c).toBe(small.sheetCalls);
    }
    const [planner, naive, ideal] = report.data.placements as PlacementFigures[];
    expect(planner.minutesOverCap).toBe(0);
    expect(planner.peak).toBeLessThanOrEqual(3);
    expect(naive.minutesOverCap).toBeGreaterThan(0);
    expect(ideal.minutesOverCap).toBeGreaterThan(0);
    expect(planner.placed + planner.unplaced).toBe(30);
  });

  it('first fit puts each break at the earliest start its own shift allows', () => {
    const [shift] = planDay(1, 1)[0];
    expect(firstFit([shift])[0].breaks.map((b) => `${b.status} ${b.start}`)).toEqual(['lunch 09:00', 'break 11:00', 'break 12:15']);
  });

  it('is registered with a smoke size', async () => {
    const report = await scheduleBench.run({ size: 'smoke', log: () => {} });
    expect(report.name).toBe('schedule');
    expect(reportProblem(report)).toBe('');
  });
});
