// The break planner on hand-worked cases: where lunch and breaks go, the rules' gaps and edges, the group's
// cap staggering people, hand-fixed breaks staying put, shifts that cannot be placed and why, night shifts.
import { describe, expect, it } from 'vitest';
import { planGroup } from '../../appsscript/src/domain/planner/plan-group.ts';
import { needsOf } from '../../appsscript/src/domain/planner/needs.ts';
import { DEMO_RULES, DEMO_STATUSES } from '../../appsscript/src/domain/demo-team.ts';
import type { PlannedBreakRow, Rule, Shift } from '../../appsscript/src/domain/model.ts';

const DATE = '2026-12-01';
const shift = (employee_id: string, start: string, end: string, breaks: PlannedBreakRow[] = [], date = DATE): Shift => ({ date, employee_id, shift_start: start, shift_end: end, breaks });
const plan = (shifts: Shift[], o: { cap?: number | null; ruleSet?: string; rules?: Rule[]; around?: Shift[] } = {}) =>
  planGroup({ shifts, around: o.around, ruleSet: o.ruleSet ?? 'support', rules: o.rules ?? [...DEMO_RULES], statuses: [...DEMO_STATUSES], cap: o.cap === undefined ? 3 : o.cap });
const text = (breaks: PlannedBreakRow[]) => breaks.map((b) => `${b.status} ${b.start} ${b.minutes}${b.auto ? '' : ' fixed'}`);
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

describe('what a rule set calls for', () => {
  it('reads counts, lengths and gaps of break and lunch statuses, and the edge from the work rule', () => {
    const needs = needsOf('support', [...DEMO_RULES], [...DEMO_STATUSES]);
    expect(needs.needs).toEqual([
      { status: 'lunch', kind: 'lunch', count: 1, minutes: 60, gap: 0 },
      { status: 'break', kind: 'break', count: 2, minutes: 15, gap: 60 },
    ]);
    expect(needs.edge).toBe(60); // the work rule's min_gap is blank: an hour
    const edged = needsOf('support', [...DEMO_RULES.map((r) => (r.rule_set === 'support' && r.status === 'work' ? { ...r, min_gap_minutes: 0 } : r))], [...DEMO_STATUSES]);
    expect(edged.edge).toBe(0);
    expect(needsOf('nothing', [...DEMO_RULES], [...DEMO_STATUSES]).needs).toEqual([]);
  });
});

describe('one shift', () => {
  it('puts lunch at the middle and a break in each half, an hour clear of the ends', () => {
    const r = plan([shift('e001', '09:00', '18:00')]);
    expect(r.unplaced).toEqual([]);
    expect(text(r.placed[0].breaks)).toEqual(['break 11:00 15', 'lunch 13:00 60', 'break 16:00 15']);
  });

  it('keeps hand-fixed breaks where they are and adds only what is missing', () => {
    const fixed = [{ status: 'lunch', start: '12:00', minutes: 60 }];
    const r = plan([shift('e001', '09:00', '18:00', fixed)]);
    const breaks = r.placed[0].breaks;
    expect(breaks.find((b) => b.status === 'lunch')).toEqual({ status: 'lunch', start: '12:00', minutes: 60 });
    expect(breaks.filter((b) => b.status === 'break' && b.auto)).toHaveLength(2);
    // A fixed break of the status counts toward its number.
    const two = plan([shift('e001', '09:00', '18:00', [...fixed, { status: 'break', start: '10:30', minutes: 15 }])]);
    expect(text(two.placed[0].breaks)).toEqual(['break 10:30 15 fixed', 'lunch 12:00 60 fixed', 'break 15:30 15']);
  });

  it('replaces its own earlier placements (auto) rather than keeping them', () => {
    const stale = [{ status: 'break', start: '09:30', minutes: 15, auto: true as const }];
    const r = plan([shift('e001', '09:00', '18:00', stale)]);
    expect(text(r.placed[0].breaks)).toEqual(['break 11:00 15', 'lunch 13:00 60', 'break 16:00 15']);
  });

  it('keeps the gaps the rules ask for (billing: 90 min between breaks)', () => {
    const r = plan([shift('e001', '09:00', '18:00')], { ruleSet: 'billing' });
    const [b1, lunch, b2] = r.placed[0].breaks;
    expect(minutes(lunch.start) - (minutes(b1.start) + b1.minutes)).toBeGreaterThanOrEqual(90);
    expect(minutes(b2.start) - (minutes(lunch.start) + lunch.minutes)).toBeGreaterThanOrEqual(90);
  });

  it('names a shift too short for its breaks, with the reason in both languages', () => {
    const r = plan([shift('e001', '09:00', '12:00')]);
    expect(r.placed).toEqual([]);
    expect(r.unplaced[0].reason).toBe('too_short');
    expect(r.unplaced[0].en).toContain('1 × lunch 60 min, 2 × break 15 min');
    expect(r.unplaced[0].ru).toContain('не помещаются в смену 3 ч');
  });

  it('plans a night shift across midnight', () => {
    const r = plan([shift('e001', '21:00', '09:00')]);
    expect(text(r.placed[0].breaks)).toEqual(['break 23:45 15', 'lunch 02:30 60', 'break 06:15 15']);
  });

  it('places breaks at the edges when the work rule says 0', () => {
    const rules = DEMO_RULES.map((r) => (r.rule_set === 'support' && r.status === 'work' ? { ...r, min_gap_minutes: 0 } : r));
    const r = plan([shift('e001', '09:00', '11:00')], { rules: [...rules, { rule_set: 'short', status: 'break', max_per_shift: 1, max_minutes: 15, grace_minutes: 0, window_tolerance_minutes: 0, min_gap_minutes: null }, { rule_set: 'short', status: 'work', max_per_shift: null, max_minutes: null, grace_minutes: 0, window_tolerance_minutes: 0, min_gap_minutes: 0 }], ruleSet: 'short' });
    expect(text(r.placed[0].breaks)).toEqual(['break 10:00 15']);
  });
});

