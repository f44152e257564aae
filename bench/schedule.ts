// `schedule` (issues 10 and 12): what the schedule ops cost on Google, by the emulator's counts; what the
// frequent readers of the Schedule (sync, checkBreaks) cost with a month and with a year of shifts in it; and
// how fast the break planner is on this machine beside a naive first-fit placement.
//
// Projected on Google: the real bundle runs in the runtime over a workbook set up by the product's own
// `setup` and `seedDemoData`, the team topped up (200 for the full run) with today's shift each, and the
// Schedule holding a month or a year of everyone's shifts before the demo week, above it in the tab (as a
// year of monthly imports leaves it). The archive's daily run then runs once, as its trigger would, with a
// retention longer than the history (so nothing moves): it writes the Schedule's row index, as it does every
// night. Then, for each size:
//   - a sync of one entry and a quiet checkBreaks, each on a reference-cache miss (the 5-minute entry has
//     expired) and warm: the readers whose Schedule reads must not grow with the tab (issue 12);
//   - each schedule op as one `adminRpc` execution of the owner with the reference cache warm: importing a
//     month's grid for the whole team in one commit, the same grid again (which changes nothing), the
//     editor's read of the month, a one-cell save, and planning and writing a day's breaks for every group.
// "Sheet calls" are defined in bench/lib/call-split.ts.
//
// This machine: the planner (domain/planner) placing a day's breaks for 200 people in 4 groups of 50 with
// staggered starts, timed, beside two placements that do not look at the group: first fit (each break at
// the earliest start its own shift's rules allow) and each person's ideal times (the planner without a cap).
import { performance } from 'node:perf_hooks';
import type { AdminOp } from '../common/admin-api.ts';
import { planGroup, breakStart, span } from '../appsscript/src/domain/planner/plan-group.ts';
import { needsOf } from '../appsscript/src/domain/planner/needs.ts';
import { DEMO_RULES, DEMO_STATUSES } from '../appsscript/src/domain/demo-team.ts';
import { addDays } from '../appsscript/src/domain/calendar.ts';
import type { PlannedBreakRow, Shift } from '../appsscript/src/domain/model.ts';
import { callFigures, type CallFigures } from './lib/call-split.ts';
import type { MemoryWorkbookStore } from '../emulator/model/memory-store.ts';
import type { Runtime } from '../emulator/runtime/runtime.ts';
import type { ExecutionStats } from '../emulator/runtime/contracts.ts';
import type { SyncReply } from '../common/api.ts';
import { spareRows as productSpareRows } from '../appsscript/src/store/port.ts';
import { INDEX_COLUMN } from '../appsscript/src/store/schedule-rows.ts';
import { openDemoOffice, topUpTeam } from './lib/product-workbook.ts';
import { machineInfo, type Bench, type BenchContext, type BenchReport } from './lib/report.ts';
import { appendRecords, dataRowCount, headerOf, readRecords, setSpareRows, sheetNamed } from './lib/workbook.ts';
import { callApi, expectOk } from './lib/runtime-api.ts';
import { percentile, round } from './lib/timing.ts';
import { atToday, giveEveryoneAShift, mintTokens, syncBatch, type Member } from './check-breaks.ts';

const OWNER = 'owner@example.com';
/** The issue's budget for importing 200 people x 31 days in one commit. */
export const IMPORT_SHEET_CALLS = 10;
export const IMPORT_PROJECTED_MS = 15_000;

export interface ScheduleBenchOptions {
  /** People in the imported grid (the team is topped up to this). */
  people: number;
  /** Days of the imported month (December 2026 from the 1st). */
  days: number;
  /** Days of everyone's shifts already in the Schedule before the month, per measured size. */
  historyDays: number[];
  /** The planner's day: groups x people per group, each group's cap. */
  planGroups: number;
  planPerGroup: number;
  planCap: number;
  /** Timed runs of each placement. */
  planRuns: number;
}

