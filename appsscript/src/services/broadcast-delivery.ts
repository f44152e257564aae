// Broadcasts: a message from an admin or a lead to many people, by Telegram and e-mail (docs/alerts.md,
// "Broadcasts"). A broadcast is a row of the Broadcasts tab; what it sends is ONE block of Outbox rows, one
// per person and channel, kind broadcast: Telegram rows (id B-<broadcast>-<employee>, target the chat) go the
// way of every alert (pushed here and by checkBreaks, pulled by the bot, retried with the Outbox's backoff,
// refused by the bot when delivered already); e-mail rows (id M-<broadcast>-<employee>, target
// mailto:<address>, which the bot is never handed: domain/notify.ts) are sent by the server itself through
// MailApp, in batches, within the daily quota, and retried later.
//
// Cut-safety (an execution can stop between any two service calls, and Apps Script rolls nothing back).
// Under the script lock a broadcast is written in this order: its Broadcasts row in state `writing` naming
// the Outbox row its block will start at and the block's first alert id; the block in ONE write; the state
// `sending` (or `done`). Whoever finds a row still `writing` (the send's retry, or the next checkBreaks run)
// reads the one Outbox row it names: the block was written when that row holds its first id (one write puts
// all of it there), else the block is written now, at the Outbox's end, after the row is moved there. So each
// person gets one row per channel, whatever call the cut fell after. A Telegram row is then delivered once
// because the bot refuses an alert_id it delivered. An e-mail is sent outside the lock (mail is slow) after its
// row is leased, and recorded after every batch of MAIL_BATCH: a cut between a batch's sends and its record
// sends at most that batch again, after the lease (never nobody).
import type { BroadcastAudience, BroadcastChannel, BroadcastCounts, BroadcastRecipientRow, BroadcastRecord, BroadcastState } from '../../../common/admin-api.ts';
import type { AlertReceipt } from '../../../common/bot-api.ts';
import type { Employee } from '../domain/model.ts';
import type { ReferenceData } from '../store/reference.ts';
import type { Tables } from '../store/tables.ts';
import type { RawRecord } from '../store/records.ts';
import { TABS, columnIndex } from '../store/schema.ts';
import { encodeRecord } from '../store/records.ts';
import { addDays, type ZonedTime } from '../domain/calendar.ts';
import { scheduleOf } from '../domain/today.ts';
import { afterFailure } from '../domain/alerts.ts';
import { resolveAudience, textFor, languageRead, type ResolvedAudience } from '../domain/broadcast/audience.ts';
import { broadcastAlertId, languageOfText, mailBody, mailSubject, telegramText } from '../domain/broadcast/message.ts';
import { isMailTarget, mailTarget } from '../domain/notify.ts';
import { BOT_URL_KEY, isOvernight } from './check-breaks.ts';
import { OUTBOX_PENDING_ROW, outboxRowOf, pendingRowOf, PUSH_LEASE_MS, sendLeased, settleReceipts, alertOf, type AlertSender, type Leased, type OutboxIo, type OutboxRow } from './alerts.ts';
import { openRange, openWindow, type TabWindow } from './tab-window.ts';

/** The first Broadcasts row that may still have work for the server (scheduled, being written, mail pending). */
export const BROADCASTS_OPEN_ROW = 'broadcasts.open_row';
/** E-mails sent between two records of what was sent: a cut resends at most this many. */
export const MAIL_BATCH = 10;
/** At most this many e-mails per execution (a trigger run or a send), so a run keeps far from the 6 minutes. */
export const MAIL_PER_RUN = 100;
/** A leased e-mail is not handed out again for this long (its batch is being sent). */
export const MAIL_LEASE_MS = 10 * 60_000;
/** The daily quota is used up: tried again this much later (the quota rolls over 24 hours). */
export const MAIL_QUOTA_RETRY_MS = 60 * 60_000;
export const MAIL_QUOTA_ERROR = "the daily e-mail quota is used up (MailApp: 100 a day on a consumer account, 1,500 on Workspace); it is sent when the quota allows / дневная квота писем исчерпана, письмо уйдёт, когда квота позволит";
/** At most this many Telegram rows in one push: the bot answers within 25 s and sends about 30 a second. */
export const BROADCAST_PUSH_MAX = 500;

export interface MailPort {
  /** MailApp.getRemainingDailyQuota(). */
  remaining(): number;
  send(to: string, subject: string, body: string): void;
}

