// `check-breaks` (issue 5): what one run of the checkBreaks trigger costs on Google, by the emulator's
// counts, as the Log grows, and what that makes per day against the consumer quota of trigger time.
//
// For each Log size a fresh workbook is set up by the product's own `setup` and `seedDemoData`, the team is
// topped up to 200 (each with today's shift), every group gets a lead chat and Settings bot_url points at a
// loopback stand-in for the bot that takes every push. The Log is filled with history directly in the store,
// then the day is played through the product's own web app: everyone arrives (a `sync` each), the trigger's
// first run catches up and puts its checkpoint at the end of the Log, and before each measured run every
// employee syncs a few status changes (some of them a short break, which the rules flag), exactly as the
// employee page would. So each measured run reads only the rows added since the previous one, whatever the
// size of the Log behind them. Figures come from the run's ExecutionStats; "sheet calls" are defined in
// bench/lib/call-split.ts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../emulator/clock.ts';
import { MemoryWorkbookStore } from '../emulator/model/memory-store.ts';
import { fromWallMs, toWallMs } from '../emulator/model/timezone.ts';
import type { ExecutionStats } from '../emulator/runtime/contracts.ts';
import { projectMs } from '../emulator/runtime/latency.ts';
import { Runtime } from '../emulator/runtime/runtime.ts';
import type { SyncReply } from '../common/api.ts';
import { signToken } from '../appsscript/src/domain/token.ts';
import { TOKEN_SIGNING_KEY } from '../appsscript/src/gas/secrets.ts';
import { BOT_SHARED_SECRET } from '../appsscript/src/gas/alert-push.ts';
import { TABS } from '../appsscript/src/store/schema.ts';
import { callFigures, type CallFigures } from './lib/call-split.ts';
import { fillLog, historyStart, setUpProductWorkbook, statusCodes, topUpTeam, type TeamMember } from './lib/product-workbook.ts';
import type { Bench, BenchContext, BenchReport, Table } from './lib/report.ts';
import { callApi, expectOk } from './lib/runtime-api.ts';
import { appendRecords, dataRowCount, headerOf, readRecords, sheetNamed } from './lib/workbook.ts';
import { round } from './lib/timing.ts';

export interface CheckBreaksBenchOptions {
  /** Log sizes (data rows of history) to measure at. */
  logSizes: number[];
  /** Active employees (DESIGN.md: about 200). */
  employees: number;
  /** Status changes each employee syncs between two runs. */
  changesPerEmployee: number;
  /** Busy runs measured per Log size and reference-cache state (each after its own batch). */
  busyRunsEach: number;
}

const SIZES: Record<BenchContext['size'], CheckBreaksBenchOptions> = {
  full: { logSizes: [0, 100_000, 500_000], employees: 200, changesPerEmployee: 2, busyRunsEach: 2 },
  smoke: { logSizes: [0, 300], employees: 40, changesPerEmployee: 2, busyRunsEach: 1 },
};

/** The trigger's interval in this scenario (Settings check_interval_minutes is left at its default, 5). */
const INTERVAL_MS = 5 * 60_000;
/** DESIGN.md: a consumer account has 90 minutes of trigger time a day. */
export const QUOTA_MS_PER_DAY = 90 * 60_000;
/** Runs a day at the intervals installTriggers offers for checkBreaks. */
export const RUNS_PER_DAY = { '5 min': 288, '1 min': 1440 } as const;
/** One employee in this many takes a short break in a given interval; the others go to a meeting and back. */
const BREAK_EVERY = 10;
/** Sync requests in flight at once while a batch is sent (the script lock serialises them anyway). */
const SYNC_CONCURRENCY = 8;
/** The moments of an interval the batch's requests are spread over. */
const SYNC_SLOTS = 10;

/**
 * first: the trigger's very first run. busy-warm: after a batch, with the reference data in the script cache
 * (a request came in since the cache entry expired: the usual case while the floor is busy). busy-cold: the
 * same, but the run is the first execution after the entry expired, so it reads the reference tabs and
 * caches them. quiet-cold: nobody changed status since the previous run, 5 minutes ago, so the cache entry
 * has expired too. quiet-warm: one minute after that, nothing new (a 1-minute trigger's usual run).
 */
