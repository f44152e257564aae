// @vitest-environment happy-dom
// The Violations dialog against a fake google.script.run: periods, filters, the person's day beside the
// list, and excusing or confirming one or many with a reason after a confirm step.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../appsscript/ui/features/Violations/violations-screen.ts';
import { periodOf } from '../../appsscript/ui/features/Violations/violations-screen.ts';
import { violationText } from '../../appsscript/ui/features/Violations/violation-text.ts';
import { epochAt } from '../../appsscript/ui/components/zoned-time.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { AdminReply, ViolationRecord } from '../../common/admin-api.ts';
import { $, $all, clear, settle, textOf } from '../client/ui-helpers.ts';
import { FakeScriptRun, LEAD, fail, flush, ok, status } from './fake-script-run.ts';
import { choose, click, mountPage, type } from './interact.ts';

const ZONE = 'Europe/Moscow';
/** Tuesday 24 November 2026, 15:00 in Moscow. */
const NOW = Date.parse('2026-11-24T15:00:00+03:00');
const at = (hhmm: string, date = '2026-11-24') => epochAt(date, hhmm, ZONE);

function violation(over: Partial<ViolationRecord> = {}): ViolationRecord {
  return {
    id: 'v1',
    date: '2026-11-24',
    employee_id: 'e001',
    name: 'Анна Иванова',
    group: 'support-l1',
    type: 'break_overrun',
    planned: 'break 15 min',
    actual: 'break 11:02–11:21, 19 min',
    over_minutes: 4,
    detected_at: at('11:25'),
    resolution: 'open',
    resolved_by: '',
    note: '',
    ...over,
  };
}

const ROWS: ViolationRecord[] = [
  violation(),
  violation({ id: 'v2', employee_id: 'e004', name: 'James Carter', type: 'late_start', planned: '09:00', actual: '09:12', over_minutes: 12, detected_at: at('09:15') }),
  violation({ id: 'v3', employee_id: 'e020', name: 'William Clark', group: 'support-l2', type: 'break_overrun', over_minutes: 9, resolution: 'confirmed', resolved_by: 'elena.morozova@example.com', note: 'Second time this week' }),
];

const STATUSES = [
  status({ code: 'work', label_ru: 'Работа', label_en: 'Working', kind: 'work', color: '#34a853' }),
  status(),
  status({ code: 'lunch', label_ru: 'Обед', label_en: 'Lunch', kind: 'lunch', color: '#ff6d01' }),
];

const DAY: AdminReply<'violations.day'> = {
  date: '2026-11-24',
  time_zone: 'Europe/Moscow',
  timeline: [
    { status: 'work', start: at('09:00'), end: at('11:02'), source: 'web' },
    { status: 'break', start: at('11:02'), end: at('11:21'), source: 'web' },
    { status: 'work', start: at('11:21'), end: at('13:00'), source: 'web' },
    { status: 'lunch', start: at('13:00'), end: at('13:55'), source: 'admin' },
    { status: 'work', start: at('13:55'), end: null, source: 'web' },
  ],
  schedule: { shift_start: at('09:00'), shift_end: at('18:00'), breaks: [{ status: 'break', start: at('11:00'), minutes: 15 }, { status: 'lunch', start: at('13:00'), minutes: 60 }] },
};

let fake: FakeScriptRun;
const open = () => mountPage<HTMLElement>('adm-violations');
const shown = (el: HTMLElement) => $all(el, 'adm-data-table tbody tr').map((tr) => tr.getAttribute('data-key'));
const rowOf = (el: HTMLElement, id: string) => $(el, `adm-data-table tbody tr[data-key="${id}"]`);

async function tick(el: HTMLElement, id: string): Promise<void> {
  const box = $<HTMLInputElement>(el, `adm-data-table input.pick[data-id="${id}"]`);
  box.checked = !box.checked;
  box.dispatchEvent(new Event('change', { bubbles: true }));
  await flush();
}

