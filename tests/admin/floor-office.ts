// The admin test office with a clock for the live floor, violation review and corrections: the emulated
// services' clock and Date.now() (what adminRpc stamps a request with) moved together, status changes made
// through the real sync op, and checkBreaks and the rollover run as their triggers run them.
//
// Demo facts used (domain/demo-team.ts, 2026-11-24, Moscow): support-l1 works 09:00-18:00, e001 Анна Иванова
// has a break at 11:00 (15 min), lunch 12:00, a break at 16:00; support rules: break 15 min, grace 2; the
// shift's grace 5, tolerance 5. e006, e007 and e013 are off today, so support-l1 has 10 people on shift.
// e004 James Carter is an employee of support-l1; support-l2 starts at 10:00 and is Елена Морозова's.
import { vi } from 'vitest';
import { runCheckBreaks, runDailyRollover } from '../../appsscript/src/gas/bot-wiring.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { fitGrids } from '../../appsscript/src/services/grids.ts';
import type { SyncReply } from '../../common/api.ts';
import type { AdminOp, AdminPayload } from '../../common/admin-api.ts';
import { adminOffice, DATE, OWNER, type AdminOffice } from './helpers.ts';
import { syncThroughApi } from '../checks/helpers.ts';

export const MIN = 60_000;
export const NEXT = '2026-11-25';

/** An instant on DATE (or `date`) in Moscow (UTC+3 all year), 'HH:mm'. */
export function at(time: string, date = DATE): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return Date.UTC(y, mo - 1, d, h - 3, mi);
}

export interface FloorOffice extends AdminOffice {
  /** Moves both clocks (the emulated services' and Date.now()). */
  moveTo(ms: number): number;
  /** Status changes of an employee through the real sync op, from device `dev-<id>`, at the current time. */
  sync(employeeId: string, entries: { status: string; at: number }[]): SyncReply;
  /** checkBreaks at the current time, as its trigger runs it (no bot_url: alerts stay in the Outbox). */
  check(): void;
  rollover(): void;
  /** Setup's trimming of the grids (services/grids.ts), as the menu's Set up does it. */
  fitGrids(): void;
}

/**
 * The demo office at 08:00 on DATE, checkBreaks having caught up at 07:55 (its first run alerts nobody).
 * Call `restoreClock()` after each test (vi.useRealTimers).
 */
export function floorOffice(): FloorOffice {
  vi.useFakeTimers({ toFake: ['Date'] });
  const o = adminOffice();
  const seqs = new Map<string, number>();
  const moveTo = (ms: number) => {
    o.world.clock.set(ms, { frozen: true });
    vi.setSystemTime(ms);
    o.world.newExecution({ activeUser: OWNER });
    return ms;
  };
  const f: FloorOffice = {
    ...o,
    moveTo,
    sync(employeeId, entries) {
      const now = Date.now();
      o.world.newExecution();
      const reply = syncThroughApi(seqs, employeeId, entries, now);
      o.world.newExecution();
      return reply;
    },
    check() {
      o.world.newExecution();
      runCheckBreaks(Date.now());
      o.world.newExecution();
    },
    rollover() {
      o.world.newExecution();
      runDailyRollover(Date.now());
      o.world.newExecution();
    },
    fitGrids() {
      o.world.newExecution({ activeUser: OWNER });
      fitGrids(gasSheetPort());
      o.world.newExecution();
    },
  };
  moveTo(at('07:55'));
  f.check();
  moveTo(at('08:00'));
  return f;
}

export function restoreClock(): void {
  vi.useRealTimers();
}

/**
 * budget.ts cutEverywhere over floor offices: for every N, a fresh office prepared by `prepare`, the op cut
 * after its Nth service call, then sent again in full; `check` sees the tabs. Returns how many cuts.
 */
export function cutEverywhereOnFloor<K extends AdminOp>(
  op: K,
  payload: () => AdminPayload<K>,
  prepare: (o: FloorOffice) => void,
  check: (o: FloorOffice) => void,
  as = OWNER,
): number {
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    for (let n = 0; n < 500; n++) {
      const o = floorOffice();
      prepare(o);
      o.rpc(as, op, payload(), { stopAfterCalls: n });
      const cut = o.world.wasCut();
      const again = o.rpc(as, op, payload());
      if (!again.ok) throw new Error(`cut after ${n} calls, the retry failed: ${again.error.code}: ${again.error.message}`);
      check(o);
      if (!cut) return n;
    }
    throw new Error(`${op} was still cut after 500 calls`);
  } finally {
    quiet.mockRestore();
  }
}

/**
 * Status changes on DATE through the real sync path, each at its own time ('HH:mm', employee id, status), then
 * the rollover the next morning: the day is consolidated into Daily.
 */
export function playAndConsolidate(o: FloorOffice, steps: readonly (readonly [string, string, string])[]): void {
  for (const [time, id, status] of steps) {
    o.moveTo(at(time));
    o.sync(id, [{ status, at: at(time) }]);
  }
  o.moveTo(at('05:00', NEXT));
  o.rollover();
}
