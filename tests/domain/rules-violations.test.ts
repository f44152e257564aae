// Table tests of each violation. Every expected value is worked out by hand in the comment beside it.
// The day: shift 09:00-18:00 (Moscow), break 11:00 15 min, lunch 13:00 60 min, break 16:00 15 min.
// Rules (support): break max 2 a shift, 15 min, grace 2, window ±15; lunch max 1, 60 min, grace 5,
// window ±30; work (the shift's own row): grace 5, tolerance 5.
import { describe, expect, it } from 'vitest';
import { detectViolations, ongoingBreak, type EmployeeDay, type Violation } from '../../appsscript/src/domain/rules/index.ts';
import { ON_SCHEDULE, at, employeeDay, entries, shift } from './rules-fixtures.ts';

/** ON_SCHEDULE with some lines replaced: { '13:00 lunch': '13:10 lunch' }. */
function withChanges(changes: Record<string, string | null>, extra: string[] = []): string[] {
  const lines = ON_SCHEDULE.flatMap((l) => (l in changes ? (changes[l] === null ? [] : [changes[l] as string]) : [l]));
  return [...lines, ...extra].sort();
}

function detect(lines: string[], now: string, over: Partial<EmployeeDay> = {}): Violation[] {
  return detectViolations(employeeDay({ day: entries(...lines), now: at(now), ...over }));
}

const brief = (v: Violation) => ({ type: v.type, status: v.status, over: v.over_minutes, final: v.final, planned: v.planned, actual: v.actual });

describe('a day on schedule', () => {
  it('has no violation at any moment', () => {
    for (const now of ['08:00', '09:03', '11:10', '13:59', '17:59', '18:00', '18:06', '23:59']) {
      expect(detect(ON_SCHEDULE, now)).toEqual([]);
    }
  });
});

describe('late start (grace 5)', () => {
  it.each([
    // work at 09:17: late 17 - 5 grace = 12 min.
    { first: '09:17 work', expected: [{ over: 12, actual: '09:17' }] },
    // 09:05 is exactly the grace: not late. 09:05:30 is 30 s past it: one started minute.
    { first: '09:05 work', expected: [] },
    { first: '09:05:30 work', expected: [{ over: 1, actual: '09:05' }] },
    // Working since 08:50: on time. A meeting counts as work: on time.
    { first: '08:50 work', expected: [] },
    { first: '09:00 meeting', expected: [] },
  ])('first status $first', ({ first, expected }) => {
    const vs = detect(withChanges({ '09:00 work': first }), '18:30').filter((v) => v.type === 'late_start');
    expect(vs.map((v) => ({ over: v.over_minutes, actual: v.actual }))).toEqual(expected);
    for (const v of vs) expect(v.planned).toBe('09:00 +5');
  });

  it('grows while nobody has come, keeping its key, and is final once they start', () => {
    // Nothing yet at 09:20: 20 - 5 = 15 min so far, not final.
    const waiting = detect([], '09:20');
    expect(waiting.map(brief)).toEqual([{ type: 'late_start', status: '', over: 15, final: false, planned: '09:00 +5', actual: '—' }]);
    // 09:40, still nobody: 35 min, same key.
    const later = detect([], '09:40');
    expect(later[0].over_minutes).toBe(35);
    expect(later[0].key).toBe(waiting[0].key);
    // They start at 09:42: 42 - 5 = 37, final, same key.
    const arrived = detect(['09:42 work'], '10:00');
    expect(arrived.map(brief)).toEqual([{ type: 'late_start', status: '', over: 37, final: true, planned: '09:00 +5', actual: '09:42' }]);
    expect(arrived[0].key).toBe(waiting[0].key);
    // Before 09:05 nobody is late yet.
    expect(detect([], '09:04')).toEqual([]);
  });

  it('a break at 09:00 before any work is not starting work', () => {
    // break 09:00-09:10, then work: first work at 09:10, 10 - 5 = 5 min late.
    const vs = detect(['09:00 break', '09:10 work'], '09:30').filter((v) => v.type === 'late_start');
    expect(vs.map((v) => v.over_minutes)).toEqual([5]);
  });
});

