// An execution thread. Each run gets a fresh vm context (globals do not survive between executions,
// as on Apps Script); the compiled bundle is cached per thread and reloaded when the file changes.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { AtomicsPort } from './atomics-port.ts';
import { readClock } from '../clock.ts';
import { createSandbox, serializeResult } from './sandbox.ts';
import { createGlobals } from '../gas/index.ts';
import type { ExecutionInfo } from './contracts.ts';
import type { RunRequest, RunResponse } from './protocol.ts';

interface WorkerInit {
  clockBuffer: SharedArrayBuffer;
  signalBuffer: SharedArrayBuffer;
  hostPort: MessagePort;
}

const init = workerData as WorkerInit;
const clockCells = new Float64Array(init.clockBuffer);
const now = () => readClock(clockCells);

let cached: { path: string; mtimeMs: number; script: vm.Script } | undefined;

function loadBundle(bundleDir: string): vm.Script {
  const path = join(bundleDir, 'Code.js');
  const mtimeMs = statSync(path).mtimeMs;
  if (cached && cached.path === path && cached.mtimeMs === mtimeMs) return cached.script;
  const script = new vm.Script(readFileSync(path, 'utf8'), { filename: 'Code.js' });
  cached = { path, mtimeMs, script };
  return script;
}

function run(req: RunRequest): RunResponse {
  const started = performance.now();
  const startedAt = now();
  const exec: ExecutionInfo = req.exec;
  const sandbox = createSandbox({
    exec,
    now,
    bundleDir: req.bundleDir,
    makePort: (fail) => new AtomicsPort(init.hostPort, init.signalBuffer, fail),
    createGlobals,
    limitMs: req.limitMs,
    stopAfterCalls: req.stopAfterCalls,
  });
  try {
    loadBundle(req.bundleDir).runInContext(sandbox.context);
    const fn = (sandbox.context as Record<string, unknown>)[req.fn];
    if (typeof fn !== 'function') {
      throw new Error(`Script function not found: ${req.fn}`);
    }
    const value = (fn as (...a: unknown[]) => unknown)(...req.args);
    const result = serializeResult(value);
    return { type: 'done', result, logs: sandbox.logs, stats: sandbox.meter.stats(exec, startedAt, performance.now() - started) };
  } catch (e) {
    const err = e as { name?: string; message?: string; stack?: string };
    const message = `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`;
    return {
      type: 'done',
      error: { name: err?.name ?? 'Error', message: err?.message ?? String(e), stack: err?.stack },
      logs: sandbox.logs,
      stats: sandbox.meter.stats(exec, startedAt, performance.now() - started, message),
    };
  }
}

parentPort!.on('message', (req: RunRequest) => {
  parentPort!.postMessage(run(req));
});
