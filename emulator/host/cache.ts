// Host side of CacheService: in memory only (a cache may be lost at any time, as on Google), with
// expiry on the emulated clock.
import type { ExecutionInfo } from '../runtime/contracts.ts';
import type { HostDeps, HostService } from './deps.ts';

export type CacheScope = 'script' | 'user' | 'document';

/**
 * reference/cache/cache#put: "The cap for cached items is 1,000. If more than 1,000 items are written,
 * the cache stores the 900 items farthest from expiration."
 */
export const CACHE_ITEM_CAP = 1000;
export const CACHE_ITEMS_KEPT = 900;

interface Entry {
  value: string;
  expiresAt: number;
}

function cacheKey(exec: ExecutionInfo, scope: CacheScope): string {
  if (scope === 'script') return 'script';
  if (scope === 'user') return `user:${exec.effectiveUser}`;
  return `document:${exec.activeSpreadsheetId}`;
}

export function createCacheHost(deps: HostDeps): HostService {
  const caches = new Map<string, Map<string, Entry>>();

  const cacheOf = (exec: ExecutionInfo, scope: CacheScope): Map<string, Entry> => {
    const id = cacheKey(exec, scope);
    let c = caches.get(id);
    if (!c) caches.set(id, (c = new Map()));
    return c;
  };

  const live = (c: Map<string, Entry>, key: string): Entry | undefined => {
    const e = c.get(key);
    if (e && e.expiresAt <= deps.clock.now()) {
      c.delete(key);
      return undefined;
    }
    return e;
  };

  const evictOverCap = (c: Map<string, Entry>): void => {
    if (c.size <= CACHE_ITEM_CAP) return;
    const now = deps.clock.now();
    for (const [k, e] of c) if (e.expiresAt <= now) c.delete(k);
    if (c.size <= CACHE_ITEM_CAP) return;
    const byExpiry = [...c.entries()].sort((a, b) => b[1].expiresAt - a[1].expiresAt);
    for (const [k] of byExpiry.slice(CACHE_ITEMS_KEPT)) c.delete(k);
  };

  return {
    get(exec, scope: CacheScope, key: string): string | null {
      return live(cacheOf(exec, scope), key)?.value ?? null;
    },
    getAll(exec, scope: CacheScope, keys: string[]): Record<string, string> {
      const c = cacheOf(exec, scope);
      const out: Record<string, string> = {};
      for (const k of keys) {
        const e = live(c, k);
        if (e) out[k] = e.value;
      }
      return out;
    },
    /** values: [key, value] pairs, all with the same lifetime. */
    putAll(exec, scope: CacheScope, values: [string, string][], ttlSeconds: number): void {
      const c = cacheOf(exec, scope);
      const expiresAt = deps.clock.now() + ttlSeconds * 1000;
      for (const [k, v] of values) {
        c.delete(k); // re-inserting keeps the Map in write order
        c.set(k, { value: v, expiresAt });
      }
      evictOverCap(c);
    },
    removeAll(exec, scope: CacheScope, keys: string[]): void {
      const c = cacheOf(exec, scope);
      for (const k of keys) c.delete(k);
    },
    /** Test and admin hook: forget everything (a cache may be lost at any time). */
    clear(): void {
      caches.clear();
    },
  };
}