export interface BroadcastDeps {
  now: number;
  io: OutboxIo;
  /** Fresh tables for each lock scope. */
  openTables(): Tables;
  withLock<T>(work: () => T): T;
  reference(): ReferenceData;
  dateOf(ms: number): string;
  zonedTime: ZonedTime;
  /** The push to the bot at this URL (gas/alert-push.ts). */
  senderFor(botUrl: string): AlertSender;
  mail: MailPort;
  onError?(message: string): void;
}

type StoredState = 'scheduled' | 'writing' | 'sending' | 'done';

/** The Broadcasts row: the record the console shows, with the bookkeeping of its delivery. */
export interface StoredBroadcast extends Omit<BroadcastRecord, 'state'> {
  row: number;
  /** The groups the author may reach; null: everyone (an admin). */
  scope: string[] | null;
  state: StoredState;
  request_id: string;
  outbox_row: number | null;
  outbox_rows: number;
  first_alert: string;
  unreachable: [string, BroadcastChannel][];
}

export type NewBroadcast = Omit<StoredBroadcast, 'row' | 'state' | 'outbox_row' | 'outbox_rows' | 'first_alert' | 'recipients' | 'unreachable'>;

// ---- the audience ----

/** Whose shift runs now: today's, or last night's still going. */
export function onShiftNow(deps: { now: number; dateOf(ms: number): string; zonedTime: ZonedTime; reference(): ReferenceData }): (e: Employee) => boolean {
  const today = deps.dateOf(deps.now);
  const yesterday = addDays(today, -1);
  const shifts = new Map(deps.reference().schedule.map((s) => [`${s.date}|${s.employee_id}`, s]));
  return (e) => {
    const todays = shifts.get(`${today}|${e.id}`);
    const night = shifts.get(`${yesterday}|${e.id}`);
    return [todays, night && isOvernight(night) ? night : undefined].some((s) => {
      if (!s) return false;
      const t = scheduleOf(s, deps.zonedTime);
      return t.shift_start <= deps.now && deps.now < t.shift_end;
    });
  };
}

export function resolveFor(deps: Pick<BroadcastDeps, 'now' | 'dateOf' | 'zonedTime' | 'reference'>, b: { audience: BroadcastAudience; channels: readonly BroadcastChannel[]; scope: readonly string[] | null }): ResolvedAudience {
  const reference = deps.reference();
  return resolveAudience(b.audience, b.channels, {
    employees: reference.employees,
    groups: reference.groups.map((g) => g.name),
    mayReach: (g) => b.scope === null || b.scope.includes(g),
    onShiftNow: onShiftNow(deps),
  });
}

// ---- the Broadcasts tab ----

export function storedOf(row: number, v: RawRecord): StoredBroadcast {
  const state = String(v.state ?? '');
  const channels = String(v.channels ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c): c is BroadcastChannel => c === 'telegram' || c === 'email');
  const unreachable = Array.isArray(v.unreachable) ? (v.unreachable as unknown[]).filter((u): u is [string, BroadcastChannel] => Array.isArray(u) && u.length === 2) : [];
  const audience = (v.audience && typeof v.audience === 'object' ? v.audience : { emails: [] }) as BroadcastAudience;
  return {
    row,
    id: String(v.id ?? ''),
    created_at: (v.created_at as number | null) ?? 0,
    author: String(v.author ?? ''),
    text_ru: String(v.text_ru ?? ''),
    text_en: String(v.text_en ?? ''),
    audience,
    scope: Array.isArray(v.scope) ? (v.scope as unknown[]).map(String) : null,
    channels,
    at: (v.at as number | null) ?? null,
    state: state === 'scheduled' || state === 'writing' || state === 'sending' ? state : 'done',
    request_id: String(v.request_id ?? ''),
    outbox_row: (v.outbox_row as number | null) ?? null,
    outbox_rows: (v.outbox_rows as number | null) ?? 0,
    first_alert: String(v.first_alert ?? ''),
    recipients: (v.recipients as number | null) ?? 0,
    unreachable,
  };
}

function recordOf(b: Omit<StoredBroadcast, 'row'>): RawRecord {
  return { ...b, channels: b.channels.join(','), unreachable: b.unreachable };
}

