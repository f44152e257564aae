// The spreadsheet's schema, declared once: every tab, its columns in order, and its version.
// setup() creates what is missing and runs the migrations in ./migrations.ts to upgrade older versions.
// Column types drive reading (validation), writing (user text is never a formula) and number formats.

export type ColumnType =
  | 'id' // a short identifier
  | 'text' // free text from a person: always stored as text, never as a formula
  | 'email'
  | 'int'
  | 'number'
  | 'bool'
  | 'datetime' // a Date cell, shown in the spreadsheet's time zone
  | 'date' // 'yyyy-MM-dd' text in the spreadsheet's time zone
  | 'time' // 'HH:mm' text
  | 'json'; // machine data kept as text

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** A value must be present on every row (validated tabs only). */
  required?: boolean;
}

export interface TabSpec {
  name: string;
  version: number;
  columns: readonly ColumnSpec[];
  /** Rows people edit by hand: validated on read, a bad row is reported and skipped. */
  validated?: boolean;
  /**
   * A tab that only grows with history and is read by row ranges, never whole (Log, Violations, Daily,
   * Outbox, Audit): its grid grows in big steps. Every other tab is read whole, so its grid is kept to its
   * rows plus a few spare (store/port.ts spareRows), and an open-ended read stays as small as the data.
   */
  history?: boolean;
}

const c = (name: string, type: ColumnType, required = false): ColumnSpec => ({ name, type, required });

