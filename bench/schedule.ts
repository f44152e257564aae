// `schedule` (issue 10): what the schedule ops cost on Google, by the emulator's counts, and how fast the
// break planner is on this machine beside a naive first-fit placement.
//
// Projected on Google: the real bundle runs in the runtime over a workbook set up by the product's own
// `setup` and `seedDemoData`, the team topped up (200 for the full run), and the Schedule holding either
// just the demo week or a year of everyone's shifts before it. Each op is one `adminRpc` execution as the
// owner, with the reference cache warm: importing a month's grid for the whole team in one commit, the same
// grid again (which changes nothing), the editor's read of the month, a one-cell save, and planning and
// writing a day's breaks for every group. "Sheet calls" are defined in bench/lib/call-split.ts.
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
import { openDemoOffice, topUpTeam } from './lib/product-workbook.ts';
import { machineInfo, type Bench, type BenchContext, type BenchReport } from './lib/report.ts';
import { appendRecords, headerOf, readRecords, sheetNamed } from './lib/workbook.ts';
import { percentile, round } from './lib/timing.ts';

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
  full: { people: 200, days: 31, historyDays: [0, 365], planGroups: 4, planPerGroup: 50, planCap: 10, planRuns: 15 },
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

async function measureOps(o: ScheduleBenchOptions, historyDays: number, log: (m: string) => void): Promise<OpFigures[]> {
  const { runtime, store, close } = await openDemoOffice('schedule');
  try {
    const team = topUpTeam(store, o.people).slice(0, o.people);
    const names = new Map(readRecords(store, 'Employees').map((r) => [String(r.id), String(r.name)]));
    setCaps(store);
    const historyRows = fillSchedule(store, team.map((m) => m.id), historyDays);
    log(`team ${team.length}, Schedule history ${historyRows} rows`);
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
    return out;
  } finally {
    await close();
  }
}

/** `days` of shifts for everyone before December 2026, straight into the store (as a year of use leaves it). */
function fillSchedule(store: MemoryWorkbookStore, ids: string[], days: number): number {
  const count = ids.length * days;
  appendRecords(store, 'Schedule', count, (k) => {
    const date = addDays('2026-11-30', -days + Math.floor(k / ids.length) - 6);
    return { date, employee_id: ids[k % ids.length], shift_start: '09:00', shift_end: '18:00', breaks: 'break 11:00 15; lunch 13:00 60; break 16:00 15', day: '' };
  });
  return count;
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
  for (const h of o.historyDays) runs.push(await measureOps(o, h, log));
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
        title: `Schedule ops, projected on Google: ${o.people} people, a grid of ${o.days} days; the Schedule holding ${runs.map((r) => `${r[0].historyRows} rows`).join(', then ')} before`,
        columns: ['step', 'op', 'Schedule rows before', 'result', 'sheet calls', 'cells read', 'cells written', 'projected ms', 'days changed'],
        rows: runs.flat().map((f) => [f.step, f.op, f.historyRows, f.ok ? 'ok' : `error: ${(f.error ?? '').slice(0, 60)}`, f.sheetCalls, f.cellsRead, f.cellsWritten, round(f.projectedMs, 0), f.written]),
        notes: [
          `Budget of one import commit (issue 10): at most ${IMPORT_SHEET_CALLS} sheet calls and ${IMPORT_PROJECTED_MS / 1000} s projected: ${withinBudget ? 'met' : 'NOT met'} at every Schedule size.`,
          'The ops read the whole Schedule tab (one call), so cells read grow with its rows; keeping it small is the archive\'s job.',
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
    data: { runs, placements, machine: await machineInfo(), options: o },
  };
}

export const scheduleBench: Bench = {
  name: 'schedule',
  title: 'schedule ops (import, editor, planner) on Google, and the break planner on this machine',
  expected: 'about 1 minute',
  run: (ctx) => runScheduleBench(SIZES[ctx.size], ctx.log),
};
