// Properties of the rules and measures over generated days: bounds, a day that follows its schedule
// exactly, stability as `now` advances, and independence from the order of the inputs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ZonedTime } from '../../appsscript/src/domain/calendar.ts';
import { scheduleOf } from '../../appsscript/src/domain/today.ts';
import {
  dailySummary, detectViolations, groupConcurrency, measureDay, type EmployeeDay, type GroupSnapshot, type NeutralPeriod,
} from '../../appsscript/src/domain/rules/index.ts';
import type { DayEntry, PlannedBreakRow, Rule, Shift } from '../../appsscript/src/domain/model.ts';
import { STATUSES } from './rules-fixtures.ts';

const MIN = 60_000;
const DATE = '2026-11-24';
const utc: ZonedTime = (date, time) => Date.parse(`${date}T${time}:00Z`);
const utcText = (at: number) => new Date(at).toISOString().slice(11, 16);
const MIDNIGHT = utc(DATE, '00:00');
const hhmm = (minute: number) => {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

const arbRule = (status: string): fc.Arbitrary<Rule> =>
  fc.record({
    rule_set: fc.constant('s'),
    status: fc.constant(status),
    max_per_shift: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    max_minutes: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
    grace_minutes: fc.integer({ min: 0, max: 10 }),
    window_tolerance_minutes: fc.integer({ min: 0, max: 30 }),
    min_gap_minutes: fc.constant<number | null>(null),
  });

/** Rules for some of work, break, lunch (each status at most once), plus a row of another rule set. */
const arbRules: fc.Arbitrary<Rule[]> = fc
  .tuple(fc.option(arbRule('work'), { nil: null }), fc.option(arbRule('break'), { nil: null }), fc.option(arbRule('lunch'), { nil: null }))
  .map((rs) => [...rs.filter((r): r is Rule => r !== null), { rule_set: 'other', status: 'break', max_per_shift: 0, max_minutes: 1, grace_minutes: 0, window_tolerance_minutes: 0, min_gap_minutes: null }]);

const arbShiftFrame = fc.record({ start: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 60, max: 720 }) });

function shiftOf(start: number, length: number, breaks: PlannedBreakRow[]): Shift {
  return { date: DATE, employee_id: 'u1', shift_start: hhmm(start), shift_end: hhmm(start + length), breaks };
}

/** Any planned breaks, overlapping or outside the shift. */
const arbAnyShift: fc.Arbitrary<{ shift: Shift; start: number; length: number }> = arbShiftFrame.chain(({ start, length }) =>
  fc
    .array(
      fc.record({
        status: fc.constantFrom('break', 'lunch', 'meeting'),
        // Often on a half-hour grid, so that planned breaks share a start.
        at: fc.oneof(fc.integer({ min: -2, max: Math.ceil(length / 30) + 2 }).map((q) => q * 30), fc.integer({ min: -60, max: length + 60 })),
        minutes: fc.oneof(fc.constantFrom(15, 30), fc.integer({ min: 1, max: 90 })),
      }),
      { maxLength: 4 },
    )
    .map((bs) => ({ start, length, shift: shiftOf(start, length, bs.map((b) => ({ status: b.status, start: hhmm(start + b.at), minutes: b.minutes }))) })),
);

/** Entries around the shift, on a coarse grid so that many share a millisecond, from two devices. */
function arbEntries(base: number, length: number): fc.Arbitrary<DayEntry[]> {
  const minute = fc.oneof(fc.integer({ min: -4, max: Math.ceil(length / 15) + 8 }).map((q) => q * 15), fc.integer({ min: -60, max: length + 120 }));
  return fc
    .array(
      fc.record({
        minute,
        status: fc.constantFrom('work', 'break', 'lunch', 'meeting', 'training', 'offline', 'ghost'),
        device: fc.constantFrom('a', 'b'),
        source: fc.constantFrom<DayEntry['source']>('web', 'bot', 'admin', 'system'),
      }),
      { maxLength: 25 },
    )
    .map((raw) => {
      const seq = { a: 0, b: 0 };
      return raw.map((r) => {
        seq[r.device] += 1;
        return { entry_id: `${r.device}-${seq[r.device]}`, status: r.status, at: base + r.minute * MIN, source: r.source, device_id: r.device, seq: seq[r.device] };
      });
    });
}

