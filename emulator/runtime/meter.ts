// Counts an execution's service calls and cells, and projects its time on Google.
import { projectMs } from './latency.ts';
import type { ExecutionInfo, ExecutionStats, MeterLike } from './contracts.ts';

/** Apps Script's limit for one execution. */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
export const TIME_LIMIT_MESSAGE = 'Exceeded maximum execution time';

export class Meter implements MeterLike {
  readonly calls: Record<string, number> = {};
  totalCalls = 0;
  cellsRead = 0;
  cellsWritten = 0;
  waitMs = 0;
  private stopped = false;

  constructor(
    private readonly fail: (message: string) => never,
    private readonly limitMs = EXECUTION_LIMIT_MS,
  ) {}

  count(method: string, cellsRead = 0, cellsWritten = 0): void {
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
    };
  }
}
