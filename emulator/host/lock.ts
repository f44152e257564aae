// Host side of LockService: the single arbiter of the script, user and document locks for every
// execution thread. A lock is held by an execution (not by a Lock object): the same execution asking
// again gets it at once, and everything it holds is released when it ends (releaseAll).
// Waiters are served first come, first served; a waiter gives up after its timeout in real time.
import { performance } from 'node:perf_hooks';
import type { ExecutionInfo } from '../runtime/contracts.ts';
import type { HostDeps, HostService } from './deps.ts';

export type LockScope = 'script' | 'user' | 'document';

/** What acquire answers: whether the lock was granted and how long (real ms) the caller waited. */
export interface AcquireResult {
  granted: boolean;
  waitedMs: number;
}

interface Waiter {
  execId: string;
  since: number;
  timer: ReturnType<typeof setTimeout>;
  resolve(result: AcquireResult): void;
}

interface Slot {
  holder: string | null;
  queue: Waiter[];
}

function lockId(exec: ExecutionInfo, scope: LockScope): string {
  if (scope === 'script') return 'script';
  if (scope === 'user') return `user:${exec.effectiveUser}`;
  return `document:${exec.activeSpreadsheetId}`;
}

export function createLockHost(_deps: HostDeps): HostService {
  const slots = new Map<string, Slot>();

  const slotOf = (id: string): Slot => {
    let s = slots.get(id);
    if (!s) slots.set(id, (s = { holder: null, queue: [] }));
    return s;
  };

  const grantNext = (slot: Slot): void => {
    const next = slot.queue.shift();
    if (!next) return;
    clearTimeout(next.timer);
    slot.holder = next.execId;
    next.resolve({ granted: true, waitedMs: Math.round(performance.now() - next.since) });
  };

  const release = (slot: Slot): void => {
    slot.holder = null;
    grantNext(slot);
  };

  return {
    /**
     * Grants at once (a plain value) when the lock is free and nobody queues, or already held by this
     * execution; otherwise a Promise settled when granted or after timeoutMs real milliseconds.
     */
    acquire(exec, scope: LockScope, timeoutMs: number): AcquireResult | Promise<AcquireResult> {
      const slot = slotOf(lockId(exec, scope));
      if (slot.holder === exec.id) return { granted: true, waitedMs: 0 };
      if (slot.holder === null && slot.queue.length === 0) {
        slot.holder = exec.id;
        return { granted: true, waitedMs: 0 };
      }
      if (!(timeoutMs > 0)) return { granted: false, waitedMs: 0 };
      return new Promise<AcquireResult>((resolve) => {
        const since = performance.now();
        const waiter: Waiter = {
          execId: exec.id,
          since,
          resolve,
          timer: setTimeout(() => {
            slot.queue.splice(slot.queue.indexOf(waiter), 1);
            resolve({ granted: false, waitedMs: Math.round(performance.now() - since) });
          }, timeoutMs),
        };
        slot.queue.push(waiter);
      });
    },

    /** reference/lock/lock#releaseLock: "This method has no effect if the lock has not been acquired." */
    release(exec, scope: LockScope): void {
      const slot = slots.get(lockId(exec, scope));
      if (slot?.holder === exec.id) release(slot);
    },

    holds(exec, scope: LockScope): boolean {
      return slots.get(lockId(exec, scope))?.holder === exec.id;
    },

    /**
     * The runtime calls this when an execution ends, however it ends ("Locks are released
     * automatically when the script terminates"); a waiter of that execution stops waiting.
     */
    releaseAll(exec): void {
      for (const slot of slots.values()) {
        for (const w of slot.queue.filter((q) => q.execId === exec.id)) {
          clearTimeout(w.timer);
          slot.queue.splice(slot.queue.indexOf(w), 1);
          w.resolve({ granted: false, waitedMs: Math.round(performance.now() - w.since) });
        }
        if (slot.holder === exec.id) release(slot);
      }
    },

    /** Admin view: who holds what and how many wait. */
    snapshot(): { lock: string; holder: string | null; waiting: number }[] {
      return [...slots].map(([lock, s]) => ({ lock, holder: s.holder, waiting: s.queue.length }));
    },
  };
}
