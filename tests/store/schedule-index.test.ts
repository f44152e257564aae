// The Schedule's row index as pure functions (store/schedule-index.ts): what a row is, the claims a writer
// puts down (true before its write and after it, so a cut between the two never makes a reader miss a row),
// the rows a reader of some dates reads and the few runs it reads them in, and the cell's text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BLANK, INDEX_OFF, MAX_INDEX_CHARS, UNDATED, classOf, classOfWritten, claimAt, claimDeletion, claimWrite, decodeIndex, encodeIndex, exactIndex, fits,
  indexCellText, planRuns, rowsClaiming, stampGen, uncovered, type RowClass, type ScheduleIndex,
} from '../../appsscript/src/store/schedule-index.ts';

const ctx = { formatDate: (ms: number) => new Date(ms + 3 * 3600_000).toISOString().slice(0, 10) };
const GEN = stampGen('');
const D1 = '2026-11-24';
const D2 = '2026-11-25';
const D3 = '2026-11-26';

/** What a reader of `wanted` gets through the index, and whether every row it read fits. */
function readThrough(index: ScheduleIndex, tab: readonly RowClass[], wanted: (c: RowClass) => boolean): { rows: number[]; ok: boolean } {
  const runs = planRuns([...rowsClaiming(index, (c) => c !== BLANK && wanted(c)), { from: Math.max(2, index.lastRow), to: Infinity }], { maxGap: 3, maxRuns: 3 });
  const rows: number[] = [];
  for (const run of runs) {
    for (let row = run.from; row <= Math.min(run.to, tab.length + 5); row++) {
      const cls = tab[row - 2] ?? BLANK;
      if (!fits(index, row, cls)) return { rows, ok: false };
      if (cls !== BLANK && wanted(cls)) rows.push(row);
    }
  }
  return { rows, ok: true };
}

const truth = (tab: readonly RowClass[], wanted: (c: RowClass) => boolean) => tab.flatMap((c, i) => (c !== BLANK && wanted(c) ? [i + 2] : []));

describe('classes', () => {
  it('reads a row as blank, its date (typed or a Date cell), or undated', () => {
    expect(classOf(['', '', '', '', '', ''], ctx)).toBe(BLANK);
    expect(classOf([' ', '', '', '', '', ''], ctx)).toBe(BLANK);
    expect(classOf([D1, 'e001', '09:00', '18:00', '', ''], ctx)).toBe(D1);
    expect(classOf(['24.11.2026', 'e001', '', '', '', 'off'], ctx)).toBe(D1);
    expect(classOf([new Date(Date.UTC(2026, 10, 23, 21)), 'e001', '', '', '', ''], ctx)).toBe(D1);
    expect(classOf(['', 'e001', '09:00', '', '', ''], ctx)).toBe(UNDATED);
    expect(classOf(['tomorrow', 'e001', '', '', '', ''], ctx)).toBe(UNDATED);
    expect(classOf(['2026-02-30', 'e001', '', '', '', ''], ctx)).toBe(UNDATED);
  });

  it('reads a row about to be written as it will read back (the apostrophe that keeps text is dropped)', () => {
    expect(classOfWritten(["'2026-11-24", "'e001", "'09:00", "'18:00", '', ''], ctx)).toBe(D1);
    expect(classOfWritten(['', '', '', '', '', ''], ctx)).toBe(BLANK);
  });

  it('fingerprints the edit mark', () => {
    expect(stampGen('')).toMatch(/^[0-9a-f]{8}$/);
    expect(stampGen('WTT edit 1')).not.toBe(stampGen('WTT edit 2'));
  });
});

