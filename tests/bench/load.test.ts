// Smoke test of `npm run bench -- load` on a handful of clients (spawns dist/emulator/server.js).
import { describe, expect, it } from 'vitest';
import { runLoadBench } from '../../bench/load.ts';
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
});
