// Days of one person that cannot both be right: a night shift overlapping the next day's shift (neither
// is imported until the grid is fixed), and a night shift running into a day off, vacation or sick leave
// (a warning: the shift is imported). A day next to the grid's dates is taken from the Schedule.
import type { DayKind, RosterConflict } from '../../../../common/admin-api.ts';
import { addDays, minutesOf } from '../calendar.ts';

export interface RosterDay {
  kind: 'shift' | DayKind | 'empty' | 'bad';
  start?: string;
  end?: string;
  /** 1-based place in the grid; 0 for a day from the Schedule. */
  row: number;
  column: number;
}

const KIND_WORDS: Record<DayKind, { en: string; ru: string }> = {
  off: { en: 'day off', ru: 'выходной' },
  vacation: { en: 'vacation', ru: 'отпуск' },
  sick: { en: 'sick leave', ru: 'больничный' },
};

/** `days`: the person's grid days by date; `outside(date)`: their Schedule day for a date the grid lacks. */
export function personConflicts(employeeId: string, days: ReadonlyMap<string, RosterDay>, outside: (date: string) => RosterDay | null = () => null): RosterConflict[] {
  const out: RosterConflict[] = [];
  const dayOf = (date: string) => days.get(date) ?? (days.has(date) ? null : outside(date));
  const pairs: [string, string][] = [];
  const dates = [...days.keys()].sort();
  for (const d of dates) {
    const before = addDays(d, -1);
    if (!days.has(before)) pairs.push([before, d]);
    pairs.push([d, addDays(d, 1)]);
  }
  for (const [first, second] of pairs) {
    const night = dayOf(first);
    const next = dayOf(second);
    if (!night || !next || night.kind !== 'shift' || !night.start || !night.end) continue;
    const [start, end] = [minutesOf(night.start), minutesOf(night.end)];
    if (end > start) continue;
    const cells = [
      { row: night.row, column: night.column, date: first },
      { row: next.row, column: next.column, date: second },
    ];
    const what = `${first} (${night.start}–${night.end})`;
    const whatRu = `${ruDate(first)} (${night.start}–${night.end})`;
    if (next.kind === 'shift' && next.start && minutesOf(next.start) < end) {
      out.push({
        kind: 'overlap',
        employee_id: employeeId,
        cells,
        message: `The night shift of ${what} overlaps the shift of ${second} (${next.start}–${next.end}) / Ночная смена ${whatRu} пересекается со сменой ${ruDate(second)} (${next.start}–${next.end})`,
      });
    } else if (next.kind === 'off' || next.kind === 'vacation' || next.kind === 'sick') {
      const words = KIND_WORDS[next.kind];
      out.push({
        kind: 'night_into_day_off',
        employee_id: employeeId,
        cells,
        message: `The night shift of ${what} runs into the ${words.en} of ${second} / Ночная смена ${whatRu} заходит на ${words.ru} ${ruDate(second)}`,
      });
    }
  }
  return out;
}

function ruDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}