export const RUN_KINDS = ['first', 'busy-warm', 'busy-cold', 'quiet-warm', 'quiet-cold'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export interface CheckBreaksMeasurement extends CallFigures {
  logSize: number;
  kind: RunKind;
  /** Whether the run read the reference tabs (a reference-cache miss: it put them back in the cache). */
  readReference: boolean;
  /** Log rows added since the previous run (what this run reads of the Log). */
  newLogRows: number;
  /** Data rows in the Log when the run started. */
  logRows: number;
  violationsNew: number;
  alertsEnqueued: number;
  pushed: number;
  /** Wall time spent waiting (the push to the loopback bot): this machine's figure, NOT in projectedMs. */
  waitedMs: number;
}

interface CheckBreaksReport {
  log_rows: number;
  violations_new: number;
  alerts_enqueued: number;
  delivery: { pushed: number } | null;
}

export interface Member extends TeamMember {
  deviceId: string;
  token: string;
  seq: number;
}

// ---- the workbook and the day ----

const DAY_MS = 24 * 3600_000;

export function atToday(now: number, timeZone: string, time: string): number {
  const [h, m] = time.split(':').map(Number);
  const midnight = Math.floor(toWallMs(now, timeZone) / DAY_MS) * DAY_MS;
  return fromWallMs(midnight + (h * 60 + m) * 60_000, timeZone);
}

/**
 * Sessions without the mail round trip: MailApp's consumer quota (100 recipients a day) would not let 200
 * people sign in on one day, and signing in is not what is measured. The token is made by the product's
 * own signToken with the script's signing key and the HMAC Utilities.computeHmacSha256Signature computes,
 * so the web app accepts it exactly as one it issued.
 */
export function mintTokens(runtime: Runtime, team: TeamMember[], expiresAt: number): Member[] {
  const key = runtime.host.state.update((d) => (d.scriptProperties[TOKEN_SIGNING_KEY] ??= randomBytes(32).toString('base64url')));
  const hmac = (data: string, k: string) => createHmac('sha256', Buffer.from(k, 'utf8')).update(data, 'utf8').digest('base64url');
  return team.map((m, i) => {
    const deviceId = `bench-cb-${i}`;
    return { ...m, deviceId, seq: 0, token: signToken({ employeeId: m.id, deviceId, expiresAt, tokenVersion: 0 }, key, hmac) };
  });
}

/** Today's shift for every active employee who has none (the topped-up team), copied from the first one's. */
export function giveEveryoneAShift(store: MemoryWorkbookStore, team: TeamMember[], today: string): { start: string } {
  const shifts = readRecords(store, 'Schedule').filter((s) => s.date === today);
  const template = shifts.find((s) => s.employee_id === team[0].id) ?? shifts[0];
  if (!template) throw new Error(`seedDemoData made no shift for ${today}`);
  const have = new Set(shifts.map((s) => String(s.employee_id)));
  const missing = team.filter((m) => !have.has(m.id));
  appendRecords(store, 'Schedule', missing.length, (i) => ({ ...template, employee_id: missing[i].id }));
  return { start: String(template.shift_start) };
}

/** Every group's alerts go to a lead chat, so violations are alerted (and pushed) as in production. */
function setLeadChats(store: MemoryWorkbookStore): void {
  const sheet = sheetNamed(store, 'Groups');
  const col = headerOf(sheet).indexOf('telegram_chat_id');
  if (col < 0) throw new Error('Groups has no telegram_chat_id column');
  for (let row = 2; row <= sheet.rows.length; row++) {
    store.apply({ t: 'setValues', ss: store.activeId, sheetId: sheet.id, row, col: col + 1, values: [[-1_000_000_000_000 - row]] });
  }
}

/** A stand-in for the bot's intake: takes every pushed alert, as a healthy bot does. */
async function startBotStandIn(): Promise<{ url: string; received: () => number; close(): Promise<void> }> {
  let received = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const alerts = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { alerts: { alert_id: string }[] }).alerts;
      received += alerts.length;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, receipts: alerts.map((a) => ({ alert_id: a.alert_id, delivered: true })) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

/**
 * Each member syncs `statuses` in one request, the requests spread over (from, to] in SYNC_SLOTS moments as
 * a floor's requests are spread over an interval (which also keeps the reference cache as warm as it is in
 * production: the first request after it expires refreshes it). A member's entries are 20 s apart, the last
 * one at its request.
 */
export async function syncBatch(runtime: Runtime, members: Member[], from: number, to: number, statusesOf: (m: Member, index: number) => string[]): Promise<number> {
  let rows = 0;
  const slots = Math.min(SYNC_SLOTS, members.length);
  for (let slot = 0; slot < slots; slot++) {
    const now = from + Math.round(((slot + 1) * (to - from)) / slots);
    runtime.clock.set(now);
    const inSlot = members.map((m, i) => ({ m, i })).filter(({ i }) => i % slots === slot);
    await inPool(inSlot, SYNC_CONCURRENCY, async ({ m, i }) => {
      const statuses = statusesOf(m, i);
      const entries = statuses.map((status, k) => {
        m.seq += 1;
        return { seq: m.seq, entry_id: `${m.deviceId}-${m.seq}`, status, at: now - (statuses.length - 1 - k) * 20_000 };
      });
      const reply = expectOk(await callApi<SyncReply>(runtime, { op: 'sync', token: m.token, device_id: m.deviceId, sent_at: now, entries }), `sync ${m.id}`);
      const refused = reply.results.filter((r) => r.result !== 'accepted');
      if (refused.length > 0 || reply.accepted_through_seq !== m.seq) throw new Error(`sync ${m.id}: not every entry accepted (${JSON.stringify(refused[0] ?? reply.accepted_through_seq)})`);
      rows += entries.length;
    });
  }
  return rows;
}

async function runCheck(runtime: Runtime, logSize: number, kind: RunKind, newLogRows: number): Promise<CheckBreaksMeasurement> {
  const logRows = dataRowCount(runtime.deps.workbooks, 'Log');
  const out = await runtime.run('checkBreaks', [], { kind: 'trigger' });
  if (out.error) throw new Error(`checkBreaks (${kind}, Log ${logSize}): ${out.error.name}: ${out.error.message}`);
  const report = (out.result?.kind === 'json' ? JSON.parse(out.result.json) : null) as CheckBreaksReport | null;
  if (!report) throw new Error('checkBreaks returned no report');
  // The trigger must have read exactly the rows added since its previous run: no more, no fewer.
  if (kind !== 'first' && report.log_rows !== newLogRows) throw new Error(`checkBreaks read ${report.log_rows} Log rows, ${newLogRows} were new`);
  // checkBreaks writes to the script cache only to store reference data it had to read (no night shift here).
  const readReference = (out.stats.calls['Cache.putAll'] ?? 0) > 0;
  const warm = kind === 'busy-warm' || kind === 'quiet-warm';
  if (warm && readReference) throw new Error(`a ${kind} run missed the reference cache: the scenario is not what it says`);
  if ((kind === 'busy-cold' || kind === 'quiet-cold') && !readReference) throw new Error(`a ${kind} run found the reference data cached: the scenario is not what it says`);
  return {
    logSize,
    kind,
    readReference,
    newLogRows,
    logRows,
    violationsNew: report.violations_new,
    alertsEnqueued: report.alerts_enqueued,
    pushed: report.delivery?.pushed ?? 0,
    ...callFigures([out.stats]),
    ...countsOnly(out.stats),
  };
}

/**
 * The projection from the counts alone. The runtime's projection also adds the wall time the execution
 * waited (here: the push's round trip to the loopback stand-in, a few ms on this machine); the model's
 * urlFetchAll figure already stands for a real round trip, so the wait is reported apart, not added twice.
 */
function countsOnly(s: ExecutionStats): { projectedMs: number; waitedMs: number } {
  const projectedMs = projectMs({ calls: s.calls, cellsRead: s.cellsRead, cellsWritten: s.cellsWritten, waitMs: 0 });
  return { projectedMs, waitedMs: Math.max(0, s.projectedMs - projectedMs) };
}

async function measureAtLogSize(logSize: number, o: CheckBreaksBenchOptions, log: (m: string) => void): Promise<CheckBreaksMeasurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wtt-bench-checks-'));
  const store = new MemoryWorkbookStore();
  const clock = new Clock();
  clock.set(atToday(Date.now(), store.timeZone, '08:00'), { frozen: true });
  const bot = await startBotStandIn();
  const runtime = await Runtime.open({ workbookFile: join(dataDir, 'workbook.xlsx'), clock, workbooks: store });
  try {
    if (runtime.timeZone !== store.timeZone) throw new Error(`the bundle's time zone ${runtime.timeZone} differs from the store's ${store.timeZone}`);
    await setUpProductWorkbook(runtime);
    const today = new Date(Math.floor(toWallMs(clock.now(), store.timeZone) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
    const team = topUpTeam(store, o.employees).slice(0, o.employees);
    const shift = giveEveryoneAShift(store, team, today);
    setLeadChats(store);
    // The push is signed with the secret the bot shares (Script Properties), as in production.
    runtime.host.state.update((d) => (d.scriptProperties[BOT_SHARED_SECRET] = randomBytes(32).toString('hex')));
    appendRecords(store, 'Settings', 1, () => ({ key: 'bot_url', value: bot.url }));
    const expectStatuses = ['work', 'meeting', 'break'];
    const missing = expectStatuses.filter((s) => !statusCodes(store).includes(s));
    if (missing.length) throw new Error(`the demo Statuses lack ${missing.join(', ')}`);
    log(`Log ${logSize.toLocaleString('en-US')} rows: filling…`);
    fillLog(store, logSize, { team, statuses: statusCodes(store), oldest: historyStart(logSize, clock.now()) });
    if (dataRowCount(store, 'Log') !== logSize) throw new Error(`the Log holds ${dataRowCount(store, 'Log')} rows, not ${logSize}`);

    // The shift starts: everyone arrives. Then the trigger's first run puts its checkpoint at the end.
    const start = atToday(clock.now(), store.timeZone, shift.start);
    const members = mintTokens(runtime, team, start + DAY_MS);
    await syncBatch(runtime, members, start - 60_000, start, () => ['work']);
    clock.set(start + INTERVAL_MS);
    const out: CheckBreaksMeasurement[] = [await runCheck(runtime, logSize, 'first', 0)];

    // Busy intervals: everyone changes status a few times; a rotating tenth takes a short break. The
    // reference cache entry (5 minutes) expires exactly when the next run is due. For a warm run one more
    // request (a `state`, as the employee page polls) comes in at that moment and refreshes it first.
    const kinds: RunKind[] = Array.from({ length: o.busyRunsEach * 2 }, (_, k) => (k % 2 === 0 ? 'busy-warm' : 'busy-cold'));
    for (const [k, kind] of kinds.entries()) {
      const runAt = start + (k + 2) * INTERVAL_MS;
      const added = await syncBatch(runtime, members, runAt - INTERVAL_MS, runAt - 5_000, (_m, i) => changes(o.changesPerEmployee, (i + k) % BREAK_EVERY === 0));
      clock.set(runAt);
      if (kind === 'busy-warm') expectOk(await callApi(runtime, { op: 'state', token: members[k % members.length].token }), 'state');
      out.push(await runCheck(runtime, logSize, kind, added));
      log(`Log ${logSize.toLocaleString('en-US')} rows: busy run ${k + 1} of ${kinds.length} done`);
    }
    // A quiet interval: nobody changed status since the last run; then a run a minute later.
    clock.set(start + (kinds.length + 2) * INTERVAL_MS);
    out.push(await runCheck(runtime, logSize, 'quiet-cold', 0));
    clock.set(clock.now() + 60_000);
    out.push(await runCheck(runtime, logSize, 'quiet-warm', 0));
    if (bot.received() === 0) throw new Error('no alert reached the bot stand-in: the scenario measured no push');
    return out;
  } finally {
    await runtime.close();
    await bot.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `n` status changes ending back at work: a short break, or a meeting. */
function changes(n: number, takesBreak: boolean): string[] {
  const away = takesBreak ? 'break' : 'meeting';
  return Array.from({ length: n }, (_, k) => (k % 2 === 0 && k < n - 1 ? away : 'work'));
}

// ---- figures ----

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The runs of one kind at one Log size, as one typical run (the median of each figure). */
export function typicalRun(rows: readonly CheckBreaksMeasurement[], logSize: number, kind: RunKind): CheckBreaksMeasurement {
  const runs = rows.filter((r) => r.kind === kind && r.logSize === logSize);
  if (runs.length === 0) throw new Error(`no ${kind} run at Log ${logSize}`);
  const m = (f: (r: CheckBreaksMeasurement) => number) => median(runs.map(f));
  return {
    ...runs[0],
    newLogRows: m((r) => r.newLogRows),
    logRows: m((r) => r.logRows),
    calls: m((r) => r.calls),
    sheetCalls: m((r) => r.sheetCalls),
    cellsRead: m((r) => r.cellsRead),
    cellsWritten: m((r) => r.cellsWritten),
    projectedMs: m((r) => r.projectedMs),
    violationsNew: m((r) => r.violationsNew),
    alertsEnqueued: m((r) => r.alertsEnqueued),
    pushed: m((r) => r.pushed),
    waitedMs: m((r) => r.waitedMs),
  };
}

const KIND_LABEL: Record<RunKind, string> = {
  first: 'first run (catch-up)',
  'busy-warm': 'busy, reference cached',
  'busy-cold': 'busy, reference re-read',
  'quiet-warm': 'quiet, reference cached',
  'quiet-cold': 'quiet, reference re-read',
};

/** Working hours of the floor in the "typical day" estimate. */
const BUSY_HOURS = 10;

/** Flat: the same sheet calls, cells read within 1% of what the Log grew by, projected time within 2%. */
const FLAT_PROJECTED_PCT = 2;

/** Whether a run's cost stays flat as the Log grows, and what a day of runs costs against the quota. */
export function verdicts(rows: readonly CheckBreaksMeasurement[], logColumns: number) {
  const sizes = [...new Set(rows.map((r) => r.logSize))].sort((a, b) => a - b);
  const flat = RUN_KINDS.map((kind) => {
    const small = typicalRun(rows, sizes[0], kind);
    const large = typicalRun(rows, sizes[sizes.length - 1], kind);
    const logGrowthCells = (large.logRows - small.logRows) * logColumns;
    const projectedGrowthPct = (100 * (large.projectedMs - small.projectedMs)) / small.projectedMs;
    return {
      kind,
      sheetCalls: [small.sheetCalls, large.sheetCalls],
      cellsRead: [small.cellsRead, large.cellsRead],
      projectedMs: [small.projectedMs, large.projectedMs],
      projectedGrowthPct,
      met: large.sheetCalls === small.sheetCalls && large.cellsRead - small.cellsRead <= 0.01 * logGrowthCells && Math.abs(projectedGrowthPct) <= FLAT_PROJECTED_PCT,
    };
  });
  // Each case is charged its most expensive Log size.
  const worst = (kind: RunKind) => Math.max(...sizes.map((n) => typicalRun(rows, n, kind).projectedMs));
  const cases = (['busy-warm', 'busy-cold', 'quiet-warm', 'quiet-cold'] as const).map((k) => ({ run: KIND_LABEL[k], ms: worst(k) }));
  const perDay = Object.entries(RUNS_PER_DAY).flatMap(([interval, runs]) => {
    const every = cases.map((c) => ({ run: `every run ${c.run}`, runMs: c.ms }));
    // A working day: busy hours with requests flowing (the cache stays warm), the rest quiet. Quiet, the
    // cache entry (5 minutes) has always expired at a 5-minute run; at a 1-minute run, at one run in five.
    const quietMs = runs === RUNS_PER_DAY['5 min'] ? worst('quiet-cold') : (4 * worst('quiet-warm') + worst('quiet-cold')) / 5;
    const typicalMs = (BUSY_HOURS * worst('busy-warm') + (24 - BUSY_HOURS) * quietMs) / 24;
    return [...every, { run: `a day of ${BUSY_HOURS} busy hours, the rest quiet`, runMs: typicalMs }].map((c) => ({
      interval,
      runs,
      ...c,
      minutes: (runs * c.runMs) / 60_000,
      quotaPct: (100 * runs * c.runMs) / QUOTA_MS_PER_DAY,
    }));
  });
  return {
    flat: { kinds: flat, met: flat.every((f) => f.met) },
    perDay: { quotaMinutes: QUOTA_MS_PER_DAY / 60_000, rows: perDay, met: perDay.every((d) => d.quotaPct < 100) },
  };
}


export function checkBreaksTables(rows: readonly CheckBreaksMeasurement[], o: CheckBreaksBenchOptions, logColumns: number): Table[] {
  const v = verdicts(rows, logColumns);
  const sizes = [...new Set(rows.map((r) => r.logSize))].sort((a, b) => a - b);
  const largestSize = sizes[sizes.length - 1];
  const atLargest = RUN_KINDS.map((k) => typicalRun(rows, largestSize, k));
  const methods = [...new Set(atLargest.flatMap((r) => Object.keys(r.sheetCallsByMethod)))].sort();
  const pct = (x: number) => `${round(x, 1)}%`;
  const n = (x: number) => x.toLocaleString('en-US');
  const waited = median(rows.filter((r) => r.pushed > 0).map((r) => r.waitedMs));
  return [
    {
      title: `One checkBreaks run, ${o.employees} employees, by Log size (projected on Google by the latency model)`,
      columns: ['Log rows', 'run', 'new Log rows read', 'calls', 'sheet calls', 'cells read', 'cells written', 'projected ms', 'violations new', 'alerts pushed'],
      rows: sizes.flatMap((size) =>
        RUN_KINDS.map((k) => typicalRun(rows, size, k)).map((r) => [r.logSize, KIND_LABEL[r.kind], r.newLogRows, r.calls, r.sheetCalls, r.cellsRead, r.cellsWritten, Math.round(r.projectedMs), r.violationsNew, r.pushed]),
      ),
      notes: [
        ...v.flat.kinds.map(
          (f) =>
            `Flat, ${KIND_LABEL[f.kind]}: sheet calls ${f.sheetCalls.join(' -> ')}, cells read ${f.cellsRead.map(n).join(' -> ')}, projected ${f.projectedMs.map((x) => n(Math.round(x))).join(' -> ')} ms (${pct(f.projectedGrowthPct)}) from ${n(sizes[0])} to ${n(largestSize)} Log rows -> ${f.met ? 'MET' : 'NOT MET'}`,
        ),
        `Busy: before the run, each of the ${o.employees} employees synced ${o.changesPerEmployee} status changes through the web app, spread over the 5 minutes (one in ${BREAK_EVERY} a short break, which the rules flag and the trigger alerts and pushes; the others a meeting). ${o.busyRunsEach} run(s) of each busy kind, the median shown.`,
        'Reference cached / re-read: the reference tabs (Employees, Groups, Statuses, Rules, Schedule) come from the script cache for 5 minutes, the check interval. A run that comes first after the entry expired reads them and caches them again.',
        `Projected ms leaves out the wall time of the push to the loopback bot (median ${Math.round(waited || 0)} ms on this machine); the model's urlFetchAll figure stands for the round trip to a real bot.`,
        'Sheet calls: Spreadsheet service calls that reach the document (bench/lib/call-split.ts).',
      ],
    },
    {
      title: `Trigger time per day against the consumer quota of ${v.perDay.quotaMinutes} minutes`,
      columns: ['interval', 'runs a day', 'case', 'ms a run', 'minutes a day', 'of the quota'],
      rows: v.perDay.rows.map((d) => [d.interval, d.runs, d.run, Math.round(d.runMs), round(d.minutes, 1), pct(d.quotaPct)]),
      notes: [
        'Each kind of run is charged at its most expensive Log size. "Every run busy" all day is an upper bound; the last line of each interval mixes them (ms a run is then the average).',
        `Within the quota in every case at both intervals -> ${v.perDay.met ? 'MET' : 'NOT MET'}. dailyRollover and archive draw on the same 90 minutes.`,
      ],
    },
    {
      title: `Sheet calls by method, one run at a Log of ${n(largestSize)} rows`,
      columns: ['method', ...RUN_KINDS.map((k) => KIND_LABEL[k])],
      rows: methods.map((m) => [m, ...atLargest.map((r) => r.sheetCallsByMethod[m] ?? 0)]),
    },
  ];
}

export async function runCheckBreaksBench(o: CheckBreaksBenchOptions, log: (m: string) => void = () => {}): Promise<BenchReport> {
  const rows: CheckBreaksMeasurement[] = [];
  for (const size of o.logSizes) rows.push(...(await measureAtLogSize(size, o, log)));
  const logColumns = TABS.Log.columns.length;
  return {
    name: 'check-breaks',
    title: 'checkBreaks cost per run against the Log size, and per day against the trigger quota',
    tables: checkBreaksTables(rows, o, logColumns),
    data: { options: o, intervalMinutes: INTERVAL_MS / 60_000, runsPerDay: RUNS_PER_DAY, verdicts: verdicts(rows, logColumns), measurements: rows },
  };
}

export const checkBreaksBench: Bench = {
  name: 'check-breaks',
  title: 'checkBreaks: 200 employees, Log of 0 to 500k rows, trigger time per day',
  expected: 'about 1-2 min',
  run: (ctx) => runCheckBreaksBench(SIZES[ctx.size], ctx.log),
};
