// Messages between the pool (main thread) and an execution thread.
import type { ExecutionInfo, ExecutionStats } from './contracts.ts';
import type { SerializedResult } from './sandbox.ts';

export interface RunRequest {
  type: 'run';
  exec: ExecutionInfo;
  fn: string;
  args: unknown[];
  bundleDir: string;
  limitMs?: number;
  /** Fault injection: end the execution after this many service calls. */
  stopAfterCalls?: number;
}

export interface RunResponse {
  type: 'done';
  result?: SerializedResult;
  error?: { name: string; message: string; stack?: string };
  logs: { level: string; message: string }[];
  stats: ExecutionStats;
}
