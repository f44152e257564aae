// The break planner's core, on plain minutes (a shift is [start, end) counted from any fixed origin).
// For each shift it places the breaks its needs call for that hand-fixed breaks do not already cover:
// lunch as near the shift's middle as it can go, the other breaks spread over the stretches around the
// lunches, every one on a 5-minute grid, `edge` minutes clear of the shift's start and end, `gap` minutes
// clear of the shift's other breaks, and never so that more of the group than `cap` are on break in any
// minute. It tries up to three ways of sharing the cap and keeps the one that places the most shifts: all
// lunches first then all breaks, each at the free start nearest its ideal time; shift after shift, each
// with all its breaks at once (its lunch from the middle outwards until its breaks also find room); and
// that again with the shifts the cap left out going first. A shift whose breaks cannot all be placed gets
// none and is named, with the reason. Hand-fixed breaks are never moved.
// Everything is ordered by numbers and ids, so the same input gives the same plan.
import type { Need } from './needs.ts';
import { Occupancy } from './occupancy.ts';

export interface FixedBreak {
  status: string;
  start: number;
  minutes: number;
  /** A break or lunch: it takes one of the group's places while it lasts (a planned meeting does not). */
  counts: boolean;
}

export interface PlannerShift {
  id: string;
  start: number;
  end: number;
  fixed: FixedBreak[];
  needs: Need[];
  edge: number;
  gapOf(status: string): number;
}

export interface PlannerInput {
  /** Most of the group on break at once; null: no limit. */
  cap: number | null;
  shifts: PlannerShift[];
  /** Breaks of the group that are not being planned (other days' shifts), by their minutes. */
  busy?: { start: number; minutes: number }[];
  /** Breaks start on multiples of this many minutes (default 5). */
  step?: number;
}

export interface PlacedBreak {
  status: string;
  start: number;
  minutes: number;
  fixed: boolean;
}

export type UnplacedReason = 'too_short' | 'cap';

export interface PlannerResult {
  /** Every placed shift with all its breaks (hand-fixed ones included), in time order. */
  placed: { id: string; breaks: PlacedBreak[] }[];
  unplaced: { id: string; reason: UnplacedReason; en: string; ru: string }[];
  /** The most of the group on break at once during the planned shifts, as planned. */
  peak: number;
  /** Minutes of the planned shifts where hand-fixed breaks alone put more of the group on break than the cap. */
  fixedOverCap: number;
}

interface Item {
  shift: PlannerShift;
  need: Need;
  /** Which of the need's missing breaks (0, 1, ...). */
  index: number;
}

