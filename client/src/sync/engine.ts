// The sync engine: sends the outbox to the server, one request at a time, in seq order, in batches of at
// most MAX_SYNC_ENTRIES; applies the per-entry answers; retries transient failures with full-jitter backoff;
// and syncs at once when the network comes back, when the tab becomes visible and after each new status
// change, plus on a periodic timer (which also refreshes `today` with the `state` op when there is nothing
// to send). A refused session keeps the queue and stops everything until the person signs in again.
// The client's side of the protocol is written down in docs/client-sync.md.
import type { StateReply, SyncReply } from '../../../common/api.ts';
import type { ApiClient } from '../api/client.ts';
import { ApiError, AuthError, RetryLaterError, TransientError } from '../api/errors.ts';
import type { RefusedEntry, Session } from '../model.ts';
import { toSyncEntry, type EntryDraft, type OutboxEntry } from '../outbox/entry.ts';
import type { Outbox } from '../outbox/queue.ts';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff.ts';
import { isOnline, NO_BROWSER, watchBrowser, type BrowserLike } from './environment.ts';
import { Listeners } from './listeners.ts';
import type { SyncProblem } from './problems.ts';
import { browserTimers, type Timers } from './timers.ts';

/** The engine's published state. Texts are not made here: `problem` is turned into words by the model. */
export interface EngineState {
  pending: number;
  /** Refused entries, with the server's message as it came ("English / Русский"). */
  refused: RefusedEntry[];
  lastSyncAt: number | null;
  online: boolean;
  syncing: boolean;
  problem: SyncProblem | null;
  needsLogin: boolean;
  nextRetryAt: number | null;
  /** The newest unsettled entries (at most QUEUE_TAIL), in seq order: the optimistic picture. */
  queueTail: OutboxEntry[];
  deviceId: string | null;
}

export type ServerReply = { op: 'sync'; reply: SyncReply } | { op: 'state'; reply: StateReply };

export interface ReplyTiming {
  /** This device's clock when the request left and when the reply came. */
  sentAt: number;
  receivedAt: number;
}

export interface SyncEngineOptions {
  outbox: Outbox;
  api: ApiClient;
  /** The session to sync with (null: signed out, nothing is sent). */
  session: () => Session | null;
  browser?: BrowserLike;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** How often to sync (or refresh with `state`) when nothing else triggers it. */
  periodMs?: number;
  /** Every successful reply, before its entries are settled: the model takes today, current and the clock. */
  onReply?: (reply: ServerReply, timing: ReplyTiming) => void | Promise<void>;
  /** When the server last answered, as remembered from before a reload. */
  lastSyncAt?: number | null;
}

export const DEFAULT_PERIOD_MS = 60_000;
/** How many of the newest queued entries the engine keeps in memory for the optimistic picture. */
export const QUEUE_TAIL = 50;
/** Requests in a row that may settle nothing before the engine backs off. */
const MAX_STALLED_RESENDS = 1;

/** The server waits for a seq this profile no longer holds, or knows seqs it never made. */
class NumberingDiverged extends Error {}
/** The session was made for another device id than the outbox's (the device started over since). */
class SessionForAnotherDevice extends Error {}

export class SyncEngine {
  private readonly outbox: Outbox;
  private readonly api: ApiClient;
  private readonly session: () => Session | null;
  private readonly browser: BrowserLike;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly periodMs: number;
  private readonly onReply: SyncEngineOptions['onReply'];
  private readonly listeners = new Listeners();

  private current: EngineState;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  /** Failed attempts in a row: the exponent of the backoff. */
  private attempt = 0;
  private retryHandle: unknown = null;
  private periodHandle: unknown = null;
  private unwatch: (() => void) | null = null;
  private refreshTicket = 0;
  private appliedTicket = 0;

  constructor(options: SyncEngineOptions) {
    this.outbox = options.outbox;
    this.api = options.api;
    this.session = options.session;
    this.browser = options.browser ?? NO_BROWSER;
    this.timers = options.timers ?? browserTimers;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.periodMs = options.periodMs ?? DEFAULT_PERIOD_MS;
    this.onReply = options.onReply;
    this.current = {
      pending: 0,
      refused: [],
      lastSyncAt: options.lastSyncAt ?? null,
      online: isOnline(this.browser),
      syncing: false,
      problem: null,
      needsLogin: false,
      nextRetryAt: null,
      queueTail: [],
      deviceId: null,
    };
  }

