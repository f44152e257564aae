// Utilities facade: pure computations done here in the execution's thread (digests, base64, blobs,
// dates). Byte arrays are Java bytes, as Apps Script gives them: signed, -128..127.
// This module also holds the time-zone arithmetic (Java TimeZone semantics) that the trigger
// scheduler shares.
import crypto from 'node:crypto';
import type { FacadeContext } from '../runtime/contracts.ts';
import { zoneOffsetMs } from '../model/timezone.ts';

// ---------------------------------------------------------------------------------------------------
// Enums. Values are their names (strings): they compare equal with == and ===, print as their names,
// and cross threads as plain data.

export const DigestAlgorithm = Object.freeze({
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const);

export const Charset = Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const);

const NODE_DIGEST: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

// ---------------------------------------------------------------------------------------------------
// Bytes

export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** A Byte[] from the script (signed or not) as raw bytes. */
export function fromByteArray(bytes: ArrayLike<unknown>): Buffer {
  return Buffer.from(Array.from(bytes, (b) => Number(b) & 0xff));
}

/** Java's String.getBytes(charset): US-ASCII replaces every character it cannot encode with '?'. */
export function encodeString(s: string, charset: string = Charset.UTF_8): Buffer {
  if (charset === Charset.US_ASCII) {
    let out = '';
    for (const ch of s) out += ch.codePointAt(0)! < 0x80 ? ch : '?';
    return Buffer.from(out, 'latin1');
  }
  return Buffer.from(s, 'utf8');
}

/** reference/base/blob#getDataAsString(charset): charset names as Java knows them (UTF-8, US-ASCII...). */
export function decodeBytes(bytes: Uint8Array, charset = 'UTF-8'): string {
  return new TextDecoder(charset.replace(/_/g, '-')).decode(bytes);
}

/** MD2 (RFC 1319): OpenSSL 3 no longer ships it, and DigestAlgorithm still offers it. */
export function md2(data: Uint8Array): Buffer {
  const S = MD2_S;
  const padLen = 16 - (data.length % 16);
  const msg = new Uint8Array(data.length + padLen + 16);
  msg.set(data);
  msg.fill(padLen, data.length, data.length + padLen);
  const n = data.length + padLen;
  const checksum = new Uint8Array(16);
  let last = 0;
  for (let i = 0; i < n; i += 16) {
    for (let j = 0; j < 16; j++) last = checksum[j] ^= S[msg[i + j] ^ last];
  }
  msg.set(checksum, n);
  const x = new Uint8Array(48);
  for (let i = 0; i < n + 16; i += 16) {
    for (let j = 0; j < 16; j++) {
      x[16 + j] = msg[i + j];
      x[32 + j] = x[16 + j] ^ x[j];
    }
    let t = 0;
    for (let j = 0; j < 18; j++) {
      for (let k = 0; k < 48; k++) t = x[k] ^= S[t];
      t = (t + j) & 0xff;
    }
  }
  return Buffer.from(x.subarray(0, 16));
}

// The MD2 substitution table: a permutation of 0..255 built from the digits of pi (RFC 1319).
const MD2_S = Uint8Array.from(
  ('41 46 67 201 162 216 124 1 61 54 84 161 236 240 6 19 98 167 5 243 192 199 115 140 152 147 43 217 188 76 130 202 ' +
    '30 155 87 60 253 212 224 22 103 66 111 24 138 23 229 18 190 78 196 214 218 158 222 73 160 251 245 142 187 47 238 122 ' +
    '169 104 121 145 21 178 7 63 148 194 16 137 11 34 95 33 128 127 93 154 90 144 50 39 53 62 204 231 191 247 151 3 ' +
    '255 25 48 179 72 165 181 209 215 94 146 42 172 86 170 198 79 184 56 210 150 164 125 182 118 252 107 226 156 116 4 241 ' +
    '69 157 112 89 100 113 135 32 134 91 207 101 230 45 168 2 27 96 37 173 174 176 185 246 28 70 97 105 52 64 126 15 ' +
    '85 71 163 35 221 81 175 58 195 92 249 206 186 197 234 38 44 83 13 110 133 40 132 9 211 223 205 244 65 129 77 82 ' +
    '106 220 55 200 108 193 171 250 36 225 123 8 12 189 177 74 120 136 149 139 227 99 232 109 233 203 213 254 59 0 29 57 ' +
    '242 239 183 14 102 88 208 228 166 119 114 248 235 117 75 10 49 68 80 180 143 237 31 26 219 153 141 51 159 17 131 20')
    .split(' ')
    .map(Number),
);

