// What a value written by Range.setValue(s) / Sheet.appendRow becomes in the cell.
// Apps Script writes values "as if typed by the user": Sheets parses strings. This is exactly what makes
// neutralising user strings necessary, so the rules below are kept explicit and tested:
//   - a cell formatted as plain text ('@') keeps every string verbatim;
//   - '=...' is a formula (stored as its text; reads compute its value, see formula.ts);
//   - a leading apostrophe makes the rest literal text (the apostrophe is not stored);
//   - numbers ('-5', '+7', '12.5', '1e3', ' 42 ') become numbers; 'TRUE'/'false' become booleans;
//   - 'yyyy-mm-dd' / 'yyyy/mm/dd', optionally followed by ' hh:mm' or ' hh:mm:ss', become Dates in the
//     spreadsheet's time zone; 'hh:mm[:ss]' alone becomes a time (a Date on 1899-12-30, as Sheets does);
//   - anything else stays text. ISO strings with a 'T' (2026-11-24T10:30:00Z) stay text, as in Sheets.
// Not emulated (locale-dependent or rare): '50%', '$5', '1,000', '24.11.2026', '11/24/2026'.
import { fromWallMs, SERIAL_EPOCH_WALL_MS } from './timezone.ts';
import type { CellValue } from './types.ts';

/** Sheets refuses longer cell contents with this message. */
export const MAX_CELL_CHARS = 50_000;
export const CELL_TOO_LONG_MESSAGE = 'Your input contains more than the maximum of 50000 characters in a single cell.';

export interface EnteredCell {
  value: CellValue;
  /** The formula text when the input was a formula, else null. */
  formula: string | null;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN = /^(?:true|false)$/i;
const DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export function isDateLike(v: unknown): v is Date {
  // Dates from a vm context are not instanceof this realm's Date.
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

/**
 * `input` is what the script passed (already plain data: Dates as Dates). Throws a plain Error with
 * Sheets' message when the content is too long; the host turns it into a GasError.
 */
export function parseUserEntered(input: unknown, timeZone: string, plainText: boolean): EnteredCell {
  if (input === null || input === undefined) return { value: '', formula: null };
  if (typeof input === 'number') {
    return { value: Number.isFinite(input) ? input : String(input), formula: null };
  }
  if (typeof input === 'boolean') return { value: input, formula: null };
  if (isDateLike(input)) {
    const ms = (input as Date).getTime();
    return { value: Number.isNaN(ms) ? '' : new Date(ms), formula: null };
  }
  const text = String(input);
  if (text.length > MAX_CELL_CHARS) throw new Error(CELL_TOO_LONG_MESSAGE);
  if (plainText || text === '') return { value: text, formula: null };
  if (text.length > 1 && text[0] === '=') return { value: '', formula: text };
  if (text[0] === "'") return { value: text.slice(1), formula: null };
  return { value: parseTyped(text, timeZone), formula: null };
}

function parseTyped(text: string, timeZone: string): CellValue {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t);
  if (BOOLEAN.test(t)) return t.toLowerCase() === 'true';
  const d = DATE.exec(t);
  if (d) {
    const wall = wallMs(Number(d[1]), Number(d[3]), Number(d[4]), d[5], d[6], d[7]);
    if (wall !== null) return new Date(fromWallMs(wall, timeZone));
  }
  const tm = TIME.exec(t);
  if (tm) {
    const time = timeMs(tm[1], tm[2], tm[3]);
    if (time !== null) return new Date(fromWallMs(SERIAL_EPOCH_WALL_MS + time, timeZone));
  }
  return text;
}

function wallMs(y: number, mo: number, d: number, h?: string, mi?: string, s?: string): number | null {
  if (mo < 1 || mo > 12 || d < 1) return null;
  const date = Date.UTC(y, mo - 1, d);
  if (new Date(date).getUTCDate() !== d) return null; // 2026-02-30 stays text
  const time = h === undefined ? 0 : timeMs(h, mi!, s);
  return time === null ? null : date + time;
}

function timeMs(h: string, mi: string, s?: string): number | null {
  const hh = Number(h);
  const mm = Number(mi);
  const ss = s === undefined ? 0 : Number(s);
  if (hh > 23 || mm > 59 || ss > 59) return null;
  return ((hh * 60 + mm) * 60 + ss) * 1000;
}
