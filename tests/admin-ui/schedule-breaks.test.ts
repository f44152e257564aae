// @vitest-environment happy-dom
// A shift's breaks in the Schedule dialog: the grid model's checks and edits (a break outside its shift or over
// another is refused as the server refuses it; a break changed by hand is fixed; the server's problems placed at
// the break they name), and the dialog against a fake google.script.run: one shift's breaks listed, edited,
// undone and saved in the one schedule.save batch; a refused break shown at its row and its day.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../appsscript/ui/features/Schedule/schedule-screen.ts';
import type { AdmSchedule } from '../../appsscript/ui/features/Schedule/schedule-screen.ts';
import {
  addBreak,
  breakIssues,
  cellKey,
  changeBreak,
  moveTime,
  nudgeBreak,
  placeProblems,
  releaseBreak,
  removeBreak,
  shiftOrder,
  type ShownShift,
} from '../../appsscript/ui/features/Schedule/schedule-grid.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { AdminReply, ScheduleBreak, ScheduleCell } from '../../common/admin-api.ts';
import { breakProblems } from '../../appsscript/src/store/validate.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { ADMIN, FakeScriptRun, fail, flush, ok } from './fake-script-run.ts';
import { choose, click, mountPage } from './interact.ts';

const brk = (status: string, start: string, minutes: number, fixed = false): ScheduleBreak => ({ status, start, minutes, fixed });
const shift = (start: string, end: string, breaks: ScheduleBreak[]): ShownShift => ({ kind: 'shift', start, end, breaks });

describe('a shift\'s breaks, in the grid model', () => {
  it('refuses a break outside the shift and one over another, as the server does', () => {
    const breaks = [brk('break', '11:00', 15), brk('lunch', '11:10', 60), brk('break', '17:50', 15), brk('break', '08:00', 15)];
    const issues = breakIssues(breaks, '09:00', '18:00');
    expect(issues.get(0)).toBeUndefined();
    expect(issues.get(1)).toEqual({ kind: 'overlap', other: 0 });
    expect(issues.get(2)).toEqual({ kind: 'outside' });
    // Before a day shift's start is the next morning: outside too.
    expect(issues.get(3)).toEqual({ kind: 'outside' });
    // The same breaks the server's check (store/validate.ts) refuses: one problem each for the same three.
    const server = breakProblems(breaks.map(({ status, start, minutes }) => ({ status, start, minutes })), '09:00', '18:00');
    expect(server).toHaveLength(issues.size);
  });

  it('a night shift\'s breaks after midnight are inside it, in shift order', () => {
    const breaks = [brk('lunch', '02:00', 30), brk('break', '23:00', 15), brk('break', '08:50', 15)];
    expect(shiftOrder(breaks, '21:00')).toEqual([1, 0, 2]);
    const issues = breakIssues(breaks, '21:00', '09:00');
    expect([...issues]).toEqual([[2, { kind: 'outside' }]]);
    expect(breakIssues([brk('break', '08:45', 15)], '21:00', '09:00').size).toBe(0);
  });

  it('says a start that is no time and minutes out of 1..480 before anything else', () => {
    const issues = breakIssues([brk('break', '', 15), brk('break', '10:00', Number.NaN), brk('break', '11:00', 481), brk('break', '12:00', 2.5), brk('', '13:00', 15)], '09:00', '18:00');
    expect([...issues.values()].map((i) => i.kind)).toEqual(['time', 'minutes', 'minutes', 'minutes', 'status']);
  });

  it('a break changed by hand is fixed; the planner can be given it back; −5/+5 move it round the clock', () => {
    const day = shift('09:00', '18:00', [brk('lunch', '13:00', 60), brk('break', '11:00', 15, true)]);
    const changed = changeBreak(day, 0, { start: '12:30' });
    expect(changed).toEqual({ kind: 'shift', start: '09:00', end: '18:00', breaks: [brk('lunch', '12:30', 60, true), brk('break', '11:00', 15, true)] });
    // The day as shown is not changed under the edit.
    expect(day.breaks[0]).toEqual(brk('lunch', '13:00', 60));
    expect(releaseBreak(day, 1).breaks).toEqual([brk('lunch', '13:00', 60), brk('break', '11:00', 15)]);
    expect(nudgeBreak(day, 0, -5).breaks![0]).toEqual(brk('lunch', '12:55', 60, true));
    expect(moveTime('23:58', 5)).toBe('00:03');
    expect(moveTime('00:02', -5)).toBe('23:57');
    expect(removeBreak(day, 0).breaks).toEqual([brk('break', '11:00', 15, true)]);
  });

  it('a new break is fixed, put where it overlaps nothing and among the others in shift order', () => {
    const day = shift('09:00', '18:00', [brk('break', '10:00', 15), brk('lunch', '13:00', 60)]);
    const { edit, index } = addBreak(day, 'break', 15);
    expect(index).toBe(1);
    expect(edit.breaks).toEqual([brk('break', '10:00', 15), brk('break', '10:15', 15, true), brk('lunch', '13:00', 60)]);
    // A night shift counts past midnight.
    expect(addBreak(shift('22:00', '06:00', []), 'break', 15).edit.breaks).toEqual([brk('break', '23:00', 15, true)]);
    // A shift too short for an hour in: the first place it fits.
    expect(addBreak(shift('09:00', '09:30', []), 'break', 15).edit.breaks).toEqual([brk('break', '09:15', 15, true)]);
  });

  it('places the server\'s problems at the day and at the break they name', () => {
    const keys = ['e001|2026-11-30', 'e002|2026-11-30'];
    const sent = [{ breaks: [brk('break', '11:00', 15), brk('lunch', '11:10', 60)] }, { breaks: [] }];
    const say = (m: string) => m.split(' / ')[0];
    const placed = placeProblems(
      [
        { field: 'changes[0].breaks', message: '"lunch 11:10" overlaps "break 11:00" / «lunch 11:10» пересекается с «break 11:00»' },
        { field: 'changes[0].breaks[0].status', message: 'no status "break" in Statuses / статуса «break» нет во вкладке Statuses' },
        { field: 'changes[1].end', message: 'a shift needs its end / у смены должен быть конец' },
        { field: 'changes[0].breaks', message: 'something without a quote / без кавычек' },
      ],
      keys,
      sent,
      say,
    );
    expect(placed.cells.get(keys[0])).toBe('"lunch 11:10" overlaps "break 11:00"');
    expect(placed.cells.get(keys[1])).toBe('a shift needs its end');
    expect([...placed.breaks.get(keys[0])!]).toEqual([
      [1, '"lunch 11:10" overlaps "break 11:00"'],
      [0, 'no status "break" in Statuses'],
    ]);
    expect(placed.breaks.has(keys[1])).toBe(false);
    // The Russian half is matched too.
    const ru = placeProblems([{ field: 'changes[0].breaks', message: '«break 11:00 15» не помещается в смену' }], keys, sent, say);
    expect([...ru.breaks.get(keys[0])!.keys()]).toEqual([0]);
  });
});

