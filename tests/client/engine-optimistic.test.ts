// What the page shows before the server answers, and whose queue goes under whose name.
import { describe, expect, it } from 'vitest';
import type { TodayBlock } from '../../common/api.ts';
import type { OutboxEntry } from '../../client/src/outbox/entry.ts';
import { optimisticCurrent, optimisticToday } from '../../client/src/sync/optimistic.ts';
import { newWorld, settle, signIn } from './engine-harness.ts';
import { BORIS } from './fake-server.ts';

const T0 = Date.UTC(2026, 4, 11, 9, 0, 0);
const queued = (...changes: [string, number][]): OutboxEntry[] =>
  changes.map(([status, at], i) => ({ device_id: 'd', seq: i + 1, entry_id: `x${i}`, employee_id: 'e1', status, at, offline: true }));
const today: TodayBlock = {
  date: '2026-05-11',
  time_zone: 'Europe/Moscow',
  schedule: null,
  timeline: [{ status: 'work', start: T0, end: null, source: 'web' }],
  violations: [],
};

describe('optimistic picture', () => {
  it('the last queued change is the current status, from the first click of its run, on the server clock', () => {
    const server = { status: 'work', since: T0 };
    expect(optimisticCurrent(server, [], 0)).toBe(server);
    expect(optimisticCurrent(server, queued(['break', T0 + 60_000], ['break', T0 + 120_000]), 5_000)).toEqual({ status: 'break', since: T0 + 65_000 });
    // The same status as the server's, throughout: the server's run goes on.
    expect(optimisticCurrent(server, queued(['work', T0 + 60_000]), 0)).toBe(server);
    // The server's status looks later than the press queued here (its clock estimate differs after a slow
    // upload): the press still shows, since it is this person's newest and the server has not seen it.
    expect(optimisticCurrent({ status: 'lunch', since: T0 + 10 * 60_000 }, queued(['break', T0 + 60_000]), 0)).toEqual({ status: 'break', since: T0 + 60_000 });
  });

  it("today's timeline gets the queued changes of today appended", () => {
    const view = optimisticToday(today, queued(['break', T0 + 60_000], ['break', T0 + 90_000], ['work', T0 + 120_000]), 0)!;
    expect(view.timeline.map((s) => [s.status, s.start, s.end])).toEqual([
      ['work', T0, T0 + 60_000],
      ['break', T0 + 60_000, T0 + 120_000],
      ['work', T0 + 120_000, null],
    ]);
    expect(today.timeline[0].end).toBeNull(); // the server's block is not modified
    // A queued change that looks earlier than the last segment is placed at its start (never back in time).
    const late = optimisticToday(today, queued(['lunch', T0 - 60_000]), 0)!;
    expect(late.timeline.map((s) => [s.status, s.start, s.end])).toEqual([['lunch', T0, null]]);
    // A change queued yesterday (in the sheet's time zone) is not today's.
    expect(optimisticToday(today, queued(['break', Date.UTC(2026, 4, 10, 20, 0)]), 0)).toBe(today);
  });
});

describe('a shared device', () => {
  it("a queue left by one person is never filed under the next person's name: it is refused and shown", async () => {
    const world = newWorld();
    const model = await world.open();
    await signIn(model, world.server);
    world.browser.goOffline();
    await model.setStatus('break');
    await model.logout(); // offline: the flush cannot happen
    world.browser.goOnline();
    await signIn(model, world.server, BORIS.email);
    expect(model.current).toBeNull(); // not Anna's break
    await model.setStatus('work');
    await settle(model);
    expect(world.server.log.map((r) => [r.seq, r.employee_id, r.status])).toEqual([[2, BORIS.id, 'work']]);
    expect(model.sync.refused).toEqual([expect.objectContaining({ seq: 1, status: 'break', code: 'forbidden', message: 'The entry names another employee' })]);
    await model.close();
  });

  it('logout sends the queue under the leaving person\'s token first when it can', async () => {
    const world = newWorld();
    const model = await world.open();
    await signIn(model, world.server);
    world.server.planned.push('network_before'); // the click's own sync fails...
    await model.setStatus('break');
    await settle(model);
    expect(model.sync.pending).toBe(1);
    await model.logout(); // ...but the one at logout goes through
    expect(world.server.log.map((r) => r.status)).toEqual(['break']);
    expect(model.sync.pending).toBe(0);
    await model.close();
  });
});
