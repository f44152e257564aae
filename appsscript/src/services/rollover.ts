// The dailyRollover trigger (once a day, early morning). For yesterday:
//  1. closes forgotten sessions: whoever is still in a status other than offline after their shift end plus
//     the grace gets a 'system' entry for the offline status at that moment, in Log and Current;
//  2. runs the rules on yesterday's complete days and writes what checkBreaks could not see yet, then marks
//     every violation of yesterday final (nothing can change them any more);
//  3. writes yesterday's Daily rows, once: Settings `rollover.daily_date` remembers the last date written.
//
// Yesterday's entries come from Current (for whoever has not synced since midnight) and from the Log rows
// after the checkpoint checkBreaks recorded when yesterday began (a day or two of rows, never history).
// Without that checkpoint (checkBreaks never ran), Current alone is used.
import type { CurrentRow, DayEntry, DeviceRow, Employee, LogRow, Shift } from '../store/rows.ts';
import type { ReferenceData } from '../store/reference.ts';
import type { Tables } from '../store/tables.ts';
import type { RawRecord } from '../store/records.ts';
import { addDays } from '../domain/calendar.ts';
import { currentOf, dayEntryOf, mergeDay } from '../domain/timeline.ts';
import { planIngest } from '../domain/ingest.ts';
import { dailySummary, detectViolations, type EmployeeDay, type NeutralPeriod } from '../domain/rules/index.ts';
import { viewOf } from '../domain/rules/day-view.ts';
import { violationAlertId, violationAlertText } from '../domain/alerts.ts';
import { enqueueAlerts, type NewAlert, type OutboxIo } from './alerts.ts';
import { countsByEmployee, finaliseDate, pruneState, readState, recordViolations, stateSettings, type CheckState } from './violations.ts';
import { dayInput, isOvernight, type CalendarFns } from './check-breaks.ts';

export const DAILY_DATE_KEY = 'rollover.daily_date';
/** System entries are never refused for their age: a rollover late by days still closes the session. */
const SYSTEM_RETENTION_MS = 365 * 24 * 3600_000;

export interface RolloverDeps extends CalendarFns {
  now: number;
  /** With the schedule of yesterday at least (scheduleWindow(today) covers it). */
  reference: ReferenceData;
  io: OutboxIo;
  openTables(): Tables;
  withLock<T>(work: () => T): T;
  neutral?: readonly NeutralPeriod[];
}

export interface RolloverReport {
  date: string;
  sessions_closed: number;
  violations_new: number;
  violations_finalised: number;
  daily_rows: number;
  /** The Daily rows of this date had been written before: not written again. */
  daily_already_written: boolean;
  /** Yesterday's Log rows could not be located (checkBreaks never ran): Current alone was used. */
  log_unavailable: boolean;
}

export function dailyRollover(deps: RolloverDeps): RolloverReport {
  return deps.withLock(() => rollover(deps));
}

function rollover(deps: RolloverDeps): RolloverReport {
  const { now, reference } = deps;
  const today = deps.dateOf(now);
  const date = addDays(today, -1);
  const tables = deps.openTables();
  const settings = tables.settings();
  const state = pruneState(readState(settings), today);

  const from = logStartOf(state, date);
  const logRows = from === null ? [] : tables.readLog(from).rows.map((r) => r.entry);
  const currents = tables.current();
  const days = yesterdayDays(deps, date, today, currents, logRows);

  const closed = closeForgottenSessions(deps, tables, days, currents);

  const found = days.flatMap((d) => detectViolations(d.day));
  const groups = new Map(reference.groups.map((g) => [g.name, g]));
  const leadChatOf = (e: Employee | undefined): string => groups.get(e?.group ?? '')?.telegram_chat_id ?? '';
  const people = new Map(reference.employees.map((e) => [e.id, e]));
  const recorded = recordViolations(deps.io, state, found, {
    now,
    alertIdOf: (f) => (leadChatOf(people.get(f.violation.employee_id)) ? violationAlertId(f.id) : ''),
  });
  const alerts: NewAlert[] = [];
  for (const f of recorded.fresh) {
    const person = people.get(f.violation.employee_id);
    const chat = leadChatOf(person);
    if (!chat) continue;
    const v = f.violation;
    alerts.push({
      alert_id: violationAlertId(f.id),
      kind: 'violation',
      chat_id: chat,
      text: violationAlertText({ type: v.type, employee_name: person?.name ?? v.employee_id, group: person?.group ?? '', date: v.date, planned: v.planned, actual: v.actual, over_minutes: v.over_minutes }),
    });
  }
  const finalised = finaliseDate(state, date);
  const updates = enqueueAlerts(deps.io, alerts, settings, now);

  const alreadyWritten = (settings.get(DAILY_DATE_KEY) ?? '') >= date;
  let dailyRows = 0;
  if (!alreadyWritten) {
    const counts = countsByEmployee(state, date);
    const records: RawRecord[] = days.map((d) => ({ ...dailySummary(d.day, []), violations: counts.get(d.employee.id) ?? 0 }) as unknown as RawRecord);
    tables.appendRecords('Daily', records);
    dailyRows = records.length;
    updates.set(DAILY_DATE_KEY, date);
  }
  for (const [k, v] of stateSettings(state, settings)) updates.set(k, v);
  tables.setSettings(updates);
  return {
    date,
    sessions_closed: closed,
    violations_new: recorded.fresh.length,
    violations_finalised: finalised + recorded.updated.filter((u) => u.violation.final).length,
    daily_rows: dailyRows,
    daily_already_written: alreadyWritten,
    log_unavailable: from === null,
  };
}

