// JSON values in a cache (CacheService on Google: gas/cache-store.ts). A cache may forget anything at any
// time, so it only holds what can be lost: rate-limit counters, short-lived login codes, nonces.
export interface JsonCache {
  /** The values of those keys that are present and readable, in ONE service call. */
  getAll(keys: readonly string[]): Record<string, unknown>;
  /** Writes every value with the same lifetime, in ONE service call. */
  putAll(values: Record<string, unknown>, ttlSeconds: number): void;
  /** Removes the keys in ONE service call. */
  removeAll(keys: readonly string[]): void;
}