const SIZES: Record<BenchContext['size'], ScheduleBenchOptions> = {
  full: { people: 200, days: 31, historyDays: [31, 365], planGroups: 4, planPerGroup: 50, planCap: 10, planRuns: 15 },
  smoke: { people: 30, days: 7, historyDays: [0, 5], planGroups: 2, planPerGroup: 20, planCap: 4, planRuns: 2 },
};

export interface OpFigures extends CallFigures {
  step: string;
  op: AdminOp;
  historyRows: number;
  ok: boolean;
  error?: string;
  /** Cells of the Schedule the op changed (import, save, plan). */
  written: number | null;
}

/** The frequent readers of the Schedule, and the archive's daily run that keeps its index. */
export const READ_CASES = [
  "the archive's daily run (index rebuilt)",
  'sync (1 entry), reference re-read',
  'sync (1 entry), cache warm',
  'checkBreaks quiet, reference re-read',
  'checkBreaks quiet, cache warm',
  'sync (1 entry), reference re-read, no index (as before)',
] as const;
export type ReadCase = (typeof READ_CASES)[number];

export interface ReadFigures extends CallFigures {
  case: ReadCase;
  historyRows: number;
  /** Schedule rows in the tab when measured. */
  scheduleRows: number;
}

export interface PlacementFigures {
  placement: string;
  medianMs: number;
  p95Ms: number;
  placed: number;
  unplaced: number;
  /** The most of one group on break at once, and the minutes where a group is over its cap. */
  peak: number;
  minutesOverCap: number;
  /** How far lunch is from the shift's middle, on average (minutes). */
  lunchFromMiddle: number;
}

// ---- projected on Google ----

async function measureOps(o: ScheduleBenchOptions, historyDays: number, log: (m: string) => void): Promise<{ ops: OpFigures[]; reads: ReadFigures[] }> {
  const { runtime, store, clock, close } = await openDemoOffice('schedule');
  try {
    const team = topUpTeam(store, o.people).slice(0, o.people);
    const names = new Map(readRecords(store, 'Employees').map((r) => [String(r.id), String(r.name)]));
    setCaps(store);
    const today = '2026-11-24';
    giveEveryoneAShift(store, team, today);
    const historyRows = fillSchedule(store, team.map((m) => m.id), historyDays);
    log(`team ${team.length}, Schedule history ${historyRows} rows`);
    const reads = await measureReads(runtime, store, clock.now(), team, historyRows, today);
    const dates = Array.from({ length: o.days }, (_, d) => addDays('2026-12-01', d));
    const grid = [
      ['ФИО', ...dates.map((d) => `${d.slice(8)}.${d.slice(5, 7)}.${d.slice(0, 4)}`)],
      ...team.map((m, i) => [names.get(m.id) ?? m.email, ...dates.map((_, d) => ((d + i) % 7 >= 5 ? 'В' : (d + i) % 13 === 0 ? 'отп' : i % 3 === 0 ? '8-17' : '9:00-18:00'))]),
    ];
    let n = 0;
    const rid = () => `bench-schedule-${historyDays}-${++n}`;
    const steps: { step: string; op: AdminOp; payload: () => unknown }[] = [
      { step: `import ${team.length} people x ${o.days} days`, op: 'schedule.import.commit', payload: () => ({ rows: grid, mode: 'valid_only', request_id: rid() }) },
      { step: 'the same grid again', op: 'schedule.import.commit', payload: () => ({ rows: grid, mode: 'valid_only', request_id: rid() }) },
      { step: `preview of the grid`, op: 'schedule.import.preview', payload: () => ({ rows: grid }) },
      { step: `the editor's read of ${o.days} days`, op: 'schedule.get', payload: () => ({ from: dates[0], to: dates[dates.length - 1] }) },
      // An empty day after the month: no version to read first.
      { step: 'save one cell', op: 'schedule.save', payload: () => ({ changes: [{ employee_id: team[0].id, date: '2027-01-15', kind: 'sick' }], request_id: rid() }) },
      { step: "plan and write a day's breaks", op: 'schedule.plan', payload: () => ({ from: dates[1], to: dates[1], commit: true, request_id: rid() }) },
    ];
    const out: OpFigures[] = [];
    for (const s of steps) {
      await runtime.run('adminRpc', ['people.list', {}], { kind: 'rpc', activeUser: OWNER });
      const r = await runtime.run('adminRpc', [s.op, s.payload()], { kind: 'rpc', activeUser: OWNER });
      const reply = r.result?.kind === 'json' ? (JSON.parse(r.result.json) as { ok: boolean; written?: number; error?: { message: string } }) : null;
      const error = r.error ? `${r.error.name}: ${r.error.message}` : reply && !reply.ok ? reply.error?.message : undefined;
      out.push({ step: s.step, op: s.op, historyRows, ok: error === undefined, ...(error ? { error } : {}), written: reply?.written ?? null, ...callFigures([r.stats]) });
    }
    return { ops: out, reads };
  } finally {
    await close();
  }
}

