// `reports` (issue 12): what the analytics ops cost on Google, by the emulator's counts.
//
// The real bundle runs in the runtime over a workbook set up by the product's own `setup` and `seedDemoData`,
// the team topped up (200 for the full run), and the Daily tab holding a year of everyone's consolidated days
// (each with its timeline, as the rollover writes them) and the index the rollover keeps. Each op is one
// `adminRpc` execution as the owner, the reference cache warm (a dialog open all day): the summary and the
// series of a month and of a year, with the Log empty and with 200,000 rows in it (the figures must not
// move: the reports never read Log), and a month found without the index (from the date column). Then the
// archive's nightly run with Daily kept `keepMonths` months moves the oldest months to their archive
// workbooks (tab Daily), and the year is asked again: its older months come from one read per archive.
import type { AdminOp } from '../common/admin-api.ts';
import { addDays } from '../appsscript/src/domain/calendar.ts';
import { DAILY_INDEX_KEY, formatDailyIndex } from '../appsscript/src/store/daily-index.ts';
import { callFigures, type CallFigures } from './lib/call-split.ts';
import type { MemoryWorkbookStore } from '../emulator/model/memory-store.ts';
import { fillLog, historyStart, openDemoOffice, statusCodes, topUpTeam, type TeamMember } from './lib/product-workbook.ts';
import { machineInfo, type Bench, type BenchContext, type BenchReport } from './lib/report.ts';
import { appendRecords, dataRowCount, headerOf, readRecords, sheetNamed, type TabRecord } from './lib/workbook.ts';
import type { Runtime } from '../emulator/runtime/runtime.ts';
import type { ExecutionStats } from '../emulator/runtime/contracts.ts';
import { round } from './lib/timing.ts';

const OWNER = 'owner@example.com';
/** The issue's budgets. */
export const MONTH_SHEET_CALLS = 4;
export const MONTH_PROJECTED_MS = 3_000;
export const YEAR_PROJECTED_MS = 20_000;

export interface ReportsBenchOptions {
  people: number;
  /** Days of consolidated history in Daily, ending the day before the clock's day (2026-11-24). */
  historyDays: number;
  /** The "month" measured: its last days of the history. */
  monthDays: number;
  logRows: number[];
  /** Settings daily_keep_months for the archived case: the months before it come from archive workbooks. */
  keepMonths: number;
}

const SIZES: Record<BenchContext['size'], ReportsBenchOptions> = {
  full: { people: 200, historyDays: 365, monthDays: 30, logRows: [0, 200_000], keepMonths: 3 },
  smoke: { people: 20, historyDays: 70, monthDays: 7, logRows: [0, 500], keepMonths: 1 },
};

export interface ReportOpFigures extends CallFigures {
  step: string;
  op: AdminOp;
  logRows: number;
  ok: boolean;
  error?: string;
  rows: number | null;
}

const LAST_DAY = '2026-11-23';
const MIN = 60_000;

/** A consolidated day as the rollover writes it: a 9-hour shift with two breaks and lunch, and its timeline. */
function dailyRecord(date: string, member: TeamMember, k: number): TabRecord {
  const start = Date.parse(`${date}T06:00:00Z`) + (k % 4) * 30 * MIN; // 09:00-10:30 Moscow
  const over = k % 11 === 0 ? 6 : 0;
  const seg = (status: string, from: number, to: number) => ({ status, start: start + from * MIN, end: start + to * MIN, source: 'web' });
  const timeline = {
    schedule: {
      shift_start: start,
      shift_end: start + 540 * MIN,
      breaks: [
        { status: 'break', start: start + 120 * MIN, minutes: 15 },
        { status: 'lunch', start: start + 240 * MIN, minutes: 60 },
        { status: 'break', start: start + 420 * MIN, minutes: 15 },
      ],
    },
    segments: [
      seg('work', 0, 120), seg('break', 120, 135 + over), seg('work', 135 + over, 240), seg('lunch', 240, 300), seg('work', 300, 420),
      seg('break', 420, 435), seg('work', 435, 540), { status: 'offline', start: start + 540 * MIN, end: null, source: 'web' },
    ],
  };
  return {
    date: new Date(`${date}T00:00:00Z`),
    employee_id: member.id,
    scheduled_min: 450,
    worked_min: 450 - over,
    break_min: 30 + over,
    lunch_min: 60,
    other_min: 0,
    adherence_pct: over > 0 ? 97.8 : 100,
    conformance_pct: over > 0 ? 98.7 : 100,
    violations: over > 0 ? 1 : 0,
    first_in: new Date(start),
    last_out: new Date(start + 540 * MIN),
    timeline: JSON.stringify(timeline),
    group: 'support-l1',
    planned_break_min: 30,
    planned_lunch_min: 60,
    overruns: over > 0 ? 1 : 0,
    overrun_min: over > 0 ? 4 : 0,
    late_start_min: 0,
    early_leave_min: 0,
    violation_types: over > 0 ? 'break_overrun:1' : '',
  };
}