describe('the cell text', () => {
  it('round-trips an index with dates, blanks, undated rows and unions, compactly', () => {
    const index = claimWrite(exactIndex([D1, D1, BLANK, UNDATED, D2, D2, D3], GEN), new Map([[8, D3], [9, BLANK]]), new Map([[8, BLANK], [9, D1]]));
    const text = encodeIndex(index);
    expect(text).toBe(`WTT index v1|${GEN}|9|${D1}|0*2,_,?,1*2,_+2,_+0`);
    expect(decodeIndex(text)).toEqual(index);
  });

  it('an empty tab', () => {
    const index = exactIndex([BLANK, BLANK], GEN);
    expect(index.lastRow).toBe(1);
    expect(decodeIndex(encodeIndex(index))).toEqual(index);
  });

  it('a year of 200 people in date order is a few thousand characters', () => {
    const classes: RowClass[] = [];
    for (let d = 0; d < 365; d++) for (let p = 0; p < 200; p++) classes.push(new Date(Date.UTC(2025, 10, 24 + d)).toISOString().slice(0, 10));
    const text = encodeIndex(exactIndex(classes, GEN));
    expect(text.length).toBeLessThan(4_000);
    expect(decodeIndex(text)?.lastRow).toBe(73_001);
  });

  it('refuses anything it did not write: every reader then reads the whole tab', () => {
    const good = encodeIndex(exactIndex([D1, D2], GEN));
    for (const bad of ['', 'hello', INDEX_OFF, good.replace('|3|', '|4|'), good.replace('|3|', '|2|'), good.replace(GEN, 'zz'), `${good},x`, good.replace(/\|[^|]*$/, '|0,1,abc')]) {
      expect(decodeIndex(bad), bad).toBeNull();
    }
  });

  it('switches itself off rather than overflow its cell', () => {
    // Every other row a new date: no two neighbours share a claim.
    const classes = Array.from({ length: 16_000 }, (_, i) => (i % 2 ? BLANK : new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10)));
    const index = exactIndex(classes, GEN);
    expect(encodeIndex(index).length).toBeGreaterThan(MAX_INDEX_CHARS);
    expect(indexCellText(index)).toBe(INDEX_OFF);
  });
});

describe('reading through the index', () => {
  const tab = [D1, D1, D1, D2, D2, UNDATED, D3, BLANK, D1];

  it('gives the rows of a date as intervals, undated rows when asked', () => {
    const index = exactIndex(tab, GEN);
    expect(rowsClaiming(index, (c) => c === D1)).toEqual([{ from: 2, to: 4 }, { from: 10, to: 10 }]);
    expect(rowsClaiming(index, (c) => c === D2 || c === UNDATED)).toEqual([{ from: 5, to: 7 }]);
    expect(claimAt(index, 1000)).toEqual([BLANK]);
  });

  it('merges close runs and keeps at most a few reads, joining the closest', () => {
    expect(planRuns([{ from: 10, to: 20 }, { from: 2, to: 5 }, { from: 22, to: 30 }], { maxGap: 1, maxRuns: 5 })).toEqual([{ from: 2, to: 5 }, { from: 10, to: 30 }]);
    expect(planRuns([{ from: 2, to: 3 }, { from: 100, to: 110 }, { from: 120, to: 130 }, { from: 1000, to: Infinity }], { maxGap: 0, maxRuns: 3 })).toEqual([
      { from: 2, to: 3 },
      { from: 100, to: 130 },
      { from: 1000, to: Infinity },
    ]);
    expect(planRuns([{ from: 2, to: 3 }, { from: 100, to: 110 }, { from: 120, to: 130 }, { from: 1000, to: Infinity }], { maxGap: 0, maxRuns: 2 })).toEqual([
      { from: 2, to: 130 },
      { from: 1000, to: Infinity },
    ]);
    expect(planRuns([{ from: 5, to: 8 }, { from: 6, to: 7 }], { maxGap: 0, maxRuns: 1 })).toEqual([{ from: 5, to: 8 }]);
  });

  it('says which rows of a span were not read', () => {
    expect(uncovered([{ from: 2, to: 5 }, { from: 9, to: Infinity }], 3, 20)).toEqual([{ from: 6, to: 8 }]);
    expect(uncovered([{ from: 2, to: 5 }], 7, Infinity)).toEqual([{ from: 7, to: Infinity }]);
    expect(uncovered([{ from: 2, to: Infinity }], 7, Infinity)).toEqual([]);
  });

  it('a reader through an exact index gets exactly the rows of its dates; a row that moved is caught', () => {
    const index = exactIndex(tab, GEN);
    expect(readThrough(index, tab, (c) => c === D1)).toEqual({ rows: [2, 3, 4, 10], ok: true });
    // A row added by hand below the last row the index covers.
    expect(readThrough(index, [...tab, D3], (c) => c === D1).ok).toBe(false);
    // A row deleted by hand above the rows read: they moved up.
    expect(readThrough(index, tab.slice(1), (c) => c === D2).ok).toBe(false);
    // A date changed by hand in a row read.
    expect(readThrough(index, tab.map((c, i) => (i === 3 ? D3 : c)), (c) => c === D2).ok).toBe(false);
  });
});