// ---------------------------------------------------------------------------------------------------
// Time zones, as java.util.TimeZone sees them: IANA ids, custom "GMT+hh:mm" ids, and GMT for any id it
// does not know.

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

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function dayOfYear(year: number, month: number, day: number): number {
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

function weekOfMonth(p: LocalParts): number {
  const first = new Date(utcDay(p.year, p.month, 1)).getUTCDay();
  return Math.floor((p.day - 1 + first) / 7) + 1;
}

// ---------------------------------------------------------------------------------------------------
// java.text.SimpleDateFormat patterns

type Token = { field: string; count: number } | { text: string };

const PATTERN_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';

export function tokenizePattern(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let literal = '';
  const flush = () => {
    if (literal) tokens.push({ text: literal });
    literal = '';
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw new Error('Unterminated quote');
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            literal += "'";
            j += 2;
            continue;
          }
          break;
        }
        literal += pattern[j++];
      }
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      if (!PATTERN_LETTERS.includes(c)) throw new Error(`Illegal pattern character '${c}'`);
      let j = i;
      while (pattern[j] === c) j++;
      flush();
      tokens.push({ field: c, count: j - i });
      i = j;
    } else {
      literal += c;
      i++;
    }
  }
  flush();
  return tokens;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + s.padStart(width, '0');
}

function isoOffset(minutes: number, count: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  if (count === 1) return sign + hh;
  if (count === 2) return sign + hh + mm;
  return `${sign}${hh}:${mm}`;
}

export function formatInZone(ms: number, zone: Zone, pattern: string): string {
  const tokens = tokenizePattern(pattern);
  const p = localParts(ms, zone);
  const offset = zone.offsetMinutes(ms);
  let out = '';
  for (const t of tokens) {
    if ('text' in t) {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.field) {
      case 'G':
        out += p.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y': {
        const y = t.field === 'y' ? p.year : weekOfYear(p)[1];
        const shown = y > 0 ? y : 1 - y;
        out += n === 2 ? pad(shown % 100, 2) : pad(shown, n);
        break;
      }
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, n);
        break;
      case 'w':
        out += pad(weekOfYear(p)[0], n);
        break;
      case 'W':
        out += pad(weekOfMonth(p), n);
        break;
      case 'D':
        out += pad(dayOfYear(p.year, p.month, p.day), n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'F':
        out += pad(Math.floor((p.day - 1) / 7) + 1, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(p.weekday === 0 ? 7 : p.weekday, n);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.millisecond, n);
        break;
      case 'z':
        out += n >= 4 ? zone.longName(ms) : zone.shortName(ms);
        break;
      case 'Z':
        out += gmtOffsetName(offset, '').slice(3);
        break;
      case 'X':
        if (n > 3) throw new Error(`invalid ISO 8601 format: length=${n}`);
        out += isoOffset(offset, n);
        break;
    }
  }
  return out;
}

const NUMERIC_FIELDS = 'yYMLwWDdFuHkKhmsS';

function isNumericToken(t: Token | undefined): boolean {
  return !!t && 'field' in t && NUMERIC_FIELDS.includes(t.field) && !((t.field === 'M' || t.field === 'L') && t.count >= 3);
}

/**
 * SimpleDateFormat.parse (lenient): numbers take as many digits as they have, or exactly the field's
 * width when another number follows ("yyyyMMdd"); text after the pattern is ignored.
 */
