import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EntryResult, SyncEntry } from '../../common/api.ts';
import { correctedTime, planIngest, type IngestInput, type IngestPlan } from '../../appsscript/src/domain/ingest.ts';
import type { DeviceRow, LogRow } from '../../appsscript/src/domain/model.ts';
import { encodeCell } from '../../appsscript/src/store/cells.ts';
import { CLIENT_TIME_MAX_MS, CLIENT_TIME_MIN_MS } from '../../common/limits.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const NOW = Date.UTC(2026, 10, 24, 12, 0); // 2026-11-24 12:00 UTC
const RETENTION = 90 * DAY;

function entry(seq: number, at: number, extra: Partial<SyncEntry> = {}): SyncEntry {
  return { seq, entry_id: `e${seq}`, status: 'work', at, ...extra };
}

function device(last_seq: number, last_at: number | null): DeviceRow {
  return { device_id: 'd1', employee_id: 'u1', last_seq, last_seen: NOW - DAY, last_at };
}

function plan(entries: SyncEntry[], over: Partial<IngestInput> = {}): IngestPlan {
  return planIngest({
    now: NOW, sentAt: NOW, employeeId: 'u1', deviceId: 'd1', source: 'web', entries, device: null, retentionMs: RETENTION, ...over,
  });
}

const kinds = (p: IngestPlan) => p.results.map((r) => `${r.seq}:${r.result}`);

