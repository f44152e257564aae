// A health answer: the service is up, which version, the server's clock and time zone.
import type { HealthReply } from '../../../common/envelope.ts';
import { VERSION } from '../version.ts';

export function health(now: number, timeZone: string): HealthReply {
  return { service: 'worktimetracker', version: VERSION, server_time: now, time_zone: timeZone };
}
