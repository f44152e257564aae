// Counts an execution's service calls and cells, and projects its time on Google.
import { projectMs } from './latency.ts';
import type { ExecutionInfo, ExecutionStats, MeterLike } from './contracts.ts';

/** Apps Script's limit for one execution. */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
export const TIME_LIMIT_MESSAGE = 'Exceeded maximum execution time';
/** Fault injection: what an execution cut after its Nth service call dies with (as a quota or outage would). */
export const CUT_MESSAGE = 'Execution stopped after its service call limit (fault injection)';

export class Meter implements MeterLike {
  readonly calls: Record<string, number> = {};
  totalCalls = 0;
  cellsRead = 0;
  cellsWritten = 0;
  waitMs = 0;
  private stopped = false;
  /** Set once the fault-injection cut has happened: the execution is dead from that call on. */
  cut = false;

  constructor(
    private readonly fail: (message: string) => never,
    private readonly limitMs = EXECUTION_LIMIT_MS,
    /** Fault injection: calls 1..N run, call N+1 and every later one fail with CUT_MESSAGE. */
    private readonly stopAfterCalls?: number,
  ) {}

  count(method: string, cellsRead = 0, cellsWritten = 0): void {
    // Counted before the call reaches the host, so a cut call has no effect at all: the execution died
    // between call N and call N+1.
    if (this.cut || (this.stopAfterCalls !== undefined && this.totalCalls >= this.stopAfterCalls)) {
      this.cut = true;
      this.fail(CUT_MESSAGE);
    }
    this.calls[method] = (this.calls[method] ?? 0) + 1;
    this.totalCalls++;
    this.cellsRead += cellsRead;
    this.cellsWritten += cellsWritten;
    this.check();
  }

  addWaitMs(ms: number): void {
    this.waitMs += ms;
    this.check();
  }

  projectedMs(): number {
    return projectMs({ calls: this.calls, cellsRead: this.cellsRead, cellsWritten: this.cellsWritten, waitMs: this.waitMs });
  }

  /** Once past the limit, every later service call fails too, as the execution is dead on Google. */
  private check(): void {
    if (this.stopped || this.projectedMs() > this.limitMs) {
      this.stopped = true;
      this.fail(TIME_LIMIT_MESSAGE);
    }
  }

  stats(exec: ExecutionInfo, startedAt: number, realMs: number, error?: string): ExecutionStats {
    return {
      id: exec.id,
      fn: exec.fn,
      kind: exec.kind,
      startedAt,
      realMs,
      calls: { ...this.calls },
      totalCalls: this.totalCalls,
      cellsRead: this.cellsRead,
      cellsWritten: this.cellsWritten,
      projectedMs: Math.round(this.projectedMs()),
      ...(error ? { error } : {}),
      ...(this.cut ? { cut: true } : {}),
    };
  }
}
