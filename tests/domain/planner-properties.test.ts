// Properties of the break planner over generated groups: the cap is never exceeded by a planned break,
// every placed shift gets what its rule set calls for, hand-fixed breaks never move, every shift is
// either placed or named, and the same input (in any order) gives the same plan.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { breakStart, planGroup, span, type GroupPlanInput } from '../../appsscript/src/domain/planner/plan-group.ts';
import { needsOf } from '../../appsscript/src/domain/planner/needs.ts';
import { DEMO_STATUSES } from '../../appsscript/src/domain/demo-team.ts';
import type { PlannedBreakRow, Rule, Shift } from '../../appsscript/src/domain/model.ts';

const hhmm = (minute: number) => {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};
const DATES = ['2026-12-01', '2026-12-02'];
const STATUSES = [...DEMO_STATUSES];

const rule = (status: string, count: number | null, minutes: number | null, gap: number | null): Rule => ({
  rule_set: 'g', status, max_per_shift: count, max_minutes: minutes, grace_minutes: 0, window_tolerance_minutes: 0, min_gap_minutes: gap,
});

const arbRules: fc.Arbitrary<Rule[]> = fc
  .record({
    breaks: fc.integer({ min: 0, max: 3 }),
    breakMinutes: fc.constantFrom(10, 15, 20),
    breakGap: fc.option(fc.constantFrom(0, 30, 60, 90), { nil: null }),
    lunches: fc.integer({ min: 0, max: 1 }),
    lunchMinutes: fc.constantFrom(30, 45, 60),
    edge: fc.option(fc.constantFrom(0, 30, 60), { nil: null }),
  })
  .map((r) => [rule('work', null, null, r.edge), rule('break', r.breaks, r.breakMinutes, r.breakGap), rule('lunch', r.lunches, r.lunchMinutes, null)]);

/** A shift with 0-2 hand-fixed breaks inside it that do not overlap, and perhaps stale planner breaks. */
const arbShift = (employee: string): fc.Arbitrary<Shift> =>
  fc
    .record({
      date: fc.constantFrom(...DATES),
      start: fc.integer({ min: 0, max: 287 }).map((q) => q * 5),
      length: fc.integer({ min: 24, max: 144 }).map((q) => q * 5),
      fixed: fc.array(fc.record({ status: fc.constantFrom('break', 'lunch', 'meeting'), at: fc.nat(), minutes: fc.constantFrom(10, 15, 30, 60) }), { maxLength: 2 }),
      stale: fc.boolean(),
    })
    .map(({ date, start, length, fixed, stale }) => {
      const placed: { status: string; at: number; minutes: number }[] = [];
      for (const f of fixed) {
        const at = f.at % Math.max(1, length - f.minutes);
        if (!placed.some((b) => at < b.at + b.minutes && b.at < at + f.minutes)) placed.push({ status: f.status, at, minutes: f.minutes });
      }
      const breaks: PlannedBreakRow[] = placed.map((b) => ({ status: b.status, start: hhmm(start + b.at), minutes: b.minutes }));
      // A break an earlier plan placed: planned afresh, so where it was does not matter.
      if (stale) breaks.push({ status: 'break', start: hhmm(start + length - 5), minutes: 5, auto: true });
      return { date, employee_id: employee, shift_start: hhmm(start), shift_end: hhmm(start + length), breaks };
    });

const arbInput: fc.Arbitrary<GroupPlanInput> = fc
  .record({
    count: fc.integer({ min: 1, max: 20 }),
    rules: arbRules,
    cap: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  })
  .chain(({ count, rules, cap }) =>
    fc.record({
      shifts: fc.tuple(...Array.from({ length: count }, (_, i) => arbShift(`e${String(i).padStart(3, '0')}`))).map((xs) => dedupe(xs)),
      around: fc.array(arbShift('x001'), { maxLength: 2 }).map((xs) => xs.map((s, i) => ({ ...s, employee_id: `x${i}`, date: '2026-11-30' }))),
      ruleSet: fc.constant('g'),
      rules: fc.constant(rules),
      statuses: fc.constant(STATUSES),
      cap: fc.constant(cap),
    }),
  );