/**
 * `days` of shifts for everyone before the demo week (the days up to 2026-11-23), straight into the store and
 * ABOVE the rows already there, in date order: as a year of monthly imports leaves the tab. Its grid is then
 * the rows plus the spare rows the product keeps (store/port.ts spareRows).
 */
function fillSchedule(store: MemoryWorkbookStore, ids: string[], days: number): number {
  const sheet = sheetNamed(store, 'Schedule');
  const header = headerOf(sheet);
  const existing = sheet.rows.slice(1).filter((r) => r.some((c) => c !== '' && c !== null && c !== undefined));
  const count = ids.length * days;
  const history = Array.from({ length: count }, (_, k) => {
    const rec: Record<string, string> = { date: addDays('2026-11-24', -days + Math.floor(k / ids.length)), employee_id: ids[k % ids.length], shift_start: '09:00', shift_end: '18:00', breaks: 'break 11:00 15; lunch 13:00 60; break 16:00 15', day: '' };
    return header.map((h) => rec[h] ?? '');
  });
  if (count > 0) {
    const rows = [...history, ...existing.map((r) => header.map((_, i) => r[i] ?? ''))];
    store.apply({ t: 'setValues', ss: store.activeId, sheetId: sheet.id, row: 2, col: 1, values: rows });
  }
  setSpareRows(store, 'Schedule', productSpareRows(dataRowCount(store, 'Schedule')));
  return count;
}

/**
 * The frequent readers on a reference-cache miss and warm, after the archive's daily run (which writes the
 * Schedule's index; retention set longer than the history, so it moves nothing).
 */
