// The spreadsheet functions model/formula.ts evaluates, with Sheets' argument rules and results.
// (ARRAYFORMULA, ROW and COLUMN look at the formula itself, not at values: they live in formula.ts.)
import { SERIAL_EPOCH_WALL_MS, serialFromMs } from './timezone.ts';
import { arr, compare, err, num, toBool, toNumber, toText, type Arr, type Res, type Val } from './formula-values.ts';

const DAY_MS = 86_400_000;

function roundTo(x: number, places: number, mode: 'near' | 'up' | 'down'): number {
  const f = 10 ** Math.trunc(places);
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  const r = mode === 'near' ? Math.round(scaled) : mode === 'up' ? Math.ceil(scaled) : Math.floor(scaled);
  return (Math.sign(x) * r) / f;
}

export interface CallContext {
  timeZone: string;
  now: number;
  count: number;
  /** The i-th argument as one value (evaluated only when asked: IF is lazy). */
  arg(i: number): Val;
  /** The i-th argument as it came: outside ARRAYFORMULA, IF and IFERROR hand on an array they were given. */
  res(i: number): Res;
  /** The i-th argument whole (a range, an array, one value as 1 x 1): for the positions in Fn.whole. */
  array(i: number): Arr;
  /** Every argument, ranges and arrays flattened row by row. */
  values(): { v: Val; fromRange: boolean }[];
}

export interface Fn {
  min: number;
  max: number;
  /**
   * Takes its arguments through values() (SUM, COUNTA, AND, CONCATENATE): ranges and arrays whole, so it is
   * never applied element by element, inside ARRAYFORMULA or not.
   */
  aggregate?: true;
  /**
   * Arguments that are ranges or arrays by nature (VLOOKUP's range, FILTER's every argument): evaluated as
   * inside ARRAYFORMULA, read with array(), never applied element by element.
   */
  whole?: readonly number[] | 'all';
  run(c: CallContext): Res;
}

const MANY = Infinity;

function numbersOf(c: CallContext): { nums: { v: number; date: boolean }[]; error?: Val } {
  const nums: { v: number; date: boolean }[] = [];
  for (const { v, fromRange } of c.values()) {
    if (v.t === 'e') return { nums, error: v };
    // In a range only numbers count; a value given directly is converted (and must convert).
    if (fromRange) {
      if (v.t === 'n') nums.push({ v: v.v, date: !!v.date });
      continue;
    }
    const n = toNumber(v, c.timeZone);
    if (n.t !== 'n') return { nums, error: n };
    nums.push({ v: n.v, date: !!n.date });
  }
  return { nums };
}

function numArg(c: CallContext, i: number, fallback?: number): Val {
  if (i >= c.count && fallback !== undefined) return num(fallback);
  return toNumber(c.arg(i), c.timeZone);
}

function textFn(f: (s: string) => string): Fn {
  return {
    min: 1,
    max: 1,
    run: (c) => {
      const v = c.arg(0);
      return v.t === 'e' ? v : { t: 's', v: f(toText(v)) };
    },
  };
}

function roundFn(mode: 'near' | 'up' | 'down'): Fn {
  return {
    min: 1,
    max: 2,
    run: (c) => {
      const x = numArg(c, 0);
      const p = numArg(c, 1, 0);
      if (x.t !== 'n') return x;
      if (p.t !== 'n') return p;
      return num(roundTo(x.v, p.v, mode));
    },
  };
}

function extremum(pick: (a: number, b: number) => number): Fn {
  return {
    min: 1,
    max: MANY,
    aggregate: true,
    run: (c) => {
      const { nums, error } = numbersOf(c);
      if (error) return error;
      if (nums.length === 0) return num(0);
      return num(nums.map((n) => n.v).reduce((a, b) => pick(a, b)), nums.every((n) => n.date));
    },
  };
}

function logical(all: boolean): Fn {
  return {
    min: 1,
    max: MANY,
    aggregate: true,
    run: (c) => {
      const bools: boolean[] = [];
      for (const { v, fromRange } of c.values()) {
        if (v.t === 'e') return v;
        if (fromRange && (v.t === 's' || v.t === 'blank')) continue;
        const b = toBool(v);
        if (b.t !== 'b') return b;
        bools.push(b.v);
      }
      if (bools.length === 0) return err('#VALUE!');
      return { t: 'b', v: all ? bools.every(Boolean) : bools.some(Boolean) };
    },
  };
}

