// The Schedule tab's breaks column: planned breaks as one line of text an admin can type,
// "break 11:00 15; lunch 13:00 60" = status code, start time, minutes; items separated by ';' or new lines.
// A fourth word `auto` marks a break the planner placed (it may move it again); every other break was put
// there by a person and stays where it is (so breaks typed before the planner existed keep their meaning).
import type { PlannedBreakRow } from '../domain/model.ts';
import { normaliseTime } from './cells.ts';

/** A planned break longer than this is surely a typo (a shift is not longer than a day). */
export const MAX_BREAK_MINUTES = 480;

/** The mark of a planned break, as written first and as also read. */
const AUTO_WORDS = ['auto', 'авто'];

export type ParsedBreaks = { ok: true; breaks: PlannedBreakRow[] } | { ok: false; message: string };

export function parseBreaks(text: string): ParsedBreaks {
  const breaks: PlannedBreakRow[] = [];
  for (const item of text.split(/[;\n]/)) {
    const words = item.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const shown = item.trim();
    const auto = words.length === 4 && AUTO_WORDS.includes(words[3].toLowerCase());
    if (words.length !== 3 && !auto) {
      return fail(`"${shown}" should be: status start minutes (and auto for a planned one), e.g. "break 11:00 15"`, `«${shown}» должно быть: статус начало минуты (и auto у запланированного), например «break 11:00 15»`);
    }
    const [status, startText, minutesText] = words;
    const start = normaliseTime(startText);
    if (start === null) return fail(`"${startText}" in "${shown}" is not a time like 11:00`, `«${startText}» в «${shown}» — не время вида 11:00`);
    const minutes = /^\d+$/.test(minutesText) ? Number(minutesText) : NaN;
    if (!(minutes >= 1 && minutes <= MAX_BREAK_MINUTES)) {
      return fail(`"${minutesText}" in "${shown}" is not a number of minutes from 1 to ${MAX_BREAK_MINUTES}`, `«${minutesText}» в «${shown}» — не число минут от 1 до ${MAX_BREAK_MINUTES}`);
    }
    breaks.push(auto ? { status, start, minutes, auto: true } : { status, start, minutes });
  }
  return { ok: true, breaks };
}

export function formatBreaks(breaks: readonly PlannedBreakRow[]): string {
  return breaks.map((b) => `${b.status} ${b.start} ${b.minutes}${b.auto ? ' auto' : ''}`).join('; ');
}

function fail(english: string, russian: string): ParsedBreaks {
  return { ok: false, message: `${english} / ${russian}` };
}
