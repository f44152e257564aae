// Range.getDisplayValues: a cell's value as Sheets shows it under its number format.
// Supported formats (anything else falls back to automatic):
//   automatic ('') and plain text '@';
//   numbers: '0', '0.00' (any number of 0/# decimals), '#,##0', '#,##0.00', '0%', '0.00%';
//   dates and times built from yyyy yy mm m mmm mmmm dd d ddd dddd hh h HH mm ss, [h] [m] [s] (elapsed),
//   AM/PM, a/p, '.000' after seconds, quoted "literals" and \-escapes — e.g. 'yyyy-mm-dd', 'dd.mm.yyyy',
//   'hh:mm', 'yyyy-mm-dd hh:mm:ss', '[h]:mm'. 'm' is minutes after an hour or before seconds, else month.
// Automatic shows numbers as Sheets' en-US default does (up to 10 decimals, exponent past 1e15), booleans
// as TRUE/FALSE, and Dates in the spreadsheet's zone as 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm:ss' or, for a bare
// time (1899-12-30), 'hh:mm:ss'. Real Sheets picks a locale pattern instead; the emulator has no locale.
import { isDateLike } from './user-entered.ts';
import { SERIAL_EPOCH_WALL_MS, toWallMs, wallMsFromSerial } from './timezone.ts';
import type { CellValue } from './types.ts';

const DAY_MS = 86_400_000;

export function displayValue(value: CellValue, format: string, timeZone: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const compiled = compileFormat(format);
  if (isDateLike(value)) {
    const wall = toWallMs(value.getTime(), timeZone);
    if (compiled.kind === 'date') return compiled.render(wall);
    if (compiled.kind === 'number') return compiled.render((wall - SERIAL_EPOCH_WALL_MS) / DAY_MS);
    return autoDate(wall);
  }
  if (compiled.kind === 'date') return compiled.render(wallMsFromSerial(value));
  if (compiled.kind === 'number') return compiled.render(value);
  return autoNumber(value);
}

// ---- automatic ----

export function autoNumber(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e15 || abs < 1e-10) {
    const [mantissa, exp] = n.toExponential(5).split('e');
    const m = mantissa.replace(/\.?0+$/, '');
    const e = Number(exp);
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(10)));
}

