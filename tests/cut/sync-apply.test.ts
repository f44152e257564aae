// applyEntries (services/status-writes.ts): the one place that decides today's date and the live status for
// every status write. A cut write repaired later merges its entries again, or after another device's, so
// the result must depend only on the set of entries, never on the order or the repeats they come in.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEntries } from '../../appsscript/src/services/status-writes.ts';
import type { CurrentRow, DayEntry } from '../../appsscript/src/domain/model.ts';

const MIN = 60_000;
const TODAY = Date.UTC(2026, 10, 24);
const NOW = TODAY + 12 * 60 * MIN;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const e = (id: string, status: string, at: number, device = 'd1', seq = 1): DayEntry => ({ entry_id: id, status, at, source: 'web', device_id: device, seq });
const live = (r: CurrentRow) => ({ status: r.status, since: r.since, day: r.day, timeline: r.timeline.map((x) => x.entry_id) });

describe('applyEntries', () => {
  it("keeps today's entries in the timeline and takes the status of the last run since its start", () => {
    const rows: CurrentRow[] = [];
    const row = applyEntries(rows, 'e001', [e('a', 'work', TODAY + 9 * 60 * MIN), e('b', 'break', TODAY + 11 * 60 * MIN), e('c', 'break', TODAY + 11 * 60 * MIN + 5 * MIN, 'd2')], NOW, dateOf);
    expect(rows).toEqual([row]);
    expect(live(row)).toEqual({ status: 'break', since: TODAY + 11 * 60 * MIN, day: '2026-11-24', timeline: ['a', 'b', 'c'] });
    expect(row).toMatchObject({ last_seen: NOW, device_id: 'd2' });
  });

  it('starts a new day with an empty timeline; a late entry of an earlier day is Log only, carried as the status if newer', () => {
    const rows: CurrentRow[] = [];
    applyEntries(rows, 'e001', [e('y1', 'work', TODAY - 6 * 60 * MIN)], TODAY - 60 * MIN, dateOf);
    const row = applyEntries(rows, 'e001', [e('y2', 'offline', TODAY - 2 * 60 * MIN)], TODAY + 30 * MIN, dateOf);
    expect(live(row)).toEqual({ status: 'offline', since: TODAY - 2 * 60 * MIN, day: '2026-11-24', timeline: [] });
    // An older one than the status held changes nothing.
    expect(live(applyEntries(rows, 'e001', [e('y0', 'work', TODAY - 8 * 60 * MIN)], TODAY + 40 * MIN, dateOf)).status).toBe('offline');
    // The first entry of today decides from then on.
    expect(live(applyEntries(rows, 'e001', [e('t1', 'work', TODAY + 45 * MIN)], NOW, dateOf))).toEqual({ status: 'work', since: TODAY + 45 * MIN, day: '2026-11-24', timeline: ['t1'] });
  });

  it('gives the same row for any split, order and repetition of the same entries (property)', () => {
    const entryArb = fc.record({
      status: fc.constantFrom('work', 'break', 'lunch'),
      minute: fc.integer({ min: -180, max: 11 * 60 }), // some of yesterday evening, most of today
      device: fc.constantFrom('d1', 'd2', 'tg-1'),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (specs, picks) => {
        const all = specs.map((s, i) => e(`x${i}`, s.status, TODAY + s.minute * MIN, s.device, i + 1));
        fc.pre(all.some((x) => dateOf(x.at) === '2026-11-24'));
        const once = applyEntries([], 'e001', all, NOW, dateOf);
        // Deliveries: every entry at least once, in an order and grouping driven by `picks`, with repeats.
        const rows: CurrentRow[] = [];
        const order = [...all.map((_, i) => i), ...picks.map((p) => p % all.length)].sort((a, b) => ((a * 7919 + picks[a % picks.length]) % 31) - ((b * 7919 + picks[b % picks.length]) % 31));
        for (let k = 0; k < order.length; k += 1 + (picks[k % picks.length] % 3)) {
          applyEntries(rows, 'e001', order.slice(k, k + 1 + (picks[k % picks.length] % 3)).map((i) => all[i]), NOW, dateOf);
        }
        expect(live(rows[0])).toEqual(live(once));
      }),
    );
  });
});
