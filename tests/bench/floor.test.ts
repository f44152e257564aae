// Smoke test of `npm run bench -- floor` on a small team (needs the built bundle: dist/). It checks that the
// scenario is what it says (people on the board, some of them over, every case measured both ways) and
// that the figures are well formed; not how fast anything is.
import { describe, expect, it } from 'vitest';
import { FLOOR_CASES, runFloorBench, type FloorMeasurement } from '../../bench/floor.ts';
import { reportProblem } from '../../bench/lib/report.ts';

describe('floor bench', () => {
  it('measures floor.now at every Log size, and the whole-tab reads with and without the trimmed grids', async () => {
    const o = { logSizes: [0, 300], employees: 60 };
    const report = await runFloorBench(o);
    expect(reportProblem(report)).toBe('');
    const rows = report.data.measurements as FloorMeasurement[];
    expect(rows).toHaveLength(o.logSizes.length * 2 * FLOOR_CASES.length);
    const at = (logSize: number, grids: 'before' | 'after', c: (typeof FLOOR_CASES)[number]) => rows.find((r) => r.logSize === logSize && r.grids === grids && r.case === c)!;

    const warm = at(300, 'after', 'floor.now lead, cache warm');
    expect(warm.rows).toBeGreaterThan(40);
    expect(warm.over).toBeGreaterThan(0);
    expect(warm.sheetCalls).toBeLessThanOrEqual(3);
    expect(at(0, 'after', 'floor.now lead, cache warm')).toMatchObject({ sheetCalls: warm.sheetCalls, cellsRead: warm.cellsRead });
    expect(at(300, 'after', 'floor.now lead, reference re-read').cellsRead).toBeGreaterThan(warm.cellsRead);
    // The trimmed grids read less on every path that reads tabs whole, with no more calls.
    for (const c of FLOOR_CASES) {
      expect(at(300, 'after', c).cellsRead, c).toBeLessThan(at(300, 'before', c).cellsRead);
      expect(at(300, 'after', c).sheetCalls, c).toBeLessThanOrEqual(at(300, 'before', c).sheetCalls);
    }
    expect(report.tables[1].rows).toHaveLength(FLOOR_CASES.length);
  });
});
