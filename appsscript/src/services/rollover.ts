// The dailyRollover trigger (once a day, early morning). For yesterday:
//  1. closes forgotten sessions: whoever is still in a status other than offline after their shift end plus
//     the grace gets a 'system' entry for the offline status at that moment, in Log and Current;
//  2. runs the rules on yesterday's complete days and writes what checkBreaks could not see yet, then marks
//     every violation of yesterday final (nothing can change them any more);
//  3. writes yesterday's Daily rows, once: Settings `rollover.daily_date` remembers the last date written.
//     Each row keeps the day's timeline and planned shift (column `timeline`), so an earlier day can be
//     looked at later without reading Log.
// A day the rollover missed (it did not run, or its execution was cut) is done first by the next run, up to
// MAX_CATCH_UP_DAYS back, so a day's Daily rows are late at worst, never missing.
//
// Yesterday's entries come from Current (for whoever has not synced since midnight) and from the Log rows
// after the checkpoint checkBreaks recorded when yesterday began (a day or two of rows, never history).
// Without that checkpoint (checkBreaks never ran), Current alone is used.
//
// Cut-safety (an execution can stop between any two service calls; nothing is rolled back). Everything is
// read first, then written in this order: Log, Devices, Current, Violations, Outbox, Daily, and last the
// Settings commit (daily_date, the violations index, the marks). A run done again after a cut:
//  - finds its system entry in the Log rows it reads (by entry_id) and only completes Devices and Current;
//  - finds the Violations and Outbox rows of the cut run below their marks (services/violations.ts);
//  - finds the Daily rows of the date below `daily.tail_row` and does not write them again.
// Marks missing from an older workbook, and the Log checkpoint of a date checkBreaks never saw, are stored
// before the first write that they guard.
import type { CurrentRow, DayEntry, DeviceRow, Employee, LogRow, Shift } from '../domain/model.ts';
import type { ReferenceData } from '../store/reference.ts';
import type { Tables } from '../store/tables.ts';
import type { RawRecord } from '../store/records.ts';
import { TABS } from '../store/schema.ts';
import { addDays } from '../domain/calendar.ts';
import { currentOf, dayEntryOf, mergeDay } from '../domain/timeline.ts';
import { planIngest } from '../domain/ingest.ts';
import { dailySummary, detectViolations, type EmployeeDay, type NeutralPeriod } from '../domain/rules/index.ts';
import { viewOf } from '../domain/rules/day-view.ts';
import { appendAt, enqueueAlerts, markOf, OUTBOX_TAIL_KEY, type NewAlert, type OutboxIo } from './alerts.ts';
import { openRange } from './tab-window.ts';
import { dailyTimeline } from './day-timeline.ts';
import { scheduleOf } from '../domain/today.ts';
import { breakdownOf, formatViolationTypes } from '../domain/reports/breakdown.ts';
import { DAILY_INDEX_KEY, DAILY_TAIL_KEY, formatDailyIndex, parseDailyIndex } from '../store/daily-index.ts';
import { settleDailyShift } from './daily-shift.ts';
import { indexFromColumn } from './reports/consolidated.ts';
import {
  countsByEmployee,
  finaliseDate,
  pruneState,
  readState,
  readTails,
  recordViolations,
  stateSettings,
  VIOLATIONS_TAIL_KEY,
  type CheckState,
} from './violations.ts';
import { dayInput, isOvernight, settleLogShift, topLogId, type CalendarFns } from './check-breaks.ts';
import { notifier } from './notify.ts';
import { alertIdColumn, orphanAlerts, violationAlerts } from './violation-alerts.ts';

export const DAILY_DATE_KEY = 'rollover.daily_date';
// The last Daily row a committed rollover accounted for: Daily rows below it were written by a cut run.
export { DAILY_TAIL_KEY };
/** A missed day is caught up by the next run for this many days back (the reference's schedule covers them). */
export const MAX_CATCH_UP_DAYS = 7;
/** System entries are never refused for their age: a rollover late by days still closes the session. */
const SYSTEM_RETENTION_MS = 365 * 24 * 3600_000;

export interface RolloverDeps extends CalendarFns {
  now: number;
  /** With the schedule from MAX_CATCH_UP_DAYS before today at least (yesterday alone without a day to catch up). */
  reference: ReferenceData;
  io: OutboxIo;
  openTables(): Tables;
  withLock<T>(work: () => T): T;
  neutral?: readonly NeutralPeriod[];
}

export interface RolloverReport {
  /** Yesterday; counts below add up every date done by this run. */
  date: string;
  /** Days before yesterday that an earlier run missed and this one did first. */
  caught_up: string[];
  sessions_closed: number;
  violations_new: number;
  violations_finalised: number;
  daily_rows: number;
  /** The Daily rows of yesterday had been written before: not written again. */
  daily_already_written: boolean;
  /** Yesterday's Log rows could not be located (checkBreaks never ran): Current alone was used. */
  log_unavailable: boolean;
}