export function planBreaks(input: PlannerInput): PlannerResult {
  const step = input.step ?? 5;
  const shifts = [...input.shifts].sort((a, b) => a.start - b.start || a.end - b.end || compare(a.id, b.id));
  const lo = Math.min(...shifts.map((s) => s.start), ...(input.busy ?? []).map((b) => b.start));
  const hi = Math.max(...shifts.map((s) => s.end), ...(input.busy ?? []).map((b) => b.start + b.minutes));
  const base = () => {
    const o = new Occupancy(Number.isFinite(lo) ? lo : 0, Number.isFinite(hi) ? hi : 0);
    for (const b of input.busy ?? []) o.add(b.start, b.minutes);
    for (const s of shifts) for (const f of s.fixed) if (f.counts) o.add(f.start, f.minutes);
    return o;
  };
  // Judged over the planned shifts only: the days around are someone else's plan.
  const [from, to] = [Math.min(...shifts.map((s) => s.start)), Math.max(...shifts.map((s) => s.end))];
  const fixedOverCap = input.cap === null || shifts.length === 0 ? 0 : base().minutesOver(input.cap, from, to);

  // A shift that cannot hold its breaks even alone is named at once; the others compete for the cap.
  const tooShortOf = new Map<string, ReturnType<typeof tooShort>>();
  for (const s of shifts) if (placeShift(s, step, () => true) === null) tooShortOf.set(s.id, tooShort(s));
  const open = shifts.filter((s) => !tooShortOf.has(s.id));

  /** Shift after shift in `order`, each with all its breaks at once or none. */
  const attempt = (order: readonly PlannerShift[]) => {
    const occupancy = base();
    const placed = new Map<string, PlacedBreak[]>();
    const capped = new Map<string, ReturnType<typeof cappedBy>>();
    for (const s of order) {
      const failedAt: { need: Need | null } = { need: null };
      const mine = placeShift(s, step, (start, minutes) => input.cap === null || occupancy.fits(start, minutes, input.cap), failedAt);
      if (mine === null) {
        capped.set(s.id, cappedBy(failedAt.need ?? s.needs[0]));
        continue;
      }
      for (const b of mine) occupancy.add(b.start, b.minutes);
      placed.set(s.id, mine);
    }
    return { occupancy, placed, capped };
  };
  /**
   * All lunches first, then all breaks in order of their ideal times (the day fills from the morning), each
   * at the free start nearest it; a shift that finds no room for one of them loses the others.
   */
  const byItems = () => {
    const occupancy = base();
    const placed = new Map<string, PlacedBreak[]>(open.map((s) => [s.id, []]));
    const capped = new Map<string, ReturnType<typeof cappedBy>>();
    const place = (item: Item, target: number) => {
      if (capped.has(item.shift.id)) return;
      const mine = placed.get(item.shift.id) as PlacedBreak[];
      const start = starts(item, target, mine, step).find((x) => input.cap === null || occupancy.fits(x, item.need.minutes, input.cap));
      if (start === undefined) {
        for (const b of mine) occupancy.add(b.start, b.minutes, -1);
        placed.delete(item.shift.id);
        capped.set(item.shift.id, cappedBy(item.need));
        return;
      }
      mine.push({ status: item.need.status, start, minutes: item.need.minutes, fixed: false });
      occupancy.add(start, item.need.minutes);
    };
    const items = open.flatMap(missingItems);
    for (const item of items.filter((i) => i.need.kind === 'lunch')) place(item, lunchTarget(item));
    items
      .filter((i) => i.need.kind === 'break' && !capped.has(i.shift.id))
      .map((item) => ({ item, target: breakTarget(item, placed.get(item.shift.id) ?? []) }))
      .sort((a, b) => a.target - b.target || compare(a.item.shift.id, b.item.shift.id) || compare(a.item.need.status, b.item.need.status) || a.item.index - b.item.index)
      .forEach(({ item, target }) => place(item, target));
    return { occupancy, placed, capped };
  };

  // Neither way is best on every day (a row of identical shifts suits the first, a day of staggered starts
  // the second), so the try that places the most shifts is kept, the earlier one on a tie: three passes
  // at most, and one when the first places everyone.
  let best = byItems();
  if (best.capped.size > 0) {
    const joint = attempt(open);
    if (joint.placed.size > best.placed.size) best = joint;
  }
  if (best.capped.size > 0) {
    const capped = best.capped;
    const again = attempt([...open.filter((s) => capped.has(s.id)), ...open.filter((s) => !capped.has(s.id))]);
    if (again.placed.size > best.placed.size) best = again;
  }
  const failed = new Map<string, { reason: UnplacedReason; en: string; ru: string }>([...tooShortOf, ...best.capped]);
  return {
    placed: shifts
      .filter((s) => !failed.has(s.id))
      .map((s) => ({
        id: s.id,
        breaks: [...s.fixed.map((f) => ({ status: f.status, start: f.start, minutes: f.minutes, fixed: true })), ...(best.placed.get(s.id) ?? [])].sort((a, b) => a.start - b.start || compare(a.status, b.status)),
      })),
    unplaced: shifts.filter((s) => failed.has(s.id)).map((s) => ({ id: s.id, ...(failed.get(s.id) as { reason: UnplacedReason; en: string; ru: string }) })),
    peak: shifts.length === 0 ? 0 : best.occupancy.peak(from, to),
    fixedOverCap,
  };
}

