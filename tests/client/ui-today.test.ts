// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../client/src/components/app.ts';
import type { WttApp } from '../../client/src/components/app.ts';
import type { BreakPanel } from '../../client/src/components/break-panel.ts';
import type { DayTimeline } from '../../client/src/components/day-timeline.ts';
import type { TodayShift } from '../../client/src/components/today-shift.ts';
import { breakAllowance, breaksTaken, nextPlannedBreak, plannedBreakFor } from '../../client/src/components/break-math.ts';
import { VIOLATION_TYPES, type TodayView, type ViolationType } from '../../client/src/components/today-extras.ts';
import type { TodayBlock, TodayViolation } from '../../common/api.ts';
import { setLang } from '../../client/src/i18n/locale.ts';
import { FakeModel, STATUSES, session } from './fake-model.ts';
import { $, $all, clear, mount, settle, textOf } from './ui-helpers.ts';

// 2026-03-10 in Moscow (UTC+3 all year): times below are Moscow wall-clock times.
const msk = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 2, 10, hh - 3, mm, ss);
const ZONE = 'Europe/Moscow';

function today(overrides: Partial<TodayView> = {}): TodayView {
  return {
    date: '2026-03-10',
    time_zone: ZONE,
    schedule: {
      shift_start: msk(9, 0),
      shift_end: msk(18, 0),
      breaks: [
        { status: 'break', start: msk(11, 0), minutes: 15 },
        { status: 'lunch', start: msk(13, 0), minutes: 45 },
        { status: 'break', start: msk(16, 0), minutes: 15 },
      ],
    },
    timeline: [
      { status: 'work', start: msk(9, 2), end: msk(11, 3), source: 'web' },
      { status: 'break', start: msk(11, 3), end: null, source: 'web' },
    ],
    violations: [],
    ...overrides,
  };
}

describe("today's shift", () => {
  beforeEach(() => setLang('en'));
  afterEach(() => clear());

  it('shows the shift and its planned breaks in the spreadsheet\'s time zone', async () => {
    const el = await mount<TodayShift>('wtt-today-shift', { today: today(), statuses: STATUSES });
    expect(textOf($(el, '.shift'))).toBe('09:00 – 18:00');
    expect($all(el, 'li').map((li) => textOf(li))).toEqual([
      'Break 11:00 – 11:15 · 15 min',
      'Lunch 13:00 – 13:45 · 45 min',
      'Break 16:00 – 16:15 · 15 min',
    ]);
    // The same instants in another zone read differently: the zone really is applied.
    const ny = await mount<TodayShift>('wtt-today-shift', { today: today({ time_zone: 'America/New_York' }), statuses: STATUSES });
    expect(textOf($(ny, '.shift'))).toBe('02:00 – 11:00');
  });

  it('says when no shift is planned', async () => {
    const el = await mount<TodayShift>('wtt-today-shift', { today: today({ schedule: null }), statuses: STATUSES });
    expect(textOf(el)).toContain('No shift planned for today.');
  });
});

describe('break panel', () => {
  beforeEach(() => {
    setLang('en');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(msk(11, 10));
  });
  afterEach(() => {
    clear();
    vi.useRealTimers();
  });

  it('counts down the planned break from when it began, then shows the overrun', async () => {
    const el = await mount<BreakPanel>('wtt-break-panel', { today: today(), statuses: STATUSES, current: { status: 'break', since: msk(11, 3) } });
    // began 11:03, planned 15 min: ends 11:18, now 11:10
    expect(textOf($(el, 'dl'))).toBe('Time left in this break 08:00');
    await vi.advanceTimersByTimeAsync(7_000);
    await settle();
    expect(textOf($(el, '[role="timer"]'))).toBe('07:53');
    vi.setSystemTime(msk(11, 20, 30));
    await vi.advanceTimersByTimeAsync(1_000);
    await settle();
    expect(textOf($(el, 'dl'))).toBe('Over by +02:31');
    expect($(el, 'dd.left').classList.contains('over')).toBe(true);
  });

  it('shows the next planned break and the breaks taken against the plan', async () => {
    const el = await mount<BreakPanel>('wtt-break-panel', { today: today(), statuses: STATUSES, current: { status: 'break', since: msk(11, 3) } });
    const dls = $all(el, 'dl');
    expect(textOf(dls[1])).toBe('Next planned break Lunch 13:00 – 13:45 Breaks taken 1 of 3');
  });

  it('when working: not on a break, and the count includes lunches', async () => {
    vi.setSystemTime(msk(14, 0));
    const t = today({
      timeline: [
        { status: 'work', start: msk(9, 0), end: msk(11, 0), source: 'web' },
        { status: 'break', start: msk(11, 0), end: msk(11, 15), source: 'web' },
        { status: 'work', start: msk(11, 15), end: msk(13, 0), source: 'web' },
        { status: 'lunch', start: msk(13, 0), end: msk(13, 40), source: 'bot' },
        { status: 'work', start: msk(13, 40), end: null, source: 'web' },
      ],
    });
    const el = await mount<BreakPanel>('wtt-break-panel', { today: t, statuses: STATUSES, current: { status: 'work', since: msk(13, 40) } });
    expect(textOf(el)).toContain('You are not on a break.');
    expect(textOf($(el, '[data-testid="taken"]'))).toBe('2 of 3');
    expect(textOf(el)).toContain('Break 16:00 – 16:15');
  });

  it('takes the length from the rule when no planned break fits, and says when nothing gives one', async () => {
    const noPlan = today({ schedule: { shift_start: msk(9, 0), shift_end: msk(18, 0), breaks: [] } });
    const ruled: TodayView = { ...noPlan, rules: [{ status: 'break', max_minutes: 20, max_per_shift: 3 }, { status: 'lunch', max_minutes: 60, max_per_shift: 1 }] };
    const withRule = await mount<BreakPanel>('wtt-break-panel', {
      today: ruled,
      statuses: STATUSES,
      current: { status: 'break', since: msk(11, 5) },
    });
    expect(textOf($(withRule, '[role="timer"]'))).toBe('15:00');
    expect(textOf($(withRule, '[data-testid="taken"]'))).toBe('1 of 4');
    const without = await mount<BreakPanel>('wtt-break-panel', { today: noPlan, statuses: STATUSES, current: { status: 'break', since: msk(11, 5) } });
    expect(textOf(without)).toContain('This break has no planned length.');
    expect(textOf(without)).toContain('No more planned breaks today.');
  });

  it('uses the server clock for the countdown', async () => {
    const el = await mount<BreakPanel>('wtt-break-panel', {
      today: today(), statuses: STATUSES, current: { status: 'break', since: msk(11, 3) }, clockOffsetMs: 60_000,
    });
    expect(textOf($(el, '[role="timer"]'))).toBe('07:00');
  });
});

