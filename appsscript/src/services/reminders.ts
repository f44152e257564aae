// Personal reminders: reading and saving an employee's own (the employee page's reminders.list and
// reminders.save, the bot's bot.reminders), and finding those due at a checkBreaks run (personalReminders,
// the one call checkBreaks makes into this module).
//
// Storage: the Reminders tab, a row per person and kind (store/reminders.ts). checkBreaks never reads it: the
// reminders that are on travel with the cached reference data (store/reference.ts), so a run on a warm cache
// costs no sheet call for them and a cold one a single read. A save therefore invalidates that cache.
//
// Cut-safety of a save (an execution can stop between any two service calls): under the script lock it reads
// the tab once and writes every changed row in ONE write, each row stamped with the save's request_id; then
// it invalidates the reference cache. Cut before the write, nothing was acknowledged and a retry applies it.
// Cut after it, a retry finds its request_id on the person's rows and only answers (and invalidates again);
// without a retry the cache serves the old reminders for at most its 5 minutes.
//
// Firing: see domain/reminders.ts for when; each alert id goes into the check state's record of the day's
// nudges (dayIndex(...).n) in the same Settings commit as the run's other bookkeeping, and a run cut after
// its Outbox write finds the id in the Outbox tail, so each reminder is enqueued once.
import type { RemindersReply } from '../../../common/api.ts';
import { applyReminderChanges, completeReminders, hasMinutes, type Reminder, type ReminderChange } from '../../../common/reminders.ts';
import type { Employee, DayEntry, Status } from '../domain/model.ts';
import type { StatusKind } from '../../../common/status.ts';
import { dueReminders, reminderText } from '../domain/reminders.ts';
import { languageOf } from '../domain/alerts.ts';
import { ongoingBreak } from '../domain/rules/index.ts';
import { scheduleOf } from '../domain/today.ts';
import type { SheetPort, Cell } from '../store/port.ts';
import type { CellContext } from '../store/cells.ts';
import { preserveCell } from '../store/cells.ts';
import { checkHeader, decodeRecord, encodeRecord, isBlankRow } from '../store/records.ts';
import { checkReminder, type ReminderRow } from '../store/reminders.ts';
import { TABS } from '../store/schema.ts';
import { MissingTab } from '../store/errors.ts';
import type { ReferenceData } from '../store/reference.ts';
import { dayIndex, type CheckState } from './violations.ts';
import type { NewAlert } from './alerts.ts';
import type { CalendarFns, CheckedDay } from './check-breaks.ts';

export interface RemindersDeps {
  now: number;
  port: SheetPort;
  ctx: CellContext;
  withLock<T>(work: () => T): T;
  /** The reminders that are on are cached with the reference data: a save makes that copy stale. */
  invalidateReference(): void;
}

// ---- reading and saving ----

interface TabRow {
  /** The sheet row. */
  row: number;
  cells: Cell[];
  employee_id: string;
  kind: string;
  /** null: a row someone broke by hand (it reads as off; a save of that kind overwrites it). */
  value: ReminderRow | null;
}

/** The whole Reminders tab in one read. */
function readTab(deps: Pick<RemindersDeps, 'port' | 'ctx'>): TabRow[] {
  const spec = TABS.Reminders;
  const { header, rows } = deps.port.readAll(spec.name, spec.columns.length);
  checkHeader(spec, header);
  const out: TabRow[] = [];
  rows.forEach((cells, i) => {
    if (isBlankRow(cells)) return;
    const row = i + 2;
    const decoded = decodeRecord(spec, cells, row, deps.ctx);
    const checked = decoded.issues.length === 0 ? checkReminder(decoded.values, row) : null;
    out.push({
      row,
      cells,
      employee_id: String(decoded.values.employee_id ?? ''),
      kind: String(decoded.values.kind ?? ''),
      value: checked?.ok ? checked.value : null,
    });
  });
  return out;
}

/** The person's rows: the first row of each kind counts (as the validated read of the reference data does). */
function rowsOf(rows: readonly TabRow[], employeeId: string): Map<string, TabRow> {
  const mine = new Map<string, TabRow>();
  for (const r of rows) if (r.employee_id === employeeId && !mine.has(r.kind)) mine.set(r.kind, r);
  return mine;
}

function remindersOf(mine: ReadonlyMap<string, TabRow>): Reminder[] {
  const list: Reminder[] = [];
  for (const r of mine.values()) if (r.value) list.push({ kind: r.value.kind, enabled: r.value.enabled, minutes: r.value.minutes });
  return completeReminders(list);
}

function reply(employee: Employee, reminders: Reminder[]): RemindersReply {
  return { reminders, telegram_linked: employee.telegram_chat_id !== '' };
}

/** Every kind, defaults (off) for those never set. One read; all off on a workbook without the tab yet. */
export function listReminders(employee: Employee, deps: Pick<RemindersDeps, 'port' | 'ctx'>): RemindersReply {
  let rows: TabRow[];
  try {
    rows = readTab(deps);
  } catch (e) {
    if (!(e instanceof MissingTab)) throw e;
    rows = [];
  }
  return reply(employee, remindersOf(rowsOf(rows, employee.id)));
}

