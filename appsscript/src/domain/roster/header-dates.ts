// A header cell as a date, in the forms a roster's date row takes: typed text ('01.12', '1.12.2026',
// '2026-12-01', '1 дек', 'Dec 1'), the display form of a real date cell in the sheet's locale ('01.12.2026',
// '12/1/2026', '1-Dec'), or a bare day number when the month is said elsewhere. A weekday beside it
// ('пн 01.12', '1 Mon') is part of the header, not of the date.
import { foldText } from './text.ts';

export type HeaderDate =
  | { kind: 'date'; y: number; m: number; d: number }
  /** No year: the year comes from the month chosen or from today. */
  | { kind: 'day_month'; m: number; d: number }
  /** 1/12 or 12/1: day first or month first is settled by the whole row. */
  | { kind: 'slashed'; a: number; b: number; y: number | null }
  /** A bare day number: the month comes from the options or a title above. */
  | { kind: 'day'; d: number };

const WEEKDAYS = new Set([
  'пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс',
  'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье',
  'пон', 'втр', 'срд', 'чтв', 'птн', 'суб', 'вск',
  'mo', 'tu', 'we', 'th', 'fr', 'sa', 'su',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);

/** Whether the cell is only a weekday's name ('пн', 'Вт.', 'Monday'). */
export function isWeekday(text: string): boolean {
  return WEEKDAYS.has(foldText(text).replace(/\.$/, ''));
}

const MONTH_WORDS: readonly string[][] = [
  ['январь', 'января', 'янв', 'january', 'jan'],
  ['февраль', 'февраля', 'фев', 'февр', 'february', 'feb'],
  ['март', 'марта', 'мар', 'march', 'mar'],
  ['апрель', 'апреля', 'апр', 'april', 'apr'],
  ['май', 'мая', 'may'],
  ['июнь', 'июня', 'июн', 'june', 'jun'],
  ['июль', 'июля', 'июл', 'july', 'jul'],
  ['август', 'августа', 'авг', 'august', 'aug'],
  ['сентябрь', 'сентября', 'сен', 'сент', 'september', 'sep', 'sept'],
  ['октябрь', 'октября', 'окт', 'october', 'oct'],
  ['ноябрь', 'ноября', 'ноя', 'нояб', 'november', 'nov'],
  ['декабрь', 'декабря', 'дек', 'december', 'dec'],
];
const MONTH_OF = new Map(MONTH_WORDS.flatMap((words, i) => words.map((w): [string, number] => [w, i + 1])));

/** The month a word names (январь, января, янв., Jan, January), or 0: whole words only, so Мартынова is no March. */
export function monthOfWord(word: string): number {
  return MONTH_OF.get(foldText(word).replace(/\.$/, '')) ?? 0;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/;
const DAY_MONTH = /^(\d{1,2})\.(\d{1,2})\.?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?$/;
const DAY_NAMED = /^(\d{1,2})[\s-]+([a-zа-я]+)\.?(?:[\s,-]+(\d{4}))?$/;
const NAMED_DAY = /^([a-zа-я]+)\.?[\s-]+(\d{1,2})(?:,?\s+(\d{4}))?$/;

export function readHeaderDate(text: string): HeaderDate | null {
  const s = strip(text);
  if (s === '') return null;
  let m: RegExpExecArray | null;
  if ((m = ISO.exec(s))) return full(+m[1], +m[2], +m[3]);
  if ((m = DOTTED.exec(s))) return full(year(m[3]), +m[2], +m[1]);
  if ((m = DAY_MONTH.exec(s))) return dayMonth(+m[2], +m[1]);
  if ((m = SLASHED.exec(s))) {
    const [a, b] = [+m[1], +m[2]];
    if (a < 1 || b < 1 || (a > 12 && b > 12) || a > 31 || b > 31) return null;
    return { kind: 'slashed', a, b, y: m[3] === undefined ? null : year(m[3]) };
  }
  if ((m = DAY_NAMED.exec(s))) return named(monthOfWord(m[2]), +m[1], m[3]);
  if ((m = NAMED_DAY.exec(s))) return named(monthOfWord(m[1]), +m[2], m[3]);
  if (/^\d{1,2}$/.test(s)) {
    const d = Number(s);
    return d >= 1 && d <= 31 ? { kind: 'day', d } : null;
  }
  return null;
}

/** Folded, a time of day, weekday words, a year mark ('г.') and brackets taken off. */
function strip(text: string): string {
  const words = foldText(text)
    .replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '')
    .replace(/[()[\]]/g, ' ')
    .split(/[\s,]+/)
    .filter((w) => w !== '' && !isWeekday(w) && w !== 'г.' && w !== 'г');
  return words.join(' ');
}

function year(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function full(y: number, m: number, d: number): HeaderDate | null {
  return validDay(y, m, d) ? { kind: 'date', y, m, d } : null;
}

function dayMonth(m: number, d: number): HeaderDate | null {
  // 29.02 is a date in a leap year; the year is settled later.
  return validDay(2000, m, d) ? { kind: 'day_month', m, d } : null;
}

function named(m: number, d: number, y: string | undefined): HeaderDate | null {
  if (m === 0) return null;
  return y === undefined ? dayMonth(m, d) : full(Number(y), m, d);
}

export function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
