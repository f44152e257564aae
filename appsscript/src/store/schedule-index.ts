// The Schedule tab's row index: for every row from 2 down to the last one it covers, what the row holds
// (a date, blank, or a row whose date cannot be read), so a reader of some dates reads only their rows.
// Pure: no port, no Apps Script. store/schedule-rows.ts reads and writes it (cell G1, beside the header);
// docs/spreadsheet.md describes it for people.
//
// What makes it safe (docs/architecture.md, "The Schedule's row index"):
// - A row's entry is a CLAIM: the set of classes the row may hold. A reader reads every row whose claim
//   meets what it wants, and checks each row it read against its claim (and every row below the last one
//   covered: blank). Any row that does not fit means the index is wrong: the reader reads the whole tab.
// - A writer writes its claim BEFORE the rows, and the claim of a row it changes holds both what the row
//   held and what it will hold. An execution cut between the two writes leaves a claim true of the tab as
//   it is (either way), so the index never has to be repaired after a cut, only narrowed later.
// - The index records the edit mark (cell H1) it was built under: a person's edit changes the mark
//   (main.ts onEdit), after which every reader reads the tab whole until a writer builds the index again.
import type { Cell } from './port.ts';
import type { CellContext } from './cells.ts';
import { decodeCell, isBlankCell } from './cells.ts';
import { isBlankRow } from './records.ts';

/** What a row holds, for the index: a 'yyyy-MM-dd' date, BLANK, or UNDATED (content without a readable date). */
export type RowClass = string;
export const BLANK: RowClass = '';
export const UNDATED: RowClass = '?';

/** The set of classes a row may hold (sorted, no repeats); shared between rows with the same claim. */
export type Claim = readonly RowClass[];

export interface ScheduleIndex {
  /** The edit mark (stampGen of cell H1) the index was written under. */
  gen: string;
  /** The last row it covers (1: none); every row below holds nothing. */
  lastRow: number;
  /** Claims of rows 2..lastRow (claims[i] is row i + 2). */
  claims: Claim[];
}

/** Rows `from`..`to`, inclusive; `to` is Infinity for "to the bottom of the grid". */
export interface Interval {
  from: number;
  to: number;
}

export const INDEX_PREFIX = 'WTT index v1';
/** Written when the index would not fit in its cell: every reader reads the tab whole. */
export const INDEX_OFF = `${INDEX_PREFIX}|off`;
/**
 * A Sheets cell takes 50,000 characters; the index stays under the 32,767 an .xlsx cell holds, so the local
 * runtime's workbook file keeps it too (and opens in Excel).
 */
export const MAX_INDEX_CHARS = 32_000;

const BLANK_CLAIM: Claim = [BLANK];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- classes ----

/** The class of a row as read (Schedule's columns), its date decoded as every reader decodes it. */
export function classOf(cells: readonly Cell[], ctx: CellContext): RowClass {
  if (isBlankRow(cells)) return BLANK;
  const raw = cells[0];
  if (isBlankCell(raw)) return UNDATED;
  const d = decodeCell('date', raw, ctx);
  return d.ok && DATE.test(d.value) ? d.value : UNDATED;
}

/**
 * The class a row will have once written: the script writes every string with the apostrophe that keeps it
 * text (store/cells.ts), which Sheets drops on read.
 */
export function classOfWritten(cells: readonly Cell[], ctx: CellContext): RowClass {
  return classOf(cells.map((c) => (typeof c === 'string' && c.startsWith("'") ? c.slice(1) : c)), ctx);
}

