// java.text.SimpleDateFormat patterns (US locale), which Utilities.formatDate and parseDate follow:
// formatting, and lenient parsing, of an instant in a Java time zone (java-time.ts).
import { DAYS, MONTHS, dayOfYear, gmtOffsetName, localParts, pad, weekOfMonth, weekOfYear, zonedTimeToEpoch, type Zone } from './java-time.ts';

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