const concatenate: Fn = {
  min: 1,
  max: MANY,
  aggregate: true,
  run: (c) => {
    let out = '';
    for (const { v } of c.values()) {
      if (v.t === 'e') return v;
      out += toText(v);
    }
    return { t: 's', v: out };
  },
};

export const FUNCTIONS: Record<string, Fn> = {
  SUM: {
    min: 1,
    max: MANY,
    aggregate: true,
    run: (c) => {
      const { nums, error } = numbersOf(c);
      return error ?? num(nums.reduce((s, n) => s + n.v, 0));
    },
  },
  AVERAGE: {
    min: 1,
    max: MANY,
    aggregate: true,
    run: (c) => {
      const { nums, error } = numbersOf(c);
      if (error) return error;
      return nums.length === 0 ? err('#DIV/0!') : num(nums.reduce((s, n) => s + n.v, 0) / nums.length);
    },
  },
  MIN: extremum(Math.min),
  MAX: extremum(Math.max),
  COUNT: { min: 1, max: MANY, aggregate: true, run: (c) => num(c.values().filter(({ v }) => v.t === 'n').length) },
  // A formula's "" is not blank: COUNTA counts it, as Sheets does.
  COUNTA: { min: 1, max: MANY, aggregate: true, run: (c) => num(c.values().filter(({ v }) => v.t !== 'blank').length) },
  ROUND: roundFn('near'),
  ROUNDUP: roundFn('up'),
  ROUNDDOWN: roundFn('down'),
  INT: {
    min: 1,
    max: 1,
    run: (c) => {
      const x = numArg(c, 0);
      return x.t === 'n' ? num(Math.floor(x.v)) : x;
    },
  },
  ABS: {
    min: 1,
    max: 1,
    run: (c) => {
      const x = numArg(c, 0);
      return x.t === 'n' ? num(Math.abs(x.v)) : x;
    },
  },
  MOD: {
    min: 2,
    max: 2,
    run: (c) => {
      const a = numArg(c, 0);
      const b = numArg(c, 1);
      if (a.t !== 'n') return a;
      if (b.t !== 'n') return b;
      // The result takes the divisor's sign, as in Sheets.
      return b.v === 0 ? err('#DIV/0!') : num(a.v - b.v * Math.floor(a.v / b.v));
    },
  },
  CONCATENATE: concatenate,
  CONCAT: { ...concatenate, min: 2, max: 2 },
  UPPER: textFn((s) => s.toUpperCase()),
  LOWER: textFn((s) => s.toLowerCase()),
  PROPER: textFn((s) => s.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_, p: string, l: string) => p + l.toUpperCase())),
  // Sheets' TRIM also folds runs of spaces inside into one.
  TRIM: textFn((s) => s.trim().replace(/ {2,}/g, ' ')),
  LEN: {
    min: 1,
    max: 1,
    run: (c) => {
      const v = c.arg(0);
      return v.t === 'e' ? v : num(toText(v).length);
    },
  },
  LEFT: {
    min: 1,
    max: 2,
    run: (c) => {
      const v = c.arg(0);
      const n = numArg(c, 1, 1);
      if (v.t === 'e') return v;
      if (n.t !== 'n') return n;
      return n.v < 0 ? err('#VALUE!') : { t: 's', v: toText(v).slice(0, Math.trunc(n.v)) };
    },
  },
  RIGHT: {
    min: 1,
    max: 2,
    run: (c) => {
      const v = c.arg(0);
      const n = numArg(c, 1, 1);
      if (v.t === 'e') return v;
      if (n.t !== 'n') return n;
      const s = toText(v);
      return n.v < 0 ? err('#VALUE!') : { t: 's', v: Math.trunc(n.v) === 0 ? '' : s.slice(-Math.trunc(n.v)) };
    },
  },
  MID: {
    min: 3,
    max: 3,
    run: (c) => {
      const v = c.arg(0);
      const start = numArg(c, 1);
      const n = numArg(c, 2);
      if (v.t === 'e') return v;
      if (start.t !== 'n') return start;
      if (n.t !== 'n') return n;
      if (start.v < 1 || n.v < 0) return err('#VALUE!');
      const from = Math.trunc(start.v) - 1;
      return { t: 's', v: toText(v).slice(from, from + Math.trunc(n.v)) };
    },
  },
  SUBSTITUTE: {
    min: 3,
    max: 4,
    run: (c) => {
      const [s, find, repl] = [c.arg(0), c.arg(1), c.arg(2)];
      for (const v of [s, find, repl]) if (v.t === 'e') return v;
      const text = toText(s);
      const f = toText(find);
      if (f === '') return { t: 's', v: text };
      if (c.count < 4) return { t: 's', v: text.split(f).join(toText(repl)) };
      const nth = numArg(c, 3);
      if (nth.t !== 'n') return nth;
      if (nth.v < 1) return err('#VALUE!');
      let at = -1;
      for (let k = 0; k < Math.trunc(nth.v); k++) {
        at = text.indexOf(f, at + 1);
        if (at < 0) return { t: 's', v: text };
      }
      return { t: 's', v: text.slice(0, at) + toText(repl) + text.slice(at + f.length) };
    },
  },
  VALUE: {
    min: 1,
    max: 1,
    run: (c) => {
      const v = toNumber(c.arg(0), c.timeZone);
      return v.t === 'n' ? num(v.v) : v;
    },
  },
  IF: {
    min: 2,
    max: 3,
    run: (c) => {
      const cond = toBool(c.arg(0));
      if (cond.t !== 'b') return cond;
      if (cond.v) return c.res(1);
      return c.count > 2 ? c.res(2) : { t: 'b', v: false };
    },
  },
  IFERROR: {
    min: 1,
    max: 2,
    run: (c) => {
      const v = c.res(0);
      return v.t === 'e' ? c.res(1) : v;
    },
  },
  IFNA: {
    min: 2,
    max: 2,
    run: (c) => {
      const v = c.res(0);
      return v.t === 'e' && v.v === '#N/A' ? c.res(1) : v;
    },
  },
  AND: logical(true),
  OR: logical(false),
  NOT: {
    min: 1,
    max: 1,
    run: (c) => {
      const b = toBool(c.arg(0));
      return b.t === 'b' ? { t: 'b', v: !b.v } : b;
    },
  },
  ISBLANK: { min: 1, max: 1, run: (c) => ({ t: 'b', v: c.arg(0).t === 'blank' }) },
  DATE: {
    min: 3,
    max: 3,
    run: (c) => {
      const parts = [numArg(c, 0), numArg(c, 1), numArg(c, 2)];
      for (const p of parts) if (p.t !== 'n') return p;
      const [year, m, d] = parts.map((p) => Math.trunc((p as { v: number }).v));
      // Sheets reads a year below 1900 as that many years after 1900 (DATE(126,1,1) is 2026).
      const y = year >= 0 && year < 1900 ? year + 1900 : year;
      const wall = new Date(0);
      wall.setUTCFullYear(y, m - 1, d);
      const serial = (wall.getTime() - SERIAL_EPOCH_WALL_MS) / DAY_MS;
      return serial < 0 ? err('#NUM!') : num(serial, true);
    },
  },
  TIME: {
    min: 3,
    max: 3,
    run: (c) => {
      const parts = [numArg(c, 0), numArg(c, 1), numArg(c, 2)];
      for (const p of parts) if (p.t !== 'n') return p;
      const [h, m, s] = parts.map((p) => Math.trunc((p as { v: number }).v));
      const seconds = h * 3600 + m * 60 + s;
      return seconds < 0 ? err('#NUM!') : num((seconds % 86400) / 86400, true);
    },
  },
  TODAY: { min: 0, max: 0, run: (c) => num(Math.floor(serialFromMs(c.now, c.timeZone)), true) },
  NOW: { min: 0, max: 0, run: (c) => num(serialFromMs(c.now, c.timeZone), true) },
  // The cell shows (and getValues gives) the label; the link is formatting.
  HYPERLINK: { min: 1, max: 2, run: (c) => (c.count > 1 ? c.arg(1) : c.arg(0)) },
  VLOOKUP: {
    min: 3,
    max: 4,
    whole: [1],
    run: (c) => {
      const key = c.arg(0);
      if (key.t === 'e') return key;
      const range = c.array(1);
      const index = numArg(c, 2);
      if (index.t !== 'n') return index;
      const col = Math.trunc(index.v);
      // "If index is not between 1 and the number of columns in range, #VALUE! is returned."
      if (col < 1 || col > range.cols) return err('#VALUE!');
      let sorted = true;
      if (c.count > 3) {
        const s = toBool(c.arg(3));
        if (s.t !== 'b') return s;
        sorted = s.v;
      }
      const row = sorted ? nearestRow(range, key) : exactRow(range, key);
      return row < 0 ? err('#N/A') : range.v[row * range.cols + col - 1];
    },
  },
  ARRAY_CONSTRAIN: {
    min: 3,
    max: 3,
    whole: [0],
    run: (c) => {
      const input = c.array(0);
      const rows = numArg(c, 1);
      const cols = numArg(c, 2);
      if (rows.t !== 'n') return rows;
      if (cols.t !== 'n') return cols;
      const r = Math.min(Math.trunc(rows.v), input.rows);
      const k = Math.min(Math.trunc(cols.v), input.cols);
      if (r < 1 || k < 1) return err('#NUM!');
      const out: Val[] = [];
      for (let i = 0; i < r; i++) for (let j = 0; j < k; j++) out.push(input.v[i * input.cols + j]);
      return arr(r, k, out);
    },
  },
  FILTER: {
    min: 2,
    max: MANY,
    whole: 'all',
    run: (c) => {
      const range = c.array(0);
      const conditions: Arr[] = [];
      for (let i = 1; i < c.count; i++) conditions.push(c.array(i));
      // Conditions are all columns as tall as the range, or all rows as wide as it.
      const byRow = conditions.every((k) => k.cols === 1 && k.rows === range.rows);
      const byColumn = !byRow && conditions.every((k) => k.rows === 1 && k.cols === range.cols);
      if (!byRow && !byColumn) return err('#VALUE!');
      const n = byRow ? range.rows : range.cols;
      const keep: number[] = [];
      for (let i = 0; i < n; i++) {
        let pass = true;
        for (const k of conditions) {
          const v = k.v[i];
          if (v.t === 'e') return v;
          const b = toBool(v);
          if (b.t !== 'b' || !b.v) pass = false;
        }
        if (pass) keep.push(i);
      }
      // "If FILTER finds no values which satisfy the provided conditions, #N/A will be returned."
      if (keep.length === 0) return err('#N/A');
      const out: Val[] = [];
      if (byRow) for (const i of keep) out.push(...range.v.slice(i * range.cols, (i + 1) * range.cols));
      else for (let r = 0; r < range.rows; r++) for (const j of keep) out.push(range.v[r * range.cols + j]);
      return byRow ? arr(keep.length, range.cols, out) : arr(range.rows, keep.length, out);
    },
  },
};

