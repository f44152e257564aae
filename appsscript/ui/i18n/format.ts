// "Last seen" as a person reads it: how long ago, which needs no time zone at all (the spreadsheet's and the
// admin's may differ), rounded to the unit that matters.
import type { Lang } from './locale.ts';
import { stringsFor } from './locale.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type AgoUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';

/**
 * "5 min. ago", "3 дн. назад"; "never" for no time; "just now" under a minute (and for a clock ahead).
 * Compact ("5m ago", "5 мин назад") fits a table's narrow column.
 */
export function formatAgo(at: number | null, now: number, lang: Lang, compact = false): string {
  const s = stringsFor(lang);
  if (at === null) return s.never;
  const ago = now - at;
  if (ago < MINUTE) return s.justNow;
  const [n, unit] = amount(ago);
  return compact ? s.agoCompact(n, unit) : new Intl.RelativeTimeFormat(lang, { numeric: 'always', style: 'short' }).format(-n, unit);
}

function amount(ago: number): [number, AgoUnit] {
  if (ago < HOUR) return [Math.floor(ago / MINUTE), 'minute'];
  if (ago < DAY) return [Math.floor(ago / HOUR), 'hour'];
  if (ago < 60 * DAY) return [Math.floor(ago / DAY), 'day'];
  if (ago < 730 * DAY) return [Math.floor(ago / (30 * DAY)), 'month'];
  return [Math.floor(ago / (365 * DAY)), 'year'];
}
