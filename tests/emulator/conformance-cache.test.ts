// CacheService against developers.google.com/apps-script/reference/cache/cache and cache-service.
import { describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import type { ExecutionInfo } from '../../emulator/runtime/contracts.ts';
import type { HostDeps, HostService } from '../../emulator/host/deps.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import { createCacheHost } from '../../emulator/host/cache.ts';
import { createCacheService, KEY_TOO_LARGE, VALUE_TOO_LARGE } from '../../emulator/gas/cache.ts';

function crossing(service: HostService): HostService {
  const out: HostService = {};
  for (const [m, fn] of Object.entries(service)) out[m] = (exec, ...args) => structuredClone(fn(exec, ...structuredClone(args)));
  return out;
}

function setup() {
  const clock = new Clock();
  clock.set(Date.UTC(2026, 0, 15, 9, 0, 0), { frozen: true });
  const deps: HostDeps = {
    clock,
    workbooks: new MemoryWorkbookStore(),
    dataDir: '/nonexistent',
    bundleDir: '/nonexistent',
    ownerEmail: 'owner@example.com',
    mailbox: [],
    fetches: [],
    webAppUrl: '',
  };
  const cacheHost = createCacheHost(deps);
  const host = { cache: crossing(cacheHost) };
  const execution = (exec: Partial<ExecutionInfo> = {}) => {
    const ctx = createDirectContext(host, { exec, clock });
    return { ctx, CacheService: createCacheService(ctx) };
  };
  return { clock, deps, cacheHost, execution, ...execution() };
}

const SECOND = 1000;

describe('CacheService', () => {
  it('get returns the cached value, or null if none is found (cache#get)', () => {
    const { CacheService } = setup();
    const cache = CacheService.getScriptCache();
    expect(cache.get('foo')).toBeNull();
    cache.put('foo', 'bar');
    expect(cache.get('foo')).toBe('bar');
    expect(CacheService.getScriptCache().get('foo')).toBe('bar');
  });

  it('expires a value after 600 seconds by default, on the emulated clock (cache#put: "expire from the cache after 600 seconds")', () => {
    const { CacheService, clock } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('k', 'v');
    clock.advance(599 * SECOND);
    expect(cache.get('k')).toBe('v');
    clock.advance(1 * SECOND);
    expect(cache.get('k')).toBeNull();
  });

  it('honours expirationInSeconds, at most 21600 seconds (cache#put: "the maximum is 21600 seconds (6 hours)")', () => {
    const { CacheService, clock } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('short', 'v', 5);
    cache.put('long', 'v', 99999);
    clock.advance(4 * SECOND);
    expect(cache.get('short')).toBe('v');
    clock.advance(1 * SECOND);
    expect(cache.get('short')).toBeNull();
    clock.advance(21600 * SECOND - 5 * SECOND - 1);
    expect(cache.get('long')).toBe('v');
    clock.advance(1);
    expect(cache.get('long')).toBeNull();
  });

  it('still stores an entry given a zero or negative lifetime, and rejects a non-number ("Cannot convert ... to int.")', () => {
    const { CacheService } = setup();
    const cache = CacheService.getUserCache();
    cache.put('zero', 'x', 0);
    cache.put('negative', 'x', -5);
    expect(cache.get('zero')).toBe('x');
    expect(cache.get('negative')).toBe('x');
    expect(() => cache.put('bad', 'x', 'abc' as unknown as number)).toThrow("Cannot convert 'abc' to int.");
    expect(cache.get('bad')).toBeNull();
  });

  it('refuses a key over 250 characters (cache#put: "The maximum length of a key is 250 characters")', () => {
    const { CacheService } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('k'.repeat(250), 'ok');
    expect(cache.get('k'.repeat(250))).toBe('ok');
    expect(() => cache.put('k'.repeat(251), 'x')).toThrow(KEY_TOO_LARGE);
    expect(() => cache.get('k'.repeat(251))).toThrow('Argument too large: key');
    expect(() => cache.putAll({ ['k'.repeat(251)]: 'x' })).toThrow(KEY_TOO_LARGE);
  });

  it('refuses a value over 100 KB (cache#put: "The maximum amount of data that can be stored per key is 100KB")', () => {
    const { CacheService } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('max', 'v'.repeat(100 * 1024));
    expect(cache.get('max')).toHaveLength(102400);
    expect(() => cache.put('over', 'v'.repeat(100 * 1024 + 1))).toThrow(VALUE_TOO_LARGE);
    expect(() => cache.putAll({ fine: 'x', over: 'v'.repeat(100 * 1024 + 1) })).toThrow('Argument too large: value');
    expect(cache.get('fine')).toBeNull();
  });

  it('stores values as strings; a null value stores nothing', () => {
    const { CacheService } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('n', 42 as unknown as string);
    cache.put('o', { x: 1 } as unknown as string);
    cache.put('null', null as unknown as string);
    cache.put('empty', '');
    expect(cache.get('n')).toBe('42');
    expect(cache.get('o')).toBe('[object Object]');
    expect(cache.get('null')).toBeNull();
    expect(cache.get('empty')).toBe('');
  });

  it('getAll returns only the keys found; putAll, remove and removeAll (cache#getAll, #putAll, #removeAll)', () => {
    const { CacheService, clock } = setup();
    const cache = CacheService.getScriptCache();
    cache.putAll({ a: '1', b: '2', c: '3' }, 60);
    expect(cache.getAll(['a', 'missing', 'c'])).toEqual({ a: '1', c: '3' });
    cache.remove('a');
    cache.remove('missing');
    expect(cache.get('a')).toBeNull();
    cache.removeAll(['b', 'c']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({});
    cache.putAll({ x: '1' }, 1);
    clock.advance(1 * SECOND);
    expect(cache.getAll(['x'])).toEqual({});
  });

  it('keeps script, user and document caches apart (cache-service: public vs private caches)', () => {
    const { CacheService, execution } = setup();
    CacheService.getScriptCache().put('k', 'script');
    CacheService.getUserCache().put('k', 'owner');
    CacheService.getDocumentCache()!.put('k', 'doc');
    expect(CacheService.getUserCache().get('k')).toBe('owner');
    const ann = execution({ activeUser: 'ann@example.com', effectiveUser: 'ann@example.com' }).CacheService;
    expect(ann.getScriptCache().get('k')).toBe('script');
    expect(ann.getUserCache().get('k')).toBeNull();
    expect(ann.getDocumentCache()!.get('k')).toBe('doc');
    expect(execution({ activeSpreadsheetId: '' }).CacheService.getDocumentCache()).toBeNull();
  });

  it('past 1,000 items keeps the 900 farthest from expiration (cache#put: "the cache stores the 900 items farthest from expiration")', () => {
    const { CacheService } = setup();
    const cache = CacheService.getScriptCache();
    for (let i = 0; i < 1000; i++) cache.put(`k${i}`, 'v', 100 + i);
    expect(cache.get('k0')).toBe('v');
    cache.put('last', 'v', 21600);
    const all = cache.getAll([...Array.from({ length: 1000 }, (_, i) => `k${i}`), 'last']);
    expect(Object.keys(all)).toHaveLength(900);
    expect(all.last).toBe('v');
    expect(all.k100).toBeUndefined();
    expect(all.k101).toBe('v');
  });

  it('is not durable: a new host starts empty (cache-service: items may be evicted at any time)', () => {
    const { CacheService, deps, execution } = setup();
    CacheService.getScriptCache().put('k', 'v');
    const fresh = createCacheHost(deps);
    const ctx = createDirectContext({ cache: fresh }, { clock: deps.clock });
    expect(createCacheService(ctx).getScriptCache().get('k')).toBeNull();
    expect(execution().CacheService.getScriptCache().get('k')).toBe('v');
  });

  it('counts one service call per public method', () => {
    const { ctx, CacheService } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('a', '1');
    cache.getAll(['a']);
    expect(() => cache.put('x'.repeat(251), '1')).toThrow();
    expect(ctx.meter.calls).toEqual({ 'CacheService.getScriptCache': 1, 'Cache.put': 1, 'Cache.getAll': 1 });
  });
});
