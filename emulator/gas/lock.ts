// LockService facade. The host arbitrates; waiting blocks only this execution's thread.
import type { FacadeContext } from '../runtime/contracts.ts';
import type { AcquireResult, LockScope } from '../host/lock.ts';

/** The exception reference/lock/lock#waitLock throws when the timeout passes. */
export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

type LockApi = Pick<GoogleAppsScript.Lock.Lock, 'waitLock' | 'tryLock' | 'releaseLock' | 'hasLock'>;

class EmuLock implements LockApi {
  constructor(
    private readonly ctx: FacadeContext,
    private readonly scope: LockScope,
  ) {}

  /** reference/lock/lock#waitLock: "timing out with an exception after the provided number of milliseconds". */
  waitLock(timeoutInMillis: number): void {
    const timeout = this.checkedTimeout(timeoutInMillis);
    this.ctx.meter.count('Lock.waitLock');
    if (!this.acquire(timeout)) this.ctx.fail(LOCK_TIMEOUT_MESSAGE);
  }

  /** reference/lock/lock#tryLock: "true if the lock was acquired, false otherwise". */
  tryLock(timeoutInMillis: number): boolean {
    const timeout = this.checkedTimeout(timeoutInMillis);
    this.ctx.meter.count('Lock.tryLock');
    return this.acquire(timeout);
  }

  releaseLock(): void {
    this.ctx.meter.count('Lock.releaseLock');
    this.ctx.port.call('lock', 'release', [this.scope]);
  }

  hasLock(): boolean {
    this.ctx.meter.count('Lock.hasLock');
    return this.ctx.port.call<boolean>('lock', 'holds', [this.scope]);
  }

  private acquire(timeout: number): boolean {
    // A negative timeout has run out before the call: Google gives up at once even on a free lock
    // (observed, see tests/emulator/conformance-lock.test.ts), so the host is not even asked.
    if (timeout < 0) return false;
    const r = this.ctx.port.call<AcquireResult>('lock', 'acquire', [this.scope, timeout]);
    if (r.waitedMs > 0) this.ctx.meter.addWaitMs(r.waitedMs);
    return r.granted;
  }

  private checkedTimeout(timeout: unknown): number {
    const n = Number(timeout);
    if (timeout === null || timeout === undefined || !Number.isFinite(n)) {
      this.ctx.fail(`Cannot convert '${String(timeout)}' to int.`);
    }
    // Java's int conversion: fractions are dropped; the sign is kept.
    return Math.trunc(n);
  }
}

type LockServiceApi = Pick<GoogleAppsScript.Lock.LockService, 'getScriptLock' | 'getUserLock' | 'getDocumentLock'>;

export function createLockService(ctx: FacadeContext): LockServiceApi {
  const asLock = (l: EmuLock) => l as unknown as GoogleAppsScript.Lock.Lock;
  return {
    // reference/lock/lock-service: "the lock is not actually acquired until Lock.tryLock or
    // Lock.waitLock is called".
    getScriptLock() {
      ctx.meter.count('LockService.getScriptLock');
      return asLock(new EmuLock(ctx, 'script'));
    },
    getUserLock() {
      ctx.meter.count('LockService.getUserLock');
      return asLock(new EmuLock(ctx, 'user'));
    },
    // "If this method is called outside of the context of a containing document ... null is returned."
    getDocumentLock() {
      ctx.meter.count('LockService.getDocumentLock');
      return ctx.exec.activeSpreadsheetId ? asLock(new EmuLock(ctx, 'document')) : (null as unknown as GoogleAppsScript.Lock.Lock);
    },
  };
}
