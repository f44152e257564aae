// `load` (issue 3's load run): many devices syncing at once against the real server, started as `npm start`
// starts it (its own process, a durable workbook, at most 30 executions at a time). Each simulated client
// signs in with a mailed code, then sends its batches, retrying with full-jitter backoff until every entry
// is settled. Afterwards the Log is read back and every acknowledged entry must be there exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Runtime } from '../emulator/runtime/runtime.ts';
import type { ExecutionStats } from '../emulator/runtime/contracts.ts';
import { callFigures } from './lib/call-split.ts';
import { projectMs } from '../emulator/runtime/latency.ts';
import { DEFAULT_RETRY, LoadCounters, SimulatedClient, type MailSource } from './lib/load-client.ts';
import { checkExactlyOnce, readColumn, type ExactlyOnceCheck } from './lib/log-check.ts';
import { setUpProductWorkbook, statusCodes, TEAM_SIZE, topUpTeam } from './lib/product-workbook.ts';
import { machineInfo, type Bench, type BenchContext, type BenchReport } from './lib/report.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { percentile, round } from './lib/timing.ts';

export interface LoadBenchOptions {
  clients: number;
  batches: number;
  entriesPerBatch: number;
  /** Bounds of the two phases; whatever is unfinished then is reported as such. */
  loginDeadlineMs: number;
  syncDeadlineMs: number;
  /** A pause of up to this long (uniform) between a client's batches, as a person between two clicks. */
  thinkMs: number;
  /**
   * Leads' floor dashboards (issue 11) polling floor.now beside the clients. With any, the sync phase runs
   * three times with the same clients: alone, with the dashboards polling, alone again (the workbook grows
   * from phase to phase, so the phase with the dashboards is compared with one on each side of it).
   */
  dashboards?: number;
  /** How often each dashboard asks (Settings floor_refresh_seconds: 30 s by default). */
  dashboardPollMs?: number;
}

const SIZES: Record<BenchContext['size'], LoadBenchOptions> = {
  full: { clients: 200, batches: 5, entriesPerBatch: 10, loginDeadlineMs: 180_000, syncDeadlineMs: 240_000, thinkMs: 200, dashboards: 10, dashboardPollMs: 30_000 },
  smoke: { clients: 6, batches: 2, entriesPerBatch: 3, loginDeadlineMs: 60_000, syncDeadlineMs: 60_000, thinkMs: 20 },
};

/** The dashboards' viewers: the demo's leads and its admin, in turn (several screens may show the same person's view). */
const DASHBOARD_VIEWERS = ['dmitry.petrov@example.com', 'elena.morozova@example.com', 'irina.pavlova@example.com', 'owner@example.com'];
/** Apps Script runs at most this many executions of a script at once. */
const SIMULTANEOUS_LIMIT = 30;

/**
 * The runtime enforces MailApp's consumer quota (100 recipients per rolling 24 hours of the emulated
 * clock), so sign-ins go in waves under it, and the emulated clock moves a day on between waves. The
 * clients' own clocks do not move: the server corrects entry times by its clock minus sent_at.
 */
const MAIL_WAVE = 90;
const DAY_AND_A_MINUTE = '1441m';

