// The engine behind the employee page: wires the API client, the IndexedDB outbox, the session store and
// the sync engine into the AppModel the UI renders (model.ts). It holds no logic of its own beyond
// deciding what to show: the server's last picture, with this device's queued changes laid over it.
import type { CurrentState, TodayBlock } from '../../common/api.ts';
import { MAX_COMMENT_CHARS } from '../../common/limits.ts';
import { createApiClient, type ApiRequestCheck, type FetchLike } from './api/client.ts';
import { pickLanguage, text, userFacing, UserFacingError, type Lang } from './api/messages.ts';
import type { AppModel, Session, SyncState } from './model.ts';
import { openClientDatabase } from './outbox/database.ts';
import { Outbox } from './outbox/queue.ts';
import { OutboxStore } from './outbox/store.ts';
import { finishLogin, startLogin } from './session/login.ts';
import type { Snapshot } from './session/snapshot.ts';
import { SessionStore } from './session/store.ts';
import type { BackoffPolicy } from './sync/backoff.ts';
import { SyncEngine, type EngineState, type ReplyTiming, type ServerReply } from './sync/engine.ts';
import { defaultBrowser, type BrowserLike } from './sync/environment.ts';
import { Listeners } from './sync/listeners.ts';
import { optimisticCurrent, optimisticToday } from './sync/optimistic.ts';
import { describeProblem } from './sync/problems.ts';
import { browserTimers, type Timers } from './sync/timers.ts';

export interface AppModelOptions {
  /** The web app's URL. */
  apiUrl: string;
  /** fake-indexeddb in tests; the browser's by default. */
  indexedDB?: IDBFactory;
  databaseName?: string;
  fetch?: FetchLike;
  /** The request check (see api/client.ts); the valibot schemas in dev builds by default. */
  check?: ApiRequestCheck | null;
  now?: () => number;
  /** For the backoff's jitter. */
  random?: () => number;
  /** Makes device and entry ids; crypto.randomUUID by default. */
  uuid?: () => string;
  /** `window` by default: the online/offline events, navigator.onLine, document.visibilityState. */
  window?: BrowserLike;
  timers?: Timers;
  /** The page's language, asked each time a text is made (the person can switch it). */
  lang?: () => Lang;
  periodMs?: number;
  backoff?: BackoffPolicy;
  /** How long logout waits for the queue to go out under the person's own token before it forgets it. */
  logoutFlushMs?: number;
}

/** The AppModel, plus what the page (and tests) need to shut it down cleanly. */
export interface EngineAppModel extends AppModel {
  /** Resolves when no request is in flight. */
  idle(): Promise<void>;
  /** Stops timers and listeners and closes the database. */
  close(): Promise<void>;
}

const DEFAULT_LOGOUT_FLUSH_MS = 5_000;

