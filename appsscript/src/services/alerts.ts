// The Outbox: alerts waiting for the bot. Rows are appended (enqueue), handed out under a short lease
// (to a push by the checkBreaks trigger, or to the bot's pull), and settled by receipts: delivered -> sent,
// failed -> retried with exponential backoff, given up after MAX_DELIVERY_ATTEMPTS.
//
// Settings `outbox.pending_row` is the first row that may still be pending: every row above it is settled,
// so a run reads only the rows from there down (a day's alerts at most while the bot is away), never the
// tab's history. A lease (next_try_at in the near future) keeps a push and a pull from handing out the same
// alert at once; the bot also refuses an alert_id it has already delivered, so each is delivered once.
//
// Cut-safety: nothing here is rolled back, so every step is safe to stop after and to do again. A lease
// written but never used expires; a push that reached the bot but whose receipt was lost is pushed again
// after its lease and the bot answers "delivered" without sending it twice; a receipt applied without the
// pointer moving leaves a row that the next settle skips. Appends are made at a row the caller computed from
// the tails it read (services/violations.ts readTails), so a run cut before its commit doubles nothing.
// `attempts` counts hand-outs (leases): a hand-out lost to a cut counts as one.
//
// Every function here expects the caller to hold the script lock, except sendLeased which must NOT be called
// under it (it waits for the network).
import type { Alert, AlertKind, AlertReceipt } from '../../../common/bot-api.ts';
import type { SheetPort } from '../store/port.ts';
import type { CellContext } from '../store/cells.ts';
import type { RawRecord } from '../store/records.ts';
import type { RowIssue } from '../domain/model.ts';
import { afterFailure, buttonsOf, editedAlertOf, type DeliveryStatus } from '../domain/alerts.ts';
import { isMailTarget } from '../domain/notify.ts';
import { TABS, type TabName } from '../store/schema.ts';
import { encodeRecord } from '../store/records.ts';
import { openRange, openWindow, type TabWindow, type WindowRow } from './tab-window.ts';

export const OUTBOX_PENDING_ROW = 'outbox.pending_row';
/** '1' while an e-mail alert may be pending in the Outbox: checkBreaks then leases it for MailApp. */
export const MAIL_PENDING_KEY = 'outbox.mail_pending';
/** The last Outbox row a committed checkBreaks or rollover run accounted for (services/violations.ts readTails). */
export const OUTBOX_TAIL_KEY = 'outbox.tail_row';
/** A pushed alert is not handed out again for this long (the push waits for the bot's answer meanwhile). */
export const PUSH_LEASE_MS = 2 * 60_000;
/** A pulled alert is not handed out again for this long, waiting for the bot's ack. */
export const PULL_LEASE_MS = 2 * 60_000;
/** At most this many alerts are pushed per run; the rest go next run (or by pull). */
export const MAX_PUSH_PER_RUN = 100;
const MAX_ERROR_CHARS = 500;

export interface OutboxIo {
  port: SheetPort;
  ctx: CellContext;
  onIssue?: (issue: RowIssue) => void;
}

/** An alert to enqueue: text already in the recipient's language(s). */
export interface NewAlert {
  alert_id: string;
  kind: AlertKind;
  chat_id: string;
  text: string;
  /** Held until then (a notification rule's quiet hours): not handed out before. */
  not_before?: number;
}

export interface OutboxRow {
  alert_id: string;
  created_at: number | null;
  kind: AlertKind;
  target: string;
  text: string;
  status: DeliveryStatus;
  attempts: number;
  next_try_at: number | null;
  sent_at: number | null;
  error: string;
}

/** An alert handed out under a lease: where it is, so the receipt can settle it without a search. */
export interface Leased {
  row: number;
  alert: Alert;
}

/** Receives alerts and answers a receipt for each (a failed request is a failed receipt for each of its alerts). */
export type AlertSender = (alerts: Alert[]) => AlertReceipt[];

export interface SettleReport {
  sent: number;
  retried: number;
  failed: number;
}

// ---- settings ----

export function pendingRowOf(settings: ReadonlyMap<string, string>): number {
  const n = Number(settings.get(OUTBOX_PENDING_ROW));
  return Number.isSafeInteger(n) && n >= 2 ? n : 2;
}

