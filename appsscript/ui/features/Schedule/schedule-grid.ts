// The Schedule editor's pure part: the period shown, a cell's text, the admin's unsaved edits over the cells
// as read, templates ("5/2 09:00-18:00") over a selection, a week copied to the next, and the one
// schedule.save batch with its problems placed back at their cells. Times are the spreadsheet's wall clock
// ('HH:mm'), as the Schedule tab keeps them.
import type { ScheduleBreak, ScheduleCell } from '../../../../common/admin-api.ts';
import { addDays, mondayOf } from '../../components/zoned-time.ts';

export type Period = 'week' | 'month';
export type EditKind = 'shift' | 'off' | 'vacation' | 'sick' | 'clear';

/** What the admin set for a day; saved as one change of schedule.save. */
export interface CellEdit {
  kind: EditKind;
  start?: string;
  end?: string;
  breaks?: ScheduleBreak[];
}

/** A day as shown: as read, or as edited (not saved yet). */
export type ShownCell = { kind: 'shift' | 'off' | 'vacation' | 'sick'; start?: string; end?: string; breaks: ScheduleBreak[] } | null;

export const cellKey = (employeeId: string, date: string): string => `${employeeId}|${date}`;
export const splitKey = (key: string): { employee_id: string; date: string } => {
  const [employee_id, date] = key.split('|');
  return { employee_id, date };
};

/** The dates of a week (Monday to Sunday) or a calendar month holding `anchor`. */
export function periodDates(period: Period, anchor: string): { from: string; to: string } {
  if (period === 'week') {
    const from = mondayOf(anchor);
    return { from, to: addDays(from, 6) };
  }
  const from = `${anchor.slice(0, 7)}-01`;
  const next = addDays(from, 32);
  return { from, to: addDays(`${next.slice(0, 7)}-01`, -1) };
}

/** The anchor of the period before (-1) or after (+1). */
export function shiftPeriod(period: Period, anchor: string, step: -1 | 1): string {
  if (period === 'week') return addDays(mondayOf(anchor), 7 * step);
  const first = `${anchor.slice(0, 7)}-01`;
  return step === 1 ? `${addDays(first, 32).slice(0, 7)}-01` : `${addDays(first, -1).slice(0, 7)}-01`;
}

export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const HHMM = /^([01]?\d|2[0-3]):?([0-5]\d)$/;