function arbNeutral(base: number, length: number): fc.Arbitrary<NeutralPeriod[]> {
  return fc.array(
    fc
      .record({ from: fc.integer({ min: -60, max: length + 60 }), minutes: fc.integer({ min: 1, max: 120 }), who: fc.constantFrom<readonly string[] | undefined>(undefined, ['u1'], ['u2'], ['u1', 'u2']) })
      .map(({ from, minutes, who }) => ({ start: base + from * MIN, end: base + (from + minutes) * MIN, ...(who ? { employee_ids: who } : {}) })),
    { maxLength: 2 },
  );
}

/** A random day: any shift, any entries, any neutral periods, any rules, a `now` from before to long after. */
const arbDay: fc.Arbitrary<EmployeeDay> = arbAnyShift.chain(({ shift, start, length }) => {
  const base = MIDNIGHT + start * MIN;
  return fc
    .record({
      day: arbEntries(base, length),
      neutral: arbNeutral(base, length),
      rules: arbRules,
      now: fc.integer({ min: -60 * 60, max: (length + 240) * 60 }).map((s) => base + s * 1000),
      noShift: fc.boolean(),
    })
    .map(({ day, neutral, rules, now, noShift }) => dayInput({ shift: noShift ? null : shift, day, neutral, rules, now }));
});

function dayInput(over: Pick<EmployeeDay, 'shift' | 'day' | 'neutral' | 'rules' | 'now'>): EmployeeDay {
  return { employee_id: 'u1', date: DATE, statuses: STATUSES, rule_set: 's', zonedTime: utc, timeText: utcText, ...over };
}