function writeStored(deps: Pick<BroadcastDeps, 'io'>, b: StoredBroadcast): void {
  const { row, ...rest } = b;
  deps.io.port.writeRows(TABS.Broadcasts.name, row, [encodeRecord(TABS.Broadcasts, recordOf(rest))]);
}

/** The Broadcasts row of an id: one search and one read; null when there is none. */
export function findBroadcast(deps: Pick<BroadcastDeps, 'io'>, id: string): StoredBroadcast | null {
  const rows = deps.io.port.findInColumn(TABS.Broadcasts.name, columnIndex('Broadcasts', 'id') + 1, id);
  if (rows.length === 0) return null;
  const w = openRange(deps.io.port, 'Broadcasts', rows[0], rows[0], deps.io.ctx, deps.io.onIssue);
  const r = w.rows[0];
  return r ? storedOf(r.row, r.values) : null;
}

/** Appends a broadcast's row below the last (one lookup, one write). Under the lock. */
export function addBroadcast(deps: Pick<BroadcastDeps, 'io'>, b: NewBroadcast, state: 'scheduled' | 'writing'): StoredBroadcast {
  const row = deps.io.port.lastRow(TABS.Broadcasts.name) + 1;
  const stored: StoredBroadcast = { ...b, row, state, outbox_row: null, outbox_rows: 0, first_alert: '', recipients: 0, unreachable: [] };
  writeStored(deps, stored);
  return stored;
}

/** The record the console shows. */
export function publicRecord(b: StoredBroadcast): BroadcastRecord {
  return {
    id: b.id,
    created_at: b.created_at,
    author: b.author,
    text_ru: b.text_ru,
    text_en: b.text_en,
    audience: b.audience,
    channels: b.channels,
    at: b.at,
    state: publicState(b.state),
    recipients: b.recipients,
  };
}

const publicState = (s: StoredState): BroadcastState => (s === 'scheduled' ? 'scheduled' : s === 'done' ? 'done' : 'sending');

// ---- writing the block (under the lock) ----

/**
 * Writes the broadcast's Outbox rows unless they are there, and moves it on to `sending` or `done`. Under the
 * lock; `settings` as read in this scope. Returns the broadcast as stored now.
 */
export function writeBlock(deps: BroadcastDeps, b: StoredBroadcast, settings: ReadonlyMap<string, string>, tables: Tables): StoredBroadcast {
  if (b.state === 'sending' || b.state === 'done') return b;
  const port = deps.io.port;
  if (b.state === 'writing' && b.outbox_row !== null && b.first_alert !== '') {
    const [cells] = port.readRows(TABS.Outbox.name, b.outbox_row, 1, TABS.Outbox.columns.length);
    if (cells && String(cells[columnIndex('Outbox', 'alert_id')]) === b.first_alert) return finish(deps, b);
  }
  const resolved = resolveFor(deps, b);
  const records = outboxRecords(b, resolved, deps.now);
  const at = port.lastRow(TABS.Outbox.name) + 1;
  const written: StoredBroadcast = {
    ...b,
    state: 'writing',
    outbox_row: records.length > 0 ? at : null,
    outbox_rows: records.length,
    first_alert: records.length > 0 ? String(records[0].alert_id) : '',
    recipients: resolved.people.length,
    unreachable: resolved.unreachable.map((u) => [u.employee.id, u.channel]),
  };
  writeStored(deps, written);
  if (records.length > 0) {
    port.writeRows(TABS.Outbox.name, at, records.map((r) => encodeRecord(TABS.Outbox, r)));
    // Rows deleted by hand could leave the pending pointer below the new rows: never let it skip them.
    if (!settings.has(OUTBOX_PENDING_ROW) || at < pendingRowOf(settings)) tables.setSettings(new Map([[OUTBOX_PENDING_ROW, String(at)]]));
  }
  return finish(deps, written);
}

function finish(deps: BroadcastDeps, b: StoredBroadcast): StoredBroadcast {
  const state: StoredState = b.channels.includes('email') && b.outbox_rows > 0 ? 'sending' : 'done';
  const next = { ...b, state };
  writeStored(deps, next);
  return next;
}

