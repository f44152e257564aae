// The archive end to end, in the local runtime with its 6-minute limit: real executions of the bundled
// code, the continuation triggers fired by the runtime's scheduler, and a Log of half a million rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../emulator/model/types.ts';
import type { ExecutionStats } from '../../emulator/runtime/contracts.ts';
import { EXECUTION_LIMIT_MS, TIME_LIMIT_MESSAGE } from '../../emulator/runtime/meter.ts';
import { WATCHDOG_AFTER_MS } from '../../appsscript/src/domain/archive-plan.ts';
import type { ArchiveReport } from '../../appsscript/src/services/archive.ts';
import { buildArchiveBundle } from './fixtures/bundle.ts';
import { openArchiveWorld, prefillLog, type ArchiveWorld } from './fixtures/runtime-world.ts';
import { cutoffFor, logRows, monthOf, TRICKY_COMMENTS } from './fixtures/log-rows.ts';

const NOW = Date.UTC(2026, 10, 24, 6, 0); // 09:00 in Moscow
const RETENTION_DAYS = 35; // the default
const CUTOFF = cutoffFor(NOW, RETENTION_DAYS); // 2026-10-20 00:00 Moscow
const FROM = Date.UTC(2026, 6, 20);
const TO = Date.UTC(2026, 10, 23, 12);

let bundleDir: string;
beforeAll(async () => {
  bundleDir = await buildArchiveBundle();
});

const cellTime = (v: CellValue) => (v instanceof Date ? v.getTime() : NaN);

/** Every entry id in Log and in the archives, how often, and whether each row sits where it belongs. */
function census(world: ArchiveWorld) {
  const seen = new Map<string, number>();
  const count = (id: CellValue) => seen.set(String(id), (seen.get(String(id)) ?? 0) + 1);
  const log = world.sheet('WorkTimeTracker', 'Log').rows.slice(1);
  log.forEach((r) => count(r[0]));
  const misplaced: string[] = [];
  const archives = world.archiveWorkbooks();
  for (const a of archives) {
    expect(a.rows[0]).toEqual(['entry_id', 'employee_id', 'status', 'at', 'client_at', 'received_at', 'device_id', 'seq', 'source', 'offline', 'comment']);
    const month = a.name.slice('WTT Archive '.length);
    for (const r of a.rows.slice(1)) {
      count(r[0]);
      if (monthOf(cellTime(r[3])) !== month || !(cellTime(r[5]) < CUTOFF)) misplaced.push(String(r[0]));
    }
  }
  const youngInLog = log.filter((r) => cellTime(r[5]) >= CUTOFF).length;
  return { seen, logRows: log.length, youngInLog, misplaced, archives };
}

function expectEveryRowOnce(world: ArchiveWorld, expectedIds: readonly string[]) {
  const c = census(world);
  const twice = [...c.seen].filter(([, n]) => n > 1).map(([id]) => id);
  const missing = expectedIds.filter((id) => !c.seen.has(id));
  expect(twice).toEqual([]);
  expect(missing).toEqual([]);
  expect(c.seen.size).toBe(expectedIds.length);
  expect(c.misplaced).toEqual([]);
  expect(c.youngInLog).toBe(c.logRows); // only rows inside the retention window are left in Log
  return c;
}

/** Runs the continuations as the runtime's scheduler fires them, until the checkpoint says done. */
async function continueUntilDone(world: ArchiveWorld, firstWaitMs: number): Promise<ExecutionStats[]> {
  const runs: ExecutionStats[] = [];
  let wait = firstWaitMs;
  for (let i = 0; i < 20; i++) {
    const c = world.checkpoint();
    if (c && !c.pending && c.inFlight === null && c.lease === null && world.pendingContinuations() === 0) return runs;
    runs.push(...(await world.fireDue(wait)));
    wait = 61_000;
  }
  throw new Error('the archive did not finish in 20 continuations');
}

