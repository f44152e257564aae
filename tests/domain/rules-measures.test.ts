// Adherence, conformance, the Daily row and group concurrency, with values worked out by hand.
// The day: shift 09:00-18:00 = 540 min; planned break 11:00 15, lunch 13:00 60, break 16:00 15, so the
// scheduled work is 540 - 90 = 450 min. Tolerances: break ±15, lunch ±30, shift edges (work row) ±5.
import { describe, expect, it } from 'vitest';
import { dailySummary, detectViolations, groupConcurrency, measureDay, type GroupSnapshot } from '../../appsscript/src/domain/rules/index.ts';
import { ON_SCHEDULE, STATUSES, at, employeeDay, entries, moscowText, shift, MIN } from './rules-fixtures.ts';

const SHIFT_MS = 540 * MIN;
const WORK_MS = 450 * MIN;

function measure(lines: string[], now: string, neutral: { start: number; end: number; employee_ids?: string[] }[] = []) {
  return measureDay(employeeDay({ day: entries(...lines), now: at(now), neutral }));
}

/** The worked example of docs/rules.md. */
const EXAMPLE = ['09:17 work', '11:30 break', '11:50 work', '13:00 lunch', '14:10 work', '16:00 break', '16:15 work', '17:50 offline'];

describe('adherence and conformance', () => {
  it('on schedule: 100% and 100%', () => {
    expect(measure(ON_SCHEDULE, '19:00')).toEqual({
      scheduled_ms: SHIFT_MS, out_of_adherence_ms: 0, adherence_pct: 100, scheduled_work_ms: WORK_MS, worked_ms: WORK_MS, conformance_pct: 100,
    });
  });

  it('late by 17 min: 12 min out (09:05-09:17, after the ±5 at shift start)', () => {
    const m = measure(['09:17 work', ...ON_SCHEDULE.slice(1)], '19:00');
    expect(m.out_of_adherence_ms).toBe(12 * MIN);
    // 1 - 12/540 = 97.78%; worked 450 - 17 = 433 of 450 = 96.22%.
    expect(m.adherence_pct).toBeCloseTo(100 * (1 - 12 / 540), 9);
    expect(m.worked_ms).toBe(433 * MIN);
    expect(m.conformance_pct).toBeCloseTo((100 * 433) / 450, 9);
  });

  it('a break 11:30-11:50 planned 11:00 ±15: 20 min out (11:30-11:50, after the zone of 11:15 ends at 11:30)', () => {
    // 11:00-11:15 working during the planned break is inside the ±15 zone of 11:00: accepted.
    const m = measure(['09:00 work', '11:30 break', '11:50 work', ...ON_SCHEDULE.slice(3)], '19:00');
    expect(m.out_of_adherence_ms).toBe(20 * MIN);
    // Worked 450 - 20 + 15 = 445 (the 11:00-11:15 break was worked, 11:30-11:50 was not).
    expect(m.worked_ms).toBe(445 * MIN);
  });

  it('the lunch overrun 13:10-14:25 lies inside the ±30 zones: adherent, but conformance drops to 435/450', () => {
    const lines = ON_SCHEDULE.map((l) => (l === '13:00 lunch' ? '13:10 lunch' : l === '14:00 work' ? '14:25 work' : l));
    const m = measure(lines, '19:00');
    expect(m.out_of_adherence_ms).toBe(0);
    // Worked: 450 + 10 (13:00-13:10) - 25 (14:00-14:25) = 435.
    expect(m.worked_ms).toBe(435 * MIN);
  });

  it('a meeting counts as work; a lunch during a planned break does not match it', () => {
    // meeting 09:00-10:00 instead of work: adherent. lunch 16:00-16:15 instead of the planned break: 15 min out
    // (the zone of 16:00 accepts work or break, that of 16:15 break or work: lunch is neither).
    const lines = ['09:00 meeting', '10:00 work', ...ON_SCHEDULE.slice(1, 5), '16:00 lunch', '16:15 work', '18:00 offline'];
    const m = measure(lines, '19:00');
    expect(m.out_of_adherence_ms).toBe(15 * MIN);
    expect(m.worked_ms).toBe(WORK_MS);
  });

  it('the worked example: 37 min out of 540 (93.1%), 408 of 450 worked (90.7%)', () => {
    // Out: 09:05-09:17 (12) + 11:30-11:50 (20) + 17:50-17:55 (5, before the ±5 zone of 18:00) = 37.
    // Lunch to 14:10 is inside the ±30 zone of 14:00. Worked: 133 + 70 + 110 + 95 = 408.
    const m = measure(EXAMPLE, '19:00');
    expect(m.out_of_adherence_ms).toBe(37 * MIN);
    expect(m.worked_ms).toBe(408 * MIN);
  });

  it('a neutral period counts as adherent and as scheduled', () => {
    // Outage 09:00-09:30: 09:05-09:17 is no longer out: 25 min out; worked outside it 395 + 30 neutral = 425.
    const m = measure(EXAMPLE, '19:00', [{ start: at('09:00'), end: at('09:30') }]);
    expect(m.out_of_adherence_ms).toBe(25 * MIN);
    expect(m.worked_ms).toBe(425 * MIN);
    // Someone else's outage changes nothing.
    expect(measure(EXAMPLE, '19:00', [{ start: at('09:00'), end: at('09:30'), employee_ids: ['u2'] }]).out_of_adherence_ms).toBe(37 * MIN);
  });

  it('two planned breaks typed to overlap are read the same whatever the order they were typed in', () => {
    // "break 11:00 30" and "lunch 11:00 30": the later in (start, status, minutes) order, lunch, is the
    // activity. Lunch 11:00-11:30 is adherent either way round; a break there is 30 min out (the zone
    // of 11:00 accepts work or lunch, that of 11:30 lunch or work).
    for (const breaks of ['break 11:00 30; lunch 11:00 30', 'lunch 11:00 30; break 11:00 30']) {
      const day = (status: string) => measureDay(employeeDay({ day: entries('09:00 work', `11:00 ${status}`, '11:30 work'), now: at('12:00'), shift: shift('09:00', '18:00', breaks) }));
      expect(day('lunch').out_of_adherence_ms).toBe(0);
      expect(day('break').out_of_adherence_ms).toBe(30 * MIN);
    }
  });

  it('measures the part of the shift that has passed', () => {
    // At 10:00 nobody has come: the whole hour is out (the edge's tolerance forgives only someone who came); 0 of 60 worked.
    const m = measure([], '10:00');
    expect(m).toEqual({ scheduled_ms: 60 * MIN, out_of_adherence_ms: 60 * MIN, adherence_pct: 0, scheduled_work_ms: 60 * MIN, worked_ms: 0, conformance_pct: 0 });
    // Before the shift, or with no shift: nothing to measure.
    expect(measure(['08:00 work'], '08:30').adherence_pct).toBeNull();
    const noShift = measureDay(employeeDay({ day: entries('10:00 work'), now: at('12:00'), shift: null }));
    expect(noShift).toMatchObject({ adherence_pct: null, conformance_pct: null, worked_ms: 120 * MIN });
  });
});

