// The checkBreaks trigger (every 1 or 5 minutes): runs the rules on everyone's day, writes each new
// violation once with an alert to the group's lead chat, enqueues personal nudges, then pushes the due
// alerts to the bot.
//
// What it reads per run, whatever the size of history: Settings (checkpoints and the index of what was
// written, see services/violations.ts), the Log rows added since its checkpoint, Current (one row per
// employee, holding today's timeline), reference data from the cache, and the Outbox rows from its pending
// row down. Service calls are a constant number per run; cells read grow with new Log rows and employees.
//
// Locking: detection, writing and leasing alerts happen in one script-lock scope; the push to the bot runs
// outside the lock (it waits for the network); the receipts are applied in a second, short scope.
import type { CurrentRow, DayEntry, Employee, LogRow, Shift } from '../store/rows.ts';
import type { ReferenceData } from '../store/reference.ts';
import type { Tables } from '../store/tables.ts';
import type { ZonedTime } from '../domain/calendar.ts';
import { addDays, minutesOf } from '../domain/calendar.ts';
import { dayEntryOf, mergeDay } from '../domain/timeline.ts';
import {
  detectViolations,
  groupConcurrency,
  ongoingBreak,
  type EmployeeDay,
  type MemberNow,
  type NeutralPeriod,
  type TimeText,
  type Violation,
} from '../domain/rules/index.ts';
import { dueNudges, languageOf, nudgeText, violationAlertId, violationAlertText } from '../domain/alerts.ts';
import {
  enqueueAlerts,
  leaseDue,
  MAX_PUSH_PER_RUN,
  PUSH_LEASE_MS,
  sendLeased,
  settleReceipts,
  type AlertSender,
  type NewAlert,
  type OutboxIo,
  type SettleReport,
} from './alerts.ts';
import { dayIndex, pruneState, readState, recordViolations, stateSettings, type CheckState, type Found } from './violations.ts';

export const LOG_CHECKPOINT_KEY = 'checkbreaks.log_row';
export const CHECK_INTERVAL_KEY = 'check_interval_minutes';
export const BOT_URL_KEY = 'bot_url';
export const DEFAULT_CHECK_INTERVAL_MINUTES = 5;
/** A member away longer than this is taken as a stale Current row (a session left open), not as on break now. */
const STALE_STATUS_MS = 12 * 3600_000;

/** Night shifts: the part of a shift's day before midnight, kept while Current moves on to the new day. */
export interface CarryStore {
  /** Entries per employee of the shifts of `date` that end the next day. */
  get(date: string): Record<string, DayEntry[]> | null;
  put(date: string, entries: Record<string, DayEntry[]>): void;
}

export interface CalendarFns {
  dateOf(ms: number): string;
  zonedTime: ZonedTime;
  timeText: TimeText;
}

export interface CheckBreaksDeps extends CalendarFns {
  now: number;
  reference: ReferenceData;
  io: OutboxIo;
  /** Fresh tables (a fresh Settings snapshot) for each lock scope: another execution may have written in between. */
  openTables(): Tables;
  withLock<T>(work: () => T): T;
  /** The sender to the bot at this URL; called only when Settings bot_url is set. */
  senderFor(botUrl: string): AlertSender;
  carry: CarryStore;
  neutral?: readonly NeutralPeriod[];
}

export interface CheckBreaksReport {
  log_rows: number;
  violations_new: number;
  violations_updated: number;
  nudges: number;
  alerts_enqueued: number;
  /** null when no bot_url is set: alerts stay pending for the bot's pull. */
  delivery: (SettleReport & { pushed: number }) | null;
}

export function checkBreaks(deps: CheckBreaksDeps): CheckBreaksReport {
  const phase = deps.withLock(() => detectAndLease(deps));
  if (phase.botUrl === '') return { ...phase.report, delivery: null };
  if (phase.leased.length === 0) return { ...phase.report, delivery: { pushed: 0, sent: 0, retried: 0, failed: 0 } };
  const receipts = sendLeased(phase.leased, deps.senderFor(phase.botUrl));
  const settled = deps.withLock(() => {
    const tables = deps.openTables();
    const { report, updates } = settleReceipts(deps.io, tables.settings(), receipts, { now: deps.now, rows: phase.leased.map((l) => l.row) });
    if (updates.size > 0) tables.setSettings(updates);
    return report;
  });
  return { ...phase.report, delivery: { pushed: phase.leased.length, ...settled } };
}