/** One row per person and channel they can be reached on, Telegram rows first (they go out first). */
function outboxRecords(b: StoredBroadcast, resolved: ResolvedAudience, now: number): RawRecord[] {
  const texts = { text_ru: b.text_ru, text_en: b.text_en };
  const row = (alertId: string, kind: string, target: string, text: string): RawRecord => ({
    alert_id: alertId,
    created_at: now,
    kind,
    target,
    text,
    status: 'pending',
    attempts: 0,
    next_try_at: now,
    sent_at: null,
    error: '',
  });
  return [
    ...resolved.reach.telegram.map((p) => row(broadcastAlertId(b.id, p.employee.id, 'telegram'), 'broadcast', p.employee.telegram_chat_id.trim(), telegramText(textFor(p.lang, texts)))),
    ...resolved.reach.email.map((p) => row(broadcastAlertId(b.id, p.employee.id, 'email'), 'broadcast', mailTarget(p.employee.email), textFor(p.lang, texts))),
  ];
}

// ---- delivering ----

export interface DeliveryReport {
  pushed: number;
  mailed: number;
}

/**
 * After the block is written: pushes its Telegram rows to the bot (when Settings bot_url is set; else the
 * bot pulls them) and sends what e-mail the quota allows. Outside the lock: takes it for each short step.
 */
export function deliver(deps: BroadcastDeps, b: StoredBroadcast): DeliveryReport {
  const pushed = b.channels.includes('telegram') ? pushBlock(deps, b) : 0;
  const mailed = b.state === 'sending' ? mailBlock(deps, b) : 0;
  return { pushed, mailed };
}

function blockWindow(deps: BroadcastDeps, b: StoredBroadcast): TabWindow | null {
  if (b.outbox_row === null || b.outbox_rows === 0) return null;
  return openRange(deps.io.port, 'Outbox', b.outbox_row, b.outbox_row + b.outbox_rows - 1, deps.io.ctx, deps.io.onIssue);
}

const ours = (b: StoredBroadcast, a: OutboxRow): boolean => a.alert_id.startsWith(`B-${b.id}-`) || a.alert_id.startsWith(`M-${b.id}-`);

function pushBlock(deps: BroadcastDeps, b: StoredBroadcast): number {
  const lease = deps.withLock(() => {
    const botUrl = (deps.openTables().settings().get(BOT_URL_KEY) ?? '').trim();
    if (botUrl === '') return null;
    const w = blockWindow(deps, b);
    if (!w) return null;
    const leased: Leased[] = [];
    for (const r of w.rows) {
      const a = outboxRowOf(r.values);
      if (leased.length >= BROADCAST_PUSH_MAX) break;
      if (!ours(b, a) || isMailTarget(a.target) || a.status !== 'pending' || (a.next_try_at !== null && a.next_try_at > deps.now)) continue;
      w.update(r.row, { ...r.values, attempts: a.attempts + 1, next_try_at: deps.now + PUSH_LEASE_MS });
      leased.push({ row: r.row, alert: alertOf(a) });
    }
    w.flush();
    return leased.length > 0 ? { botUrl, leased } : null;
  });
  if (!lease) return 0;
  const receipts: AlertReceipt[] = sendLeased(lease.leased, deps.senderFor(lease.botUrl));
  deps.withLock(() => {
    const tables = deps.openTables();
    const { updates } = settleReceipts(deps.io, tables.settings(), receipts, { now: deps.now, rows: lease.leased.map((l) => l.row) });
    if (updates.size > 0) tables.setSettings(updates);
  });
  return lease.leased.length;
}

interface MailJob {
  row: number;
  to: string;
  text: string;
}

