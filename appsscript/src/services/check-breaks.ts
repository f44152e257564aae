// The checkBreaks trigger (every 1 or 5 minutes): runs the rules on everyone's day, writes each new
// violation once with an alert to the group's lead chat, enqueues personal nudges, then pushes the due
// alerts to the bot.
//
// What it reads per run, whatever the size of history: Settings (checkpoints and the index of what was
// written, see services/violations.ts), the Log rows added since its checkpoint, Current (one row per
// employee, holding today's timeline), reference data from the cache, and the Outbox rows from its pending
// row down, and today's Violations rows once there are any (services/today-violations.ts keeps them in
// Current for the employee page). Service calls are a constant number per run; cells read grow with new
// Log rows, employees and today's violations.
//
// Locking: detection, writing and leasing alerts happen in one script-lock scope; the push to the bot runs
// outside the lock (it waits for the network); the receipts are applied in a second, short scope.
//
// Cut-safety (an execution can stop between any two service calls): the writes go Violations, Current,
// Outbox, lease, and last one Settings write that commits the checkpoint, the index and the tail marks; a
// run cut before the commit leaves tails that the next run reads before it appends (services/violations.ts).
// An archive deletion whose move of the Log checkpoints was cut off is settled here first (settleLogShift).
import type { CurrentRow, DayEntry, Employee, LogRow, Shift } from '../domain/model.ts';
import type { ReferenceData } from '../store/reference.ts';
import type { Tables } from '../store/tables.ts';
import type { SheetPort } from '../store/port.ts';
import { columnIndex, TABS } from '../store/schema.ts';
import type { ZonedTime } from '../domain/calendar.ts';
import { addDays, minutesOf } from '../domain/calendar.ts';
import { dayEntryOf, mergeDay } from '../domain/timeline.ts';
import {
  detectViolations,
  groupConcurrency,
  type EmployeeDay,
  type MemberNow,
  type NeutralPeriod,
  type TimeText,
  type Violation,
} from '../domain/rules/index.ts';
import { violationId } from '../domain/alerts.ts';
import { isMailTarget } from '../domain/notify.ts';
import {
  enqueueAlerts,
  leaseDue,
  MAIL_PENDING_KEY,
  OUTBOX_TAIL_KEY,
  MAX_PUSH_PER_RUN,
  PUSH_LEASE_MS,
  pendingRowOf,
  sendLeased,
  settleReceipts,
  type AlertSender,
  type Leased,
  type NewAlert,
  type OutboxIo,
  type SettleReport,
} from './alerts.ts';
import type { AlertReceipt } from '../../../common/bot-api.ts';
import { notifier, type Notifier } from './notify.ts';
import { alertIdColumn, orphanAlerts, violationAlerts } from './violation-alerts.ts';
import { personAlerts } from './person-alerts.ts';
import { dayIndex, hasUnindexed, pruneState, readState, readTails, recordViolations, stateSettings, VIOLATIONS_TAIL_KEY, type CheckState, type IndexEntry } from './violations.ts';
import { resolutionOf } from './violation-decisions.ts';
import { openRange, openWindow } from './tab-window.ts';
import { refreshTodayViolations } from './today-violations.ts';
import { personalReminders } from './reminders.ts';
import { serviceAlerts, type ServiceCheckSource } from './service-alerts.ts';

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
  /** Sends e-mail alerts (MailApp), outside the lock; absent: e-mail alerts wait in the Outbox. */
  sendMail?: AlertSender;
  /** The service alerts' facts (services/service-alerts.ts); absent: those checks do not run. */
  service?: ServiceCheckSource;
}

export interface CheckBreaksReport {
  log_rows: number;
  violations_new: number;
  violations_updated: number;
  /** Written earlier, and no longer in the day after a correction: marked withdrawn. */
  violations_withdrawn: number;
  nudges: number;
  alerts_enqueued: number;
  /** null when no bot_url is set: alerts stay pending for the bot's pull. */
  delivery: (SettleReport & { pushed: number }) | null;
  /** E-mail alerts sent this run (only when there were some to send). */
  mailed?: number;
}

