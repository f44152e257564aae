// Time zones and calendar fields as Java sees them (java.util.TimeZone, GregorianCalendar in the US
// locale): Apps Script's Utilities.formatDate/parseDate and its time-driven triggers are Java underneath,
// so the emulator's date formatting (gas/utilities.ts) and trigger scheduler (host/scheduler.ts) share
// this engine. Zone ids are IANA ids, custom "GMT+hh:mm" ids, and GMT for any id Java does not know.
import { zoneOffsetMs } from './timezone.ts';

export interface Zone {
  id: string;
  /** Local time minus UTC, in minutes, at the instant ms. */
  offsetMinutes(ms: number): number;
  /** Java's "z": MSK, EST, CEST..., or GMT+03:00 when the zone has no abbreviation. */
  shortName(ms: number): string;
  /** Java's "zzzz": Moscow Standard Time... */
  longName(ms: number): string;
}

/** Java's short names where ICU's English data has none (ICU prints them as GMT+3). */
const JAVA_SHORT_NAMES: Record<string, [string, string?]> = {
  'Europe/Moscow': ['MSK'],
  'Europe/Minsk': ['MSK'],
  'Europe/Simferopol': ['MSK'],
  'Europe/Volgograd': ['MSK'],
  'Europe/Kirov': ['MSK'],
  'Europe/Samara': ['SAMT'],
  'Asia/Yekaterinburg': ['YEKT'],
  'Asia/Omsk': ['OMST'],
  'Asia/Novosibirsk': ['NOVT'],
  'Asia/Krasnoyarsk': ['KRAT'],
  'Asia/Irkutsk': ['IRKT'],
  'Asia/Yakutsk': ['YAKT'],
  'Asia/Vladivostok': ['VLAT'],
  'Asia/Magadan': ['MAGT'],
  'Asia/Kamchatka': ['PETT'],
  'Europe/Istanbul': ['TRT'],
  'Asia/Almaty': ['ALMT'],
  'Asia/Tashkent': ['UZT'],
  'Asia/Tbilisi': ['GET'],
  'Asia/Yerevan': ['AMT'],
  'Asia/Baku': ['AZT'],
  'Asia/Dubai': ['GST'],
  'Asia/Kolkata': ['IST'],
  'Asia/Calcutta': ['IST'],
  'Asia/Shanghai': ['CST'],
  'Asia/Hong_Kong': ['HKT'],
  'Asia/Singapore': ['SGT'],
  'Asia/Tokyo': ['JST'],
  'Asia/Seoul': ['KST'],
  'Australia/Sydney': ['AEST', 'AEDT'],
  'Australia/Melbourne': ['AEST', 'AEDT'],
  'Australia/Brisbane': ['AEST'],
  'Australia/Perth': ['AWST'],
  'America/Sao_Paulo': ['BRT'],
  'America/Argentina/Buenos_Aires': ['ART'],
  UTC: ['UTC'],
  'Etc/UTC': ['UTC'],
  GMT: ['GMT'],
  'Etc/GMT': ['GMT'],
};

export function gmtOffsetName(minutes: number, separator = ':'): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `GMT${sign}${pad(Math.floor(a / 60), 2)}${separator}${pad(a % 60, 2)}`;
}

class FixedZone implements Zone {
  constructor(
    readonly id: string,
    private readonly minutes: number,
  ) {}
  offsetMinutes(): number {
    return this.minutes;
  }
  shortName(): string {
    return this.minutes === 0 && this.id === 'GMT' ? 'GMT' : gmtOffsetName(this.minutes);
  }
  longName(): string {
    return this.minutes === 0 && this.id === 'GMT' ? 'Greenwich Mean Time' : gmtOffsetName(this.minutes);
  }
}

class IanaZone implements Zone {
  private readonly standardCache = new Map<number, number>();

  constructor(readonly id: string) {}

  offsetMinutes(ms: number): number {
    return Math.round(zoneOffsetMs(ms, this.id) / 60000);
  }

  /** Standard time is the smaller of the year's offsets (so southern-hemisphere summers count as DST). */
  private standardOffset(ms: number): number {
    const year = new Date(ms).getUTCFullYear();
    let s = this.standardCache.get(year);
    if (s === undefined) {
      s = Math.min(this.offsetMinutes(Date.UTC(year, 0, 1)), this.offsetMinutes(Date.UTC(year, 6, 1)));
      this.standardCache.set(year, s);
    }
    return s;
  }

