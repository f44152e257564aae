// Runs the emulated services in this thread, answering host calls directly.
// For conformance tests of single services; concurrency is tested through the real runtime.
import { Clock } from '../clock.ts';
import { GasError, type ExecutionInfo, type FacadeContext, type HostPort } from './contracts.ts';
import { Meter } from './meter.ts';
import type { HostServices } from '../host/deps.ts';

export function defaultExecution(over: Partial<ExecutionInfo> = {}): ExecutionInfo {
  return {
    id: over.id ?? 'exec-test',
    kind: 'manual',
    fn: 'test',
    activeUser: 'owner@example.com',
    effectiveUser: 'owner@example.com',
    activeSpreadsheetId: 'main',
    scriptTimeZone: 'Europe/Moscow',
    ...over,
  };
}

export class DirectPort implements HostPort {
  constructor(
    private readonly host: HostServices,
    private readonly exec: ExecutionInfo,
  ) {}

  call<T>(s: string, m: string, a: unknown[]): T {
    const fn = this.host[s]?.[m];
    if (!fn) throw new Error(`host has no ${s}.${m}`);
    const v = fn(this.exec, ...a);
    if (v instanceof Promise) throw new Error(`${s}.${m} is asynchronous: run it through the runtime, not DirectPort`);
    return v as T;
  }
}

export function createDirectContext(
  host: HostServices,
  opts: { exec?: Partial<ExecutionInfo>; clock?: Clock; bundleDir?: string; stopAfterCalls?: number } = {},
): FacadeContext & { meter: Meter; logs: { level: string; message: string }[] } {
  const logs: { level: string; message: string }[] = [];
  const exec = defaultExecution(opts.exec);
  const clock = opts.clock ?? new Clock();
  const fail = (message: string): never => {
    throw new GasError(message);
  };
  return {
    port: new DirectPort(host, exec),
    meter: new Meter(fail, undefined, opts.stopAfterCalls),
    exec,
    toDate: (ms) => new Date(ms),
    now: () => clock.now(),
    fail,
    compileFunction: (params, body) => new Function(...params, body) as (...args: any[]) => unknown,
    log: (level, message) => logs.push({ level, message }),
    logs,
    bundleDir: opts.bundleDir ?? 'dist/appsscript',
  };
}
