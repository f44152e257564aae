// A stand-in for the employee page's engine: plain state the test sets, every action recorded, and the
// listeners told of changes the way the real model tells them.
import type { CurrentState, RemindersReply, TodayBlock } from '../../common/api.ts';
import { applyReminderChanges, defaultReminders, type ReminderChange } from '../../common/reminders.ts';
import type { StatusInfo } from '../../common/status.ts';
import type { AppModel, Session, SyncState } from '../../client/src/model.ts';

export const STATUSES: StatusInfo[] = [
  { code: 'work', label_ru: 'Работа', label_en: 'Working', kind: 'work', counts_as_work: true, color: '#34a853' },
  { code: 'break', label_ru: 'Перерыв', label_en: 'Break', kind: 'break', counts_as_work: false, color: '#fbbc04' },
  { code: 'lunch', label_ru: 'Обед', label_en: 'Lunch', kind: 'lunch', counts_as_work: false, color: '#ea4335' },
  { code: 'meeting', label_ru: 'Встреча', label_en: 'Meeting', kind: 'meeting', counts_as_work: true, color: '#4285f4' },
];

export function session(overrides: Partial<Session> = {}): Session {
  return {
    token: 'v1.test.token',
    expiresAt: Date.UTC(2030, 0, 1),
    employee: { id: 'e1', email: 'anna.ivanova@example.com', name: 'Anna Ivanova', group: 'L1', role: 'employee' },
    statuses: STATUSES,
    deviceId: 'dev-1',
    ...overrides,
  };
}

export function syncState(overrides: Partial<SyncState> = {}): SyncState {
  return { pending: 0, refused: [], lastSyncAt: null, online: true, syncing: false, error: null, needsLogin: false, nextRetryAt: null, ...overrides };
}

export type Call =
  | { op: 'loginStart'; email: string }
  | { op: 'loginFinish'; email: string; code: string }
  | { op: 'logout' }
  | { op: 'setStatus'; code: string; comment?: string }
  | { op: 'dismissRefused'; entryId: string }
  | { op: 'syncNow' }
  | { op: 'telegramLinkCode' };

/** Kept apart from `calls`: the Reminders card loads them by itself whenever the day is shown. */
export type ReminderCall = { op: 'loadReminders' } | { op: 'saveReminders'; changes: ReminderChange[] };

export class FakeModel implements AppModel {
  session: Session | null = null;
  current: CurrentState | null = null;
  today: TodayBlock | null = null;
  sync: SyncState = syncState();
  clockOffsetMs = 0;

  readonly calls: Call[] = [];
  /** What the next loginStart / loginFinish does: resolve (null) or throw this. */
  loginStartError: unknown = null;
  loginFinishError: unknown = null;
  private readonly listeners = new Set<() => void>();

  /** Changes the state and tells the listeners, as the real model does after every change. */
  update(change: Partial<Pick<FakeModel, 'session' | 'current' | 'today' | 'sync' | 'clockOffsetMs'>>): void {
    Object.assign(this, change);
    for (const fn of this.listeners) fn();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  async loginStart(email: string): Promise<void> {
    this.calls.push({ op: 'loginStart', email });
    if (this.loginStartError) throw this.loginStartError;
  }

  async loginFinish(email: string, code: string): Promise<void> {
    this.calls.push({ op: 'loginFinish', email, code });
    if (this.loginFinishError) throw this.loginFinishError;
    this.update({ session: session({ employee: { ...session().employee, email } }), sync: { ...this.sync, needsLogin: false } });
  }

  async logout(): Promise<void> {
    this.calls.push({ op: 'logout' });
    this.update({ session: null, current: null, today: null });
  }

  async setStatus(code: string, comment?: string): Promise<void> {
    this.calls.push(comment === undefined ? { op: 'setStatus', code } : { op: 'setStatus', code, comment });
    this.update({ current: { status: code, since: Date.now() + this.clockOffsetMs }, sync: { ...this.sync, pending: this.sync.pending + 1 } });
  }

  async dismissRefused(entryId: string): Promise<void> {
    this.calls.push({ op: 'dismissRefused', entryId });
    this.update({ sync: { ...this.sync, refused: this.sync.refused.filter((r) => r.entryId !== entryId) } });
  }

  async telegramLinkCode(): Promise<{ code: string; expiresAt: number }> {
    this.calls.push({ op: 'telegramLinkCode' });
    return { code: 'K7Q2XM', expiresAt: 1_800_000_000_000 };
  }

  /** The server's copy of the person's reminders; what loadReminders / saveReminders throw instead, if set. */
  reminders: RemindersReply = { reminders: defaultReminders(), telegram_linked: true };
  remindersError: unknown = null;
  readonly reminderCalls: ReminderCall[] = [];

  async loadReminders(): Promise<RemindersReply> {
    this.reminderCalls.push({ op: 'loadReminders' });
    if (this.remindersError) throw this.remindersError;
    return this.reminders;
  }

  async saveReminders(changes: ReminderChange[]): Promise<RemindersReply> {
    this.reminderCalls.push({ op: 'saveReminders', changes });
    if (this.remindersError) throw this.remindersError;
    this.reminders = { ...this.reminders, reminders: applyReminderChanges(this.reminders.reminders, changes) };
    return this.reminders;
  }

  async syncNow(): Promise<void> {
    this.calls.push({ op: 'syncNow' });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