export function checkBreaks(deps: CheckBreaksDeps): CheckBreaksReport {
  const phase = deps.withLock(() => detectAndLease(deps));
  // E-mail goes out at least once: a run cut after sending and before settling sends it again after the lease.
  const mailed = phase.mailLeased.length > 0 && deps.sendMail ? sendLeased(phase.mailLeased, deps.sendMail) : [];
  const mailReport = mailed.length > 0 ? settle(deps, mailed, phase.mailLeased) : null;
  const report = mailReport ? { ...phase.report, mailed: mailReport.sent } : phase.report;
  if (phase.botUrl === '') return { ...report, delivery: null };
  if (phase.leased.length === 0) return { ...report, delivery: { pushed: 0, sent: 0, retried: 0, failed: 0 } };
  const receipts = sendLeased(phase.leased, deps.senderFor(phase.botUrl));
  return { ...report, delivery: { pushed: phase.leased.length, ...settle(deps, receipts, phase.leased) } };
}

function settle(deps: CheckBreaksDeps, receipts: readonly AlertReceipt[], leased: readonly Leased[]): SettleReport {
  return deps.withLock(() => {
    const tables = deps.openTables();
    const { report, updates } = settleReceipts(deps.io, tables.settings(), receipts, { now: deps.now, rows: leased.map((l) => l.row) });
    if (updates.size > 0) tables.setSettings(updates);
    return report;
  });
}

/** Whether an e-mail alert is still pending (waiting for its retry) from the pending row down: one read. */
function mailWaiting(io: OutboxIo, settings: ReadonlyMap<string, string>, lastRow: number | undefined): boolean {
  const from = pendingRowOf(settings);
  const window = lastRow === undefined ? openWindow(io.port, 'Outbox', from, io.ctx, io.onIssue) : openRange(io.port, 'Outbox', from, lastRow, io.ctx, io.onIssue);
  return window.rows.some((r) => r.values.status === 'pending' && r.values.kind !== 'broadcast' && isMailTarget(String(r.values.target ?? '')));
}

