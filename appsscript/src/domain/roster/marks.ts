// The marks a roster uses for a day that is not a shift, Russian and English, as call centres write them.
// The Schedule tab's `day` column reads the same marks, so a word means the same in a grid and in the tab.
import type { DayKind } from '../../../../common/admin-api.ts';
import { foldText } from './text.ts';

const MARKS: Record<DayKind, readonly string[]> = {
  // 'отг'/'отгул': a day off in lieu of overtime; a lone dash is how many grids leave a day off.
  off: ['в', 'вых', 'выходной', 'выходные', 'вх', 'отг', 'отгул', '-', 'off', 'day off', 'dayoff', 'do', 'rest', 'rest day', 'rd'],
  vacation: ['о', 'от', 'отп', 'отпуск', 'од', 'vac', 'vacation', 'leave', 'annual leave', 'al', 'pto', 'hol', 'holiday', 'holidays'],
  sick: ['б', 'б/л', 'бл', 'больн', 'больничный', 'болен', 'больна', 'sick', 'sick leave', 'sl', 'ill'],
};

const BY_WORD = new Map<string, DayKind>(
  (Object.entries(MARKS) as [DayKind, readonly string[]][]).flatMap(([kind, words]) => words.map((w): [string, DayKind] => [w, kind])),
);

/**
 * Latin letters that look like a Cyrillic mark: a grid typed on the wrong keyboard layout, or an English
 * grid's own code. Guessing either way would put someone on vacation by mistake, so they are asked about.
 */
const LOOK_ALIKES: Record<string, { en: string; ru: string }> = {
  b: { en: 'a Latin B: write В or off for a day off, Б or sick for sick leave', ru: 'латинская B: выходной — В или вых, больничный — Б или б/л' },
  o: { en: 'a Latin O: write О or vac for vacation, off for a day off', ru: 'латинская O: отпуск — О или отп, выходной — В или вых' },
};

export type MarkReading = { kind: DayKind } | { ambiguous: { en: string; ru: string } } | null;

/** The day a mark stands for; null when the text is no mark at all. Case, ё and a final dot do not matter. */
export function readMark(text: string): MarkReading {
  const word = foldText(text).replace(/\.$/, '').replace(/\s*\/\s*/g, '/');
  const kind = BY_WORD.get(word);
  if (kind) return { kind };
  const hint = LOOK_ALIKES[word];
  return hint ? { ambiguous: hint } : null;
}

/** How the script writes each kind into the Schedule's `day` column. */
export const DAY_WORDS: Record<DayKind, string> = { off: 'off', vacation: 'vacation', sick: 'sick' };
