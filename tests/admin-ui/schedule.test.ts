// @vitest-environment happy-dom
// The Schedule dialog against a fake google.script.run: the people x days grid with shifts and marks, a
// selection edited and saved as one schedule.save batch, a refused day shown at its cell, a template over a
// selection, a week copied to the next, the break plan; the Import view's preview and its commit's mode.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../appsscript/ui/features/Schedule/schedule-screen.ts';
import type { AdmSchedule } from '../../appsscript/ui/features/Schedule/schedule-screen.ts';
import { applyTemplate, cellKey, parseTemplate, periodDates, shiftPeriod, type ShownCell } from '../../appsscript/ui/features/Schedule/schedule-grid.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { AdminReply, RosterPreview, ScheduleCell } from '../../common/admin-api.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { ADMIN, FakeScriptRun, fail, flush, ok } from './fake-script-run.ts';
import { choose, click, mountPage, type } from './interact.ts';

/** Wednesday 2 December 2026. */
const NOW = Date.parse('2026-12-02T12:00:00+03:00');
const WEEK = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];

function cell(over: Partial<ScheduleCell>): ScheduleCell {
  return { employee_id: 'e001', date: '2026-11-30', kind: 'shift', start: '09:00', end: '18:00', breaks: [], version: 'c1', ...over };
}

const CELLS: ScheduleCell[] = [
  cell({ breaks: [{ status: 'lunch', start: '13:00', minutes: 60, fixed: false }, { status: 'break', start: '11:00', minutes: 15, fixed: true }] }),
  cell({ date: '2026-12-01', kind: 'off', start: undefined, end: undefined, version: 'c2' }),
  cell({ employee_id: 'e002', date: '2026-11-30', start: '21:00', end: '09:00', version: 'c3' }),
  cell({ employee_id: 'e002', date: '2026-12-01', kind: 'vacation', start: undefined, end: undefined, version: 'c4' }),
  cell({ employee_id: 'e002', date: '2026-12-02', kind: 'sick', start: undefined, end: undefined, version: 'c5' }),
];

function week(from: string, cells = CELLS): AdminReply<'schedule.get'> {
  const dates = Array.from({ length: 7 }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
  return {
    from: dates[0],
    to: dates[6],
    dates,
    time_zone: 'Europe/Moscow',
    people: [
      { id: 'e001', name: 'Анна Иванова', group: 'support', active: true },
      { id: 'e002', name: 'James Carter', group: 'support', active: true },
    ],
    cells: cells.filter((c) => dates.includes(c.date)),
    empty_version: 'empty',
    issues: [],
    groups: [{ name: 'support', max_concurrent_breaks: 2, rule_set: 'default' }],
    statuses: [
      { code: 'break', label_ru: 'Перерыв', label_en: 'Break', kind: 'break' },
      { code: 'lunch', label_ru: 'Обед', label_en: 'Lunch', kind: 'lunch' },
    ],
    viewer: ADMIN,
  };
}

let fake: FakeScriptRun;
const open = () => mountPage<AdmSchedule>('adm-schedule');
const td = (el: HTMLElement, id: string, date: string) => $(el, `td[data-key="${cellKey(id, date)}"]`);

async function pick(el: HTMLElement, id: string, date: string, how: { shiftKey?: boolean; ctrlKey?: boolean } = {}): Promise<void> {
  $(el, `td[data-key="${cellKey(id, date)}"] button.day`).dispatchEvent(new MouseEvent('click', { bubbles: true, ...how }));
  await flush();
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  setLang('en');
  fake = new FakeScriptRun()
    .on('schedule.get', (p) => ok('schedule.get', week(p.from)))
    .on('schedule.save', (p) =>
      ok('schedule.save', {
        cells: p.changes.filter((c: { kind: string }) => c.kind !== 'clear').map((c: ScheduleCell) => ({ ...c, breaks: c.breaks ?? [], version: `n-${c.date}` })),
        written: p.changes.length,
      }),
    )
    .install();
});

afterEach(() => {
  clear();
  vi.useRealTimers();
});