  shortName(ms: number): string {
    const known = JAVA_SHORT_NAMES[this.id];
    const dst = this.offsetMinutes(ms) > this.standardOffset(ms);
    if (known) return (dst ? known[1] : known[0]) ?? known[0];
    for (const locale of ['en-US', 'en-GB']) {
      const n = zoneName(this.id, locale, 'short', ms);
      if (/^[A-Z]{2,5}$/.test(n)) return n;
    }
    return gmtOffsetName(this.offsetMinutes(ms));
  }

  longName(ms: number): string {
    const n = zoneName(this.id, 'en-US', 'long', ms);
    return n.startsWith('GMT') ? gmtOffsetName(this.offsetMinutes(ms)) : n;
  }
}

const nameFormats = new Map<string, Intl.DateTimeFormat>();

function zoneName(id: string, locale: string, style: 'short' | 'long', ms: number): string {
  const key = `${id}|${locale}|${style}`;
  let f = nameFormats.get(key);
  if (!f) nameFormats.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: id, timeZoneName: style })));
  return f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

const zones = new Map<string, Zone>();

/** java.util.TimeZone.getTimeZone: an id it does not know means GMT (no error). */
export function resolveZone(id: string): Zone {
  const key = String(id);
  let z = zones.get(key);
  if (z) return z;
  const custom = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(key);
  if (custom) {
    const h = Number(custom[2]);
    const m = Number(custom[3] ?? 0);
    z = h <= 23 && m <= 59 ? new FixedZone(key, (custom[1] === '-' ? -1 : 1) * (h * 60 + m)) : new FixedZone('GMT', 0);
  } else if (key === 'GMT') {
    z = new FixedZone('GMT', 0);
  } else {
    z = isIanaZone(key) ? new IanaZone(key) : new FixedZone('GMT', 0);
  }
  zones.set(key, z);
  return z;
}

export function isIanaZone(id: string): boolean {
  // Java ids are case-sensitive ("Europe/Moscow", "EST5EDT", "UTC"); Intl would take "europe/moscow".
  if (!/^[A-Z][A-Za-z0-9_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)*$/.test(id)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
}

export function localParts(ms: number, zone: Zone): LocalParts {
  const d = new Date(ms + zone.offsetMinutes(ms) * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

/**
 * The instant a wall-clock time names in a zone, as Java's lenient Calendar resolves it: fields may
 * overflow (month 13 is January next year); a time skipped by a DST change is read with the offset
 * from before the change (02:30 becomes 03:30); a repeated time means standard time.
 */
export function zonedTimeToEpoch(
  zone: Zone,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, millisecond);
  const guess = wall.getTime();
  const before = zone.offsetMinutes(guess - 86400000);
  const after = zone.offsetMinutes(guess + 86400000);
  const candidates = [...new Set([before, after])]
    .map((o) => guess - o * 60000)
    .filter((t) => guess - zone.offsetMinutes(t) * 60000 === t);
  if (candidates.length === 0) return guess - Math.min(before, after) * 60000;
  // Of two valid readings (a repeated hour), standard time is the later instant.
  return Math.max(...candidates);
}

// ---------------------------------------------------------------------------------------------------
// Calendar fields as java.util.GregorianCalendar in the US locale counts them: weeks start on Sunday
// and week 1 is the week holding January 1.

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function dayOfYear(year: number, month: number, day: number): number {
  return Math.round((utcDay(year, month, day) - utcDay(year, 1, 1)) / 86400000) + 1;
}

function utcDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** [week of year, the year that week belongs to] */
export function weekOfYear(p: Pick<LocalParts, 'year' | 'month' | 'day' | 'weekday'>): [number, number] {
  const doy = dayOfYear(p.year, p.month, p.day);
  const daysInYear = isLeap(p.year) ? 366 : 365;
  if (doy + (6 - p.weekday) > daysInYear) return [1, p.year + 1];
  const jan1 = new Date(utcDay(p.year, 1, 1)).getUTCDay();
  return [Math.floor((doy - 1 + jan1) / 7) + 1, p.year];
}

export function weekOfMonth(p: LocalParts): number {
  const first = new Date(utcDay(p.year, p.month, 1)).getUTCDay();
  return Math.floor((p.day - 1 + first) / 7) + 1;
}

export function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + s.padStart(width, '0');
}
