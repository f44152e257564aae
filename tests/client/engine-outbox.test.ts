// The outbox: numbering per device that never restarts, durability across a re-open of the database (a
// reload), and what a reply settles.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openClientDatabase } from '../../client/src/outbox/database.ts';
import type { OutboxEntry } from '../../client/src/outbox/entry.ts';
import { Outbox, settlementOf } from '../../client/src/outbox/queue.ts';
import { OutboxStore } from '../../client/src/outbox/store.ts';
import { newWorld, settle, signIn } from './engine-harness.ts';
import { ANNA } from './fake-server.ts';

async function openOutbox(profile: IDBFactory) {
  const db = await openClientDatabase({ indexedDB: profile });
  return { db, outbox: new Outbox(new OutboxStore(db)) };
}

const draft = (status: string, at: number) => ({ employee_id: 'e1', status, at, offline: true });

describe('outbox store', () => {
  it('numbers entries 1, 2, 3 per device and keeps them and the counter across a re-open', async () => {
    const profile = new IDBFactory();
    const first = await openOutbox(profile);
    const device = await first.outbox.device();
    const made = [await first.outbox.record(draft('break', 1)), await first.outbox.record(draft('work', 2)), await first.outbox.record(draft('lunch', 3))];
    expect(made.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(new Set(made.map((e) => e.entry_id)).size).toBe(3);
    expect(made.every((e) => e.device_id === device.deviceId)).toBe(true);
    first.db.close();

    const again = await openOutbox(profile);
    expect((await again.outbox.device()).deviceId).toBe(device.deviceId);
    expect(await again.outbox.nextBatch(device.deviceId)).toEqual(made);
    // Settling the first two does not bring the counter back.
    await again.outbox.applyReply(device.deviceId, made, { accepted_through_seq: 2, results: [] });
    expect((await again.outbox.record(draft('work', 4))).seq).toBe(4);
    expect((await again.outbox.nextBatch(device.deviceId)).map((e) => e.seq)).toEqual([3, 4]);
    again.db.close();
  });

  it('two profiles get two device ids', async () => {
    const a = await openOutbox(new IDBFactory());
    const b = await openOutbox(new IDBFactory());
    expect((await a.outbox.device()).deviceId).not.toBe((await b.outbox.device()).deviceId);
    a.db.close();
    b.db.close();
  });

  it('starting over renumbers the queue from 1 under a new device id, in order', async () => {
    const { db, outbox } = await openOutbox(new IDBFactory());
    const old = await outbox.device();
    for (let i = 0; i < 4; i++) await outbox.record(draft(i % 2 ? 'work' : 'break', i));
    await outbox.applyReply(old.deviceId, await outbox.nextBatch(old.deviceId), { accepted_through_seq: 1, results: [] });
    const fresh = await outbox.startOver();
    expect(fresh.deviceId).not.toBe(old.deviceId);
    const queue = await outbox.nextBatch(fresh.deviceId);
    expect(queue.map((e) => [e.seq, e.at])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(await outbox.pending(old.deviceId)).toBe(0);
    expect((await outbox.record(draft('work', 9))).seq).toBe(4);
    db.close();
  });
});

describe('settlementOf', () => {
  const batch: OutboxEntry[] = [1, 2, 3, 4].map((seq) => ({
    device_id: 'd', seq, entry_id: `id${seq}`, employee_id: 'e1', status: 'work', at: seq, offline: false,
  }));

  it('drops accepted and duplicate entries, keeps refusals with their reason, and keeps what waits', () => {
    const s = settlementOf(batch, {
      accepted_through_seq: 2,
      results: [
        { seq: 1, entry_id: 'id1', result: 'duplicate' },
        { seq: 2, entry_id: 'id2', result: 'refused', code: 'bad_request', message: 'Unknown status "x" / Неизвестный статус «x»' },
        { seq: 3, entry_id: 'id3', result: 'refused', code: 'conflict', message: 'waits' },
        { seq: 4, entry_id: 'id4', result: 'refused', code: 'conflict', message: 'waits' },
      ],
    });
    expect(s.drop).toEqual([1]);
    expect(s.refused).toEqual([{ seq: 2, entryId: 'id2', status: 'work', at: 2, code: 'bad_request', message: 'Unknown status "x" / Неизвестный статус «x»' }]);
    expect(s.waitingFor).toBe(3);
  });

  it('accepted_through_seq settles even without per-entry results', () => {
    expect(settlementOf(batch, { accepted_through_seq: 4, results: [] })).toEqual({ drop: [1, 2, 3, 4], refused: [], waitingFor: null });
  });
});

describe('durable before acknowledged', () => {
  it('a status change is in IndexedDB when setStatus resolves, before any sync, and survives a reload', async () => {
    const world = newWorld();
    const model = await world.open();
    await signIn(model, world.server);
    world.browser.goOffline();
    await model.setStatus('break');
    // Another connection (another tab, or the page after a crash) sees it at once.
    const peek = await openClientDatabase({ indexedDB: world.profile });
    const stored = await peek.getAll('entries');
    expect(stored.map((e) => [e.seq, e.status, e.offline])).toEqual([[1, 'break', true]]);
    peek.close();
    expect(model.current?.status).toBe('break');
    expect(model.sync.pending).toBe(1);
    await model.close();

    // "Reload": a new model on the same profile is still signed in and still has the change queued.
    const reloaded = await world.open();
    expect(reloaded.session?.employee.id).toBe(ANNA.id);
    expect(reloaded.sync.pending).toBe(1);
    expect(reloaded.current?.status).toBe('break');
    world.browser.goOnline();
    await settle(reloaded);
    expect(reloaded.sync.pending).toBe(0);
    expect(world.server.log.map((r) => [r.seq, r.status, r.offline])).toEqual([[1, 'break', true]]);
    await reloaded.close();
  });

  it('logout keeps the queue and the counter; the next login goes on from there', async () => {
    const world = newWorld();
    const model = await world.open();
    await signIn(model, world.server);
    world.browser.goOffline();
    await model.setStatus('break');
    await model.setStatus('work');
    await model.logout();
    expect(model.session).toBeNull();
    expect(model.sync.pending).toBe(2);
    world.browser.goOnline();
    await settle(model);
    expect(world.server.log).toHaveLength(0); // signed out: nothing is sent

    await signIn(model, world.server);
    await model.setStatus('lunch');
    await settle(model);
    const device = world.server.log[0]?.device_id;
    expect(world.server.logOf(device).map((r) => [r.seq, r.status])).toEqual([[1, 'break'], [2, 'work'], [3, 'lunch']]);
    await model.close();
  });
});