describe('archive of a 500,000-row Log under the 6-minute limit', () => {
  const rows = logRows(500_000, FROM, TO);
  const ids = rows.map((r) => r.entry_id);
  const old = rows.filter((r) => r.received_at < CUTOFF);
  let world: ArchiveWorld;

  beforeAll(async () => {
    world = await openArchiveWorld(bundleDir, NOW);
    prefillLog(world, rows);
  }, 120_000);
  afterAll(() => world?.close());

  it('completes through its continuations, each run under 6 minutes, every row in exactly one place', async () => {
    const first = await world.run('archive');
    expect(first.error).toBeUndefined();
    const report = JSON.parse((first.result as { json: string }).json) as ArchiveReport;
    // Moving these rows costs more than one execution may take: the run had to stop itself.
    expect(report.status).toBe('continues');
    expect(world.pendingContinuations()).toBe(1);

    const runs = [first.stats, ...(await continueUntilDone(world, 61_000))];
    for (const s of runs) {
      expect(s.error).toBeUndefined();
      expect(s.projectedMs).toBeLessThan(EXECUTION_LIMIT_MS);
    }
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.slice(1).every((s) => s.fn === 'archiveContinue')).toBe(true);
    // Together the runs did far more than 6 minutes of work: without the self-stop one would have been killed.
    expect(runs.reduce((t, s) => t + s.projectedMs, 0)).toBeGreaterThan(EXECUTION_LIMIT_MS);

    const c = expectEveryRowOnce(world, ids);
    expect(c.logRows).toBe(rows.length - old.length);
    expect(c.archives.map((a) => a.name).sort()).toEqual(['WTT Archive 2026-07', 'WTT Archive 2026-08', 'WTT Archive 2026-09', 'WTT Archive 2026-10']);
    expect(world.checkpoint()!.removed).toBe(old.length);

    // Big chunks: per chunk one read, one deleteRows; never a call per row.
    const deletes = runs.reduce((t, s) => t + (s.calls['Sheet.deleteRows'] ?? 0), 0);
    expect(deletes).toBeLessThanOrEqual(Math.ceil(old.length / 10_000) + 1);
    for (const s of runs) expect(s.totalCalls).toBeLessThan(1_000);

    // Values come back as they went in: instants as Dates, user text as text (never a formula or number).
    const archived = world.archiveWorkbooks().flatMap((a) => a.rows.slice(1));
    const byId = new Map(archived.map((r) => [String(r[0]), r]));
    const sample = old.filter((r) => r.comment !== '').slice(0, TRICKY_COMMENTS.length);
    expect(sample.length).toBe(TRICKY_COMMENTS.length);
    for (const r of sample) {
      const got = byId.get(r.entry_id)!;
      expect(got[10]).toBe(r.comment);
      expect(cellTime(got[3])).toBe(r.at);
      expect(got[9]).toBe(r.offline);
      expect(got[7]).toBe(r.seq);
    }
  }, 240_000);

  it('a run when nothing is old enough changes nothing and leaves no trigger behind', async () => {
    const before = census(world);
    const out = await world.run('archive');
    expect(out.error).toBeUndefined();
    expect(JSON.parse((out.result as { json: string }).json).status).toBe('done');
    expect(census(world).logRows).toBe(before.logRows);
    expect(world.pendingContinuations()).toBe(0);
    expect(out.stats.projectedMs).toBeLessThan(10_000);
  });
});

describe('a run killed by the 6-minute limit', () => {
  // Everything old: more work than one execution can do.
  const rows = logRows(340_000, Date.UTC(2026, 7, 25), Date.UTC(2026, 9, 15));
  const ids = rows.map((r) => r.entry_id);
  let world: ArchiveWorld;

  beforeAll(async () => {
    world = await openArchiveWorld(bundleDir, NOW);
    prefillLog(world, rows);
  }, 120_000);
  afterAll(() => world?.close());

  it('is picked up by its watchdog continuation, which finishes with nothing lost or doubled', async () => {
    const killed = await world.run('archiveWithoutSelfStop');
    expect(killed.error?.message).toBe(TIME_LIMIT_MESSAGE);
    // The checkpoint shows a block in flight or a lease, and the watchdog is armed.
    expect(world.checkpoint()!.lease).not.toBeNull();
    expect(world.pendingContinuations()).toBe(1);

    // Nothing fires while the dead run's lease could still be alive...
    expect(await world.fireDue(60_000)).toEqual([]);
    // ...then the watchdog does, and the continuations finish the job.
    const runs = await continueUntilDone(world, WATCHDOG_AFTER_MS);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    for (const s of runs) {
      expect(s.error).toBeUndefined();
      expect(s.projectedMs).toBeLessThan(EXECUTION_LIMIT_MS);
    }
    const c = expectEveryRowOnce(world, ids);
    expect(c.logRows).toBe(0);
    expect(c.archives.map((a) => a.name).sort()).toEqual(['WTT Archive 2026-08', 'WTT Archive 2026-09', 'WTT Archive 2026-10']);
  }, 240_000);
});