/**
 * Applies `changes` to the person's reminders, once per `requestId`. Rows are changed in place (a new kind is
 * appended below the last row), and the block from the first to the last changed row is written at once,
 * every other row in it exactly as read.
 */
export function saveReminders(employee: Employee, requestId: string, changes: readonly ReminderChange[], deps: RemindersDeps): RemindersReply {
  const result = deps.withLock(() => {
    const rows = readTab(deps);
    const mine = rowsOf(rows, employee.id);
    const current = remindersOf(mine);
    if ([...mine.values()].some((r) => r.value?.request_id === requestId)) return current;
    const next = applyReminderChanges(current, changes);
    const spec = TABS.Reminders;
    const writes = new Map<number, Cell[]>();
    let appendAt = rows.length === 0 ? 2 : rows[rows.length - 1].row + 1;
    for (const r of next) {
      const was = current.find((x) => x.kind === r.kind)!;
      const at = mine.get(r.kind);
      // A broken row of that kind is rewritten even when the values look the same (it read as the default).
      if (was.enabled === r.enabled && was.minutes === r.minutes && (!at || at.value)) continue;
      const record = {
        employee_id: employee.id,
        kind: r.kind,
        enabled: r.enabled,
        minutes: hasMinutes(r.kind) ? r.minutes : 0,
        version: (at?.value?.version ?? 0) + 1,
        updated_at: deps.now,
        request_id: requestId,
      };
      writes.set(at ? at.row : appendAt++, encodeRecord(spec, record));
    }
    if (writes.size === 0) return next;
    const first = Math.min(...writes.keys());
    const last = Math.max(...writes.keys());
    const byRow = new Map(rows.map((r) => [r.row, r.cells]));
    const block: Cell[][] = [];
    const blank = spec.columns.map((): Cell => '');
    for (let row = first; row <= last; row++) block.push(writes.get(row) ?? (byRow.get(row) ?? blank).map(preserveCell));
    deps.port.writeRows(spec.name, first, block);
    return next;
  });
  deps.invalidateReference();
  return reply(employee, result);
}

// ---- firing, from checkBreaks ----

/**
 * The personal reminders due now, for the days checkBreaks checks, as Outbox alerts to each person's own
 * chat in their language. Each id is recorded in the state's day record so that no later run enqueues it
 * again (the caller reads the Outbox tail first when it has something to append, which covers a cut run).
 */
export function personalReminders(
  deps: CalendarFns & { now: number; reference: ReferenceData },
  days: readonly CheckedDay[],
  state: CheckState,
  checkIntervalMs: number,
): NewAlert[] {
  const on = deps.reference.reminders ?? [];
  if (on.length === 0) return [];
  const byEmployee = new Map<string, Reminder[]>();
  for (const r of on) byEmployee.set(r.employee_id, [...(byEmployee.get(r.employee_id) ?? []), r]);
  const statuses = deps.reference.statuses;
  const out: NewAlert[] = [];
  const seen = new Set<string>();
  for (const { employee, day } of days) {
    const mine = byEmployee.get(employee.id);
    if (!mine || employee.telegram_chat_id === '') continue;
    const now = statusAt(day.day, deps.now);
    const due = dueReminders({
      employee_id: employee.id,
      reminders: mine,
      schedule: day.shift ? scheduleOf(day.shift, deps.zonedTime) : null,
      ongoing: ongoingBreak(day),
      statusKind: now === null ? null : kindOf(statuses, now),
      now: deps.now,
      checkIntervalMs,
      dateOf: deps.dateOf,
    });
    for (const d of due) {
      // A night shift is checked under two dates around midnight: the same reminder, one alert.
      if (seen.has(d.alert_id)) continue;
      seen.add(d.alert_id);
      const sent = dayIndex(state, d.date).n;
      if (sent.includes(d.alert_id)) continue;
      sent.push(d.alert_id);
      const label = labelOf(statuses, d.status || now || '');
      out.push({ alert_id: d.alert_id, kind: 'reminder', chat_id: employee.telegram_chat_id, text: reminderText(d, label, languageOf(employee.name), deps.timeText) });
    }
  }
  return out;
}

/** The status of the last entry at or before `now`, or null. */
function statusAt(entries: readonly DayEntry[], now: number): string | null {
  let found: DayEntry | null = null;
  for (const e of entries) if (e.at <= now && (found === null || e.at >= found.at)) found = e;
  return found ? found.status : null;
}

function kindOf(statuses: readonly Status[], code: string): StatusKind | null {
  return statuses.find((s) => s.code === code)?.kind ?? null;
}

function labelOf(statuses: readonly Status[], code: string): { ru: string; en: string } {
  const s = statuses.find((x) => x.code === code);
  return { ru: s?.label_ru ?? code, en: s?.label_en ?? code };
}
