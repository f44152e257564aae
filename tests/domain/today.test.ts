import { describe, expect, it } from 'vitest';
import { addDays, isDate, isTime, minutesOf, type ZonedTime } from '../../appsscript/src/domain/calendar.ts';
import { buildToday, dayBounds, dayViolationsByEmployee, dayViolationsOf, MAX_DAY_VIOLATIONS, scheduleOf, type ViolationRecord } from '../../appsscript/src/domain/today.ts';
import type { TodayViolation } from '../../common/api.ts';
import type { DayEntry, Shift } from '../../appsscript/src/domain/model.ts';

const HOUR = 3_600_000;

function localUtc(date: string, time: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return Date.UTC(y, mo - 1, d, h, mi);
}

/** Moscow: UTC+3 all year. */
const moscow: ZonedTime = (date, time) => localUtc(date, time) - 3 * HOUR;

/**
 * A Central-European zone around the 2026 spring change: UTC+1 until Sunday 2026-03-29 02:00 local,
 * then UTC+2 (clocks jump from 02:00 to 03:00). Enough of the real rule for the dates used here.
 */
const berlin: ZonedTime = (date, time) => {
  const local = localUtc(date, time);
  return local - (local < Date.UTC(2026, 2, 29, 2, 0) ? 1 : 2) * HOUR;
};

function shift(date: string, shift_start: string, shift_end: string, breaks: Shift['breaks'] = []): Shift {
  return { date, employee_id: 'u1', shift_start, shift_end, breaks };
}

describe('calendar', () => {
  it('adds calendar days across month, year and leap-day edges', () => {
    expect(addDays('2026-11-24', 1)).toBe('2026-11-25');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => addDays('24.11.2026', 1)).toThrow(RangeError);
  });

  it('reads and checks dates and times', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('13:45')).toBe(13 * 60 + 45);
    expect(() => minutesOf('24:00')).toThrow(RangeError);
    expect(isTime('9:00')).toBe(false);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
  });

  it('dayBounds asks the zone for both midnights, so a daylight-saving day has 23 hours', () => {
    // Moscow 2026-11-24: 00:00 MSK = 2026-11-23 21:00 UTC, 24 hours long.
    expect(dayBounds('2026-11-24', moscow)).toEqual({ start: Date.UTC(2026, 10, 23, 21), end: Date.UTC(2026, 10, 24, 21) });
    // Berlin 2026-03-29: 00:00 CET = 03-28 23:00 UTC; next midnight is CEST = 03-29 22:00 UTC: 23 hours.
    const b = dayBounds('2026-03-29', berlin);
    expect(b).toEqual({ start: Date.UTC(2026, 2, 28, 23), end: Date.UTC(2026, 2, 29, 22) });
    expect(b.end - b.start).toBe(23 * HOUR);
  });
});

describe('scheduleOf', () => {
  it('turns a day shift into instants and lists the breaks in time order', () => {
    // 09:00-18:00 MSK = 06:00-15:00 UTC; break 11:00 (08:00 UTC), lunch 13:00 (10:00 UTC), typed lunch first.
    const s = scheduleOf(shift('2026-11-24', '09:00', '18:00', [{ status: 'lunch', start: '13:00', minutes: 60 }, { status: 'break', start: '11:00', minutes: 15 }]), moscow);
    expect(s).toEqual({
      shift_start: Date.UTC(2026, 10, 24, 6),
      shift_end: Date.UTC(2026, 10, 24, 15),
      breaks: [
        { status: 'break', start: Date.UTC(2026, 10, 24, 8), minutes: 15 },
        { status: 'lunch', start: Date.UTC(2026, 10, 24, 10), minutes: 60 },
      ],
    });
  });

  it('a shift whose end is earlier than its start ends the next day; its early-hours breaks are next day too', () => {
    // 22:00 (24th) - 06:00 (25th) MSK = 19:00 - 03:00 UTC. Break 23:30 is on the 24th; lunch 02:00 on the 25th.
    const s = scheduleOf(shift('2026-11-24', '22:00', '06:00', [{ status: 'lunch', start: '02:00', minutes: 30 }, { status: 'break', start: '23:30', minutes: 10 }]), moscow);
    expect(s.shift_start).toBe(Date.UTC(2026, 10, 24, 19));
    expect(s.shift_end).toBe(Date.UTC(2026, 10, 25, 3));
    expect(s.breaks).toEqual([
      { status: 'break', start: Date.UTC(2026, 10, 24, 20, 30), minutes: 10 },
      { status: 'lunch', start: Date.UTC(2026, 10, 24, 23), minutes: 30 },
    ]);
  });

  it('on a day shift a break typed before the start stays on the same date', () => {
    const s = scheduleOf(shift('2026-11-24', '09:00', '18:00', [{ status: 'break', start: '08:30', minutes: 10 }]), moscow);
    expect(s.breaks[0].start).toBe(Date.UTC(2026, 10, 24, 5, 30));
  });

  it('a shift ending when it starts lasts 24 hours', () => {
    const s = scheduleOf(shift('2026-11-24', '08:00', '08:00'), moscow);
    expect(s.shift_end - s.shift_start).toBe(24 * HOUR);
  });

  it('a night shift across the daylight-saving change is an hour shorter, as the clocks say', () => {
    // 22:00 CET on 03-28 = 21:00 UTC; 06:00 CEST on 03-29 = 04:00 UTC: 7 hours of real time.
    const s = scheduleOf(shift('2026-03-28', '22:00', '06:00'), berlin);
    expect(s.shift_start).toBe(Date.UTC(2026, 2, 28, 21));
    expect(s.shift_end).toBe(Date.UTC(2026, 2, 29, 4));
  });
});

