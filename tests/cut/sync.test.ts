// `sync` cut after every one of its service calls, then retried as the employee page retries (the same
// entries, seqs and entry_ids, a later sent_at): every entry ends up in Log exactly once, the device's
// last_seq covers the batch, and Current holds the same status, since and timeline as a run never cut.
// The batch holds one entry refused per entry (an unknown status), so its seq is consumed but writes nothing.
import { describe, expect, it } from 'vitest';
import { apiHandlers } from '../../appsscript/src/gas/api-wiring.ts';
import { tokenSigningKey } from '../../appsscript/src/gas/secrets.ts';
import { hmacSha256 } from '../../appsscript/src/gas/crypto.ts';
import { signToken } from '../../appsscript/src/domain/token.ts';
import { isSheetCall } from '../../bench/lib/call-split.ts';
import type { SyncEntry, SyncReply } from '../../common/api.ts';
import { at, office, type Office } from '../checks/helpers.ts';
import { callsOf, cutAtEveryCall } from './harness.ts';

const DEVICE = 'dev-e001';
const PHONE = 'phone-e001';

/** Anna's batch at 10:00: a break, an entry with a status nobody knows, back to work, a meeting. */
const BATCH: SyncEntry[] = [
  { seq: 2, entry_id: 'a-2', status: 'break', at: at('09:40') },
  { seq: 3, entry_id: 'a-3', status: 'no-such-status', at: at('09:45') },
  { seq: 4, entry_id: 'a-4', status: 'work', at: at('09:55') },
  { seq: 5, entry_id: 'a-5', status: 'meeting', at: at('09:58'), comment: 'standup' },
];
const ACCEPTED = ['a-2', 'a-4', 'a-5'];

interface World extends Office {
  token: (deviceId: string) => string;
}

/** The demo office at 10:00: James and Anna have started work (Log rows 2 and 3); Anna's PC holds seq 1. */
function build(): World {
  const o = office({ checking: false });
  o.moveTo(at('09:00'));
  o.sync('e004', [{ status: 'work', at: at('09:00') }]);
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('10:00'));
  const tokens = new Map([DEVICE, PHONE].map((d) => [d, signToken({ employeeId: 'e001', deviceId: d, expiresAt: at('18:00'), tokenVersion: 0 }, tokenSigningKey(), hmacSha256)]));
  // The reference data cached, as in a running office (it expired since 09:00): one cache call, no sheet.
  sync(o, tokens.get(DEVICE)!, DEVICE, []);
  o.world.newExecution();
  return Object.assign(o, { token: (d: string) => tokens.get(d)! });
}

function sync(o: Office, token: string, deviceId: string, entries: SyncEntry[]): SyncReply {
  const now = o.world.clock.now();
  return apiHandlers(now).sync({ op: 'sync', token, device_id: deviceId, sent_at: now, entries }) as SyncReply;
}

/** The page after no reply: the same outbox, sent again a little later with the clock of that moment. */
function retry(o: World): SyncReply {
  o.world.clock.set(at('10:00') + 30_000, { frozen: true });
  const reply = sync(o, o.token(DEVICE), DEVICE, BATCH);
  expect(reply.accepted_through_seq).toBe(5);
  // Settled one way or the other: accepted now, or accepted before the cut (duplicate), or refused for good.
  for (const r of reply.results) expect(['accepted', 'duplicate', ...(r.seq === 3 ? ['refused'] : [])]).toContain(r.result);
  return reply;
}

const ms = (v: unknown) => (v instanceof Date ? v.getTime() : v);

/** What the path must leave, whatever happened to it: compared with a run never cut. */
function outcome(o: Office) {
  const log = o.rows('Log').filter((r) => r.employee_id === 'e001');
  const ids = log.map((r) => String(r.entry_id));
  const device = o.rows('Devices').find((r) => r.device_id === DEVICE)!;
  const current = o.rows('Current').find((r) => r.employee_id === 'e001')!;
  return {
    copiesPerEntry: Object.fromEntries([...new Set(ids)].map((id) => [id, ids.filter((x) => x === id).length])),
    log: log
      .map((r) => ({ entry_id: r.entry_id, status: r.status, at: ms(r.at), client_at: ms(r.client_at), device_id: r.device_id, seq: r.seq, source: r.source, comment: r.comment }))
      .sort((a, b) => String(a.entry_id).localeCompare(String(b.entry_id))),
    device: { last_seq: device.last_seq, last_at: ms(device.last_at) },
    current: { status: current.status, since: ms(current.since), day: current.day, timeline: JSON.parse(String(current.timeline)) },
  };
}

