// Rate limits as plain data (kept in CacheService by the caller) and pure functions over it.
// Sliding windows: the state lists the times of the hits still inside the window, at most `limit` of them,
// so a burst at the edge of a fixed window cannot double the allowance.
import { LOGIN_LOCKOUT_SECONDS, LOGIN_MAX_WRONG_CODES } from '../../../common/limits.ts';

const MINUTE_MS = 60 * 1000;

/**
 * Every login limit, in one place (docs/login.md repeats them for people):
 * - login.start: at most 5 codes per email and 10 per device in any 15 minutes;
 * - login.finish: 5 wrong codes for an email within 15 minutes lock that email for 15 minutes, during which
 *   even the right code is refused.
 */
export const LOGIN_LIMITS = {
  startPerEmail: { limit: 5, windowMs: 15 * MINUTE_MS },
  startPerDevice: { limit: 10, windowMs: 15 * MINUTE_MS },
  wrongCodes: { maxFailures: LOGIN_MAX_WRONG_CODES, windowMs: 15 * MINUTE_MS, lockMs: LOGIN_LOCKOUT_SECONDS * 1000 },
} as const;

export interface WindowState {
  /** Epoch ms of the allowed hits inside the window, oldest first. */
  hits: number[];
}

export interface HitResult {
  allowed: boolean;
  /** The state to store (unchanged when refused: a refused try does not push the window further). */
  state: WindowState;
  /** 0 when allowed; otherwise how long until the oldest hit leaves the window. */
  retryAfterMs: number;
}

export function hit(state: WindowState | null | undefined, now: number, limit: number, windowMs: number): HitResult {
  const recent = liveHits(state?.hits, now, windowMs);
  if (recent.length < limit) return { allowed: true, state: { hits: [...recent, now] }, retryAfterMs: 0 };
  const kept = recent.slice(recent.length - limit);
  return { allowed: false, state: { hits: kept }, retryAfterMs: Math.max(1, kept[0] + windowMs - now) };
}

/** A cached value read back as a WindowState; anything unreadable counts as no hits. */
export function asWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as WindowState).hits)) return null;
  return { hits: (value as WindowState).hits.filter((t) => typeof t === 'number' && Number.isFinite(t)) };
}

// ---- lockout after repeated failures ----

export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface LockoutState {
  /** Epoch ms of the failures inside the window (cleared when a lock starts). */
  failures: number[];
  /** Epoch ms until which every attempt is refused; 0 = not locked. */
  lockedUntil: number;
}

export function lockoutStatus(state: LockoutState | null | undefined, now: number): { locked: boolean; retryAfterMs: number } {
  const until = state?.lockedUntil ?? 0;
  return until > now ? { locked: true, retryAfterMs: until - now } : { locked: false, retryAfterMs: 0 };
}

/** Counts one failure; the one that reaches `maxFailures` starts the lock. */
export function recordFailure(state: LockoutState | null | undefined, now: number, policy: LockoutPolicy): LockoutState {
  const failures = [...liveHits(state?.failures, now, policy.windowMs), now];
  if (failures.length >= policy.maxFailures) return { failures: [], lockedUntil: now + policy.lockMs };
  return { failures, lockedUntil: lockoutStatus(state, now).locked ? (state as LockoutState).lockedUntil : 0 };
}

export function asLockoutState(value: unknown): LockoutState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<LockoutState>;
  if (!Array.isArray(v.failures)) return null;
  return {
    failures: v.failures.filter((t) => typeof t === 'number' && Number.isFinite(t)),
    lockedUntil: typeof v.lockedUntil === 'number' && Number.isFinite(v.lockedUntil) ? v.lockedUntil : 0,
  };
}

/** Hits still inside the window ending now, oldest first. A hit "from the future" (clock moved back) stays. */
function liveHits(hits: readonly number[] | undefined, now: number, windowMs: number): number[] {
  if (!hits) return [];
  return hits.filter((t) => t > now - windowMs).sort((a, b) => a - b);
}