/** How VLOOKUP compares keys: text without regard to case; a number never equals text. */
function lookupKey(v: Val): string | null {
  switch (v.t) {
    case 'n':
      return `n${v.v}`;
    case 's':
      return `s${v.v.toLowerCase()}`;
    case 'b':
      return `b${v.v}`;
    default:
      return null;
  }
}

// A lookup inside ARRAYFORMULA searches the same range once per row: index its first column once.
const exactIndexes = new WeakMap<Arr, Map<string, number>>();

/** The first row whose first cell equals the key (is_sorted FALSE). */
function exactRow(range: Arr, key: Val): number {
  const k = lookupKey(key);
  if (k === null) return -1;
  let index = exactIndexes.get(range);
  if (!index) {
    index = new Map();
    for (let i = range.rows - 1; i >= 0; i--) {
      const cell = lookupKey(range.v[i * range.cols]);
      if (cell !== null) index.set(cell, i);
    }
    exactIndexes.set(range, index);
  }
  return index.get(k) ?? -1;
}

/**
 * is_sorted TRUE: "the nearest match (less than or equal to the search key)" in a first column sorted
 * ascending. Cells of another type than the key are passed over; on unsorted data the row found may differ
 * from Google's (which the documentation allows: "an incorrect value might be returned").
 */
function nearestRow(range: Arr, key: Val): number {
  if (lookupKey(key) === null) return -1;
  let found = -1;
  for (let i = 0; i < range.rows; i++) {
    const cell = range.v[i * range.cols];
    if (cell.t !== key.t) continue;
    if (compare(cell, key) > 0) break;
    found = i;
  }
  return found;
}