describe('buildToday', () => {
  const day: DayEntry[] = [
    { entry_id: 'b', status: 'break', at: Date.UTC(2026, 10, 24, 8), source: 'web', device_id: 'pc', seq: 2 },
    { entry_id: 'a', status: 'work', at: Date.UTC(2026, 10, 24, 6), source: 'web', device_id: 'pc', seq: 1 },
    { entry_id: 'c', status: 'work', at: Date.UTC(2026, 10, 24, 9), source: 'bot', device_id: 'tg', seq: 1 },
  ];

  it('puts together the date, zone, schedule and the timeline up to now', () => {
    const now = Date.UTC(2026, 10, 24, 8, 30); // the 09:00 UTC entry is not shown yet
    const t = buildToday({ date: '2026-11-24', timeZone: 'Europe/Moscow', shift: shift('2026-11-24', '09:00', '18:00'), day, now, zonedTime: moscow, violations: null });
    expect(t).toEqual({
      date: '2026-11-24',
      time_zone: 'Europe/Moscow',
      schedule: { shift_start: Date.UTC(2026, 10, 24, 6), shift_end: Date.UTC(2026, 10, 24, 15), breaks: [] },
      timeline: [
        { status: 'work', start: Date.UTC(2026, 10, 24, 6), end: Date.UTC(2026, 10, 24, 8), source: 'web' },
        { status: 'break', start: Date.UTC(2026, 10, 24, 8), end: null, source: 'web' },
      ],
      violations: [],
    });
  });

  it('has no schedule on a day without a shift, and an empty timeline on a day without entries', () => {
    const t = buildToday({ date: '2026-11-24', timeZone: 'Europe/Moscow', shift: null, day: [], now: Date.UTC(2026, 10, 24, 12), zonedTime: moscow, violations: null });
    expect(t.schedule).toBeNull();
    expect(t.timeline).toEqual([]);
  });
});

