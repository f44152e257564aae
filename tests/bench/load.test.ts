// Smoke test of `npm run bench -- load` on a handful of clients (spawns dist/emulator/server.js).
import { describe, expect, it } from 'vitest';
import { runLoadBench, type PhaseFigures } from '../../bench/load.ts';
import { reportProblem } from '../../bench/lib/report.ts';

describe('load bench', () => {
  it('signs clients in, syncs their batches against the server and finds every acknowledged entry once', async () => {
    const o = { clients: 5, batches: 2, entriesPerBatch: 3, loginDeadlineMs: 60_000, syncDeadlineMs: 60_000, thinkMs: 10 };
    const report = await runLoadBench(o);
    expect(reportProblem(report)).toBe('');
    const data = report.data as {
      verdict: string;
      attempts: Record<string, number>;
      entries: { recorded: number; acknowledged: number; pending: number; logRows: number };
      serverSide: { executions: number };
      serverExit: number | null;
    };
    expect(data.verdict).toBe('pass');
    expect(data.entries).toMatchObject({ recorded: 30, acknowledged: 30, pending: 0 });
    expect(data.entries.logRows).toBeGreaterThanOrEqual(30);
    expect(data.attempts.sync).toBeGreaterThanOrEqual(o.clients * o.batches);
    expect(data.attempts['login.start']).toBeGreaterThanOrEqual(o.clients);
    expect(data.serverSide.executions).toBeGreaterThanOrEqual(o.clients * o.batches);
    expect(data.serverExit).toBe(0);
  });

  it('runs the sync phase again with leads\' floor dashboards polling, and compares the two', async () => {
    const o = { clients: 4, batches: 2, entriesPerBatch: 3, loginDeadlineMs: 60_000, syncDeadlineMs: 60_000, thinkMs: 10, dashboards: 2, dashboardPollMs: 300 };
    const report = await runLoadBench(o);
    expect(reportProblem(report)).toBe('');
    const data = report.data as { verdict: string; entries: { recorded: number; acknowledged: number }; phases: PhaseFigures[]; dashboardErrors: string[] };
    expect(data.verdict).toBe('pass');
    // Each of the three phases (alone, with the dashboards, alone again) sends every client's batches.
    expect(data.entries).toMatchObject({ recorded: 72, acknowledged: 72 });
    expect(data.phases.map((p) => p.dashboards)).toEqual([0, 2, 0]);
    expect(data.phases[0].polls + data.phases[2].polls).toBe(0);
    expect(data.phases[1].polls).toBeGreaterThanOrEqual(2);
    expect(data.phases[1].pollProjectedP50).toBeGreaterThan(800);
    expect(data.phases.every((p) => p.syncAnswered >= o.clients * o.batches)).toBe(true);
    expect(data.dashboardErrors).toEqual([]);
    expect(report.tables).toHaveLength(2);
  });
});
