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
import type { RawRecord } from '../store/records.ts';
import { columnIndex, TABS } from '../store/schema.ts';
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
  type ViolationType,
} from '../domain/rules/index.ts';
import { dueNudges, languageOf, nudgeText, violationAlertId, violationAlertText, violationId } from '../domain/alerts.ts';
import {
  enqueueAlerts,
  leaseDue,
  OUTBOX_TAIL_KEY,
  MAX_PUSH_PER_RUN,
  PUSH_LEASE_MS,
  sendLeased,
  settleReceipts,
  type AlertSender,
  type NewAlert,
  type OutboxIo,
  type SettleReport,
} from './alerts.ts';
import { dayIndex, hasUnindexed, pruneState, readState, readTails, recordViolations, stateSettings, VIOLATIONS_TAIL_KEY, type CheckState, type IndexEntry } from './violations.ts';
import { resolutionOf } from './violation-decisions.ts';
import { openRange } from './tab-window.ts';
import { refreshTodayViolations } from './today-violations.ts';

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
  /** Written earlier, and no longer in the day after a correction: marked withdrawn. */
  violations_withdrawn: number;
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
  const groups = new Map(reference.groups.map((g) => [g.name, g]));
  const leadChatOf = (employeeId: string): string => groups.get(names.get(employeeId)?.group ?? '')?.telegram_chat_id ?? '';
  const nudges = nudgesDue(deps, days, state, intervalMs);

  // Something to append: first the tails a cut run may have left (usually nothing), so the index is
  // complete and nothing is written twice. A run with nothing new reads no tail and writes no mark.
  const tails = hasUnindexed(state, found) || nudges.length > 0 ? readTails(deps.io, state, settings) : null;
  if (tails && tails.established.size > 0) {
    // A workbook from before the marks: they are stored before the first append they guard.
    tables.setSettings(tails.established);
    tails.established.forEach((v, k) => settings.set(k, v));
  }
  const recorded = recordViolations(deps.io, state, found, {
    now,
    alertIdOf: (f) => (!firstRun && leadChatOf(f.violation.employee_id) ? violationAlertId(f.id) : ''),
    appendAt: tails ? tails.violationsLast + 1 : null,
  });
  // A day corrected since (a lead's status.set, entries a device sent late) may no longer have a violation
  // written earlier: it is withdrawn, before Current's copy is rebuilt from the rows.
  const withdrawn = withdrawVanished(deps.io, state, days, found, correctedDays(log.rows.map((r) => r.entry)));
  // The employee page's copy of today's violations, after they are written and before the checkpoint.
  if (refreshTodayViolations(deps.io, state, today, currents)) tables.saveCurrent(currents);

  // The very first run catches up with the whole day so far: it records what it finds but does not flood
  // the lead chats with the morning's history. From then on every new violation is alerted.
  const alerts: NewAlert[] = firstRun ? [] : recorded.fresh.filter((f) => leadChatOf(f.violation.employee_id) !== '').map((f) => violationAlert(f.violation, names, leadChatOf, violationAlertId(f.id)));
  alerts.push(...(tails?.orphans ?? []).flatMap((v) => orphanAlert(v, names, leadChatOf)));
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
  // Without a bot URL nothing is pushed: the alerts wait, pending, for the bot to pull them.
  const leased = botUrl ? leaseDue(deps.io, settings, { now, limit: MAX_PUSH_PER_RUN, leaseMs: PUSH_LEASE_MS, lastRow: outboxLast }) : [];

  // The commit: checkpoint, index and marks in one write. Cut before it, the next run finds the tails.
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

/** The lead-chat alert of a violation, in both languages. */
export function violationAlert(
  v: Pick<Violation, 'type' | 'employee_id' | 'date' | 'planned' | 'actual' | 'over_minutes'>,
  people: ReadonlyMap<string, Employee>,
  leadChatOf: (employeeId: string) => string,
  alertId: string,
): NewAlert {
  const person = people.get(v.employee_id);
  return {
    alert_id: alertId,
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

/**
 * The alert of a violation row whose alert a cut run never wrote, rebuilt from the row (its text is what it
 * would have been). None when its group has no lead chat any more.
 */
export function orphanAlert(row: RawRecord, people: ReadonlyMap<string, Employee>, leadChatOf: (employeeId: string) => string): NewAlert[] {
  const employeeId = String(row.employee_id ?? '');
  if (leadChatOf(employeeId) === '') return [];
  const v = {
    type: row.type as ViolationType,
    employee_id: employeeId,
    date: String(row.date ?? ''),
    planned: String(row.planned ?? ''),
    actual: String(row.actual ?? ''),
    over_minutes: Number(row.over_minutes) || 0,
  };
  return [violationAlert(v, people, leadChatOf, String(row.alert_id))];
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