export function parseInZone(text: string, zone: Zone, pattern: string): number | null {
  const tokens = tokenizePattern(pattern);
  const f = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0, pm: null as boolean | null, hour12: null as number | null };
  let offset: number | null = null;
  let i = 0;
  const matchName = (names: string[]): number => {
    const rest = text.slice(i).toLowerCase();
    let best = -1;
    let bestLen = 0;
    names.forEach((name, idx) => {
      for (const cand of [name, name.slice(0, 3)]) {
        if (rest.startsWith(cand.toLowerCase()) && cand.length > bestLen) {
          best = idx;
          bestLen = cand.length;
        }
      }
    });
    i += bestLen;
    return best;
  };
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti];
    if ('text' in t) {
      if (!text.startsWith(t.text, i)) return null;
      i += t.text.length;
      continue;
    }
    if (isNumericToken(t)) {
      const fixed = isNumericToken(tokens[ti + 1]);
      const m = (fixed ? new RegExp(`^[+-]?\\d{1,${t.count}}`) : /^[+-]?\d+/).exec(text.slice(i));
      if (!m) return null;
      i += m[0].length;
      const v = Number(m[0]);
      switch (t.field) {
        case 'y':
        case 'Y':
          // A 2-digit year in a "yy" pattern lands within 80 years before and 20 after now.
          f.year = t.count <= 2 && m[0].length <= 2 ? twoDigitYear(v) : v;
          break;
        case 'M':
        case 'L':
          f.month = v;
          break;
        case 'd':
          f.day = v;
          break;
        case 'D':
          f.month = 1;
          f.day = v;
          break;
        case 'H':
          f.hour = v;
          break;
        case 'k':
          f.hour = v === 24 ? 0 : v;
          break;
        case 'h':
          f.hour12 = v % 12;
          break;
        case 'K':
          f.hour12 = v;
          break;
        case 'm':
          f.minute = v;
          break;
        case 's':
          f.second = v;
          break;
        case 'S':
          f.ms = v;
          break;
      }
      continue;
    }
    switch (t.field) {
      case 'M':
      case 'L': {
        const idx = matchName(MONTHS);
        if (idx < 0) return null;
        f.month = idx + 1;
        break;
      }
      case 'E': {
        if (matchName(DAYS) < 0) return null;
        break;
      }
      case 'a': {
        const idx = matchName(['AM', 'PM']);
        if (idx < 0) return null;
        f.pm = idx === 1;
        break;
      }
      case 'G':
        if (matchName(['AD', 'BC']) < 0) return null;
        break;
      case 'z':
      case 'Z':
      case 'X': {
        const m = /^(?:Z(?![A-Za-z])|(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?)/.exec(text.slice(i));
        if (!m) return null;
        i += m[0].length;
        offset = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
        break;
      }
    }
  }
  if (f.hour12 !== null) f.hour = f.hour12 + (f.pm ? 12 : 0);
  else if (f.pm && f.hour < 12) f.hour += 12;
  if (offset !== null) {
    const wall = new Date(0);
    wall.setUTCFullYear(f.year, f.month - 1, f.day);
    wall.setUTCHours(f.hour, f.minute, f.second, f.ms);
    return wall.getTime() - offset * 60000;
  }
  return zonedTimeToEpoch(zone, f.year, f.month, f.day, f.hour, f.minute, f.second, f.ms);
}

function twoDigitYear(v: number): number {
  const now = new Date().getUTCFullYear();
  let y = Math.floor((now - 80) / 100) * 100 + v;
  if (y < now - 80) y += 100;
  return y;
}

// ---------------------------------------------------------------------------------------------------
// The facade

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function isByteArray(v: unknown): v is number[] {
  return Array.isArray(v) || v instanceof Uint8Array || v instanceof Int8Array;
}

/** How Apps Script names argument types in "The parameters (...) don't match..." */
function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (isDate(v)) return 'Date';
  if (Array.isArray(v)) return 'number[]';
  return 'Object';
}

export const MAX_SLEEP_MS = 300000;

type BlobApi = Pick<GoogleAppsScript.Base.Blob, 'getDataAsString' | 'getBytes' | 'getContentType' | 'getName'>;