export const TABS = {
  Employees: {
    name: 'Employees',
    version: 1,
    validated: true,
    columns: [
      c('id', 'id', true), c('email', 'email', true), c('name', 'text', true), c('group', 'id', true),
      c('role', 'id', true), c('timezone', 'text'), c('telegram_chat_id', 'text'), c('token_version', 'int'),
      c('active', 'bool'),
    ],
  },
  Groups: {
    name: 'Groups',
    version: 1,
    columns: [c('name', 'id', true), c('lead_emails', 'text'), c('telegram_chat_id', 'text'), c('max_concurrent_breaks', 'int'), c('rule_set', 'id')],
  },
  Statuses: {
    name: 'Statuses',
    version: 2,
    validated: true,
    // v2 added hidden: a status no longer offered to employees (one in use is hidden, never removed).
    columns: [
      c('code', 'id', true), c('label_ru', 'text', true), c('label_en', 'text', true), c('kind', 'id', true), c('counts_as_work', 'bool'), c('color', 'text'),
      c('hidden', 'bool'),
    ],
  },
  Rules: {
    name: 'Rules',
    version: 1,
    validated: true,
    columns: [
      c('rule_set', 'id', true), c('status', 'id', true), c('max_per_shift', 'int'), c('max_minutes', 'int'),
      c('grace_minutes', 'int'), c('window_tolerance_minutes', 'int'), c('min_gap_minutes', 'int'),
    ],
  },
  Schedule: {
    name: 'Schedule',
    version: 2,
    validated: true,
    // breaks: "break 11:00 15; lunch 13:00 60 auto" — status code, start time, minutes (auto: placed by the
    // planner, else fixed by hand); separated by ';'.
    // v2 added day: blank for a shift, or off / vacation / sick (then no times); so the times are required
    // by checkShift for shifts only.
    columns: [
      c('date', 'date', true), c('employee_id', 'id', true), c('shift_start', 'time'), c('shift_end', 'time'), c('breaks', 'text'),
      c('day', 'text'),
    ],
  },
  Log: {
    name: 'Log',
    history: true,
    version: 1,
    columns: [
      c('entry_id', 'id'), c('employee_id', 'id'), c('status', 'id'), c('at', 'datetime'), c('client_at', 'datetime'),
      c('received_at', 'datetime'), c('device_id', 'id'), c('seq', 'int'), c('source', 'id'), c('offline', 'bool'), c('comment', 'text'),
    ],
  },
  Current: {
    name: 'Current',
    version: 3,
    // timeline: today's entries of this employee as JSON, derived from Log, so a request never reads Log.
    // v2 added violations: the day's violations as JSON, kept by checkBreaks, so a request never reads Violations.
    // v3 added last_write: the last status write that finished on this row (services/status-writes.ts).
    columns: [
      c('employee_id', 'id'), c('status', 'id'), c('since', 'datetime'), c('last_seen', 'datetime'), c('device_id', 'id'), c('day', 'date'),
      c('timeline', 'json'), c('violations', 'json'), c('last_write', 'text'),
    ],
  },
  Devices: {
    name: 'Devices',
    version: 4,
    // v2 added last_at: the corrected time of the device's newest entry, for clamping.
    // v3 added pending: the status write in progress for this device, as JSON (services/status-writes.ts).
    // v4 added backlog_count, backlog_oldest_at: what the page still held unsent after its last sync, for the
    // service alerts (services/service-alerts.ts), written in the sync's own Devices write.
    columns: [
      c('device_id', 'id'), c('employee_id', 'id'), c('last_seq', 'int'), c('last_seen', 'datetime'), c('last_at', 'datetime'), c('pending', 'json'),
      c('backlog_count', 'int'), c('backlog_oldest_at', 'datetime'),
    ],
  },
  Violations: {
    name: 'Violations',
    history: true,
    version: 1,
    columns: [
      c('id', 'id'), c('date', 'date'), c('employee_id', 'id'), c('type', 'id'), c('planned', 'text'), c('actual', 'text'),
      c('over_minutes', 'number'), c('detected_at', 'datetime'), c('alert_id', 'id'), c('resolution', 'id'), c('resolved_by', 'email'), c('note', 'text'),
    ],
  },
  Daily: {
    name: 'Daily',
    history: true,
    version: 3,
    // v2 added timeline: the day's segments and its planned shift as JSON, written by the rollover, so that an
    // earlier day can be looked at (violation review) without reading Log.
    // v3 added what the reports break down (blank on days consolidated before): the person's group that day,
    // the planned break and lunch minutes, overruns (count, minutes past the limit), the minutes of a late
    // start and an early leave, and the violations by type as text ("break_overrun:2, late_start:1").
    columns: [
      c('date', 'date'), c('employee_id', 'id'), c('scheduled_min', 'number'), c('worked_min', 'number'), c('break_min', 'number'),
      c('lunch_min', 'number'), c('other_min', 'number'), c('adherence_pct', 'number'), c('conformance_pct', 'number'),
      c('violations', 'int'), c('first_in', 'datetime'), c('last_out', 'datetime'), c('timeline', 'json'),
      c('group', 'id'), c('planned_break_min', 'number'), c('planned_lunch_min', 'number'), c('overruns', 'int'), c('overrun_min', 'number'),
      c('late_start_min', 'number'), c('early_leave_min', 'number'), c('violation_types', 'text'),
    ],
  },
  Outbox: {
    name: 'Outbox',
    history: true,
    version: 1,
    columns: [
      c('alert_id', 'id'), c('created_at', 'datetime'), c('kind', 'id'), c('target', 'text'), c('text', 'text'), c('status', 'id'),
      c('attempts', 'int'), c('next_try_at', 'datetime'), c('sent_at', 'datetime'), c('error', 'text'),
    ],
  },
  Audit: {
    name: 'Audit',
    history: true,
    version: 2,
    // v2 added request_id: the console's save it records, so a save retried after a cut is written once.
    columns: [c('at', 'datetime'), c('actor', 'email'), c('action', 'id'), c('target', 'text'), c('before', 'json'), c('after', 'json'), c('request_id', 'id')],
  },
  Settings: {
    name: 'Settings',
    version: 1,
    // Also holds the schema version of every tab, as rows "schema.<Tab>" = N.
    columns: [c('key', 'id', true), c('value', 'text')],
  },
  Neutral: {
    name: 'Neutral',
    version: 1,
    validated: true,
    // An outage an admin marks: it counts as following the schedule. employee_ids: "e001, e002"; blank = everyone.
    columns: [c('start', 'datetime', true), c('end', 'datetime', true), c('employee_ids', 'text'), c('note', 'text')],
  },
  Broadcasts: {
    name: 'Broadcasts',
    history: true,
    version: 1,
    // A message to many people (services/broadcast-delivery.ts). audience, scope (the groups the author may
    // reach; null: everyone) and unreachable ([[employee_id, channel], ...]) are JSON; channels "telegram,email";
    // at blank = at once. outbox_row, outbox_rows and first_alert: where its Outbox rows are (one block), so a
    // report reads them without searching the Outbox. state: scheduled, writing (the block is being written),
    // sending (mail may be pending), done (the server's part is over; Telegram rows settle in the Outbox).
    columns: [
      c('id', 'id'), c('created_at', 'datetime'), c('author', 'email'), c('text_ru', 'text'), c('text_en', 'text'), c('audience', 'json'),
      c('scope', 'json'), c('channels', 'text'), c('at', 'datetime'), c('state', 'id'), c('request_id', 'id'), c('outbox_row', 'int'),
      c('outbox_rows', 'int'), c('first_alert', 'id'), c('recipients', 'int'), c('unreachable', 'json'),
    ],
  },
  Notify: {
    name: 'Notify',
    version: 1,
    validated: true,
    // The notification rules (common/notify-rules.ts): when, to whom, how, quiet hours, once per X. Setup
    // writes the default rules (the alerts fixed in code before) into the tab when it creates it.
    columns: [
      c('id', 'id', true), c('enabled', 'bool'), c('when', 'id', true), c('minutes', 'int'), c('who', 'id', true), c('how', 'id'),
      c('quiet_from', 'time'), c('quiet_to', 'time'), c('once_per_minutes', 'int'), c('note', 'text'),
    ],
  },
  Reminders: {
    name: 'Reminders',
    version: 1,
    validated: true,
    // An employee's personal reminders (common/reminders.ts), a row per person and kind; no row = off. Written
    // by reminders.save and the bot's /reminders; version counts the row's changes, request_id is the save
    // that last changed it (a retried save is applied once). Read into the cached reference data.
    columns: [
      c('employee_id', 'id', true), c('kind', 'id', true), c('enabled', 'bool'), c('minutes', 'int'), c('version', 'int'),
      c('updated_at', 'datetime'), c('request_id', 'id'),
    ],
  },
} as const satisfies Record<string, TabSpec>;

export type TabName = keyof typeof TABS;
export const TAB_ORDER: readonly TabName[] = [
  'Employees', 'Groups', 'Statuses', 'Rules', 'Schedule', 'Log', 'Current', 'Devices', 'Violations', 'Daily', 'Outbox', 'Audit', 'Settings', 'Neutral', 'Broadcasts', 'Notify',
  'Reminders',
];

export function columnIndex(tab: TabName, column: string): number {
  const i = TABS[tab].columns.findIndex((col) => col.name === column);
  if (i < 0) throw new Error(`${tab} has no column ${column}`);
  return i;
}
