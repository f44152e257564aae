// The sync engine: batches, backoff, triggers, a refused session, refusals, and the conflict rule.
import { describe, expect, it } from 'vitest';
import { MAX_SYNC_ENTRIES } from '../../common/limits.ts';
import { backoffCeiling, fullJitterDelay } from '../../client/src/sync/backoff.ts';
import { newWorld, settle, signIn } from './engine-harness.ts';

describe('batches', () => {
  it('sends a long queue in seq order, at most 500 entries a request, one request at a time', async () => {
    const world = newWorld();
    const model = await world.open();
    await signIn(model, world.server);
    world.browser.goOffline();
    const total = 2 * MAX_SYNC_ENTRIES + 37;
    for (let i = 0; i < total; i++) await model.setStatus(i % 2 ? 'work' : 'break', `n${i}`);
    expect(model.sync.pending).toBe(total);
    world.server.requests.length = 0;
    world.browser.goOnline();
    await settle(model);
    const syncs = world.server.requests.filter((r) => r.op === 'sync').map((r) => r.body.entries.map((e: { seq: number }) => e.seq));
    expect(syncs.map((s) => s.length)).toEqual([500, 500, 37]);
    expect(syncs.flat()).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(world.server.maxInFlight).toBe(1);
    expect(world.server.log.map((r) => r.comment)).toEqual(Array.from({ length: total }, (_, i) => `n${i}`));
    expect(model.sync.pending).toBe(0);
    await model.close();
  });
});

describe('the backlog reported with each sync', () => {
  it('the whole queue (this batch included) and its oldest entry\'s time; the server keeps what is left', async () => {
    const world = newWorld();
    const model = await world.open();
    await signIn(model, world.server);
    world.browser.goOffline();
    const total = MAX_SYNC_ENTRIES + 3;
    for (let i = 0; i < total; i++) await model.setStatus(i % 2 ? 'work' : 'break');
    world.server.requests.length = 0;
    world.browser.goOnline();
    await settle(model);
    const syncs = world.server.requests.filter((r) => r.op === 'sync').map((r) => r.body as { entries: { at: number }[]; backlog: { count: number; oldest_at: number } });
    expect(syncs.map((s) => s.backlog.count)).toEqual([total, 3]);
    for (const s of syncs) expect(s.backlog.oldest_at).toBe(s.entries[0].at);
    await model.close();
  });
});

describe('backoff with full jitter', () => {
  it('waits uniformly between 0 and min(cap, base * 2^attempt)', () => {
    const policy = { baseMs: 1000, capMs: 60_000 };
    expect([0, 1, 2, 5, 6, 7, 60, 2000].map((n) => backoffCeiling(n, policy))).toEqual([1000, 2000, 4000, 32_000, 60_000, 60_000, 60_000, 60_000]);
    for (const attempt of [0, 3, 10]) {
      expect(fullJitterDelay(attempt, () => 0, policy)).toBe(0);
      expect(fullJitterDelay(attempt, () => 0.999_999, policy)).toBe(backoffCeiling(attempt, policy) - 1);
      expect(fullJitterDelay(attempt, () => 0.5, policy)).toBe(backoffCeiling(attempt, policy) / 2);
    }
  });

  it('retries a failing server with growing, jittered waits, keeps the queue, and recovers', async () => {
    const world = newWorld();
    const draws: number[] = [0.9, 0.1, 0.7, 0.3, 0.95, 0.5, 0.99, 0.2];
    let draw = 0;
    const model = await world.open({ random: () => draws[draw++ % draws.length], backoff: { baseMs: 1000, capMs: 20_000 } });
    await signIn(model, world.server);
    world.server.failRate = 1;
    world.server.failKinds = ['busy'];
    await model.setStatus('break');
    await settle(model);

    const waits: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const next = model.sync.nextRetryAt;
      expect(next).not.toBeNull();
      const wait = next! - world.clock.now;
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(backoffCeiling(attempt, { baseMs: 1000, capMs: 20_000 }));
      expect(wait).toBe(Math.floor(draws[attempt] * backoffCeiling(attempt, { baseMs: 1000, capMs: 20_000 })));
      waits.push(wait);
      expect(model.sync.error).toMatch(/busy/);
      expect(model.sync.pending).toBe(1);
      world.clock.advance(wait);
      await settle(model);
    }
    world.server.failRate = 0;
    world.clock.advance(model.sync.nextRetryAt! - world.clock.now);
    await settle(model);
    expect(model.sync.pending).toBe(0);
    expect(model.sync.error).toBeNull();
    expect(model.sync.nextRetryAt).toBeNull();
    expect(world.server.log.map((r) => r.status)).toEqual(['break']);
    await model.close();
  });

  it('never retries sooner than rate_limited says', async () => {
    const world = newWorld();
    let limited = false;
    const fetch = async (url: string, init: RequestInit) =>
      limited
        ? new Response(JSON.stringify({ ok: false, error: { code: 'rate_limited', message: 'Too many / Слишком много', details: { retry_after_s: 30 } } }))
        : world.server.fetch(url, init);
    const model = await world.open({ random: () => 0, fetch });
    await signIn(model, world.server);
    limited = true;
    await model.setStatus('break');
    await settle(model);
    expect(model.sync.nextRetryAt! - world.clock.now).toBe(30_000); // the jitter drew 0
    expect(model.sync.error).toBe('Too many');
    limited = false;
    world.clock.advance(29_999);
    await settle(model);
    expect(world.server.log).toHaveLength(0);
    world.clock.advance(1);
    await settle(model);
    expect(world.server.log.map((r) => r.status)).toEqual(['break']);
    await model.close();
  });
});

