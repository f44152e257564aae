// The controllable clock. Real time by default; tests and demos set or advance it.
// It lives in a SharedArrayBuffer so every execution thread reads it without a round trip.

const OFFSET = 0; // ms added to real time while running
const FROZEN = 1; // epoch ms while frozen, NaN while running

export class Clock {
  readonly buffer: SharedArrayBuffer;
  private readonly cells: Float64Array;
  private readonly listeners = new Set<() => void>();

  constructor(buffer?: SharedArrayBuffer) {
    this.buffer = buffer ?? new SharedArrayBuffer(16);
    this.cells = new Float64Array(this.buffer);
    if (!buffer) this.cells[FROZEN] = NaN;
  }

  now(): number {
    return readClock(this.cells);
  }

  isFrozen(): boolean {
    return !Number.isNaN(this.cells[FROZEN]);
  }

  /** Jumps to `ms`. Frozen stays frozen at the new time; running keeps running from it. */
  set(ms: number, opts: { frozen?: boolean } = {}): void {
    if (!Number.isFinite(ms)) throw new RangeError(`clock: not a time: ${ms}`);
    const frozen = opts.frozen ?? this.isFrozen();
    if (frozen) this.cells[FROZEN] = ms;
    else {
      this.cells[FROZEN] = NaN;
      this.cells[OFFSET] = ms - Date.now();
    }
    this.changed();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock: cannot advance by ${ms}`);
    this.set(this.now() + ms);
  }

  freeze(): void {
    this.set(this.now(), { frozen: true });
  }

  /** Back to real time. */
  reset(): void {
    this.cells[OFFSET] = 0;
    this.cells[FROZEN] = NaN;
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

export function readClock(cells: Float64Array): number {
  const frozen = cells[FROZEN];
  return Number.isNaN(frozen) ? Math.floor(Date.now() + cells[OFFSET]) : frozen;
}
