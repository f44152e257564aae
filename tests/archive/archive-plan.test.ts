// The archive's pure decisions (appsscript/src/domain/archive-plan.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ARCHIVE_DEFAULTS,
  RunBudget,
  archiveCutoff,
  chunkCostMs,
  idsFingerprint,
  initialState,
  leasedByOther,
  logTopVerdict,
  monthFinder,
  nextMonth,
  parseState,
  planBlock,
  planScheduleBlock,
  retentionDaysOf,
  rowsOfRuns,
  rowKey,
  rowsMissingFrom,
  type MonthSpan,
} from '../../appsscript/src/domain/archive-plan.ts';
import type { Cell } from '../../appsscript/src/store/port.ts';
import { logRow, monthOf, storedCells, ZONE_OFFSET_MS } from './fixtures/log-rows.ts';

const H = 3600_000;
const D = 24 * H;
/** Months of the tests' zone (UTC+3), as the gas layer would give them. */
const spanOf = (ms: number): MonthSpan => {
  const month = monthOf(ms);
  const [y, m] = month.split('-').map(Number);
  return { month, start: Date.UTC(y, m - 1, 1) - ZONE_OFFSET_MS, end: Date.UTC(y, m, 1) - ZONE_OFFSET_MS };
};
const row = (i: number, received: number) => storedCells(logRow(i, received)) as Cell[];

describe('retention_days', () => {
  it.each([
    ['', 35, false],
    ['35', 35, false],
    [' 90 ', 90, false],
    ['3', 7, true], // below the floor: rollover and checks still need the last week
    ['99999', 3650, true],
    ['abc', 35, true],
    ['7.5', 35, true],
  ])('%j -> %i days', (raw, days, warned) => {
    const r = retentionDaysOf(raw);
    expect(r.days).toBe(days);
    expect(Boolean(r.warning)).toBe(warned);
    if (r.warning) expect(r.warning).toMatch(/ \/ .*[а-я]/);
  });

  it('the cutoff is the start of the day `days` before today in the spreadsheet\'s zone', () => {
    const startOfDay = (date: string) => Date.parse(`${date}T00:00:00Z`) - ZONE_OFFSET_MS;
    // Today 2026-11-24, 35 days -> rows received before 2026-10-20 00:00 Moscow (2026-10-19 21:00 UTC) move.
    expect(archiveCutoff('2026-11-24', 35, startOfDay)).toBe(Date.UTC(2026, 9, 19, 21));
  });
});

describe('months', () => {
  it('nextMonth rolls the year', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-09')).toBe('2026-10');
    expect(() => nextMonth('2026-9')).toThrow(RangeError);
  });

  it('asks the time zone once per month met, however many rows', () => {
    let asked = 0;
    const find = monthFinder((ms) => (asked++, spanOf(ms)));
    const base = Date.UTC(2026, 7, 31, 20, 59); // 23:59 Moscow on Aug 31
    expect(find(base)).toBe('2026-08');
    expect(find(base + 60_000)).toBe('2026-09'); // midnight in Moscow
    for (let i = 0; i < 1000; i++) find(base - i * 60_000);
    expect(asked).toBe(2);
  });
});