describe("the day's violations", () => {
  const overrun: TodayViolation = { id: 'V-20261124-a', type: 'break_overrun', planned: 'break 11:00, 15 min +2', actual: 'break 11:00–11:25, 25 min', over_minutes: 8, resolution: 'open' };
  const base = { date: '2026-11-24', timeZone: 'Europe/Moscow', shift: null, day: [], now: Date.UTC(2026, 10, 24, 12), zonedTime: moscow };

  it('buildToday sends the kept list only when it is of the same date', () => {
    expect(buildToday({ ...base, violations: { date: '2026-11-24', items: [overrun] } }).violations).toEqual([overrun]);
    // Until the first check of a new day the row still holds yesterday's list: not today's violations.
    expect(buildToday({ ...base, violations: { date: '2026-11-23', items: [overrun] } }).violations).toEqual([]);
    expect(buildToday({ ...base, violations: null }).violations).toEqual([]);
  });

  /** A Violations row as the tab window decodes it. */
  function row(o: Partial<Record<string, unknown>>): ViolationRecord {
    return { id: 'V-20261124-a', date: '2026-11-24', employee_id: 'e001', type: 'break_overrun', planned: 'break 11:00, 15 min +2', actual: 'break 11:00–11:25, 25 min', over_minutes: 8, detected_at: 0, alert_id: '', resolution: 'open', resolved_by: '', note: '', ...o };
  }

  it("groups the date's rows by employee, in sheet order, leaving out other dates and unknown types", () => {
    const lists = dayViolationsByEmployee(
      [
        row({ id: 'V-20261123-z', date: '2026-11-23' }),
        row({}),
        row({ id: 'V-20261124-b', employee_id: 'e004', type: 'late_start', planned: '09:00 +5', actual: '09:12', over_minutes: 7, resolution: 'confirmed' }),
        row({ id: 'V-20261124-c', type: 'missed_lunch', planned: 'lunch 12:00–13:00 ±15', actual: '—', over_minutes: null, resolution: '' }),
        row({ id: 'V-20261124-d', type: 'typed_by_hand' }),
        row({ id: '', type: 'late_start' }),
      ],
      '2026-11-24',
    );
    expect([...lists.keys()]).toEqual(['e001', 'e004']);
    expect(lists.get('e001')).toEqual([
      overrun,
      { id: 'V-20261124-c', type: 'missed_lunch', planned: 'lunch 12:00–13:00 ±15', actual: '—', over_minutes: 0, resolution: 'open' },
    ]);
    expect(lists.get('e004')).toEqual([{ id: 'V-20261124-b', type: 'late_start', planned: '09:00 +5', actual: '09:12', over_minutes: 7, resolution: 'confirmed' }]);
  });

  it("takes a lead's decision however it was typed, and anything else as open", () => {
    const of = (resolution: unknown) => dayViolationsByEmployee([row({ resolution })], '2026-11-24').get('e001')![0].resolution;
    expect(of('excused')).toBe('excused');
    expect(of(' Excused ')).toBe('excused');
    expect(of('CONFIRMED')).toBe('confirmed');
    expect(of('')).toBe('open');
    expect(of('maybe')).toBe('open');
    expect(of(null)).toBe('open');
  });

  it('lists a violation written twice once, with the newest values and the decision taken on either copy', () => {
    const lists = dayViolationsByEmployee(
      [row({ over_minutes: 3, actual: 'break 11:00–…, 20 min', resolution: 'excused' }), row({ id: 'V-20261124-b', type: 'late_start' }), row({ over_minutes: 8 })],
      '2026-11-24',
    );
    expect(lists.get('e001')!.map((v) => [v.id, v.over_minutes, v.resolution])).toEqual([
      ['V-20261124-a', 8, 'excused'],
      ['V-20261124-b', 8, 'open'],
    ]);
  });

  it("does not show the employee who else was away at once, only how many", () => {
    const [v] = dayViolationsByEmployee([row({ type: 'group_concurrency', planned: 'support-l1 ≤ 2', actual: '3: e001, e002, e005' })], '2026-11-24').get('e001')!;
    expect(v.actual).toBe('3');
    expect(v.planned).toBe('support-l1 ≤ 2');
  });

  it('keeps the newest ones of a day with very many, so the Current cell stays small', () => {
    const rows = Array.from({ length: MAX_DAY_VIOLATIONS + 5 }, (_, i) => row({ id: `V-20261124-${i}`, actual: 'x'.repeat(500) }));
    const list = dayViolationsByEmployee(rows, '2026-11-24').get('e001')!;
    expect(list).toHaveLength(MAX_DAY_VIOLATIONS);
    expect(list[0].id).toBe('V-20261124-5');
    expect(JSON.stringify({ date: '2026-11-24', items: list }).length).toBeLessThan(50_000);
  });

  it('reads the kept list back from its cell, dropping whatever is not a violation', () => {
    expect(dayViolationsOf({ date: '2026-11-24', items: [overrun] })).toEqual({ date: '2026-11-24', items: [overrun] });
    expect(dayViolationsOf({ date: '2026-11-24', items: [overrun, { id: 1 }, { ...overrun, type: 'nope' }, null] })).toEqual({ date: '2026-11-24', items: [overrun] });
    expect(dayViolationsOf(null)).toBeNull();
    expect(dayViolationsOf([overrun])).toBeNull();
    expect(dayViolationsOf({ items: [] })).toBeNull();
  });
});
