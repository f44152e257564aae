// One execution's world: a fresh vm context holding only Apps Script's globals, the bundle loaded into it,
// and a Date that follows the emulated clock.
import vm from 'node:vm';
import type { FacadeContext, HostPort, ExecutionInfo } from './contracts.ts';
import { Meter } from './meter.ts';
import { textOutputPayload } from '../gas/content-service.ts';
import { htmlOutputPayload } from '../gas/html-service.ts';

export interface SandboxOptions {
  exec: ExecutionInfo;
  now: () => number;
  bundleDir: string;
  makePort: (fail: (message: string) => never) => HostPort;
  createGlobals: (ctx: FacadeContext) => Record<string, unknown>;
  limitMs?: number;
  /** Fault injection: calls after the Nth fail (Meter). */
  stopAfterCalls?: number;
}

export interface Sandbox {
  context: vm.Context;
  ctx: FacadeContext;
  meter: Meter;
  logs: { level: string; message: string }[];
}

// Runs inside the context: replaces Date so that `new Date()` and `Date.now()` read the emulated clock,
// while `new Date(ms)`, Date.UTC, Date.parse and instanceof keep working as usual.
const DATE_SHIM = `(function (clockNow) {
  const RealDate = Date;
  class ClockDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(clockNow());
      else super(...args);
    }
    static now() { return clockNow(); }
  }
  const D = new Proxy(ClockDate, { apply() { return new RealDate(clockNow()).toString(); } });
  Object.defineProperty(globalThis, 'Date', { value: D, writable: true, configurable: true, enumerable: false });
})`;

export function createSandbox(o: SandboxOptions): Sandbox {
  const context = vm.createContext({}, { name: `execution ${o.exec.id}`, codeGeneration: { strings: true, wasm: false } });
  (vm.runInContext(DATE_SHIM, context) as (now: () => number) => void)(o.now);
  const CtxDate = vm.runInContext('Date', context) as DateConstructor;
  const CtxError = vm.runInContext('Error', context) as ErrorConstructor;

  const fail = (message: string): never => {
    const e = new CtxError(message);
    e.name = 'Exception';
    throw e;
  };
  const meter = new Meter(fail, o.limitMs, o.stopAfterCalls);
  const logs: { level: string; message: string }[] = [];
  const ctx: FacadeContext = {
    port: o.makePort(fail),
    meter,
    exec: o.exec,
    toDate: (ms) => new CtxDate(ms),
    now: o.now,
    fail,
    compileFunction: (params, body) =>
      vm.compileFunction(body, params, { parsingContext: context }) as (...args: any[]) => unknown,
    log: (level, message) => {
      logs.push({ level, message });
    },
    bundleDir: o.bundleDir,
  };
  const globals = o.createGlobals(ctx);
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(context, name, { value, writable: true, configurable: true, enumerable: false });
  }
  return { context, ctx, meter, logs };
}

/** What an execution returned, in a form that crosses threads. */
export type SerializedResult =
  | { kind: 'none' }
  | { kind: 'text'; content: string; mimeType: string }
  | { kind: 'html'; content: string; title: string }
  | { kind: 'json'; json: string };

export function serializeResult(v: unknown): SerializedResult {
  if (v === undefined || v === null) return { kind: 'none' };
  const text = textOutputPayload(v);
  if (text) return { kind: 'text', content: text.content, mimeType: text.contentType };
  const page = htmlOutputPayload(v);
  if (page) return { kind: 'html', content: page.content, title: page.title };
  // google.script.run passes primitives, arrays and plain objects; JSON keeps exactly those.
  return { kind: 'json', json: JSON.stringify(v) ?? 'null' };
}