  get state(): EngineState {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener);
  }

  /** Reads the queue, starts listening and the periodic timer, and syncs once. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.unwatch = watchBrowser(this.browser, {
      online: () => {
        this.update({ online: true, problem: this.current.problem?.kind === 'offline' ? null : this.current.problem });
        void this.syncNow();
      },
      offline: () => this.update({ online: false, problem: { kind: 'offline' } }),
      visible: () => void this.syncNow(),
    });
    this.schedulePeriodic();
    await this.refreshQueue();
    void this.syncNow();
  }

  /** Stops timers and listeners (the page is going away, or a test ends). Waits for a request in flight. */
  async stop(): Promise<void> {
    this.started = false;
    this.unwatch?.();
    this.unwatch = null;
    this.cancelRetry();
    if (this.periodHandle !== null) this.timers.clearTimeout(this.periodHandle);
    this.periodHandle = null;
    await this.idle();
  }

  /** Queues a status change durably, shows it, and syncs. Rejects if it could not be stored. */
  async record(draft: Omit<EntryDraft, 'offline'>): Promise<OutboxEntry> {
    const entry = await this.outbox.record({ ...draft, offline: !isOnline(this.browser) });
    // The entry is the newest: show it now, before the count is re-read (and let no older read undo it).
    this.appliedTicket = ++this.refreshTicket;
    this.update({ pending: this.current.pending + 1, queueTail: [...this.current.queueTail, entry].slice(-QUEUE_TAIL) });
    void this.refreshQueue();
    void this.syncNow();
    return entry;
  }

  /**
   * Syncs now: sends everything queued, or refreshes `today` when nothing is. Cancels a scheduled retry
   * (the person or the browser asked). Never rejects; the outcome is in `state`.
   */
  syncNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again && this.started);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Resolves when no request is in flight. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** A new session: the queue (kept through the sign-out) is sent under it. */
  signedIn(): Promise<void> {
    this.attempt = 0;
    this.update({ needsLogin: false, problem: null, nextRetryAt: null });
    return this.syncNow();
  }

  /** Signed out: nothing is sent until the next sign-in, but the queue stays. */
  signedOut(): void {
    this.cancelRetry();
    this.attempt = 0;
    this.update({ needsLogin: false, problem: null, nextRetryAt: null, lastSyncAt: null });
  }

  async dismissRefused(entryId: string): Promise<void> {
    await this.outbox.dismissRefused(entryId);
    this.update({ refused: this.current.refused.filter((r) => r.entryId !== entryId) });
    await this.refreshQueue();
  }

  private async round(): Promise<void> {
    this.cancelRetry();
    const session = this.session();
    if (!session || this.current.needsLogin || !this.started) return;
    if (!isOnline(this.browser)) {
      // No request can succeed; the `online` event (or the periodic timer) tries again.
      this.update({ online: false, problem: { kind: 'offline' } });
      return;
    }
    this.update({ syncing: true });
    try {
      await this.exchange(session);
      this.attempt = 0;
      // A reply that was on its way when the network dropped must not hide the `offline` event that came
      // meanwhile: the browser's word on the network is the newer one.
      const online = isOnline(this.browser);
      this.update({ online, problem: online ? null : { kind: 'offline' }, nextRetryAt: null });
    } catch (e) {
      this.failed(e);
    } finally {
      this.update({ syncing: false });
      await this.refreshQueue();
    }
  }

  /** Sends batches until the queue is empty (or a request fails); a `state` request if there was nothing. */
  private async exchange(session: Session): Promise<void> {
    const device = await this.outbox.device();
    if (device.deviceId !== session.deviceId) throw new SessionForAnotherDevice();
    let sent = false;
    let stalled = 0;
    while (this.session()?.token === session.token) {
      const batch = await this.outbox.nextBatch(device.deviceId);
      if (batch.length === 0) break;
      // The whole queue, this batch included: the server keeps what is left of it for the admins' backlog alert.
      const waiting = await this.outbox.pending(device.deviceId);
      const sentAt = this.now();
      const reply = await this.api.call({
        op: 'sync',
        token: session.token,
        device_id: device.deviceId,
        sent_at: sentAt,
        entries: batch.map(toSyncEntry),
        backlog: { count: Math.max(waiting, batch.length), oldest_at: batch[0].at },
      });
      sent = true;
      await this.answered({ op: 'sync', reply }, sentAt);
      const outcome = await this.outbox.applyReply(device.deviceId, batch, reply);
      await this.refreshQueue();
      if (outcome.diverged) {
        await this.outbox.startOver();
        throw new NumberingDiverged(outcome.diverged);
      }
      if (outcome.settled > 0) {
        stalled = 0;
        continue; // go on from the first unsettled entry (after a 'conflict' too), at once
      }
      // Nothing settled: the server waits for an earlier seq that this batch did start with (it got lost on
      // the way?). Resend from the first unsettled entry once more at once; then back off rather than spin.
      stalled += 1;
      if (stalled > MAX_STALLED_RESENDS) {
        const conflict = reply.results.find((r) => r.result === 'refused' && r.code === 'conflict');
        throw new ApiError('conflict', conflict && conflict.result === 'refused' ? conflict.message : 'nothing was settled');
      }
    }
    if (!sent && this.session()?.token === session.token) {
      const sentAt = this.now();
      const reply = await this.api.call({ op: 'state', token: session.token });
      await this.answered({ op: 'state', reply }, sentAt);
    }
  }

  private async answered(reply: ServerReply, sentAt: number): Promise<void> {
    const receivedAt = this.now();
    this.update({ lastSyncAt: receivedAt, online: isOnline(this.browser) });
    await this.onReply?.(reply, { sentAt, receivedAt });
  }

  private failed(error: unknown): void {
    if (error instanceof AuthError) {
      // Keep the queue; nothing more is tried until a new sign-in (retrying a refused token is pointless).
      this.update({ needsLogin: true, problem: { kind: 'failure', error }, nextRetryAt: null });
      return;
    }
    if (error instanceof NumberingDiverged) {
      this.update({ needsLogin: true, problem: { kind: 'device_renumbered' }, nextRetryAt: null });
      return;
    }
    if (error instanceof SessionForAnotherDevice) {
      this.update({ needsLogin: true, problem: { kind: 'device_changed' }, nextRetryAt: null });
      return;
    }
    const networkDown = error instanceof TransientError && error.reason === 'network';
    if (!isOnline(this.browser)) {
      this.update({ online: false, problem: { kind: 'offline' }, nextRetryAt: null });
      return;
    }
    let delay = fullJitterDelay(this.attempt, this.random, this.backoff);
    this.attempt += 1;
    if (error instanceof RetryLaterError && error.retryAfterMs !== null) delay = Math.max(delay, error.retryAfterMs);
    this.update({ online: networkDown ? false : this.current.online, problem: { kind: 'failure', error } });
    this.scheduleRetry(delay);
  }

  private scheduleRetry(delayMs: number): void {
    this.cancelRetry();
    if (!this.started) return;
    this.retryHandle = this.timers.setTimeout(() => {
      this.retryHandle = null;
      void this.syncNow();
    }, delayMs);
    this.update({ nextRetryAt: this.now() + delayMs });
  }

  private cancelRetry(): void {
    if (this.retryHandle !== null) this.timers.clearTimeout(this.retryHandle);
    this.retryHandle = null;
    if (this.current.nextRetryAt !== null) this.update({ nextRetryAt: null });
  }

  private schedulePeriodic(): void {
    this.periodHandle = this.timers.setTimeout(() => {
      this.periodHandle = null;
      if (!this.started) return;
      this.schedulePeriodic();
      // A scheduled retry owns the timing while the server is failing; the tick does not jump the queue.
      if (this.retryHandle !== null) return;
      // A hidden tab has no one to show a fresh `today` to: it only sends what is queued (200 pages polling
      // in the background would cost Apps Script executions for nothing). Showing the tab refreshes at once.
      const hidden = this.browser.document?.visibilityState === 'hidden';
      if (this.current.pending > 0 || !hidden) void this.syncNow();
    }, this.periodMs);
  }

  /** Re-reads the count, the newest entries and the refused list; an older read never overwrites a newer. */
  private async refreshQueue(): Promise<void> {
    const ticket = ++this.refreshTicket;
    try {
      const device = await this.outbox.device();
      const [pending, queueTail, refused] = await Promise.all([
        this.outbox.pending(device.deviceId),
        this.outbox.newest(device.deviceId, QUEUE_TAIL),
        this.outbox.refused(),
      ]);
      if (ticket < this.appliedTicket) return;
      this.appliedTicket = ticket;
      this.update({ pending, queueTail, refused, deviceId: device.deviceId });
    } catch (error) {
      this.update({ problem: { kind: 'failure', error } });
    }
  }

  private update(patch: Partial<EngineState>): void {
    this.current = { ...this.current, ...patch };
    this.listeners.notify();
  }
}
