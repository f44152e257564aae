// The contract between the employee page's UI (components/) and its engine (the outbox, sync and API
// client). The UI renders an AppModel and calls its actions; it never talks to the network itself.
import type { CurrentState, EmployeeInfo, RemindersReply, TodayBlock } from '../../common/api.ts';
import type { ReminderChange } from '../../common/reminders.ts';
import type { ErrorCode } from '../../common/errors.ts';
import type { StatusInfo } from '../../common/status.ts';

export interface Session {
  token: string;
  expiresAt: number;
  employee: EmployeeInfo;
  statuses: StatusInfo[];
  deviceId: string;
}

/** An entry the server refused for good: shown with its reason until the person dismisses it. */
export interface RefusedEntry {
  seq: number;
  entryId: string;
  status: string;
  at: number;
  code: ErrorCode;
  message: string;
}

export interface SyncState {
  /** Entries queued on this device and not yet settled by the server. */
  pending: number;
  refused: RefusedEntry[];
  /** When the server last answered a sync (epoch ms), null before the first. */
  lastSyncAt: number | null;
  /** navigator.onLine, and false after a failed request until one succeeds. */
  online: boolean;
  syncing: boolean;
  /** The last failure, said for a person (already in the page's language). */
  error: string | null;
  /** The token was refused (401-like): the queue is kept, the person must log in again. */
  needsLogin: boolean;
  /** When the next retry is due, if one is scheduled. */
  nextRetryAt: number | null;
}

export type LoginStep = 'email' | 'code';

export interface AppModel {
  readonly session: Session | null;
  /** The status shown now: the last one queued here, or the server's. */
  readonly current: CurrentState | null;
  readonly today: TodayBlock | null;
  readonly sync: SyncState;
  /** The server's clock minus this device's, from the last reply (for timers). */
  readonly clockOffsetMs: number;

  /** Sends the code. Resolves when the server said it sent one (it never says whether the email exists). */
  loginStart(email: string): Promise<void>;
  /** Exchanges the code for a session; the queue of a previous session on this device is kept and synced. */
  loginFinish(email: string, code: string): Promise<void>;
  logout(): Promise<void>;
  /** Queues a status change and shows it at once; syncs as soon as it can. */
  setStatus(code: string, comment?: string): Promise<void>;
  dismissRefused(entryId: string): Promise<void>;
  /** A short code to send to the Telegram bot as `/start CODE`, linking this person's chat (online only). */
  telegramLinkCode(): Promise<{ code: string; expiresAt: number }>;
  /** The person's own reminders, from the server (they are kept there: online only). */
  loadReminders(): Promise<RemindersReply>;
  /** Saves changes to them; the same changes again after a failure are the same request (applied once). */
  saveReminders(changes: ReminderChange[]): Promise<RemindersReply>;
  /** Sync now (also happens on the online event, when the tab becomes visible, and on a timer). */
  syncNow(): Promise<void>;
  subscribe(listener: () => void): () => void;
}