export async function createAppModel(options: AppModelOptions): Promise<EngineAppModel> {
  const now = options.now ?? Date.now;
  const lang = options.lang ?? browserLang;
  const timers = options.timers ?? browserTimers;
  const browser = options.window ?? defaultBrowser();
  const db = await openClientDatabase({ name: options.databaseName, indexedDB: options.indexedDB });
  const outbox = new Outbox(new OutboxStore(db, { uuid: options.uuid, now }));
  const sessions = new SessionStore(db);
  const api = createApiClient({ url: options.apiUrl, fetch: options.fetch, check: options.check });
  const listeners = new Listeners();

  let session = await sessions.load();
  let snapshot: Snapshot | null = session ? await sessions.loadSnapshot(session.employee.id) : null;

  const engine = new SyncEngine({
    outbox,
    api,
    session: () => session,
    browser,
    timers,
    now,
    random: options.random,
    backoff: options.backoff,
    periodMs: options.periodMs,
    onReply: takeReply,
    lastSyncAt: snapshot?.lastSyncAt ?? null,
  });

  async function takeReply(reply: ServerReply, timing: ReplyTiming): Promise<void> {
    const mine = session;
    if (!mine) return;
    const r = reply.reply;
    snapshot = {
      employeeId: mine.employee.id,
      current: r.current,
      today: r.today,
      // The reply was made somewhere between sending and receiving: the midpoint halves the error.
      clockOffsetMs: r.server_time - Math.round((timing.sentAt + timing.receivedAt) / 2),
      lastSyncAt: timing.receivedAt,
    };
    if (reply.op === 'state' && JSON.stringify(reply.reply.statuses) !== JSON.stringify(mine.statuses)) {
      // Admins edit the Statuses tab; the buttons follow.
      session = { ...mine, statuses: reply.reply.statuses };
      await sessions.save(session);
    }
    listeners.notify();
    await sessions.saveSnapshot(snapshot).catch((e: unknown) => console.warn('snapshot not saved', e));
  }

  // What the UI reads: made again only when something it depends on changed.
  let memoSync: { state: EngineState; lang: Lang; value: SyncState } | null = null;
  /** The reminders save in flight or failed last, with its request id. */
  let reminderSave: { key: string; id: string } | null = null;
  function syncState(): SyncState {
    const state = engine.state;
    const language = lang();
    if (memoSync && memoSync.state === state && memoSync.lang === language) return memoSync.value;
    const value: SyncState = {
      pending: state.pending,
      refused: state.refused.map((r) => ({ ...r, message: pickLanguage(r.message, language) })),
      lastSyncAt: state.lastSyncAt,
      online: state.online,
      syncing: state.syncing,
      error: state.problem ? describeProblem(state.problem, language) : null,
      needsLogin: state.needsLogin,
      nextRetryAt: state.nextRetryAt,
    };
    memoSync = { state, lang: language, value };
    return value;
  }

  function queuedOfSession() {
    const id = session?.employee.id;
    return id ? engine.state.queueTail.filter((e) => e.employee_id === id) : [];
  }

  let memoView: {
    tail: EngineState['queueTail'];
    snapshot: Snapshot | null;
    session: Session | null;
    current: CurrentState | null;
    today: TodayBlock | null;
  } | null = null;
  function view(): { current: CurrentState | null; today: TodayBlock | null } {
    const tail = engine.state.queueTail;
    if (memoView && memoView.tail === tail && memoView.snapshot === snapshot && memoView.session === session) return memoView;
    const queued = queuedOfSession();
    const offset = snapshot?.clockOffsetMs ?? 0;
    memoView = {
      tail,
      snapshot,
      session,
      current: session ? optimisticCurrent(snapshot?.current ?? null, queued, offset) : null,
      today: session ? optimisticToday(snapshot?.today ?? null, queued, offset) : null,
    };
    return memoView;
  }

  engine.subscribe(() => listeners.notify());

  async function deviceId(): Promise<string> {
    try {
      return (await outbox.device()).deviceId;
    } catch (e) {
      throw new UserFacingError(text('storage', lang()), { cause: e });
    }
  }

  const model: EngineAppModel = {
    get session() {
      return session;
    },
    get current() {
      return view().current;
    },
    get today() {
      return view().today;
    },
    get sync() {
      return syncState();
    },
    get clockOffsetMs() {
      return snapshot?.clockOffsetMs ?? 0;
    },

    async loginStart(email) {
      const device = await deviceId();
      try {
        await startLogin(api, email, device);
      } catch (e) {
        throw userFacing(e, lang());
      }
    },

    async loginFinish(email, code) {
      const device = await deviceId();
      let next: Session;
      try {
        next = await finishLogin(api, email, code, device);
        await sessions.save(next);
      } catch (e) {
        throw userFacing(e, lang());
      }
      const sameEmployee = snapshot?.employeeId === next.employee.id;
      session = next;
      if (!sameEmployee) snapshot = await sessions.loadSnapshot(next.employee.id);
      listeners.notify();
      // The queue kept through a sign-out (or a refused token) goes out now, under this session.
      void engine.signedIn();
    },

    async logout() {
      if (session && engine.state.pending > 0) {
        // Send what is queued under the person's own token while it still works; bounded, never blocking.
        await Promise.race([engine.syncNow(), pause(timers, options.logoutFlushMs ?? DEFAULT_LOGOUT_FLUSH_MS)]);
      }
      session = null;
      snapshot = null;
      engine.signedOut();
      listeners.notify();
      await sessions.clear();
    },

    async setStatus(code, comment) {
      const language = lang();
      const mine = session;
      if (!mine) throw new UserFacingError(text('notSignedIn', language));
      if (!mine.statuses.some((s) => s.code === code)) throw new UserFacingError(text('unknownStatus', language));
      const note = comment?.trim();
      if (note && note.length > MAX_COMMENT_CHARS) throw new UserFacingError(text('commentTooLong', language));
      try {
        await engine.record({ employee_id: mine.employee.id, status: code, at: now(), ...(note ? { comment: note } : {}) });
      } catch (e) {
        throw new UserFacingError(text('storage', language), { cause: e });
      }
    },

    dismissRefused(entryId) {
      return engine.dismissRefused(entryId);
    },

    async telegramLinkCode() {
      const mine = session;
      if (!mine) throw new UserFacingError(text('notSignedIn', lang()));
      try {
        const reply = await api.call({ op: 'link.code', token: mine.token });
        return { code: reply.code, expiresAt: reply.expires_at };
      } catch (e) {
        throw userFacing(e, lang());
      }
    },

    async loadReminders() {
      const mine = session;
      if (!mine) throw new UserFacingError(text('notSignedIn', lang()));
      try {
        const { ok: _ok, ...reply } = await api.call({ op: 'reminders.list', token: mine.token });
        return reply;
      } catch (e) {
        throw userFacing(e, lang());
      }
    },

    async saveReminders(changes) {
      const mine = session;
      if (!mine) throw new UserFacingError(text('notSignedIn', lang()));
      // A save retried after a failure (the reply may have been lost) keeps its request id: applied once.
      const key = JSON.stringify(changes);
      if (reminderSave?.key !== key) reminderSave = { key, id: `page-${crypto.randomUUID()}` };
      try {
        const { ok: _ok, ...reply } = await api.call({ op: 'reminders.save', token: mine.token, request_id: reminderSave.id, reminders: changes });
        reminderSave = null;
        return reply;
      } catch (e) {
        throw userFacing(e, lang());
      }
    },

    syncNow() {
      return engine.syncNow();
    },

    subscribe(listener) {
      return listeners.add(listener);
    },

    idle() {
      return engine.idle();
    },

    async close() {
      await engine.stop();
      db.close();
    },
  };

  await engine.start();
  return model;
}

function browserLang(): Lang {
  const language = typeof navigator !== 'undefined' ? navigator.language : '';
  return /^ru\b/i.test(language) ? 'ru' : 'en';
}

function pause(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, ms));
}