/** A row number kept in Settings (a mark or a pointer), or null when it is missing or unreadable. */
export function markOf(settings: ReadonlyMap<string, string>, key: string): number | null {
  const raw = (settings.get(key) ?? '').trim();
  const n = raw === '' ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

/** Writes records at row `first` (the caller knows it is the row below the last) in one write; returns `first`. */
export function appendAt(port: SheetPort, tab: TabName, first: number, records: readonly RawRecord[]): number {
  if (records.length === 0) return 0;
  const spec = TABS[tab];
  port.writeRows(spec.name, first, records.map((r) => encodeRecord(spec, r)));
  return first;
}

// ---- enqueue ----

/**
 * Appends the alerts as pending at row `at` (the row below the last, known from the tails read) in one
 * write. Returns the settings to store: the pending row may move up.
 */
export function enqueueAlerts(io: OutboxIo, alerts: readonly NewAlert[], settings: ReadonlyMap<string, string>, now: number, at: number): Map<string, string> {
  const updates = new Map<string, string>();
  if (alerts.length === 0) return updates;
  const records: RawRecord[] = alerts.map((a) => ({
    alert_id: a.alert_id,
    created_at: now,
    kind: a.kind,
    target: a.chat_id,
    text: a.text,
    status: 'pending',
    attempts: 0,
    next_try_at: a.not_before ?? now,
    sent_at: null,
    error: '',
  }));
  const first = appendAt(io.port, 'Outbox', at, records);
  // Rows deleted by hand could leave the pointer below the new rows: never let it skip them.
  if (!settings.has(OUTBOX_PENDING_ROW) || first < pendingRowOf(settings)) updates.set(OUTBOX_PENDING_ROW, String(first));
  if (alerts.some((x) => isMailTarget(x.chat_id) && x.kind !== 'broadcast') && settings.get(MAIL_PENDING_KEY) !== '1') updates.set(MAIL_PENDING_KEY, '1');
  return updates;
}

/**
 * The Outbox rows below the mark `outbox.tail_row`: alerts no committed checkBreaks or rollover run has
 * accounted for yet (an admin alert's, or a cut run's). `established` holds the mark when it was missing:
 * the caller stores it before appending.
 */
export function readOutboxTail(io: OutboxIo, settings: ReadonlyMap<string, string>): { lastRow: number; rows: OutboxRow[]; established: Map<string, string> } {
  const lastRow = io.port.lastRow(TABS.Outbox.name);
  const established = new Map<string, string>();
  let mark = markOf(settings, OUTBOX_TAIL_KEY);
  if (mark === null) established.set(OUTBOX_TAIL_KEY, String((mark = lastRow)));
  mark = Math.min(mark, lastRow);
  const rows = mark < lastRow ? openRange(io.port, 'Outbox', mark + 1, lastRow, io.ctx, io.onIssue).rows.map((r) => outboxRowOf(r.values)) : [];
  return { lastRow, rows, established };
}

// ---- lease ----

/**
 * Hands out up to `limit` due alerts (pending, next_try_at <= now), oldest first, and leases them for
 * `leaseMs` (attempts + 1, next_try_at moved) in one write. Reads the rows from the pending row down (to
 * `lastRow` when the caller knows it, saving the lookup).
 */
export function leaseDue(
  io: OutboxIo,
  settings: ReadonlyMap<string, string>,
  o: { now: number; limit: number; leaseMs: number; lastRow?: number; channel?: 'telegram' | 'email' | 'both' },
): Leased[] {
  const from = pendingRowOf(settings);
  const window = o.lastRow === undefined ? openWindow(io.port, 'Outbox', from, io.ctx, io.onIssue) : openRange(io.port, 'Outbox', from, o.lastRow, io.ctx, io.onIssue);
  // E-mail alerts ('mailto:' targets) are the script's to send: the bot is never handed one. A broadcast's
  // e-mails are sent by the broadcast's own delivery (services/broadcast-delivery.ts), never from here.
  const channel = o.channel ?? 'telegram';
  const wanted = (a: OutboxRow) => (isMailTarget(a.target) ? channel !== 'telegram' && a.kind !== 'broadcast' : channel !== 'email');
  const due = window.rows
    .map((r) => ({ r, a: outboxRowOf(r.values) }))
    .filter(({ a }) => a.status === 'pending' && a.alert_id !== '' && a.target !== '' && wanted(a) && (a.next_try_at === null || a.next_try_at <= o.now))
    .sort((x, y) => (x.a.created_at ?? 0) - (y.a.created_at ?? 0) || x.r.row - y.r.row)
    .slice(0, Math.max(0, o.limit));
  for (const { r, a } of due) {
    window.update(r.row, { ...r.values, attempts: a.attempts + 1, next_try_at: o.now + o.leaseMs });
  }
  window.flush();
  return due.map(({ r, a }) => ({ row: r.row, alert: alertOf(a) }));
}

// ---- send (outside the lock) ----

/** Sends the leased alerts; a sender that throws fails every one of them with its message. */
export function sendLeased(leased: readonly Leased[], send: AlertSender): AlertReceipt[] {
  if (leased.length === 0) return [];
  const alerts = leased.map((l) => l.alert);
  let receipts: AlertReceipt[];
  try {
    receipts = send(alerts);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return alerts.map((a) => ({ alert_id: a.alert_id, delivered: false, error }));
  }
  // An alert the answer does not mention was not confirmed: it is retried (the bot refuses a repeat).
  const byId = new Map(receipts.map((r) => [r.alert_id, r]));
  return alerts.map((a) => byId.get(a.alert_id) ?? { alert_id: a.alert_id, delivered: false, error: 'no receipt' });
}

// ---- settle ----

/**
 * Applies receipts to the rows they are about: delivered -> sent (sent_at), failed -> pending again after
 * the backoff, or failed for good. Only pending rows change: a receipt for an alert already sent is ignored.
 * `rows` narrows the read to the rows leased (push); without it the window from the pending row is read (ack).
 * Returns the settings to store (the pending row moves down past settled rows).
 */
export function settleReceipts(
  io: OutboxIo,
  settings: ReadonlyMap<string, string>,
  receipts: readonly AlertReceipt[],
  o: { now: number; rows?: readonly number[] },
): { report: SettleReport; updates: Map<string, string> } {
  const report: SettleReport = { sent: 0, retried: 0, failed: 0 };
  const pendingRow = pendingRowOf(settings);
  const window: TabWindow =
    o.rows && o.rows.length > 0
      ? openRange(io.port, 'Outbox', Math.min(...o.rows), Math.max(...o.rows), io.ctx, io.onIssue)
      : openWindow(io.port, 'Outbox', pendingRow, io.ctx, io.onIssue);
  const byId = new Map<string, WindowRow>();
  for (const r of window.rows) byId.set(String(r.values.alert_id), r);
  for (const receipt of receipts) {
    const r = byId.get(receipt.alert_id);
    if (!r) continue;
    const a = outboxRowOf(r.values);
    if (a.status !== 'pending') continue;
    if (receipt.delivered) {
      window.update(r.row, { ...r.values, status: 'sent', sent_at: o.now, next_try_at: null, error: '' });
      report.sent++;
      continue;
    }
    const attempts = Math.max(1, a.attempts);
    const next = afterFailure(attempts, o.now);
    window.update(r.row, { ...r.values, attempts, status: next.status, next_try_at: next.next_try_at, error: (receipt.error ?? 'not delivered').slice(0, MAX_ERROR_CHARS) });
    if (next.status === 'failed') report.failed++;
    else report.retried++;
  }
  window.flush();
  const updates = new Map<string, string>();
  // The pointer can only move when the window started at it (a narrowed read knows nothing of the rows above).
  if (window.from === pendingRow) {
    const firstPending = window.rows.find((r) => outboxRowOf(r.values).status === 'pending');
    const next = firstPending ? firstPending.row : window.lastRow + 1;
    if (next !== pendingRow) updates.set(OUTBOX_PENDING_ROW, String(next));
  }
  return { report, updates };
}

// ---- rows ----

export function outboxRowOf(v: RawRecord): OutboxRow {
  const status = v.status === 'sent' || v.status === 'failed' ? v.status : 'pending';
  return {
    alert_id: String(v.alert_id ?? ''),
    created_at: (v.created_at as number | null) ?? null,
    kind: (v.kind as AlertKind) || 'admin',
    target: String(v.target ?? ''),
    text: String(v.text ?? ''),
    status,
    attempts: (v.attempts as number | null) ?? 0,
    next_try_at: (v.next_try_at as number | null) ?? null,
    sent_at: (v.sent_at as number | null) ?? null,
    error: String(v.error ?? ''),
  };
}

export function alertOf(a: OutboxRow): Alert {
  const buttons = buttonsOf(a.kind, a.alert_id);
  const alert: Alert = { alert_id: a.alert_id, kind: a.kind, chat_id: a.target, text: a.text, created_at: a.created_at ?? 0 };
  if (buttons) alert.buttons = buttons;
  const editOf = editedAlertOf(a.kind, a.alert_id);
  if (editOf) alert.edit_of = editOf;
  return alert;
}