function autoDate(wall: number): string {
  const d = new Date(Math.round(wall / 1000) * 1000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  const startOfDay = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (startOfDay === SERIAL_EPOCH_WALL_MS) return time;
  return d.getTime() === startOfDay ? date : `${date} ${time}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ---- compiled formats ----

type Compiled =
  | { kind: 'auto' }
  | { kind: 'number'; render(n: number): string }
  | { kind: 'date'; render(wallMs: number): string };

const AUTO: Compiled = { kind: 'auto' };
const compiledCache = new Map<string, Compiled>();

function compileFormat(format: string): Compiled {
  let c = compiledCache.get(format);
  if (!c) {
    c = compileNumber(format) ?? compileDate(format) ?? AUTO;
    if (compiledCache.size > 1000) compiledCache.clear();
    compiledCache.set(format, c);
  }
  return c;
}

const NUMBER_FORMAT = /^([#0,]*0[#0,]*|#+(?:,#+)*)(?:\.(0*)(#*))?(%?)$/;

function compileNumber(format: string): Compiled | null {
  // Only the first section (positive;negative;zero;text) is honoured.
  const m = NUMBER_FORMAT.exec(format.split(';')[0]);
  if (!m) return null;
  const intPart = m[1];
  const minDecimals = (m[2] ?? '').length;
  const optDecimals = (m[3] ?? '').length;
  const percent = m[4] === '%';
  const grouping = intPart.includes(',');
  const minInt = (intPart.match(/0/g) ?? []).length;
  return {
    kind: 'number',
    render(n: number): string {
      const x = percent ? n * 100 : n;
      const s = Math.abs(x).toFixed(minDecimals + optDecimals);
      let [int, frac = ''] = s.split('.');
      if (optDecimals) frac = trimOptional(frac, minDecimals);
      if (minInt === 0 && int === '0') int = '';
      else int = int.padStart(minInt, '0');
      if (grouping) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      const negative = x < 0 && /[1-9]/.test(int + frac);
      return `${negative ? '-' : ''}${int}${frac ? '.' + frac : ''}${percent ? '%' : ''}`;
    },
  };
}

function trimOptional(frac: string, minDecimals: number): string {
  let end = frac.length;
  while (end > minDecimals && frac[end - 1] === '0') end--;
  return frac.slice(0, end);
}

type Token =
  | { t: 'lit'; s: string }
  | { t: 'year'; n: number }
  | { t: 'month' | 'minute' | 'day' | 'hour' | 'second'; n: number }
  | { t: 'elapsed'; unit: 'h' | 'm' | 's'; n: number }
  | { t: 'frac'; n: number }
  | { t: 'ampm'; style: 'AM/PM' | 'am/pm' | 'A/P' | 'a/p' };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function compileDate(format: string): Compiled | null {
  const tokens = tokenizeDate(format);
  if (!tokens) return null;
  const hasAmPm = tokens.some((t) => t.t === 'ampm');
  const fracDigits = Math.max(0, ...tokens.map((t) => (t.t === 'frac' ? t.n : 0)));
  return {
    kind: 'date',
    render(wallMs: number): string {
      // Round to what is shown, so 10:29:59.9995 reads 10:30:00, like Sheets.
      const unit = 1000 / 10 ** Math.min(fracDigits, 3);
      const wall = Math.round(wallMs / unit) * unit;
      const d = new Date(wall);
      const elapsedMs = wall - SERIAL_EPOCH_WALL_MS;
      let out = '';
      for (const tk of tokens) out += renderToken(tk, d, elapsedMs, hasAmPm);
      return out;
    },
  };
}

function renderToken(tk: Token, d: Date, elapsedMs: number, hasAmPm: boolean): string {
  switch (tk.t) {
    case 'lit':
      return tk.s;
    case 'year':
      return tk.n <= 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), 4);
    case 'month': {
      const m = d.getUTCMonth();
      if (tk.n === 1) return String(m + 1);
      if (tk.n === 2) return pad(m + 1, 2);
      if (tk.n === 3) return MONTHS[m].slice(0, 3);
      if (tk.n === 5) return MONTHS[m][0];
      return MONTHS[m];
    }
    case 'day': {
      if (tk.n === 1) return String(d.getUTCDate());
      if (tk.n === 2) return pad(d.getUTCDate(), 2);
      const name = DAYS[d.getUTCDay()];
      return tk.n === 3 ? name.slice(0, 3) : name;
    }
    case 'hour': {
      let h = d.getUTCHours();
      if (hasAmPm) h = h % 12 === 0 ? 12 : h % 12;
      return tk.n === 1 ? String(h) : pad(h, 2);
    }
    case 'minute':
      return tk.n === 1 ? String(d.getUTCMinutes()) : pad(d.getUTCMinutes(), 2);
    case 'second':
      return tk.n === 1 ? String(d.getUTCSeconds()) : pad(d.getUTCSeconds(), 2);
    case 'frac':
      return pad(d.getUTCMilliseconds(), 3).slice(0, tk.n).padEnd(tk.n, '0');
    case 'elapsed': {
      const per = tk.unit === 'h' ? 3_600_000 : tk.unit === 'm' ? 60_000 : 1000;
      const v = Math.trunc(elapsedMs / per);
      return (v < 0 ? '-' : '') + pad(Math.abs(v), tk.n);
    }
    case 'ampm': {
      const pm = d.getUTCHours() >= 12;
      if (tk.style === 'AM/PM') return pm ? 'PM' : 'AM';
      if (tk.style === 'am/pm') return pm ? 'pm' : 'am';
      if (tk.style === 'A/P') return pm ? 'P' : 'A';
      return pm ? 'p' : 'a';
    }
  }
}

/** null when the format has no date/time token (then it is not a date format). */
function tokenizeDate(format: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  let sawDatePart = false;
  const lit = (s: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.t === 'lit') last.s += s;
    else tokens.push({ t: 'lit', s });
  };
  while (i < format.length) {
    const ch = format[i];
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      if (end < 0) return null;
      lit(format.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (ch === '\\' && i + 1 < format.length) {
      lit(format[i + 1]);
      i += 2;
      continue;
    }
    const elapsed = /^\[(h+|m+|s+)\]/i.exec(format.slice(i));
    if (elapsed) {
      tokens.push({ t: 'elapsed', unit: elapsed[1][0].toLowerCase() as 'h' | 'm' | 's', n: elapsed[1].length });
      sawDatePart = true;
      i += elapsed[0].length;
      continue;
    }
    const ampm = /^(am\/pm|a\/p)/i.exec(format.slice(i));
    if (ampm) {
      const s = ampm[1];
      const style = s.length === 5 ? (s[0] === 'A' ? 'AM/PM' : 'am/pm') : s[0] === 'A' ? 'A/P' : 'a/p';
      tokens.push({ t: 'ampm', style });
      i += s.length;
      continue;
    }
    if ('ymdhs'.includes(lower)) {
      let n = 1;
      while (i + n < format.length && format[i + n].toLowerCase() === lower) n++;
      sawDatePart = true;
      if (lower === 'y') tokens.push({ t: 'year', n });
      else if (lower === 'd') tokens.push({ t: 'day', n });
      else if (lower === 'h') tokens.push({ t: 'hour', n: Math.min(n, 2) });
      else if (lower === 's') tokens.push({ t: 'second', n: Math.min(n, 2) });
      else tokens.push({ t: 'month', n: Math.min(n, 5) });
      i += n;
      continue;
    }
    if (ch === '.' && format[i + 1] === '0') {
      const prev = [...tokens].reverse().find((t) => t.t !== 'lit');
      if (prev && (prev.t === 'second' || (prev.t === 'elapsed' && prev.unit === 's'))) {
        let n = 0;
        while (format[i + 1 + n] === '0') n++;
        lit('.');
        tokens.push({ t: 'frac', n });
        i += 1 + n;
        continue;
      }
    }
    if (/[0#?]/.test(ch)) return null; // a number placeholder: not a date format
    lit(ch);
    i++;
  }
  if (!sawDatePart) return null;
  resolveMinutes(tokens);
  return tokens;
}

/** 'm' right after an hour, or right before seconds, means minutes. */
function resolveMinutes(tokens: Token[]): void {
  const significant = tokens.map((t, idx) => ({ t, idx })).filter((x) => x.t.t !== 'lit');
  significant.forEach(({ t }, k) => {
    if (t.t !== 'month' || t.n > 2) return;
    const before = significant[k - 1]?.t;
    const after = significant[k + 1]?.t;
    const afterHour = before && (before.t === 'hour' || (before.t === 'elapsed' && before.unit === 'h'));
    const beforeSecond = after && (after.t === 'second' || (after.t === 'elapsed' && after.unit === 's'));
    if (afterHour || beforeSecond) (t as { t: string }).t = 'minute';
  });
}