/** The edit mark's fingerprint (FNV-1a of the cell's text): what an index records as its generation. */
export function stampGen(stamp: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < stamp.length; i++) {
    h ^= stamp.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

// ---- building and changing ----

function claimOf(classes: Iterable<RowClass>): Claim {
  return [...new Set(classes)].sort();
}

const claimKey = (c: Claim) => c.join('\u0001');

/** Shares one array per distinct claim, so a year of rows costs a few hundred arrays. */
function interner(): (c: Claim) => Claim {
  const seen = new Map<string, Claim>();
  return (c) => {
    const k = claimKey(c);
    let got = seen.get(k);
    if (!got) seen.set(k, (got = c));
    return got;
  };
}

function trimmed(gen: string, claims: Claim[]): ScheduleIndex {
  let n = claims.length;
  while (n > 0 && claims[n - 1].length === 1 && claims[n - 1][0] === BLANK) n--;
  return { gen, lastRow: n + 1, claims: claims.slice(0, n) };
}

/** The exact index of a tab whose rows 2, 3, ... hold `classes`. */
export function exactIndex(classes: readonly RowClass[], gen: string): ScheduleIndex {
  const intern = interner();
  return trimmed(gen, classes.map((c) => intern([c])));
}

/** A row's claim (below the last row covered: blank). */
export function claimAt(index: ScheduleIndex, row: number): Claim {
  return row >= 2 && row <= index.lastRow ? index.claims[row - 2] : BLANK_CLAIM;
}

/** Whether `row` holding `cls` fits the index. */
export function fits(index: ScheduleIndex, row: number, cls: RowClass): boolean {
  return claimAt(index, row).includes(cls);
}

/**
 * The claim a writer puts down before writing: rows it read (`known`, verified) claim what they hold, rows
 * it writes (`written`, the new class of each) claim what they hold AND what they will hold, every other
 * row keeps its claim. True of the tab before the write and after it.
 */
export function claimWrite(index: ScheduleIndex, known: ReadonlyMap<number, RowClass>, written: ReadonlyMap<number, RowClass>, gen = index.gen): ScheduleIndex {
  const intern = interner();
  let last = Math.max(1, index.lastRow);
  for (const row of written.keys()) last = Math.max(last, row);
  for (const row of known.keys()) last = Math.max(last, row);
  const claims: Claim[] = [];
  for (let row = 2; row <= last; row++) {
    const now = known.get(row);
    const next = written.get(row);
    if (next !== undefined) {
      if (now === undefined) throw new Error(`Schedule row ${row} is written without having been read`);
      claims.push(intern(claimOf([now, next])));
    } else if (now !== undefined) claims.push(intern([now]));
    else claims.push(intern(claimAt(index, row)));
  }
  return trimmed(gen, claims);
}

/**
 * The claim before deleting rows `from`..`from + count - 1` (all blank): each row may hold what it holds now
 * or what the row `count` below it holds, so readers are right before the deletion and after it.
 */
export function claimDeletion(classes: readonly RowClass[], from: number, count: number, gen: string): ScheduleIndex {
  const intern = interner();
  const at = (row: number) => classes[row - 2] ?? BLANK;
  const claims: Claim[] = [];
  for (let row = 2; row <= classes.length + 1; row++) claims.push(intern(claimOf(row < from ? [at(row)] : [at(row), at(row + count)])));
  return trimmed(gen, claims);
}

// ---- reading through it ----

/** The rows whose claim holds a class `wanted` takes, as intervals. */
export function rowsClaiming(index: ScheduleIndex, wanted: (cls: RowClass) => boolean): Interval[] {
  const out: Interval[] = [];
  const memo = new Map<Claim, boolean>();
  index.claims.forEach((claim, i) => {
    let hit = memo.get(claim);
    if (hit === undefined) memo.set(claim, (hit = claim.some(wanted)));
    if (!hit) return;
    const row = i + 2;
    const lastRun = out[out.length - 1];
    if (lastRun && lastRun.to === row - 1) lastRun.to = row;
    else out.push({ from: row, to: row });
  });
  return out;
}

export interface RunOptions {
  /** Runs at most this many rows apart are read as one (the rows between are read too). */
  maxGap: number;
  /** At most this many reads: the closest runs are joined until so. */
  maxRuns: number;
}

/** Intervals merged into the few reads that cover them: sorted, overlapping ones joined, close ones joined. */
export function planRuns(intervals: readonly Interval[], o: RunOptions): Interval[] {
  const sorted = intervals.filter((x) => x.to >= x.from).map((x) => ({ ...x })).sort((a, b) => a.from - b.from);
  const runs: Interval[] = [];
  for (const x of sorted) {
    const last = runs[runs.length - 1];
    if (last && x.from <= last.to + 1 + o.maxGap) last.to = Math.max(last.to, x.to);
    else runs.push(x);
  }
  while (runs.length > Math.max(1, o.maxRuns)) {
    let best = 0;
    for (let i = 1; i < runs.length - 1; i++) if (runs[i + 1].from - runs[i].to < runs[best + 1].from - runs[best].to) best = i;
    runs[best].to = Math.max(runs[best].to, runs[best + 1].to);
    runs.splice(best + 1, 1);
  }
  return runs;
}

/** Whether `row` lies in one of `intervals`. */
export function within(intervals: readonly Interval[], row: number): boolean {
  return intervals.some((x) => row >= x.from && row <= x.to);
}

/** The rows of `from`..`to` that no interval covers, as intervals. */
export function uncovered(intervals: readonly Interval[], from: number, to: number): Interval[] {
  const out: Interval[] = [];
  let row = from;
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  for (const x of sorted) {
    if (x.to < row) continue;
    if (x.from > to) break;
    if (x.from > row) out.push({ from: row, to: Math.min(to, x.from - 1) });
    row = Math.max(row, x.to + 1);
    if (row > to || row === Infinity) return out;
  }
  if (row <= to) out.push({ from: row, to });
  return out;
}

// ---- the cell's text ----
// "WTT index v1|<gen>|<lastRow>|<base date>|<segments>": a segment is a claim and how many rows in a row
// have it ("3*200": 200 rows of the base date + 3 days); a claim is its classes joined by "+", each a day
// offset from the base date, "_" for blank or "?" for undated. A year of shifts in date order is about
// 4,000 characters.

function dayNumber(date: string): number {
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function encodeIndex(index: ScheduleIndex): string {
  const dates = new Set<string>();
  for (const c of index.claims) for (const cls of c) if (cls !== BLANK && cls !== UNDATED) dates.add(cls);
  const base = dates.size ? [...dates].sort()[0] : '';
  const zero = base ? dayNumber(base) : 0;
  const token = (cls: RowClass) => (cls === BLANK ? '_' : cls === UNDATED ? '?' : String(dayNumber(cls) - zero));
  const segments: string[] = [];
  let i = 0;
  while (i < index.claims.length) {
    const claim = index.claims[i];
    let n = 1;
    while (i + n < index.claims.length && (index.claims[i + n] === claim || claimKey(index.claims[i + n]) === claimKey(claim))) n++;
    segments.push(`${claim.map(token).join('+')}${n > 1 ? `*${n}` : ''}`);
    i += n;
  }
  return `${INDEX_PREFIX}|${index.gen}|${index.lastRow}|${base}|${segments.join(',')}`;
}

/** The index in the cell, or null when there is none, it is switched off, or it cannot be trusted. */
export function decodeIndex(text: string): ScheduleIndex | null {
  const parts = text.split('|');
  if (parts.length !== 5 || parts[0] !== INDEX_PREFIX) return null;
  const [, gen, lastText, base, body] = parts;
  if (!/^[0-9a-f]{8}$/.test(gen) || !/^\d+$/.test(lastText)) return null;
  const lastRow = Number(lastText);
  if (lastRow < 1 || (base !== '' && !DATE.test(base))) return null;
  const zero = base ? dayNumber(base) : 0;
  const intern = interner();
  const claims: Claim[] = [];
  if (body !== '') {
    for (const segment of body.split(',')) {
      const m = /^([^*]+)(?:\*(\d+))?$/.exec(segment);
      if (!m) return null;
      const n = m[2] === undefined ? 1 : Number(m[2]);
      const classes: RowClass[] = [];
      for (const t of m[1].split('+')) {
        if (t === '_') classes.push(BLANK);
        else if (t === '?') classes.push(UNDATED);
        else if (/^-?\d+$/.test(t) && base !== '') classes.push(dateOfDay(zero + Number(t)));
        else return null;
      }
      if (n < 1 || claims.length + n > lastRow - 1) return null;
      const claim = intern(claimOf(classes));
      for (let k = 0; k < n; k++) claims.push(claim);
    }
  }
  if (claims.length !== lastRow - 1) return null;
  return { gen, lastRow, claims };
}

/** The text a writer puts in the cell: the index, or INDEX_OFF when it would not fit. */
export function indexCellText(index: ScheduleIndex): string {
  const text = encodeIndex(index);
  return text.length <= MAX_INDEX_CHARS ? text : INDEX_OFF;
}