describe('planBlock', () => {
  const cutoff = Date.UTC(2026, 9, 19, 21);
  const monthOfMs = monthFinder(spanOf);

  it('takes the top rows received before the cutoff, and stops at the first younger one', () => {
    const rows = [row(1, cutoff - 3 * D), row(2, cutoff - 2 * D), row(3, cutoff + 1), row(4, cutoff - D)];
    const plan = planBlock(rows, cutoff, monthOfMs);
    expect(plan.count).toBe(2);
    expect(plan.reachedYoungRow).toBe(true);
    expect(plan.firstId).toBe('e0000001');
    expect(plan.parts).toEqual([{ month: '2026-10', indexes: [0, 1] }]);
  });

  it('files each row by the month of its `at`, not of its arrival', () => {
    const sep30 = Date.UTC(2026, 8, 30, 22); // Oct 1 01:00 in Moscow
    const offline = row(17, sep30); // offline: happened 5 hours earlier, on Sep 30
    const rows = [row(1, sep30 - H), offline, row(2, sep30 + H)];
    expect(planBlock(rows, cutoff, monthOfMs).parts).toEqual([
      { month: '2026-09', indexes: [0, 1] },
      { month: '2026-10', indexes: [2] },
    ]);
  });

  it('carries blank and damaged rows with their neighbours: blank ones are deleted but not copied', () => {
    const damaged = row(2, 0);
    damaged[5] = 'not a date';
    damaged[3] = '';
    const blank: Cell[] = new Array(11).fill('');
    const rows = [blank, row(1, cutoff - D), damaged, row(3, cutoff + D)];
    const plan = planBlock(rows, cutoff, monthOfMs);
    expect(plan.count).toBe(3);
    expect(plan.parts).toEqual([{ month: '2026-10', indexes: [1, 2] }]);
  });

  it('moves nothing when the top row is young, or when nothing can be dated', () => {
    expect(planBlock([row(1, cutoff)], cutoff, monthOfMs).count).toBe(0);
    expect(planBlock([new Array<Cell>(11).fill('')], cutoff, monthOfMs).count).toBe(0);
    expect(planBlock([], cutoff, monthOfMs)).toMatchObject({ count: 0, reachedYoungRow: false, parts: [] });
  });
});

describe('recognising a block again', () => {
  const ids = ['a', 'b', 'c', 'd'];

  it('the fingerprint changes with any id, its order or the count', () => {
    const f = idsFingerprint(ids);
    expect(idsFingerprint([...ids])).toBe(f);
    expect(idsFingerprint(['a', 'b', 'd', 'c'])).not.toBe(f);
    expect(idsFingerprint(['a', 'b', 'c'])).not.toBe(f);
    expect(idsFingerprint(['a', 'b', 'c', 'e'])).not.toBe(f);
  });

  it('tells whether the top of Log is the block, is past it, or was changed by hand', () => {
    const block = { count: 4, firstId: 'a', fingerprint: idsFingerprint(ids) };
    expect(logTopVerdict(block, ids)).toBe('present');
    expect(logTopVerdict(block, ['e', 'f', 'g', 'h'])).toBe('gone');
    expect(logTopVerdict(block, ['e'])).toBe('gone'); // Log has fewer rows left than the block had
    expect(logTopVerdict(block, [])).toBe('gone');
    expect(logTopVerdict(block, ['a', 'c', 'd', 'e'])).toBe('changed'); // row b deleted by hand
  });

  it('a resumed copy writes only the rows the archive does not have yet', () => {
    const rows = [row(1, 0), row(2, 0), row(3, 0)];
    const existing = new Set([rowKey(rows[0]), rowKey(rows[1])]);
    expect(rowsMissingFrom(rows, existing)).toEqual([rows[2]]);
    const noId = row(4, 0);
    noId[0] = '';
    expect(rowKey(noId)).toMatch(/^row:/);
    expect(rowKey(noId)).not.toBe(rowKey(row(5, 0).map((c, i) => (i === 0 ? '' : c))));
  });
});

describe('the checkpoint', () => {
  it('reads what it wrote, and starts empty', () => {
    expect(parseState(null)).toEqual({ ok: true, state: initialState() });
    const s = { ...initialState(), removed: 20_000, pending: true, inFlight: { phase: 'copied' as const, count: 10, firstId: 'a', fingerprint: '10:00', targets: [{ month: '2026-09', workbookId: 'x', fromRow: 2, rows: 10 }] } };
    expect(parseState(JSON.stringify(s))).toEqual({ ok: true, state: s });
  });

  it.each(['{', '{"v":2}', '{"v":1,"removed":-1,"inFlight":null}', '{"v":1,"removed":0,"inFlight":{"phase":"moving"}}'])('refuses %s', (json) => {
    expect(parseState(json).ok).toBe(false);
  });

  it('a lease keeps other runs away until it expires', () => {
    const s = { ...initialState(), lease: { owner: 'A', until: 1000 } };
    expect(leasedByOther(s, 'B', 999)).toBe(true);
    expect(leasedByOther(s, 'A', 999)).toBe(false);
    expect(leasedByOther(s, 'B', 1000)).toBe(false);
  });
});

