// JSON values in the script cache (CacheService): the JsonCache the services use (services/json-cache.ts).
import type { JsonCache } from '../services/json-cache.ts';

/** CacheService keeps an entry 6 hours at most, and at least a second. */
export const CACHE_MAX_TTL_SECONDS = 21600;

export function clampTtlSeconds(ttlSeconds: number): number {
  return Math.min(CACHE_MAX_TTL_SECONDS, Math.max(1, Math.ceil(ttlSeconds)));
}

export function scriptJsonCache(): JsonCache {
  const cache = CacheService.getScriptCache();
  return {
    getAll(keys) {
      if (keys.length === 0) return {};
      const raw = cache.getAll([...keys]);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(raw)) {
        try {
          out[k] = JSON.parse(raw[k]);
        } catch {
          // Not ours (or cut short): treated as absent, which a cache entry may always be.
        }
      }
      return out;
    },
    putAll(values, ttlSeconds) {
      const encoded: Record<string, string> = {};
      for (const k of Object.keys(values)) encoded[k] = JSON.stringify(values[k]);
      if (Object.keys(encoded).length > 0) cache.putAll(encoded, clampTtlSeconds(ttlSeconds));
    },
    removeAll(keys) {
      if (keys.length > 0) cache.removeAll([...keys]);
    },
  };
}
