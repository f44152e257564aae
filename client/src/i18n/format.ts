// Times and durations as people read them. Shift times are shown in the spreadsheet's time zone (the
// `today` block says which), not the device's: a phone abroad still shows the office's 10:00.
import type { Lang } from './locale.ts';
import { stringsFor } from './locale.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function timeFormatter(lang: Lang, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    } catch {
      // an unknown zone name: the device's own zone is better than nothing
      f = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    formatters.set(key, f);
  }
  return f;
}

/** "09:05" in the given zone (the device's when none is given). */
export function formatTime(epochMs: number, lang: Lang, timeZone?: string): string {
  return timeFormatter(lang, timeZone).format(epochMs);
}

const two = (n: number) => String(n).padStart(2, '0');

/** A running timer: "01:02:03"; hours keep growing past 24 (a forgotten session is still counted). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${two(Math.floor(total / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
}

/** A countdown that can run past zero: "12:04" or "1:02:03", the sign is said separately. */
export function formatCountdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const rest = `${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
  return h > 0 ? `${h}:${rest}` : rest;
}

/** A length: "45 min", "1 h 05 min" (rounded down to the minute). */
export function formatDuration(ms: number, lang: Lang): string {
  const s = stringsFor(lang);
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} ${s.hours} ${two(m)} ${s.mins}` : `${m} ${s.mins}`;
}