describe('periods and templates', () => {
  it('a week is Monday to Sunday, a month its calendar month; they step back and forth', () => {
    expect(periodDates('week', '2026-12-02')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodDates('month', '2026-12-02')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodDates('month', '2027-02-10')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(shiftPeriod('month', '2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftPeriod('month', '2026-12-31', -1)).toBe('2026-11-01');
    expect(shiftPeriod('week', '2026-12-02', 1)).toBe('2026-12-07');
  });

  it('reads "5/2 09:00-18:00" and "2/2 9-21", and refuses what is none', () => {
    expect(parseTemplate('5/2 09:00-18:00')).toEqual({ work: 5, off: 2, start: '09:00', end: '18:00' });
    expect(parseTemplate('2/2 9-21')).toEqual({ work: 2, off: 2, start: '09:00', end: '21:00' });
    expect(parseTemplate('2/2 21:00–09:00')).toEqual({ work: 2, off: 2, start: '21:00', end: '09:00' });
    expect(parseTemplate('5/2')).toBeNull();
    expect(parseTemplate('5/2 9-9')).toBeNull();
    expect(parseTemplate('5/2 9-25')).toBeNull();
  });

  it('a 2/2 keeps its rhythm over calendar days from each person\'s first selected day', () => {
    const keys = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'].map((d) => cellKey('e001', d));
    const edits = applyTemplate(parseTemplate('2/2 09:00-21:00')!, keys, (): ShownCell => null);
    expect(keys.map((k) => edits.get(k)?.kind)).toEqual(['shift', 'shift', 'off', 'off', 'shift']);
    expect(edits.get(keys[0])).toEqual({ kind: 'shift', start: '09:00', end: '21:00', breaks: [] });
  });
});

describe('the grid', () => {
  it('shows each person\'s days: shifts (overnight too), day off, vacation and sick leave, and the breaks on hover', async () => {
    const el = await open();
    expect(fake.callsOf('schedule.get')).toEqual([{ from: '2026-11-30', to: '2026-12-06' }]);
    expect(textOf(td(el, 'e001', '2026-11-30'))).toContain('09:00–18:00');
    expect(textOf(td(el, 'e001', '2026-12-01'))).toBe('Off');
    expect(textOf(td(el, 'e002', '2026-11-30'))).toContain('21:00–09:00');
    expect(textOf(td(el, 'e002', '2026-12-01'))).toBe('Vac.');
    expect(textOf(td(el, 'e002', '2026-12-02'))).toBe('Sick');
    expect(textOf(td(el, 'e002', '2026-12-03'))).toBe('');
    expect(td(el, 'e002', '2026-12-02').className).toContain('sick');
    const title = $(td(el, 'e001', '2026-11-30'), 'button').getAttribute('title');
    expect(title).toContain('Lunch 13:00, 60 min');
    expect(title).toContain('Break 11:00, 15 min');
    // Selected, the day's breaks are written out under the grid.
    await pick(el, 'e001', '2026-11-30');
    expect(textOf($(el, '.editor .detail'))).toContain('Lunch 13:00, 60 min; Break 11:00, 15 min');
  });

  it('says the marks in Russian', async () => {
    setLang('ru');
    const el = await open();
    expect(textOf(td(el, 'e001', '2026-12-01'))).toBe('В');
    expect(textOf(td(el, 'e002', '2026-12-01'))).toBe('Отп');
    expect(textOf($(el, 'button.save'))).toBe('Сохранить');
  });

  it('a selection given a shift and a mark is saved in ONE batch with each day\'s version', async () => {
    const el = await open();
    await pick(el, 'e001', '2026-12-02');
    await pick(el, 'e002', '2026-12-04', { shiftKey: true });
    expect($all(el, 'td.picked')).toHaveLength(6);
    type(el, '#start', '8:30');
    type(el, '#end', '17:30');
    await click(el, 'button.set-shift');
    expect($all(el, 'td.edited')).toHaveLength(6);
    expect(textOf(td(el, 'e002', '2026-12-03'))).toContain('08:30–17:30');
    await pick(el, 'e001', '2026-12-01');
    await click(el, 'button.mark-vacation');
    expect(textOf($(el, '.actions .count'))).toBe('7 unsaved changes');
    await click(el, 'button.save');
    const saves = fake.callsOf('schedule.save');
    expect(saves).toHaveLength(1);
    expect(saves[0].request_id).toMatch(/^[\w-]{8,64}$/);
    const changes = saves[0].changes;
    expect(changes).toHaveLength(7);
    expect(changes).toContainEqual({ employee_id: 'e001', date: '2026-12-01', kind: 'vacation', version: 'c2' });
    expect(changes).toContainEqual({ employee_id: 'e002', date: '2026-12-02', kind: 'shift', start: '08:30', end: '17:30', breaks: [], version: 'c5' });
    expect(changes).toContainEqual({ employee_id: 'e002', date: '2026-12-04', kind: 'shift', start: '08:30', end: '17:30', breaks: [] });
    expect($all(el, 'td.edited')).toHaveLength(0);
    expect(textOf($(el, 'adm-toast'))).toContain('Saved: 7 days changed.');
  });

  it('an edit that puts a day back as it was read is no change', async () => {
    const el = await open();
    await pick(el, 'e001', '2026-12-01');
    await click(el, 'button.mark-sick');
    expect($all(el, 'td.edited')).toHaveLength(1);
    // With a change unsaved, no other period or group is read (it would be lost).
    expect($<HTMLButtonElement>(el, 'button.next').disabled).toBe(true);
    expect($<HTMLSelectElement>(el, '#group').disabled).toBe(true);
    expect($<HTMLButtonElement>(el, 'button.copy-week').disabled).toBe(true);
    await click(el, 'button.mark-off');
    expect($all(el, 'td.edited')).toHaveLength(0);
    expect($<HTMLButtonElement>(el, 'button.save').disabled).toBe(true);
    expect($<HTMLButtonElement>(el, 'button.next').disabled).toBe(false);
  });

  it('a day the server refuses is marked at its cell with the reason; nothing else is lost', async () => {
    fake.on('schedule.save', (p) => {
      const i = p.changes.findIndex((c: { date: string }) => c.date === '2026-12-04');
      return fail('bad_request', 'Some days cannot be saved / Некоторые дни не сохранить', { fields: [{ field: `changes[${i}]`, message: 'A night shift runs into the next day\'s shift / Ночная смена заходит на следующую' }] });
    });
    const el = await open();
    await pick(el, 'e001', '2026-12-03');
    await pick(el, 'e001', '2026-12-04', { ctrlKey: true });
    type(el, '#start', '21:00');
    type(el, '#end', '09:00');
    await click(el, 'button.set-shift');
    await click(el, 'button.save');
    const bad = td(el, 'e001', '2026-12-04');
    expect(bad.className).toContain('invalid');
    expect(textOf(bad)).toContain('A night shift runs into the next day\'s shift');
    expect($(bad, 'button').getAttribute('aria-invalid')).toBe('true');
    expect(td(el, 'e001', '2026-12-03').className).not.toContain('invalid');
    expect(textOf($(el, '.cell-problems'))).toContain('Анна Иванова');
    // The edits stay to be fixed and saved again.
    expect($all(el, 'td.edited')).toHaveLength(2);
  });

  it('a conflict names the days someone else changed, with what they hold now', async () => {
    fake.on('schedule.save', () =>
      fail('conflict', 'Changed since / Изменено', { cells: [{ index: 0, employee_id: 'e001', date: '2026-11-30', version: 'c9', current: cell({ start: '10:00', end: '19:00', version: 'c9' }) }] }),
    );
    const el = await open();
    await pick(el, 'e001', '2026-11-30');
    await click(el, 'button.mark-off');
    await click(el, 'button.save');
    expect(textOf($(el, '.conflicts'))).toContain('now: 10:00–19:00');
    expect(td(el, 'e001', '2026-11-30').className).toContain('invalid');
    // Saved again, the day goes with the version it has now.
    fake.on('schedule.save', (p) => ok('schedule.save', { cells: [], written: p.changes.length }));
    await click(el, 'button.save');
    expect(fake.callsOf('schedule.save')[1].changes[0].version).toBe('c9');
  });

  it('a shift that ends when it starts is refused before any call', async () => {
    const el = await open();
    await pick(el, 'e001', '2026-12-03');
    type(el, '#start', '09:00');
    type(el, '#end', '9:00');
    await click(el, 'button.set-shift');
    expect($(el, '#end').getAttribute('aria-invalid')).toBe('true');
    expect($all(el, 'td.edited')).toHaveLength(0);
  });

  it('a template fills the selection: 5/2 from Monday gives five shifts and a weekend', async () => {
    const el = await open();
    await click(el, 'tbody th.who button.row');
    expect($all(el, 'td.picked')).toHaveLength(7);
    type(el, '#template', '5/2 09:00-18:00');
    await click(el, 'button.apply-template');
    const row = WEEK.map((d) => textOf(td(el, 'e001', d)));
    expect(row.slice(0, 5).every((x) => x.startsWith('09:00–18:00'))).toBe(true);
    expect(row.slice(5)).toEqual(['Off', 'Off']);
    // Monday was already 09:00-18:00: no change, its breaks (the planner's too) stay.
    expect(td(el, 'e001', '2026-11-30').className).not.toContain('edited');
    expect($all(el, 'td.edited')).toHaveLength(6);
    type(el, '#template', 'five-two');
    await click(el, 'button.apply-template');
    expect($(el, '#template').getAttribute('aria-invalid')).toBe('true');
  });

  it('copies a week to the next: the next week opens with those days to save', async () => {
    const el = await open();
    await click(el, 'button.copy-week');
    expect(fake.callsOf('schedule.get')[1]).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(textOf(td(el, 'e001', '2026-12-07'))).toContain('09:00–18:00');
    expect(textOf(td(el, 'e002', '2026-12-09'))).toBe('Sick');
    // Days empty in both weeks are no change.
    expect($all(el, 'td.edited')).toHaveLength(5);
    await click(el, 'button.save');
    const changes = fake.callsOf('schedule.save')[0].changes;
    // Only the hand-fixed break goes along: the planner's are planned again.
    expect(changes).toContainEqual({ employee_id: 'e001', date: '2026-12-07', kind: 'shift', start: '09:00', end: '18:00', breaks: [{ status: 'break', start: '11:00', minutes: 15, fixed: true }] });
  });

  it('plans breaks: a preview naming what could not be placed and why, then the commit', async () => {
    fake.on('schedule.plan', (p) =>
      ok('schedule.plan', {
        from: p.from,
        to: p.to,
        shifts: [{ employee_id: 'e001', name: 'Анна Иванова', group: 'support', date: '2026-11-30', start: '09:00', end: '18:00', breaks: [], changed: true }],
        unplaced: [{ employee_id: 'e002', name: 'James Carter', group: 'support', date: '2026-11-30', start: '21:00', end: '22:00', reason: 'too_short', message: 'The breaks do not fit / Перерывы не помещаются' }],
        groups: [{ name: 'support', cap: 2, rule_set: 'default', shifts: 2, peak: 1, fixed_over_cap_minutes: 0 }],
        written: p.commit ? 1 : 0,
      }),
    );
    const el = await open();
    await click(el, 'button.plan');
    expect(fake.callsOf('schedule.plan')[0]).toMatchObject({ from: '2026-11-30', to: '2026-12-06', commit: false });
    expect(fake.callsOf('schedule.plan')[0].group).toBeUndefined();
    const plan = textOf($(el, 'section.plan'));
    expect(plan).toContain('support: 2 shifts, at most 2 on break at once, peak 1');
    expect(plan).toContain('1 shift gets new breaks.');
    expect(textOf($(el, 'ul.unplaced'))).toContain('James Carter');
    expect(textOf($(el, 'ul.unplaced'))).toContain('the breaks do not fit in the shift');
    await click(el, 'button.plan-commit');
    const commit = fake.callsOf('schedule.plan')[1];
    expect(commit).toMatchObject({ from: '2026-11-30', to: '2026-12-06', commit: true });
    expect(commit.request_id).toMatch(/^[\w-]{8,64}$/);
    expect(fake.callsOf('schedule.get')).toHaveLength(2);
  });

  it('a month shows every day; the group chosen is read', async () => {
    fake.on('schedule.get', (p) => ok('schedule.get', { ...week('2026-11-30'), from: p.from, to: p.to, dates: Array.from({ length: 31 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`) }));
    const el = await open();
    choose(el, '#period', 'month');
    await flush();
    expect(fake.callsOf('schedule.get')[1]).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect($all(el, 'tbody tr[data-id="e001"] td')).toHaveLength(31);
    choose(el, '#group', 'support');
    await flush();
    expect(fake.callsOf('schedule.get')[2]).toEqual({ from: '2026-12-01', to: '2026-12-31', group: 'support' });
  });
});

const PREVIEW: RosterPreview = {
  header_row: 1,
  weekday_rows: [],
  people_columns: [1],
  month: '2026-12',
  dates: [
    { column: 2, date: '2026-12-01' },
    { column: 3, date: '2026-12-02' },
  ],
  people: [
    {
      row: 2,
      text: 'Иванова Анна',
      employee_id: 'e001',
      matched_by: 'name',
      name: 'Анна Иванова',
      group: 'support',
      closest: [],
      cells: [
        { row: 2, column: 2, date: '2026-12-01', text: '9-18', kind: 'shift', start: '09:00', end: '18:00', change: 'add' },
        { row: 2, column: 3, date: '2026-12-02', text: 'B', kind: 'bad', reason: 'A Latin B: which Cyrillic mark was meant? / Латинская B: какая отметка имелась в виду?' },
      ],
    },
    {
      row: 3,
      text: 'Jmes Carter',
      employee_id: null,
      matched_by: null,
      closest: [{ employee_id: 'e002', name: 'James Carter', email: 'james@example.com', group: 'support', score: 0.92 }],
      cells: [{ row: 3, column: 2, date: '2026-12-01', text: '21-09', kind: 'shift', start: '21:00', end: '09:00', overnight: true }],
    },
  ],
  conflicts: [],
  bad: [{ row: 2, column: 3, text: 'B', reason: 'A Latin B: which Cyrillic mark was meant? / Латинская B: какая отметка имелась в виду?' }],
  skipped: [{ row: 4, text: 'Итого', reason: 'Totals / Итоги' }],
  counts: { people: 2, matched: 1, unknown: 1, shift: 2, off: 0, vacation: 0, sick: 0, empty: 0, bad: 1, conflicts: 0, add: 1, change: 0, same: 0, clear: 0, skip: 1 },
};

describe('the import', () => {
  const GRID = 'ФИО\t1\t2\nИванова Анна\t9-18\tB\nJmes Carter\t21-09\t\nИтого\t\t';

  beforeEach(() => {
    fake.on('schedule.import.preview', () => ok('schedule.import.preview', PREVIEW)).on('schedule.import.commit', () => ok('schedule.import.commit', { ...PREVIEW, written: 1 }));
  });

  async function checked(): Promise<HTMLElement> {
    const el = await open();
    await click(el, 'button.tab-import');
    type(el, '#grid', GRID);
    await flush();
    choose(el, '#month', '2026-12');
    await flush();
    await click(el, 'button.check');
    return el;
  }

  it('"Check" sends the pasted cells and the month; the preview lists bad cells and unknown people with their closest', async () => {
    const el = await checked();
    expect(fake.callsOf('schedule.import.preview')[0]).toEqual({
      rows: [
        ['ФИО', '1', '2'],
        ['Иванова Анна', '9-18', 'B'],
        ['Jmes Carter', '21-09', ''],
        ['Итого', '', ''],
      ],
      month: '2026-12',
    });
    expect(textOf($(el, '.summary'))).toBe('2 people (1 found), 2 days read, 1 bad cells');
    const bad = $all(el, 'table.bad-cells tbody tr').map(textOf);
    expect(bad).toEqual(['2 3 B A Latin B: which Cyrillic mark was meant?']);
    expect(textOf($(el, 'ul.unknown li[data-row="3"]'))).toMatch(/^Jmes Carter \( ?row 3 ?\)/);
    expect($all(el, '#map-3 option').map((o) => o.textContent)).toEqual(['Choose…', 'James Carter (support), 92%']);
    expect($(el, 'table.reading td.bad').textContent).toContain('B');
    expect(textOf($(el, 'ul.skipped'))).toContain('Итого');
  });

  it('a person chosen for an unknown row is sent as mapping and checked again', async () => {
    const el = await checked();
    choose(el, '#map-3', 'e002');
    await flush();
    expect(fake.callsOf('schedule.import.preview')[1].mapping).toEqual([{ row: 3, employee_id: 'e002' }]);
  });

  it('commits with the mode the admin chose; a refusal of "only if nothing is wrong" is shown', async () => {
    const el = await checked();
    await click(el, 'button.import-valid');
    const commit = fake.callsOf('schedule.import.commit')[0];
    expect(commit.mode).toBe('valid_only');
    expect(commit.rows).toHaveLength(4);
    expect(commit.request_id).toMatch(/^[\w-]{8,64}$/);
    expect(textOf($(el, 'adm-toast'))).toContain('Imported: 1 day changed.');
    // The grid is read again after an import.
    expect(fake.callsOf('schedule.get')).toHaveLength(2);
    fake.on('schedule.import.commit', () => fail('bad_request', 'The grid has problems / В таблице есть ошибки', { bad: PREVIEW.bad }));
    await click(el, 'button.import-all');
    expect(fake.callsOf('schedule.import.commit')[1].mode).toBe('all_or_nothing');
    expect(textOf($(el, 'adm-schedule-import'))).toContain('The grid has problems');
  });

  it('changing the text drops the preview', async () => {
    const el = await checked();
    type(el, '#grid', `${GRID}\nX`);
    await flush();
    expect($all(el, '.summary')).toHaveLength(0);
  });
});