beforeEach(() => {
  // Only the date: "today" is 24 November; the fake answers on real timers.
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  setLang('en');
  fake = new FakeScriptRun()
    .on('violations.list', () => ({ ...ok('violations.list', { rows: ROWS, viewer: { ...LEAD, groups: ['support-l1', 'support-l2'] }, time_zone: ZONE }), time_zone: ZONE }))
    .on('statuses.list', () => ok('statuses.list', { rows: STATUSES }))
    .on('violations.day', () => ({ ...ok('violations.day', DAY), time_zone: ZONE }))
    .on('violations.resolve', (p) =>
      ok('violations.resolve', {
        rows: ROWS.filter((r) => (p.ids ?? [p.id]).includes(r.id)).map((r) => ({ ...r, resolution: p.resolution, resolved_by: LEAD.email, note: p.note })),
      }),
    )
    .install();
});

afterEach(() => {
  clear();
  vi.useRealTimers();
});

describe('periods and words', () => {
  it('today, this week (Monday to Sunday) and typed dates', () => {
    const typed = { from: '2026-11-01', to: '2026-11-10' };
    expect(periodOf('today', '2026-11-24', typed)).toEqual({ from: '2026-11-24', to: '2026-11-24' });
    expect(periodOf('week', '2026-11-24', typed)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodOf('week', '2026-11-29', typed)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodOf('range', '2026-11-24', typed)).toEqual(typed);
  });

  it('says a violation\'s plan and what happened with the statuses\' names and the page\'s minutes', () => {
    expect(violationText('break 11:02–11:21, 19 min', STATUSES, 'ru')).toBe('Перерыв 11:02–11:21, 19 мин');
    expect(violationText('lunch 60 min', STATUSES, 'en')).toBe('Lunch 60 min');
  });
});

