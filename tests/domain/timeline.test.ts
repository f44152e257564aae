import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SyncEntry } from '../../common/api.ts';
import { planIngest } from '../../appsscript/src/domain/ingest.ts';
import {
  compareEntries, currentOf, dayEntriesFromLog, entriesInDay, mergeDay, segments,
} from '../../appsscript/src/domain/timeline.ts';
import type { DayEntry, DeviceRow, LogRow } from '../../appsscript/src/domain/model.ts';

const MIN = 60_000;
const T9 = Date.UTC(2026, 10, 24, 9, 0); // 09:00 of the day, as an instant

function e(device_id: string, seq: number, status: string, at: number, source: DayEntry['source'] = 'web'): DayEntry {
  return { entry_id: `${device_id}-${seq}`, status, at, source, device_id, seq };
}

describe('mergeDay: THE RULE for devices offline at the same time', () => {
  it('orders all devices by corrected time; each status holds until the next entry of any device', () => {
    // Phone, offline: break at 10:00, work at 10:15. Desk PC, offline too: meeting at 10:05.
    // The phone syncs first, the PC later; the meeting slots in between.
    const phone = [e('phone', 1, 'break', T9 + 60 * MIN), e('phone', 2, 'work', T9 + 75 * MIN)];
    const pc = [e('pc', 7, 'meeting', T9 + 65 * MIN)];
    const day = mergeDay(mergeDay([], phone), pc);
    expect(day.map((x) => x.entry_id)).toEqual(['phone-1', 'pc-7', 'phone-2']);
    expect(segments(day, T9 + 120 * MIN)).toEqual([
      { status: 'break', start: T9 + 60 * MIN, end: T9 + 65 * MIN, source: 'web' },
      { status: 'meeting', start: T9 + 65 * MIN, end: T9 + 75 * MIN, source: 'web' },
      { status: 'work', start: T9 + 75 * MIN, end: null, source: 'web' },
    ]);
    // Arriving the other way round gives the same day.
    expect(mergeDay(mergeDay([], pc), phone)).toEqual(day);
  });

  it('breaks a tie of the same millisecond by device_id, then seq', () => {
    const a = e('b-dev', 1, 'break', T9);
    const b = e('a-dev', 9, 'lunch', T9);
    const c = e('a-dev', 3, 'work', T9);
    expect(mergeDay([], [a, b, c]).map((x) => x.entry_id)).toEqual(['a-dev-3', 'a-dev-9', 'b-dev-1']);
    expect(compareEntries(c, b)).toBeLessThan(0);
    expect(compareEntries(b, a)).toBeLessThan(0);
    expect(compareEntries(a, a)).toBe(0);
  });

  it('does not add an entry_id twice, and keeps the copy already there', () => {
    const first = e('pc', 1, 'work', T9);
    expect(mergeDay([first], [{ ...first, at: T9 + MIN, status: 'break' }])).toEqual([first]);
    expect(mergeDay([], [first, { ...first, status: 'break' }])).toEqual([first]);
  });
});