/** One shift per person and date, as the Schedule holds them. */
function dedupe(shifts: Shift[]): Shift[] {
  const seen = new Set<string>();
  return shifts.filter((s) => !seen.has(`${s.date}|${s.employee_id}`) && seen.add(`${s.date}|${s.employee_id}`));
}

const counting = (status: string) => status === 'break' || status === 'lunch';

describe('the break planner (properties)', () => {
  it('never plans a break where it would put more of the group on break than the cap', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const plan = planGroup(input);
        if (input.cap === null) return;
        const load = new Map<number, number>();
        const add = (s: Shift, b: PlannedBreakRow) => {
          for (let m = breakStart(s, b); m < breakStart(s, b) + b.minutes; m++) load.set(m, (load.get(m) ?? 0) + 1);
        };
        for (const p of plan.placed) for (const b of p.breaks) if (counting(b.status)) add(p.shift, b);
        for (const u of plan.unplaced) for (const b of u.shift.breaks) if (!b.auto && counting(b.status)) add(u.shift, b);
        for (const s of input.around ?? []) for (const b of s.breaks) if (counting(b.status)) add(s, b);
        for (const p of plan.placed) {
          for (const b of p.breaks.filter((x) => x.auto)) {
            for (let m = breakStart(p.shift, b); m < breakStart(p.shift, b) + b.minutes; m++) expect(load.get(m)).toBeLessThanOrEqual(input.cap);
          }
        }
      }),
    );
  });

  it('gives every placed shift its rule set’s breaks, inside its edges, on the grid, apart by the gaps', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const plan = planGroup(input);
        const { needs, edge, gapOf } = needsOf(input.ruleSet, input.rules, input.statuses);
        for (const p of plan.placed) {
          const { start, end } = span(p.shift);
          for (const need of needs) expect(p.breaks.filter((b) => b.status === need.status).length).toBeGreaterThanOrEqual(need.count);
          const all = p.breaks.map((b) => ({ ...b, at: breakStart(p.shift, b) }));
          for (const b of all.filter((x) => x.auto)) {
            expect(b.at % 5).toBe(0);
            expect(b.at).toBeGreaterThanOrEqual(start + edge);
            expect(b.at + b.minutes).toBeLessThanOrEqual(end - edge);
            for (const o of all) {
              if (o === b) continue;
              const gap = Math.max(gapOf(b.status), gapOf(o.status));
              expect(b.at + b.minutes + gap <= o.at || o.at + o.minutes + gap <= b.at).toBe(true);
            }
          }
        }
      }),
    );
  });

  it('never moves a hand-fixed break, and names every shift it does not place', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const plan = planGroup(input);
        const key = (s: Shift) => `${s.date}|${s.employee_id}`;
        expect([...plan.placed.map((p) => key(p.shift)), ...plan.unplaced.map((u) => key(u.shift))].sort()).toEqual(input.shifts.map(key).sort());
        const fixed = (bs: PlannedBreakRow[]) => bs.filter((b) => !b.auto).map((b) => `${b.status} ${b.start} ${b.minutes}`).sort();
        for (const p of plan.placed) expect(fixed(p.breaks)).toEqual(fixed(p.shift.breaks));
        for (const u of plan.unplaced) {
          expect(['too_short', 'cap']).toContain(u.reason);
          expect(u.en).not.toBe('');
          expect(u.ru).not.toBe('');
        }
      }),
    );
  });

  it('gives the same plan for the same input, whatever order the shifts come in', () => {
    fc.assert(
      fc.property(arbInput, fc.integer(), (input, seed) => {
        const first = planGroup(input);
        const again = planGroup(structuredClone(input));
        expect(again).toEqual(first);
        const shuffled = [...input.shifts].sort((a, b) => ((hash(a.employee_id + a.date) ^ seed) >>> 0) - ((hash(b.employee_id + b.date) ^ seed) >>> 0));
        const other = planGroup({ ...input, shifts: shuffled });
        const byKey = (p: typeof first) => Object.fromEntries(p.placed.map((x) => [`${x.shift.date}|${x.shift.employee_id}`, x.breaks]));
        expect(byKey(other)).toEqual(byKey(first));
        expect(other.unplaced.map((u) => u.shift.employee_id + u.shift.date).sort()).toEqual(first.unplaced.map((u) => u.shift.employee_id + u.shift.date).sort());
      }),
    );
  });
});

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