/** The dates a run does, oldest first: those after the last Daily date written, up to yesterday. */
export function rolloverDates(lastWritten: string, today: string): string[] {
  const yesterday = addDays(today, -1);
  const oldest = addDays(today, -MAX_CATCH_UP_DAYS);
  let date = /^\d{4}-\d{2}-\d{2}$/.test(lastWritten) ? addDays(lastWritten, 1) : yesterday;
  if (date < oldest) date = oldest;
  const out: string[] = [];
  for (; date < yesterday; date = addDays(date, 1)) out.push(date);
  out.push(yesterday);
  return out;
}

export function dailyRollover(deps: RolloverDeps): RolloverReport {
  return deps.withLock(() => {
    const today = deps.dateOf(deps.now);
    const tables = deps.openTables();
    const dates = rolloverDates((tables.settings().get(DAILY_DATE_KEY) ?? '').trim(), today);
    const reports = dates.map((date) => rollover(deps, tables, date, today));
    const last = reports[reports.length - 1];
    const sum = (k: 'sessions_closed' | 'violations_new' | 'violations_finalised' | 'daily_rows') => reports.reduce((n, r) => n + r[k], 0);
    return {
      ...last,
      caught_up: dates.slice(0, -1),
      sessions_closed: sum('sessions_closed'),
      violations_new: sum('violations_new'),
      violations_finalised: sum('violations_finalised'),
      daily_rows: sum('daily_rows'),
    };
  });
}

function rollover(deps: RolloverDeps, tables: Tables, date: string, today: string): RolloverReport {
  const { now, reference } = deps;
  const port = deps.io.port;
  const settings = tables.settings();
  const updates = new Map<string, string>();
  const setBoth = (m: ReadonlyMap<string, string>) => m.forEach((v, k) => (settings.set(k, v), updates.set(k, v)));
  setBoth(settleLogShift(settings, () => topLogId(port)));
  // The archive may have been cut after deleting Daily rows and before moving the tail mark and the index.
  setBoth(settleDailyShift(settings, deps.io));
  const committed = pruneState(readState(settings), today);
  const state = pruneState(readState(settings), today);

  // ---- reads ----
  const established = new Map<string, string>();
  let from = logStartOf(state, date);
  const logUnavailable = from === null;
  if (from === null) {
    // Our own system entries must be found again by a run done after a cut: they go after this row.
    from = port.lastRow(TABS.Log.name);
    state.lrows[date] = committed.lrows[date] = from;
    for (const [k, v] of stateSettings(committed, settings)) established.set(k, v);
  }
  const logRows = tables.readLog(from).rows.map((r) => r.entry);
  const currents = tables.current();
  const days = daysOf(deps, date, currents, logRows);
  const tails = readTails(deps.io, state, settings, { alsoFrom: state.vrows[date] });
  tails.established.forEach((v, k) => established.set(k, v));
  const daily = dailyTail(deps.io, settings);
  daily.established.forEach((v, k) => established.set(k, v));
  if (established.size > 0) {
    // With the moves of a settled Log deletion: a state written with moved rows must never meet the mark again.
    tables.setSettings(new Map([...updates, ...established]));
    established.forEach((v, k) => settings.set(k, v));
  }

  // ---- writes: Log, Devices, Current ----
  const closed = closeForgottenSessions(deps, tables, days, currents, logRows);

  // ---- Violations, then their alerts ----
  const found = days.flatMap((d) => detectViolations(d.day));
  const people = new Map(reference.employees.map((e) => [e.id, e]));
  // The notification rules decide who hears of each (by default the group's lead chat, as before).
  const notify = notifier({ reference, settings, now, timeText: deps.timeText });
  const freshAlerts = new Map<string, NewAlert[]>();
  const recorded = recordViolations(deps.io, state, found, {
    now,
    alertIdOf: (f) => {
      const alerts = violationAlerts(notify, f.violation, f.id, people);
      freshAlerts.set(f.id, alerts);
      return alertIdColumn(alerts, f.id);
    },
    appendAt: tails.violationsLast + 1,
  });
  const alerts: NewAlert[] = recorded.fresh.flatMap((f) => freshAlerts.get(f.id) ?? []);
  alerts.push(...tails.orphans.flatMap((v) => orphanAlerts(notify, v, people)));
  notify.marksUpdate().forEach((v, k) => updates.set(k, v));
  const toEnqueue = alerts.filter((a) => !tails.outboxIds.has(a.alert_id));
  setBoth(enqueueAlerts(deps.io, toEnqueue, settings, now, tails.outboxLast + 1));
  tails.updates.set(VIOLATIONS_TAIL_KEY, String(tails.violationsLast + recorded.fresh.length));
  tails.updates.set(OUTBOX_TAIL_KEY, String(tails.outboxLast + toEnqueue.length));
  tails.updates.forEach((v, k) => updates.set(k, v));
  const finalised = finaliseDate(state, date);

  // ---- Daily ----
  const alreadyWritten = (settings.get(DAILY_DATE_KEY) ?? '') >= date || daily.dates.has(date);
  let dailyRows = 0;
  if (!alreadyWritten) {
    const counts = countsByEmployee(state, date);
    const kinds = new Map(reference.statuses.map((s) => [s.code, s.kind]));
    const records: RawRecord[] = days.map((d) => {
      const b = breakdownOf(
        found.filter((f) => f.employee_id === d.employee.id),
        d.shift?.breaks ?? [],
        (status) => kinds.get(status),
      );
      return {
        ...dailySummary(d.day, []),
        violations: counts.get(d.employee.id) ?? 0,
        timeline: dailyTimeline(d.shift ? scheduleOf(d.shift, deps.zonedTime) : null, d.day.day, d.day.now),
        group: d.employee.group,
        planned_break_min: b.planned_break_min,
        planned_lunch_min: b.planned_lunch_min,
        overruns: b.overruns,
        overrun_min: b.overrun_min,
        late_start_min: b.late_start_min,
        early_leave_min: b.early_leave_min,
        violation_types: formatViolationTypes(b.violations_by_type),
      } as unknown as RawRecord;
    });
    appendAt(port, 'Daily', daily.lastRow + 1, records);
    dailyRows = records.length;
  }
  // The date's block goes into the reports' index in the same write that commits the date (a run cut
  // before it wrote the rows; the next run finds them below the tail mark and indexes them then).
  const block = alreadyWritten ? daily.blocks.get(date) : dailyRows > 0 ? ([daily.lastRow + 1, dailyRows] as const) : undefined;
  if (block) {
    // A workbook from before the index gets one built from the date column, once (one read of one column).
    const index = parseDailyIndex(settings.get(DAILY_INDEX_KEY)) ?? indexFromColumn(deps.io);
    const text = formatDailyIndex(new Map(index).set(date, block));
    if (text !== settings.get(DAILY_INDEX_KEY)) updates.set(DAILY_INDEX_KEY, text);
  }
  updates.set(DAILY_TAIL_KEY, String(daily.lastRow + dailyRows));
  if ((settings.get(DAILY_DATE_KEY) ?? '') < date) updates.set(DAILY_DATE_KEY, date);

  // ---- the commit ----
  for (const [k, v] of stateSettings(state, settings)) updates.set(k, v);
  tables.setSettings(updates);
  return {
    date,
    caught_up: [],
    sessions_closed: closed,
    violations_new: recorded.fresh.length,
    violations_finalised: finalised + recorded.updated.filter((u) => u.violation.final).length,
    daily_rows: dailyRows,
    daily_already_written: alreadyWritten,
    log_unavailable: logUnavailable,
  };
}