/** The Log row yesterday's entries start after: its own checkpoint, else the latest one before it. */
function logStartOf(state: CheckState, date: string): number | null {
  if (state.lrows[date] !== undefined) return state.lrows[date];
  const earlier = Object.keys(state.lrows).filter((d) => d < date).sort();
  return earlier.length > 0 ? state.lrows[earlier[earlier.length - 1]] : null;
}

interface DayOf {
  employee: Employee;
  shift: Shift | null;
  day: EmployeeDay;
}

/**
 * Every active employee's day of `date` that has a shift or entries. A day shift is judged up to midnight
 * (a status left on overnight does not count as a whole night's work); a night shift up to now.
 */
function yesterdayDays(deps: RolloverDeps, date: string, today: string, currents: readonly CurrentRow[], logRows: readonly LogRow[]): DayOf[] {
  const byEmployee = new Map<string, DayEntry[]>();
  for (const r of logRows) {
    const list = byEmployee.get(r.employee_id) ?? [];
    list.push(dayEntryOf(r));
    byEmployee.set(r.employee_id, list);
  }
  const currentOfId = new Map(currents.map((c) => [c.employee_id, c]));
  const midnight = deps.zonedTime(today, '00:00');
  const out: DayOf[] = [];
  for (const e of deps.reference.employees) {
    if (!e.active) continue;
    const shift = deps.reference.schedule.find((s) => s.date === date && s.employee_id === e.id) ?? null;
    const overnight = shift !== null && isOvernight(shift);
    const c = currentOfId.get(e.id);
    const fromLog = (byEmployee.get(e.id) ?? []).filter((x) => {
      const d = deps.dateOf(x.at);
      return d === date || (overnight && d === today);
    });
    const entries = mergeDay(c && c.day === date ? c.timeline : [], fromLog);
    if (!shift && entries.length === 0) continue;
    const until = overnight ? deps.now : Math.min(deps.now, midnight);
    out.push({ employee: e, shift, day: dayInput({ ...deps, now: until }, e, date, shift, entries) });
  }
  return out;
}

/**
 * A session still open after shift end + grace gets an offline entry at that moment, source 'system', from
 * a per-employee system device (so its seq and clamping never mix with anyone else's). Log first, then
 * Current and Devices, as sync does. The entries are merged into the days in place. Returns how many.
 */
function closeForgottenSessions(deps: RolloverDeps, tables: Tables, days: DayOf[], currents: CurrentRow[]): number {
  const offline = deps.reference.statuses.find((s) => s.kind === 'offline');
  if (!offline) return 0;
  const kindOf = new Map(deps.reference.statuses.map((s) => [s.code, s.kind]));
  let devices: DeviceRow[] | null = null;
  const logRows: LogRow[] = [];
  for (const d of days) {
    const c = currents.find((x) => x.employee_id === d.employee.id);
    if (!d.shift || !c || c.since === null || kindOf.get(c.status) === 'offline') continue;
    const view = viewOf({ ...d.day, now: deps.now });
    if (!view.schedule) continue;
    const deadline = view.schedule.shift_end + view.shiftGraceMs;
    if (deadline > deps.now || c.since >= deadline) continue;

    devices ??= tables.devices();
    const deviceId = `system-${d.employee.id}`;
    const index = devices.findIndex((x) => x.device_id === deviceId);
    const device = index >= 0 ? devices[index] : null;
    const plan = planIngest({
      now: deps.now,
      sentAt: deps.now,
      employeeId: d.employee.id,
      deviceId,
      source: 'system',
      entries: [{ seq: (device?.last_seq ?? 0) + 1, entry_id: `close-${d.employee.id}-${deadline}`, status: offline.code, at: deadline, comment: 'closed by the daily rollover / закрыто при ежедневной сверке' }],
      device,
      retentionMs: SYSTEM_RETENTION_MS,
    });
    if (plan.accepted.length === 0) continue;
    logRows.push(...plan.logRows);
    if (index >= 0) devices[index] = plan.device;
    else devices.push(plan.device);
    if (c.day === d.day.date) {
      c.timeline = mergeDay(c.timeline, plan.accepted);
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
    d.day = { ...d.day, day: mergeDay(d.day.day, plan.accepted) };
  }
  if (logRows.length === 0) return 0;
  tables.appendLog(logRows);
  tables.saveCurrent(currents);
  tables.saveDevices(devices ?? []);
  return logRows.length;
}