describe('Violations', () => {
  it('shows today\'s violations with who, what was planned and what happened, by how much and their state', async () => {
    const el = await open();
    expect(fake.callsOf('violations.list')).toEqual([{ from: '2026-11-24', to: '2026-11-24' }]);
    // The newest first: by date, then by when it was found.
    expect(shown(el)).toEqual(['v1', 'v3', 'v2']);
    const anna = textOf(rowOf(el, 'v1'));
    expect(anna).toContain('Анна Иванова support-l1');
    expect(anna).toContain('Break too long');
    expect(anna).toContain('planned: Break 15 min');
    expect(anna).toContain('actual: Break 11:02–11:21, 19 min');
    expect(anna).toContain('4 min');
    expect(anna).toContain('Open');
    const william = textOf(rowOf(el, 'v3'));
    expect(william).toContain('Confirmed');
    expect(william).toContain('by elena.morozova@example.com');
    expect(william).toContain('Second time this week');
  });

  it('reads this week, or the dates typed; a wrong date is marked at its field', async () => {
    const el = await open();
    choose(el, '#preset', 'week');
    await flush();
    expect(fake.callsOf('violations.list')[1]).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    choose(el, '#preset', 'range');
    await flush();
    expect(fake.callsOf('violations.list')).toHaveLength(2);
    type(el, '#from', '2026-11-02');
    type(el, '#to', '2026-11-06');
    await click(el, 'button.show');
    expect(fake.callsOf('violations.list')[2]).toEqual({ from: '2026-11-02', to: '2026-11-06' });
    fake.on('violations.list', () => fail('bad_request', 'Check the fields / Проверьте поля', { fields: [{ field: 'to', message: 'before from / раньше начала' }] }));
    type(el, '#to', '2026-10-01');
    await click(el, 'button.show');
    expect(textOf($(el, '[data-field="to"] .field-error'))).toBe('⚠ Before from');
    expect($all(el, '.state.failed')).toEqual([]);
  });

  it('filters by group, person, type and state without asking the server again', async () => {
    const el = await open();
    choose(el, '#f-group', 'support-l1');
    await flush();
    expect(shown(el)).toEqual(['v1', 'v2']);
    expect($all<HTMLOptionElement>(el, '#f-person option').map((o) => o.textContent?.trim())).toEqual(['Everyone', 'James Carter', 'Анна Иванова']);
    choose(el, '#f-type', 'late_start');
    await flush();
    expect(shown(el)).toEqual(['v2']);
    choose(el, '#f-group', '');
    choose(el, '#f-type', '');
    choose(el, '#f-state', 'confirmed');
    await flush();
    expect(shown(el)).toEqual(['v3']);
    choose(el, '#f-state', '');
    choose(el, '#f-person', 'e001');
    await flush();
    expect(shown(el)).toEqual(['v1']);
    expect(fake.callsOf('violations.list')).toHaveLength(1);
  });

  it('shows the person\'s day beside the list: a bar of status colours over the shift, the planned breaks marked', async () => {
    const el = await open();
    expect(textOf($(el, 'aside'))).toBe('Click a violation to see that person\'s day.');
    await click(el, 'adm-data-table tbody tr[data-key="v1"]');
    expect(fake.callsOf('violations.day')).toEqual([{ employee_id: 'e001', date: '2026-11-24' }]);
    const aside = $(el, 'aside');
    expect(textOf($(aside, 'h2'))).toBe('Анна Иванова, Tue 24 Nov');
    expect(textOf($(aside, '.shift'))).toBe('Shift 09:00–18:00');
    const segments = $all<HTMLElement>(aside, 'adm-day-bar .bar .seg');
    expect(segments.map((s) => s.getAttribute('data-status'))).toEqual(['work', 'break', 'work', 'lunch', 'work']);
    // The break: from 11:02 for 19 minutes on a bar from 09:00 to 18:00.
    expect(segments[1].style.left).toBe(`${(122 / 540) * 100}%`);
    expect(segments[1].style.background).toBe('#fbbc04');
    const plans = $all<HTMLElement>(aside, 'adm-day-bar .plan');
    expect(plans.map((p) => p.getAttribute('data-status'))).toEqual(['break', 'lunch']);
    expect(plans[1].style.left).toBe(`${(240 / 540) * 100}%`);
    // Only the hour-long lunch has room for its name on the bar.
    expect(plans.map((p) => textOf(p))).toEqual(['', 'Lunch']);
    expect($all(aside, 'adm-day-bar ul.planned li').map((li) => textOf(li))).toEqual(['Planned Break 11:00–11:15', 'Planned Lunch 13:00–14:00']);
    const items = $all(aside, 'adm-day-bar ol.segments li').map((li) => textOf(li));
    expect(items[1]).toBe('11:02–11:21 Break 19 min');
    expect(items[3]).toBe('13:00–13:55 Lunch correction 55 min');
    expect(items[4]).toMatch(/^13:55–now Working 1 h 05 min$/);
  });

  it('excuses many at once: ticked rows, a reason, a confirm step; sends ids and the note; rows change to the reply', async () => {
    const el = await open();
    await tick(el, 'v1');
    await tick(el, 'v2');
    expect(textOf($(el, '.bulk .count'))).toBe('2 selected');
    await click(el, 'button.bulk-excuse');
    const form = $(el, 'adm-resolve-form.bulk-form');
    expect(textOf($(form, 'h3'))).toBe('Excuse 2 violations');
    await click(form, 'button.apply');
    expect(textOf($(form, '[data-field="note"] .field-error'))).toBe('⚠ Give a reason');
    expect($all(form, 'adm-confirm')).toEqual([]);
    type(form, '#note', '  Network outage on the floor  ');
    await click(form, 'button.apply');
    expect(textOf($(form, 'adm-confirm'))).toContain('Excuse 2 violations (Анна Иванова, James Carter)? The employees see them as excused.');
    expect(fake.callsOf('violations.resolve')).toEqual([]);
    await click(form, 'adm-confirm button.confirm');
    expect(fake.callsOf('violations.resolve')).toEqual([{ ids: ['v1', 'v2'], resolution: 'excused', note: 'Network outage on the floor', request_id: expect.any(String) }]);
    expect(textOf(rowOf(el, 'v1'))).toContain('Excused');
    expect(textOf(rowOf(el, 'v1'))).toContain(`by ${LEAD.email}`);
    expect(textOf(rowOf(el, 'v2'))).toContain('Network outage on the floor');
    expect($all(el, 'adm-resolve-form')).toEqual([]);
    expect($all<HTMLInputElement>(el, 'adm-data-table input.pick').filter((b) => b.checked)).toEqual([]);
    expect(textOf($(el, 'adm-toast'))).toContain('2 violations excused.');
  });

  it('selects all the rows shown, and only those', async () => {
    const el = await open();
    choose(el, '#f-group', 'support-l1');
    await flush();
    const all = $<HTMLInputElement>(el, 'input.select-all');
    all.checked = true;
    all.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    await click(el, 'button.bulk-confirm');
    const form = $(el, 'adm-resolve-form.bulk-form');
    type(form, '#note', 'Checked with the schedule');
    await click(form, 'button.apply');
    await click(form, 'adm-confirm button.confirm');
    expect(fake.callsOf('violations.resolve')[0]).toMatchObject({ ids: ['v1', 'v2'], resolution: 'confirmed' });
  });

  it('confirms the one shown beside the list, sent as its id', async () => {
    const el = await open();
    await click(el, 'adm-data-table tbody tr[data-key="v2"]');
    await click(el, 'aside button.one-confirm');
    const form = $(el, 'aside adm-resolve-form');
    type(form, '#note', 'No reason given');
    await click(form, 'button.apply');
    expect(textOf($(form, 'adm-confirm'))).toContain('Confirm the violation of James Carter? It counts against the employee.');
    await click(form, 'adm-confirm button.confirm');
    expect(fake.callsOf('violations.resolve')).toEqual([{ id: 'v2', resolution: 'confirmed', note: 'No reason given', request_id: expect.any(String) }]);
    expect(textOf($(el, 'aside .violation .state'))).toBe(`Confirmed · Resolved by ${LEAD.email}`);
    expect(textOf($(el, 'adm-toast'))).toContain('Confirmed.');
  });

  it('keeps the reason and says why when the server refuses', async () => {
    fake.on('violations.resolve', () => fail('forbidden', 'Not your group / Не ваша группа'));
    const el = await open();
    await click(el, 'adm-data-table tbody tr[data-key="v3"]');
    await click(el, 'aside button.one-excuse');
    const form = $(el, 'aside adm-resolve-form');
    type(form, '#note', 'Outage');
    await click(form, 'button.apply');
    await click(form, 'adm-confirm button.confirm');
    expect(textOf($(form, '.form-errors'))).toBe('Not your group');
    expect($<HTMLTextAreaElement>(form, '#note').value).toBe('Outage');
    expect(textOf(rowOf(el, 'v3'))).toContain('Confirmed');
  });

  it('says when there are none, and when the list cannot be read', async () => {
    fake.on('violations.list', () => ok('violations.list', { rows: [], viewer: LEAD, time_zone: ZONE }));
    let el = await open();
    expect(textOf($(el, '.state.empty'))).toBe('No violations in this period.');
    clear();
    fake.on('violations.list', () => fail('busy', 'Busy / Занято'));
    // A busy server is asked again after a moment; then the page says what went wrong.
    vi.useRealTimers();
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout'] });
    el = document.createElement('adm-violations');
    document.body.append(el);
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(textOf($(el, '.state.failed'))).toContain('The spreadsheet is busy');
    expect($all(el, '.state.failed button.retry')).toHaveLength(1);
  });

  it('speaks Russian', async () => {
    setLang('ru');
    const el = await open();
    expect(textOf(rowOf(el, 'v1'))).toContain('Перерыв слишком длинный');
    expect(textOf(rowOf(el, 'v1'))).toContain('факт: Перерыв 11:02–11:21, 19 мин');
    expect(textOf(rowOf(el, 'v1'))).toContain('Не рассмотрено');
  });
});
