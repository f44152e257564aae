// The web-app API: one POST endpoint, a JSON body with an `op`, a JSON envelope in reply (DESIGN.md).
// Times are epoch milliseconds; dates are 'yyyy-MM-dd' in the spreadsheet's time zone. Never Date objects.
import type { StatusInfo, Role, EntrySource } from './status.ts';
import type { ErrorCode } from './errors.ts';
import type { ViolationType } from './violations.ts';
import type { Reminder, ReminderChange } from './reminders.ts';

export interface LoginStartRequest {
  op: 'login.start';
  email: string;
  device_id: string;
}
/** The same reply whether or not the email belongs to someone: no hint either way. */
export interface LoginStartReply {
  sent: true;
  /** Where the code went, without saying whether it went at all: 'email' (or 'telegram' once linked). */
  channel_hint: 'email_or_telegram';
  expires_in_s: number;
}

export interface LoginFinishRequest {
  op: 'login.finish';
  email: string;
  code: string;
  device_id: string;
}
export interface EmployeeInfo {
  id: string;
  email: string;
  name: string;
  group: string;
  role: Role;
}
export interface LoginFinishReply {
  token: string;
  expires_at: number;
  employee: EmployeeInfo;
  statuses: StatusInfo[];
}

/** One status change, numbered by the client per device (1, 2, 3, ...). */
export interface SyncEntry {
  seq: number;
  /** Made by the client (a UUID); unique forever. */
  entry_id: string;
  status: string;
  /** The client's clock when the change happened. */
  at: number;
  comment?: string;
  /** Optional; if present it must be the token's employee. */
  employee_id?: string;
  /** The client was offline when the change was made. */
  offline?: boolean;
}

export interface SyncRequest {
  op: 'sync';
  token: string;
  device_id: string;
  /** The client's clock when it sent the request: the server corrects entry times by now - sent_at. */
  sent_at: number;
  entries: SyncEntry[];
  /**
   * Optional (older pages do not send it): the device's queue when it sent the request, this request's
   * entries included. The server keeps what is left of it after the request in Devices, for the service
   * alerts (docs/sync.md, "The backlog").
   */
  backlog?: SyncBacklog;
}

/** A device's unsent entries: how many, and the client's time of the oldest (null when none). */
export interface SyncBacklog {
  count: number;
  oldest_at: number | null;
}

export type EntryResult =
  | {
      seq: number;
      entry_id: string;
      result: 'accepted';
      at: number;
      /**
       * Only when the stored comment differs from the one sent: the comment as stored, after the text rule of
       * common/text.ts (line breaks as "\n", control characters removed, ...). Show this one from then on.
       */
      comment?: string;
    }
  | { seq: number; entry_id: string; result: 'duplicate' }
  | { seq: number; entry_id: string; result: 'refused'; code: ErrorCode; message: string };

export interface CurrentState {
  status: string;
  since: number;
}

export interface PlannedBreak {
  status: string;
  start: number;
  minutes: number;
}

export interface TodaySchedule {
  shift_start: number;
  shift_end: number;
  breaks: PlannedBreak[];
}

export interface TimelineSegment {
  status: string;
  start: number;
  /** null while it is still going on. */
  end: number | null;
  source: EntrySource;
}

/** A lead's decision on a violation; 'excused' means it is not held against the employee. */
export type ViolationResolution = 'open' | 'excused' | 'confirmed';

/** One of the employee's violations of the day, as its row in the Violations tab says. */
export interface TodayViolation {
  /** The Violations row's id ('V-yyyymmdd-…'). */
  id: string;
  type: ViolationType;
  /**
   * What the schedule or the rules allowed and what happened, as the rules wrote them for the lead: status
   * codes, 'HH:mm' times in the spreadsheet's zone and numbers ("break 11:00, 15 min +2",
   * "break 11:02–11:21, 19 min"; '—' for nothing). The page puts status labels in place of the codes.
   */
  planned: string;
  actual: string;
  /** Whole minutes past what was allowed, grace included; 0 where nothing runs over. */
  over_minutes: number;
  resolution: ViolationResolution;
}

export interface TodayBlock {
  /** 'yyyy-MM-dd' in the spreadsheet's time zone. */
  date: string;
  time_zone: string;
  schedule: TodaySchedule | null;
  timeline: TimelineSegment[];
  /**
   * The employee's violations of `date`, in the order they were detected. Detected by the checkBreaks
   * trigger, so a new one (and a lead's decision) shows up within one check interval.
   */
  violations: TodayViolation[];
}

export interface SyncReply {
  /** Every entry of this device up to this seq is settled (accepted, duplicate or refused for good). */
  accepted_through_seq: number;
  results: EntryResult[];
  server_time: number;
  current: CurrentState | null;
  today: TodayBlock;
}

export interface StateRequest {
  op: 'state';
  token: string;
}
export interface StateReply {
  server_time: number;
  current: CurrentState | null;
  today: TodayBlock;
  statuses: StatusInfo[];
}

/** A short code to type into the bot as `/start CODE`, linking this employee's Telegram chat. */
export interface LinkCodeRequest {
  op: 'link.code';
  token: string;
}
export interface LinkCodeReply {
  code: string;
  expires_at: number;
  expires_in_s: number;
}

/** The employee's personal reminders (common/reminders.ts): every kind, defaults for those never set. */
export interface RemindersListRequest {
  op: 'reminders.list';
  token: string;
}
/** Changes some of them; the same request_id again (a retry after a lost reply) changes nothing more. */
export interface RemindersSaveRequest {
  op: 'reminders.save';
  token: string;
  request_id: string;
  reminders: ReminderChange[];
}
export interface RemindersReply {
  /** Every kind, in REMINDER_KINDS order. */
  reminders: Reminder[];
  /** Reminders go to the linked Telegram chat: without one they are kept but nothing is sent. */
  telegram_linked: boolean;
}

export type ApiRequest = LoginStartRequest | LoginFinishRequest | SyncRequest | StateRequest | LinkCodeRequest | RemindersListRequest | RemindersSaveRequest;
export type ApiOp = ApiRequest['op'];
