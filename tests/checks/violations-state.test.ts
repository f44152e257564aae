// The index of written violations kept in Settings (services/violations.ts): pruned to yesterday and today,
// and split over several keys when it outgrows one cell (50,000 characters), without leaving stale pieces.
import { describe, expect, it } from 'vitest';
import { emptyState, pruneState, readState, stateSettings, STATE_PIECE_CHARS, type CheckState } from '../../appsscript/src/services/violations.ts';

function bigState(n: number): CheckState {
  const s = emptyState();
  s.days['2026-11-24'] = { v: {}, n: [] };
  for (let i = 0; i < n; i++) s.days['2026-11-24'].v[`V-20261124-${i.toString(36).padStart(11, '0')}`] = [i + 2, (i % 2) as 0 | 1, i % 60, `e${i % 200}`];
  s.vrows['2026-11-24'] = 2;
  s.lrows['2026-11-24'] = 1;
  return s;
}

describe('check state in Settings', () => {
  it('round-trips a state larger than a cell through several keys, each within the limit', () => {
    const state = bigState(3000);
    const written = stateSettings(state, new Map());
    expect(written.size).toBeGreaterThan(2);
    expect([...written.values()].every((v) => v.length <= STATE_PIECE_CHARS)).toBe(true);
    expect(readState(written)).toEqual(state);
  });

  it('empties the pieces a shrinking state no longer needs', () => {
    const before = stateSettings(bigState(3000), new Map());
    const small = bigState(3);
    const after = stateSettings(small, before);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect([...after.values()].slice(1).every((v) => v === '')).toBe(true);
    expect(readState(new Map([...before, ...after]))).toEqual(small);
  });

  it('reads a missing or damaged state as empty, and keeps only yesterday and today in the index', () => {
    expect(readState(new Map())).toEqual(emptyState());
    expect(readState(new Map([['checkbreaks.state', '{not json']]))).toEqual(emptyState());
    const s = bigState(1);
    s.days['2026-11-20'] = { v: {}, n: ['x'] };
    s.lrows['2026-10-01'] = 5;
    const pruned = pruneState(s, '2026-11-25');
    expect(Object.keys(pruned.days)).toEqual(['2026-11-24']);
    expect(pruned.lrows).toEqual({ '2026-11-24': 1 });
  });
});

describe('Log checkpoints after the archive deleted rows', () => {
  it('moves checkBreaks\' checkpoint and the rollover\'s day starts up by the rows deleted', async () => {
    const { logCheckpointsAfterDelete } = await import('../../appsscript/src/services/check-breaks.ts');
    const state = emptyState();
    state.lrows = { '2026-11-23': 800, '2026-11-24': 1500 };
    const settings = new Map([['checkbreaks.log_row', '2000'], ...stateSettings(state, new Map())]);
    const updates = logCheckpointsAfterDelete(settings, 1000);
    expect(updates.get('checkbreaks.log_row')).toBe('1000');
    expect(readState(new Map([...settings, ...updates])).lrows).toEqual({ '2026-11-23': 1, '2026-11-24': 500 });
    expect(logCheckpointsAfterDelete(settings, 0).size).toBe(0);
  });
});
