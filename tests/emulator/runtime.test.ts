// The runtime itself: executions in worker threads with only Apps Script's globals, a lock that really
// serialises them, the 30-execution limit, the 6-minute projection, and the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import type { Runtime } from '../../emulator/runtime/runtime.ts';
import { TooManyExecutionsError } from '../../emulator/runtime/pool.ts';
import { buildProbeBundle, openRuntime } from './helpers/runtime-harness.ts';

let runtime: Runtime;
const clock = new Clock();

beforeAll(async () => {
  const bundleDir = await buildProbeBundle();
  ({ runtime } = await openRuntime({ bundleDir, clock }));
});
afterAll(() => runtime?.close());

const value = async (fn: string, args: unknown[] = []) => {
  const out = await runtime.run(fn, args);
  if (out.error) throw new Error(out.error.message);
  return out.result!.kind === 'json' ? JSON.parse(out.result!.json) : out.result;
};

describe('an execution', () => {
  it('sees only Apps Script globals: no require, process, timers, fetch, DOM', async () => {
    expect(await value('globalsSeen')).toEqual([]);
  });

  it('gets its Date from the controllable clock', async () => {
    clock.set(Date.UTC(2030, 0, 2, 3, 4, 5), { frozen: true });
    expect(await value('clock')).toEqual({ now: Date.UTC(2030, 0, 2, 3, 4, 5), constructed: Date.UTC(2030, 0, 2, 3, 4, 5) });
    clock.advance(90_000);
    expect((await value('clock')).now).toBe(Date.UTC(2030, 0, 2, 3, 5, 35));
    clock.reset();
  });

  it('reads a Date cell back as a Date of its own realm (instanceof Date holds)', async () => {
    expect(await value('dateRoundTrip')).toEqual({ isDate: true, ms: Date.UTC(2026, 10, 24, 9, 30) });
  });

  it('reports an exception with its message and the accounting so far', async () => {
    const out = await runtime.run('fail');
    expect(out.error?.message).toBe('boom');
    expect(out.stats.error).toContain('boom');
  });

  it('fails for a function the bundle does not have, as Apps Script does', async () => {
    const out = await runtime.run('noSuchFunction');
    expect(out.error?.message).toBe('Script function not found: noSuchFunction');
  });
});

describe('concurrent executions', () => {
  it('interleave at service calls, so a forgotten lock loses updates', async () => {
    await value('incrementUnlocked'); // creates the Probe tab before the race
    const results = await Promise.all(Array.from({ length: 10 }, () => value('incrementUnlocked')));
    // Ten read-modify-write cycles overlapping in time: several read the same value.
    expect(new Set(results).size).toBeLessThan(10);
  });

  it('are serialised by LockService: no update is lost', async () => {
    const results: number[] = await Promise.all(Array.from({ length: 20 }, () => value('incrementLocked')));
    const sorted = [...results].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]).toBe(sorted[i - 1] + 1);
  });

  it('release their locks when they end, even when the script forgot to', async () => {
    expect(await value('takeLockAndReturn')).toBe('held');
    expect(await value('tryLockNow')).toBe(true);
  });

  it('are limited to 30 at once; past that a request gets a clear error', async () => {
    const holders = Array.from({ length: 30 }, () => runtime.run('hold', [1500]));
    await new Promise((r) => setTimeout(r, 200));
    await expect(runtime.run('hold', [0])).rejects.toBeInstanceOf(TooManyExecutionsError);
    await expect(runtime.run('hold', [0])).rejects.toThrow('There are too many scripts running simultaneously for this Google user account.');
    await Promise.all(holders);
    expect(await value('hold', [0])).toBe(0);
  });
});

describe('accounting', () => {
  it('counts calls and cells and projects the time on Google', async () => {
    const out = await runtime.run('dateRoundTrip');
    expect(out.stats.calls['Range.setValue']).toBe(1);
    expect(out.stats.calls['Range.getValue']).toBe(1);
    expect(out.stats.cellsWritten).toBe(1);
    expect(out.stats.cellsRead).toBe(1);
    expect(out.stats.projectedMs).toBeGreaterThan(0);
    expect(runtime.recentStats().at(-1)?.id).toBe(out.stats.id);
  });

  it('stops an execution whose projected time passes 6 minutes with Apps Script\'s error', async () => {
    const out = await runtime.run('spin');
    expect(out.error?.message).toBe('Exceeded maximum execution time');
    expect(out.stats.projectedMs).toBeGreaterThan(6 * 60 * 1000);
  });
});