function detectAndLease(deps: CheckBreaksDeps) {
  const { now, reference } = deps;
  const tables = deps.openTables();
  const settings = tables.settings();
  const updates = new Map<string, string>();
  const setBoth = (m: ReadonlyMap<string, string>) => m.forEach((v, k) => (settings.set(k, v), updates.set(k, v)));
  // Rows the archive deleted from the top of Log while its move of the checkpoints was cut off.
  setBoth(settleLogShift(settings, () => topLogId(deps.io.port)));
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
  // Who hears of what is the notification rules' say (Notify tab; by default the alerts of before).
  const notify = notifier({ reference, settings, now, timeText: deps.timeText });
  const nudges = nudgesDue(deps, notify, days, state, intervalMs);
  nudges.push(...personalReminders(deps, days, state, intervalMs)); // each person's own reminders (services/reminders.ts)
  nudges.push(...serviceAlerts(deps, notify, settings, updates)); // backlogs, stopped triggers, quotas, the bot (services/service-alerts.ts)

  // Something to append: first the tails a cut run may have left (usually nothing), so the index is
  // complete and nothing is written twice. A run with nothing new reads no tail and writes no mark.
  const tails = hasUnindexed(state, found) || nudges.length > 0 ? readTails(deps.io, state, settings) : null;
  if (tails && tails.established.size > 0) {
    // A workbook from before the marks: they are stored before the first append they guard.
    tables.setSettings(tails.established);
    tails.established.forEach((v, k) => settings.set(k, v));
  }
  const freshAlerts = new Map<string, NewAlert[]>();
  const recorded = recordViolations(deps.io, state, found, {
    now,
    alertIdOf: (f) => {
      const alerts = firstRun ? [] : violationAlerts(notify, f.violation, f.id, names);
      freshAlerts.set(f.id, alerts);
      return alertIdColumn(alerts, f.id);
    },
    appendAt: tails ? tails.violationsLast + 1 : null,
  });
  // A day corrected since (a lead's status.set, entries a device sent late) may no longer have a violation
  // written earlier: it is withdrawn, before Current's copy is rebuilt from the rows.
  const withdrawn = withdrawVanished(deps.io, state, days, found, correctedDays(log.rows.map((r) => r.entry)));
  // The employee page's copy of today's violations, after they are written and before the checkpoint.
  if (refreshTodayViolations(deps.io, state, today, currents)) tables.saveCurrent(currents);

  // The very first run catches up with the whole day so far: it records what it finds but does not flood
  // the lead chats with the morning's history. From then on every new violation is alerted.
  const alerts: NewAlert[] = recorded.fresh.flatMap((f) => freshAlerts.get(f.id) ?? []);
  alerts.push(...(tails?.orphans ?? []).flatMap((v) => orphanAlerts(notify, v, names)));
  alerts.push(...nudges);
  const toEnqueue = tails ? alerts.filter((a) => !tails.outboxIds.has(a.alert_id)) : [];

  let outboxLast: number | undefined;
  if (tails) {
    setBoth(enqueueAlerts(deps.io, toEnqueue, settings, now, tails.outboxLast + 1));
    outboxLast = tails.outboxLast + toEnqueue.length;
    tails.updates.set(VIOLATIONS_TAIL_KEY, String(tails.violationsLast + recorded.fresh.length));
    tails.updates.set(OUTBOX_TAIL_KEY, String(outboxLast));
    tails.updates.forEach((v, k) => updates.set(k, v));
  }
  const botUrl = (settings.get(BOT_URL_KEY) ?? '').trim();
  // E-mail alerts are the script's to send; the flag (set by enqueueAlerts) saves a read of the Outbox on the runs without any.
  const mail = deps.sendMail !== undefined && settings.get(MAIL_PENDING_KEY) === '1';
  // Without a bot URL nothing is pushed: the alerts wait, pending, for the bot to pull them.
  const channel = botUrl && mail ? 'both' : botUrl ? 'telegram' : mail ? 'email' : null;
  const handedOut = channel ? leaseDue(deps.io, settings, { now, limit: MAX_PUSH_PER_RUN, leaseMs: PUSH_LEASE_MS, lastRow: outboxLast, channel }) : [];
  const leased = handedOut.filter((l) => !isMailTarget(l.alert.chat_id));
  const mailLeased = handedOut.filter((l) => isMailTarget(l.alert.chat_id));
  // Nothing left to mail: the flag goes (an e-mail still waiting for its retry keeps it).
  if (mail && mailLeased.length === 0 && !mailWaiting(deps.io, settings, outboxLast)) updates.set(MAIL_PENDING_KEY, '');
  notify.marksUpdate().forEach((v, k) => updates.set(k, v));

  // The commit: checkpoint, index and marks in one write. Cut before it, the next run finds the tails.
  updates.set(LOG_CHECKPOINT_KEY, String(log.lastRow));
  for (const [k, v] of stateSettings(state, settings)) updates.set(k, v);
  tables.setSettings(updates);
  return {
    botUrl,
    leased,
    mailLeased,
    report: {
      log_rows: log.rows.length,
      violations_new: recorded.fresh.length,
      violations_updated: recorded.updated.length,
      violations_withdrawn: withdrawn,
      nudges: nudges.length,
      alerts_enqueued: toEnqueue.length,
    },
  };
}

// ---- corrections ----

/** The note on a violation a corrected day no longer has (it is excused by nobody: resolved_by stays blank). */
export const WITHDRAWN_NOTE = 'withdrawn: the corrected day has no such violation / снято: в исправленном дне такого нарушения нет';

/** An entry that reached the server this much after its time may change a day a run already judged. */
const LATE_ENTRY_MS = 60_000;

/**
 * The employees whose day changed in the past this run: a lead's correction, or an entry that arrived late (a
 * device that was offline). A status change made and sent live only extends the day at its end, which can
 * make no violation written earlier vanish, so a run of live changes looks at nothing more.
 */
function correctedDays(rows: readonly LogRow[]): Set<string> {
  return new Set(rows.filter((r) => r.source === 'admin' || r.received_at - r.at > LATE_ENTRY_MS).map((r) => r.employee_id));
}

/**
 * Violations written earlier for the days checked now, of employees whose day changed in the past this run
 * (correctedDays), that the rules no longer find: e.g. a forgotten break that really ended at 11:10. Each is marked excused with WITHDRAWN_NOTE and 0 minutes, and
 * its index entry final with -1 minutes so it is neither looked at nor counted again. Group concurrency is
 * left alone (it is judged on a snapshot, and ends by itself). Only a run where such an employee's day
 * changed reads anything: one read of those rows and one write; a quiet or a live run pays nothing. Cut after the write,
 * the next run reads the same Log rows again and finds the rows already withdrawn.
 */
