// The Schedule editor's pure part: the period shown, a cell's text, the admin's unsaved edits over the cells
// as read, templates ("5/2 09:00-18:00") over a selection, a week copied to the next, a shift's breaks edited
// by hand and checked as the server checks them, and the one schedule.save batch with its problems placed
// back at their cells and breaks. Times are the spreadsheet's wall clock
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

// ---- a shift's breaks, edited by hand ----

/** As the server's store/breaks.ts and common/admin-api.ts allow. */
export const MAX_BREAK_MINUTES = 480;
export const MAX_BREAKS = 20;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * What the server would refuse in a break (store/validate.ts breakProblems, the schema's limits): a start
 * that is no time, minutes that are not 1..480, no status, a break that does not lie inside the shift, one
 * starting before an earlier one has ended (`other`: that one's index).
 */
export type BreakIssue = { kind: 'time' } | { kind: 'minutes' } | { kind: 'status' } | { kind: 'outside' } | { kind: 'overlap'; other: number };

/** Minutes from the shift's start; on a night shift a time before the start is the next day. */
function offsetIn(start: string, time: string): number {
  return (minutesOf(time) - minutesOf(start) + 1440) % 1440;
}

function shiftLength(start: string, end: string): number {
  return (minutesOf(end) - minutesOf(start) + 1440) % 1440;
}

const goodMinutes = (m: number): boolean => Number.isInteger(m) && m >= 1 && m <= MAX_BREAK_MINUTES;

/** The indexes of `breaks` in the order of the shift, as the server sorts them (ties keep their order). */
export function shiftOrder(breaks: readonly ScheduleBreak[], start: string): number[] {
  return breaks
    .map((_, i) => i)
    .filter((i) => HH_MM.test(breaks[i].start))
    .sort((a, b) => offsetIn(start, breaks[a].start) - offsetIn(start, breaks[b].start) || a - b);
}

/** Each refused break by its index (one problem each, the first the server would name). */
export function breakIssues(breaks: readonly ScheduleBreak[], start: string, end: string): Map<number, BreakIssue> {
  const out = new Map<number, BreakIssue>();
  breaks.forEach((b, i) => {
    if (!HH_MM.test(b.start)) out.set(i, { kind: 'time' });
    else if (!goodMinutes(b.minutes)) out.set(i, { kind: 'minutes' });
    else if (!b.status) out.set(i, { kind: 'status' });
  });
  if (!HH_MM.test(start) || !HH_MM.test(end) || start === end) return out;
  const length = shiftLength(start, end);
  // As the server walks them: in shift order, each against the furthest end so far (an outside break's too).
  let furthest = 0;
  let furthestOf = -1;
  for (const i of shiftOrder(breaks, start)) {
    const b = breaks[i];
    if (!goodMinutes(b.minutes)) continue;
    const from = offsetIn(start, b.start);
    if (!out.has(i)) {
      if (from + b.minutes > length) out.set(i, { kind: 'outside' });
      else if (furthestOf >= 0 && from < furthest) out.set(i, { kind: 'overlap', other: furthestOf });
    }
    if (from + b.minutes > furthest) {
      furthest = from + b.minutes;
      furthestOf = i;
    }
  }
  return out;
}

/** `hh:mm` moved by `delta` minutes round the clock. */
export function moveTime(hhmm: string, delta: number): string {
  const m = (((minutesOf(hhmm) + delta) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A day shown as a shift: the one kind whose breaks are edited. */
export type ShownShift = NonNullable<ShownCell> & { kind: 'shift' };

/** The day as an edit with these breaks (its times as shown). */
function withBreaks(day: ShownShift, breaks: ScheduleBreak[]): CellEdit {
  return { kind: 'shift', start: day.start, end: day.end, breaks };
}

/**
 * A break changed by hand is fixed: the planner leaves it where the admin put it. A start is 'HH:mm' ('' while
 * the time input holds no whole time), minutes as typed (NaN when blank): both are shown as problems, not sent.
 */
export function changeBreak(day: ShownShift, index: number, patch: Partial<Pick<ScheduleBreak, 'status' | 'start' | 'minutes'>>): CellEdit {
  return withBreaks(
    day,
    day.breaks.map((b, i) => (i === index ? { ...b, ...patch, fixed: true } : { ...b })),
  );
}

/** −5 / +5 minutes: a move by hand, so the break is fixed. */
export function nudgeBreak(day: ShownShift, index: number, delta: number): CellEdit {
  const b = day.breaks[index];
  return HH_MM.test(b.start) ? changeBreak(day, index, { start: moveTime(b.start, delta) }) : withBreaks(day, day.breaks.map((x) => ({ ...x })));
}

/** The break goes back to the planner, which may move it the next time breaks are planned. */
export function releaseBreak(day: ShownShift, index: number): CellEdit {
  return withBreaks(
    day,
    day.breaks.map((b, i) => (i === index ? { ...b, fixed: false } : { ...b })),
  );
}

export function removeBreak(day: ShownShift, index: number): CellEdit {
  return withBreaks(
    day,
    day.breaks.filter((_, i) => i !== index).map((b) => ({ ...b })),
  );
}

/**
 * A new break, fixed (the admin placed it): at the first quarter hour from an hour into the shift where it
 * overlaps no other, else the shift's start (the overlap is then shown). Put among the others in shift order.
 */
export function addBreak(day: ShownShift, status: string, minutes: number): { edit: CellEdit; index: number } {
  const start = day.start ?? '00:00';
  const length = day.end ? shiftLength(start, day.end) : 0;
  const taken = day.breaks.filter((b) => HH_MM.test(b.start) && goodMinutes(b.minutes)).map((b) => [offsetIn(start, b.start), offsetIn(start, b.start) + b.minutes]);
  const free = (from: number) => from + minutes <= length && taken.every(([s, e]) => from + minutes <= s || from >= e);
  const first = Math.min(60, Math.max(0, length - minutes));
  const quarters = Array.from({ length: Math.floor(length / 15) + 1 }, (_, i) => i * 15);
  const at = [...quarters.filter((q) => q >= first), ...quarters.filter((q) => q < first)].find(free) ?? 0;
  const added: ScheduleBreak = { status, start: moveTime(start, at), minutes, fixed: true };
  const index = day.breaks.filter((b) => HH_MM.test(b.start) && offsetIn(start, b.start) <= at).length;
  const breaks = day.breaks.map((b) => ({ ...b }));
  breaks.splice(index, 0, added);
  return { edit: withBreaks(day, breaks), index };
}

/** A save's problems where they belong: at each day, and at the break a problem names. */
export interface PlacedProblems {
  /** The first problem of each day, by cellKey. */
  cells: Map<string, string>;
  /** By cellKey, then the break's index in the day's breaks as sent. */
  breaks: Map<string, Map<number, string>>;
}

/**
 * Places problems such as `changes[2].breaks[1].minutes` (the schema's) at that break, and `changes[2].breaks`
 * (the server's check of the breaks together, store/validate.ts) at the break its message quotes first:
 * `"break 11:00 15" does not fit in the shift` or `«lunch 12:30» пересекается с …`. `say` words a message in
 * the page's language.
 */
export function placeProblems(
  fields: readonly { field: string; message: string }[],
  keys: readonly string[],
  sent: readonly { breaks?: readonly ScheduleBreak[] }[],
  say: (message: string) => string,
): PlacedProblems {
  const cells = new Map<string, string>();
  const breaks = new Map<string, Map<number, string>>();
  for (const { field, message } of fields) {
    const key = keyOfPath(field, keys);
    if (!key) continue;
    const text = say(message);
    if (!cells.has(key)) cells.set(key, text);
    const m = /^changes\[(\d+)\]\.breaks(?:\[(\d+)\])?/.exec(field);
    if (!m) continue;
    const list = sent[Number(m[1])]?.breaks ?? [];
    let index = m[2] === undefined ? -1 : Number(m[2]);
    if (index < 0) {
      const quoted = /["«]([^\s"»]+) (\d\d:\d\d)/.exec(message);
      if (quoted) index = list.findIndex((b) => b.status === quoted[1] && b.start === quoted[2]);
    }
    if (index < 0 || index >= list.length) continue;
    const at = breaks.get(key) ?? new Map<number, string>();
    if (!at.has(index)) at.set(index, text);
    breaks.set(key, at);
  }
  return { cells, breaks };
}