// ---- the dialog ----

/** Wednesday 2 December 2026. */
const NOW = Date.parse('2026-12-02T12:00:00+03:00');
const MON = '2026-11-30';

function cell(over: Partial<ScheduleCell>): ScheduleCell {
  return { employee_id: 'e001', date: MON, kind: 'shift', start: '09:00', end: '18:00', breaks: [], version: 'c1', ...over };
}

const CELLS: ScheduleCell[] = [
  cell({ breaks: [brk('break', '11:00', 15, true), brk('lunch', '13:00', 60), brk('break', '16:00', 15)] }),
  cell({ date: '2026-12-01', kind: 'off', start: undefined, end: undefined, version: 'c2' }),
  cell({ employee_id: 'e002', start: '21:00', end: '09:00', breaks: [brk('lunch', '01:00', 30)], version: 'c3' }),
];

function week(from: string, to: string, cells = CELLS): AdminReply<'schedule.get'> {
  const dates: string[] = [];
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) dates.push(d);
  return {
    from,
    to,
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
const rows = (el: HTMLElement) => $all(el, 'table.brks tbody tr[data-index]');

async function pick(el: HTMLElement, id: string, date: string, how: { ctrlKey?: boolean } = {}): Promise<void> {
  $(el, `td[data-key="${cellKey(id, date)}"] button.day`).dispatchEvent(new MouseEvent('click', { bubbles: true, ...how }));
  await flush();
}

/** A time or number input given a value and left (its change event, as a browser sends it). */
async function enter(el: HTMLElement, selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await flush();
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  setLang('en');
  fake = new FakeScriptRun()
    .on('schedule.get', (p) => ok('schedule.get', week(p.from, p.to)))
    .on('schedule.save', (p) =>
      ok('schedule.save', {
        cells: p.changes.map((c: ScheduleCell) => ({ ...c, breaks: c.breaks ?? [], version: `n-${c.date}` })),
        written: p.changes.length,
      }),
    )
    .install();
});