describe('triggers', () => {
  it('offline: nothing is tried; the online event syncs at once', async () => {
    const world = newWorld();
    const model = await world.open();
    await signIn(model, world.server);
    world.browser.goOffline();
    const before = world.server.requests.length;
    await model.setStatus('break');
    await settle(model);
    expect(world.server.requests.length).toBe(before);
    expect(model.sync.online).toBe(false);
    expect(model.sync.error).toMatch(/offline/i);
    world.clock.advance(120_000); // the periodic timer sees navigator.onLine false too
    await settle(model);
    expect(world.server.requests.length).toBe(before);
    world.browser.goOnline();
    await settle(model);
    expect(world.server.log.map((r) => [r.status, r.offline])).toEqual([['break', true]]);
    expect(model.sync.online).toBe(true);
    expect(model.sync.error).toBeNull();
    await model.close();
  });

  it('the tab becoming visible syncs at once, even in the middle of a backoff', async () => {
    const world = newWorld();
    const model = await world.open({ random: () => 0.999 });
    await signIn(model, world.server);
    world.server.planned.push('network_before', 'network_before', 'network_before');
    await model.setStatus('break');
    await settle(model);
    expect(model.sync.online).toBe(false); // a failed request: not online until one succeeds
    world.browser.hide();
    await settle(model);
    world.server.planned.length = 0;
    expect(model.sync.nextRetryAt).not.toBeNull();
    world.browser.show();
    await settle(model);
    expect(world.server.log.map((r) => r.status)).toEqual(['break']);
    expect(model.sync.online).toBe(true);
    expect(model.sync.nextRetryAt).toBeNull();
    await model.close();
  });

  it('the periodic timer refreshes today with `state` when nothing is queued', async () => {
    const world = newWorld();
    const model = await world.open({ periodMs: 60_000 });
    await signIn(model, world.server);
    const lastSyncAt = model.sync.lastSyncAt;
    world.server.requests.length = 0;
    world.clock.advance(59_000);
    await settle(model);
    expect(world.server.opsSeen()).toEqual([]);
    world.clock.advance(1_000);
    await settle(model);
    expect(world.server.opsSeen()).toEqual(['state']);
    expect(model.sync.lastSyncAt).toBeGreaterThan(lastSyncAt!);
    world.clock.advance(60_000);
    await settle(model);
    expect(world.server.opsSeen()).toEqual(['state', 'state']);
    // A hidden tab polls for nothing, but still sends what is queued.
    world.browser.hide();
    world.clock.advance(180_000);
    await settle(model);
    expect(world.server.opsSeen()).toEqual(['state', 'state']);
    world.browser.goOffline();
    await model.setStatus('break');
    world.browser.navigator.onLine = true; // the network came back without an event
    world.clock.advance(60_000);
    await settle(model);
    expect(world.server.opsSeen()).toEqual(['state', 'state', 'sync']);
    world.browser.show();
    await settle(model);
    expect(world.server.opsSeen()).toEqual(['state', 'state', 'sync', 'state']);
    await model.close();
  });

  it('today, current and the clock offset come from the replies', async () => {
    const world = newWorld();
    const model = await world.open();
    await signIn(model, world.server);
    const serverAhead = 5 * 60_000;
    world.server.now = () => world.clock.now + serverAhead;
    await model.setStatus('break');
    await settle(model);
    expect(model.clockOffsetMs).toBe(serverAhead);
    expect(model.current).toEqual({ status: 'break', since: world.server.log[0].at });
    expect(model.today?.timeline.map((s) => s.status)).toEqual(['break']);
    await model.close();
  });
});