function withdrawVanished(io: OutboxIo, state: CheckState, days: readonly CheckedDay[], found: readonly Violation[], changed: ReadonlySet<string>): number {
  if (changed.size === 0) return 0;
  const foundIds = new Set(found.map((v) => violationId(v.date, v.key)));
  const candidates: [string, IndexEntry][] = [];
  for (const { employee, day } of days) {
    if (!changed.has(employee.id)) continue;
    for (const [id, entry] of Object.entries(state.days[day.date]?.v ?? {})) {
      if (entry[3] === employee.id && entry[2] >= 0 && !foundIds.has(id)) candidates.push([id, entry]);
    }
  }
  if (candidates.length === 0) return 0;
  const rows = candidates.map(([, e]) => e[0]);
  const window = openRange(io.port, 'Violations', Math.min(...rows), Math.max(...rows), io.ctx, io.onIssue);
  let n = 0;
  for (const [id, entry] of candidates) {
    const r = window.rows.find((x) => x.row === entry[0] && x.values.id === id);
    if (r && r.values.type === 'group_concurrency') continue;
    // A row moved or deleted by hand is forgotten, as recordViolations does.
    entry[1] = 1;
    entry[2] = -1;
    if (!r || resolutionOf(r.values) !== 'open') continue;
    window.update(r.row, { ...r.values, over_minutes: 0, resolution: 'excused', resolved_by: '', note: WITHDRAWN_NOTE });
    n++;
  }
  window.flush();
  return n;
}

// ---- the archive's deletions from the top of Log ----

/** Settings key of a deletion from the top of Log in progress: {"count": n, "first": "<entry_id of row 2>"}. */
export const LOG_DELETING_KEY = 'log.deleting';

/** Stored (under the script lock) just before the archive deletes `count` rows whose first is `firstId`. */
export function logDeletingMarker(count: number, firstId: string): Map<string, string> {
  return new Map([[LOG_DELETING_KEY, JSON.stringify({ count, first: firstId })]]);
}

/**
 * A deletion is marked and row 2 is no longer its first row: the rows are gone but the execution that deleted
 * them was cut before it moved the checkpoints. Returns the moved checkpoints and the cleared marker (nothing
 * while the rows are still there: the deletion then moves the checkpoints itself). `topId` reads the
 * entry_id of Log row 2; it is called only when a deletion is marked. Under the script lock.
 */
export function settleLogShift(settings: ReadonlyMap<string, string>, topId: () => string): Map<string, string> {
  const raw = (settings.get(LOG_DELETING_KEY) ?? '').trim();
  if (raw === '') return new Map();
  let marker: { count?: unknown; first?: unknown };
  try {
    marker = JSON.parse(raw) as typeof marker;
  } catch {
    marker = {};
  }
  const count = Number(marker.count);
  if (!(Number.isSafeInteger(count) && count > 0) || typeof marker.first !== 'string') return new Map([[LOG_DELETING_KEY, '']]);
  if (topId() === marker.first) return new Map();
  const updates = logCheckpointsAfterDelete(settings, count);
  updates.set(LOG_DELETING_KEY, '');
  return updates;
}

/** The entry_id of Log row 2 ('' when Log is empty): one small read. */
export function topLogId(port: SheetPort): string {
  const cells = port.readRows(TABS.Log.name, 2, 1, TABS.Log.columns.length);
  const id = cells[0]?.[columnIndex('Log', 'entry_id')];
  return id === undefined ? '' : typeof id === 'string' ? id.trim() : String(id);
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

/**
 * The alerts about each person's day that the rules ask for (services/person-alerts.ts): by default "your
 * break ends in 2 minutes" and "you are 5 minutes over", each once per break, to linked employees.
 */
function nudgesDue(deps: CheckBreaksDeps, notify: Notifier, days: readonly CheckedDay[], state: CheckState, intervalMs: number): NewAlert[] {
  const o = { now: deps.now, checkIntervalMs: intervalMs, statuses: deps.reference.statuses, timeText: deps.timeText };
  return days.flatMap(({ employee, day }) => personAlerts(notify, o, employee, day, dayIndex(state, day.date).n));
}