describe('a group under its cap', () => {
  it('staggers ten people on the same shift so that at most 3 are ever on break', () => {
    const shifts = Array.from({ length: 10 }, (_, i) => shift(`e${String(i + 1).padStart(3, '0')}`, '09:00', '18:00'));
    const r = plan(shifts, { cap: 3 });
    expect(r.unplaced).toEqual([]);
    expect(r.peak).toBeLessThanOrEqual(3);
    const lunches = r.placed.map((p) => p.breaks.find((b) => b.status === 'lunch')!.start);
    expect(new Set(lunches).size).toBeGreaterThan(3);
  });

  it('places fifty people on starts from 08:00 to 12:00 under a cap of ten, where one way of sharing the cap alone would not', () => {
    const shifts = Array.from({ length: 50 }, (_, i) => shift(`e${String(i).padStart(3, '0')}`, `${String(8 + (i % 5)).padStart(2, '0')}:00`, `${String(17 + (i % 5)).padStart(2, '0')}:00`));
    const r = plan(shifts, { cap: 10 });
    expect(r.unplaced).toEqual([]);
    expect(r.peak).toBe(10);
  });

  it('names the shifts the cap leaves no room for', () => {
    const shifts = Array.from({ length: 6 }, (_, i) => shift(`e00${i + 1}`, '09:00', '12:00'));
    const rules: Rule[] = [
      { rule_set: 'tiny', status: 'lunch', max_per_shift: 1, max_minutes: 60, grace_minutes: 0, window_tolerance_minutes: 0, min_gap_minutes: null },
    ];
    const r = plan(shifts, { cap: 1, rules, ruleSet: 'tiny' });
    // Lunch can start 10:00 only (an hour clear of each end): one person fits, five do not.
    expect(r.placed.map((p) => p.shift.employee_id)).toEqual(['e001']);
    expect(r.unplaced.map((u) => [u.shift.employee_id, u.reason])).toEqual(['e002', 'e003', 'e004', 'e005', 'e006'].map((e) => [e, 'cap']));
    expect(r.unplaced[0].en).toContain('lunch 60 min');
  });

  it('counts breaks of shifts it does not plan (a night shift before) and reports fixed breaks over the cap', () => {
    const night = shift('e009', '21:00', '09:00', [{ status: 'break', start: '07:00', minutes: 60 }], '2026-11-30');
    const early = (id: string) => shift(id, '06:00', '12:00', [], DATE);
    const rules: Rule[] = [{ rule_set: 'one', status: 'break', max_per_shift: 1, max_minutes: 60, grace_minutes: 0, window_tolerance_minutes: 0, min_gap_minutes: null }];
    const r = plan([early('e001')], { cap: 1, rules, ruleSet: 'one', around: [night] });
    const b = r.placed[0].breaks[0];
    expect(minutes(b.start) >= 8 * 60 || minutes(b.start) + 60 <= 7 * 60).toBe(true);
    const over = plan([shift('e001', '09:00', '18:00', [{ status: 'break', start: '11:00', minutes: 15 }]), shift('e002', '09:00', '18:00', [{ status: 'break', start: '11:00', minutes: 15 }])], { cap: 1, rules, ruleSet: 'one' });
    expect(over.fixedOverCap).toBe(15);
  });

  it('without a cap everyone gets their ideal times', () => {
    const r = plan([shift('e001', '09:00', '18:00'), shift('e002', '09:00', '18:00')], { cap: null });
    expect(text(r.placed[0].breaks)).toEqual(text(r.placed[1].breaks));
    expect(r.peak).toBe(2);
  });
});