describe('claims', () => {
  it('a writer’s claim is true before its write and after it', () => {
    const before = exactIndex(tab3(), GEN);
    // Row 3 (D1) is cleared, row 6 (blank) gets D3, row 8 (below the last) gets D2.
    const known = new Map<number, RowClass>([[2, D1], [3, D1], [4, D2], [5, D2], [6, BLANK], [7, D2], [8, BLANK]]);
    const written = new Map<number, RowClass>([[3, BLANK], [4, D2], [5, D2], [6, D3], [7, D2], [8, D2]]);
    const claim = claimWrite(before, known, written);
    const after = tab3().map((c, i) => written.get(i + 2) ?? c);
    while (after.length < 7) after.push(BLANK);
    after[6] = D2;
    for (const state of [tab3(), after]) {
      for (const d of [D1, D2, D3]) expect(readThrough(claim, state, (c) => c === d)).toEqual({ rows: truth(state, (c) => c === d), ok: true });
    }
    expect(claim.lastRow).toBe(8);
  });

  it('refuses to claim a row it did not read', () => {
    expect(() => claimWrite(exactIndex([D1], GEN), new Map(), new Map([[2, D2]]))).toThrow(/without having been read/);
  });

  it('a deletion of blank rows at the top is claimed both ways while it happens', () => {
    const tab = [BLANK, BLANK, BLANK, D1, D2, D2, D3];
    const claim = claimDeletion(tab, 2, 3, GEN);
    for (const state of [tab, tab.slice(3)]) {
      for (const d of [D1, D2, D3]) expect(readThrough(claim, state, (c) => c === d)).toEqual({ rows: truth(state, (c) => c === d), ok: true });
    }
  });

  it('property: whatever the tab and the write, a claim leads no reader to miss a row, before or after', () => {
    const cls = fc.constantFrom(BLANK, UNDATED, D1, D2, D3);
    fc.assert(
      fc.property(fc.array(cls, { maxLength: 25 }), fc.array(fc.tuple(fc.nat(30), cls), { maxLength: 8 }), fc.constantFrom(D1, D2, D3), (tab, writes, want) => {
        const index = exactIndex(tab, GEN);
        const written = new Map(writes.map(([i, c]) => [i + 2, c] as [number, RowClass]));
        const known = new Map<number, RowClass>();
        for (const row of written.keys()) known.set(row, tab[row - 2] ?? BLANK);
        const claim = decodeIndex(encodeIndex(claimWrite(index, known, written))) as ScheduleIndex;
        const after = [...tab];
        for (const [row, c] of written) {
          while (after.length < row - 1) after.push(BLANK);
          after[row - 2] = c;
        }
        for (const state of [tab, after]) {
          const got = readThrough(claim, state, (c) => c === want);
          expect(got).toEqual({ rows: truth(state, (c) => c === want), ok: true });
        }
      }),
      { numRuns: 300 },
    );
  });
});

function tab3(): RowClass[] {
  return [D1, D1, D2, D2, BLANK, D2];
}