describe('segments', () => {
  it('collapses consecutive entries of the same status into one segment, started by the first', () => {
    // work 09:00 (web), work 09:10 (bot confirms), break 10:00, break 10:05, work 10:15.
    const day = [
      e('pc', 1, 'work', T9), e('bot', 1, 'work', T9 + 10 * MIN, 'bot'), e('pc', 2, 'break', T9 + 60 * MIN),
      e('phone', 1, 'break', T9 + 65 * MIN), e('pc', 3, 'work', T9 + 75 * MIN),
    ];
    expect(segments(day, T9 + 80 * MIN)).toEqual([
      { status: 'work', start: T9, end: T9 + 60 * MIN, source: 'web' },
      { status: 'break', start: T9 + 60 * MIN, end: T9 + 75 * MIN, source: 'web' },
      { status: 'work', start: T9 + 75 * MIN, end: null, source: 'web' },
    ]);
  });

  it('leaves out entries after `until` and keeps the last shown segment open', () => {
    const day = [e('pc', 1, 'work', T9), e('pc', 2, 'break', T9 + 60 * MIN)];
    expect(segments(day, T9 + 59 * MIN)).toEqual([{ status: 'work', start: T9, end: null, source: 'web' }]);
    // An entry exactly at `until` is shown.
    expect(segments(day, T9 + 60 * MIN).map((s) => s.status)).toEqual(['work', 'break']);
    expect(segments([], T9)).toEqual([]);
  });

  it('at the same millisecond only the last entry in day order counts: no zero-length segment', () => {
    // work 09:00; at 10:00 pc says break and phone says work (pc < phone): work wins, so work never stopped.
    const day = mergeDay([], [e('pc', 1, 'work', T9), e('pc', 2, 'break', T9 + 60 * MIN), e('phone', 1, 'work', T9 + 60 * MIN)]);
    expect(segments(day, T9 + 90 * MIN)).toEqual([{ status: 'work', start: T9, end: null, source: 'web' }]);
    // Three at 10:00: break, lunch, meeting: meeting from 10:00.
    const three = mergeDay([], [e('a', 1, 'work', T9), e('a', 2, 'break', T9 + 60 * MIN), e('a', 3, 'lunch', T9 + 60 * MIN), e('a', 4, 'meeting', T9 + 60 * MIN)]);
    expect(segments(three, T9 + 90 * MIN)).toEqual([
      { status: 'work', start: T9, end: T9 + 60 * MIN, source: 'web' },
      { status: 'meeting', start: T9 + 60 * MIN, end: null, source: 'web' },
    ]);
  });

  it('sorts a day given out of order', () => {
    const day = [e('pc', 2, 'break', T9 + 60 * MIN), e('pc', 1, 'work', T9)];
    expect(segments(day, T9 + 61 * MIN).map((s) => s.status)).toEqual(['work', 'break']);
  });
});

describe('currentOf', () => {
  it('is the last status, since the start of its run', () => {
    // work from 09:00 (pc), confirmed at 09:30 by the bot: current is work since 09:00.
    const day = mergeDay([], [e('pc', 1, 'break', T9 - 30 * MIN), e('pc', 2, 'work', T9), e('bot', 1, 'work', T9 + 30 * MIN, 'bot')]);
    expect(currentOf(day)).toEqual({ status: 'work', since: T9 });
    expect(currentOf([])).toBeNull();
  });
});