describe('the Daily row', () => {
  it('of the worked example', () => {
    const day = employeeDay({ day: entries(...EXAMPLE), now: at('23:59') });
    expect(dailySummary(day)).toEqual({
      date: '2026-11-24',
      employee_id: 'u1',
      scheduled_min: 450,
      worked_min: 408,
      break_min: 35, // 20 + 15
      lunch_min: 70,
      other_min: 0,
      adherence_pct: 93.1, // 1 - 37/540 = 93.148
      conformance_pct: 90.7, // 408/450 = 90.667
      violations: 5,
      first_in: at('09:17'),
      last_out: at('17:50'),
    });
  });

  it('counts the violations it is given for this employee and date, and other statuses', () => {
    const day = employeeDay({ day: entries('09:00 work', '10:00 ghost', '10:30 work'), now: at('12:00') });
    const found = detectViolations(day);
    const other = { ...found[0], employee_id: 'u2' };
    const row = dailySummary(day, [other]);
    // 'ghost' is not in Statuses: other time, 30 min. Still working at 12:00: no last_out.
    expect(row).toMatchObject({ worked_min: 150, other_min: 30, violations: 0, first_in: at('09:00'), last_out: null });
  });
});

describe('group concurrency', () => {
  const snapshot = (over: Partial<GroupSnapshot> = {}): GroupSnapshot => ({
    group: 'support-l1',
    max_concurrent_breaks: 2,
    date: '2026-11-24',
    now: at('11:20'),
    members: [
      { employee_id: 'e', status: 'break', since: at('11:10') },
      { employee_id: 'a', status: 'break', since: at('11:00') },
      { employee_id: 'd', status: 'work', since: at('09:00') },
      { employee_id: 'c', status: 'break', since: at('11:10') },
      { employee_id: 'b', status: 'lunch', since: at('11:05') },
    ],
    statuses: STATUSES,
    neutral: [],
    timeText: moscowText,
    ...over,
  });

  it('flags each member beyond the allowance, in the order they left, from the moment they left', () => {
    // Away: a 11:00, b 11:05, c 11:10, e 11:10 (c before e by id). Max 2: c and e are over, 10 min each at 11:20.
    const vs = groupConcurrency(snapshot());
    expect(vs.map((v) => [v.employee_id, v.over_minutes, v.final, v.planned, v.actual])).toEqual([
      ['c', 10, false, 'support-l1 ≤ 2', '4: a, b, c, e'],
      ['e', 10, false, 'support-l1 ≤ 2', '4: a, b, c, e'],
    ]);
    expect(vs[0].key).toBe(`group_concurrency|c|2026-11-24|break|${at('11:10')}`);
    // Ten minutes on, the same keys.
    expect(groupConcurrency(snapshot({ now: at('11:30') })).map((v) => [v.key, v.over_minutes])).toEqual(vs.map((v) => [v.key, 20]));
  });

  it('no limit, or within it, or someone in an outage: fewer or none', () => {
    expect(groupConcurrency(snapshot({ max_concurrent_breaks: null }))).toEqual([]);
    expect(groupConcurrency(snapshot({ max_concurrent_breaks: 4 }))).toEqual([]);
    // c's Current is stale during their outage: a, b, e are away, e is the one over.
    const vs = groupConcurrency(snapshot({ neutral: [{ start: at('11:00'), end: at('12:00'), employee_ids: ['c'] }] }));
    expect(vs.map((v) => v.employee_id)).toEqual(['e']);
  });
});