function reference(between: (o: World) => void = () => {}) {
  const o = build();
  sync(o, o.token(DEVICE), DEVICE, BATCH);
  o.world.newExecution();
  between(o);
  o.world.newExecution();
  retry(o);
  return outcome(o);
}

describe('sync, cut after every service call, then retried by the page', () => {
  it('leaves each entry in Log once, last_seq through the batch, and Current as an uncut run', () => {
    const expected = reference();
    expect(expected.copiesPerEntry).toEqual({ 'dev-e001-1': 1, 'a-2': 1, 'a-4': 1, 'a-5': 1 });
    expect(expected.device.last_seq).toBe(5);
    expect(expected.current).toMatchObject({ status: 'meeting', since: at('09:58') });
    expect(expected.current.timeline.map((e: { entry_id: string }) => e.entry_id)).toEqual(['dev-e001-1', ...ACCEPTED]);

    const tried = cutAtEveryCall({
      build,
      run: (o) => sync(o, o.token(DEVICE), DEVICE, BATCH),
      retry,
      check: (o) => expect(outcome(o)).toEqual(expected),
    });
    expect(tried).toBeGreaterThan(20);
  });

  it('also when another device of the same employee writes between the cut and the retry', () => {
    // The phone's write overwrites Current (and its last_write mark): the cut write must still be found.
    const phone = (o: World) => {
      o.world.clock.set(at('10:00') + 10_000, { frozen: true });
      const r = sync(o, o.token(PHONE), PHONE, [{ seq: 1, entry_id: 'p-1', status: 'break', at: at('09:59') }]);
      expect(r.results[0].result).toBe('accepted');
    };
    const expected = reference(phone);
    expect(expected.current).toMatchObject({ status: 'break', since: at('09:59') });
    cutAtEveryCall({
      build,
      run: (o) => sync(o, o.token(DEVICE), DEVICE, BATCH),
      retry: (o) => {
        phone(o);
        o.world.newExecution();
        retry(o);
      },
      check: (o) => expect(outcome(o)).toEqual(expected),
    });
  });

  it('also when the archive deleted Log rows above the batch before the retry (the rows moved up)', () => {
    const archive = () => SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')!.deleteRows(2, 1); // James's row
    const expected = reference(archive);
    cutAtEveryCall({
      build,
      run: (o) => sync(o, o.token(DEVICE), DEVICE, BATCH),
      retry: (o) => {
        archive();
        o.world.newExecution();
        retry(o);
      },
      check: (o) => expect(outcome(o)).toEqual(expected),
    });
  });
});

describe('sync: what the normal path costs', () => {
  it('makes 6 sheet calls per request; only a retry after a cut pays for the repair (3 more)', () => {
    const o = build();
    sync(o, o.token(DEVICE), DEVICE, BATCH);
    expect(sheetCalls(o)).toEqual({ total: 6, byMethod: { 'Range.getValues': 2, 'Range.setValues': 3, 'Sheet.getLastRow': 1 } });

    // A retry after a reply was lost: every entry a duplicate, Devices and Current written (last_seen moves).
    o.world.newExecution();
    retry(o);
    expect(sheetCalls(o).total).toBe(4);

    // Cut just after the Log append (the 2nd setValues, after Devices'): the retry searches Log for the
    // pending write's last entry once, reads its rows back and finishes Current.
    const calls = callsOf({ build, run: (w) => sync(w, w.token(DEVICE), DEVICE, BATCH) });
    const appendCall = calls.map((m, i) => [m, i + 1] as const).filter(([m]) => m === 'Range.setValues')[1][1];
    const cut = build();
    cut.world.newExecution({}, { stopAfterCalls: appendCall });
    expect(() => sync(cut, cut.token(DEVICE), DEVICE, BATCH)).toThrow();
    expect(cut.rows('Log').filter((r) => ACCEPTED.includes(String(r.entry_id)))).toHaveLength(3);
    cut.world.newExecution();
    retry(cut);
    expect(sheetCalls(cut)).toEqual({ total: 7, byMethod: { 'Range.getValues': 3, 'Range.setValues': 3, 'TextFinder.findAll': 1 } });
  });
});

function sheetCalls(o: Office): { total: number; byMethod: Record<string, number> } {
  const byMethod: Record<string, number> = {};
  for (const [m, n] of Object.entries(o.world.stats().calls)) if (isSheetCall(m)) byMethod[m] = n;
  return { total: Object.values(byMethod).reduce((a, b) => a + b, 0), byMethod };
}