describe('a refused session (401)', () => {
  it('keeps the queue, asks for a login, tries nothing more, and sends the queue after the login', async () => {
    const world = newWorld();
    const model = await world.open();
    await signIn(model, world.server);
    world.server.revokeTokens();
    await model.setStatus('break');
    await settle(model);
    expect(model.sync.needsLogin).toBe(true);
    expect(model.sync.pending).toBe(1);
    expect(model.sync.error).toMatch(/session was ended/);
    expect(model.sync.nextRetryAt).toBeNull();
    const seen = world.server.requests.length;
    await model.setStatus('work'); // still queued: the person keeps working
    world.browser.goOffline();
    world.browser.goOnline();
    world.browser.show();
    world.clock.advance(10 * 60_000);
    await settle(model);
    expect(world.server.requests.length).toBe(seen);
    expect(model.sync.pending).toBe(2);

    await signIn(model, world.server);
    await settle(model);
    expect(model.sync.needsLogin).toBe(false);
    expect(model.sync.pending).toBe(0);
    expect(world.server.log.map((r) => [r.seq, r.status])).toEqual([[1, 'break'], [2, 'work']]);
    await model.close();
  });

  it('a wrong login code is said for a person and changes nothing', async () => {
    const world = newWorld();
    const model = await world.open({ lang: () => 'ru' });
    await model.loginStart('  Anna.Ivanova@Example.com ');
    await expect(model.loginFinish('anna.ivanova@example.com', '000000')).rejects.toThrow('Неверный или просроченный код');
    expect(model.session).toBeNull();
    await model.close();
  });
});

describe('refusals', () => {
  it('an entry refused for good is shown with its reason (in the page language) until dismissed', async () => {
    const world = newWorld();
    let lang: 'ru' | 'en' = 'en';
    const model = await world.open({ lang: () => lang });
    await signIn(model, world.server);
    world.browser.goOffline();
    await model.setStatus('lunch');
    await model.setStatus('work');
    world.server.knownStatuses.delete('lunch'); // an admin removed the status meanwhile
    world.browser.goOnline();
    await settle(model);
    expect(model.sync.pending).toBe(0);
    expect(model.sync.refused).toEqual([
      expect.objectContaining({ seq: 1, status: 'lunch', code: 'bad_request', message: 'Unknown status "lunch"' }),
    ]);
    lang = 'ru';
    expect(model.sync.refused[0].message).toBe('Неизвестный статус «lunch»');
    expect(world.server.log.map((r) => [r.seq, r.status])).toEqual([[2, 'work']]);

    const reloaded = await (async () => {
      await model.close();
      return world.open();
    })();
    expect(reloaded.sync.refused.map((r) => r.status)).toEqual(['lunch']);
    await reloaded.dismissRefused(reloaded.sync.refused[0].entryId);
    expect(reloaded.sync.refused).toEqual([]);
    await reloaded.close();
  });

  it("a 'conflict' (the server waits for an earlier seq) resends from the first unsettled entry", async () => {
    const world = newWorld();
    // A middlebox that loses the first entry of the first sync request: the server sees a gap.
    let cut = true;
    const fetch = (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      if (cut && body.op === 'sync' && body.entries.length > 1) {
        cut = false;
        body.entries.shift();
        return world.server.fetch(url, { ...init, body: JSON.stringify(body) });
      }
      return world.server.fetch(url, init);
    };
    const model = await world.open({ fetch });
    await signIn(model, world.server);
    world.browser.goOffline();
    for (const s of ['break', 'work', 'lunch', 'work']) await model.setStatus(s);
    world.browser.goOnline();
    await settle(model);
    const syncs = world.server.requests.filter((r) => r.op === 'sync').map((r) => r.body.entries.map((e: { seq: number }) => e.seq));
    expect(syncs).toEqual([[2, 3, 4], [1, 2, 3, 4]]);
    expect(world.server.log.map((r) => [r.seq, r.status])).toEqual([[1, 'break'], [2, 'work'], [3, 'lunch'], [4, 'work']]);
    expect(model.sync.refused).toEqual([]);
    await model.close();
  });

  it('a server that lost track of the device: the queue is renumbered under a new device id, nothing is lost', async () => {
    const world = newWorld();
    const model = await world.open();
    await signIn(model, world.server);
    await model.setStatus('break');
    await model.setStatus('work');
    await settle(model);
    const oldDevice = world.server.log[0].device_id;
    world.browser.goOffline();
    await model.setStatus('lunch');
    await model.setStatus('work');
    world.server.forgetDevice(oldDevice, 0); // the Devices row went back (a restored workbook)
    world.browser.goOnline();
    await settle(model);
    // The server now says seq 1 is missing; this profile no longer holds it.
    expect(model.sync.needsLogin).toBe(true);
    expect(model.sync.pending).toBe(2);
    await signIn(model, world.server);
    await settle(model);
    const newDevice = model.session!.deviceId;
    expect(newDevice).not.toBe(oldDevice);
    expect(world.server.logOf(newDevice).map((r) => [r.seq, r.status])).toEqual([[1, 'lunch'], [2, 'work']]);
    expect(world.server.logOf(oldDevice).map((r) => r.status)).toEqual(['break', 'work']);
    await model.close();
  });
});
