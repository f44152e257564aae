// What the engine tests share: a clock and timers driven by hand, a browser whose network and visibility
// the test switches, and a model wired to a fresh fake-indexeddb "browser profile" and the fake server.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createAppModel, type AppModelOptions, type EngineAppModel } from '../../client/src/app-model.ts';
import type { BrowserLike, VisibilitySource } from '../../client/src/sync/environment.ts';
import type { Timers } from '../../client/src/sync/timers.ts';
import { ANNA, FakeServer } from './fake-server.ts';

/** Timers on a clock of their own: nothing fires until the test advances time. */
export class ManualClock implements Timers {
  now = Date.UTC(2026, 4, 11, 9, 0, 0);
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.now + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** When the earliest timer is due, or null. */
  nextDue(): number | null {
    let due: number | null = null;
    for (const t of this.pending.values()) if (due === null || t.at < due) due = t.at;
    return due;
  }

  /** Due times of the timers set now, soonest first. */
  dueTimes(): number[] {
    return [...this.pending.values()].map((t) => t.at).sort((a, b) => a - b);
  }

  /** Moves the clock forward, firing every timer that comes due on the way, in time order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let first: [number, { at: number; callback: () => void }] | null = null;
      for (const entry of this.pending) if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
      if (!first) break;
      this.pending.delete(first[0]);
      this.now = Math.max(this.now, first[1].at);
      first[1].callback();
    }
    this.now = end;
  }
}

class FakeDocument extends EventTarget implements VisibilitySource {
  visibilityState: 'visible' | 'hidden' = 'visible';
  override addEventListener(type: 'visibilitychange', listener: () => void): void {
    super.addEventListener(type, listener);
  }
  override removeEventListener(type: 'visibilitychange', listener: () => void): void {
    super.removeEventListener(type, listener);
  }
}

/** The network switch and the tab's visibility, as `window` presents them. */
export class FakeBrowser extends EventTarget implements BrowserLike {
  readonly navigator = { onLine: true };
  readonly document = new FakeDocument();

  override addEventListener(type: 'online' | 'offline', listener: () => void): void {
    super.addEventListener(type, listener);
  }
  override removeEventListener(type: 'online' | 'offline', listener: () => void): void {
    super.removeEventListener(type, listener);
  }

  goOffline(): void {
    this.navigator.onLine = false;
    this.dispatchEvent(new Event('offline'));
  }
  goOnline(): void {
    this.navigator.onLine = true;
    this.dispatchEvent(new Event('online'));
  }
  hide(): void {
    this.document.visibilityState = 'hidden';
    this.document.dispatchEvent(new Event('visibilitychange'));
  }
  show(): void {
    this.document.visibilityState = 'visible';
    this.document.dispatchEvent(new Event('visibilitychange'));
  }
}

export interface World {
  server: FakeServer;
  clock: ManualClock;
  browser: FakeBrowser;
  /** One browser profile: models opened on it share the database, like reloads of the page. */
  profile: IDBFactory;
  open(overrides?: Partial<AppModelOptions>): Promise<EngineAppModel>;
}

export function newWorld(): World {
  const server = new FakeServer();
  const clock = new ManualClock();
  server.now = () => clock.now;
  const browser = new FakeBrowser();
  const profile = new IDBFactory();
  return {
    server,
    clock,
    browser,
    profile,
    open: (overrides = {}) =>
      createAppModel({
        apiUrl: server.url,
        indexedDB: profile,
        fetch: server.fetch,
        now: () => clock.now,
        timers: clock,
        window: browser,
        random: () => 0.5,
        lang: () => 'en',
        ...overrides,
      }),
  };
}

/** Signs in through login.start and login.finish, reading the code from the fake mailbox. */
export async function signIn(model: EngineAppModel, server: FakeServer, email = ANNA.email): Promise<void> {
  await model.loginStart(email);
  const code = server.mailbox.get(email);
  if (!code) throw new Error(`no code was sent to ${email}`);
  await model.loginFinish(email, code);
  await model.idle();
}

/** Lets pending promise chains (IndexedDB, the fake network) run. */
export async function settle(model: EngineAppModel): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await model.idle();
  }
}