function detectAndLease(deps: CheckBreaksDeps) {
  const { now, reference } = deps;
  const tables = deps.openTables();
  const settings = tables.settings();
  const today = deps.dateOf(now);
  const state = pruneState(readState(settings), today);

  // Only the Log rows added since the last run. The very first run starts at the end: Current already
  // holds today's timelines, and reading a long history once could overrun the trigger's time.
  const checkpoint = Number(settings.get(LOG_CHECKPOINT_KEY));
  const firstRun = !(Number.isSafeInteger(checkpoint) && checkpoint >= 1);
  const log = firstRun ? { rows: [], lastRow: deps.io.port.lastRow('Log') } : tables.readLog(checkpoint);
  if (!(today in state.lrows)) state.lrows[today] = firstRun ? log.lastRow : Math.min(checkpoint, log.lastRow);

  const currents = tables.current();
  const intervalMs = checkIntervalMs(settings);
  const days = employeeDays(deps, currents, log.rows.map((r) => r.entry), today);

  const found: Violation[] = [];
  for (const d of days) found.push(...detectViolations(d.day));
  found.push(...concurrency(deps, currents, today));

  const names = new Map(reference.employees.map((e) => [e.id, e]));
  const groups = new Map(reference.groups.map((g) => [g.name, g]));
  const leadChatOf = (employeeId: string): string => groups.get(names.get(employeeId)?.group ?? '')?.telegram_chat_id ?? '';
  const recorded = recordViolations(deps.io, state, found, { now, alertIdOf: (f) => (!firstRun && leadChatOf(f.violation.employee_id) ? violationAlertId(f.id) : '') });

  // The very first run catches up with the whole day so far: it records what it finds but does not flood
  // the lead chats with the morning's history. From then on every new violation is alerted.
  const alerts: NewAlert[] = firstRun ? [] : recorded.fresh.filter((f) => leadChatOf(f.violation.employee_id) !== '').map((f) => violationAlert(f, names, leadChatOf));
  const nudges = nudgesDue(deps, days, state, intervalMs);
  alerts.push(...nudges);

  const updates = enqueueAlerts(deps.io, alerts, settings, now);
  const afterEnqueue = new Map([...settings, ...updates]);
  const botUrl = (settings.get(BOT_URL_KEY) ?? '').trim();
  // Without a bot URL nothing is pushed: the alerts wait, pending, for the bot to pull them.
  const leased = botUrl ? leaseDue(deps.io, afterEnqueue, { now, limit: MAX_PUSH_PER_RUN, leaseMs: PUSH_LEASE_MS }) : [];

  updates.set(LOG_CHECKPOINT_KEY, String(log.lastRow));
  for (const [k, v] of stateSettings(state, settings)) updates.set(k, v);
  tables.setSettings(updates);
  return {
    botUrl,
    leased,
    report: {
      log_rows: log.rows.length,
      violations_new: recorded.fresh.length,
      violations_updated: recorded.updated.length,
      nudges: nudges.length,
      alerts_enqueued: alerts.length,
    },
  };
}

/**
 * The archive deletes rows from the top of Log, which moves every row below: the checkpoints of checkBreaks
 * (`checkbreaks.log_row`) and of the rollover (the state's lrows) must move up by as many. Returns the
 * Settings to write, under the same script lock as the deletion.
 */
export function logCheckpointsAfterDelete(settings: ReadonlyMap<string, string>, deleted: number): Map<string, string> {
  const updates = new Map<string, string>();
  if (!(deleted > 0)) return updates;
  const up = (row: number) => Math.max(1, row - deleted);
  const checkpoint = Number(settings.get(LOG_CHECKPOINT_KEY));
  if (Number.isSafeInteger(checkpoint) && checkpoint >= 1) updates.set(LOG_CHECKPOINT_KEY, String(up(checkpoint)));
  const state = readState(settings);
  if (Object.keys(state.lrows).length === 0) return updates;
  for (const date of Object.keys(state.lrows)) state.lrows[date] = up(state.lrows[date]);
  for (const [k, v] of stateSettings(state, settings)) updates.set(k, v);
  return updates;
}

export function checkIntervalMs(settings: ReadonlyMap<string, string>): number {
  const n = Number(settings.get(CHECK_INTERVAL_KEY));
  return (Number.isFinite(n) && n > 0 ? n : DEFAULT_CHECK_INTERVAL_MINUTES) * 60_000;
}

// ---- whose day, with which entries ----

export interface CheckedDay {
  employee: Employee;
  day: EmployeeDay;
}

/** A shift that ends the next day (22:00-06:00). */
export function isOvernight(shift: Shift): boolean {
  return minutesOf(shift.shift_end) <= minutesOf(shift.shift_start);
}

/**
 * The days to check now: every active employee's shift of today (or today's entries without a shift), and
 * a night shift of yesterday. Entries come from Current's timeline, the new Log rows and, for a night shift
 * whose employee has already moved on to the new day in Current, the part before midnight kept in the carry
 * (without it that shift is left to the daily rollover, which reads Log: checking half a shift would invent
 * a late start).
 */
