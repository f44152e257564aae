// One cell <-> one value, by column type (schema.ts ColumnType).
//
// Writing: setValues stores a value "as if typed by a person", so Sheets would turn '=HYPERLINK(..)' into a
// formula, '-5' or '007' into a number, 'TRUE' into a boolean and '2026-11-24' into a date. Every string is
// therefore written with a leading apostrophe, which makes Sheets keep the rest as text and which it drops
// on read: the string comes back exactly as it went in. Numbers, booleans and instants are written as
// numbers, booleans and Dates so people can still sort, sum and filter them.
//
// Reading: the validated tabs are typed by hand, so reading forgives what Sheets makes of typing (an id
// typed as 42 is a number, a date typed as 2026-11-24 is a Date, a time typed as 9:30 is a Date on
// 1899-12-30) and refuses anything else with a message that says what was expected.
import type { ColumnType } from './schema.ts';
import type { Cell } from './port.ts';
import { MAX_ID_CHARS } from '../../../common/limits.ts';
import { storedText } from '../../../common/text.ts';

/** Sheets refuses longer cell contents. */
export const MAX_CELL_CHARS = 50_000;
/**
 * The longest text the product writes into a cell. Sheets counts "your input", and the input is the text
 * with the apostrophe that keeps it text; Google does not document whether that apostrophe counts, so the
 * product stays within the limit on either reading (tests/emulator/conformance-spreadsheet.test.ts).
 */
export const MAX_TEXT_CELL_CHARS = MAX_CELL_CHARS - 1;

export interface CellContext {
  /** Formats an instant in the spreadsheet's time zone (Utilities.formatDate pattern). */
  formatDate(ms: number, pattern: string): string;
}

