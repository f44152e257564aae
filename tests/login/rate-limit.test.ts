import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asLockoutState, asWindowState, hit, LOGIN_LIMITS, lockoutStatus, recordFailure, type WindowState } from '../../appsscript/src/domain/rate-limit.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0);

describe('hit (sliding window)', () => {
  it('allows `limit` hits, then refuses until the oldest leaves the window', () => {
    let state: WindowState | null = null;
    for (let i = 0; i < 5; i++) {
      const r = hit(state, T0 + i * MIN, 5, 15 * MIN);
      expect(r.allowed).toBe(true);
      expect(r.retryAfterMs).toBe(0);
      state = r.state;
    }
    const refused = hit(state, T0 + 5 * MIN, 5, 15 * MIN);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBe(10 * MIN); // the first hit (T0) leaves at T0 + 15 min
    expect(refused.state).toEqual(state); // a refused try is not recorded
    expect(hit(state, T0 + 15 * MIN - 1, 5, 15 * MIN).allowed).toBe(false);
    const later = hit(state, T0 + 15 * MIN, 5, 15 * MIN);
    expect(later.allowed).toBe(true);
    expect(later.state.hits).toEqual([T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN, T0 + 15 * MIN]);
  });

  it('never allows more than `limit` hits in any window, and keeps at most `limit` times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 * MIN }), { maxLength: 80 }), fc.integer({ min: 1, max: 10 }), (offsets, limit) => {
        const times = offsets.sort((a, b) => a - b).map((o) => T0 + o);
        const windowMs = 15 * MIN;
        let state: WindowState | null = null;
        const allowed: number[] = [];
        for (const t of times) {
          const r = hit(state, t, limit, windowMs);
          if (r.allowed) allowed.push(t);
          state = r.state;
          expect(state.hits.length).toBeLessThanOrEqual(limit);
          if (!r.allowed) expect(r.retryAfterMs).toBeGreaterThan(0);
        }
        for (const t of allowed) expect(allowed.filter((u) => u > t - windowMs && u <= t).length).toBeLessThanOrEqual(limit);
      }),
    );
  });

  it('reads unreadable cache values as no hits', () => {
    expect(asWindowState(null)).toBeNull();
    expect(asWindowState({ hits: 'x' })).toBeNull();
    expect(asWindowState({ hits: [1, 'a', null, 2] })).toEqual({ hits: [1, 2] });
  });
});

describe('lockout', () => {
  const policy = LOGIN_LIMITS.wrongCodes;

  it('locks on the 5th failure within 15 minutes, for 15 minutes', () => {
    let s = null as ReturnType<typeof recordFailure> | null;
    for (let i = 0; i < 4; i++) {
      s = recordFailure(s, T0 + i * MIN, policy);
      expect(lockoutStatus(s, T0 + i * MIN).locked).toBe(false);
    }
    s = recordFailure(s, T0 + 4 * MIN, policy);
    expect(lockoutStatus(s, T0 + 4 * MIN)).toEqual({ locked: true, retryAfterMs: 15 * MIN });
    expect(lockoutStatus(s, T0 + 19 * MIN - 1).locked).toBe(true);
    expect(lockoutStatus(s, T0 + 19 * MIN).locked).toBe(false);
    // The count starts over after a lock.
    expect(lockoutStatus(recordFailure(s, T0 + 19 * MIN, policy), T0 + 19 * MIN).locked).toBe(false);
  });

  it('forgets failures older than the window', () => {
    let s = null as ReturnType<typeof recordFailure> | null;
    for (let i = 0; i < 4; i++) s = recordFailure(s, T0 + i * MIN, policy);
    // At T0+16 min the failures of T0 and T0+1 min have left the 15-minute window: the fifth does not lock.
    s = recordFailure(s, T0 + 16 * MIN, policy);
    expect(lockoutStatus(s, T0 + 16 * MIN).locked).toBe(false);
    expect(s.failures).toEqual([T0 + 2 * MIN, T0 + 3 * MIN, T0 + 16 * MIN]);
  });

  it('reads unreadable cache values safely', () => {
    expect(asLockoutState('x')).toBeNull();
    expect(asLockoutState({ failures: [1, 'b'], lockedUntil: 'x' })).toEqual({ failures: [1], lockedUntil: 0 });
  });

  it('keeps the documented limits', () => {
    expect(LOGIN_LIMITS).toEqual({
      startPerEmail: { limit: 5, windowMs: 15 * MIN },
      startPerDevice: { limit: 10, windowMs: 15 * MIN },
      wrongCodes: { maxFailures: 5, windowMs: 15 * MIN, lockMs: 15 * MIN },
    });
  });
});
