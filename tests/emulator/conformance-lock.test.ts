// LockService against developers.google.com/apps-script/reference/lock/lock and lock-service.
// Waiting is asynchronous on the host (an execution's thread blocks meanwhile), so contention is tested
// against the host directly with concurrent async calls; the facade is tested for what it does with
// the host's answers.
import { describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { createDirectContext, defaultExecution } from '../../emulator/runtime/direct.ts';
import type { ExecutionInfo, HostPort } from '../../emulator/runtime/contracts.ts';
import type { HostDeps } from '../../emulator/host/deps.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import { createLockHost, type AcquireResult } from '../../emulator/host/lock.ts';
import { createLockService, LOCK_TIMEOUT_MESSAGE } from '../../emulator/gas/lock.ts';

function deps(): HostDeps {
  return {
    clock: new Clock(),
    workbooks: new MemoryWorkbookStore(),
    dataDir: '/nonexistent',
    bundleDir: '/nonexistent',
    ownerEmail: 'owner@example.com',
    mailbox: [],
    fetches: [],
    webAppUrl: '',
  };
}

const exec = (id: string, over: Partial<ExecutionInfo> = {}) => defaultExecution({ id, ...over });
const acquire = (host: ReturnType<typeof createLockHost>, e: ExecutionInfo, timeout: number, scope = 'script') =>
  Promise.resolve(host.acquire(e, scope, timeout) as AcquireResult | Promise<AcquireResult>);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LockService (facade)', () => {
  it('hasLock is false until tryLock or waitLock succeeds, and after releaseLock (lock#hasLock)', () => {
    const host = { lock: createLockHost(deps()) };
    const ctx = createDirectContext(host);
    const lock = createLockService(ctx).getScriptLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    lock.waitLock(1000);
    expect(lock.hasLock()).toBe(true);
  });

  it('releaseLock without the lock has no effect (lock#releaseLock: "no effect if the lock has not been acquired")', () => {
    const lockHost = createLockHost(deps());
    const a = createLockService(createDirectContext({ lock: lockHost }, { exec: { id: 'a' } })).getScriptLock();
    const b = createLockService(createDirectContext({ lock: lockHost }, { exec: { id: 'b' } })).getScriptLock();
    expect(a.tryLock(0)).toBe(true);
    b.releaseLock();
    expect(a.hasLock()).toBe(true);
    expect(b.tryLock(0)).toBe(false);
  });

  it('tryLock returns false and waitLock throws "Lock timeout: ..." when the host gives up (lock#tryLock, #waitLock)', () => {
    const denied: HostPort = { call: <T>() => ({ granted: false, waitedMs: 120 }) as T };
    const ctx = createDirectContext({});
    ctx.port = denied;
    const lock = createLockService(ctx).getScriptLock();
    expect(lock.tryLock(120)).toBe(false);
    expect(() => lock.waitLock(120)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(LOCK_TIMEOUT_MESSAGE).toBe('Lock timeout: another process was holding the lock for too long.');
    // The time spent waiting counts toward the execution's projected time.
    expect(ctx.meter.waitMs).toBe(240);
    expect(ctx.meter.calls).toEqual({ 'LockService.getScriptLock': 1, 'Lock.tryLock': 1, 'Lock.waitLock': 1 });
  });

  // The reference does not say what a negative timeout does. Observed on Google: gas-fakes'
  // test/testlock.js ("Lock timeout failures"), run against live Apps Script: with the lock free,
  // tryLock(-100) is false and waitLock(-100) throws "Lock timeout", and neither leaves the lock held,
  // while tryLock(0) and waitLock(0) take a free lock at once.
  it('a negative timeout never acquires, even a free lock: tryLock(-1) is false, waitLock(-1) throws "Lock timeout"', () => {
    const lockHost = createLockHost(deps());
    const ctx = createDirectContext({ lock: lockHost });
    const lock = createLockService(ctx).getScriptLock();
    expect(lock.tryLock(-1)).toBe(false);
    expect(lock.hasLock()).toBe(false);
    expect(() => lock.waitLock(-1)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(-0.5)).toBe(true); // Java's int conversion makes it 0
    lock.releaseLock();
    lock.waitLock(0);
    expect(lock.hasLock()).toBe(true);
    // Another execution still finds the lock free of the failed attempts' doing.
    lock.releaseLock();
    const other = createLockService(createDirectContext({ lock: lockHost }, { exec: { id: 'other' } })).getScriptLock();
    expect(other.tryLock(0)).toBe(true);
    // Each attempt is still a call that Google would count.
    expect(ctx.meter.calls['Lock.tryLock']).toBe(2);
    expect(ctx.meter.calls['Lock.waitLock']).toBe(2);
  });

  it('rejects a timeout that is not a number', () => {
    const lock = createLockService(createDirectContext({ lock: createLockHost(deps()) })).getScriptLock();
    expect(() => lock.tryLock('soon' as unknown as number)).toThrow("Cannot convert 'soon' to int.");
  });

  it('getDocumentLock is null outside a document (lock-service#getDocumentLock)', () => {
    const ctx = createDirectContext({ lock: createLockHost(deps()) }, { exec: { activeSpreadsheetId: '' } });
    expect(createLockService(ctx).getDocumentLock()).toBeNull();
  });
});

