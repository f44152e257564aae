// One cell of a roster grid: a shift ('9-18', '09:00-18:00', '9:00–21:00', '8:30-17:30', '21-09' overnight,
// 'с 9 до 18'), a day-off / vacation / sick mark, empty, or bad with the reason in both languages.
import type { DayKind } from '../../../../common/admin-api.ts';
import { readMark } from './marks.ts';
import { cleanText, foldText } from './text.ts';

export type CellReading =
  | { kind: 'shift'; start: string; end: string; overnight: boolean }
  | { kind: DayKind }
  | { kind: 'empty' }
  | { kind: 'bad'; reason: string };

const TIME = String.raw`(\d{1,2})(?:[:.](\d{2}))?`;
// 'с 9 до 18', 'from 9 to 18', '9-18', '9:00 - 18:00', '09.00-18.00', '9-18ч'.
const SHIFT = new RegExp(String.raw`^(?:с|c|from)?\s*${TIME}\s*(?:-|до|to|по|till|until)\s*${TIME}\s*(?:ч|h|hrs)?$`);

const bad = (en: string, ru: string): CellReading => ({ kind: 'bad', reason: `${en} / ${ru}` });
const pad = (n: number) => String(n).padStart(2, '0');

export function readCell(text: string): CellReading {
  const shown = cleanText(text);
  if (shown === '') return { kind: 'empty' };
  const mark = readMark(shown);
  if (mark && 'kind' in mark) return { kind: mark.kind };
  if (mark) return bad(mark.ambiguous.en, mark.ambiguous.ru);
  const m = SHIFT.exec(foldText(shown));
  if (m) return shiftOf(m);
  if (/^\d{1,2}([:.]\d{2})?$/.test(shown)) {
    return bad('one number is not a shift: write its start and end, e.g. 9-21', 'одно число — не смена: укажите начало и конец, например 9-21');
  }
  return bad(
    'not a shift (9-18, 09:00-18:00) or a mark (В, О, Б, off, vac, sick)',
    'не смена (9-18, 09:00-18:00) и не отметка (В, О, Б, вых, отп, б/л)',
  );
}

function shiftOf(m: RegExpExecArray): CellReading {
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map((x) => (x === undefined ? 0 : Number(x)));
  // 24:00 is how a grid says a shift ends at midnight; nobody starts a shift at 24.
  if (h1 > 23 || m1 > 59) return bad(`${m[1]}${m[2] ? `:${m[2]}` : ''} is not a time of day`, `${m[1]}${m[2] ? `:${m[2]}` : ''} — не время суток`);
  if (h2 > 24 || m2 > 59 || (h2 === 24 && m2 > 0)) return bad(`${m[3]}${m[4] ? `:${m[4]}` : ''} is not a time of day`, `${m[3]}${m[4] ? `:${m[4]}` : ''} — не время суток`);
  const start = h1 * 60 + m1;
  const end = (h2 * 60 + m2) % 1440;
  if (start === end) return bad('the shift ends when it starts', 'смена заканчивается, когда начинается');
  return { kind: 'shift', start: `${pad(h1)}:${pad(m1)}`, end: `${pad(Math.floor(end / 60))}:${pad(end % 60)}`, overnight: end < start };
}
