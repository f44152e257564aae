// The engine against the real server: the built bundle in the local runtime over HTTP, as `npm start` runs
// it. Signs in as the demo employee with the mailed code, switches status offline, "reloads", comes back
// online, and then survives a stretch of randomly failing requests; the Log tab must hold every entry once,
// in order.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppModel, type EngineAppModel } from '../../client/src/app-model.ts';
import type { FetchLike } from '../../client/src/api/client.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { FakeBrowser, ManualClock, settle } from './engine-harness.ts';

const EMAIL = 'anna.ivanova@example.com';
let s: ProductServer;

beforeAll(async () => {
  s = await startProductServer();
});
afterAll(() => s?.close());

/** Log rows as [device_id, seq, status, comment] (the page's values hold no header). */
async function logRows(): Promise<[string, number, string, string][]> {
  const page = await s.dev(`/workbook/sheet?sheet=Log&offset=0&limit=1000`);
  return (page.values as string[][]).map((r) => [String(r[6]), Number(r[7]), String(r[2]), String(r[10])]);
}

async function signIn(model: EngineAppModel): Promise<void> {
  await model.loginStart(EMAIL);
  const mail = (await s.dev('/mail')).filter((m: { to: string }) => m.to === EMAIL).at(-1);
  await model.loginFinish(EMAIL, /\b(\d{6})\b/.exec(mail.body)![1]);
  await model.idle();
}

describe('the engine against the local runtime', () => {
  it('offline changes survive a reload and land once, in order; then 30% of requests fail and nothing is lost', async () => {
    const profile = new IDBFactory();
    const clock = new ManualClock();
    const browser = new FakeBrowser();
    let failRate = 0;
    let failures = 0;
    const flaky: FetchLike = async (url, init) => {
      if (Math.random() < failRate) {
        failures += 1;
        if (Math.random() < 0.5) throw new TypeError('Failed to fetch'); // never reached the server
        await fetch(url, init); // reached it, did the work; the reply is lost
        throw new TypeError('Failed to fetch');
      }
      return fetch(url, init);
    };
    const open = () =>
      createAppModel({ apiUrl: `${s.base}/exec`, indexedDB: profile, fetch: flaky, timers: clock, window: browser, lang: () => 'en' });

    let model = await open();
    await signIn(model);
    expect(model.session?.employee.email).toBe(EMAIL);
    const codes = model.session!.statuses.map((x) => x.code);
    const [work, rest] = [codes.find((c) => c === 'work') ?? codes[0], codes.find((c) => c === 'break') ?? codes[1]];

    browser.goOffline();
    await model.setStatus(rest, 'offline 1');
    await model.setStatus(work, 'offline 2');
    await model.close();
    model = await open(); // reloaded while offline: still signed in, still queued
    expect(model.sync.pending).toBe(2);
    expect(model.current?.status).toBe(work);
    browser.goOnline();
    await settle(model);
    expect(model.sync.pending).toBe(0);
    expect(model.sync.refused).toEqual([]);
    const device = model.session!.deviceId;
    expect((await logRows()).filter((r) => r[0] === device).map((r) => [r[1], r[2], r[3]])).toEqual([
      [1, rest, 'offline 1'],
      [2, work, 'offline 2'],
    ]);
    expect(model.current?.status).toBe(work);
    expect(model.today?.timeline.at(-1)?.status).toBe(work);

    failRate = 0.3;
    const made: string[] = [];
    for (let i = 0; i < 40; i++) {
      await model.setStatus(i % 2 ? work : rest, `flaky ${i}`);
      made.push(`flaky ${i}`);
      if (i % 3 === 0) await settle(model);
    }
    failRate = 0;
    for (let round = 0; round < 30 && model.sync.pending > 0; round++) {
      clock.advance(model.sync.nextRetryAt !== null ? model.sync.nextRetryAt - clock.now : 60_000);
      await settle(model);
    }
    expect(model.sync.pending).toBe(0);
    expect(failures).toBeGreaterThan(0);
    const mine = (await logRows()).filter((r) => r[0] === device);
    expect(mine.map((r) => r[3])).toEqual(['offline 1', 'offline 2', ...made]);
    expect(mine.map((r) => r[1])).toEqual(mine.map((_, i) => i + 1));
    expect(model.sync.refused).toEqual([]);
    await model.close();
  }, 120_000);
});