export class EmuBlob implements BlobApi {
  constructor(
    private readonly ctx: FacadeContext,
    readonly bytes: Buffer,
    private readonly contentType: string | null = null,
    private readonly name: string | null = null,
  ) {}

  getDataAsString(charset?: string): string {
    this.ctx.meter.count('Blob.getDataAsString');
    try {
      return decodeBytes(this.bytes, charset ?? 'UTF-8');
    } catch {
      return this.ctx.fail(`Unsupported charset: ${String(charset)}`);
    }
  }

  getBytes(): number[] {
    this.ctx.meter.count('Blob.getBytes');
    return toSignedBytes(this.bytes);
  }

  getContentType(): string | null {
    this.ctx.meter.count('Blob.getContentType');
    return this.contentType;
  }

  getName(): string | null {
    this.ctx.meter.count('Blob.getName');
    return this.name;
  }
}

type UtilitiesApi = Pick<
  GoogleAppsScript.Utilities.Utilities,
  | 'DigestAlgorithm'
  | 'Charset'
  | 'computeDigest'
  | 'computeHmacSha256Signature'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'newBlob'
  | 'getUuid'
  | 'formatDate'
  | 'parseDate'
  | 'sleep'
>;

export function createUtilities(ctx: FacadeContext): UtilitiesApi {
  const signatureError = (method: string, args: unknown[]): never =>
    ctx.fail(`The parameters (${args.map(typeName).join(',')}) don't match the method signature for Utilities.${method}.`);

  const checkedCharset = (method: string, args: unknown[], charset: unknown): string => {
    if (charset === undefined) return Charset.UTF_8;
    if (charset !== Charset.UTF_8 && charset !== Charset.US_ASCII) signatureError(method, args);
    return charset as string;
  };

  /** A String (encoded with the charset) or a Byte[] */
  const bytesOf = (method: string, args: unknown[], value: unknown, charset: string): Buffer => {
    if (typeof value === 'string') return encodeString(value, charset);
    if (isByteArray(value)) return fromByteArray(value);
    return signatureError(method, args);
  };

  const decodeBase64 = (method: string, encoded: unknown, webSafe: boolean): number[] => {
    if (typeof encoded !== 'string') signatureError(method, [encoded]);
    const s = (encoded as string).replace(/\s+/g, '');
    const alphabet = webSafe ? /^[A-Za-z0-9\-_]*=*$/ : /^[A-Za-z0-9+/]*=*$/;
    if (!alphabet.test(s) || s.replace(/=+$/, '').length % 4 === 1) ctx.fail('Could not decode string.');
    return toSignedBytes(Buffer.from(s, webSafe ? 'base64url' : 'base64'));
  };

  const encodeBase64 = (method: string, args: unknown[], data: unknown, charset: unknown, webSafe: boolean): string => {
    const bytes = bytesOf(method, args, data, checkedCharset(method, args, charset));
    const s = bytes.toString('base64');
    // Apps Script's web-safe alphabet keeps the '=' padding.
    return webSafe ? s.replace(/\+/g, '-').replace(/\//g, '_') : s;
  };

  const api: UtilitiesApi = {
    DigestAlgorithm: DigestAlgorithm as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm,
    Charset: Charset as unknown as typeof GoogleAppsScript.Utilities.Charset,

    computeDigest(algorithm: GoogleAppsScript.Utilities.DigestAlgorithm, value: any, charset?: any): number[] {
      const args = charset === undefined ? [algorithm, value] : [algorithm, value, charset];
      const alg = String(algorithm);
      if (!Object.hasOwn(DigestAlgorithm, alg)) signatureError('computeDigest', args);
      const bytes = bytesOf('computeDigest', args, value, checkedCharset('computeDigest', args, charset));
      ctx.meter.count('Utilities.computeDigest');
      const digest = alg === 'MD2' ? md2(bytes) : crypto.createHash(NODE_DIGEST[alg]).update(bytes).digest();
      return toSignedBytes(digest);
    },

    computeHmacSha256Signature(value: any, key: any, charset?: any): number[] {
      const args = charset === undefined ? [value, key] : [value, key, charset];
      const cs = checkedCharset('computeHmacSha256Signature', args, charset);
      // Both strings or both byte arrays, as the overloads say.
      if ((typeof value === 'string') !== (typeof key === 'string')) signatureError('computeHmacSha256Signature', args);
      const v = bytesOf('computeHmacSha256Signature', args, value, cs);
      const k = bytesOf('computeHmacSha256Signature', args, key, cs);
      ctx.meter.count('Utilities.computeHmacSha256Signature');
      return toSignedBytes(crypto.createHmac('sha256', k).update(v).digest());
    },

    base64Encode(data: any, charset?: any): string {
      const args = charset === undefined ? [data] : [data, charset];
      const out = encodeBase64('base64Encode', args, data, charset, false);
      ctx.meter.count('Utilities.base64Encode');
      return out;
    },

    base64EncodeWebSafe(data: any, charset?: any): string {
      const args = charset === undefined ? [data] : [data, charset];
      const out = encodeBase64('base64EncodeWebSafe', args, data, charset, true);
      ctx.meter.count('Utilities.base64EncodeWebSafe');
      return out;
    },

    base64Decode(encoded: string): number[] {
      const out = decodeBase64('base64Decode', encoded, false);
      ctx.meter.count('Utilities.base64Decode');
      return out;
    },

    base64DecodeWebSafe(encoded: string): number[] {
      const out = decodeBase64('base64DecodeWebSafe', encoded, true);
      ctx.meter.count('Utilities.base64DecodeWebSafe');
      return out;
    },

    newBlob(data: any, contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
      const args = [data, contentType, name].filter((a) => a !== undefined);
      const bytes = bytesOf('newBlob', args, data, Charset.UTF_8);
      ctx.meter.count('Utilities.newBlob');
      return new EmuBlob(ctx, bytes, contentType ?? null, name ?? null) as unknown as GoogleAppsScript.Base.Blob;
    },

    getUuid(): string {
      ctx.meter.count('Utilities.getUuid');
      return crypto.randomUUID();
    },

    /** reference/utilities/utilities#formatDate: "Formats date according to specification described in Java SE SimpleDateFormat class". */
    formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
      const args = [date, timeZone, format];
      if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') signatureError('formatDate', args);
      const ms = (date as unknown as Date).getTime();
      if (Number.isNaN(ms)) ctx.fail('Invalid argument: date');
      let out = '';
      try {
        out = formatInZone(ms, resolveZone(timeZone), format);
      } catch (e) {
        // Java's IllegalArgumentException text, e.g. "Illegal pattern character 'q'".
        ctx.fail((e as Error).message);
      }
      ctx.meter.count('Utilities.formatDate');
      return out;
    },

    parseDate(date: string, timeZone: string, format: string): Date {
      const args = [date, timeZone, format];
      if (typeof date !== 'string' || typeof timeZone !== 'string' || typeof format !== 'string') signatureError('parseDate', args);
      let ms: number | null = null;
      try {
        ms = parseInZone(date, resolveZone(timeZone), format);
      } catch (e) {
        ctx.fail((e as Error).message);
      }
      if (ms === null || Number.isNaN(ms)) ctx.fail(`Unparseable date: "${date}"`);
      ctx.meter.count('Utilities.parseDate');
      return ctx.toDate(ms as number);
    },

    /** reference/utilities/utilities#sleep: "The maximum allowed value is 300000 (or 5 minutes)." */
    sleep(milliseconds: number): void {
      const ms = Math.trunc(Number(milliseconds));
      if (!Number.isFinite(ms)) ctx.fail(`Cannot convert '${String(milliseconds)}' to int.`);
      if (ms > MAX_SLEEP_MS) ctx.fail('Invalid argument: milliseconds');
      ctx.meter.count('Utilities.sleep');
      if (ms <= 0) return;
      // Blocks this execution's thread only: a private cell nobody will ever notify.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      ctx.meter.addWaitMs(ms);
    },
  };
  return api;
}
