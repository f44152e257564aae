// The one script lock every writer takes: requests and triggers that write Log, Current or Devices.
export const LOCK_WAIT_MS = 20_000;

/** Runs `work` holding the script lock; a lock that cannot be had in time is the caller's `busy`. */
export function withScriptLock<T>(work: () => T, onTimeout: () => never, waitMs = LOCK_WAIT_MS): T {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) onTimeout();
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