/** Sends the block's due e-mails the quota allows, in batches, each recorded right after it went. */
function mailBlock(deps: BroadcastDeps, b: StoredBroadcast): number {
  const jobs = deps.withLock(() => {
    const w = blockWindow(deps, b);
    if (!w) return [];
    const due = w.rows.map((r) => ({ r, a: outboxRowOf(r.values) })).filter(({ a }) => ours(b, a) && isMailTarget(a.target) && a.status === 'pending' && (a.next_try_at === null || a.next_try_at <= deps.now));
    if (due.length === 0) {
      markDone(deps, b, w);
      return [];
    }
    const quota = Math.max(0, safeQuota(deps));
    const take = Math.min(quota, MAIL_PER_RUN);
    const out: MailJob[] = [];
    due.forEach(({ r, a }, i) => {
      if (i < take) {
        w.update(r.row, { ...r.values, attempts: a.attempts + 1, next_try_at: deps.now + MAIL_LEASE_MS });
        out.push({ row: r.row, to: a.target.slice('mailto:'.length), text: a.text });
      } else if (i >= quota && a.error !== MAIL_QUOTA_ERROR) {
        // Over the day's quota: failed for now, with the reason, and tried again later (no attempt counted).
        w.update(r.row, { ...r.values, error: MAIL_QUOTA_ERROR, next_try_at: deps.now + MAIL_QUOTA_RETRY_MS });
      } else if (i >= quota) {
        w.update(r.row, { ...r.values, next_try_at: deps.now + MAIL_QUOTA_RETRY_MS });
      }
      // Past this run's share while the quota still allows: the next run sends it.
    });
    w.flush();
    return out;
  });
  let sent = 0;
  for (let i = 0; i < jobs.length; i += MAIL_BATCH) {
    const batch = jobs.slice(i, i + MAIL_BATCH);
    const results = batch.map((job) => {
      try {
        const lang = languageOfText(job.text);
        deps.mail.send(job.to, mailSubject(lang), mailBody(job.text, lang));
        return { job, error: null as string | null };
      } catch (e) {
        return { job, error: e instanceof Error ? e.message : String(e) };
      }
    });
    deps.withLock(() => {
      const w = openRange(deps.io.port, 'Outbox', batch[0].row, batch[batch.length - 1].row, deps.io.ctx, deps.io.onIssue);
      for (const { job, error } of results) {
        const r = w.rows.find((x) => x.row === job.row);
        if (!r) continue;
        const a = outboxRowOf(r.values);
        if (a.status !== 'pending') continue;
        if (error === null) {
          w.update(r.row, { ...r.values, status: 'sent', sent_at: deps.now, next_try_at: null, error: '' });
          sent++;
        } else {
          const next = /quota|limit|too many/i.test(error) ? { status: 'pending' as const, next_try_at: deps.now + MAIL_QUOTA_RETRY_MS } : afterFailure(Math.max(1, a.attempts), deps.now);
          w.update(r.row, { ...r.values, status: next.status, next_try_at: next.next_try_at, error: error.slice(0, 500) });
        }
      }
      w.flush();
    });
  }
  // All of it went: the broadcast is over now rather than at the next trigger run.
  if (sent > 0) deps.withLock(() => {
    const w = blockWindow(deps, b);
    if (w) markDone(deps, b, w);
  });
  return sent;
}

function safeQuota(deps: BroadcastDeps): number {
  try {
    return deps.mail.remaining();
  } catch (e) {
    deps.onError?.(`broadcast: the mail quota could not be read: ${e instanceof Error ? e.message : String(e)}`);
    return 0;
  }
}

/** No e-mail of the block is pending any more: the server's part of the broadcast is over. Under the lock. */
function markDone(deps: BroadcastDeps, b: StoredBroadcast, w: TabWindow): void {
  const pendingMail = w.rows.some((r) => {
    const a = outboxRowOf(r.values);
    return ours(b, a) && isMailTarget(a.target) && a.status === 'pending';
  });
  if (pendingMail) return;
  const fresh = openRange(deps.io.port, 'Broadcasts', b.row, b.row, deps.io.ctx, deps.io.onIssue).rows[0];
  if (!fresh || String(fresh.values.id) !== b.id) return;
  const now = storedOf(b.row, fresh.values);
  if (now.state === 'sending') writeStored(deps, { ...now, state: 'done' });
}

// ---- the trigger's step ----

export interface DueReport {
  enqueued: number;
  pushed: number;
  mailed: number;
}

/**
 * Run by the checkBreaks trigger before its checks: writes the blocks of broadcasts whose time has come (and
 * of any left `writing` by a cut), pushes their Telegram rows, and sends the e-mails due (retries after a
 * failure or a used-up quota). Reads Settings and the Broadcasts rows from `broadcasts.open_row` down: on a
 * quiet run, Settings and one last-row lookup.
 */