describe('early leave (grace 5)', () => {
  it('offline at 17:20: limit 17:55, 35 min early; known only from 18:00', () => {
    const lines = withChanges({ '18:00 offline': '17:20 offline' });
    expect(detect(lines, '17:59').filter((v) => v.type === 'early_leave')).toEqual([]);
    const vs = detect(lines, '18:00').filter((v) => v.type === 'early_leave');
    expect(vs.map(brief)).toEqual([{ type: 'early_leave', status: '', over: 35, final: true, planned: '18:00 -5', actual: '17:20' }]);
  });

  it('offline at 17:56 is within the grace', () => {
    expect(detect(withChanges({ '18:00 offline': '17:56 offline' }), '19:00')).toEqual([]);
  });

  it('leaving and coming back before the end is not leaving early', () => {
    // Out 16:30-17:00, back to work 17:00-18:00: the last work ends at 18:00.
    const lines = withChanges({}, ['16:30 offline', '17:00 work']);
    expect(detect(lines, '19:00').filter((v) => v.type === 'early_leave')).toEqual([]);
  });
});

describe('break overrun', () => {
  it('the brief\'s lunch: planned 13:00 60 min, taken 13:10-14:25, grace 5: 75 - 60 - 5 = 10 min over', () => {
    const vs = detect(withChanges({ '13:00 lunch': '13:10 lunch', '14:00 work': '14:25 work' }), '18:30');
    // 13:10 is 10 min from 13:00, inside the ±30 window: the overrun is the only violation.
    expect(vs.map(brief)).toEqual([
      { type: 'break_overrun', status: 'lunch', over: 10, final: true, planned: 'lunch 13:00, 60 min +5', actual: 'lunch 13:10–14:25, 75 min' },
    ]);
    expect(vs[0].key).toBe(`break_overrun|u1|2026-11-24|lunch|${at('13:10')}`);
  });

  it('is caught while it happens, grows, keeps its key, and is final once back', () => {
    const lines = withChanges({ '14:00 work': null, '16:00 break': null, '16:15 work': null, '18:00 offline': null });
    // Lunch since 13:00. Limit 60 + 5 = 65 min, i.e. 14:05. At 14:05 exactly it is not longer than that.
    expect(detect(lines, '14:05')).toEqual([]);
    // 14:05:30: 30 s over = one started minute.
    expect(detect(lines, '14:05:30').map(brief)).toEqual([
      { type: 'break_overrun', status: 'lunch', over: 1, final: false, planned: 'lunch 13:00, 60 min +5', actual: 'lunch 13:00–…, 65 min' },
    ]);
    // 14:07: 67 - 65 = 2 min; 14:30: 90 - 65 = 25 min. The same key throughout.
    const at1407 = detect(lines, '14:07');
    const at1430 = detect(lines, '14:30');
    expect(at1407.map((v) => v.over_minutes)).toEqual([2]);
    expect(at1430.map((v) => v.over_minutes)).toEqual([25]);
    expect(at1430[0].key).toBe(at1407[0].key);
    // Back at 14:31: 91 - 65 = 26, final.
    const done = detect([...lines, '14:31 work'].sort(), '15:00');
    expect(done.map(brief)).toEqual([
      { type: 'break_overrun', status: 'lunch', over: 26, final: true, planned: 'lunch 13:00, 60 min +5', actual: 'lunch 13:00–14:31, 91 min' },
    ]);
    expect(done[0].key).toBe(at1407[0].key);
  });

  it('without a planned break the rule\'s max_minutes is the limit', () => {
    // Shift with no planned breaks; break 10:00-10:20: 20 - (15 + 2) = 3 min over. No plan, so no window.
    const vs = detect(['09:00 work', '10:00 break', '10:20 work', '18:00 offline'], '19:00', { shift: shift('09:00', '18:00') });
    expect(vs.map(brief)).toEqual([
      { type: 'break_overrun', status: 'break', over: 3, final: true, planned: 'break ≤ 15 min +2', actual: 'break 10:00–10:20, 20 min' },
    ]);
  });

  it('a status with no rule and no plan has no limit', () => {
    const rules = [{ rule_set: 'support', status: 'work', max_per_shift: null, max_minutes: null, grace_minutes: 5, window_tolerance_minutes: 5, min_gap_minutes: null }];
    const vs = detect(['09:00 work', '10:00 break', '12:00 work', '18:00 offline'], '19:00', { shift: shift('09:00', '18:00'), rules });
    expect(vs).toEqual([]);
  });

  it('neutral time stops the clock: lunch 13:00-14:25 with an outage 13:00-13:30 counts 55 min', () => {
    const lines = withChanges({ '14:00 work': '14:25 work' });
    // Without the outage: 85 - 65 = 20 min over.
    expect(detect(lines, '15:00').map((v) => v.over_minutes)).toEqual([20]);
    // With it: 85 - 30 = 55 <= 65: none. An outage for someone else changes nothing.
    expect(detect(lines, '15:00', { neutral: [{ start: at('13:00'), end: at('13:30') }] })).toEqual([]);
    expect(detect(lines, '15:00', { neutral: [{ start: at('13:00'), end: at('13:30'), employee_ids: ['u2'] }] })).toHaveLength(1);
  });

  it('tells a nudge when the allowed minutes run out and when the overrun starts', () => {
    // Break since 11:00, planned 15 min, grace 2: allowed until 11:15, overrun from 11:17.
    const day = employeeDay({ day: entries('09:00 work', '11:00 break'), now: at('11:12') });
    expect(ongoingBreak(day)).toEqual({ status: 'break', start: at('11:00'), allowed_end: at('11:15'), overrun_at: at('11:17') });
    // An outage 11:05-11:08 so far pushes both by 3 min.
    expect(ongoingBreak({ ...day, neutral: [{ start: at('11:05'), end: at('11:08') }] })).toEqual({
      status: 'break', start: at('11:00'), allowed_end: at('11:18'), overrun_at: at('11:20'),
    });
    expect(ongoingBreak({ ...day, now: at('10:00') })).toBeNull();
  });
});

