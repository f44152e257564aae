// For the service alerts' tests (tests/checks/service-alerts.test.ts, tests/cut/service-alerts.test.ts).
import { apiHandlers } from '../../appsscript/src/gas/api-wiring.ts';
import { tokenSigningKey } from '../../appsscript/src/gas/secrets.ts';
import { hmacSha256 } from '../../appsscript/src/gas/crypto.ts';
import { signToken } from '../../appsscript/src/domain/token.ts';
import type { SyncReply } from '../../common/api.ts';
import { at, type Office } from './helpers.ts';

/** Anna's page: seq 1 got lost, so 2 and 3 wait (conflict) and the page reports them as its backlog. */
export function syncStuck(o: Office, now: number, backlog = true): SyncReply {
  const deviceId = 'dev-e001';
  const token = signToken({ employeeId: 'e001', deviceId, expiresAt: now + 24 * 3600_000, tokenVersion: 0 }, tokenSigningKey(), hmacSha256);
  const entries = [
    { seq: 2, entry_id: 'u-2', status: 'work', at: at('09:00') },
    { seq: 3, entry_id: 'u-3', status: 'break', at: at('09:05') },
  ];
  const reply = apiHandlers(now).sync({ op: 'sync', token, device_id: deviceId, sent_at: now, entries, ...(backlog ? { backlog: { count: 2, oldest_at: at('09:00') } } : {}) }) as SyncReply;
  o.world.newExecution();
  return reply;
}

