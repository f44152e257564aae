// Times as the spreadsheet's clock shows them: a lead in another city still reads the office's 11:00, the
// time the employees and the Log go by. Shared by the floor (Floor, FloorBoard) and Violations.
//
// The zone is the one a reply names (`time_zone`); until the server says it, the browser's own zone is the
// best guess, and the pages say which zone they used.
import type { Lang } from '../i18n/locale.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The zone a reply names, if it does and the browser knows it; the fallback (the browser's) otherwise. */
export function zoneOf(reply: object | undefined, fallback = browserZone()): string {
  const zone = (reply as { time_zone?: unknown } | undefined)?.time_zone;
  if (typeof zone === 'string' && zone !== '') {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone;
    } catch {
      // a zone this browser does not know: its own is better than nothing
    }
  }
  return fallback;
}

function locale(lang: Lang): string {
  return lang === 'ru' ? 'ru-RU' : 'en-GB';
}

/** "09:05" in the zone. */
export function timeIn(ms: number, lang: Lang, zone: string): string {
  return formatter(`t|${lang}|${zone}`, () => new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone })).format(ms);
}

/** "09:05:07" in the zone. */
export function timeWithSeconds(ms: number, lang: Lang, zone: string): string {
  return formatter(`s|${lang}|${zone}`, () => new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: zone })).format(ms);
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function partsIn(ms: number, zone: string): Parts {
  const f = formatter(`p|${zone}`, () =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  );
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as unknown as Parts;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The date in the zone as 'yyyy-MM-dd' (the Violations tab's dates). */
export function dateIn(ms: number, zone: string): string {
  const p = partsIn(ms, zone);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

/** 'yyyy-MM-dd' moved by whole days (calendar arithmetic: no zone, no daylight saving involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())}`;
}

/** The Monday of the week of a 'yyyy-MM-dd' date. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** "12 May" / "12 мая" for a 'yyyy-MM-dd' date, with the weekday when asked. */
export function dateText(date: string, lang: Lang, weekday = false): string {
  const [y, m, d] = date.split('-').map(Number);
  return formatter(`d|${lang}|${weekday}`, () =>
    new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', timeZone: 'UTC', ...(weekday ? { weekday: 'short' as const } : {}) }),
  ).format(Date.UTC(y, m - 1, d));
}

/** How far the zone's clock is ahead of UTC at a moment, in ms. */
function offsetAt(ms: number, zone: string): number {
  const p = partsIn(ms, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The moment the zone's clock shows `hhmm` ('HH:mm') on `date` ('yyyy-MM-dd'). */
export function epochAt(date: string, hhmm: string, zone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, mi);
  // Twice: the first guess may sit on the other side of a daylight-saving change.
  const first = wall - offsetAt(wall, zone);
  return wall - offsetAt(first, zone);
}

/** A running time: "4:07", "1:04:07"; never negative. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(total % 60)}` : `${m}:${two(total % 60)}`;
}
