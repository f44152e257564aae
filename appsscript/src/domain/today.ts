// The `today` block of the sync and state replies: the employee's shift for the date as instants, the
// day's timeline and the day's violations. Wall-clock times come from the Schedule tab ('HH:mm' in the
// spreadsheet's time zone); the injected ZonedTime turns them into instants so daylight-saving days come
// out right.
import type { PlannedBreak, TodayBlock, TodaySchedule, TodayViolation, ViolationResolution } from '../../../common/api.ts';
import { VIOLATION_TYPES, type ViolationType } from '../../../common/violations.ts';
import type { DayEntry, Shift } from './model.ts';
import { addDays, minutesOf, type ZonedTime } from './calendar.ts';
import { segments } from './timeline.ts';

export { dayBounds, type DayBounds, type ZonedTime } from './calendar.ts';

export interface TodayInput {
  /** 'yyyy-MM-dd' in the spreadsheet's time zone. */
  date: string;
  timeZone: string;
  /** The employee's shift for the date, or null when none is planned. */
  shift: Shift | null;
  /** The merged day (mergeDay) of that date. */
  day: readonly DayEntry[];
  /** The server's clock: the timeline runs up to it. */
  now: number;
  zonedTime: ZonedTime;
  /** The violations kept in the employee's Current row; only those of `date` are shown. */
  violations: DayViolations | null;
}

export function buildToday(input: TodayInput): TodayBlock {
  return {
    date: input.date,
    time_zone: input.timeZone,
    schedule: input.shift ? scheduleOf(input.shift, input.zonedTime) : null,
    timeline: segments(input.day, input.now),
    // The list is written by checkBreaks; until its first run of a new day the row still holds yesterday's.
    violations: input.violations && input.violations.date === input.date ? input.violations.items.map((v) => ({ ...v })) : [],
  };
}

/**
 * A shift as instants. A shift whose end is not after its start (22:00-06:00) ends the next day; on such
 * a night shift a planned break earlier than the start (a 02:00 lunch) is on the next day too. On a day
 * shift every break is on the shift's date, even one typed outside the shift: it is shown where it was put.
 * Breaks come out in time order.
 */
export function scheduleOf(shift: Shift, zonedTime: ZonedTime): TodaySchedule {
  const startMin = minutesOf(shift.shift_start);
  const overnight = minutesOf(shift.shift_end) <= startMin;
  const nextDate = addDays(shift.date, 1);
  const breaks: PlannedBreak[] = shift.breaks
    .map((b) => ({
      status: b.status,
      start: zonedTime(overnight && minutesOf(b.start) < startMin ? nextDate : shift.date, b.start),
      minutes: b.minutes,
    }))
    .sort((a, b) => a.start - b.start);
  return {
    shift_start: zonedTime(shift.date, shift.shift_start),
    shift_end: zonedTime(overnight ? nextDate : shift.date, shift.shift_end),
    breaks,
  };
}

// ---- the day's violations, kept per employee in Current ----

/**
 * The violations of one date, kept in an employee's Current row (column `violations`): sync and state
 * read Current anyway, so they send the list without reading the Violations tab, which grows with history.
 * checkBreaks rebuilds it from the date's Violations rows (dayViolationsByEmployee) on every run.
 */
export interface DayViolations {
  date: string;
  items: TodayViolation[];
}

/** Kept per employee and day (the newest), so a Current cell stays far under Sheets' 50,000 characters. */
export const MAX_DAY_VIOLATIONS = 100;
/** planned and actual are written by the rules (short), but the tab is editable by hand. */
const MAX_TEXT_CHARS = 200;

/** A Violations row as read: column name -> decoded cell. */
export type ViolationRecord = Readonly<Record<string, unknown>>;

/**
 * Each employee's violations of `date` from the Violations rows (in sheet order, which is the order they
 * were detected). Rows of other dates and rows whose type is not a known one are left out. A violation
 * written twice (a run cut after writing it, then retried) is listed once: with the newest values, and
 * with the first decision a lead took on any copy.
 */
export function dayViolationsByEmployee(records: readonly ViolationRecord[], date: string): Map<string, TodayViolation[]> {
  const byId = new Map<string, { employee: string; item: TodayViolation }>();
  for (const r of records) {
    const id = text(r.id);
    const employee = text(r.employee_id);
    const type = text(r.type);
    if (text(r.date) !== date || id === '' || employee === '' || !isViolationType(type)) continue;
    const item: TodayViolation = {
      id,
      type,
      planned: text(r.planned).slice(0, MAX_TEXT_CHARS),
      actual: employeeSide(type, text(r.actual)).slice(0, MAX_TEXT_CHARS),
      over_minutes: minutes(r.over_minutes),
      resolution: resolutionOf(r.resolution),
    };
    const seen = byId.get(id);
    if (seen && seen.item.resolution !== 'open') item.resolution = seen.item.resolution;
    if (seen) seen.item = item;
    else byId.set(id, { employee, item });
  }
  const out = new Map<string, TodayViolation[]>();
  for (const { employee, item } of byId.values()) {
    const list = out.get(employee) ?? [];
    list.push(item);
    out.set(employee, list);
  }
  for (const [employee, list] of out) if (list.length > MAX_DAY_VIOLATIONS) out.set(employee, list.slice(-MAX_DAY_VIOLATIONS));
  return out;
}

/** The stored list as read back from its JSON cell; anything malformed is dropped, never shown. */
export function dayViolationsOf(v: unknown): DayViolations | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.date !== 'string' || !Array.isArray(o.items)) return null;
  const items: TodayViolation[] = [];
  for (const x of o.items as unknown[]) {
    if (!x || typeof x !== 'object') continue;
    const i = x as Record<string, unknown>;
    if (typeof i.id !== 'string' || typeof i.type !== 'string' || !isViolationType(i.type)) continue;
    items.push({ id: i.id, type: i.type, planned: text(i.planned), actual: text(i.actual), over_minutes: minutes(i.over_minutes), resolution: resolutionOf(i.resolution) });
  }
  return { date: o.date, items };
}

/**
 * The group-concurrency rule writes who else was away ("3: e001, e002, e005") for the lead; the employee
 * is shown only how many.
 */
function employeeSide(type: ViolationType, actual: string): string {
  return type === 'group_concurrency' ? actual.split(':')[0].trim() : actual;
}

function isViolationType(v: string): v is ViolationType {
  return (VIOLATION_TYPES as readonly string[]).includes(v);
}

/** A blank or unknown resolution (a row typed by hand) is open: only a lead's decision changes it. */
function resolutionOf(v: unknown): ViolationResolution {
  const r = text(v).trim().toLowerCase();
  return r === 'excused' || r === 'confirmed' ? r : 'open';
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

function minutes(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : 0;
}
