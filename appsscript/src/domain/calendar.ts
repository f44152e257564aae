// Calendar arithmetic on the spreadsheet's plain date and time strings ('yyyy-MM-dd', 'HH:mm').
// Turning a wall-clock date and time into an instant needs the time zone, which only the gas layer knows
// (Utilities.parseDate in the spreadsheet's zone): the domain receives that as an injected ZonedTime.

/** The instant (epoch ms) of a wall-clock date and time in the spreadsheet's time zone. */
export type ZonedTime = (date: string, time: string) => number;

/** A half-open span of time: start <= t < end. */
export interface DayBounds {
  start: number;
  end: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 24 * 3600 * 1000;

export function isDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  // Round-tripping through UTC rejects 2026-02-30 and the like.
  return toDate(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) === date;
}

export function isTime(time: string): boolean {
  return TIME_RE.test(time);
}

/** 'HH:mm' as minutes after midnight. */
export function minutesOf(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`not a time HH:mm: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * The calendar date `days` after `date`. Plain calendar arithmetic in UTC, where every day has 24 hours,
 * so a daylight-saving change in the real time zone cannot shift the result.
 */
export function addDays(date: string, days: number): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date yyyy-MM-dd: ${date}`);
  return toDate(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * DAY_MS);
}

function toDate(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/**
 * The instants a calendar day spans in the spreadsheet's time zone: [00:00 of the date, 00:00 of the next).
 * Asking the zone for both ends (rather than adding 24 h) makes the 23- and 25-hour days of a
 * daylight-saving change come out right.
 */
export function dayBounds(date: string, zonedTime: ZonedTime): DayBounds {
  return { start: zonedTime(date, '00:00'), end: zonedTime(addDays(date, 1), '00:00') };
}