function employeeDays(deps: CheckBreaksDeps, currents: readonly CurrentRow[], newRows: readonly LogRow[], today: string): CheckedDay[] {
  const { reference } = deps;
  const yesterday = addDays(today, -1);
  const currentOf = new Map(currents.map((c) => [c.employee_id, c]));
  const newOf = new Map<string, DayEntry[]>();
  for (const r of newRows) {
    const list = newOf.get(r.employee_id) ?? [];
    list.push(dayEntryOf(r));
    newOf.set(r.employee_id, list);
  }
  const shiftOf = new Map(reference.schedule.map((s) => [`${s.date}|${s.employee_id}`, s]));
  let carried: Record<string, DayEntry[]> | null = null;
  const carriedOf = (id: string): DayEntry[] | undefined => (carried ??= deps.carry.get(yesterday) ?? {})[id];
  const toCarry: Record<string, DayEntry[]> = {};
  const out: CheckedDay[] = [];

  for (const e of reference.employees) {
    if (!e.active) continue;
    const c = currentOf.get(e.id);
    const fresh = newOf.get(e.id) ?? [];
    const todayTimeline = c && c.day === today ? c.timeline : [];
    const shiftToday = shiftOf.get(`${today}|${e.id}`) ?? null;
    const night = shiftOf.get(`${yesterday}|${e.id}`);
    const nightShift = night && isOvernight(night) ? night : null;
    const todays = mergeDay(todayTimeline, fresh.filter((x) => deps.dateOf(x.at) === today));
    // Entries after midnight with no shift today belong to last night's shift: judged there, not twice.
    if (shiftToday || (todays.length > 0 && !nightShift)) out.push({ employee: e, day: dayInput(deps, e, today, shiftToday, todays) });
    if (shiftToday && isOvernight(shiftToday) && todays.length > 0) toCarry[e.id] = todays;

    if (nightShift) {
      const before = c && c.day === yesterday ? c.timeline : carriedOf(e.id);
      if (before === undefined) continue;
      const entries = mergeDay(before, [...todays, ...fresh.filter((x) => deps.dateOf(x.at) === yesterday)]);
      out.push({ employee: e, day: dayInput(deps, e, yesterday, nightShift, entries) });
    }
  }
  if (Object.keys(toCarry).length > 0) deps.carry.put(today, toCarry);
  return out;
}

export function dayInput(deps: CalendarFns & { now: number; reference: ReferenceData; neutral?: readonly NeutralPeriod[] }, e: Employee, date: string, shift: Shift | null, day: DayEntry[]): EmployeeDay {
  const group = deps.reference.groups.find((g) => g.name === e.group);
  return {
    employee_id: e.id,
    date,
    shift,
    day,
    statuses: deps.reference.statuses,
    rules: deps.reference.rules,
    rule_set: group?.rule_set ?? '',
    neutral: deps.neutral ?? [],
    now: deps.now,
    zonedTime: deps.zonedTime,
    timeText: deps.timeText,
  };
}

/** More of a group on break at once than Groups.max_concurrent_breaks, judged on Current now. */
function concurrency(deps: CheckBreaksDeps, currents: readonly CurrentRow[], today: string): Violation[] {
  const { reference, now } = deps;
  const byId = new Map(currents.map((c) => [c.employee_id, c]));
  const out: Violation[] = [];
  for (const g of reference.groups) {
    if (g.max_concurrent_breaks === null) continue;
    const members: MemberNow[] = [];
    for (const e of reference.employees) {
      const c = byId.get(e.id);
      if (!e.active || e.group !== g.name || !c || c.since === null || now - c.since > STALE_STATUS_MS) continue;
      members.push({ employee_id: e.id, status: c.status, since: c.since });
    }
    out.push(
      ...groupConcurrency({
        group: g.name,
        max_concurrent_breaks: g.max_concurrent_breaks,
        date: today,
        now,
        members,
        statuses: reference.statuses,
        neutral: deps.neutral ?? [],
        timeText: deps.timeText,
      }),
    );
  }
  return out;
}

// ---- alerts ----

function violationAlert(f: Found, people: ReadonlyMap<string, Employee>, leadChatOf: (employeeId: string) => string): NewAlert {
  const v = f.violation;
  const person = people.get(v.employee_id);
  return {
    alert_id: violationAlertId(f.id),
    kind: 'violation',
    chat_id: leadChatOf(v.employee_id),
    text: violationAlertText({
      type: v.type,
      employee_name: person?.name ?? v.employee_id,
      group: person?.group ?? '',
      date: v.date,
      planned: v.planned,
      actual: v.actual,
      over_minutes: v.over_minutes,
    }),
  };
}

/** "Your break ends in 2 minutes" and "you are 5 minutes over", each once per break, to linked employees. */
function nudgesDue(deps: CheckBreaksDeps, days: readonly CheckedDay[], state: CheckState, intervalMs: number): NewAlert[] {
  const out: NewAlert[] = [];
  for (const { employee, day } of days) {
    if (employee.telegram_chat_id === '') continue;
    const ongoing = ongoingBreak(day);
    const sent = dayIndex(state, day.date).n;
    for (const n of dueNudges({ date: day.date, employee_id: employee.id, ongoing, now: deps.now, checkIntervalMs: intervalMs })) {
      if (sent.includes(n.alert_id)) continue;
      sent.push(n.alert_id);
      const status = deps.reference.statuses.find((s) => s.code === ongoing?.status);
      const label = { ru: status?.label_ru ?? ongoing?.status ?? '', en: status?.label_en ?? ongoing?.status ?? '' };
      out.push({ alert_id: n.alert_id, kind: 'nudge', chat_id: employee.telegram_chat_id, text: nudgeText(n, label, languageOf(employee.name), deps.timeText) });
    }
  }
  return out;
}