afterEach(() => {
  clear();
  vi.useRealTimers();
});

describe('the breaks of a selected shift', () => {
  it('are listed with their status, start, minutes and who placed them; the grid pins the fixed ones', async () => {
    const el = await open();
    // The grid: the starts in shift order, a pin before the one fixed by hand.
    const day = td(el, 'e001', MON);
    expect(textOf($(day, '.brk'))).toBe('11:00 13:00 16:00');
    expect($all(day, '.brk .fixed')).toHaveLength(1);
    expect($all(day, '.brk .fixed svg.pin')).toHaveLength(1);
    expect($(day, 'button').getAttribute('title')).toContain('Break 11:00, 15 min (fixed); Lunch 13:00, 60 min; Break 16:00, 15 min');
    expect($all(el, 'fieldset.breaks')).toHaveLength(0);

    await pick(el, 'e001', MON);
    expect(textOf($(el, 'fieldset.breaks legend'))).toBe('Breaks of this shift');
    const list = rows(el);
    expect(list).toHaveLength(3);
    expect($<HTMLSelectElement>(list[0], 'select').value).toBe('break');
    expect(textOf($(list[1], 'select option[selected]'))).toBe('Lunch');
    expect($<HTMLInputElement>(list[1], 'input.start').value).toBe('13:00');
    expect($<HTMLInputElement>(list[1], 'input.minutes').value).toBe('60');
    expect(textOf($(list[0], '.placed'))).toBe('fixed by hand');
    expect(textOf($(list[1], '.placed'))).toBe('placed by the planner');
    expect($all(list[0], 'button.release')).toHaveLength(1);
    expect($all(list[1], 'button.release')).toHaveLength(0);
    // Every control is named for a screen reader.
    expect($(list[1], 'input.start').getAttribute('aria-label')).toBe('Break 2: start');
    expect($(list[1], 'button.later').getAttribute('aria-label')).toBe('Break 2: 5 minutes later');

    // Two days selected: no break list.
    await pick(el, 'e002', MON, { ctrlKey: true });
    expect($all(el, 'fieldset.breaks')).toHaveLength(0);
    // A day off has none either.
    await pick(el, 'e001', '2026-12-01');
    expect($all(el, 'fieldset.breaks')).toHaveLength(0);
  });

  it('are edited by hand (a changed planner break becomes fixed), added, removed, and saved in the one batch', async () => {
    const el = await open();
    await pick(el, 'e001', MON);
    // The lunch moved half an hour earlier: fixed now.
    await enter(el, '#brk-start-1', '12:30');
    expect(textOf($(rows(el)[1], '.placed'))).toBe('fixed by hand');
    expect(td(el, 'e001', MON).className).toContain('edited');
    expect($all(td(el, 'e001', MON), '.brk .fixed')).toHaveLength(2);
    // The afternoon break: 5 minutes later, 20 minutes, a lunch status.
    await click(el, 'tr[data-index="2"] button.later');
    await enter(el, '#brk-minutes-2', '20');
    choose(el, '#brk-status-2', 'lunch');
    await flush();
    // The morning break goes back to the planner, and a new break is added after it.
    await click(el, 'tr[data-index="0"] button.release');
    expect(textOf($(rows(el)[0], '.placed'))).toBe('placed by the planner');
    await click(el, 'button.add-break');
    expect(rows(el)).toHaveLength(4);
    expect($<HTMLInputElement>(el, '#brk-start-0').value).toBe('10:00');
    expect(textOf($(rows(el)[0], '.placed'))).toBe('fixed by hand');
    // Another day's shift in the same batch.
    await pick(el, 'e002', MON);
    await click(el, 'tr[data-index="0"] button.remove');
    expect(textOf($(el, 'fieldset.breaks'))).toContain('No breaks yet');
    expect(textOf($(el, '.actions .count'))).toBe('2 unsaved changes');

    await click(el, 'button.save');
    const saves = fake.callsOf('schedule.save');
    expect(saves).toHaveLength(1);
    expect(saves[0].changes).toEqual([
      {
        employee_id: 'e001',
        date: MON,
        kind: 'shift',
        start: '09:00',
        end: '18:00',
        breaks: [brk('break', '10:00', 15, true), brk('break', '11:00', 15, false), brk('lunch', '12:30', 60, true), brk('lunch', '16:05', 20, true)],
        version: 'c1',
      },
      { employee_id: 'e002', date: MON, kind: 'shift', start: '21:00', end: '09:00', breaks: [], version: 'c3' },
    ]);
    expect($all(el, 'td.edited')).toHaveLength(0);
    expect(textOf($(el, 'adm-toast'))).toContain('Saved: 2 days changed.');
  });

  it('a start is typed as a time is anywhere in the dialog (1130, 9.45), and moved with ↑ and ↓', async () => {
    const el = await open();
    await pick(el, 'e001', MON);
    await enter(el, '#brk-start-0', '1130');
    expect($<HTMLInputElement>(el, '#brk-start-0').value).toBe('11:30');
    const arrow = (key: string) => $(el, '#brk-start-0').dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
    expect(arrow('ArrowUp')).toBe(false);
    await flush();
    expect($<HTMLInputElement>(el, '#brk-start-0').value).toBe('11:35');
    arrow('ArrowDown');
    arrow('ArrowDown');
    await flush();
    expect($<HTMLInputElement>(el, '#brk-start-0').value).toBe('11:25');
    await enter(el, '#brk-start-0', '9.45');
    expect($<HTMLInputElement>(el, '#brk-start-0').value).toBe('09:45');
    await enter(el, '#brk-start-0', '11h');
    expect($<HTMLInputElement>(el, '#brk-start-0').value).toBe('11h');
    expect(textOf($(el, '#brk-error-0'))).toBe('⚠ A time such as 11:00');
  });

  it('an edit is undone like any other: the Undo button and Ctrl+Z step back, a discard too', async () => {
    const el = await open();
    await pick(el, 'e001', MON);
    expect($<HTMLButtonElement>(el, 'button.undo').disabled).toBe(true);
    await enter(el, '#brk-minutes-1', '45');
    await click(el, 'tr[data-index="1"] button.earlier');
    expect($<HTMLInputElement>(el, '#brk-start-1').value).toBe('12:55');
    await click(el, 'button.undo');
    expect($<HTMLInputElement>(el, '#brk-start-1').value).toBe('13:00');
    expect($<HTMLInputElement>(el, '#brk-minutes-1').value).toBe('45');
    // Ctrl+Z on the page (not in a text box): the day is back as read, no change left.
    $(el, 'button.save').dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, composed: true }));
    await flush();
    expect($<HTMLInputElement>(el, '#brk-minutes-1').value).toBe('60');
    expect(textOf($(rows(el)[1], '.placed'))).toBe('placed by the planner');
    expect($all(el, 'td.edited')).toHaveLength(0);
    await click(el, 'tr[data-index="2"] button.remove');
    await click(el, 'button.discard');
    expect(rows(el)).toHaveLength(3);
    await click(el, 'button.undo');
    expect(rows(el)).toHaveLength(2);
    expect(td(el, 'e001', MON).className).toContain('edited');
  });

  it('a break outside the shift or over another is shown at its row and refused before any call', async () => {
    const el = await open();
    await pick(el, 'e001', MON);
    await enter(el, '#brk-start-2', '17:50');
    const outside = rows(el)[2];
    expect(outside.className).toContain('has-problem');
    expect(textOf($(el, '#brk-error-2'))).toBe('⚠ Does not fit in the shift');
    expect($(el, '#brk-start-2').getAttribute('aria-invalid')).toBe('true');
    expect($(el, '#brk-start-2').getAttribute('aria-describedby')).toBe('brk-error-2');
    await enter(el, '#brk-start-2', '13:30');
    expect(textOf($(el, '#brk-error-2'))).toBe('⚠ Overlaps Lunch 13:00');
    await enter(el, '#brk-minutes-0', '');
    expect(textOf($(el, '#brk-error-0'))).toBe('⚠ Whole minutes, 1 to 480');
    expect($(el, '#brk-minutes-0').getAttribute('aria-invalid')).toBe('true');

    // Another day selected; Save sends nothing, marks the day and brings its breaks back in view.
    await pick(el, 'e002', MON);
    await click(el, 'button.save');
    expect(fake.callsOf('schedule.save')).toHaveLength(0);
    const bad = td(el, 'e001', MON);
    expect(bad.className).toContain('invalid');
    expect(textOf($(bad, '.err'))).toBe('Break 11:00: Whole minutes, 1 to 480');
    expect(textOf($(el, '.cell-problems'))).toContain('Анна Иванова');
    expect($all(el, 'td.picked').map((x) => x.dataset.key)).toEqual([cellKey('e001', MON)]);
    expect(textOf($(el, '#brk-error-2'))).toBe('⚠ Overlaps Lunch 13:00');
    // Fixed, it goes.
    await enter(el, '#brk-minutes-0', '15');
    await enter(el, '#brk-start-2', '15:00');
    expect($all(el, '.brk-error')).toHaveLength(0);
    expect(td(el, 'e001', MON).className).not.toContain('invalid');
    await click(el, 'button.save');
    expect(fake.callsOf('schedule.save')).toHaveLength(1);
  });

  it('a break the server refuses is shown at its day and at its row; nothing is lost', async () => {
    fake.on('schedule.save', () =>
      fail('bad_request', 'Invalid schedule.save / Неверный запрос schedule.save', {
        fields: [
          { field: 'changes[0].breaks', message: '"lunch 12:00 60" does not fit in the shift / «lunch 12:00 60» не помещается в смену' },
          { field: 'changes[1].breaks[0].status', message: 'no status "lunch" in Statuses / статуса «lunch» нет во вкладке Statuses' },
        ],
      }),
    );
    const el = await open();
    await pick(el, 'e001', MON);
    await enter(el, '#brk-start-1', '12:00');
    await pick(el, 'e002', MON);
    await enter(el, '#brk-minutes-0', '40');
    await click(el, 'button.save');
    expect(fake.callsOf('schedule.save')).toHaveLength(1);
    const first = td(el, 'e001', MON);
    expect(first.className).toContain('invalid');
    expect(textOf($(first, '.err'))).toBe('"lunch 12:00 60" does not fit in the shift');
    expect(textOf($(td(el, 'e002', MON), '.err'))).toBe('No status "lunch" in Statuses');
    // The selected day's refused break is marked at its row.
    expect($all(el, 'td.picked').map((x) => x.dataset.key)).toEqual([cellKey('e002', MON)]);
    expect(textOf($(el, '#brk-error-0'))).toBe('⚠ No status "lunch" in Statuses');
    expect($(el, '#brk-start-0').getAttribute('aria-invalid')).toBe('true');
    await pick(el, 'e001', MON);
    expect(textOf($(el, '#brk-error-1'))).toBe('⚠ "lunch 12:00 60" does not fit in the shift');
    expect($all(el, '.brk-error')).toHaveLength(1);
    expect($all(el, 'td.edited')).toHaveLength(2);
    // Changing that day's breaks drops its problems; the other day's stay.
    await enter(el, '#brk-start-1', '12:15');
    expect($all(el, '.brk-error')).toHaveLength(0);
    expect(td(el, 'e001', MON).className).not.toContain('invalid');
    expect(td(el, 'e002', MON).className).toContain('invalid');
  });

  it('says it all in Russian', async () => {
    setLang('ru');
    const el = await open();
    await pick(el, 'e001', MON);
    expect(textOf($(el, 'fieldset.breaks legend'))).toBe('Перерывы этой смены');
    expect(textOf($(rows(el)[1], 'select option[selected]'))).toBe('Обед');
    expect(textOf($(rows(el)[0], '.placed'))).toBe('закреплён вручную');
    expect(textOf($(rows(el)[1], '.placed'))).toBe('поставлен планировщиком');
    expect(textOf($(el, 'button.add-break'))).toBe('Добавить перерыв');
    await enter(el, '#brk-start-2', '17:50');
    expect(textOf($(el, '#brk-error-2'))).toBe('⚠ Не помещается в смену');
  });

  it('a month marks each shift\'s breaks in its narrow cell: pins for fixed, dots for the planner\'s', async () => {
    const el = await open();
    choose(el, '#period', 'month');
    await flush();
    expect(fake.callsOf('schedule.get')[1]).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    fake.on('schedule.get', (p) => ok('schedule.get', week(p.from, p.to, [cell({ date: '2026-12-01', breaks: [brk('break', '11:00', 15, true), brk('lunch', '13:00', 60)] }), cell({ date: '2026-12-02', breaks: Array.from({ length: 6 }, (_, i) => brk('break', `1${i}:00`, 15)) })])));
    await click(el, 'button.next');
    await click(el, 'button.prev');
    const marks = $(td(el, 'e001', '2026-12-01'), '.marks');
    expect($all(marks, 'svg.pin')).toHaveLength(1);
    expect($all(marks, '.dot')).toHaveLength(1);
    // Past a few, counted.
    expect(textOf($(td(el, 'e001', '2026-12-02'), '.marks'))).toBe('6');
  });
});
