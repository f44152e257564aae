// Contracts between the emulated services inside an execution (worker thread, vm context)
// and the host (main thread) that owns all shared state.

/** One synchronous call from an execution to the host. */
export interface HostCall {
  /** Numbers the calls of one execution thread, so a reply is matched to its call. */
  id: number;
  /** Host service name, e.g. 'sheets', 'props', 'cache', 'lock', 'triggers', 'mail', 'fetch'. */
  s: string;
  /** Method on that host service. */
  m: string;
  a: unknown[];
}

/** The answer: a value, or an error that the facade rethrows inside the execution as Apps Script would. */
export type HostReply = { id: number } & ({ ok: true; v: unknown } | { ok: false; name: string; message: string });

/** Worker side: blocks the execution until the host answers. */
export interface HostPort {
  call<T = unknown>(s: string, m: string, a: unknown[]): T;
}

/** What an execution is: who runs it and why. */
export interface ExecutionInfo {
  id: string;
  /** 'web' (doGet/doPost), 'trigger', 'rpc' (google.script.run), 'simple' (onOpen), 'manual'. */
  kind: 'web' | 'trigger' | 'rpc' | 'simple' | 'manual';
  fn: string;
  /** Session.getActiveUser() email ('' for anonymous web-app visitors). */
  activeUser: string;
  /** Session.getEffectiveUser(): the script owner. */
  effectiveUser: string;
  /** The bound spreadsheet's id, for SpreadsheetApp.getActiveSpreadsheet(). */
  activeSpreadsheetId: string;
  /** Script time zone from appsscript.json (Session.getScriptTimeZone()). */
  scriptTimeZone: string;
}

/** Per-execution accounting, sent back with the result. */
export interface ExecutionStats {
  id: string;
  fn: string;
  kind: ExecutionInfo['kind'];
  startedAt: number; // emulated clock, epoch ms
  realMs: number; // this machine's wall time
  calls: Record<string, number>; // 'Range.getValues' -> count
  totalCalls: number;
  cellsRead: number;
  cellsWritten: number;
  projectedMs: number; // on Google, by the latency model
  error?: string;
  /** The execution was cut by fault injection (RunOptions.stopAfterCalls): its later calls never ran. */
  cut?: boolean;
}

/** The execution's own services (worker side) see this. */
export interface FacadeContext {
  port: HostPort;
  meter: MeterLike;
  exec: ExecutionInfo;
  /** A Date of the execution's realm (instanceof Date holds inside the bundle). */
  toDate(ms: number): Date;
  /** The emulated clock. */
  now(): number;
  /** Throws an Error of the execution's realm with Apps Script's message (what the bundle can catch). */
  fail(message: string): never;
  /** Compiles a function inside the execution's realm (HtmlTemplate.evaluate runs scriptlets there). */
  compileFunction(params: string[], body: string): (...args: any[]) => unknown;
  /** Logger.log / console.* land here: the execution log shown by the runtime. */
  log(level: 'log' | 'info' | 'warn' | 'error', message: string): void;
  /** Where the built bundle lives (HtmlService reads files here). */
  bundleDir: string;
}

export interface MeterLike {
  /** Counts one service call; throws Apps Script's time-limit error once the projection passes 6 minutes. */
  count(method: string, cellsRead?: number, cellsWritten?: number): void;
  /** Adds time spent waiting (locks, sleep, fetch) to the projection. */
  addWaitMs(ms: number): void;
}

/** An Apps Script-style error inside the execution. name is e.g. 'Exception'. */
export class GasError extends Error {
  constructor(message: string, name = 'Exception') {
    super(message);
    this.name = name;
  }
}
