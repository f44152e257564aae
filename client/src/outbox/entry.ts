// What the outbox keeps: one status change as the person made it, numbered for its device.
import type { SyncEntry } from '../../../common/api.ts';

export interface OutboxEntry {
  /** With `seq`, the key: the pair the server uses as the entry's identity (docs/sync.md). */
  device_id: string;
  /** 1, 2, 3, ... per device, never reused while the device id is kept. */
  seq: number;
  /** A UUID made here; unique forever. */
  entry_id: string;
  /** Whose change it is: sent along, so a queue left by one person is never filed under another's token. */
  employee_id: string;
  status: string;
  /** This device's clock (Date.now()) when the person clicked. */
  at: number;
  comment?: string;
  /** navigator.onLine was false when the person clicked. */
  offline: boolean;
}

/** What the person did; the outbox adds the device, seq and id. */
export interface EntryDraft {
  employee_id: string;
  status: string;
  at: number;
  comment?: string;
  offline: boolean;
}

/** The device's identity and its counter, made once per browser profile. */
export interface DeviceRecord {
  deviceId: string;
  /** The seq the next entry gets. */
  nextSeq: number;
  createdAt: number;
}

export function toSyncEntry(entry: OutboxEntry): SyncEntry {
  const wire: SyncEntry = {
    seq: entry.seq,
    entry_id: entry.entry_id,
    status: entry.status,
    at: entry.at,
    employee_id: entry.employee_id,
    offline: entry.offline,
  };
  if (entry.comment !== undefined && entry.comment !== '') wire.comment = entry.comment;
  return wire;
}
