// What one admin op costs (the budget: at most 6 sheet calls, never reading Log), and the cut test
// of a save: cut after every possible service call, retried, written exactly once.
import { expect, vi } from 'vitest';
import { isSheetCall } from '../../bench/lib/call-split.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { encodeRecord } from '../../appsscript/src/store/records.ts';
import { TABS } from '../../appsscript/src/store/schema.ts';
import type { AdminOp, AdminPayload } from '../../common/admin-api.ts';
import { adminOffice, OWNER, type AdminOffice } from './helpers.ts';

export const SHEET_CALL_BUDGET = 6;

export interface OpCost {
  ok: boolean;
  sheetCalls: number;
  cellsRead: number;
}

/** The op once as `as`, with the reference cache warm (as a console in use has it). */
export function costOf<K extends AdminOp>(office: AdminOffice, op: K, payload: AdminPayload<K>, as = OWNER): OpCost {
  office.ok(OWNER, 'people.list', {});
  const reply = office.rpc(as, op, payload);
  const stats = office.world.stats();
  const sheetCalls = Object.entries(stats.calls).reduce((n, [method, calls]) => n + (isSheetCall(method) ? calls : 0), 0);
  return { ok: reply.ok, sheetCalls, cellsRead: stats.cellsRead };
}

/** Appends `count` rows of history to Log. */
export function growLog(office: AdminOffice, count: number): void {
  office.world.newExecution({ activeUser: OWNER });
  const port = gasSheetPort();
  const at = Date.UTC(2026, 10, 1, 9, 0);
  const rows = Array.from({ length: count }, (_, i) =>
    encodeRecord(TABS.Log, { entry_id: `h${i}`, employee_id: 'e001', status: 'work', at: at + i * 60_000, client_at: at, received_at: at, device_id: 'd1', seq: i + 1, source: 'web', offline: false, comment: '' }),
  );
  port.writeRows(TABS.Log.name, port.lastRow(TABS.Log.name) + 1, rows);
}

/**
 * The op within the budget, and reading the same cells with a Log of 3000 rows as with an empty one (so it
 * reads no Log at all). `prepare` puts both offices in the same state first.
 */
export function expectWithinBudget<K extends AdminOp>(op: K, payload: () => AdminPayload<K>, prepare: (o: AdminOffice) => void = () => {}): OpCost {
  const small = adminOffice();
  prepare(small);
  const large = adminOffice();
  prepare(large);
  growLog(large, 3000);
  const a = costOf(small, op, payload());
  const b = costOf(large, op, payload());
  expect(a.ok).toBe(true);
  expect(b.ok).toBe(true);
  expect(a.sheetCalls).toBeLessThanOrEqual(SHEET_CALL_BUDGET);
  expect(b.sheetCalls).toBe(a.sheetCalls);
  expect(b.cellsRead).toBe(a.cellsRead);
  return a;
}

/**
 * For every N: a fresh office, the save cut after its Nth service call, then the same save again in full;
 * `check` then sees the tabs. Stops after the first N that the save survives uncut. Returns how many cuts.
 */
export function cutEverywhere<K extends AdminOp>(op: K, payload: AdminPayload<K>, check: (o: AdminOffice) => void, prepare: (o: AdminOffice) => void = () => {}): number {
  // A cut execution's error reaches the dispatcher's log as an internal error: expected here, so kept quiet.
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return cutAt(op, payload, check, prepare);
  } finally {
    quiet.mockRestore();
  }
}

function cutAt<K extends AdminOp>(op: K, payload: AdminPayload<K>, check: (o: AdminOffice) => void, prepare: (o: AdminOffice) => void): number {
  for (let n = 0; n < 500; n++) {
    const office = adminOffice();
    prepare(office);
    office.rpc(OWNER, op, payload, { stopAfterCalls: n });
    const cut = office.world.wasCut();
    const again = office.rpc(OWNER, op, payload);
    if (!again.ok) throw new Error(`cut after ${n} calls, the retry failed: ${again.error.code}: ${again.error.message}`);
    check(office);
    if (!cut) return n;
  }
  throw new Error(`${op} was still cut after 500 calls`);
}