/** `days` of everyone's consolidated days ending LAST_DAY, and the index the rollover would have kept. */
function fillDaily(store: MemoryWorkbookStore, team: TeamMember[], days: number): number {
  const first = addDays(LAST_DAY, -(days - 1));
  const before = dataRowCount(store, 'Daily');
  appendRecords(store, 'Daily', team.length * days, (k) => dailyRecord(addDays(first, Math.floor(k / team.length)), team[k % team.length], k), 20_000);
  const index = new Map<string, readonly [number, number]>();
  for (let d = 0; d < days; d++) index.set(addDays(first, d), [before + 2 + d * team.length, team.length]);
  setSetting(store, DAILY_INDEX_KEY, formatDailyIndex(index));
  return team.length * days;
}

function setSetting(store: MemoryWorkbookStore, key: string, value: string): void {
  const sheet = sheetNamed(store, 'Settings');
  const header = headerOf(sheet);
  const at = sheet.rows.findIndex((r, i) => i > 0 && r[0] === key);
  const row = at > 0 ? at + 1 : sheet.rows.length + 1;
  const values = header.map((h) => (h === 'key' ? key : h === 'value' ? value : ''));
  store.apply({ t: 'setValues', ss: store.activeId, sheetId: sheet.id, row, col: 1, values: [values] });
}

async function measure(o: ReportsBenchOptions, logRows: number, log: (m: string) => void): Promise<ReportOpFigures[]> {
  const { runtime, store, close } = await openDemoOffice('reports');
  try {
    const team = topUpTeam(store, o.people).slice(0, o.people);
    const dailyRows = fillDaily(store, team, o.historyDays);
    fillLog(store, logRows, { team, statuses: statusCodes(store), oldest: historyStart(logRows, Date.UTC(2026, 10, 24, 7, 0)) });
    log(`team ${team.length}, Daily ${dailyRows} rows, Log ${logRows} rows`);
    const month = { from: addDays(LAST_DAY, -(o.monthDays - 1)), to: LAST_DAY };
    const year = { from: addDays(LAST_DAY, -(o.historyDays - 1)), to: LAST_DAY };
    const steps: { step: string; op: AdminOp; payload: unknown; before?: () => void }[] = [
      { step: `summary of ${o.monthDays} days`, op: 'reports.summary', payload: month },
      { step: `series of ${o.monthDays} days`, op: 'reports.series', payload: month },
      { step: `summary of ${o.historyDays} days`, op: 'reports.summary', payload: year },
      { step: `series of ${o.historyDays} days`, op: 'reports.series', payload: year },
      { step: `summary of ${o.monthDays} days, no index (date column)`, op: 'reports.summary', payload: month, before: () => setSetting(store, DAILY_INDEX_KEY, '') },
    ];
    // Once per setting: the archive moves Daily's old months (the index is put back first: it is what the
    // rollover keeps), then the same year and month are asked again.
    const indexText = String(readRecords(store, 'Settings').find((r) => r.key === DAILY_INDEX_KEY)?.value ?? '');
    if (logRows === o.logRows[0]) {
      steps.push(
        {
          step: `archive run(s): Daily kept ${o.keepMonths} month(s)`,
          op: 'reports.summary',
          payload: null,
          before: () => {
            setSetting(store, DAILY_INDEX_KEY, indexText);
            setSetting(store, 'daily_keep_months', String(o.keepMonths));
          },
        },
        { step: `summary of ${o.historyDays} days, the oldest months archived`, op: 'reports.summary', payload: year },
        { step: `series of ${o.historyDays} days, the oldest months archived`, op: 'reports.series', payload: year },
        { step: `summary of ${o.monthDays} days, after the archive`, op: 'reports.summary', payload: month },
      );
    }
    const out: ReportOpFigures[] = [];
    for (const s of steps) {
      s.before?.();
      if (s.payload === null) {
        out.push(await archiveUntilDone(runtime, store, s.step, logRows, log));
        continue;
      }
      await runtime.run('adminRpc', ['people.list', {}], { kind: 'rpc', activeUser: OWNER });
      const r = await runtime.run('adminRpc', [s.op, s.payload], { kind: 'rpc', activeUser: OWNER });
      const reply = r.result?.kind === 'json' ? (JSON.parse(r.result.json) as { ok: boolean; rows?: unknown[]; days?: unknown[]; error?: { message: string } }) : null;
      const error = r.error ? `${r.error.name}: ${r.error.message}` : reply && !reply.ok ? reply.error?.message : undefined;
      out.push({ step: s.step, op: s.op, logRows, ok: error === undefined, ...(error ? { error } : {}), rows: (reply?.rows ?? reply?.days)?.length ?? null, ...callFigures([r.stats]) });
    }
    return out;
  } finally {
    await close();
  }
}