/** The value each column type decodes to. Blank text-like cells are '', blank others null. */
export interface ValueOf {
  id: string;
  text: string;
  email: string;
  int: number | null;
  number: number | null;
  bool: boolean | null;
  datetime: number | null;
  date: string;
  time: string;
  json: unknown;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

/** A value the script tried to write that its column cannot hold (always a bug, never user input). */
export class CellEncodeError extends Error {}

const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const bad = (english: string, russian: string): Decoded<never> => ({ ok: false, message: `${english} / ${russian}` });

export function isDateCell(v: unknown): v is Date {
  // Dates made in another realm (the emulator's vm) are not instanceof this realm's Date.
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

export function isBlankCell(v: unknown): boolean {
  return v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Instants a datetime column takes: whole days a spreadsheet shows as dates in any time zone (Sheets counts
 * from 1899-12-30; xlsx and Excel stop at 9999-12-31). Nothing the product writes comes near either end; a
 * value outside is a bug, refused before it can make a cell that does not read back.
 */
export const DATETIME_MIN_MS = -2_208_988_800_000; // Date.UTC(1900, 0, 1)
export const DATETIME_MAX_MS = 253_402_128_000_000; // Date.UTC(9999, 11, 30)

/**
 * A string that Sheets stores as text whatever it looks like ('' stays blank), under the one text rule of
 * common/text.ts: user text arrives already under it (the API says what it stored), and anything else the
 * script writes (an error message from a fetch, say) is brought under it here, so every text cell written
 * reads back exactly.
 */
export function textCell(s: string): string {
  return literalTextCell(storedText(s));
}

function literalTextCell(s: string): string {
  if (s.length > MAX_TEXT_CELL_CHARS) {
    throw new CellEncodeError(`${s.length} characters, more than the ${MAX_TEXT_CELL_CHARS} a text cell holds (${MAX_CELL_CHARS} with its apostrophe)`);
  }
  return s === '' ? '' : `'${s}`;
}

/**
 * Writes back a cell exactly as getValues read it: strings stay text, numbers, booleans and Dates keep
 * their type. Migrations use it so rows they move keep every value (text as the sheet holds it, even where
 * the text rule would have changed it).
 */
export function preserveCell(raw: unknown): Cell {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return literalTextCell(raw);
  if (typeof raw === 'number' || typeof raw === 'boolean' || isDateCell(raw)) return raw as Cell;
  return textCell(String(raw));
}

// ---- writing ----

export function encodeCell(type: ColumnType, value: unknown): Cell {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'id':
    case 'text':
    case 'email':
    case 'date':
    case 'time':
      if (typeof value === 'string') return textCell(value);
      if (typeof value === 'number' && Number.isFinite(value)) return textCell(String(value));
      throw new CellEncodeError(`a ${type} column takes a string, not ${describe(value)}`);
    case 'json':
      return textCell(jsonText(value));
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw new CellEncodeError(`an int column takes an integer, not ${describe(value)}`);
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw new CellEncodeError(`a number column takes a finite number, not ${describe(value)}`);
    case 'bool':
      if (typeof value === 'boolean') return value;
      throw new CellEncodeError(`a bool column takes true or false, not ${describe(value)}`);
    case 'datetime': {
      const ms = typeof value === 'number' ? value : isDateCell(value) ? value.getTime() : NaN;
      if (ms >= DATETIME_MIN_MS && ms <= DATETIME_MAX_MS) return new Date(ms);
      throw new CellEncodeError(`a datetime column takes epoch ms from 1900 to 9999, not ${describe(value)}`);
    }
  }
}

/**
 * JSON text under the text rule without changing the value: JSON.stringify already escapes C0 controls and
 * lone surrogates; the other characters the rule would change can only sit inside strings, where an escape
 * reads back as the same character.
 */
function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(/[\x7F-\x9F\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function describe(v: unknown): string {
  return isDateCell(v) ? 'a Date' : `${typeof v} ${JSON.stringify(v)}`.slice(0, 80);
}

// ---- reading ----

const BOOL_WORDS: Record<string, boolean> = {
  true: true, false: false, yes: true, no: false, y: true, n: false, '1': true, '0': false, on: true, off: false,
  'да': true, 'нет': false, 'д': true, 'н': false, 'истина': true, 'ложь': false,
};
const INT_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?\d+(?:[.,]\d+)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const TIME_TEXT = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/;

export function decodeCell<T extends ColumnType>(type: T, raw: unknown, ctx: CellContext): Decoded<ValueOf[T]>;
export function decodeCell(type: ColumnType, raw: unknown, ctx: CellContext): Decoded<unknown> {
  const blank = isBlankCell(raw);
  switch (type) {
    case 'text':
      if (blank) return ok(typeof raw === 'string' ? raw : '');
      return decodeText(raw);
    case 'id':
      return blank ? ok('') : decodeId(raw);
    case 'email':
      return blank ? ok('') : decodeEmail(raw);
    case 'int':
      return blank ? ok(null) : decodeInt(raw);
    case 'number':
      return blank ? ok(null) : decodeNumber(raw);
    case 'bool':
      return blank ? ok(null) : decodeBool(raw);
    case 'datetime':
      if (blank) return ok(null);
      if (isDateCell(raw) && !Number.isNaN(raw.getTime())) return ok(raw.getTime());
      return bad(`expected a date and time, found "${String(raw)}"`, `ожидались дата и время, а здесь «${String(raw)}»`);
    case 'date':
      return blank ? ok('') : decodeDate(raw, ctx);
    case 'time':
      return blank ? ok('') : decodeTime(raw, ctx);
    case 'json':
      return blank ? ok(null) : decodeJson(raw);
  }
}

function decodeText(raw: unknown): Decoded<string> {
  if (typeof raw === 'string') return ok(raw);
  if (typeof raw === 'number') return ok(String(raw));
  if (typeof raw === 'boolean') return ok(raw ? 'TRUE' : 'FALSE');
  return bad('expected text, found a date', 'ожидался текст, а здесь дата');
}

function decodeId(raw: unknown): Decoded<string> {
  let s: string;
  if (typeof raw === 'string') s = raw.trim();
  else if (typeof raw === 'number' && Number.isFinite(raw)) s = String(raw);
  else return bad(`expected an identifier, found ${isDateCell(raw) ? 'a date' : String(raw)}`, `ожидался идентификатор, а здесь ${isDateCell(raw) ? 'дата' : String(raw)}`);
  if (/\s/.test(s)) return bad(`an identifier has no spaces: "${s}"`, `в идентификаторе не бывает пробелов: «${s}»`);
  if (s.length > MAX_ID_CHARS) return bad(`an identifier is at most ${MAX_ID_CHARS} characters`, `идентификатор не длиннее ${MAX_ID_CHARS} символов`);
  return ok(s);
}

function decodeEmail(raw: unknown): Decoded<string> {
  const s = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!EMAIL.test(s)) return bad(`not an email address: "${String(raw)}"`, `это не адрес почты: «${String(raw)}»`);
  return ok(s);
}

function decodeInt(raw: unknown): Decoded<number> {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && INT_TEXT.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (Number.isSafeInteger(n)) return ok(n);
  return bad(`expected a whole number, found "${String(raw)}"`, `ожидалось целое число, а здесь «${String(raw)}»`);
}

function decodeNumber(raw: unknown): Decoded<number> {
  const n =
    typeof raw === 'number' ? raw : typeof raw === 'string' && NUMBER_TEXT.test(raw.trim()) ? Number(raw.trim().replace(',', '.')) : NaN;
  if (Number.isFinite(n)) return ok(n);
  return bad(`expected a number, found "${String(raw)}"`, `ожидалось число, а здесь «${String(raw)}»`);
}

function decodeBool(raw: unknown): Decoded<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  if (raw === 1 || raw === 0) return ok(raw === 1);
  if (typeof raw === 'string') {
    const word = BOOL_WORDS[raw.trim().toLowerCase()];
    if (word !== undefined) return ok(word);
  }
  return bad(`expected TRUE or FALSE (yes/no, да/нет), found "${String(raw)}"`, `ожидалось TRUE или FALSE (да/нет), а здесь «${String(raw)}»`);
}

function decodeDate(raw: unknown, ctx: CellContext): Decoded<string> {
  if (isDateCell(raw)) {
    const ms = raw.getTime();
    return Number.isNaN(ms) ? bad('an invalid date', 'неверная дата') : ok(ctx.formatDate(ms, 'yyyy-MM-dd'));
  }
  if (typeof raw === 'string') {
    const s = raw.trim();
    const iso = ISO_DATE.exec(s);
    if (iso) return calendarDate(+iso[1], +iso[2], +iso[3], s);
    const dotted = DOTTED_DATE.exec(s);
    if (dotted) return calendarDate(+dotted[3], +dotted[2], +dotted[1], s);
  }
  return bad(`expected a date like 2026-11-24, found "${String(raw)}"`, `ожидалась дата вида 2026-11-24, а здесь «${String(raw)}»`);
}

function calendarDate(y: number, m: number, d: number, typed: string): Decoded<string> {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || t.getUTCDate() !== d) return bad(`no such date: "${typed}"`, `такой даты нет: «${typed}»`);
  return ok(`${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`);
}

function decodeTime(raw: unknown, ctx: CellContext): Decoded<string> {
  let minutes: number | null = null;
  if (isDateCell(raw)) {
    // A time typed into a cell is a Date on 1899-12-30 in the spreadsheet's zone; read its wall clock and
    // round to the minute (old zone offsets have seconds in them).
    const ms = raw.getTime();
    if (!Number.isNaN(ms)) {
      const [h, m, s] = ctx.formatDate(ms, 'HH:mm:ss').split(':').map(Number);
      minutes = (h * 60 + m + (s >= 30 ? 1 : 0)) % 1440;
    }
  } else if (typeof raw === 'number' && raw >= 0 && raw < 1) {
    minutes = Math.round(raw * 1440) % 1440; // a fraction of a day, as a time cell formatted as a number
  } else if (typeof raw === 'string') {
    const t = TIME_TEXT.exec(raw.trim());
    if (t && +t[1] <= 23 && +t[2] <= 59) minutes = +t[1] * 60 + +t[2];
  }
  if (minutes === null) return bad(`expected a time like 09:30, found "${String(raw)}"`, `ожидалось время вида 09:30, а здесь «${String(raw)}»`);
  return ok(minutesToTime(minutes));
}

function decodeJson(raw: unknown): Decoded<unknown> {
  if (typeof raw !== 'string') return bad('expected JSON text', 'ожидался текст JSON');
  try {
    return ok(JSON.parse(raw));
  } catch {
    return bad('the JSON text is damaged', 'текст JSON повреждён');
  }
}

// ---- times of day ----

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 'HH:mm' -> minutes since midnight (the text must be a valid normalised time). */
export function timeToMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export function minutesToTime(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/** A typed 'H:mm' / 'HH:mm' -> 'HH:mm', or null. */
export function normaliseTime(text: string): string | null {
  const t = TIME_TEXT.exec(text.trim());
  if (!t || t[3] !== undefined || +t[1] > 23 || +t[2] > 59) return null;
  return minutesToTime(+t[1] * 60 + +t[2]);
}
