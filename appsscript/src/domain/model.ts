// Typed rows of the tabs, as the services see them. Times are epoch ms (null when blank).
import type { EntrySource, Role, StatusInfo } from '../../../common/status.ts';
import type { DayViolations } from './today.ts';
import type { DayKind } from '../../../common/admin-api.ts';

export interface Employee {
  id: string;
  email: string; // lower-cased
  name: string;
  group: string;
  role: Role;
  timezone: string; // '' = the spreadsheet's
  telegram_chat_id: string;
  token_version: number;
  active: boolean;
}

export interface Group {
  name: string;
  lead_emails: string[];
  telegram_chat_id: string;
  max_concurrent_breaks: number | null;
  rule_set: string;
}

/** A row of Statuses: exactly what employees are shown (common/status.ts). */
export type Status = StatusInfo;

export interface Rule {
  rule_set: string;
  status: string;
  max_per_shift: number | null;
  max_minutes: number | null;
  grace_minutes: number;
  window_tolerance_minutes: number;
  min_gap_minutes: number | null;
}

export interface PlannedBreakRow {
  status: string;
  /** 'HH:mm' */
  start: string;
  minutes: number;
  /** Placed by the break planner (written `auto`), so a later plan may move it; absent = fixed by hand. */
  auto?: true;
}

export interface Shift {
  date: string; // yyyy-MM-dd
  employee_id: string;
  shift_start: string; // HH:mm
  shift_end: string; // HH:mm (earlier than start = ends the next day)
  breaks: PlannedBreakRow[];
}

/** A Schedule row that is no shift: a day off, vacation or sick leave. Every reader of shifts sees no shift. */
export interface Absence {
  date: string; // yyyy-MM-dd
  employee_id: string;
  day: DayKind;
}

export interface LogRow {
  entry_id: string;
  employee_id: string;
  status: string;
  at: number;
  client_at: number;
  received_at: number;
  device_id: string;
  seq: number;
  source: EntrySource;
  offline: boolean;
  comment: string;
}

/** One entry of an employee's day, kept in Current.timeline (derived from Log). */
export interface DayEntry {
  entry_id: string;
  status: string;
  at: number;
  source: EntrySource;
  device_id: string;
  seq: number;
}

export interface CurrentRow {
  employee_id: string;
  status: string;
  since: number | null;
  last_seen: number | null;
  device_id: string;
  /** The day `timeline` belongs to (yyyy-MM-dd). */
  day: string;
  timeline: DayEntry[];
  /** The employee's violations of a day, kept by checkBreaks for the employee page; absent = none kept. */
  violations?: DayViolations | null;
  /** The id of the last status write that finished on this row ('' = none known): see PendingWrite. */
  last_write?: string;
}

export interface DeviceRow {
  device_id: string;
  employee_id: string;
  last_seq: number;
  last_seen: number | null;
  /** Corrected time of the newest accepted entry: later entries are clamped to it. */
  last_at: number | null;
  /** The status write in progress for this device (services/status-writes.ts); null or absent = none. */
  pending?: PendingWrite | null;
  /** Entries the device still held unsent after its last sync (null or absent = not reported, an older page). */
  backlog_count?: number | null;
  /** The server's time of the oldest of them (the client's, corrected by its clock offset); null = none. */
  backlog_oldest_at?: number | null;
}

/**
 * What a status write records in the device's Devices row BEFORE it appends to Log: enough to tell, after a
 * cut, whether the append happened (find entry_id in Log) and to undo the row (prev_seq, prev_at) or finish
 * Current from the appended rows. The write is finished when the employee's Current.last_write equals `write`.
 */
export interface PendingWrite {
  write: string;
  employee_id: string;
  /** The device's last_seq and last_at before the write. */
  prev_seq: number;
  prev_at: number | null;
  /** The last Log row the write appends (the one with the highest seq) and how many rows it appends. */
  entry_id: string;
  seq: number;
  rows: number;
}

/** A row a person edited that cannot be used: reported, skipped, the rest keeps working. */
export interface RowIssue {
  tab: string;
  row: number; // 1-based sheet row
  column: string;
  message: string;
}

export interface Read<T> {
  rows: T[];
  issues: RowIssue[];
}