/** The Log row a date's entries start after: its own checkpoint, else the latest one before it. */
function logStartOf(state: CheckState, date: string): number | null {
  if (state.lrows[date] !== undefined) return state.lrows[date];
  const earlier = Object.keys(state.lrows).filter((d) => d < date).sort();
  return earlier.length > 0 ? state.lrows[earlier[earlier.length - 1]] : null;
}

/** The dates of the Daily rows below the mark (written by a cut run), and the tab's last row. */
function dailyTail(
  io: OutboxIo,
  settings: ReadonlyMap<string, string>,
): { lastRow: number; dates: Set<string>; blocks: Map<string, [number, number]>; established: Map<string, string> } {
  const lastRow = io.port.lastRow(TABS.Daily.name);
  const established = new Map<string, string>();
  let mark = markOf(settings, DAILY_TAIL_KEY);
  if (mark === null) established.set(DAILY_TAIL_KEY, String((mark = lastRow)));
  mark = Math.min(mark, lastRow);
  const dates = new Set<string>();
  const blocks = new Map<string, [number, number]>();
  if (mark < lastRow) {
    for (const r of openRange(io.port, 'Daily', mark + 1, lastRow, io.ctx, io.onIssue).rows) {
      const date = String(r.values.date);
      dates.add(date);
      const b = blocks.get(date);
      if (b) b[1] = r.row - b[0] + 1;
      else blocks.set(date, [r.row, 1]);
    }
  }
  return { lastRow, dates, blocks, established };
}

interface DayOf {
  employee: Employee;
  shift: Shift | null;
  day: EmployeeDay;
}

/**
 * Every active employee's day of `date` that has a shift or entries. A day shift is judged up to the end of
 * its day (a status left on overnight does not count as a whole night's work); a night shift up to now.
 */