describe('dayEntriesFromLog', () => {
  it('keeps only the employee and the day [start, end)', () => {
    const row = (entry_id: string, employee_id: string, at: number): LogRow => ({
      entry_id, employee_id, status: 'work', at, client_at: at, received_at: at, device_id: 'd', seq: 1, source: 'web', offline: false, comment: '',
    });
    const start = T9 - 9 * 60 * MIN;
    const end = start + 24 * 60 * MIN;
    const rows = [row('before', 'u1', start - 1), row('first', 'u1', start), row('other', 'u2', T9), row('last', 'u1', end - 1), row('after', 'u1', end)];
    expect(dayEntriesFromLog(rows, 'u1', start, end).map((x) => x.entry_id)).toEqual(['first', 'last']);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const STATUSES = ['work', 'break', 'lunch', 'meeting'] as const;

/**
 * Entries of one device: seq 1..n, times non-decreasing (as clamping makes them), on a whole-minute grid
 * so that entries of the same instant (in one device and across devices) are common.
 */
function deviceEntries(device_id: string) {
  return fc.array(fc.record({ gap: fc.integer({ min: 0, max: 6 }), status: fc.constantFrom(...STATUSES) }), { maxLength: 15 }).map((xs) => {
    let at = T9;
    return xs.map((x, i) => {
      at += x.gap * MIN;
      return e(device_id, i + 1, x.status, at);
    });
  });
}

/** Cuts a list into consecutive batches at the given points. */
function batches<T>(xs: T[], cuts: number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (xs.length + 1)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const p of [...points, xs.length]) {
    out.push(xs.slice(from, p));
    from = p;
  }
  return out;
}

describe('timeline properties', () => {
  it('mergeDay does not care in which order the batches of two devices arrive, and is idempotent', () => {
    fc.assert(
      fc.property(
        deviceEntries('phone'), deviceEntries('pc'),
        fc.array(fc.nat(), { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(fc.double({ noNaN: true }), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 4 }),
        (phone, pc, phoneCuts, pcCuts, order, repeats) => {
          const all = [...batches(phone, phoneCuts), ...batches(pc, pcCuts)];
          for (const r of repeats) if (all.length) all.push(all[r % all.length]); // batches re-delivered
          const arrival = all.map((b, i) => ({ b, k: order[i] ?? i })).sort((x, y) => x.k - y.k).map((x) => x.b);

          const merged = arrival.reduce<DayEntry[]>((day, batch) => mergeDay(day, batch), []);
          const once = mergeDay([], [...phone, ...pc]);
          expect(merged).toEqual(once);
          expect(mergeDay(merged, merged)).toEqual(merged);
          expect(mergeDay(merged, phone)).toEqual(merged);
          // Each device's own entries stay in its seq order.
          for (const dev of ['phone', 'pc']) {
            const seqs = merged.filter((x) => x.device_id === dev).map((x) => x.seq);
            expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('segments cover the day from its first entry without gap or overlap, and neighbours differ', () => {
    fc.assert(
      fc.property(deviceEntries('phone'), deviceEntries('pc'), fc.integer({ min: 0, max: 6 * 60 * MIN }), (phone, pc, untilAfter) => {
        const day = mergeDay(phone, pc);
        const until = T9 + untilAfter;
        const segs = segments(day, until);
        const shown = day.filter((x) => x.at <= until);
        if (shown.length === 0) {
          expect(segs).toEqual([]);
          return;
        }
        expect(segs[0].start).toBe(shown[0].at);
        segs.forEach((s, i) => {
          expect(s.start).toBeLessThanOrEqual(until);
          if (i === segs.length - 1) {
            expect(s.end).toBeNull();
            return;
          }
          expect(s.end).toBe(segs[i + 1].start);
          expect(s.start).toBeLessThan(s.end as number);
          expect(s.status).not.toBe(segs[i + 1].status);
        });
        // At every entry's moment, the status shown is that of the last entry at or before it.
        for (const x of shown) {
          const last = shown.filter((y) => y.at <= x.at).at(-1) as DayEntry;
          const seg = segs.find((s) => s.start <= x.at && (s.end === null || x.at < s.end));
          expect(seg?.status).toBe(last.status);
        }
        expect(currentOf(day)?.status).toBe(day.at(-1)?.status);
      }),
      { numRuns: 300 },
    );
  });

  it('rebuilding a day from Log equals merging each accepted batch as it arrived', () => {
    const DAY = 24 * 60 * MIN;
    const dayStart = T9 - 9 * 60 * MIN;
    const dayEnd = dayStart + DAY;
    const request = fc.record({
      who: fc.constantFrom(['u1', 'phone'], ['u1', 'pc'], ['u2', 'pc2']),
      size: fc.integer({ min: 0, max: 4 }),
      waitMs: fc.integer({ min: 0, max: 8 * 60 * MIN }),
      clientOffset: fc.integer({ min: -2 * 60 * MIN, max: 2 * 60 * MIN }),
      ages: fc.array(fc.integer({ min: 0, max: 10 * 60 * MIN }), { minLength: 4, maxLength: 4 }),
      status: fc.constantFrom(...STATUSES),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 20 }), fc.array(fc.double({ noNaN: true }), { maxLength: 60 }), (requests, shuffle) => {
        const devices = new Map<string, DeviceRow>();
        const log: LogRow[] = [];
        let now = dayStart - 3 * 60 * MIN; // starts the evening before and runs into the next day
        let incremental: DayEntry[] = [];
        for (const r of requests) {
          now += r.waitMs;
          const [employeeId, deviceId] = r.who;
          const device = devices.get(deviceId) ?? null;
          const from = device?.last_seq ?? 0;
          const sentAt = now + r.clientOffset;
          const entries: SyncEntry[] = r.ages.slice(0, r.size).map((age, i) => ({
            seq: from + i + 1, entry_id: `${deviceId}-${from + i + 1}`, status: r.status, at: sentAt - age,
          }));
          const p = planIngest({ now, sentAt, employeeId, deviceId, source: 'web', entries, device, retentionMs: 30 * DAY });
          devices.set(deviceId, p.device);
          log.push(...p.logRows);
          // The service's incremental path: this employee's accepted entries of that day, merged in.
          if (employeeId === 'u1') incremental = mergeDay(incremental, entriesInDay(p.accepted, dayStart, dayEnd));
        }
        const shuffled = log.map((row, i) => ({ row, k: shuffle[i] ?? i })).sort((a, b) => a.k - b.k).map((x) => x.row);
        expect(dayEntriesFromLog(shuffled, 'u1', dayStart, dayEnd)).toEqual(incremental);
      }),
      { numRuns: 200 },
    );
  });
});
