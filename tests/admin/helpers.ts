// An office for the admin console's tests: the emulated services in this process over an in-memory
// workbook, set up and seeded with the demo team, and adminRpc called exactly as a sidebar calls it,
// through the guard, as whichever user the test says.
import { installGasGlobals, type GasWorld } from '../helpers/gas-globals.ts';
import { tabRows } from '../helpers/tab-rows.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { setup } from '../../appsscript/src/services/setup.ts';
import { seedDemoData } from '../../appsscript/src/services/demo-data.ts';
import { globals } from '../../appsscript/src/main.ts';
import { invalidateReferenceCache } from '../../appsscript/src/gas/reference-cache.ts';
import type { TabName } from '../../appsscript/src/store/schema.ts';
import type { AdminOp, AdminPayload, AdminReply } from '../../common/admin-api.ts';
import type { ApiError } from '../../common/envelope.ts';

export const OWNER = 'owner@example.com';
/** support-l1's lead (Groups.lead_emails) with role lead. */
export const LEAD = 'dmitry.petrov@example.com';
/** support-l2's lead. */
export const OTHER_LEAD = 'elena.morozova@example.com';
export const EMPLOYEE = 'james.carter@example.com';
export const DATE = '2026-11-24';

export interface AdminOffice {
  world: GasWorld;
  /** adminRpc as `as` calls it; the reply's envelope. */
  rpc<K extends AdminOp>(as: string, op: K, payload: AdminPayload<K>, o?: { stopAfterCalls?: number }): ({ ok: true } & AdminReply<K>) | { ok: false; error: ApiError };
  /** Like rpc, but throws unless ok. */
  ok<K extends AdminOp>(as: string, op: K, payload: AdminPayload<K>): AdminReply<K>;
  rows(tab: TabName): Record<string, unknown>[];
}

let requests = 0;
export const rid = () => `req-${Date.now().toString(36)}-${++requests}`;

export function adminOffice(): AdminOffice {
  const world = installGasGlobals({ timeZone: 'Europe/Moscow', exec: { activeUser: OWNER } });
  world.clock.set(Date.UTC(2026, 10, 24, 7, 0), { frozen: true });
  const port = gasSheetPort();
  setup(port);
  seedDemoData(port, DATE, { adminEmail: 'olga.smirnova@example.com' });
  invalidateReferenceCache();
  const rpc: AdminOffice['rpc'] = (as, op, payload, o) => {
    world.newExecution({ activeUser: as, kind: 'rpc' }, o);
    try {
      return globals.adminRpc(op, payload) as ReturnType<AdminOffice['rpc']>;
    } catch (e) {
      return { ok: false, error: { code: 'forbidden', message: (e as Error).message } } as ReturnType<AdminOffice['rpc']>;
    }
  };
  return {
    world,
    rpc,
    ok(as, op, payload) {
      const r = rpc(as, op, payload);
      if (!r.ok) throw new Error(`${op} as ${as}: ${r.error.code}: ${r.error.message}`);
      return r as AdminReply<typeof op>;
    },
    rows(tab) {
      world.newExecution({ activeUser: OWNER });
      return tabRows(tab);
    },
  };
}
