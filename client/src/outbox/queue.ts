// The outbox's policy: what goes into the next request, and what a reply settles. The protocol is the
// server's (docs/sync.md); the client's side of it is docs/client-sync.md. Every click is kept as its own
// entry: nothing is merged or dropped before the server has settled it.
import type { SyncReply } from '../../../common/api.ts';
import { MAX_SYNC_ENTRIES } from '../../../common/limits.ts';
import type { RefusedEntry } from '../model.ts';
import type { DeviceRecord, EntryDraft, OutboxEntry } from './entry.ts';
import type { OutboxStore } from './store.ts';

/** What a reply means for the entries of the request it answers. */
export interface Settlement {
  /** Settled and done with: accepted or duplicate. */
  drop: number[];
  /** Settled by a refusal for good: kept to be shown with the reason. */
  refused: RefusedEntry[];
  /** The seq the server waits for when it answered 'conflict' (a gap), else null. */
  waitingFor: number | null;
}

/**
 * Reads a reply. `accepted_through_seq` is what makes it correct (every seq up to it is settled); the
 * per-entry results only tell which of those were refused, and why.
 */
export function settlementOf(batch: readonly OutboxEntry[], reply: Pick<SyncReply, 'accepted_through_seq' | 'results'>): Settlement {
  const through = reply.accepted_through_seq;
  const refusals = new Map<number, { code: RefusedEntry['code']; message: string }>();
  let conflict = false;
  for (const r of reply.results ?? []) {
    if (r.result !== 'refused') continue;
    if (r.code === 'conflict') conflict = true;
    else if (!refusals.has(r.seq)) refusals.set(r.seq, { code: r.code, message: r.message });
  }
  const drop: number[] = [];
  const refused: RefusedEntry[] = [];
  for (const entry of batch) {
    if (entry.seq > through) continue; // not settled: stays queued and is sent again
    const refusal = refusals.get(entry.seq);
    if (refusal) {
      refused.push({ seq: entry.seq, entryId: entry.entry_id, status: entry.status, at: entry.at, ...refusal });
    } else {
      drop.push(entry.seq);
    }
  }
  const unsettledLeft = batch.some((e) => e.seq > through);
  return { drop, refused, waitingFor: conflict || unsettledLeft ? through + 1 : null };
}

/** What applying a reply did, and whether the device's numbering no longer matches the server's. */
export interface ApplyOutcome {
  settled: number;
  refused: number;
  waitingFor: number | null;
  /**
   * 'server_ahead': the server has settled seqs this profile never made (its counter is behind);
   * 'server_behind': the server waits for a seq this profile no longer holds. Either way the device can
   * never move on with this id: it must start over under a new one (docs/sync.md, "What the client must do").
   */
  diverged: 'server_ahead' | 'server_behind' | null;
}

export class Outbox {
  readonly store: OutboxStore;

  constructor(store: OutboxStore) {
    this.store = store;
  }

  device(): Promise<DeviceRecord> {
    return this.store.device();
  }

  /** Queues one status change, durably. */
  record(draft: EntryDraft): Promise<OutboxEntry> {
    return this.store.append(draft);
  }

  /** The next request's entries: the unsettled ones from the first, in seq order, at most MAX_SYNC_ENTRIES. */
  nextBatch(deviceId: string): Promise<OutboxEntry[]> {
    return this.store.unsettled(deviceId, MAX_SYNC_ENTRIES);
  }

  pending(deviceId: string): Promise<number> {
    return this.store.count(deviceId);
  }

  async applyReply(deviceId: string, batch: readonly OutboxEntry[], reply: Pick<SyncReply, 'accepted_through_seq' | 'results'>): Promise<ApplyOutcome> {
    // Read the counter after the reply came: every seq the server can know of was made before it was sent.
    const device = await this.store.device();
    if (device.deviceId !== deviceId) return { settled: 0, refused: 0, waitingFor: null, diverged: null };
    if (reply.accepted_through_seq >= device.nextSeq) {
      // Its "duplicates" are not ours: dropping them would lose them silently. Nothing is settled.
      return { settled: 0, refused: 0, waitingFor: null, diverged: 'server_ahead' };
    }
    const settlement = settlementOf(batch, reply);
    const written = await this.store.settle(deviceId, settlement.drop, settlement.refused);
    let diverged: ApplyOutcome['diverged'] = null;
    if (settlement.waitingFor !== null && batch.length > 0 && settlement.waitingFor < batch[0].seq) {
      const first = (await this.store.unsettled(deviceId, 1))[0];
      if (!first || settlement.waitingFor < first.seq) diverged = 'server_behind';
    }
    return { settled: written.dropped + written.refused, refused: written.refused, waitingFor: settlement.waitingFor, diverged };
  }

  /** The way out of a diverged numbering: a new device id, the queue renumbered from 1 in its order. */
  startOver(): Promise<DeviceRecord> {
    return this.store.renumberUnderNewDevice();
  }

  refused(): Promise<RefusedEntry[]> {
    return this.store.refused();
  }

  dismissRefused(entryId: string): Promise<void> {
    return this.store.dismissRefused(entryId);
  }

  /** The newest unsettled entries, for the optimistic current status and timeline. */
  newest(deviceId: string, limit: number): Promise<OutboxEntry[]> {
    return this.store.newest(deviceId, limit);
  }
}
