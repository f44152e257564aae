// Remembers the signatures of recent pushes so an exact replay inside the freshness window is refused.
// Older replays are already refused by their timestamp, so nothing needs to be kept longer than that.
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** True the first time a signature is offered within the window; false for a replay. */
  admit(signature: string, now: number): boolean {
    for (const [sig, expires] of this.seen) {
      if (expires > now) break; // insertion order is expiry order while the clock moves forward
      this.seen.delete(sig);
    }
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, now + 2 * this.windowMs);
    return true;
  }
}