describe('break arithmetic', () => {
  const schedule = today().schedule!;
  it('finds the planned break that overlaps this one, preferring the same status', () => {
    expect(plannedBreakFor(schedule, { status: 'break', since: msk(10, 58) }, msk(11, 1))?.start).toBe(msk(11, 0));
    expect(plannedBreakFor(schedule, { status: 'break', since: msk(10, 50) }, msk(10, 55))).toBeNull();
    expect(plannedBreakFor(schedule, { status: 'lunch', since: msk(12, 50) }, msk(13, 5))?.status).toBe('lunch');
    const overlapping = { ...schedule, breaks: [{ status: 'break', start: msk(13, 0), minutes: 10 }, { status: 'lunch', start: msk(13, 5), minutes: 30 }] };
    expect(plannedBreakFor(overlapping, { status: 'lunch', since: msk(13, 6) }, msk(13, 8))?.status).toBe('lunch');
  });
  it('the allowance runs from the start of this break', () => {
    expect(breakAllowance(schedule, [], { status: 'lunch', since: msk(13, 10) }, msk(13, 20))).toEqual({ minutes: 45, endsAt: msk(13, 55), source: 'plan' });
  });
  it('the next break is the first not started', () => {
    expect(nextPlannedBreak(schedule, msk(11, 0))?.start).toBe(msk(13, 0));
    expect(nextPlannedBreak(schedule, msk(16, 1))).toBeNull();
    expect(nextPlannedBreak(null, msk(9, 0))).toBeNull();
  });
  it('counts break-like segments only', () => {
    expect(breaksTaken(today().timeline, STATUSES)).toBe(1);
    expect(breaksTaken([{ status: 'unknown', start: 0, end: 1, source: 'admin' }], STATUSES)).toBe(0);
  });
});

describe('timeline', () => {
  beforeEach(() => {
    setLang('en');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(msk(12, 33));
  });
  afterEach(() => {
    clear();
    vi.useRealTimers();
  });

  it('lists each segment with its times and length; the running one grows', async () => {
    const el = await mount<DayTimeline>('wtt-day-timeline', { today: today(), statuses: STATUSES });
    expect($all(el, 'li').map((li) => textOf(li))).toEqual(['Working 2 h 01 min 09:02 – 11:03', 'Break 1 h 30 min 11:03 – now']);
    expect($(el, 'ol').getAttribute('aria-labelledby')).toBe('timeline-heading');
    vi.setSystemTime(msk(12, 35));
    await vi.advanceTimersByTimeAsync(15_000);
    await settle();
    expect(textOf($all(el, 'li')[1])).toBe('Break 1 h 32 min 11:03 – now');
  });

  it('says when the day is empty, in Russian too', async () => {
    setLang('ru');
    const el = await mount<DayTimeline>('wtt-day-timeline', { today: today({ timeline: [] }), statuses: STATUSES });
    expect(textOf(el)).toContain('Сегодня смен статуса ещё не было.');
  });
});