/** The breaks a shift still needs: each need's count less the hand-fixed breaks of that status. */
function missingItems(shift: PlannerShift): Item[] {
  return shift.needs.flatMap((need) => {
    const have = shift.fixed.filter((f) => f.status === need.status).length;
    return Array.from({ length: Math.max(0, need.count - have) }, (_, index) => ({ shift, need, index }));
  });
}

/** How many lunch placements one shift may try before it is given up: bounds the search per shift. */
const MAX_TRIES = 400;

/**
 * All the shift's missing breaks, or null. Lunches are tried from the middle outwards, and for each way of
 * placing them the breaks go, one by one, to the allowed start nearest their ideal time; so a lunch pushed
 * away from the middle by the cap never leaves its breaks without room. `failedAt` names the break that
 * found no room last.
 */
function placeShift(shift: PlannerShift, step: number, free: (start: number, minutes: number) => boolean, failedAt: { need: Need | null } = { need: null }): PlacedBreak[] | null {
  const items = missingItems(shift);
  const lunches = items.filter((i) => i.need.kind === 'lunch');
  const breaks = items.filter((i) => i.need.kind === 'break');
  let tries = 0;
  const withBreaks = (mine: PlacedBreak[]): PlacedBreak[] | null => {
    const out = [...mine];
    const targets = breaks.map((item) => ({ item, target: breakTarget(item, mine) })).sort((a, b) => a.target - b.target || compare(a.item.need.status, b.item.need.status) || a.item.index - b.item.index);
    for (const { item, target } of targets) {
      const start = starts(item, target, out, step).find((x) => free(x, item.need.minutes));
      if (start === undefined) {
        failedAt.need = item.need;
        return null;
      }
      out.push({ status: item.need.status, start, minutes: item.need.minutes, fixed: false });
    }
    return out;
  };
  const lunchesFrom = (k: number, mine: PlacedBreak[]): PlacedBreak[] | null => {
    if (k === lunches.length) return withBreaks(mine);
    const item = lunches[k];
    for (const start of starts(item, lunchTarget(item), mine, step)) {
      if (tries++ > MAX_TRIES) return null;
      if (!free(start, item.need.minutes)) {
        failedAt.need = item.need;
        continue;
      }
      const done = lunchesFrom(k + 1, [...mine, { status: item.need.status, start, minutes: item.need.minutes, fixed: false }]);
      if (done) return done;
    }
    return null;
  };
  return lunchesFrom(0, []);
}

/**
 * The allowed starts, nearest `target` first (the earlier of two as near): on the grid, inside the shift's
 * edges, and clear of its other breaks by the larger of the two statuses' gaps. The cap is the caller's.
 */
function starts(item: Item, target: number, mine: readonly PlacedBreak[], step: number): number[] {
  const { shift, need } = item;
  const first = Math.ceil((shift.start + shift.edge) / step) * step;
  const last = Math.floor((shift.end - shift.edge - need.minutes) / step) * step;
  if (last < first) return [];
  const others = [...shift.fixed, ...mine];
  const snapped = Math.min(last, Math.max(first, Math.round(target / step) * step));
  const out: number[] = [];
  const span = Math.max(snapped - first, last - snapped);
  for (let d = 0; d <= span; d += step) {
    for (const start of d === 0 ? [snapped] : [snapped - d, snapped + d]) {
      if (start < first || start > last) continue;
      const clear = others.every((o) => {
        const gap = Math.max(need.gap, shift.gapOf(o.status));
        return start + need.minutes + gap <= o.start || o.start + o.minutes + gap <= start;
      });
      if (clear) out.push(start);
    }
  }
  return out;
}