async function prepareWorkbook(workbookFile: string, clients: number): Promise<{ emails: string[]; statuses: string[] }> {
  const runtime = await Runtime.open({ workbookFile });
  try {
    await setUpProductWorkbook(runtime);
    const team = topUpTeam(runtime.deps.workbooks, Math.max(TEAM_SIZE, clients));
    return { emails: team.slice(0, clients).map((m) => m.email), statuses: statusCodes(runtime.deps.workbooks) };
  } finally {
    await runtime.close();
  }
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

async function signInAll(server: ServerProcess, clients: SimulatedClient[], deadline: number, log: (m: string) => void): Promise<string[]> {
  const mailbox: MailSource = {
    mail: async () => (await (await fetch(`${server.base}/_dev/mail`)).json()) as { to: string; body: string }[],
  };
  const errors: string[] = [];
  for (let start = 0; start < clients.length; start += MAIL_WAVE) {
    if (start > 0) await postJson(`${server.base}/_dev/clock`, { advance: DAY_AND_A_MINUTE });
    const wave = clients.slice(start, start + MAIL_WAVE);
    log(`signing in clients ${start + 1}-${start + wave.length}…`);
    const results = await Promise.allSettled(wave.map((c) => c.login(mailbox, deadline)));
    for (const r of results) if (r.status === 'rejected') errors.push((r.reason as Error).message);
  }
  return errors;
}

async function syncAll(clients: SimulatedClient[], o: LoadBenchOptions, statuses: string[], deadline: number): Promise<string[]> {
  const results = await Promise.allSettled(
    clients.map(async (c) => {
      for (let b = 0; b < o.batches; b++) {
        if (b > 0) await new Promise((r) => setTimeout(r, Math.random() * o.thinkMs));
        c.record(o.entriesPerBatch, statuses);
        await c.flush(deadline);
      }
    }),
  );
  return results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
}

/** One sync phase's figures: its wall time, sync latencies, and what the dashboards saw meanwhile. */
export interface PhaseFigures {
  dashboards: number;
  wallMs: number;
  syncAnswered: number;
  syncP50: number;
  syncP99: number;
  settleP50: number;
  settleP99: number;
  /** Sync requests answered 503 (all 30 executions busy) in this phase: the pool was full this often. */
  syncBusy: number;
  polls: number;
  pollsBusy: number;
  pollP50: number;
  pollP99: number;
  /** floor.now on Google, by the latency model (p50 of this phase's polls). */
  pollProjectedP50: number;
}

/** A lead's dashboard: floor.now every `pollMs` (the first at a random moment of the period) until stopped. */
function startDashboards(base: string, count: number, pollMs: number): { stop(): Promise<{ latencies: number[]; projected: number[]; busy: number; failed: string[] }> } {
  let running = true;
  const latencies: number[] = [];
  const projected: number[] = [];
  const failed: string[] = [];
  let busy = 0;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const lanes = Array.from({ length: count }, async (_, i) => {
    await sleep(Math.random() * pollMs);
    while (running) {
      const t = performance.now();
      const res = await fetch(`${base}/_dev/rpc/adminRpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ args: ['floor.now', {}], as: DASHBOARD_VIEWERS[i % DASHBOARD_VIEWERS.length] }),
      });
      if (res.status === 503) busy++;
      else {
        const out = (await res.json()) as { ok: boolean; error?: string; value?: { ok: boolean; error?: { message: string } }; stats?: { projectedMs: number } };
        if (!out.ok || !out.value?.ok) failed.push(out.error ?? out.value?.error?.message ?? 'no reply');
        else {
          latencies.push(performance.now() - t);
          projected.push(out.stats?.projectedMs ?? NaN);
        }
      }
      const wait = pollMs - (performance.now() - t);
      if (running && wait > 0) await sleep(wait);
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(lanes);
      return { latencies, projected, busy, failed };
    },
  };
}

interface LoadOutcome {
  /** The server's own accounting of the sync executions (the last 500 it keeps). */
  serverSide: { executions: number; sheetCalls: number[]; projectedMs: number[]; ownMs: number[] };
  counters: LoadCounters;
  loginErrors: string[];
  syncErrors: string[];
  syncWallMs: number;
  entriesRecorded: number;
  entriesPending: number;
  refused: number;
  check: ExactlyOnceCheck;
  logRows: number;
  serverExit: number | null;
  phases: PhaseFigures[];
  dashboardErrors: string[];
}

/** The sync executions among the server's recent ones: the only web executions that write the workbook. */
async function syncExecutionStats(server: ServerProcess): Promise<LoadOutcome['serverSide']> {
  const res = await fetch(`${server.base}/_dev/stats?fn=doPost&limit=500`);
  const all = (await res.json()) as ExecutionStats[];
  const syncs = all.filter((s) => !s.error && (s.calls['Range.setValues'] ?? 0) > 0);
  return {
    executions: syncs.length,
    sheetCalls: syncs.map((s) => callFigures([s]).sheetCalls),
    projectedMs: syncs.map((s) => s.projectedMs),
    // The same without the time spent waiting for the lock here: what one sync costs on Google by itself.
    ownMs: syncs.map((s) => projectMs({ calls: s.calls, cellsRead: s.cellsRead, cellsWritten: s.cellsWritten, waitMs: 0 })),
  };
}

async function drive(server: ServerProcess, emails: string[], statuses: string[], o: LoadBenchOptions, log: (m: string) => void): Promise<LoadOutcome> {
  const counters = new LoadCounters();
  const clients = emails.map((email) => new SimulatedClient(server.base, email, counters, DEFAULT_RETRY));
  const loginErrors = await signInAll(server, clients, Date.now() + o.loginDeadlineMs, log);
  const ready = clients.filter((c) => c.signedIn);
  const phases: PhaseFigures[] = [];
  const dashboardErrors: string[] = [];
  const syncErrors: string[] = [];
  let syncWallMs = 0;
  for (const dashboards of o.dashboards ? [0, o.dashboards, 0] : [0]) {
    log(`${ready.length} clients sending ${o.batches} batches of ${o.entriesPerBatch} at once${dashboards ? `, ${dashboards} dashboards polling` : ''}…`);
    const before = { sync: (counters.okLatencyMs.sync ?? []).length, settle: counters.settleMs.length, busy: counters.retries.full };
    const polling = dashboards > 0 ? startDashboards(server.base, dashboards, o.dashboardPollMs ?? 30_000) : null;
    const t = performance.now();
    syncErrors.push(...(await syncAll(ready, o, statuses, Date.now() + o.syncDeadlineMs)));
    const wallMs = performance.now() - t;
    // The dashboards keep their rhythm through the whole phase, at least one period.
    if (polling) await new Promise((r) => setTimeout(r, Math.max(0, (o.dashboardPollMs ?? 30_000) - wallMs)));
    const polled = polling ? await polling.stop() : { latencies: [], projected: [], busy: 0, failed: [] };
    dashboardErrors.push(...polled.failed);
    syncWallMs += wallMs;
    const sync = (counters.okLatencyMs.sync ?? []).slice(before.sync);
    const settle = counters.settleMs.slice(before.settle);
    phases.push({
      dashboards,
      wallMs,
      syncAnswered: sync.length,
      syncP50: percentile(sync, 50),
      syncP99: percentile(sync, 99),
      settleP50: percentile(settle, 50),
      settleP99: percentile(settle, 99),
      syncBusy: counters.retries.full - before.busy,
      polls: polled.latencies.length,
      pollsBusy: polled.busy,
      pollP50: percentile(polled.latencies, 50),
      pollP99: percentile(polled.latencies, 99),
      pollProjectedP50: percentile(polled.projected, 50),
    });
  }
  log('reading the Log back…');
  const logIds = await readColumn(server.base, 'Log', 'entry_id');
  const serverSide = await syncExecutionStats(server);
  return {
    serverSide,
    counters,
    loginErrors,
    syncErrors,
    syncWallMs,
    entriesRecorded: clients.reduce((n, c) => n + c.recorded, 0),
    entriesPending: clients.reduce((n, c) => n + c.pending, 0),
    refused: clients.reduce((n, c) => n + c.refused.length, 0),
    check: checkExactlyOnce(clients.flatMap((c) => c.acknowledged), logIds),
    logRows: logIds.length,
    serverExit: null,
    phases,
    dashboardErrors,
  };
}

export async function runLoadBench(o: LoadBenchOptions, log: (m: string) => void = () => {}): Promise<BenchReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wtt-bench-load-'));
  const workbookFile = join(dataDir, 'workbook.xlsx');
  try {
    log('preparing the workbook (setup, demo data, a team of 200)…');
    const { emails, statuses } = await prepareWorkbook(workbookFile, o.clients);
    if (emails.length < o.clients) throw new Error(`only ${emails.length} active employees for ${o.clients} clients`);
    const server = await startServerProcess({ workbookFile });
    let outcome: LoadOutcome;
    try {
      outcome = await drive(server, emails, statuses, o, log);
    } catch (e) {
      await server.stop();
      throw e;
    }
    outcome.serverExit = await server.stop();
    return loadReport(o, outcome, await machineInfo());
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Failure messages without the client's address, most frequent first, with their counts. */
function distinct(errors: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const e of errors) {
    const key = e.replace(/\S+@\S+/g, '<email>');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([e, n]) => `${n} x ${e}`);
}

const maxOf = (xs: number[]): number => (xs.length ? Math.max(...xs) : NaN);

function loadReport(o: LoadBenchOptions, r: LoadOutcome, machine: Record<string, unknown>): BenchReport {
  const c = r.counters;
  const syncOk = c.okLatencyMs.sync ?? [];
  // Two separate questions: was anything acknowledged lost or doubled, and did every client get through.
  const exactlyOnce = r.check.ok && r.check.acknowledged > 0;
  const completed = r.syncErrors.length === 0 && r.loginErrors.length === 0 && r.entriesPending === 0;
  const verdict = exactlyOnce && completed;
  const rows: [string, string | number][] = [
    ['clients (each its own device and employee)', o.clients],
    ['batches x entries per client', `${o.batches} x ${o.entriesPerBatch}`],
    ['sync phase wall time (s)', round(r.syncWallMs / 1000, 1)],
    ['requests: sync (attempts)', c.attempts.sync ?? 0],
    ['requests: login.start + login.finish (attempts)', (c.attempts['login.start'] ?? 0) + (c.attempts['login.finish'] ?? 0)],
    ['sync latency p50 (ms, answered requests)', round(percentile(syncOk, 50))],
    ['sync latency p99 (ms, answered requests)', round(percentile(syncOk, 99))],
    ['batch settled p50 (ms, retries included)', round(percentile(c.settleMs, 50))],
    ['batch settled p99 (ms, retries included)', round(percentile(c.settleMs, 99))],
    [`sync sheet calls p50 / max (server's last ${r.serverSide.executions})`, `${percentile(r.serverSide.sheetCalls, 50)} / ${maxOf(r.serverSide.sheetCalls)}`],
    ['sync projected on Google p50 / p99 (ms, lock waits included)', `${round(percentile(r.serverSide.projectedMs, 50))} / ${round(percentile(r.serverSide.projectedMs, 99))}`],
    ['retries', c.totalRetries],
    ['busy answers: 503 too many executions', c.retries.full],
    ['busy answers: envelope code busy', c.retries.busy],
    ['other retries (network, HTTP, not JSON, rate limited)', c.retries.network + c.retries.http + c.retries.non_json + c.retries.rate_limited],
    ['entries recorded', r.entriesRecorded],
    ['entries acknowledged', r.check.acknowledged],
    ['entries refused / still pending', `${r.refused} / ${r.entriesPending}`],
    ['Log rows read back', r.logRows],
    ['acknowledged missing from Log / duplicated', `${r.check.missing.length} / ${r.check.duplicated.length}`],
    ['clients that failed (sign-in / sync)', `${r.loginErrors.length} / ${r.syncErrors.length}`],
    ['check: every acknowledged entry in the Log exactly once', exactlyOnce ? 'PASS' : 'FAIL'],
    ['check: every client signed in and settled all its entries', completed ? 'PASS' : 'FAIL'],
  ];
  const notes = [
    'Wall times are this machine\'s (server and clients share its cores); at most 30 executions run at once, as on Apps Script.',
    'The projection counts the time an execution waited for the script lock here, so under load it depends on this machine too.',
    `Sign-ins go in waves of ${MAIL_WAVE} (the emulated MailApp quota is 100 recipients a day), with the emulated clock moved a day on between waves.`,
    'A client retries a page instead of JSON, an HTTP error, no answer, and envelopes `busy` or `rate_limited`; any other error (e.g. `internal`) stops that client.',
    ...distinct(r.loginErrors).slice(0, 3).map((e) => `sign-in failure: ${e}`),
    ...distinct(r.syncErrors).slice(0, 3).map((e) => `sync failure: ${e}`),
  ];
  const tables: BenchReport['tables'] = [{ title: `${o.clients} clients x ${o.batches} batches of ${o.entriesPerBatch} status changes against the server of \`npm start\``, columns: ['measure', 'value'], rows, notes }];
  if (r.phases.length > 1) tables.push(dashboardsTable(o, r));
  return {
    name: 'load',
    title: `Load run: ${o.clients} clients syncing at once`,
    tables,
    data: {
      options: o,
      verdict: verdict ? 'pass' : 'fail',
      exactlyOnce,
      completed,
      attempts: c.attempts,
      retries: c.retries,
      syncLatencyMs: { p50: percentile(syncOk, 50), p99: percentile(syncOk, 99), answered: syncOk.length },
      settleMs: { p50: percentile(c.settleMs, 50), p99: percentile(c.settleMs, 99), batches: c.settleMs.length },
      syncWallMs: r.syncWallMs,
      serverSide: {
        executions: r.serverSide.executions,
        sheetCalls: { p50: percentile(r.serverSide.sheetCalls, 50), max: maxOf(r.serverSide.sheetCalls) },
        projectedMs: { p50: percentile(r.serverSide.projectedMs, 50), p99: percentile(r.serverSide.projectedMs, 99) },
      },
      entries: { recorded: r.entriesRecorded, acknowledged: r.check.acknowledged, refused: r.refused, pending: r.entriesPending, logRows: r.logRows },
      check: { ok: r.check.ok, missing: r.check.missing.slice(0, 20), duplicated: r.check.duplicated.slice(0, 20) },
      loginErrors: r.loginErrors.slice(0, 20),
      syncErrors: r.syncErrors.slice(0, 20),
      serverExit: r.serverExit,
      phases: r.phases,
      dashboardErrors: r.dashboardErrors.slice(0, 20),
      machine,
    },
  };
}

/**
 * The sync phase alone and with the leads' dashboards polling, measured; and a working day on Google by the
 * latency model: executions a day and the share of the 30 simultaneous executions they keep busy on
 * average, the employees' pages asking every 60 s while open (client/src/sync/engine.ts DEFAULT_PERIOD_MS).
 */
function dashboardsTable(o: LoadBenchOptions, r: LoadOutcome): BenchReport['tables'][number] {
  const [alone, polled, after] = r.phases;
  const hours = 9;
  const syncMs = percentile(r.serverSide.ownMs, 50);
  const boardMs = polled.pollProjectedP50;
  const pageRuns = o.clients * (3600 / 60) * hours;
  const boardRuns = (polled.dashboards * 3600 * hours * 1000) / (o.dashboardPollMs ?? 30_000);
  const checkRuns = 288;
  /** Executions running at once on average, as a share of the 30, for `perHour` executions an hour of `ms` each. */
  const share = (perHour: number, ms: number) => (100 * perHour * ms) / 3600_000 / SIMULTANEOUS_LIMIT;
  const pagesPerHour = o.clients * 60;
  const boardsPerHour = (polled.dashboards * 3600_000) / (o.dashboardPollMs ?? 30_000);
  return {
    title: `The same clients with ${polled.dashboards} leads' floor dashboards polling every ${Math.round((o.dashboardPollMs ?? 30_000) / 1000)} s`,
    columns: ['measure', 'clients alone', `with ${polled.dashboards} dashboards`, 'alone again'],
    rows: [
      ['sync phase wall time (s)', round(alone.wallMs / 1000, 1), round(polled.wallMs / 1000, 1), round(after.wallMs / 1000, 1)],
      ...([
        ['sync latency p50 / p99 (ms, answered requests)', (p: PhaseFigures) => `${round(p.syncP50)} / ${round(p.syncP99)}`],
        ['batch settled p50 / p99 (ms, retries included)', (p: PhaseFigures) => `${round(p.settleP50)} / ${round(p.settleP99)}`],
        ['sync requests answered 503 (all 30 executions busy)', (p: PhaseFigures) => p.syncBusy],
      ] as const).map(([label, f]): (string | number)[] => [label, f(alone), f(polled), f(after)]),
      ['floor.now polls answered / refused busy', '—', `${polled.polls} / ${polled.pollsBusy}`, '—'],
      ['floor.now latency p50 / p99 (ms, this machine)', '—', `${round(polled.pollP50)} / ${round(polled.pollP99)}`, '—'],
      ['floor.now projected on Google p50 (ms)', '—', round(boardMs), '—'],
      [`a ${hours}-hour day on Google: executions`, pageRuns + checkRuns, Math.round(pageRuns + checkRuns + boardRuns), '—'],
      [`share of the ${SIMULTANEOUS_LIMIT} simultaneous executions kept busy, pages every 60 s (%)`, round(share(pagesPerHour, syncMs), 1), round(share(pagesPerHour, syncMs) + share(boardsPerHour, boardMs), 1), '—'],
      ['peak share: every page syncing within the same 10 s (%)', round(share(pagesPerHour * 6, syncMs), 1), round(share(pagesPerHour * 6, syncMs) + share(boardsPerHour, boardMs), 1), '—'],
    ],
    notes: [
      `The day: ${o.clients} employee pages syncing or refreshing every 60 s while open (${pageRuns.toLocaleString('en-US')} executions of ${round(syncMs)} ms projected each, lock waits left out), checkBreaks every 5 minutes (${checkRuns}), and the dashboards (${Math.round(boardRuns).toLocaleString('en-US')} of ${round(boardMs)} ms).`,
      'The measured phases are the stress case: every client sends its batches at once, so the pool of 30 is full either way (503 answers are retried); the dashboards add one request per dashboard per period to that.',
      ...distinct(r.dashboardErrors).slice(0, 3).map((e) => `dashboard failure: ${e}`),
    ],
  };
}

export const loadBench: Bench = {
  name: 'load',
  title: '200 clients syncing at once against the server, then an exactly-once check of the Log',
  expected: 'about 3-5 min',
  run: (ctx) => runLoadBench(SIZES[ctx.size], ctx.log),
};
