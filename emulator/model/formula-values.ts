// Values inside a formula and the conversions Sheets makes between them (model/formula.ts).
import { serialFromMs } from './timezone.ts';
import { isDateLike, parseUserEntered } from './user-entered.ts';

export type ErrorCode = '#REF!' | '#VALUE!' | '#DIV/0!' | '#N/A' | '#NUM!' | '#NAME?' | '#ERROR!';

/** A value inside a formula. `date` marks a number Sheets formats as a date or time (a day serial). */
export type Val =
  | { t: 'n'; v: number; date?: true }
  | { t: 's'; v: string }
  | { t: 'b'; v: boolean }
  | { t: 'e'; v: ErrorCode }
  | { t: 'blank' };

/**
 * An array: the cells of a range (in the grid's full size: B2:B runs to the last row of the grid, as in
 * Sheets) or what an array literal or an array function gives. Row-major.
 */
export interface Arr {
  t: 'arr';
  rows: number;
  cols: number;
  v: Val[];
}

/** What an expression evaluates to. */
export type Res = Val | Arr;

export const BLANK: Val = { t: 'blank' };
export const err = (v: ErrorCode): Val => ({ t: 'e', v });
export const num = (v: number, date?: boolean): Val => (!Number.isFinite(v) ? err('#NUM!') : date ? { t: 'n', v, date: true } : { t: 'n', v });
export const arr = (rows: number, cols: number, v: Val[]): Arr => ({ t: 'arr', rows, cols, v });
/** One value as a 1 x 1 array, an array as it is. */
export const asArr = (x: Res): Arr => (x.t === 'arr' ? x : arr(1, 1, [x]));

// ---- coercions, as Sheets makes them ----

/** Text of a number as Sheets writes it into text: at most 15 significant digits. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(15))).replace('e+', 'E+').replace('e-', 'E-');
}

export function toNumber(v: Val, timeZone: string): Val {
  switch (v.t) {
    case 'n':
    case 'e':
      return v;
    case 'b':
      return num(v.v ? 1 : 0);
    case 'blank':
      return num(0);
    case 's': {
      // Text that Sheets would read as a number or a date when typed counts as one ("3", "2026-11-24").
      if (/^\s*[='"]/.test(v.v) || v.v.trim() === '') return err('#VALUE!');
      const typed = parseUserEntered(v.v, timeZone, false).value;
      if (typeof typed === 'number') return num(typed);
      if (isDateLike(typed)) return num(serialFromMs(typed.getTime(), timeZone));
      return err('#VALUE!');
    }
  }
}

export function toText(v: Val): string {
  switch (v.t) {
    case 's':
      return v.v;
    case 'n':
      return numberText(v.v);
    case 'b':
      return v.v ? 'TRUE' : 'FALSE';
    case 'blank':
      return '';
    case 'e':
      return v.v;
  }
}

export function toBool(v: Val): Val {
  switch (v.t) {
    case 'b':
    case 'e':
      return v;
    case 'n':
      return { t: 'b', v: v.v !== 0 };
    case 'blank':
      return { t: 'b', v: false };
    case 's': {
      const u = v.v.trim().toUpperCase();
      return u === 'TRUE' || u === 'FALSE' ? { t: 'b', v: u === 'TRUE' } : err('#VALUE!');
    }
  }
}

// Module-level, not inside compare(): a whole-column formula compares thousands of times per read.
const EMPTY_TEXT: Val = { t: 's', v: '' };
const FALSE_VALUE: Val = { t: 'b', v: false };
const ZERO: Val = { t: 'n', v: 0 };
function blankAs(other: Val): Val {
  return other.t === 's' ? EMPTY_TEXT : other.t === 'b' ? FALSE_VALUE : ZERO;
}
function rank(v: Val): number {
  return v.t === 's' ? 1 : v.t === 'b' ? 2 : 0;
}

/** Sheets' order between types: numbers, then text (without regard to case), then booleans. */
export function compare(a: Val, b: Val): number {
  const x = a.t === 'blank' ? blankAs(b) : a;
  const y = b.t === 'blank' ? blankAs(a) : b;
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (x.t === 's' && y.t === 's') {
    const p = x.v.toLowerCase();
    const q = y.v.toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  const p = x.t === 'b' ? Number(x.v) : x.t === 'n' ? x.v : 0;
  const q = y.t === 'b' ? Number(y.v) : y.t === 'n' ? y.v : 0;
  return Math.sign(p - q);
}

/** Half away from zero, as Sheets' ROUND; 15 significant digits first, so 1.005 is 1.01 as Sheets has it. */
