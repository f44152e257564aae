// How many of a group are planned on break at each minute of the days being planned.
export class Occupancy {
  private readonly counts: number[];

  constructor(
    private readonly from: number,
    to: number,
  ) {
    this.counts = new Array<number>(Math.max(0, to - from)).fill(0);
  }

  add(start: number, minutes: number, by = 1): void {
    for (let m = Math.max(start, this.from); m < start + minutes && m - this.from < this.counts.length; m++) this.counts[m - this.from] += by;
  }

  /** Whether one more at every minute of [start, start + minutes) stays within `cap`. */
  fits(start: number, minutes: number, cap: number): boolean {
    for (let m = start; m < start + minutes; m++) {
      const i = m - this.from;
      if (i >= 0 && i < this.counts.length && this.counts[i] + 1 > cap) return false;
    }
    return true;
  }

  /** The highest count in [from, to). */
  peak(from: number, to: number): number {
    return this.slice(from, to).reduce((a, b) => Math.max(a, b), 0);
  }

  /** Minutes of [from, to) where the count is over `cap`. */
  minutesOver(cap: number, from: number, to: number): number {
    return this.slice(from, to).filter((c) => c > cap).length;
  }

  private slice(from: number, to: number): number[] {
    return this.counts.slice(Math.max(0, from - this.from), Math.max(0, to - this.from));
  }
}