/** '9', '9:00', '0900', '09.00' as 'HH:mm'; null when it is no time of day. */
export function normalTime(text: string): string | null {
  const s = text.trim().replace('.', ':');
  const m = HHMM.exec(s) ?? /^([01]?\d|2[0-3])$/.exec(s);
  if (!m) return null;
  return `${m[1].padStart(2, '0')}:${m[2] ?? '00'}`;
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** An end not after the start ends the next day. */
export const isOvernight = (start: string, end: string): boolean => minutesOf(end) <= minutesOf(start);

/** The day as the grid shows it: the admin's edit over the cell as read. */
export function shownCell(read: ScheduleCell | undefined, edit: CellEdit | undefined): ShownCell {
  if (edit) return edit.kind === 'clear' ? null : { kind: edit.kind, start: edit.start, end: edit.end, breaks: edit.breaks ?? [] };
  return read ? { kind: read.kind, start: read.start, end: read.end, breaks: read.breaks } : null;
}

/** Does an edit leave the day as it was read? (then it is no change) */
export function sameAsRead(read: ScheduleCell | undefined, edit: CellEdit): boolean {
  if (edit.kind === 'clear') return read === undefined;
  if (!read || read.kind !== edit.kind) return false;
  if (edit.kind !== 'shift') return true;
  return read.start === edit.start && read.end === edit.end && JSON.stringify(read.breaks) === JSON.stringify(edit.breaks ?? []);
}

/**
 * A shift set on a day keeps the breaks fixed by hand that still fit it (the planner's go: plan again);
 * the day-off marks have none. A shift set to the times it has keeps all its breaks.
 */
export function shiftEdit(read: ShownCell, start: string, end: string): CellEdit {
  // The same times: the day stays as it is, its breaks too.
  if (read?.kind === 'shift' && read.start === start && read.end === end) return { kind: 'shift', start, end, breaks: read.breaks.map((b) => ({ ...b })) };
  const keep = (read?.breaks ?? []).filter((b) => b.fixed && fits(b, start, end)).map((b) => ({ ...b }));
  return { kind: 'shift', start, end, breaks: keep };
}

function fits(b: ScheduleBreak, start: string, end: string): boolean {
  const s = minutesOf(start);
  let e = minutesOf(end);
  if (e <= s) e += 1440;
  let bs = minutesOf(b.start);
  if (bs < s) bs += 1440;
  return bs >= s && bs + b.minutes <= e;
}

/** A template: W days of shift then O days off, over and over ("5/2 09:00-18:00", "2/2 09:00-21:00"). */
export interface Template {
  work: number;
  off: number;
  start: string;
  end: string;
}

export function parseTemplate(text: string): Template | null {
  const m = /^\s*(\d{1,2})\s*[/x×]\s*(\d{1,2})\s+(\d{1,2}(?:[:.]\d{2})?)\s*[-–—]\s*(\d{1,2}(?:[:.]\d{2})?)\s*$/.exec(text);
  if (!m) return null;
  const work = Number(m[1]);
  const off = Number(m[2]);
  const start = normalTime(m[3]);
  const end = normalTime(m[4] === '24' ? '00' : m[4]);
  if (work < 1 || off < 0 || work + off > 28 || !start || !end || start === end) return null;
  return { work, off, start, end };
}

/**
 * The edits a template makes over the selected days: per person, the cycle starts on their first selected
 * day and counts calendar days (a gap in the selection keeps the rhythm).
 */
export function applyTemplate(template: Template, keys: Iterable<string>, shown: (key: string) => ShownCell): Map<string, CellEdit> {
  const byPerson = new Map<string, string[]>();
  for (const key of keys) {
    const { employee_id, date } = splitKey(key);
    byPerson.set(employee_id, [...(byPerson.get(employee_id) ?? []), date]);
  }
  const out = new Map<string, CellEdit>();
  const cycle = template.work + template.off;
  for (const [id, dates] of byPerson) {
    dates.sort();
    const first = dates[0];
    for (const date of dates) {
      const day = daysBetween(first, date) % cycle;
      const key = cellKey(id, date);
      out.set(key, day < template.work ? shiftEdit(shown(key), template.start, template.end) : { kind: 'off' });
    }
  }
  return out;
}

export function daysBetween(from: string, to: string): number {
  const ms = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** A week's days as edits of the week after: each day 7 days later, the same (an empty day clears). */
export function copyWeek(people: readonly string[], weekFrom: string, shown: (key: string) => ShownCell): Map<string, CellEdit> {
  const out = new Map<string, CellEdit>();
  for (const id of people) {
    for (let i = 0; i < 7; i++) {
      const day = shown(cellKey(id, addDays(weekFrom, i)));
      const edit: CellEdit = day === null ? { kind: 'clear' } : day.kind === 'shift' ? { kind: 'shift', start: day.start, end: day.end, breaks: day.breaks.filter((b) => b.fixed).map((b) => ({ ...b })) } : { kind: day.kind };
      out.set(cellKey(id, addDays(weekFrom, i + 7)), edit);
    }
  }
  return out;
}

/** The schedule.save changes for the edits, in a stable order, with the key of each (to place problems). */
export function saveChanges(edits: ReadonlyMap<string, CellEdit>, read: (key: string) => ScheduleCell | undefined) {
  const keys = [...edits.keys()].sort();
  const changes = keys.map((key) => {
    const { employee_id, date } = splitKey(key);
    const edit = edits.get(key)!;
    const cell = read(key);
    return {
      employee_id,
      date,
      kind: edit.kind,
      ...(edit.kind === 'shift' ? { start: edit.start, end: edit.end, breaks: edit.breaks ?? [] } : {}),
      ...(cell ? { version: cell.version } : {}),
    };
  });
  return { keys, changes };
}

/** `changes[3].end` -> the 4th change's key; null for a path that names no change. */
export function keyOfPath(path: string, keys: readonly string[]): string | null {
  const m = /^changes\[(\d+)\]/.exec(path);
  return m ? (keys[Number(m[1])] ?? null) : null;
}