async function measureReads(runtime: Runtime, store: MemoryWorkbookStore, now: number, team: { id: string; email: string }[], historyRows: number, today: string): Promise<ReadFigures[]> {
  const settings = readRecords(store, 'Settings');
  if (!settings.some((r) => r.key === 'retention_days')) appendRecords(store, 'Settings', 1, () => ({ key: 'retention_days', value: String(Math.ceil(historyRows / Math.max(1, team.length)) + 60) }));
  const out: ReadFigures[] = [];
  const scheduleRows = dataRowCount(store, 'Schedule');
  const add = (c: ReadCase, stats: ExecutionStats) => out.push({ case: c, historyRows, scheduleRows, ...callFigures([stats]) });
  const run = async (fn: string): Promise<ExecutionStats> => {
    const r = await runtime.run(fn, [], { kind: 'trigger' });
    if (r.error) throw new Error(`${fn}: ${r.error.name}: ${r.error.message}`);
    return r.stats;
  };
  add("the archive's daily run (index rebuilt)", await run('archive'));

  // A working day an hour in: a few people have synced and checkBreaks has read their rows.
  const start = atToday(now, store.timeZone, '09:00');
  const members: Member[] = mintTokens(runtime, team.slice(0, 20), start + 24 * 3600_000);
  await syncBatch(runtime, members, start + 50 * 60_000, start + 55 * 60_000, () => ['work']);
  runtime.clock.set(start + 60 * 60_000);
  await run('checkBreaks');
  let t = start + 60 * 60_000;
  const sync = async (m: Member): Promise<ExecutionStats> => {
    m.seq += 1;
    runtime.clock.set(t);
    const call = await callApi<SyncReply>(runtime, { op: 'sync', token: m.token, device_id: m.deviceId, sent_at: t, entries: [{ seq: m.seq, entry_id: `${m.deviceId}-${m.seq}`, status: 'meeting', at: t - 1000 }] });
    const reply = expectOk(call, 'sync');
    if (!reply.today.schedule) throw new Error(`sync ${m.id}: no shift today (${today}) in the reply`);
    return call.stats;
  };
  t += 6 * 60_000; // the reference cache entry (5 minutes) has expired
  add('sync (1 entry), reference re-read', await sync(members[1]));
  t += 1_000;
  add('sync (1 entry), cache warm', await sync(members[2]));
  runtime.clock.set((t += 30_000));
  await run('checkBreaks'); // takes the two syncs' rows: the next runs are quiet ones
  runtime.clock.set((t += 6 * 60_000));
  add('checkBreaks quiet, reference re-read', await run('checkBreaks'));
  runtime.clock.set((t += 60_000));
  add('checkBreaks quiet, cache warm', await run('checkBreaks'));
  // What every re-read cost before the index: the Schedule read whole (the fallback when there is no index).
  const sheet = sheetNamed(store, 'Schedule');
  store.apply({ t: 'setValues', ss: store.activeId, sheetId: sheet.id, row: 1, col: INDEX_COLUMN, values: [['']] });
  t += 6 * 60_000;
  add('sync (1 entry), reference re-read, no index (as before)', await sync(members[3]));
  await run('archive'); // the next night's run writes the index again (the ops below are measured with it)
  return out;
}

/** The topped-up team all joins support-l1: a cap of one in eight of it, as a floor of that size has. */
function setCaps(store: MemoryWorkbookStore): void {
  const groups = sheetNamed(store, 'Groups');
  const cap = headerOf(groups).indexOf('max_concurrent_breaks');
  const members = readRecords(store, 'Employees').filter((r) => r.group === 'support-l1' && r.active === true).length;
  groups.rows.forEach((row, i) => {
    if (i > 0 && row[0] === 'support-l1') store.apply({ t: 'setValues', ss: store.activeId, sheetId: groups.id, row: i + 1, col: cap + 1, values: [[Math.max(3, Math.ceil(members / 8))]] });
  });
}

// ---- this machine ----

/** A day of `groups` x `perGroup` shifts of 9 hours starting 08:00 to 12:00, no breaks yet. */
export function planDay(groups: number, perGroup: number): Shift[][] {
  return Array.from({ length: groups }, (_, g) =>
    Array.from({ length: perGroup }, (_, i) => {
      const start = 8 + ((i + g) % 5);
      return { date: '2026-12-01', employee_id: `g${g}-e${String(i).padStart(3, '0')}`, shift_start: `${String(start).padStart(2, '0')}:00`, shift_end: `${String(start + 9).padStart(2, '0')}:00`, breaks: [] };
    }),
  );
}

