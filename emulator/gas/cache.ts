// CacheService facade. Limits from reference/cache/cache: keys up to 250 characters, values up to
// 100 KB, lifetime 600 s by default and 21600 s (6 hours) at most.
import type { FacadeContext } from '../runtime/contracts.ts';
import type { CacheScope } from '../host/cache.ts';

export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_DEFAULT_TTL_SECONDS = 600;
export const CACHE_MAX_TTL_SECONDS = 21600;
export const KEY_TOO_LARGE = 'Argument too large: key';
export const VALUE_TOO_LARGE = 'Argument too large: value';

type CacheApi = Pick<GoogleAppsScript.Cache.Cache, 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'>;

class EmuCache implements CacheApi {
  constructor(
    private readonly ctx: FacadeContext,
    private readonly scope: CacheScope,
  ) {}

  get(key: string): string | null {
    const k = this.checkedKey(key);
    this.ctx.meter.count('Cache.get');
    return this.host<string | null>('get', [k]);
  }

  getAll(keys: string[]): Record<string, string> {
    const ks = this.checkedKeys(keys);
    this.ctx.meter.count('Cache.getAll');
    return this.host<Record<string, string>>('getAll', [ks]);
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    const k = this.checkedKey(key);
    const ttl = this.checkedTtl(expirationInSeconds);
    const entries = this.checkedEntries([[k, value]]);
    this.ctx.meter.count('Cache.put');
    if (entries.length) this.host('putAll', [entries, ttl]);
  }

  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    if (values === null || typeof values !== 'object') this.ctx.fail('Invalid argument: values');
    const ttl = this.checkedTtl(expirationInSeconds);
    const entries = this.checkedEntries(Object.keys(values).map((k) => [this.checkedKey(k), values[k]]));
    this.ctx.meter.count('Cache.putAll');
    if (entries.length) this.host('putAll', [entries, ttl]);
  }

  remove(key: string): void {
    const k = this.checkedKey(key);
    this.ctx.meter.count('Cache.remove');
    this.host('removeAll', [[k]]);
  }

  removeAll(keys: string[]): void {
    const ks = this.checkedKeys(keys);
    this.ctx.meter.count('Cache.removeAll');
    this.host('removeAll', [ks]);
  }

  // reference/cache/cache#put: "The maximum length of a key is 250 characters."
  private checkedKey(key: unknown): string {
    const k = String(key);
    if (k.length > CACHE_KEY_MAX_CHARS) this.ctx.fail(KEY_TOO_LARGE);
    return k;
  }

  private checkedKeys(keys: unknown): string[] {
    if (!Array.isArray(keys)) this.ctx.fail('Invalid argument: keys');
    return (keys as unknown[]).map((k) => this.checkedKey(k));
  }

  /**
   * Values are stored as strings ("[object Object]" for an object); a null or undefined value stores
   * nothing. reference/cache/cache#put: "The maximum amount of data that can be stored per key is 100KB."
   */
  private checkedEntries(pairs: [string, unknown][]): [string, string][] {
    const out: [string, string][] = [];
    for (const [k, v] of pairs) {
      if (v === null || v === undefined) continue;
      const s = String(v);
      if (Buffer.byteLength(s, 'utf8') > CACHE_VALUE_MAX_BYTES) this.ctx.fail(VALUE_TOO_LARGE);
      out.push([k, s]);
    }
    return out;
  }

  /**
   * Default 600 s; "the maximum is 21600 seconds (6 hours)": a longer lifetime is kept for 6 hours.
   * Zero or negative lifetimes still store the entry (observed on Google), here for the default time.
   */
  private checkedTtl(ttl: unknown): number {
    if (ttl === undefined || ttl === null) return CACHE_DEFAULT_TTL_SECONDS;
    const n = typeof ttl === 'number' ? ttl : Number(String(ttl).trim() === '' ? NaN : ttl);
    if (!Number.isFinite(n)) this.ctx.fail(`Cannot convert '${String(ttl)}' to int.`);
    const seconds = Math.trunc(n);
    if (seconds < 1) return CACHE_DEFAULT_TTL_SECONDS;
    return Math.min(seconds, CACHE_MAX_TTL_SECONDS);
  }

  private host<T = unknown>(method: string, args: unknown[]): T {
    return this.ctx.port.call<T>('cache', method, [this.scope, ...args]);
  }
}

type CacheServiceApi = Pick<GoogleAppsScript.Cache.CacheService, 'getScriptCache' | 'getUserCache' | 'getDocumentCache'>;

export function createCacheService(ctx: FacadeContext): CacheServiceApi {
  const asCache = (c: EmuCache) => c as unknown as GoogleAppsScript.Cache.Cache;
  return {
    getScriptCache() {
      ctx.meter.count('CacheService.getScriptCache');
      return asCache(new EmuCache(ctx, 'script'));
    },
    getUserCache() {
      ctx.meter.count('CacheService.getUserCache');
      return asCache(new EmuCache(ctx, 'user'));
    },
    // reference/cache/cache-service#getDocumentCache: null outside a document.
    getDocumentCache() {
      ctx.meter.count('CacheService.getDocumentCache');
      return ctx.exec.activeSpreadsheetId ? asCache(new EmuCache(ctx, 'document')) : null;
    },
  };
}
