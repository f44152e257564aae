// `runtime`: what the local runtime itself costs on THIS machine — executions per second of a trivial
// doGet (a fresh vm context per execution, as on Apps Script), alone and with executions in parallel,
// and the round trip of one service call from an execution's thread to the host and back.
// These are wall-clock figures of this machine, unlike the projected times of the other benchmarks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Runtime } from '../emulator/runtime/runtime.ts';
import { MemoryWorkbookStore } from '../emulator/model/memory-store.ts';
import { buildFixtureBundle } from './lib/fixture-bundle.ts';
import { machineInfo, type Bench, type BenchContext, type BenchReport } from './lib/report.ts';
import { percentile, round, timed } from './lib/timing.ts';

export interface RuntimeBenchOptions {
  /** doGet executions per measurement. */
  executions: number;
  /** Executions in flight at once, one measurement each (30 is the runtime's limit). */
  parallelism: number[];
  /** Service calls in the loop that measures a round trip (5,000 property reads project to 150 s: under the 6-minute limit). */
  hostCalls: number;
  /** Repeats of each round-trip measurement (the median is reported). */
  repeats: number;
}

const SIZES: Record<BenchContext['size'], RuntimeBenchOptions> = {
  full: { executions: 600, parallelism: [1, 2, 8, 30], hostCalls: 5_000, repeats: 3 },
  smoke: { executions: 12, parallelism: [1, 4], hostCalls: 200, repeats: 1 },
};

async function runAll(n: number, parallel: number, once: () => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < n) {
      next++;
      await once();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, n) }, lane));
}

async function measureDoGet(runtime: Runtime, o: RuntimeBenchOptions) {
  const out: { parallel: number; executions: number; perSecond: number; p50Ms: number; p99Ms: number; projectedMs: number }[] = [];
  for (const parallel of o.parallelism) {
    const latencies: number[] = [];
    let projectedMs = 0;
    const once = async (record: boolean) => {
      const t = performance.now();
      const r = await runtime.run('doGet', [{ parameter: {}, parameters: {}, queryString: '', contextPath: '', contentLength: -1 }], { kind: 'web', activeUser: '' });
      if (r.error || r.result?.kind !== 'text' || r.result.content !== 'ok') throw new Error(`doGet: ${r.error?.message ?? JSON.stringify(r.result)}`);
      if (!record) return;
      latencies.push(performance.now() - t);
      projectedMs = r.stats.projectedMs;
    };
    // Unmeasured first: threads started and the bundle compiled in each, so the figure is the steady state.
    await runAll(parallel * 2, parallel, () => once(false));
    const total = await timed(() => runAll(o.executions, parallel, () => once(true)));
    out.push({ parallel, executions: o.executions, perSecond: (o.executions * 1000) / total.ms, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), projectedMs });
  }
  return out;
}

/** Microseconds per call: the execution's own time with `n` calls minus with none, over n (median of repeats). */
async function roundTripUs(runtime: Runtime, fn: string, n: number, repeats: number): Promise<{ calls: number; us: number }> {
  const realMs = async (count: number): Promise<number> => {
    const r = await runtime.run(fn, [count]);
    if (r.error) throw new Error(`${fn}: ${r.error.message}`);
    if (r.stats.totalCalls < count) throw new Error(`${fn}: ${r.stats.totalCalls} calls counted, expected at least ${count}`);
    return r.stats.realMs;
  };
  await realMs(Math.min(n, 100)); // warm the thread's compiled bundle
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const empty = await realMs(0);
    const full = await realMs(n);
    samples.push(((full - empty) * 1000) / n);
  }
  return { calls: n, us: percentile(samples, 50) };
}

export async function runRuntimeBench(o: RuntimeBenchOptions, log: (m: string) => void = () => {}): Promise<BenchReport> {
  const bundleDir = await buildFixtureBundle({
    entry: 'bench/fixtures/runtime-probe.ts',
    expose: { doGet: 'doGet', propertyReads: 'propertyReads', cellReads: 'cellReads' },
    withProduct: false,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'wtt-bench-runtime-'));
  const runtime = await Runtime.open({ workbookFile: join(dataDir, 'workbook.xlsx'), bundleDir, workbooks: new MemoryWorkbookStore() });
  try {
    log(`${o.executions} trivial doGet executions at each parallelism ${o.parallelism.join(', ')}…`);
    const doGet = await measureDoGet(runtime, o);
    log(`host round trips: ${o.hostCalls} calls per execution…`);
    const properties = await roundTripUs(runtime, 'propertyReads', o.hostCalls, o.repeats);
    const cells = await roundTripUs(runtime, 'cellReads', o.hostCalls, o.repeats);
    return {
      name: 'runtime',
      title: 'Local runtime overhead (wall time on this machine)',
      tables: [
        {
          title: 'Trivial doGet (ContentService text), one fresh vm context per execution',
          columns: ['in flight', 'executions', 'per second', 'p50 ms', 'p99 ms', 'projected on Google ms'],
          rows: doGet.map((d) => [d.parallel, d.executions, round(d.perSecond, 1), round(d.p50Ms, 2), round(d.p99Ms, 2), d.projectedMs]),
          notes: [
            'Measured on this machine after a warm-up; the last column is the latency model\'s figure for the same execution on Google.',
            'The pool keeps at most 4 idle threads (maxIdle), so above 4 in flight most executions start a new worker thread.',
          ],
        },
        {
          title: 'One service call: execution thread -> host (main thread) -> back',
          columns: ['call', 'calls per run', 'µs per call (this machine)'],
          rows: [
            ['Properties.getProperty', properties.calls, round(properties.us, 1)],
            ['Range.getValue', cells.calls, round(cells.us, 1)],
          ],
          notes: ['(run with n calls - run with none) / n, median of repeats: Atomics.wait + message + host lookup.'],
        },
      ],
      data: { options: o, doGet, roundTrip: { properties, cells }, machine: await machineInfo() },
    };
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

export const runtimeBench: Bench = {
  name: 'runtime',
  title: 'Local runtime: executions per second, host-call round trip',
  expected: 'about 15 s',
  run: (ctx) => runRuntimeBench(SIZES[ctx.size], ctx.log),
};