/** The archive's nightly run and its continuations until done; their calls and projected time added up. */
async function archiveUntilDone(runtime: Runtime, store: MemoryWorkbookStore, step: string, logRows: number, log: (m: string) => void): Promise<ReportOpFigures> {
  const before = dataRowCount(store, 'Daily');
  const stats: ExecutionStats[] = [];
  let error: string | undefined;
  for (let i = 0; i < 8; i++) {
    const r = await runtime.run('archive', [], { kind: 'trigger' });
    stats.push(r.stats);
    if (r.error) {
      error = `${r.error.name}: ${r.error.message}`;
      break;
    }
    const reply = r.result?.kind === 'json' ? (JSON.parse(r.result.json) as { status?: string }) : null;
    if (reply?.status !== 'continues') break;
    runtime.clock.set(runtime.clock.now() + 2 * 60_000);
  }
  const moved = before - dataRowCount(store, 'Daily');
  log(`archive: ${moved} Daily rows moved in ${stats.length} run(s)`);
  return { step: `${step} (${stats.length} run(s))`, op: 'reports.summary', logRows, ok: error === undefined, ...(error ? { error } : {}), rows: moved, ...callFigures(stats) };
}

export async function runReportsBench(o: ReportsBenchOptions, log: (m: string) => void = () => {}): Promise<BenchReport> {
  const runs: ReportOpFigures[][] = [];
  for (const l of o.logRows) runs.push(await measure(o, l, log));
  const flat = runs.flat();
  const months = flat.filter((f) => f.step.startsWith('summary of') && f.step.endsWith(`${o.monthDays} days`));
  const years = flat.filter((f) => f.step.includes(`${o.historyDays} days`));
  const archivedYears = years.filter((f) => f.step.includes('archived'));
  const monthOk = months.every((f) => f.ok && f.sheetCalls <= MONTH_SHEET_CALLS && f.projectedMs <= MONTH_PROJECTED_MS);
  const yearOk = years.every((f) => f.ok && f.projectedMs <= YEAR_PROJECTED_MS);
  const same = runs.every((r) => r.every((f, i) => f.sheetCalls === runs[0][i].sheetCalls && f.cellsRead === runs[0][i].cellsRead));
  return {
    name: 'reports',
    title: reportsBench.title,
    tables: [
      {
        title: `Reports, projected on Google: ${o.people} people, Daily holding ${o.historyDays} days of everyone (with timelines)`,
        columns: ['step', 'op', 'Log rows', 'result', 'people / days', 'sheet calls', 'cells read', 'projected ms'],
        rows: flat.map((f) => [f.step, f.op, f.logRows, f.ok ? 'ok' : `error: ${(f.error ?? '').slice(0, 60)}`, f.rows, f.sheetCalls, f.cellsRead, round(f.projectedMs, 0)]),
        notes: [
          `A month (issue 12): at most ${MONTH_SHEET_CALLS} sheet calls and ${MONTH_PROJECTED_MS / 1000} s projected: ${monthOk ? 'met' : 'NOT met'}.`,
          `A year: at most ${YEAR_PROJECTED_MS / 1000} s projected: ${yearOk ? 'met' : 'NOT met'}.`,
          `The same sheet calls and cells read whatever the Log holds (the reports never read it): ${same ? 'yes' : 'NO'}.`,
          `A year with its oldest months in archive workbooks (Daily kept ${o.keepMonths} month(s); one open and one read per archived month): ${
            archivedYears.length === 0 ? 'not measured' : archivedYears.every((f) => f.ok && f.projectedMs <= YEAR_PROJECTED_MS) ? `under ${YEAR_PROJECTED_MS / 1000} s` : `NOT under ${YEAR_PROJECTED_MS / 1000} s`
          }.`,
        ],
      },
    ],
    data: { runs, machine: await machineInfo(), options: o },
  };
}

export const reportsBench: Bench = {
  name: 'reports',
  title: 'analytics ops (summary, series) on Google over a year of Daily',
  expected: 'about 1 minute',
  run: (ctx) => runReportsBench(SIZES[ctx.size], ctx.log),
};
