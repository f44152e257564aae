// The local Apps Script runtime: the workbook store, the host services, the execution pool and the
// trigger scheduler, put together. The HTTP server and the tests drive it through run().
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Clock } from '../clock.ts';
import { ExecutionPool } from './pool.ts';
import type { ExecutionInfo, ExecutionStats } from './contracts.ts';
import type { RunResponse } from './protocol.ts';
import type { SerializedResult } from './sandbox.ts';
import type { HostDeps, WorkbookStore } from '../host/deps.ts';
import { createHost, type Host } from '../host/index.ts';
import { DurableWorkbookStore } from '../store/durable-store.ts';
import { BLANK_UNREADABLE_ENV } from '../store/errors.ts';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface RuntimeOptions {
  /** The bound spreadsheet's file (WTT_DATA); project state lives beside it. */
  workbookFile: string;
  bundleDir?: string;
  workerFile?: string;
  clock?: Clock;
  ownerEmail?: string;
  /** The URL the web app answers at (ScriptApp.getService().getUrl()). */
  webAppUrl?: string;
  maxConcurrent?: number;
  /** Fire time-driven triggers on the clock (the server does; most tests drive them by hand). */
  scheduler?: boolean;
  /** Instead of the durable store (tests of single behaviours). */
  workbooks?: WorkbookStore;
}

export interface ExecutionResult {
  result?: SerializedResult;
  error?: { name: string; message: string; stack?: string };
  logs: { level: string; message: string }[];
  stats: ExecutionStats;
}

export interface RunOptions {
  kind?: ExecutionInfo['kind'];
  /** Session.getActiveUser(): '' for anonymous web-app visitors. */
  activeUser?: string;
  /**
   * Fault injection: the execution dies after its Nth service call (calls 1..N take effect, none after),
   * as one stopped on Google by the time limit, a quota or an outage would. stats.cut says it happened.
   */
  stopAfterCalls?: number;
}

const STATS_KEPT = 500;

export class Runtime {
  readonly clock: Clock;
  readonly deps: HostDeps;
  readonly host: Host;
  readonly timeZone: string;
  private readonly pool: ExecutionPool;
  private readonly stats: ExecutionStats[] = [];
  private seq = 0;

  private constructor(o: RuntimeOptions, workbooks: WorkbookStore, clock: Clock, timeZone: string) {
    this.clock = clock;
    this.timeZone = timeZone;
    const bundleDir = o.bundleDir ?? join(REPO_ROOT, 'dist', 'appsscript');
    this.deps = {
      clock,
      workbooks,
      dataDir: dirname(resolve(o.workbookFile)),
      bundleDir,
      ownerEmail: o.ownerEmail ?? 'owner@example.com',
      mailbox: [],
      fetches: [],
      webAppUrl: o.webAppUrl ?? 'http://127.0.0.1:8080/exec',
    };
    this.host = createHost(this.deps, (fn, args, opts) => this.run(fn, args, opts));
    this.pool = new ExecutionPool({
      workerFile: o.workerFile ?? join(REPO_ROOT, 'dist', 'emulator', 'worker.js'),
      clockBuffer: clock.buffer,
      host: this.host.services,
      maxConcurrent: o.maxConcurrent,
      onFinish: (exec) => {
        this.host.endExecution(exec);
        workbooks.sync();
      },
    });
    this.pool.warm(2);
    if (o.scheduler) this.host.startScheduler();
  }

  static async open(o: RuntimeOptions): Promise<Runtime> {
    const bundleDir = o.bundleDir ?? join(REPO_ROOT, 'dist', 'appsscript');
    const manifest = join(bundleDir, 'appsscript.json');
    if (!existsSync(join(bundleDir, 'Code.js')) || !existsSync(manifest)) {
      throw new Error(`No built bundle in ${bundleDir}: run \`npm run build\` first.`);
    }
    const timeZone = (JSON.parse(readFileSync(manifest, 'utf8')) as { timeZone: string }).timeZone;
    mkdirSync(dirname(resolve(o.workbookFile)), { recursive: true });
    const workbooks =
      o.workbooks ??
      (await DurableWorkbookStore.open({
        file: resolve(o.workbookFile),
        timeZone,
        name: 'WorkTimeTracker',
        // The way out a WorkbookUnreadableError names: load such cells blank, then snapshot without them.
        blankUnreadable: process.env[BLANK_UNREADABLE_ENV] === '1',
      }));
    return new Runtime(o, workbooks, o.clock ?? new Clock(), timeZone);
  }

  get running(): number {
    return this.pool.running;
  }

  /** Runs a global function of the bundle as one execution. Rejects (TooManyExecutionsError) past 30 at once. */
  async run(fn: string, args: unknown[] = [], opts: RunOptions = {}): Promise<ExecutionResult> {
    const exec: ExecutionInfo = {
      id: `${this.clock.now().toString(36)}-${(++this.seq).toString(36)}`,
      kind: opts.kind ?? 'manual',
      fn,
      activeUser: opts.activeUser ?? this.deps.ownerEmail,
      effectiveUser: this.deps.ownerEmail,
      activeSpreadsheetId: this.deps.workbooks.activeId,
      scriptTimeZone: this.timeZone,
    };
    const r: RunResponse = await this.pool.run({ exec, fn, args, bundleDir: this.deps.bundleDir, stopAfterCalls: opts.stopAfterCalls });
    this.stats.push(r.stats);
    if (this.stats.length > STATS_KEPT) this.stats.splice(0, this.stats.length - STATS_KEPT);
    return { result: r.result, error: r.error, logs: r.logs, stats: r.stats };
  }

  recentStats(): ExecutionStats[] {
    return this.stats.slice();
  }

  async close(): Promise<void> {
    this.host.stopScheduler();
    await this.pool.close();
    const store = this.deps.workbooks as Partial<{ close(): Promise<void> }>;
    if (typeof store.close === 'function') await store.close();
  }
}