describe('time', () => {
  it('a chunk of 10,000 rows is charged about 12 seconds: about 20 fit in a run', () => {
    const ms = chunkCostMs(10_000, 1);
    expect(ms).toBeGreaterThan(12_000);
    expect(ms).toBeLessThan(14_000);
    expect(Math.floor(ARCHIVE_DEFAULTS.budgetMs / ms)).toBeGreaterThanOrEqual(19);
  });

  it('counts the clock and the cost model, and trusts the larger', () => {
    let now = 0;
    const b = new RunBudget(() => now, 10_000, 1_000);
    b.charge(3_000);
    expect(b.elapsed()).toBe(3_000);
    now = 5_000;
    expect(b.elapsed()).toBe(5_000);
    expect(b.fits(4_000)).toBe(true);
    expect(b.fits(4_001)).toBe(false);
  });

  it('never lets a run start a chunk it could not finish inside the budget (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20_000 }), { maxLength: 60 }), (chunks) => {
        const b = new RunBudget(() => 0);
        b.charge(3_000);
        for (const rows of chunks) {
          const cost = chunkCostMs(rows, 2);
          if (!b.fits(cost)) break;
          b.charge(cost);
        }
        expect(b.elapsed()).toBeLessThanOrEqual(ARCHIVE_DEFAULTS.budgetMs - ARCHIVE_DEFAULTS.closingReserveMs);
      }),
    );
  });
});

describe('the Schedule block', () => {
  const D = (n: number) => new Date(Date.UTC(2026, 8, 28 + n)).toISOString().slice(0, 10); // D(0) = 2026-09-28

  it('takes the rows dated before the cutoff, in sheet order, each month as runs of rows; never blank or unreadable rows', () => {
    const dates = [D(0), D(0), D(3), D(4), '', '?', D(10), D(1), D(2)];
    const plan = planScheduleBlock(dates, D(4));
    expect(plan).toEqual({ parts: [{ month: '2026-09', rows: [[2, 3], [9, 10]] }, { month: '2026-10', rows: [[4, 4]] }], count: 5, more: false });
    expect(rowsOfRuns(plan.parts[0].rows)).toEqual([2, 3, 9, 10]);
  });

  it('stops at the chunk size, and when the rows would lie too far apart', () => {
    const dates = Array.from({ length: 50 }, (_, i) => (i % 10 === 0 ? D(0) : D(20)));
    expect(planScheduleBlock(dates, D(5), 3)).toMatchObject({ count: 1, more: true });
    // At most twice the chunk size apart: rows 2 and 12, not 22.
    expect(planScheduleBlock(dates, D(5), 10)).toMatchObject({ count: 2, more: true });
    expect(planScheduleBlock(dates, D(5), 100)).toMatchObject({ count: 5, more: false });
  });

  it('a checkpoint with a Schedule block round-trips; a damaged one is refused; an old one without it reads as none', () => {
    const s = { ...initialState(), schedule: { phase: 'copied' as const, targets: [{ month: '2026-09', workbookId: 'abc', fromRow: 2, rows: [[5, 9]] as [number, number][] }] } };
    expect(parseState(JSON.stringify(s))).toEqual({ ok: true, state: s });
    const { schedule: _none, ...old } = initialState();
    expect(parseState(JSON.stringify(old))).toEqual({ ok: true, state: initialState() });
    expect(parseState(JSON.stringify({ ...s, schedule: { phase: 'copied', targets: [{ month: '2026-09', workbookId: 'abc', fromRow: 2, rows: [[9, 5]] }] } })).ok).toBe(false);
    expect(parseState(JSON.stringify({ ...s, schedule: { phase: 'moving', targets: [] } })).ok).toBe(false);
  });
});
