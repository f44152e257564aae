// Executions run concurrently in worker threads, at most 30 at once as on Apps Script. Every service call
// of every execution is answered here, in the main thread, by the host services: the one place that owns
// shared state, so executions interleave at service calls exactly as concurrent executions do on Google.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { answer } from './atomics-port.ts';
import { GasError, type ExecutionInfo, type HostCall, type HostReply } from './contracts.ts';
import type { RunRequest, RunResponse } from './protocol.ts';
import type { HostServices } from '../host/deps.ts';
import { EXECUTION_LIMIT_MS, TIME_LIMIT_MESSAGE } from './meter.ts';

export const MAX_SIMULTANEOUS_EXECUTIONS = 30;
/** What an execution past the limit gets: the text of Apps Script's quotas page (see docs/latency-model.md). */
export const TOO_MANY_MESSAGE = 'There are too many scripts running simultaneously for this Google user account.';

export class TooManyExecutionsError extends Error {
  readonly code = 'busy';
  constructor() {
    super(TOO_MANY_MESSAGE);
    this.name = 'TooManyExecutionsError';
  }
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  signal: SharedArrayBuffer;
  exec?: ExecutionInfo;
  settle?: (r: RunResponse) => void;
  timer?: NodeJS.Timeout;
  /** Terminated or crashed: never reused. */
  dead?: boolean;
}

export interface PoolOptions {
  workerFile: string;
  clockBuffer: SharedArrayBuffer;
  host: HostServices;
  maxConcurrent?: number;
  maxIdle?: number;
  /** This machine's wall-time limit per execution: catches loops that make no service call. */
  realTimeLimitMs?: number;
  /** Runs after every execution, before its result is handed out (release locks, make writes durable). */
  onFinish?: (exec: ExecutionInfo) => void;
}

export class ExecutionPool {
  private readonly idle: Slot[] = [];
  private busy = 0;
  private closed = false;
  private readonly maxConcurrent: number;

  constructor(private readonly o: PoolOptions) {
    this.maxConcurrent = o.maxConcurrent ?? MAX_SIMULTANEOUS_EXECUTIONS;
  }

  get running(): number {
    return this.busy;
  }

  /** Starts idle threads ahead of the first requests. */
  warm(n: number): void {
    while (this.idle.length < n) this.idle.push(this.spawn());
  }

  run(req: Omit<RunRequest, 'type'>): Promise<RunResponse> {
    if (this.closed) return Promise.reject(new Error('the runtime is shutting down'));
    if (this.busy >= this.maxConcurrent) return Promise.reject(new TooManyExecutionsError());
    this.busy++;
    const slot = this.idle.pop() ?? this.spawn();
    slot.exec = req.exec;
    return new Promise<RunResponse>((resolve) => {
      const limit = this.o.realTimeLimitMs ?? EXECUTION_LIMIT_MS;
      slot.timer = setTimeout(() => this.killOverrun(slot), limit);
      slot.settle = (r) => {
        clearTimeout(slot.timer);
        const exec = slot.exec!;
        slot.exec = undefined;
        slot.settle = undefined;
        try {
          this.o.onFinish?.(exec);
        } finally {
          this.busy--;
          if (!slot.dead && !this.closed && this.idle.length < (this.o.maxIdle ?? 8)) this.idle.push(slot);
          else void slot.worker.terminate();
          resolve(r);
        }
      };
      slot.worker.postMessage({ type: 'run', ...req } satisfies RunRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const worker = new Worker(this.o.workerFile, {
      workerData: { clockBuffer: this.o.clockBuffer, signalBuffer: signal, hostPort: port2 },
      transferList: [port2],
    });
    const slot: Slot = { worker, port: port1, signal };
    worker.unref();
    port1.on('message', (call: HostCall) => void this.serve(slot, call));
    worker.on('message', (r: RunResponse) => slot.settle?.(r));
    worker.on('error', (e) => {
      slot.dead = true;
      slot.settle?.(crashed(slot, e));
    });
    worker.on('exit', (code) => {
      slot.dead = true;
      if (slot.settle) slot.settle(crashed(slot, new Error(`execution thread exited with code ${code}`)));
      const i = this.idle.indexOf(slot);
      if (i >= 0) this.idle.splice(i, 1);
    });
    return slot;
  }

  private async serve(slot: Slot, call: HostCall): Promise<void> {
    const exec = slot.exec;
    let reply: HostReply;
    try {
      if (!exec) throw new Error('a host call arrived outside an execution');
      const fn = this.o.host[call.s]?.[call.m];
      if (!fn) throw new Error(`the local runtime does not implement ${call.s}.${call.m}`);
      reply = { id: call.id, ok: true, v: await fn(exec, ...call.a) };
    } catch (e) {
      const err = e as Error;
      reply = { id: call.id, ok: false, name: err instanceof GasError ? err.name : 'Error', message: err?.message ?? String(e) };
      if (!(err instanceof GasError)) console.error(`[runtime] ${call.s}.${call.m} failed:`, err);
    }
    answer(slot.port, slot.signal, reply);
  }

  private killOverrun(slot: Slot): void {
    const exec = slot.exec;
    if (!exec || !slot.settle) return;
    const settle = slot.settle;
    slot.dead = true;
    settle({
      type: 'done',
      error: { name: 'Exception', message: TIME_LIMIT_MESSAGE },
      logs: [],
      stats: {
        id: exec.id, fn: exec.fn, kind: exec.kind, startedAt: Date.now(), realMs: this.o.realTimeLimitMs ?? EXECUTION_LIMIT_MS,
        calls: {}, totalCalls: 0, cellsRead: 0, cellsWritten: 0, projectedMs: EXECUTION_LIMIT_MS, error: TIME_LIMIT_MESSAGE,
      },
    });
  }
}

function crashed(slot: Slot, e: Error): RunResponse {
  const exec = slot.exec!;
  return {
    type: 'done',
    error: { name: 'Error', message: e.message, stack: e.stack },
    logs: [],
    stats: {
      id: exec.id, fn: exec.fn, kind: exec.kind, startedAt: Date.now(), realMs: 0,
      calls: {}, totalCalls: 0, cellsRead: 0, cellsWritten: 0, projectedMs: 0, error: e.message,
    },
  };
}