describe('too many breaks (max 2 a shift)', () => {
  it('the third break is a violation of its own; its length is the minutes over', () => {
    // Only lunch planned; breaks 10:00-10:05, 12:00-12:05, 15:00-15:10. The third: 10 min.
    const lines = [
      '09:00 work', '10:00 break', '10:05 work', '12:00 break', '12:05 work', '13:00 lunch', '14:00 work', '15:00 break', '15:10 work', '18:00 offline',
    ];
    const vs = detect(lines, '19:00', { shift: shift('09:00', '18:00', 'lunch 13:00 60') });
    expect(vs.map(brief)).toEqual([
      { type: 'too_many_breaks', status: 'break', over: 10, final: true, planned: 'break ≤ 2', actual: 'break #3 15:00–15:10' },
    ]);
    expect(vs[0].key).toBe(`too_many_breaks|u1|2026-11-24|break|${at('15:00')}`);
  });

  it('an ongoing extra break grows and keeps its key', () => {
    const lines = ['09:00 work', '10:00 break', '10:05 work', '12:00 break', '12:05 work', '15:00 break'];
    const opts = { shift: shift('09:00', '18:00') };
    const a = detect(lines, '15:04', opts);
    const b = detect(lines, '15:09', opts);
    // 4 then 9 minutes into the third break (under the 15 + 2 limit: no overrun).
    expect(a.map(brief)).toEqual([{ type: 'too_many_breaks', status: 'break', over: 4, final: false, planned: 'break ≤ 2', actual: 'break #3 15:00–…' }]);
    expect(b.map((v) => [v.key, v.over_minutes])).toEqual([[a[0].key, 9]]);
  });
});

describe('break outside its planned window', () => {
  it('break planned 11:00 ±15 taken at 11:40: 40 - 15 = 25 min outside', () => {
    const vs = detect(withChanges({ '11:00 break': '11:40 break', '11:15 work': '11:55 work' }), '19:00');
    expect(vs.map(brief)).toEqual([
      { type: 'break_outside_window', status: 'break', over: 25, final: true, planned: 'break 11:00 ±15', actual: 'break 11:40' },
    ]);
  });

  it('the nearest planned break of the status is the window: 15:50 is 10 min from 16:00', () => {
    expect(detect(withChanges({ '16:00 break': '15:50 break', '16:15 work': '16:05 work' }), '19:00')).toEqual([]);
  });

  it('halfway between two planned breaks of the status, the earlier one is the window and the limit', () => {
    // Planned 11:00 (10 min) and 13:00 (20 min); a break 12:00-12:15 is 60 min from both: 11:00 is taken.
    // Outside by 60 - 15 = 45; over 15 - (10 + 2) = 3.
    const vs = detect(['09:00 work', '12:00 break', '12:15 work'], '12:30', { shift: shift('09:00', '18:00', 'break 13:00 20; break 11:00 10') });
    expect(vs.map((v) => [v.type, v.over_minutes, v.planned])).toEqual([
      ['break_overrun', 3, 'break 11:00, 10 min +2'],
      ['break_outside_window', 45, 'break 11:00 ±15'],
    ]);
  });

  it('exactly at the tolerance is inside: 11:15 for 11:00 ±15', () => {
    expect(detect(withChanges({ '11:00 break': '10:45 break' }), '19:00').filter((v) => v.type === 'break_outside_window')).toEqual([]);
  });
});