describe('violations', () => {
  beforeEach(() => setLang('en'));
  afterEach(() => {
    clear();
    setLang('en');
  });

  async function appWith(t: TodayBlock): Promise<WttApp> {
    const model = new FakeModel();
    model.session = session();
    model.today = t;
    return mount<WttApp>('wtt-app', { model });
  }

  const items = (app: WttApp) => $all(app, 'wtt-violations-list li');

  const overrun: TodayViolation = {
    id: 'V-20260310-a1',
    type: 'break_overrun',
    planned: 'break 11:00, 15 min +2',
    actual: 'break 11:03–11:31, 28 min',
    over_minutes: 11,
    resolution: 'open',
  };

  it('are not shown for a day saved by an older page, which has no list', async () => {
    const { violations: _, ...old } = today();
    const app = await appWith(old as TodayBlock);
    expect($all(app, 'wtt-violations-list')).toEqual([]);
  });

  it('say what happened in the page language: the rule, the plan and the fact with status labels, by how much', async () => {
    const app = await appWith(
      today({
        violations: [
          overrun,
          { id: 'V-20260310-b2', type: 'late_start', planned: '09:00 +5', actual: '09:12', over_minutes: 7, resolution: 'confirmed' },
          { id: 'V-20260310-c3', type: 'missed_lunch', planned: 'lunch 13:00–13:45 ±15', actual: '—', over_minutes: 0, resolution: 'open' },
        ],
      }),
    );
    expect(items(app).map((li) => textOf(li))).toEqual([
      'Break too long Not reviewed yet Planned Break 11:00, 15 min +2 Actual Break 11:03–11:31, 28 min over by 11 min',
      'Late start Confirmed Planned 09:00 +5 Actual 09:12 7 min late',
      'Planned lunch missed Not reviewed yet Planned Lunch 13:00–13:45 ±15 Actual —',
    ]);
    setLang('ru');
    await settle();
    expect(items(app).map((li) => textOf(li))).toEqual([
      'Перерыв слишком длинный Ещё не рассмотрено План Перерыв 11:00, 15 мин +2 Факт Перерыв 11:03–11:31, 28 мин превышение 11 мин',
      'Опоздание Подтверждено План 09:00 +5 Факт 09:12 опоздание 7 мин',
      'Пропущен запланированный обед Ещё не рассмотрено План Обед 13:00–13:45 ±15 Факт —',
    ]);
  });

  it('an excused one reads as excused, not as a fault', async () => {
    const app = await appWith(today({ violations: [overrun, { ...overrun, id: 'V-20260310-d4', resolution: 'excused' }] }));
    const [open, excused] = items(app);
    expect(textOf(excused)).toContain('✓ Excused');
    expect(textOf(excused)).not.toContain('Not reviewed yet');
    expect(excused.className).toBe('excused');
    expect(open.className).toBe('open');
    // The warning colour is the open one's only: the excused rule name is in the ordinary text colour.
    const colour = (li: HTMLElement) => getComputedStyle($(li, '.type')).color;
    expect(colour(excused)).not.toBe(colour(open));
  });

  it('every type has a name in both languages, and an unknown one shows by its code', async () => {
    const all = VIOLATION_TYPES.map((type, i): TodayViolation => ({ ...overrun, id: `V-20260310-${i}`, type }));
    const app = await appWith(today({ violations: [...all, { ...overrun, id: 'x', type: 'something_new' as ViolationType }] }));
    const names = () => $all(app, 'wtt-violations-list .type').map((el) => textOf(el));
    const en = names();
    setLang('ru');
    await settle();
    const ru = names();
    expect(en.at(-1)).toBe('something_new');
    expect(ru.at(-1)).toBe('something_new');
    for (const [i, type] of VIOLATION_TYPES.entries()) {
      expect(en[i], type).not.toBe(type);
      expect(ru[i], type).not.toBe(type);
      expect(ru[i], type).not.toBe(en[i]);
      expect(ru[i], type).toMatch(/[а-яё]/i);
    }
  });

  it('an empty list says there are none', async () => {
    const app = await appWith(today({ violations: [] }));
    expect(textOf($(app, 'wtt-violations-list'))).toContain('No violations today.');
  });
});

describe('the day screen as a whole', () => {
  beforeEach(() => setLang('en'));
  afterEach(() => clear());

  it('renders every section from the model, each a labelled region', async () => {
    const model = new FakeModel();
    model.session = session();
    model.current = { status: 'break', since: Date.now() - 1000 };
    model.today = today();
    const app = await mount<WttApp>('wtt-app', { model });
    const headings = $all(app, 'section h2').map((h) => textOf(h));
    expect(headings).toEqual(expect.arrayContaining(['Current status', 'Status', 'Breaks', "Today's shift", 'Today', 'Sync']));
    for (const section of $all(app, 'section')) {
      const id = section.getAttribute('aria-labelledby');
      expect(id, textOf(section).slice(0, 40)).toBeTruthy();
      expect(section.getRootNode() instanceof ShadowRoot ? (section.getRootNode() as ShadowRoot).getElementById(id!) : null).not.toBeNull();
    }
    model.update({ today: today({ schedule: null }) });
    await settle();
    expect(textOf($(app, 'wtt-today-shift'))).toContain('No shift planned for today.');
  });
});