describe('planIngest: idempotency and order by seq', () => {
  it('takes an unsorted batch in seq order; results answer the request in its own order', () => {
    const p = plan([entry(3, NOW - 1 * MIN), entry(1, NOW - 3 * MIN), entry(2, NOW - 2 * MIN)]);
    expect(kinds(p)).toEqual(['3:accepted', '1:accepted', '2:accepted']);
    expect(p.logRows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(p.accepted.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(p.acceptedThroughSeq).toBe(3);
    // last_at is the corrected time of seq 3: NOW - 1 min (sentAt = NOW, so no correction).
    expect(p.device).toEqual({ device_id: 'd1', employee_id: 'u1', last_seq: 3, last_seen: NOW, last_at: NOW - 1 * MIN });
  });

  it('calls seq <= last_seq and repeats inside the batch duplicates, and they change nothing', () => {
    // last_seq 2: seqs 1 and 2 are old; 3 is new; the second 3 repeats it.
    const p = plan([entry(1, NOW - 5 * MIN), entry(2, NOW - 4 * MIN), entry(3, NOW - 3 * MIN), { ...entry(3, NOW - 2 * MIN), entry_id: 'other' }], {
      device: device(2, NOW - 4 * MIN),
    });
    expect(kinds(p)).toEqual(['1:duplicate', '2:duplicate', '3:accepted', '3:duplicate']);
    // The first copy in the request is the one used: its time, NOW - 3 min.
    expect(p.logRows).toHaveLength(1);
    expect(p.logRows[0]).toMatchObject({ seq: 3, entry_id: 'e3', at: NOW - 3 * MIN });
    expect(p.acceptedThroughSeq).toBe(3);
  });

  it('a batch of only old seqs is all duplicates: nothing to write, last_seq stays', () => {
    const p = plan([entry(2, NOW), entry(1, NOW)], { device: device(5, NOW - MIN) });
    expect(kinds(p)).toEqual(['2:duplicate', '1:duplicate']);
    expect(p.logRows).toEqual([]);
    expect(p.acceptedThroughSeq).toBe(5);
    expect(p.device).toMatchObject({ last_seq: 5, last_at: NOW - MIN, last_seen: NOW });
  });

  it('refuses an entry after a gap with conflict naming the missing seq, and every later one too', () => {
    // last_seq 2, the batch has 4 and 5: seq 3 is missing, so neither may go in before it.
    const p = plan([entry(5, NOW), entry(4, NOW)], { device: device(2, NOW - MIN) });
    expect(kinds(p)).toEqual(['5:refused', '4:refused']);
    for (const r of p.results) {
      expect(r).toMatchObject({ result: 'refused', code: 'conflict' });
      expect((r as Extract<EntryResult, { result: 'refused' }>).message).toMatch(/seq 3\b.*\/.*seq 3\b/);
    }
    expect(p.logRows).toEqual([]);
    expect(p.acceptedThroughSeq).toBe(2);
    expect(p.device).toMatchObject({ last_seq: 2, last_at: NOW - MIN });
  });

  it("seqs 'increasing' (a bot chat's update ids): a gap is not waited for, an old id is still a duplicate", () => {
    const p = plan([entry(507, NOW - MIN), entry(480, NOW - MIN), entry(900, NOW)], { device: device(500, NOW - 2 * MIN), seqs: 'increasing' });
    expect(kinds(p)).toEqual(['507:accepted', '480:duplicate', '900:accepted']);
    expect(p.acceptedThroughSeq).toBe(900);
    expect(plan([entry(7, NOW)], { device: device(5, null) }).results[0]).toMatchObject({ result: 'refused', code: 'conflict' });
  });

  it('accepts up to a gap inside the batch and holds back the rest', () => {
    // 1 and 2 go in; 3 is missing, so 4 and 6 wait (both name seq 3, the first missing one).
    const p = plan([entry(6, NOW), entry(1, NOW - 4 * MIN), entry(4, NOW), entry(2, NOW - 3 * MIN)]);
    expect(kinds(p)).toEqual(['6:refused', '1:accepted', '4:refused', '2:accepted']);
    expect((p.results[0] as { message: string }).message).toContain('seq 3');
    expect((p.results[2] as { message: string }).message).toContain('seq 3');
    expect(p.acceptedThroughSeq).toBe(2);
  });

  it('an empty batch still records the device (last_seen) and settles nothing', () => {
    const p = plan([]);
    expect(p.results).toEqual([]);
    expect(p.device).toEqual({ device_id: 'd1', employee_id: 'u1', last_seq: 0, last_seen: NOW, last_at: null });
  });

  it('a shared device keeps its seq counter when another employee uses it', () => {
    const p = plan([entry(4, NOW)], { device: { ...device(3, NOW - MIN), employee_id: 'someone-else' } });
    expect(kinds(p)).toEqual(['4:accepted']);
    expect(p.device.employee_id).toBe('u1');
    expect(p.logRows[0].employee_id).toBe('u1');
  });
});

describe('planIngest: clock correction and clamping', () => {
  it('moves the client time by now - sent_at', () => {
    // The client clock is 7 minutes behind: it sent at NOW - 7 min by its clock.
    // An entry made at NOW - 10 min by its clock happened at NOW - 10 + 7 = NOW - 3 min.
    const p = plan([entry(1, NOW - 10 * MIN)], { sentAt: NOW - 7 * MIN });
    expect(p.results[0]).toEqual({ seq: 1, entry_id: 'e1', result: 'accepted', at: NOW - 3 * MIN });
    expect(p.logRows[0]).toMatchObject({ at: NOW - 3 * MIN, client_at: NOW - 10 * MIN, received_at: NOW });
  });

  it('never puts an entry after now', () => {
    // The entry's clock time is 5 min after the client's own sent_at (its clock was set back in between):
    // corrected = NOW + 5 min, clamped to NOW.
    const p = plan([entry(1, NOW + 2 * MIN)], { sentAt: NOW - 3 * MIN });
    expect(p.logRows[0].at).toBe(NOW);
  });

  it("never puts an entry before the device's previous accepted entry (stored last_at)", () => {
    // last_at is NOW - 2 min; the entry corrects to NOW - 9 min, so it takes NOW - 2 min.
    const p = plan([entry(6, NOW - 9 * MIN)], { device: device(5, NOW - 2 * MIN) });
    expect(p.logRows[0].at).toBe(NOW - 2 * MIN);
    expect(p.device.last_at).toBe(NOW - 2 * MIN);
  });

  it('never puts an entry before the previous entry of the same batch', () => {
    // seq 1 at NOW - 1 min; seq 2 claims NOW - 30 min (clock set back): it is clamped to NOW - 1 min;
    // seq 3 at NOW - 30 s is after that and stays.
    const p = plan([entry(1, NOW - MIN), entry(2, NOW - 30 * MIN), entry(3, NOW - MIN / 2)]);
    expect(p.logRows.map((r) => r.at)).toEqual([NOW - MIN, NOW - MIN, NOW - MIN / 2]);
    expect(p.logRows.map((r) => r.client_at)).toEqual([NOW - MIN, NOW - 30 * MIN, NOW - MIN / 2]);
  });

  it('when the server clock is behind last_at, the device order wins over "not after now"', () => {
    expect(correctedTime(NOW - MIN, 0, NOW, NOW + 500)).toBe(NOW + 500);
    expect(correctedTime(NOW + MIN, 0, NOW, null)).toBe(NOW);
    expect(correctedTime(NOW - MIN, 30_000, NOW, null)).toBe(NOW - 30_000);
  });
});

describe('planIngest: refusals for good', () => {
  it('refuses an entry older than the retention window, consumes its seq, and goes on', () => {
    // Retention 90 days. seq 4 corrects to NOW - 91 days: refused, but settled; seq 5 (NOW - 1 min) goes in.
    const p = plan([entry(4, NOW - 91 * DAY), entry(5, NOW - MIN)], { device: device(3, null) });
    expect(p.results[0]).toMatchObject({ seq: 4, result: 'refused', code: 'bad_request' });
    expect((p.results[0] as { message: string }).message).toMatch(/retention window \(90 days\) \/ Старше срока хранения/);
    expect(p.results[1]).toMatchObject({ seq: 5, result: 'accepted', at: NOW - MIN });
    expect(p.logRows.map((r) => r.seq)).toEqual([5]);
    expect(p.acceptedThroughSeq).toBe(5);
  });

  it('a refused entry does not become the clamp floor, and a resend of it is a duplicate', () => {
    const first = plan([entry(1, NOW - 100 * DAY)]);
    expect(first.device).toMatchObject({ last_seq: 1, last_at: null });
    const again = plan([entry(1, NOW - 100 * DAY)], { device: first.device });
    expect(kinds(again)).toEqual(['1:duplicate']);
  });

  it('checks retention on the clamped time: one exactly at the edge is kept', () => {
    const p = plan([entry(1, NOW - RETENTION), entry(2, NOW - RETENTION - 1)]);
    // seq 2 is 1 ms older than the window by its clock, but the clamp lifts it to seq 1's time, inside it.
    expect(kinds(p)).toEqual(['1:accepted', '2:accepted']);
    expect(p.logRows.map((r) => r.at)).toEqual([NOW - RETENTION, NOW - RETENTION]);
  });

  it('refuses an entry naming another employee (forbidden) and consumes its seq', () => {
    const p = plan([entry(1, NOW, { employee_id: 'u2' }), entry(2, NOW, { employee_id: 'u1' })]);
    expect(p.results[0]).toMatchObject({ result: 'refused', code: 'forbidden' });
    expect(p.results[1]).toMatchObject({ result: 'accepted' });
    expect(p.acceptedThroughSeq).toBe(2);
  });

  it('refuses an unknown status when the known ones are given', () => {
    const known = new Set(['work', 'break']);
    const p = plan([entry(1, NOW, { status: 'nap' }), entry(2, NOW, { status: 'break' })], { isKnownStatus: (c) => known.has(c) });
    expect(p.results[0]).toMatchObject({ result: 'refused', code: 'bad_request' });
    expect((p.results[0] as { message: string }).message).toContain('"nap"');
    expect(kinds(p)).toEqual(['1:refused', '2:accepted']);
  });
});

describe('planIngest: Log rows', () => {
  it('carries every column, the comment exactly as given and "" when absent', () => {
    const p = plan([entry(1, NOW - 2 * MIN, { comment: '=SUM(A1) ', offline: true, status: 'break' }), entry(2, NOW - MIN)], {
      sentAt: NOW - MIN, source: 'bot',
    });
    // Offset +1 min: NOW - 2 min -> NOW - 1 min; NOW - 1 min -> NOW.
    expect(p.logRows).toEqual<LogRow[]>([
      { entry_id: 'e1', employee_id: 'u1', status: 'break', at: NOW - MIN, client_at: NOW - 2 * MIN, received_at: NOW, device_id: 'd1', seq: 1, source: 'bot', offline: true, comment: '=SUM(A1) ' },
      { entry_id: 'e2', employee_id: 'u1', status: 'work', at: NOW, client_at: NOW - MIN, received_at: NOW, device_id: 'd1', seq: 2, source: 'bot', offline: false, comment: '' },
    ]);
    expect(p.accepted).toEqual([
      { entry_id: 'e1', status: 'break', at: NOW - MIN, source: 'bot', device_id: 'd1', seq: 1 },
      { entry_id: 'e2', status: 'work', at: NOW, source: 'bot', device_id: 'd1', seq: 2 },
    ]);
  });
});

describe('planIngest: times outside the window and the text rule (issue 8)', () => {
  const refusedFor = (p: IngestPlan) => p.results.map((r) => (r.result === 'refused' ? `${r.seq}:${r.code}` : `${r.seq}:${r.result}`));

  it("refuses an entry whose own time is outside 1970..2100 for good, and takes the next one", () => {
    const p = plan([entry(1, 8_640_000_000_000_000), entry(2, -1), entry(3, CLIENT_TIME_MAX_MS), entry(4, CLIENT_TIME_MIN_MS), entry(5, NOW - MIN)]);
    expect(refusedFor(p)).toEqual(['1:bad_request', '2:bad_request', '3:bad_request', '4:bad_request', '5:accepted']);
    // 1970 itself is in the window: entry 4 is refused only as older than the retention window.
    expect((p.results[3] as { message: string }).message).toMatch(/retention/);
    expect((p.results[0] as { message: string }).message).toMatch(/not plausible.*\/.*неправдоподобно/);
    expect(p.acceptedThroughSeq).toBe(5);
    expect(p.logRows.map((r) => r.seq)).toEqual([5]);
  });

  it("accepts a device clock reset to 1970: the correction by sent_at puts its entries right", () => {
    const boot = 5 * MIN; // the device thinks it is 00:05 on 1970-01-01
    const p = plan([entry(1, boot - 2 * MIN, { comment: 'reset clock' })], { sentAt: boot });
    expect(p.results[0]).toEqual({ seq: 1, entry_id: 'e1', result: 'accepted', at: NOW - 2 * MIN });
    expect(p.logRows[0]).toMatchObject({ at: NOW - 2 * MIN, client_at: boot - 2 * MIN });
  });

  it('refuses every entry of a request whose sent_at is outside the window, saying the clock is wrong', () => {
    const p = plan([entry(1, NOW - MIN), entry(2, NOW)], { sentAt: CLIENT_TIME_MAX_MS + 1 });
    expect(refusedFor(p)).toEqual(['1:bad_request', '2:bad_request']);
    expect((p.results[0] as { message: string }).message).toMatch(/clock.*sent_at.*\/.*[Чч]асы/);
    expect(p.acceptedThroughSeq).toBe(2);
    expect(p.logRows).toEqual([]);
  });

  it('whatever the clocks send, every accepted row holds times a datetime cell takes (property)', () => {
    const clientMs = fc.oneof(
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: CLIENT_TIME_MIN_MS - DAY, max: CLIENT_TIME_MAX_MS + DAY }),
      fc.integer({ min: NOW - 3 * DAY, max: NOW + 3 * DAY }),
    );
    fc.assert(
      fc.property(clientMs, fc.array(clientMs, { minLength: 1, maxLength: 6 }), (sentAt, ats) => {
        const p = plan(ats.map((at, i) => entry(i + 1, at)), { sentAt });
        expect(p.acceptedThroughSeq).toBe(ats.length); // every entry settled: nothing jams the queue
        for (const row of p.logRows) {
          for (const ms of [row.at, row.client_at, row.received_at]) expect(() => encodeCell('datetime', ms)).not.toThrow();
          expect(row.client_at).toBeGreaterThanOrEqual(CLIENT_TIME_MIN_MS);
          expect(row.client_at).toBeLessThan(CLIENT_TIME_MAX_MS);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('stores a comment under the text rule and answers with what it stored when that differs', () => {
    const p = plan([entry(1, NOW - 2 * MIN, { comment: '\r=1+1\0' }), entry(2, NOW - MIN, { comment: 'as is 🙂' }), entry(3, NOW)]);
    expect(p.results).toEqual([
      { seq: 1, entry_id: 'e1', result: 'accepted', at: NOW - 2 * MIN, comment: '\n=1+1' },
      { seq: 2, entry_id: 'e2', result: 'accepted', at: NOW - MIN },
      { seq: 3, entry_id: 'e3', result: 'accepted', at: NOW },
    ]);
    expect(p.logRows.map((r) => r.comment)).toEqual(['\n=1+1', 'as is 🙂', '']);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties: a simulated server (Devices row + Log array) and a simulated client (an outbox that keeps
// every entry until the server says it is settled, and resends).

interface Server {
  device: DeviceRow | null;
  log: LogRow[];
}

function deliver(server: Server, now: number, sentAt: number, entries: SyncEntry[], retentionMs = RETENTION): IngestPlan {
  const p = planIngest({ now, sentAt, employeeId: 'u1', deviceId: 'd1', source: 'web', entries, device: server.device, retentionMs });
  server.log.push(...p.logRows);
  server.device = p.device;
  return p;
}

/** The Log without received_at, which says when a row arrived, not what it is. */
const content = (log: LogRow[]) => log.map(({ received_at: _r, ...rest }) => rest);

const madeEntry = fc.record({
  status: fc.constantFrom('work', 'break', 'lunch'),
  gapMs: fc.integer({ min: 0, max: 10 * MIN }),
  comment: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
  offline: fc.boolean(),
});

const send = fc.record({
  /** Which unsettled entries go in this batch. */
  pick: fc.array(fc.boolean(), { maxLength: 30 }),
  /** Settled entries sent again (a reply that the client thinks was lost). */
  resend: fc.array(fc.nat(), { maxLength: 4 }),
  /** Copies of entries inside the batch. */
  copies: fc.array(fc.nat(), { maxLength: 3 }),
  /** Sort keys that shuffle the batch. */
  order: fc.array(fc.double({ noNaN: true }), { maxLength: 40 }),
  lostReply: fc.boolean(),
  waitMs: fc.integer({ min: 0, max: 5 * MIN }),
});

const action = fc.oneof(fc.constant({ kind: 'create' as const }), send.map((s) => ({ kind: 'send' as const, ...s })));

describe('planIngest properties', () => {
  it('any duplication, reordering or splitting of batches gives the Log of delivering each entry once in order', () => {
    fc.assert(
      fc.property(
        fc.array(madeEntry, { minLength: 1, maxLength: 25 }),
        fc.array(action, { maxLength: 40 }),
        fc.integer({ min: -3_600_000, max: 3_600_000 }),
        (made, actions, skew) => {
          const server: Server = { device: null, log: [] };
          let serverNow = NOW;
          const outbox: SyncEntry[] = [];
          const history: SyncEntry[] = [];
          const createdAt: number[] = [];

          const create = () => {
            const m = made[history.length];
            serverNow += m.gapMs;
            const e: SyncEntry = { seq: history.length + 1, entry_id: `id-${history.length + 1}`, status: m.status, at: serverNow + skew, offline: m.offline };
            if (m.comment !== undefined) e.comment = m.comment;
            createdAt.push(serverNow);
            history.push(e);
            outbox.push(e);
          };
          const sendBatch = (batch: SyncEntry[], lost: boolean) => {
            // sent_at is the client's clock; the reply comes at once (no delay), so the correction is exact.
            const p = deliver(server, serverNow, serverNow + skew, batch);
            expect(p.results.map((r) => [r.seq, r.entry_id])).toEqual(batch.map((e) => [e.seq, e.entry_id]));
            for (const r of p.results) if (r.result === 'refused') expect(r.code).toBe('conflict');
            if (!lost) for (let i = outbox.length - 1; i >= 0; i--) if (outbox[i].seq <= p.acceptedThroughSeq) outbox.splice(i, 1);
          };

          for (const a of actions) {
            if (a.kind === 'create') {
              if (history.length < made.length) create();
              continue;
            }
            serverNow += a.waitMs;
            const batch = outbox.filter((_, i) => a.pick[i % Math.max(1, a.pick.length)] ?? true);
            for (const n of a.resend) if (history.length) batch.push(history[n % history.length]);
            for (const n of a.copies) if (batch.length) batch.push(batch[n % batch.length]);
            const keyed = batch.map((e, i) => ({ e, k: a.order[i] ?? i }));
            keyed.sort((x, y) => x.k - y.k);
            sendBatch(keyed.map((x) => x.e), a.lostReply);
          }
          while (history.length < made.length) create();
          // The client keeps trying until every entry is settled; the whole queue, in order, always works.
          for (let round = 0; outbox.length > 0; round++) {
            expect(round).toBeLessThan(2);
            serverNow += MIN;
            sendBatch([...outbox], false);
          }

          // Reference: each entry once, in order, at the moment it was made.
          const reference: Server = { device: null, log: [] };
          history.forEach((e, i) => deliver(reference, createdAt[i], createdAt[i] + skew, [e]));

          expect(content(server.log)).toEqual(content(reference.log));
          expect(server.log.map((r) => r.seq)).toEqual(history.map((e) => e.seq));
          expect(server.device?.last_seq).toBe(made.length);
          expect(server.device?.last_at).toBe(reference.device?.last_at);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('corrected times never decrease in seq order and are never after now, whatever the clocks do', () => {
    const request = fc.record({
      size: fc.integer({ min: 0, max: 6 }),
      waitMs: fc.integer({ min: 0, max: 2 * 3_600_000 }),
      clientOffset: fc.integer({ min: -48 * 3_600_000, max: 48 * 3_600_000 }),
      entryOffsets: fc.array(fc.integer({ min: -3 * DAY, max: 3 * DAY }), { minLength: 6, maxLength: 6 }),
      reverse: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 15 }), fc.integer({ min: 1, max: 5 }), (requests, retentionDays) => {
        const server: Server = { device: null, log: [] };
        let now = NOW;
        let seq = 0;
        for (const r of requests) {
          now += r.waitMs;
          const sentAt = now + r.clientOffset;
          const batch = Array.from({ length: r.size }, (_, i) => entry(++seq, Math.max(0, sentAt + r.entryOffsets[i])));
          if (r.reverse) batch.reverse();
          const p = deliver(server, now, sentAt, batch, retentionDays * DAY);
          // Whole, gap-free batches are always settled completely.
          expect(p.acceptedThroughSeq).toBe(seq);
          for (const row of p.logRows) {
            expect(row.at).toBeLessThanOrEqual(now);
            expect(row.at).toBeGreaterThanOrEqual(now - retentionDays * DAY);
          }
        }
        const ats = server.log.map((row) => row.at);
        expect(ats).toEqual([...ats].sort((a, b) => a - b));
        expect(server.log.map((row) => row.seq)).toEqual([...server.log.map((row) => row.seq)].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
});