/** Lunches share the shift evenly: one lunch's middle at the shift's middle. */
function lunchTarget(item: Item): number {
  const { shift, need, index } = item;
  const missing = missingItems(shift).filter((i) => i.need.status === need.status).length;
  const centre = shift.start + ((index + 1) * (shift.end - shift.start)) / (missing + 1);
  return centre - need.minutes / 2;
}

/**
 * A break's ideal start: the stretches of the shift around its lunches share the status's breaks in
 * proportion to their length, evenly spaced within each; the ideal places nearest the hand-fixed breaks of
 * the status are theirs, and the missing ones take the rest in order.
 */
function breakTarget(item: Item, mine: readonly PlacedBreak[]): number {
  const { shift, need, index } = item;
  const lunches = [...shift.fixed.filter((f) => shift.needs.some((n) => n.kind === 'lunch' && n.status === f.status)), ...mine.filter((m) => shift.needs.some((n) => n.kind === 'lunch' && n.status === m.status))]
    .map((l) => ({ start: l.start, end: l.start + l.minutes }))
    .sort((a, b) => a.start - b.start);
  const stretches: { start: number; end: number }[] = [];
  let at = shift.start;
  for (const l of lunches) {
    if (l.start > at) stretches.push({ start: at, end: l.start });
    at = Math.max(at, l.end);
  }
  if (shift.end > at) stretches.push({ start: at, end: shift.end });
  // A short break starts at its ideal point ('11:00' reads better than '10:52'); lunch is centred instead.
  const ideal = idealPlaces(stretches, need.count);
  // Hand-fixed breaks of the status take the ideal places nearest them.
  for (const f of shift.fixed.filter((x) => x.status === need.status)) {
    if (ideal.length === 0) break;
    let nearest = 0;
    ideal.forEach((p, i) => {
      if (Math.abs(p - f.start) < Math.abs(ideal[nearest] - f.start)) nearest = i;
    });
    ideal.splice(nearest, 1);
  }
  return ideal[Math.min(index, ideal.length - 1)] ?? (shift.start + shift.end) / 2;
}

/** n points shared out over the stretches by length (largest remainder), evenly spaced inside each. */
function idealPlaces(stretches: { start: number; end: number }[], n: number): number[] {
  const total = stretches.reduce((a, s) => a + (s.end - s.start), 0);
  if (total <= 0 || n <= 0) return [];
  const exact = stretches.map((s) => (n * (s.end - s.start)) / total);
  const share = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; share.reduce((a, b) => a + b, 0) < n; k++) share[order[k % order.length].i]++;
  return stretches.flatMap((s, i) => Array.from({ length: share[i] }, (_, j) => s.start + ((j + 1) * (s.end - s.start)) / (share[i] + 1)));
}

function describe(needs: readonly Need[], lang: 'en' | 'ru'): string {
  return needs.map((n) => `${n.count} × ${n.status} ${n.minutes} ${lang === 'en' ? 'min' : 'мин'}`).join(', ');
}

function tooShort(shift: PlannerShift): { reason: UnplacedReason; en: string; ru: string } {
  const hours = Math.round(((shift.end - shift.start) / 60) * 10) / 10;
  return {
    reason: 'too_short',
    en: `${describe(shift.needs, 'en')} do not fit in a shift of ${hours} h, ${shift.edge} min clear of its start and end and apart by the rules' gaps`,
    ru: `${describe(shift.needs, 'ru')} не помещаются в смену ${hours} ч с отступом ${shift.edge} мин от начала и конца и промежутками по правилам`,
  };
}

function cappedBy(need: Need): { reason: UnplacedReason; en: string; ru: string } {
  return {
    reason: 'cap',
    en: `no room for ${need.status} ${need.minutes} min: at every start it could take, the group's cap of people on break is reached`,
    ru: `нет места для ${need.status} ${need.minutes} мин: в любое возможное время уже на перерыве столько, сколько группе можно одновременно`,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
