// The reports' pure parts: sums and weighted rates, per person / group, day series, breaks by hour, the
// Daily v3 breakdown and its text, the Daily index, and the CSV.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { measuresOf } from '../../appsscript/src/domain/reports/measures.ts';
import { summaryOf, coverageOf } from '../../appsscript/src/domain/reports/summary.ts';
import { daysOf, hoursOf } from '../../appsscript/src/domain/reports/series.ts';
import { breakdownOf, formatViolationTypes, parseViolationTypes } from '../../appsscript/src/domain/reports/breakdown.ts';
import type { ConsolidatedDay } from '../../appsscript/src/domain/reports/consolidated-day.ts';
import { blockMatches, formatDailyIndex, indexFromDates, parseDailyIndex, rowsOf } from '../../appsscript/src/store/daily-index.ts';
import { emptyViolationCounts, reportCsv, REPORT_CSV_COLUMNS } from '../../common/reports.ts';
import type { StatusKind } from '../../common/status.ts';

const MIN = 60_000;
// UTC as the zone: midnight of a date is Date.UTC of it.
const zonedTime = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00Z`);
const kinds: Record<string, StatusKind> = { work: 'work', break: 'break', lunch: 'lunch', meeting: 'meeting', offline: 'offline' };
const kindOf = (s: string) => kinds[s];

function day(p: Partial<ConsolidatedDay> & { date: string; employee_id: string }): ConsolidatedDay {
  return {
    group: 'g1',
    scheduled_min: 480,
    worked_min: 480,
    break_min: 0,
    lunch_min: 0,
    other_min: 0,
    adherence_pct: 100,
    conformance_pct: 100,
    violations: 0,
    timeline: null,
    breakdown: null,
    ...p,
  };
}

const seg = (status: string, date: string, from: string, to: string) => ({ status, start: zonedTime(date, from), end: zonedTime(date, to), source: 'web' as const });

describe('measures', () => {
  it('weights adherence and conformance by scheduled minutes and skips days with nothing scheduled', () => {
    const m = measuresOf([
      day({ date: 'd', employee_id: 'a', scheduled_min: 480, adherence_pct: 90, conformance_pct: 100 }),
      day({ date: 'd', employee_id: 'b', scheduled_min: 240, adherence_pct: 60, conformance_pct: 50 }),
      day({ date: 'd', employee_id: 'c', scheduled_min: 0, adherence_pct: 0, conformance_pct: null }),
    ]);
    expect(m.adherence_pct).toBe(80); // (90*480 + 60*240) / 720
    expect(m.conformance_pct).toBe(83.3);
    expect(m.days).toBe(3);
    expect(measuresOf([]).adherence_pct).toBeNull();
  });

  it('sums exactly what the days hold, whatever their order', () => {
    const arb = fc.array(
      fc.record({ worked: fc.integer({ min: 0, max: 900 }), brk: fc.integer({ min: 0, max: 120 }), over: fc.integer({ min: 0, max: 60 }) }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (xs) => {
        const days = xs.map((x, i) =>
          day({
            date: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
            employee_id: `e${i}`,
            worked_min: x.worked,
            break_min: x.brk,
            breakdown: { ...breakdownOf(x.over > 0 ? [{ type: 'break_overrun', over_minutes: x.over }] : [], [], kindOf) },
          }),
        );
        const a = measuresOf(days);
        const b = measuresOf([...days].reverse());
        expect(a).toEqual(b);
        expect(a.worked_min).toBe(xs.reduce((n, x) => n + x.worked, 0));
        expect(a.overruns).toBe(xs.filter((x) => x.over > 0).length);
        expect(a.overrun_min).toBe(xs.reduce((n, x) => n + x.over, 0));
      }),
    );
  });
});

describe('summary', () => {
  const people = new Map([
    ['a', { id: 'a', name: 'Borisov', group: 'g2' }],
    ['b', { id: 'b', name: 'Antonova', group: 'g1' }],
  ]);
  it('lists people by name in the group of most of their days, groups with their cap, and the coverage', () => {
    const s = summaryOf(
      [
        day({ date: '2026-11-02', employee_id: 'a', group: 'g1' }),
        day({ date: '2026-11-03', employee_id: 'a', group: 'g2' }),
        day({ date: '2026-11-04', employee_id: 'a', group: null }), // before v3: today's group, g2
        day({ date: '2026-11-02', employee_id: 'b' }),
      ],
      people,
      new Map([['g1', 2]]),
      { from: '2026-11-01', to: '2026-11-30', today: '2026-11-05', time_zone: 'UTC' },
    );
    expect(s.rows.map((r) => [r.name, r.group, r.days])).toEqual([['Antonova', 'g1', 1], ['Borisov', 'g2', 3]]);
    expect(s.groups.map((g) => [g.group, g.people, g.days, g.max_concurrent_breaks])).toEqual([['g1', 2, 2, 2], ['g2', 1, 2, null]]);
    expect(s.coverage).toEqual({ dates_with_data: 3, dates: 4, without_breakdown: 4, unavailable_months: [] });
  });

  it('counts no date from today on as missing', () => {
    expect(coverageOf({ from: '2026-11-05', to: '2026-11-09', today: '2026-11-05', time_zone: 'UTC' }, 0, 0).dates).toBe(0);
    expect(coverageOf({ from: '2026-11-01', to: '2026-11-03', today: '2026-12-01', time_zone: 'UTC' }, 0, 0).dates).toBe(3);
  });
});

describe('series', () => {
  it('sums minutes by status kind per day from the timelines', () => {
    const d = '2026-11-02';
    const days = daysOf(
      [
        day({ date: d, employee_id: 'a', timeline: { schedule: null, segments: [seg('work', d, '09:00', '11:00'), seg('break', d, '11:00', '11:15'), seg('meeting', d, '11:15', '12:00'), seg('offline', d, '12:00', '13:00')] } }),
        day({ date: d, employee_id: 'b', timeline: { schedule: null, segments: [seg('lunch', d, '12:00', '13:00'), { status: 'work', start: zonedTime(d, '13:00'), end: null, source: 'web' }] } }),
      ],
      kindOf,
    );
    expect(days).toHaveLength(1);
    expect(days[0].minutes_by_kind).toEqual({ work: 120, meeting: 45, training: 0, break: 15, lunch: 60 });
    expect(days[0].people).toBe(2);
  });

  it('finds the most on break at once in each hour, and the average of the days', () => {
    const d1 = '2026-11-02';
    const d2 = '2026-11-03';
    const hours = hoursOf(
      [
        day({ date: d1, employee_id: 'a', timeline: { schedule: null, segments: [seg('break', d1, '11:00', '11:15')] } }),
        day({ date: d1, employee_id: 'b', timeline: { schedule: null, segments: [seg('lunch', d1, '11:10', '12:10')] } }),
        day({ date: d1, employee_id: 'c', timeline: { schedule: null, segments: [seg('break', d1, '11:15', '11:30')] } }),
        day({ date: d2, employee_id: 'a', timeline: { schedule: null, segments: [seg('break', d2, '11:50', '12:05'), seg('work', d2, '12:05', '13:00')] } }),
      ],
      kindOf,
      zonedTime,
    );
    // 11:10-11:15: a and b; 11:15-11:30: b and c (a's break ended at 11:15 exactly).
    expect(hours[11]).toEqual({ hour: 11, peak: 2, average: 1.5 });
    expect(hours[12]).toEqual({ hour: 12, peak: 1, average: 1 });
    expect(hours[13].peak).toBe(0);
  });

  it('puts a night shift\'s break after midnight into the early hours', () => {
    const d = '2026-11-02';
    const hours = hoursOf(
      [day({ date: d, employee_id: 'a', timeline: { schedule: null, segments: [{ status: 'break', start: zonedTime('2026-11-03', '02:00'), end: zonedTime('2026-11-03', '02:15'), source: 'web' }] } })],
      kindOf,
      zonedTime,
    );
    expect(hours[2].peak).toBe(1);
  });

  it('never counts more people at once than have a break that day', () => {
    const d = '2026-11-02';
    const arb = fc.array(fc.tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 120 })), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(arb, (breaks) => {
        const days = breaks.map(([start, len], i) =>
          day({ date: d, employee_id: `e${i}`, timeline: { schedule: null, segments: [{ status: 'break', start: zonedTime(d, '00:00') + start * MIN, end: zonedTime(d, '00:00') + (start + len) * MIN, source: 'web' }] } }),
        );
        const hours = hoursOf(days, kindOf, zonedTime);
        expect(Math.max(...hours.map((h) => h.peak))).toBeLessThanOrEqual(breaks.length);
        expect(Math.max(...hours.map((h) => h.peak))).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});

describe('the Daily v3 breakdown', () => {
  it('counts violations by type, overrun and lateness minutes, and planned minutes by kind', () => {
    const b = breakdownOf(
      [
        { type: 'break_overrun', over_minutes: 4 },
        { type: 'break_overrun', over_minutes: 6 },
        { type: 'late_start', over_minutes: 7 },
        { type: 'missed_lunch', over_minutes: 0 },
      ],
      [{ status: 'break', minutes: 15 }, { status: 'lunch', minutes: 60 }, { status: 'break', minutes: 15 }],
      kindOf,
    );
    expect(b).toMatchObject({ planned_break_min: 30, planned_lunch_min: 60, overruns: 2, overrun_min: 10, late_starts: 1, late_start_min: 7, early_leaves: 0 });
    expect(formatViolationTypes(b.violations_by_type)).toBe('late_start:1, break_overrun:2, missed_lunch:1');
  });

  it('reads its text back, and refuses a hand-typed one it does not know', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...(Object.keys(emptyViolationCounts()) as (keyof ReturnType<typeof emptyViolationCounts>)[])), { maxLength: 20 }), (types) => {
        const counts = emptyViolationCounts();
        for (const t of types) counts[t]++;
        expect(parseViolationTypes(formatViolationTypes(counts))).toEqual(counts);
      }),
    );
    expect(parseViolationTypes('')).toEqual(emptyViolationCounts());
    expect(parseViolationTypes('late:1')).toBeNull();
    expect(parseViolationTypes('break_overrun: two')).toBeNull();
  });
});

describe('the Daily index', () => {
  const dates = ['2026-11-01', '2026-11-01', '2026-11-02', '2026-11-02', '2026-11-02', '2026-11-04'];
  it('knows each date\'s block and the block of a period', () => {
    const index = indexFromDates(dates);
    expect(parseDailyIndex(formatDailyIndex(index))).toEqual(index);
    expect(rowsOf(index, '2026-11-02', '2026-11-03')).toEqual({ first: 4, last: 6, dates: new Set(['2026-11-02']) });
    expect(rowsOf(index, '2026-11-01', '2026-11-30')).toMatchObject({ first: 2, last: 7 });
    expect(rowsOf(index, '2026-12-01', '2026-12-31')).toBeNull();
  });

  it('checks rows against it', () => {
    const index = indexFromDates(dates);
    const rows = dates.map((d) => [d]);
    expect(blockMatches(index, 2, rows, (r) => String(r[0]))).toBe(true);
    expect(blockMatches(index, 3, rows.slice(0, 5), (r) => String(r[0]))).toBe(false);
    expect(blockMatches(index, 2, [...rows.slice(0, 2), ['']], (r) => String(r[0]))).toBe(false);
  });

  it('reads nothing it does not understand as an index', () => {
    for (const bad of ['', 'x', '[]', '{"2026-11-01":[1,2]}', '{"2026-11-01":[2]}', '{"11/01":[2,3]}']) expect(parseDailyIndex(bad)).toBeNull();
  });
});

describe('the CSV', () => {
  it('has a header of Daily\'s names and keeps names that look like formulas as text', () => {
    const row = { employee_id: 'e1', name: '=HYPERLINK("x")', group: 'g, 1', ...measuresOf([day({ date: 'd', employee_id: 'e1' })]) };
    const csv = reportCsv([row]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, line] = csv.slice(1).trim().split('\r\n');
    expect(header.split(',')).toEqual([...REPORT_CSV_COLUMNS]);
    expect(line.startsWith(`e1,"'=HYPERLINK(""x"")","g, 1",1,480,480`)).toBe(true);
  });
});
