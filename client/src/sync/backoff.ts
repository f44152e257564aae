// Exponential backoff with FULL jitter: the wait before retry n is uniform in [0, min(cap, base * 2^n)].
// Jitter over the whole range spreads a crowd of clients that failed together (200 pages after an Apps
// Script outage) instead of bringing them back in synchronised waves.
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

/** The ceiling of the wait before retry `attempt` (0 for the first retry). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  // 2^attempt overflows to Infinity for large attempts, which min() turns into the cap.
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
}

/** The wait before retry `attempt`; `random` is uniform in [0, 1) like Math.random. */
export function fullJitterDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return Math.floor(random() * backoffCeiling(attempt, policy));
}
