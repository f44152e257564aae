// Fault injection for a writing path, at every service call: Apps Script rolls nothing back, so an execution
// may stop between any two of its service calls (time limit, quota, outage). For a path that makes C calls,
// cutAtEveryCall runs it C times in a fresh world, the Nth time stopped after its Nth call (calls 1..N take
// effect, none after; N = C is a run whose reply was lost), then makes the retry the client or the trigger
// would make, in a new execution, then runs the caller's exactly-once checks.
//
//   const tried = cutAtEveryCall({
//     build: () => office(),                       // a fresh world just before the path
//     run: (o) => syncBatch(o),                    // the path (its result and errors are ignored)
//     retry: (o) => syncBatch(o, { later: true }), // what the client does after no reply
//     check: (o) => expectExactlyOnce(o),          // every tab the path writes
//   });
//
// The in-process world (tests/helpers/gas-globals.ts) is found as `t.world`, or `t` itself.
import type { GasWorld } from '../helpers/gas-globals.ts';
import { Meter } from '../../emulator/runtime/meter.ts';

export interface CutCase<T> {
  /** A fresh world, set up to just before the path. Called once to count the calls, then once per cut. */
  build(): T;
  /** The path, as one execution. Whatever it returns or throws is ignored. */
  run(t: T): unknown;
  /** The retry (a new execution is started before it); it must succeed. */
  retry(t: T): unknown;
  /** Exactly-once checks; `cut.after` is the call the run was stopped after (cut.of = C: not stopped). */
  check(t: T, cut: CutPoint): void;
}

export interface CutPoint {
  after: number;
  of: number;
}

export function cutAtEveryCall<T extends GasWorld | { world: GasWorld }>(c: CutCase<T>): number {
  const calls = callsOf(c);
  const total = calls.length;
  if (total === 0) throw new Error('the path made no service call: nothing to cut');
  for (let after = 1; after <= total; after++) {
    const t = c.build();
    const world = worldOf(t);
    world.newExecution({}, { stopAfterCalls: after });
    try {
      c.run(t);
    } catch {
      // The execution died (or failed for another reason): its effects so far stay, as on Google.
    }
    // A path whose call count changes from run to run would make "every N" mean nothing.
    if (after < total && !world.wasCut()) throw new Error(`cut after call ${after} of ${total}: the run ended without being cut (its call count varies)`);
    world.newExecution();
    try {
      c.retry(t);
      world.newExecution();
      c.check(t, { after, of: total });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      const err = new Error(`cut after call ${after} of ${total} (${calls[after - 1]}, then ${calls[after] ?? 'none'}): ${why}`);
      if (e instanceof Error) err.stack = `${err.message}\n${e.stack ?? ''}`;
      throw err;
    }
  }
  return total;
}

/** How many service calls one uncut run of the path makes. */
export function countCalls<T extends GasWorld | { world: GasWorld }>(c: Pick<CutCase<T>, 'build' | 'run'>): number {
  return callsOf(c).length;
}

/** The service calls of one uncut run of the path, in order ('Class.method'), to name a cut in a failure. */
export function callsOf<T extends GasWorld | { world: GasWorld }>(c: Pick<CutCase<T>, 'build' | 'run'>): string[] {
  const t = c.build();
  const world = worldOf(t);
  world.newExecution();
  const calls: string[] = [];
  const count = Meter.prototype.count;
  Meter.prototype.count = function (this: Meter, method: string, cellsRead?: number, cellsWritten?: number) {
    calls.push(method);
    count.call(this, method, cellsRead, cellsWritten);
  };
  try {
    c.run(t);
  } finally {
    Meter.prototype.count = count;
  }
  if (calls.length !== world.stats().totalCalls) throw new Error(`recorded ${calls.length} calls, the meter counted ${world.stats().totalCalls}`);
  return calls;
}

function worldOf(t: GasWorld | { world: GasWorld }): GasWorld {
  return 'world' in t ? t.world : t;
}