describe('bounds', () => {
  it('adherence is within 0..100, out of adherence never exceeds the scheduled time, conformance is not negative', () => {
    fc.assert(
      fc.property(arbDay, (d) => {
        const m = measureDay(d);
        expect(m.out_of_adherence_ms).toBeGreaterThanOrEqual(0);
        expect(m.out_of_adherence_ms).toBeLessThanOrEqual(m.scheduled_ms);
        if (m.adherence_pct !== null) {
          expect(m.adherence_pct).toBeGreaterThanOrEqual(0);
          expect(m.adherence_pct).toBeLessThanOrEqual(100);
        }
        if (m.conformance_pct !== null) expect(m.conformance_pct).toBeGreaterThanOrEqual(0);
        const found = detectViolations(d);
        // One key, one violation: the caller dedupes by key.
        expect(new Set(found.map((v) => v.key)).size).toBe(found.length);
        for (const v of found) {
          expect(v.over_minutes).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(v.over_minutes)).toBe(true);
          expect(v.key).toBe(`${v.type}|u1|${DATE}|${v.status}|${v.at}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});

/**
 * A shift with planned breaks that fit inside it, each at least a minute apart from the next and from the
 * shift's edges, with rules that allow as many breaks as are planned.
 */
const arbFollowedDay: fc.Arbitrary<EmployeeDay> = arbShiftFrame.chain(({ start, length }) =>
  fc
    .record({
      planned: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 180 }), minutes: fc.integer({ min: 1, max: 60 }), status: fc.constantFrom('break', 'lunch') }), { maxLength: 4 }),
      rules: arbRules,
      neutral: arbNeutral(MIDNIGHT + start * MIN, length),
      now: fc.integer({ min: -60, max: length + 600 }),
      confirmFromPhone: fc.boolean(),
    })
    .map(({ planned, rules, neutral, now, confirmFromPhone }) => {
      const breaks: { status: string; at: number; minutes: number }[] = [];
      let cursor = 0;
      for (const p of planned) {
        const at = cursor + p.gap;
        if (at + p.minutes >= length) break;
        breaks.push({ status: p.status, at, minutes: p.minutes });
        cursor = at + p.minutes;
      }
      const count = (status: string) => breaks.filter((b) => b.status === status).length;
      const fitting = rules.map((r) => (r.max_per_shift !== null && r.rule_set === 's' && r.max_per_shift < count(r.status) ? { ...r, max_per_shift: count(r.status) } : r));
      const shift = shiftOf(start, length, breaks.map((b) => ({ status: b.status, start: hhmm(start + b.at), minutes: b.minutes })));
      const s = scheduleOf(shift, utc);
      // The entries the schedule asks for, at its own instants.
      const steps: [number, string][] = [[s.shift_start, 'work']];
      for (const b of s.breaks) steps.push([b.start, b.status], [b.start + b.minutes * MIN, 'work']);
      steps.push([s.shift_end, 'offline']);
      const day: DayEntry[] = steps.map(([at, status], i) => ({ entry_id: `pc-${i + 1}`, status, at, source: 'web', device_id: 'pc', seq: i + 1 }));
      // A second device confirming a status at the same instant changes nothing.
      if (confirmFromPhone) day.push({ ...day[day.length - 2], entry_id: 'phone-1', device_id: 'phone', seq: 1 });
      return dayInput({ shift, day, neutral, rules: fitting, now: MIDNIGHT + (start + now) * MIN });
    }),
);

describe('following the schedule exactly', () => {
  it('breaks no rule and scores 100% adherence and 100% conformance, at any moment', () => {
    fc.assert(
      fc.property(arbFollowedDay, (d) => {
        expect(detectViolations(d)).toEqual([]);
        const m = measureDay(d);
        if (m.adherence_pct !== null) expect(m.out_of_adherence_ms).toBe(0);
        if (m.conformance_pct !== null) expect(m.worked_ms).toBe(m.scheduled_work_ms);
        const row = dailySummary(d);
        expect(row.violations).toBe(0);
        if (row.adherence_pct !== null) expect(row.adherence_pct).toBe(100);
        if (row.conformance_pct !== null) expect(row.conformance_pct).toBe(100);
      }),
      { numRuns: 400 },
    );
  });
});

describe('as now advances', () => {
  it('each violation keeps its key, over_minutes never shrinks, and a final one stays exactly as it was', () => {
    fc.assert(
      fc.property(arbDay, fc.integer({ min: 1, max: 600 * 60 }), (d, later) => {
        const before = detectViolations(d);
        const after = new Map(detectViolations({ ...d, now: d.now + later * 1000 }).map((v) => [v.key, v]));
        for (const v of before) {
          const same = after.get(v.key);
          expect(same, v.key).toBeDefined();
          expect(same!.over_minutes).toBeGreaterThanOrEqual(v.over_minutes);
          if (v.final) expect(same).toEqual(v);
        }
        expect(detectViolations(d)).toEqual(before);
      }),
      { numRuns: 400 },
    );
  });
});

function shuffled<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}

describe('the order of the inputs', () => {
  it('does not change violations, measures or the Daily row (entries at the same instant included)', () => {
    fc.assert(
      fc.property(
        arbDay.chain((d) =>
          fc.record({
            d: fc.constant(d),
            day: shuffled(d.day),
            statuses: shuffled(d.statuses),
            rules: shuffled(d.rules),
            neutral: shuffled(d.neutral),
            breaks: shuffled(d.shift?.breaks ?? []),
          }),
        ),
        ({ d, day, statuses, rules, neutral, breaks }) => {
          const other = { ...d, day, statuses, rules, neutral, shift: d.shift ? { ...d.shift, breaks } : null };
          expect(detectViolations(other)).toEqual(detectViolations(d));
          expect(measureDay(other)).toEqual(measureDay(d));
          expect(dailySummary(other)).toEqual(dailySummary(d));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('group concurrency does not depend on the order of members, even when several left at the same instant', () => {
    const arbMembers = fc.uniqueArray(
      fc.record({
        employee_id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
        status: fc.constantFrom('work', 'break', 'lunch', 'offline'),
        since: fc.option(fc.integer({ min: 0, max: 3 }).map((q) => MIDNIGHT + q * 5 * MIN), { nil: null }),
      }),
      { selector: (m) => m.employee_id, maxLength: 6 },
    );
    fc.assert(
      fc.property(
        arbMembers.chain((members) => fc.tuple(fc.constant(members), shuffled(members))),
        fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
        ([members, reordered], max) => {
          const g: GroupSnapshot = { group: 'g', max_concurrent_breaks: max, date: DATE, now: MIDNIGHT + 30 * MIN, members, statuses: STATUSES, neutral: [], timeText: utcText };
          const vs = groupConcurrency(g);
          expect(groupConcurrency({ ...g, members: reordered })).toEqual(vs);
          const away = members.filter((m) => m.status === 'break' || m.status === 'lunch');
          // Exactly the members beyond the allowance are flagged (those with a known `since`).
          if (max !== null) expect(vs.length).toBeLessThanOrEqual(Math.max(0, away.length - max));
          if (max === null || away.length <= max) expect(vs).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
