// Issue 8, point 3: one request made the workbook unopenable. A signed-in employee sent an entry with
// "at": 8640000000000000; it was accepted, its raw time went into Log client_at, the snapshot wrote NaN for it
// and from then on the runtime failed to start with "Invalid time value". Times a client sends are now
// checked against a documented window per entry (docs/sync.md, "Time window"), and the workbook is saved and
// loaded again here, through the real runtime, to show nothing accepted makes a cell that does not read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TIME_MAX_MS } from '../../common/limits.ts';
import { logRows, restart, signIn, startProductServer, type ProductServer } from './product.ts';

let s: ProductServer | null = null;
beforeAll(async () => {
  s = await startProductServer();
});
afterAll(() => s?.close());

const sync = (token: string, device: string, sentAt: number, entries: object[]) =>
  s!.api({ op: 'sync', token, device_id: device, sent_at: sentAt, entries });

describe('times from a client outside the window', () => {
  it('refuses the exact request of the issue per entry, keeps the queue moving, and the workbook loads again', async () => {
    const token = await signIn(s!, 'dev-issue8');
    const now = Date.now();

    // The request from the issue, byte for byte but the token and the time it was sent.
    const issue = JSON.parse(
      `{"op":"sync","token":${JSON.stringify(token)},"device_id":"dev-issue8","sent_at":${now},` +
        `"entries":[{"seq":1,"entry_id":"evil-1","status":"work","at":8640000000000000}]}`,
    );
    const first = await s!.api(issue);
    expect(first.ok).toBe(true);
    expect(first.results).toEqual([{ seq: 1, entry_id: 'evil-1', result: 'refused', code: 'bad_request', message: expect.stringMatching(/not plausible.*\/.*неправдоподобно/) }]);
    // Refused for good: the seq is consumed, so the device's queue is not jammed behind it.
    expect(first.accepted_through_seq).toBe(1);

    // Out of the window on either side, and at its edges, in one batch; each entry is answered on its own.
    const second = await sync(token, 'dev-issue8', now, [
      { seq: 2, entry_id: 'neg', status: 'work', at: -1 },
      { seq: 3, entry_id: 'edge-out', status: 'work', at: CLIENT_TIME_MAX_MS },
      { seq: 4, entry_id: 'edge-in', status: 'break', at: CLIENT_TIME_MAX_MS - 1 },
      { seq: 5, entry_id: 'min-safe', status: 'work', at: Number.MIN_SAFE_INTEGER },
      { seq: 6, entry_id: 'fine', status: 'work', at: now - 1000 },
    ]);
    expect(second.results.map((r: { entry_id: string; result: string; code?: string }) => `${r.entry_id}:${r.result}${r.code ? `:${r.code}` : ''}`)).toEqual([
      'neg:refused:bad_request',
      'edge-out:refused:bad_request',
      // A clock far ahead, but inside the window: accepted, its time clamped to the server's now.
      'edge-in:accepted',
      'min-safe:refused:bad_request',
      'fine:accepted',
    ]);
    expect(second.accepted_through_seq).toBe(6);

    // A device clock outside the window: every entry whose turn has come is refused for good, with the reason.
    const badClock = await sync(token, 'dev-issue8', 8_640_000_000_000_000, [{ seq: 7, entry_id: 'clock', status: 'work', at: now }]);
    expect(badClock.results[0]).toMatchObject({ result: 'refused', code: 'bad_request', message: expect.stringContaining('sent_at') });
    expect(badClock.accepted_through_seq).toBe(7);

    // Save, start again as `npm start` does, and read the Log back.
    const rows = await restart(s!, (runtime) => logRows(runtime).filter((r) => r.device_id === 'dev-issue8'));
    s = null;
    expect(rows.map((r) => r.entry_id)).toEqual(['edge-in', 'fine']);
    for (const r of rows) {
      for (const col of ['at', 'client_at', 'received_at']) {
        expect(r[col], `${r.entry_id} ${col}`).toBeInstanceOf(Date);
        expect(Number.isNaN((r[col] as Date).getTime())).toBe(false);
      }
    }
    // The raw time is kept exactly, even where the corrected one was clamped.
    expect((rows[0].client_at as Date).getTime()).toBe(CLIENT_TIME_MAX_MS - 1);
    expect((rows[0].at as Date).getTime()).toBeLessThanOrEqual(Date.now());
    expect((rows[1].client_at as Date).getTime()).toBe(now - 1000);
  });
});
