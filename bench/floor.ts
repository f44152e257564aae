// `floor` (issue 11): what one refresh of the live floor costs on Google, by the emulator's counts, for 200
// people on shift, as the Log grows; and what trimming the grids (services/grids.ts) saves the frequent
// paths that read tabs whole: floor.now, a sync and a quiet checkBreaks, before and after.
//
// For each Log size a fresh workbook is set up by the product's own `setup` and `seedDemoData`, the team is
// topped up to 200 with today's shift each, and the Log filled with history directly in the store. The day
// is then played through the product's web app: everyone arrives at the shift's start, a tenth go on a
// break two hours in and stay 25 minutes (over their 15 + 2), checkBreaks runs as its trigger would. Each
// floor.now is one `adminRpc` execution as the lead of support-l1 (the topped-up team joins that group) or
// as the owner, from a sidebar through google.script.run. "Sheet calls" are defined in bench/lib/call-split.ts.
//
// Before/after: "after" is each tab read whole with its rows and the spare rows setup and the port leave
// (store/port.ts spareRows); "before" is the same workbook with the 1,000-row grids a new sheet has (and a
// tab longer than that ending at its data), as every workbook had before this change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../emulator/clock.ts';
import { MemoryWorkbookStore } from '../emulator/model/memory-store.ts';
import { toWallMs } from '../emulator/model/timezone.ts';
import { Runtime } from '../emulator/runtime/runtime.ts';
import type { ExecutionStats } from '../emulator/runtime/contracts.ts';
import type { AdminReplies } from '../common/admin-api.ts';
import type { SyncReply } from '../common/api.ts';
import { TABS, TAB_ORDER } from '../appsscript/src/store/schema.ts';
import { spareRows as productSpareRows } from '../appsscript/src/store/port.ts';
import { callFigures, type CallFigures } from './lib/call-split.ts';
import { fillLog, historyStart, setUpProductWorkbook, statusCodes, topUpTeam } from './lib/product-workbook.ts';
import type { Bench, BenchContext, BenchReport } from './lib/report.ts';
import { callApi, expectOk } from './lib/runtime-api.ts';
import { dataRowCount, setSpareRows, sheetNamed } from './lib/workbook.ts';
import { round } from './lib/timing.ts';
import { atToday, giveEveryoneAShift, mintTokens, syncBatch, type Member } from './check-breaks.ts';

export interface FloorBenchOptions {
  logSizes: number[];
  employees: number;
}

const SIZES: Record<BenchContext['size'], FloorBenchOptions> = {
  full: { logSizes: [0, 200_000], employees: 200 },
  smoke: { logSizes: [0, 300], employees: 40 },
};

/** The budget for one refresh of the floor, 200 people. */
export const FLOOR_SHEET_CALL_BUDGET = 3;
export const FLOOR_PROJECTED_MS_BUDGET = 1000;

const OWNER = 'owner@example.com';
/** support-l1's lead in the demo team; the topped-up people join support-l1 (they copy its first member). */
const LEAD = 'dmitry.petrov@example.com';
const DAY_MS = 24 * 3600_000;

export type Grids = 'before' | 'after';
export const FLOOR_CASES = ['floor.now lead, cache warm', 'floor.now owner, cache warm', 'floor.now lead, reference re-read', 'sync (1 entry)', 'checkBreaks quiet, cache warm', 'checkBreaks quiet, reference re-read'] as const;
export type FloorCase = (typeof FLOOR_CASES)[number];

export interface FloorMeasurement extends CallFigures {
  logSize: number;
  grids: Grids;
  case: FloorCase;
  /** floor.now: people on the board, and how many of them over a limit. */
  rows?: number;
  over?: number;
}

async function adminCall(runtime: Runtime, as: string): Promise<{ reply: AdminReplies['floor.now']; stats: ExecutionStats }> {
  const r = await runtime.run('adminRpc', ['floor.now', {}], { kind: 'rpc', activeUser: as });
  if (r.error) throw new Error(`floor.now as ${as}: ${r.error.name}: ${r.error.message}`);
  const reply = r.result?.kind === 'json' ? (JSON.parse(r.result.json) as { ok: boolean; error?: { message: string } } & AdminReplies['floor.now']) : null;
  if (!reply?.ok) throw new Error(`floor.now as ${as}: ${reply?.error?.message ?? 'no reply'}`);
  return { reply, stats: r.stats };
}