/** Each break at the earliest start its own shift's rules allow (edges, gaps), lunch first; the group is not looked at. */
export function firstFit(shifts: readonly Shift[]): { shift: Shift; breaks: PlannedBreakRow[] }[] {
  const { needs, edge, gapOf } = needsOf('support', [...DEMO_RULES], [...DEMO_STATUSES]);
  return shifts.map((shift) => {
    const { start, end } = span(shift);
    const mine: { status: string; at: number; minutes: number }[] = [];
    for (const need of needs) {
      for (let k = 0; k < need.count; k++) {
        for (let at = Math.ceil((start + edge) / 5) * 5; at + need.minutes <= end - edge; at += 5) {
          if (mine.every((o) => at + need.minutes + Math.max(need.gap, gapOf(o.status)) <= o.at || o.at + o.minutes + Math.max(need.gap, gapOf(o.status)) <= at)) {
            mine.push({ status: need.status, at, minutes: need.minutes });
            break;
          }
        }
      }
    }
    const clock = (m: number) => `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { shift, breaks: mine.map((b) => ({ status: b.status, start: clock(b.at), minutes: b.minutes, auto: true as const })) };
  });
}

function placementFigures(name: string, times: number[], groups: { placed: { shift: Shift; breaks: PlannedBreakRow[] }[]; unplaced: number }[], cap: number): PlacementFigures {
  let peak = 0;
  let over = 0;
  const lunchDistances: number[] = [];
  for (const g of groups) {
    const load = new Map<number, number>();
    for (const p of g.placed) {
      const { start, end } = span(p.shift);
      for (const b of p.breaks) {
        const at = breakStart(p.shift, b);
        for (let m = at; m < at + b.minutes; m++) load.set(m, (load.get(m) ?? 0) + 1);
        if (b.status === 'lunch') lunchDistances.push(Math.abs(at + b.minutes / 2 - (start + end) / 2));
      }
    }
    for (const c of load.values()) {
      peak = Math.max(peak, c);
      if (c > cap) over++;
    }
  }
  return {
    placement: name,
    medianMs: round(percentile(times, 50), 2),
    p95Ms: round(percentile(times, 95), 2),
    placed: groups.reduce((a, g) => a + g.placed.length, 0),
    unplaced: groups.reduce((a, g) => a + g.unplaced, 0),
    peak,
    minutesOverCap: over,
    lunchFromMiddle: lunchDistances.length ? round(lunchDistances.reduce((a, b) => a + b, 0) / lunchDistances.length, 1) : 0,
  };
}

export function measurePlacements(o: ScheduleBenchOptions): PlacementFigures[] {
  const day = planDay(o.planGroups, o.planPerGroup);
  const run = (place: (shifts: Shift[]) => { placed: { shift: Shift; breaks: PlannedBreakRow[] }[]; unplaced: number }) => {
    const times: number[] = [];
    let result: { placed: { shift: Shift; breaks: PlannedBreakRow[] }[]; unplaced: number }[] = [];
    for (let r = 0; r < o.planRuns; r++) {
      const t = performance.now();
      result = day.map(place);
      times.push(performance.now() - t);
    }
    return { times, result };
  };
  const plan = (cap: number | null) => (shifts: Shift[]) => {
    const p = planGroup({ shifts, ruleSet: 'support', rules: [...DEMO_RULES], statuses: [...DEMO_STATUSES], cap });
    return { placed: p.placed, unplaced: p.unplaced.length };
  };
  const planner = run(plan(o.planCap));
  const naive = run((shifts) => ({ placed: firstFit(shifts), unplaced: 0 }));
  const ideal = run(plan(null));
  return [
    placementFigures('the planner (domain/planner)', planner.times, planner.result, o.planCap),
    placementFigures('first fit, group not looked at', naive.times, naive.result, o.planCap),
    placementFigures('ideal times, group not looked at', ideal.times, ideal.result, o.planCap),
  ];
}

// ---- the report ----

export async function runScheduleBench(o: ScheduleBenchOptions, log: (m: string) => void = () => {}): Promise<BenchReport> {
  const runs: OpFigures[][] = [];
  const reads: ReadFigures[] = [];
  for (const h of o.historyDays) {
    const m = await measureOps(o, h, log);
    runs.push(m.ops);
    reads.push(...m.reads);
  }
  const sizes = o.historyDays.map((_, i) => reads.filter((r) => r.historyRows === runs[i][0].historyRows));
  const frequent = READ_CASES.filter((c) => !c.startsWith('the archive') && !c.includes('no index'));
  const flat = frequent.every((c) => {
    const figures = sizes.map((rows) => rows.find((r) => r.case === c));
    return figures.every((f) => f && f.sheetCalls === figures[0]?.sheetCalls && f.cellsRead === figures[0]?.cellsRead);
  });
  const placements = measurePlacements(o);
  const importRuns = runs.map((r) => r[0]);
  const withinBudget = importRuns.every((f) => f.ok && f.sheetCalls <= IMPORT_SHEET_CALLS && f.projectedMs <= IMPORT_PROJECTED_MS);
  const planner = placements[0];
  const naive = placements[1];
  return {
    name: 'schedule',
    title: scheduleBench.title,
    tables: [
      {
        title: `Sync and checkBreaks, projected on Google: ${o.people} people, the Schedule holding ${runs.map((r) => `${r[0].historyRows} rows`).join(', then ')} of history before the demo week`,
        columns: ['case', 'Schedule rows of history', 'Schedule rows in all', 'sheet calls', 'cells read', 'cells written', 'projected ms'],
        rows: reads.map((r) => [r.case, r.historyRows, r.scheduleRows, r.sheetCalls, r.cellsRead, r.cellsWritten, round(r.projectedMs, 0)]),
        notes: [
          `The same sheet calls and cells read at every Schedule size (issue 12: reads bounded by the dates read, not the tab's history): ${flat ? 'yes' : 'NO'}.`,
          'A reference re-read reads the Schedule in two sheet calls: its row 1 (header, row index, edit mark), then the rows of yesterday..tomorrow with the rows after them and the spare rows below the last one (one run).',
          "The archive's daily run reads the whole Schedule once (under the lock) and writes its index: the only read of the tab's history, once a day.",
          'No index (as before): the same re-read with the index cell cleared, so the Schedule is read whole, as every reader did before issue 12 (and as a reader still does when the index cannot be trusted).',
        ],
      },
      {
        title: `Schedule ops, projected on Google: ${o.people} people, a grid of ${o.days} days; the Schedule holding ${runs.map((r) => `${r[0].historyRows} rows`).join(', then ')} before`,
        columns: ['step', 'op', 'Schedule rows before', 'result', 'sheet calls', 'cells read', 'cells written', 'projected ms', 'days changed'],
        rows: runs.flat().map((f) => [f.step, f.op, f.historyRows, f.ok ? 'ok' : `error: ${(f.error ?? '').slice(0, 60)}`, f.sheetCalls, f.cellsRead, f.cellsWritten, round(f.projectedMs, 0), f.written]),
        notes: [
          `Budget of one import commit (issue 10): at most ${IMPORT_SHEET_CALLS} sheet calls and ${IMPORT_PROJECTED_MS / 1000} s projected: ${withinBudget ? 'met' : 'NOT met'} at every Schedule size.`,
          'The ops read their dates (and the days beside them) through the row index, not the whole tab: the cells read do not grow with the history.',
        ],
      },
      {
        title: `A day's breaks for ${o.planGroups * o.planPerGroup} people (${o.planGroups} groups of ${o.planPerGroup}, starts 08:00-12:00, 9 h, support rules, cap ${o.planCap}), this machine, ${o.planRuns} runs`,
        columns: ['placement', 'median ms', 'p95 ms', 'shifts placed', 'unplaced', 'most on break at once', 'minutes over the cap', 'lunch from the middle (min)'],
        rows: placements.map((p) => [p.placement, p.medianMs, p.p95Ms, p.placed, p.unplaced, p.peak, p.minutesOverCap, p.lunchFromMiddle]),
        notes: [
          `The planner's minutes over the cap: ${planner.minutesOverCap} (first fit's: ${naive.minutesOverCap}).`,
          'Times are wall clock on this machine; the planner runs inside one schedule.plan execution.',
        ],
      },
    ],
    data: { runs, reads, placements, machine: await machineInfo(), options: o },
  };
}

export const scheduleBench: Bench = {
  name: 'schedule',
  title: 'schedule ops (import, editor, planner) and the Schedule readers (sync, checkBreaks) on Google by history size; the break planner on this machine',
  expected: 'about 15 seconds',
  run: (ctx) => runScheduleBench(SIZES[ctx.size], ctx.log),
};
