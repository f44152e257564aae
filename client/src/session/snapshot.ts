// The server's last picture of the person's day, kept so a reload (even offline) shows it at once.
import type { CurrentState, TodayBlock } from '../../../common/api.ts';

export interface Snapshot {
  /** Whose picture it is: never shown to someone else signing in on the same device. */
  employeeId: string;
  current: CurrentState | null;
  today: TodayBlock | null;
  /** The server's clock minus this device's, from that reply. */
  clockOffsetMs: number;
  /** This device's clock when the reply came. */
  lastSyncAt: number | null;
}