describe('missed planned lunch (lunch 13:00 60 min, ±30: deadline 14:30)', () => {
  const noLunch = withChanges({ '13:00 lunch': null, '14:00 work': null });

  it('is known only after the deadline, and is then final', () => {
    expect(detect(noLunch, '14:30')).toEqual([]);
    const vs = detect(noLunch, '14:31');
    expect(vs.map(brief)).toEqual([{ type: 'missed_lunch', status: 'lunch', over: 0, final: true, planned: 'lunch 13:00–14:00 ±30', actual: '—' }]);
    expect(vs[0].key).toBe(`missed_lunch|u1|2026-11-24|lunch|${at('13:00')}`);
  });

  it('a lunch at 14:20 is late, not missed: outside the window by 80 - 30 = 50 min', () => {
    const vs = detect([...noLunch, '14:20 lunch', '15:20 work'].sort(), '19:00');
    expect(vs.map((v) => [v.type, v.over_minutes])).toEqual([['break_outside_window', 50]]);
  });

  it('a lunch at 14:40 comes after the deadline: missed, and outside the window by 100 - 30 = 70 min', () => {
    const vs = detect([...noLunch, '14:40 lunch', '15:40 work'].sort(), '19:00');
    expect(vs.map((v) => [v.type, v.over_minutes])).toEqual([['missed_lunch', 0], ['break_outside_window', 70]]);
  });

  it('an outage touching the window means it may have been taken unrecorded: no violation', () => {
    expect(detect(noLunch, '19:00', { neutral: [{ start: at('12:45'), end: at('12:50') }] })).toEqual([]);
  });
});

describe('forgotten session (shift end 18:00, grace 5: deadline 18:05)', () => {
  const stayed = withChanges({ '18:00 offline': null });

  it('still working at 18:47: 47 - 5 = 42 min so far, growing with the same key', () => {
    expect(detect(stayed, '18:05')).toEqual([]);
    const vs = detect(stayed, '18:47');
    expect(vs.map(brief)).toEqual([{ type: 'forgotten_session', status: '', over: 42, final: false, planned: '18:00 +5', actual: 'work 16:15–…' }]);
    expect(detect(stayed, '20:00')[0]).toMatchObject({ key: vs[0].key, over_minutes: 115 });
  });

  it('offline at 19:00 by hand: final, 55 min', () => {
    const vs = detect([...stayed, '19:00 offline'], '23:00');
    expect(vs.map(brief)).toEqual([{ type: 'forgotten_session', status: '', over: 55, final: true, planned: '18:00 +5', actual: 'work 16:15–19:00' }]);
  });

  it('closed by the rollover (a system entry at shift end) it stays a forgotten session, 0 min over', () => {
    const vs = detect([...stayed, '18:00 offline @system'], '23:59');
    expect(vs.map(brief)).toEqual([{ type: 'forgotten_session', status: '', over: 0, final: true, planned: '18:00 +5', actual: 'work 16:15–18:00' }]);
  });

  it('offline within the grace, or coming back after the deadline, is not forgotten', () => {
    expect(detect([...stayed, '18:03 offline'], '23:00')).toEqual([]);
    expect(detect([...ON_SCHEDULE, '20:00 work'], '21:00')).toEqual([]);
  });
});

describe('a night shift 22:00-06:00 with lunch 02:00 30 min', () => {
  it('the lunch on the next calendar day is matched and measured', () => {
    // lunch 02:00-02:45 on the 25th: 45 - (30 + 5) = 10 min over.
    const night = shift('22:00', '06:00', 'lunch 02:00 30');
    const lines = ['22:00 work', '2026-11-25T02:00 lunch', '2026-11-25T02:45 work', '2026-11-25T06:00 offline'];
    const vs = detect(lines, '07:00', { shift: night, now: at('07:00', '2026-11-25') });
    expect(vs.map(brief)).toEqual([
      { type: 'break_overrun', status: 'lunch', over: 10, final: true, planned: 'lunch 02:00, 30 min +5', actual: 'lunch 02:00–02:45, 45 min' },
    ]);
  });
});

describe('the worked example of docs/rules.md', () => {
  it('finds the five violations, in time order', () => {
    // work 09:17, break 11:30-11:50, lunch 13:00-14:10, break 16:00-16:15, offline 17:50.
    const lines = ['09:17 work', '11:30 break', '11:50 work', '13:00 lunch', '14:10 work', '16:00 break', '16:15 work', '17:50 offline'];
    expect(detect(lines, '18:30').map((v) => [v.type, v.over_minutes, v.at])).toEqual([
      ['late_start', 12, at('09:00')], // 17 - 5
      ['break_overrun', 3, at('11:30')], // 20 - (15 + 2)
      ['break_outside_window', 15, at('11:30')], // 30 - 15
      ['break_overrun', 5, at('13:00')], // 70 - (60 + 5)
      ['early_leave', 5, at('18:00')], // 17:55 - 17:50
    ]);
  });
});