function daysOf(deps: RolloverDeps, date: string, currents: readonly CurrentRow[], logRows: readonly LogRow[]): DayOf[] {
  const byEmployee = new Map<string, DayEntry[]>();
  for (const r of logRows) {
    const list = byEmployee.get(r.employee_id) ?? [];
    list.push(dayEntryOf(r));
    byEmployee.set(r.employee_id, list);
  }
  const currentOfId = new Map(currents.map((c) => [c.employee_id, c]));
  const next = addDays(date, 1);
  const midnight = deps.zonedTime(next, '00:00');
  const out: DayOf[] = [];
  for (const e of deps.reference.employees) {
    if (!e.active) continue;
    const shift = deps.reference.schedule.find((s) => s.date === date && s.employee_id === e.id) ?? null;
    const overnight = shift !== null && isOvernight(shift);
    const c = currentOfId.get(e.id);
    const fromLog = (byEmployee.get(e.id) ?? []).filter((x) => {
      const d = deps.dateOf(x.at);
      return d === date || (overnight && d === next);
    });
    const entries = mergeDay(c && c.day === date ? c.timeline : [], fromLog);
    if (!shift && entries.length === 0) continue;
    // A night shift is judged up to now, or to the end of its second day when caught up later.
    const until = Math.min(deps.now, overnight ? deps.zonedTime(addDays(next, 1), '00:00') : midnight);
    out.push({ employee: e, shift, day: dayInput({ ...deps, now: until }, e, date, shift, entries) });
  }
  return out;
}

/**
 * A session still open after shift end + grace gets an offline entry at that moment, source 'system', from
 * a per-employee system device (so its seq and clamping never mix with anyone else's). Log first, then
 * Devices and Current. An entry already in `logRows` (by entry_id: a run cut after writing it) is not
 * written again; the device and Current are completed from it. The entries are merged into the days in
 * place. Returns how many sessions were closed.
 */
function closeForgottenSessions(deps: RolloverDeps, tables: Tables, days: DayOf[], currents: CurrentRow[], logRows: readonly LogRow[]): number {
  const offline = deps.reference.statuses.find((s) => s.kind === 'offline');
  if (!offline) return 0;
  const kindOf = new Map(deps.reference.statuses.map((s) => [s.code, s.kind]));
  const inLog = new Map(logRows.map((r) => [r.entry_id, r]));
  let devices: DeviceRow[] | null = null;
  const newRows: LogRow[] = [];
  let closed = 0;
  for (const d of days) {
    const c = currents.find((x) => x.employee_id === d.employee.id);
    if (!d.shift || !c || c.since === null || kindOf.get(c.status) === 'offline') continue;
    const view = viewOf({ ...d.day, now: deps.now });
    if (!view.schedule) continue;
    const deadline = view.schedule.shift_end + view.shiftGraceMs;
    if (deadline > deps.now || c.since >= deadline) continue;

    devices ??= tables.devices();
    const deviceId = `system-${d.employee.id}`;
    const entryId = `close-${d.employee.id}-${deadline}`;
    const index = devices.findIndex((x) => x.device_id === deviceId);
    const device = index >= 0 ? devices[index] : null;
    let accepted: DayEntry[];
    let nextDevice: DeviceRow;
    const written = inLog.get(entryId);
    if (written) {
      accepted = [dayEntryOf(written)];
      nextDevice =
        device && device.last_seq >= written.seq
          ? device
          : { device_id: deviceId, employee_id: d.employee.id, last_seq: written.seq, last_seen: written.received_at, last_at: written.at };
    } else {
      const plan = planIngest({
        now: deps.now,
        sentAt: deps.now,
        employeeId: d.employee.id,
        deviceId,
        source: 'system',
        entries: [{ seq: (device?.last_seq ?? 0) + 1, entry_id: entryId, status: offline.code, at: deadline, comment: 'closed by the daily rollover / закрыто при ежедневной сверке' }],
        device,
        retentionMs: SYSTEM_RETENTION_MS,
      });
      if (plan.accepted.length === 0) continue;
      newRows.push(...plan.logRows);
      accepted = plan.accepted;
      nextDevice = plan.device;
    }
    if (index >= 0) devices[index] = nextDevice;
    else devices.push(nextDevice);
    if (c.day === d.day.date) {
      c.timeline = mergeDay(c.timeline, accepted);
      const latest = currentOf(c.timeline);
      if (latest) {
        c.status = latest.status;
        c.since = latest.since;
      }
    } else {
      c.status = offline.code;
      c.since = deadline;
    }
    c.device_id = deviceId;
    d.day = { ...d.day, day: mergeDay(d.day.day, accepted) };
    closed++;
  }
  if (closed === 0) return 0;
  tables.appendLog(newRows);
  tables.saveDevices(devices ?? []);
  tables.saveCurrent(currents);
  return closed;
}