describe('LockService (host arbitration)', () => {
  it('excludes: while one execution holds the script lock, another waits and times out after timeoutInMillis (lock#waitLock)', async () => {
    const host = createLockHost(deps());
    expect(await acquire(host, exec('a'), 0)).toEqual({ granted: true, waitedMs: 0 });
    const t0 = performance.now();
    const r = await acquire(host, exec('b'), 150);
    expect(r.granted).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(r.waitedMs).toBeGreaterThanOrEqual(140);
    // A zero timeout answers at once.
    expect(host.acquire(exec('b'), 'script', 0)).toEqual({ granted: false, waitedMs: 0 });
  });

  it('grants a waiter as soon as the holder releases, reporting how long it waited', async () => {
    const host = createLockHost(deps());
    await acquire(host, exec('a'), 0);
    const waiting = acquire(host, exec('b'), 5000);
    await sleep(60);
    host.release(exec('a'), 'script');
    const r = await waiting;
    expect(r.granted).toBe(true);
    expect(r.waitedMs).toBeGreaterThanOrEqual(50);
    expect(host.holds(exec('b'), 'script')).toBe(true);
    expect(host.holds(exec('a'), 'script')).toBe(false);
  });

  it('serves waiters first come, first served, and a newcomer does not overtake the queue', async () => {
    const host = createLockHost(deps());
    await acquire(host, exec('a'), 0);
    const order: string[] = [];
    const waiters = ['b', 'c', 'd'].map((id) => acquire(host, exec(id), 5000).then(() => order.push(id)));
    await sleep(10);
    host.release(exec('a'), 'script');
    // 'e' arrives while the lock passes to 'b': it must queue behind c and d.
    const late = acquire(host, exec('e'), 5000).then(() => order.push('e'));
    for (const id of ['b', 'c', 'd']) {
      await sleep(10);
      host.release(exec(id), 'script');
    }
    await Promise.all([...waiters, late]);
    expect(order).toEqual(['b', 'c', 'd', 'e']);
  });

  it('really serialises concurrent read-modify-write sections (the lock#waitLock example: a ticket counter)', async () => {
    const host = createLockHost(deps());
    let counter = 0;
    let inside = 0;
    let maxInside = 0;
    const execution = async (id: string) => {
      const r = await acquire(host, exec(id), 10000);
      expect(r.granted).toBe(true);
      inside++;
      maxInside = Math.max(maxInside, inside);
      const read = counter;
      await sleep(Math.random() * 5);
      counter = read + 1;
      inside--;
      host.release(exec(id), 'script');
    };
    await Promise.all(Array.from({ length: 25 }, (_, i) => execution(`e${i}`)));
    expect(counter).toBe(25);
    expect(maxInside).toBe(1);
  });

  it('releases everything an execution holds when it ends, and drops its waits (lock#releaseLock: "released when the script terminates")', async () => {
    const host = createLockHost(deps());
    await acquire(host, exec('a'), 0);
    await acquire(host, exec('a'), 0, 'user');
    await acquire(host, exec('c'), 0, 'document');
    const bWaits = acquire(host, exec('b'), 5000);
    const aWaits = acquire(host, exec('a'), 5000, 'document');
    host.releaseAll(exec('a'));
    expect((await bWaits).granted).toBe(true);
    expect((await aWaits).granted).toBe(false);
    expect(host.holds(exec('a'), 'user')).toBe(false);
    expect(host.snapshot(exec('admin'))).toEqual(
      expect.arrayContaining([
        { lock: 'script', holder: 'b', waiting: 0 },
        { lock: 'document:main', holder: 'c', waiting: 0 },
      ]),
    );
  });

  it('an execution that already holds the lock gets it again at once', async () => {
    const host = createLockHost(deps());
    await acquire(host, exec('a'), 0);
    expect(host.acquire(exec('a'), 'script', 0)).toEqual({ granted: true, waitedMs: 0 });
  });

  it('scopes locks: a user lock is per user, the document lock per document, both apart from the script lock (lock-service)', async () => {
    const host = createLockHost(deps());
    const ann = exec('a', { effectiveUser: 'ann@example.com' });
    const bob = exec('b', { effectiveUser: 'bob@example.com' });
    const ann2 = exec('c', { effectiveUser: 'ann@example.com' });
    expect((await acquire(host, ann, 0, 'user')).granted).toBe(true);
    expect((await acquire(host, bob, 0, 'user')).granted).toBe(true);
    expect((await acquire(host, ann2, 0, 'user')).granted).toBe(false);
    expect((await acquire(host, ann2, 0, 'script')).granted).toBe(true);
    expect((await acquire(host, exec('d', { activeSpreadsheetId: 'one' }), 0, 'document')).granted).toBe(true);
    expect((await acquire(host, exec('e', { activeSpreadsheetId: 'two' }), 0, 'document')).granted).toBe(true);
    expect((await acquire(host, exec('f', { activeSpreadsheetId: 'one' }), 0, 'document')).granted).toBe(false);
  });
});
