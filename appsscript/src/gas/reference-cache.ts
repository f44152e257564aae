// The reference tabs are read by every request, so they are served from CacheService: ONE getAll brings the
// generation, the header and every chunk of the cached data; only a miss reads the sheet (and stores it).
//
// Invalidation (onEdit, admin operations) bumps a generation key instead of deleting entries: a request that
// read the sheet just before an edit may still store its data afterwards, but it stores it under the old
// generation, which no one will accept any more. Data larger than one cache value is split into chunks that
// all carry the same stamp, so chunks of two different writes are never glued together.
import type { Tables, DateWindow } from '../store/tables.ts';
import { readReference, type ReferenceData } from '../store/reference.ts';
import { splitUtf8 } from '../store/cache-chunks.ts';

/** The part of GoogleAppsScript.Cache.Cache used here (CacheService's caches fit it; tests can wrap one). */
export interface ReferenceCacheStore {
  getAll(keys: string[]): Record<string, string>;
  putAll(values: Record<string, string>, expirationInSeconds: number): void;
  put(key: string, value: string, expirationInSeconds: number): void;
}

export const REFERENCE_TTL_SECONDS = 5 * 60;
/** The generation key outlives any data entry (6 hours is CacheService's maximum). */
const GENERATION_TTL_SECONDS = 6 * 60 * 60;
/** 40 chunks of 90 KB: far more than 200 people's reference data needs; larger data is simply not cached. */
export const MAX_CHUNKS = 40;

const GENERATION_KEY = 'wtt.ref.gen';

interface Meta {
  stamp: string;
  gen: string;
  chunks: number;
}

function keysFor(window: DateWindow): { meta: string; chunk: (i: number) => string } {
  const base = `wtt.ref.${window.from}.${window.to}`;
  return { meta: `${base}.meta`, chunk: (i) => `${base}.${i}` };
}

function newStamp(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The reference data with the schedule of `window` (see scheduleWindow in store/reference.ts). On a warm
 * cache this makes one cache call and no sheet call at all.
 */
export function loadReference(tables: Tables, window: DateWindow, cache: ReferenceCacheStore = CacheService.getScriptCache()): ReferenceData {
  const keys = keysFor(window);
  const chunkKeys = Array.from({ length: MAX_CHUNKS }, (_, i) => keys.chunk(i));
  const got = cache.getAll([GENERATION_KEY, keys.meta, ...chunkKeys]);
  const gen = got[GENERATION_KEY] ?? '0';
  const cached = assemble(got, keys.meta, chunkKeys, gen);
  if (cached) return cached;
  const data = readReference(tables, window);
  store(cache, data, keys.meta, chunkKeys, gen);
  return data;
}

/** Makes every cached copy of the reference data stale at once (one cache call). */
export function invalidateReferenceCache(cache: ReferenceCacheStore = CacheService.getScriptCache()): void {
  cache.put(GENERATION_KEY, newStamp(), GENERATION_TTL_SECONDS);
}

function assemble(got: Record<string, string>, metaKey: string, chunkKeys: string[], gen: string): ReferenceData | null {
  const metaText = got[metaKey];
  if (!metaText) return null;
  try {
    const meta = JSON.parse(metaText) as Meta;
    if (meta.gen !== gen || !(meta.chunks >= 1 && meta.chunks <= chunkKeys.length)) return null;
    const prefix = `${meta.stamp}|`;
    let json = '';
    for (let i = 0; i < meta.chunks; i++) {
      const piece = got[chunkKeys[i]];
      if (piece === undefined || !piece.startsWith(prefix)) return null; // evicted, or from another write
      json += piece.slice(prefix.length);
    }
    return JSON.parse(json) as ReferenceData;
  } catch {
    return null; // a damaged entry is a miss, never an error
  }
}

function store(cache: ReferenceCacheStore, data: ReferenceData, metaKey: string, chunkKeys: string[], gen: string): void {
  const pieces = splitUtf8(JSON.stringify(data));
  if (pieces.length > chunkKeys.length) return;
  const stamp = newStamp();
  const values: Record<string, string> = { [metaKey]: JSON.stringify({ stamp, gen, chunks: pieces.length } satisfies Meta) };
  pieces.forEach((p, i) => (values[chunkKeys[i]] = `${stamp}|${p}`));
  try {
    cache.putAll(values, REFERENCE_TTL_SECONDS);
  } catch {
    // The cache is an optimisation: when it refuses (quota, size), the next request reads the sheet again.
  }
}