export function deliverDueBroadcasts(deps: BroadcastDeps): DueReport {
  const report: DueReport = { enqueued: 0, pushed: 0, mailed: 0 };
  const open = deps.withLock(() => {
    const tables = deps.openTables();
    const settings = tables.settings();
    const from = openRowOf(settings);
    const w = openWindow(deps.io.port, 'Broadcasts', from, deps.io.ctx, deps.io.onIssue);
    const out: StoredBroadcast[] = [];
    let firstOpen = w.lastRow + 1;
    for (const r of w.rows) {
      let b = storedOf(r.row, r.values);
      if (b.id === '') continue;
      if (b.state === 'scheduled' && b.at !== null && b.at > deps.now) {
        firstOpen = Math.min(firstOpen, b.row);
        continue;
      }
      const fresh = b.state === 'scheduled' || b.state === 'writing';
      if (fresh) {
        b = writeBlock(deps, b, settings, tables);
        report.enqueued++;
      }
      if (b.state === 'sending') firstOpen = Math.min(firstOpen, b.row);
      // A block just written is pushed at once; older Telegram rows are the Outbox's to retry.
      if (fresh || b.state === 'sending') out.push({ ...b, channels: fresh ? b.channels : b.channels.filter((c) => c === 'email') });
    }
    if (firstOpen !== from) tables.setSettings(new Map([[BROADCASTS_OPEN_ROW, String(Math.max(2, firstOpen))]]));
    return out;
  });
  for (const b of open) {
    const d = deliver(deps, b);
    report.pushed += d.pushed;
    report.mailed += d.mailed;
  }
  return report;
}

function openRowOf(settings: ReadonlyMap<string, string>): number {
  const n = Number(settings.get(BROADCASTS_OPEN_ROW));
  return Number.isSafeInteger(n) && n >= 2 ? n : 2;
}

// ---- the report ----

export interface BroadcastReportData {
  broadcast: StoredBroadcast;
  counts: BroadcastCounts;
  rows: BroadcastRecipientRow[];
  done: boolean;
}

/** The delivery of a broadcast, from its Outbox block (one read) and what it could not reach. */
export function reportOf(deps: Pick<BroadcastDeps, 'io' | 'reference'>, b: StoredBroadcast): BroadcastReportData {
  const reference = deps.reference();
  const people = new Map(reference.employees.map((e) => [e.id, e]));
  const byAlert = new Map<string, { e: Employee | undefined; id: string; channel: BroadcastChannel }>();
  for (const e of reference.employees) {
    for (const channel of ['telegram', 'email'] as const) byAlert.set(broadcastAlertId(b.id, e.id, channel), { e, id: e.id, channel });
  }
  const rows: BroadcastRecipientRow[] = [];
  if (b.outbox_row !== null && b.outbox_rows > 0) {
    const w = openRange(deps.io.port, 'Outbox', b.outbox_row, b.outbox_row + b.outbox_rows - 1, deps.io.ctx, deps.io.onIssue);
    for (const r of w.rows) {
      const a = outboxRowOf(r.values);
      const who = byAlert.get(a.alert_id);
      if (!ours(b, a)) continue;
      const channel: BroadcastChannel = who?.channel ?? (a.alert_id.startsWith('M-') ? 'email' : 'telegram');
      const status: BroadcastRecipientRow['status'] = a.status === 'sent' ? 'sent' : a.status === 'failed' || a.error !== '' ? 'failed' : 'pending';
      rows.push({
        employee_id: who?.id ?? a.alert_id.slice(b.id.length + 3),
        name: who?.e?.name ?? a.target.replace(/^mailto:/, ''),
        group: who?.e?.group ?? '',
        channel,
        status,
        error: a.status === 'sent' ? '' : a.error,
        sent_at: a.sent_at,
        retry_at: status === 'failed' && a.status === 'pending' ? a.next_try_at : null,
      });
    }
  }
  for (const [id, channel] of b.unreachable) {
    const e = people.get(id);
    rows.push({
      employee_id: id,
      name: e?.name ?? id,
      group: e?.group ?? '',
      channel,
      status: 'unreachable',
      error: channel === 'telegram' ? 'no Telegram chat linked / Telegram не привязан' : 'no e-mail address / нет адреса почты',
      sent_at: null,
      retry_at: null,
    });
  }
  const counts: BroadcastCounts = { sent: 0, failed: 0, pending: 0, unreachable: 0 };
  for (const r of rows) counts[r.status]++;
  return { broadcast: b, counts, rows, done: b.state !== 'scheduled' && b.state !== 'writing' && counts.pending === 0 };
}

/** Which language each reachable person reads, for the preview. */
export function languagesOf(resolved: ResolvedAudience, texts: { text_ru: string; text_en: string }): { ru: number; en: number } {
  const out = { ru: 0, en: 0 };
  for (const p of resolved.people) out[languageRead(p.lang, texts)]++;
  return out;
}