async function check(runtime: Runtime): Promise<ExecutionStats> {
  const r = await runtime.run('checkBreaks', [], { kind: 'trigger' });
  if (r.error) throw new Error(`checkBreaks: ${r.error.name}: ${r.error.message}`);
  return r.stats;
}

/** Every tab read whole gets `grids` rows: its rows plus the product's spare (after), or a new sheet's 1,000 (before). */
function shapeGrids(store: MemoryWorkbookStore, grids: Grids): void {
  for (const tab of TAB_ORDER) {
    const spec: { name: string; history?: boolean } = TABS[tab];
    if (spec.history) continue;
    const rows = dataRowCount(store, spec.name) + 1;
    const spare = grids === 'after' ? productSpareRows(rows - 1) : Math.max(0, 1000 - rows);
    setSpareRows(store, spec.name, spare);
  }
}

async function measureAtLogSize(logSize: number, o: FloorBenchOptions, log: (m: string) => void): Promise<FloorMeasurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wtt-bench-floor-'));
  const store = new MemoryWorkbookStore();
  const clock = new Clock();
  clock.set(atToday(Date.now(), store.timeZone, '08:00'), { frozen: true });
  const runtime = await Runtime.open({ workbookFile: join(dataDir, 'workbook.xlsx'), clock, workbooks: store });
  try {
    await setUpProductWorkbook(runtime);
    const today = new Date(Math.floor(toWallMs(clock.now(), store.timeZone) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
    const team = topUpTeam(store, o.employees).slice(0, o.employees);
    const shift = giveEveryoneAShift(store, team, today);
    if (!statusCodes(store).includes('break')) throw new Error('the demo Statuses lack break');
    log(`Log ${logSize.toLocaleString('en-US')} rows: filling…`);
    fillLog(store, logSize, { team, statuses: statusCodes(store), oldest: historyStart(logSize, clock.now()) });

    // Everyone arrives; the trigger catches up; two hours in a tenth go on a break and forget to come back.
    const start = atToday(clock.now(), store.timeZone, shift.start);
    const members: Member[] = mintTokens(runtime, team, start + DAY_MS);
    await syncBatch(runtime, members, start - 60_000, start, () => ['work']);
    clock.set(start + 5 * 60_000);
    await check(runtime);
    const breakAt = start + 2 * 3600_000;
    await syncBatch(runtime, members.filter((_, i) => i % 10 === 0), breakAt - 60_000, breakAt, () => ['break']);
    clock.set(breakAt + 5 * 60_000);
    await check(runtime);

    const out: FloorMeasurement[] = [];
    let t = breakAt + 25 * 60_000;
    for (const grids of ['after', 'before'] as const) {
      shapeGrids(store, grids);
      const add = (c: FloorCase, stats: ExecutionStats, board?: AdminReplies['floor.now']) =>
        out.push({ logSize, grids, case: c, ...callFigures([stats]), ...(board ? { rows: board.rows.length, over: board.rows.filter((r) => r.state === 'over').length } : {}) });

      // The last request was minutes ago: the reference cache entry (5 minutes) has expired.
      clock.set((t += 6 * 60_000));
      const cold = await adminCall(runtime, LEAD);
      add('floor.now lead, reference re-read', cold.stats, cold.reply);
      const lead = await adminCall(runtime, LEAD);
      add('floor.now lead, cache warm', lead.stats, lead.reply);
      const owner = await adminCall(runtime, OWNER);
      add('floor.now owner, cache warm', owner.stats, owner.reply);

      const m = members[1];
      m.seq += 1;
      const sync = await callApi<SyncReply>(runtime, { op: 'sync', token: m.token, device_id: m.deviceId, sent_at: t, entries: [{ seq: m.seq, entry_id: `${m.deviceId}-${m.seq}`, status: 'meeting', at: t }] });
      expectOk(sync, 'sync');
      add('sync (1 entry)', sync.stats);

      await check(runtime); // takes the sync's row: the next run is a quiet one
      clock.set((t += 60_000));
      add('checkBreaks quiet, cache warm', await check(runtime));
      clock.set((t += 6 * 60_000));
      add('checkBreaks quiet, reference re-read', await check(runtime));
      log(`Log ${logSize.toLocaleString('en-US')} rows: grids ${grids} measured`);
    }
    const grid = sheetNamed(store, 'Current');
    log(`Current: ${grid.rows.length} rows in a grid of ${grid.maxRows}`);
    return out;
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runFloorBench(o: FloorBenchOptions, log: (m: string) => void = () => {}): Promise<BenchReport> {
  const all: FloorMeasurement[] = [];
  for (const logSize of o.logSizes) all.push(...(await measureAtLogSize(logSize, o, log)));
  const at = (logSize: number, grids: Grids, c: FloorCase) => all.find((r) => r.logSize === logSize && r.grids === grids && r.case === c)!;
  const floorRows = o.logSizes.flatMap((logSize) =>
    (['floor.now lead, cache warm', 'floor.now owner, cache warm', 'floor.now lead, reference re-read'] as const).map((c) => {
      const r = at(logSize, 'after', c);
      return [logSize, c, r.rows ?? 0, r.over ?? 0, r.sheetCalls, r.cellsRead, round(r.projectedMs, 0)];
    }),
  );
  const big = o.logSizes[o.logSizes.length - 1];
  const compare = FLOOR_CASES.map((c) => {
    const before = at(big, 'before', c);
    const after = at(big, 'after', c);
    return [c, before.sheetCalls, after.sheetCalls, before.cellsRead, after.cellsRead, round(before.projectedMs, 0), round(after.projectedMs, 0)];
  });
  const warm = o.logSizes.map((n) => at(n, 'after', 'floor.now lead, cache warm'));
  const flat = warm.every((r) => r.cellsRead === warm[0].cellsRead && r.sheetCalls === warm[0].sheetCalls);
  const within = warm.every((r) => r.sheetCalls <= FLOOR_SHEET_CALL_BUDGET && r.projectedMs <= FLOOR_PROJECTED_MS_BUDGET);
  return {
    name: 'floor',
    title: 'the live floor: floor.now per refresh, and the whole-tab reads before and after trimming the grids',
    tables: [
      {
        title: `floor.now for ${o.employees} people on shift, by Log size (grids as setup leaves them)`,
        columns: ['Log rows', 'call', 'people on the board', 'over a limit', 'sheet calls', 'cells read', 'projected ms'],
        rows: floorRows,
        notes: [
          `Budget: at most ${FLOOR_SHEET_CALL_BUDGET} sheet calls and ${FLOOR_PROJECTED_MS_BUDGET} ms projected with the cache warm; ${within ? 'within it' : 'OVER it'}.`,
          `Flat in Log size (the same sheet calls and cells at every Log size): ${flat ? 'yes' : 'NO'}.`,
          'A lead of support-l1 sees that group (the topped-up team joins it); the owner sees every group.',
        ],
      },
      {
        title: `Whole-tab reads before and after trimming the grids, Log of ${big.toLocaleString('en-US')} rows, ${o.employees} people`,
        columns: ['call', 'sheet calls before', 'after', 'cells read before', 'after', 'projected ms before', 'after'],
        rows: compare,
        notes: [
          'before: the tabs read whole (Current, Devices, Settings, the reference tabs, Neutral) have the 1,000-row grid of a new sheet;',
          'after: their rows plus spare rows (a tenth, at least 20), as Set up leaves them and the port grows them (services/grids.ts).',
        ],
      },
    ],
    data: { measurements: all },
  };
}

export const floorBench: Bench = {
  name: 'floor',
  title: 'live floor: floor.now for 200 people by Log size; whole-tab reads before/after trimming grids',
  expected: 'about 2 minutes',
  run: (ctx) => runFloorBench(SIZES[ctx.size], ctx.log),
};
