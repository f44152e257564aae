// Reads and writes of the outbox in IndexedDB: the device record and its counter, the queued entries and
// the refused ones. Every method is one transaction, so a crash (or a second tab) never sees half of one.
import type { RefusedEntry } from '../model.ts';
import type { ClientDb } from './database.ts';
import type { DeviceRecord, EntryDraft, OutboxEntry } from './entry.ts';

export interface StoreOptions {
  /** Makes device and entry ids; crypto.randomUUID by default. */
  uuid?: () => string;
  /** For the device record's createdAt. */
  now?: () => number;
}

/** What one settle wrote. */
export interface SettleResult {
  dropped: number;
  refused: number;
}

export class OutboxStore {
  private readonly db: ClientDb;
  private readonly uuid: () => string;
  private readonly now: () => number;

  constructor(db: ClientDb, options: StoreOptions = {}) {
    this.db = db;
    this.uuid = options.uuid ?? (() => crypto.randomUUID());
    this.now = options.now ?? Date.now;
  }

  /** The device record, made on first use. Read and created in one transaction, so two tabs agree. */
  async device(): Promise<DeviceRecord> {
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
    let device = (await tx.store.get('device')) as DeviceRecord | undefined;
    if (!device) {
      device = { deviceId: this.uuid(), nextSeq: 1, createdAt: this.now() };
      await tx.store.put(device, 'device');
    }
    await tx.done;
    return device;
  }

  /**
   * Numbers and stores a status change. Resolves only once the transaction is committed ('strict': flushed
   * to disk), so a change shown as done survives a crash or a closed browser.
   */
  async append(draft: EntryDraft): Promise<OutboxEntry> {
    const tx = this.db.transaction(['meta', 'entries'], 'readwrite', { durability: 'strict' });
    const meta = tx.objectStore('meta');
    const device = ((await meta.get('device')) as DeviceRecord | undefined) ?? { deviceId: this.uuid(), nextSeq: 1, createdAt: this.now() };
    const entry: OutboxEntry = { device_id: device.deviceId, seq: device.nextSeq, entry_id: this.uuid(), ...withoutEmptyComment(draft) };
    // add, not put: a key that exists already would be a numbering bug, and must fail rather than overwrite.
    await tx.objectStore('entries').add(entry);
    await meta.put({ ...device, nextSeq: device.nextSeq + 1 }, 'device');
    await tx.done;
    return entry;
  }

  /** The first `limit` unsettled entries of the device, in seq order. */
  async unsettled(deviceId: string, limit: number): Promise<OutboxEntry[]> {
    return this.db.getAll('entries', deviceRange(deviceId), limit);
  }

  async count(deviceId: string): Promise<number> {
    return this.db.count('entries', deviceRange(deviceId));
  }

  /** The last `limit` unsettled entries of the device, in seq order. */
  async newest(deviceId: string, limit: number): Promise<OutboxEntry[]> {
    const found: OutboxEntry[] = [];
    let cursor = await this.db.transaction('entries').store.openCursor(deviceRange(deviceId), 'prev');
    while (cursor && found.length < limit) {
      found.push(cursor.value);
      cursor = await cursor.continue();
    }
    return found.reverse();
  }

  /**
   * Drops the settled entries and moves the refused ones to the refused list, in one transaction. Entries
   * already gone (another tab settled them) are skipped.
   */
  async settle(deviceId: string, drop: readonly number[], refused: readonly RefusedEntry[]): Promise<SettleResult> {
    const tx = this.db.transaction(['entries', 'refused'], 'readwrite');
    const entries = tx.objectStore('entries');
    for (const seq of drop) await entries.delete([deviceId, seq]);
    for (const r of refused) {
      await tx.objectStore('refused').put(r);
      await entries.delete([deviceId, r.seq]);
    }
    await tx.done;
    return { dropped: drop.length, refused: refused.length };
  }

  /**
   * Starts the device over: a new device id, and every unsettled entry renumbered 1, 2, 3... under it in its
   * old order (docs/sync.md: the way out when the server waits for a seq this profile no longer holds).
   */
  async renumberUnderNewDevice(): Promise<DeviceRecord> {
    const tx = this.db.transaction(['meta', 'entries'], 'readwrite', { durability: 'strict' });
    const entries = tx.objectStore('entries');
    const old = await entries.getAll();
    // Keys sort by [device_id, seq]; the old device's order is seq order (one device id at a time).
    old.sort((a, b) => a.seq - b.seq);
    const device: DeviceRecord = { deviceId: this.uuid(), nextSeq: old.length + 1, createdAt: this.now() };
    await entries.clear();
    for (const [i, entry] of old.entries()) await entries.add({ ...entry, device_id: device.deviceId, seq: i + 1 });
    await tx.objectStore('meta').put(device, 'device');
    await tx.done;
    return device;
  }

  async refused(): Promise<RefusedEntry[]> {
    const all = await this.db.getAll('refused');
    return all.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  async dismissRefused(entryId: string): Promise<void> {
    await this.db.delete('refused', entryId);
  }
}

function deviceRange(deviceId: string): IDBKeyRange {
  return IDBKeyRange.bound([deviceId, 0], [deviceId, Number.MAX_SAFE_INTEGER]);
}

function withoutEmptyComment(draft: EntryDraft): EntryDraft {
  if (draft.comment !== undefined && draft.comment !== '') return draft;
  const { comment: _comment, ...rest } = draft;
  return rest;
}
