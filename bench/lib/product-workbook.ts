// Puts the product's workbook in the state a benchmark measures: the tabs made by the bundle's own
// `setup` and `seedDemoData`, a team topped up to its real size, and a Log of a chosen length.
// Only the filling is done directly on the store (for speed); the tabs and their columns are the product's.
import { randomUUID } from 'node:crypto';
import type { WorkbookStore } from '../../emulator/host/deps.ts';
import { fromWallMs, toWallMs } from '../../emulator/model/timezone.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../../emulator/clock.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import { Runtime } from '../../emulator/runtime/runtime.ts';
import type { SyncEntry } from '../../common/api.ts';
import { appendRecords, dataRowCount, readRecords, type TabRecord } from './workbook.ts';

/** DESIGN.md: a team of about 200 people. Requests read Employees, so its size matters to the figures. */
export const TEAM_SIZE = 200;
const DAY_MS = 24 * 3600 * 1000;

/** Runs setup then seedDemoData, as `npm start` does on a new workbook. */
export async function setUpProductWorkbook(runtime: Runtime): Promise<void> {
  for (const fn of ['setup', 'seedDemoData']) {
    const r = await runtime.run(fn, [], { kind: 'manual' });
    if (r.error) throw new Error(`${fn} failed: ${r.error.name}: ${r.error.message}`);
  }
}

export interface TeamMember {
  id: string;
  email: string;
}

/** Active employees with an email, in tab order. */
export function activeTeam(store: WorkbookStore): TeamMember[] {
  return readRecords(store, 'Employees')
    .filter((r) => r.active === true && String(r.email).includes('@') && String(r.id) !== '')
    .map((r) => ({ id: String(r.id), email: String(r.email).toLowerCase() }));
}

/**
 * Adds employees (copies of the first seeded one with their own id, email and name, no Telegram chat)
 * until `size` are active. Returns the whole active team.
 */
export function topUpTeam(store: WorkbookStore, size = TEAM_SIZE): TeamMember[] {
  const team = activeTeam(store);
  const missing = size - team.length;
  if (missing > 0) {
    const template = readRecords(store, 'Employees').find((r) => r.active === true);
    if (!template) throw new Error('seedDemoData made no active employee to copy');
    const pad = (i: number) => String(i + 1).padStart(3, '0');
    appendRecords(store, 'Employees', missing, (i): TabRecord => ({
      ...template,
      id: `bench-emp-${pad(i)}`,
      email: `bench.emp.${pad(i)}@example.com`,
      name: `Bench Employee ${pad(i)}`,
      role: 'employee',
      telegram_chat_id: '',
      token_version: 0,
      active: true,
    }));
  }
  return activeTeam(store);
}

/** The status codes of the Statuses tab. */
export function statusCodes(store: WorkbookStore): string[] {
  const codes = readRecords(store, 'Statuses').map((r) => String(r.code)).filter(Boolean);
  if (codes.length === 0) throw new Error('the Statuses tab is empty (did seedDemoData run?)');
  return codes;
}

/** Noon today in the time zone: a benchmark's entries then stay inside one working day. */
export function noonToday(timeZone: string, now = Date.now()): number {
  const wall = toWallMs(now, timeZone);
  return fromWallMs(Math.floor(wall / DAY_MS) * DAY_MS + 12 * 3600 * 1000, timeZone);
}

/** History rows are this far apart: 200 people make about 4,000 entries a day. */
export const HISTORY_STEP_MS = 20_000;

/** Where a history of `rows` entries starts so that it ends yesterday evening (before `now`'s day). */
export function historyStart(rows: number, now: number): number {
  return now - DAY_MS / 2 - rows * HISTORY_STEP_MS;
}

/**
 * Grows the Log to `rows` data rows of history, in time order from `oldest`: entries of the team's
 * devices, one every 20 seconds (500,000 rows are about four months, what a floor of 200 people writes
 * between two archive runs). Returns how many rows were added.
 */
export function fillLog(store: WorkbookStore, rows: number, o: { team: TeamMember[]; statuses: string[]; oldest: number }): number {
  const have = dataRowCount(store, 'Log');
  const add = rows - have;
  if (add <= 0) return 0;
  appendRecords(store, 'Log', add, (k) => {
    const i = have + k;
    const member = o.team[i % o.team.length];
    const at = new Date(o.oldest + i * HISTORY_STEP_MS);
    return {
      entry_id: `hist-${i.toString(36)}-${randomUUID().slice(0, 8)}`,
      employee_id: member.id,
      status: o.statuses[i % o.statuses.length],
      at,
      client_at: at,
      received_at: new Date(at.getTime() + 1_500),
      device_id: `hist-dev-${i % o.team.length}`,
      seq: Math.floor(i / o.team.length) + 1,
      source: 'web',
      offline: false,
      comment: '',
    };
  });
  return add;
}

/** `count` status changes numbered from `firstSeq`, one a minute, the last one a minute before `now`. */
export function makeEntries(firstSeq: number, count: number, o: { now: number; statuses: string[]; total: number }): SyncEntry[] {
  return Array.from({ length: count }, (_, k) => {
    const seq = firstSeq + k;
    return { seq, entry_id: randomUUID(), status: o.statuses[seq % o.statuses.length], at: o.now - (o.total - seq + 1) * 60_000 };
  });
}

export interface DemoOffice {
  runtime: Runtime;
  store: MemoryWorkbookStore;
  clock: Clock;
  close(): Promise<void>;
}

/**
 * The product's bundle in an in-process runtime over an in-memory workbook set up by its own `setup` and
 * `seedDemoData`, the clock frozen at 10:00 in Moscow on 2026-11-24 (a working day of the demo team).
 */
export async function openDemoOffice(name: string): Promise<DemoOffice> {
  const dir = mkdtempSync(join(tmpdir(), `wtt-bench-${name}-`));
  const clock = new Clock();
  clock.set(Date.UTC(2026, 10, 24, 7, 0), { frozen: true });
  const store = new MemoryWorkbookStore('Europe/Moscow');
  const runtime = await Runtime.open({ workbookFile: join(dir, 'workbook.xlsx'), clock, workbooks: store });
  const close = async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await setUpProductWorkbook(runtime);
  } catch (e) {
    await close();
    throw e;
  }
  return { runtime, store, clock, close };
}
