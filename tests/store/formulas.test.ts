// Formulas an admin types into the tabs people edit read as their values, here as on Google (where
// getValues gives a formula's result): the validated reads see what the admin sees in the cell, and a
// formula that fails reads as its error text and is reported like any other bad cell. The read paths
// keep their calls: one getValues per tab, no getFormulas.
import { beforeEach, describe, expect, it } from 'vitest';
import { storeWorld, typeRows, sheetCalls, type StoreWorld } from './helpers.ts';

let w: StoreWorld;
beforeEach(() => {
  w = storeWorld();
});

describe('formulas in the edited tabs', () => {
  it('Employees: text built with & and CONCATENATE, a reference to another tab, arithmetic, a boolean', () => {
    typeRows(w.sheet('Groups'), [['support-l1', '', '', 3, 'support']]);
    typeRows(w.sheet('Employees'), [
      ['e001', '=LOWER("Anna.Ivanova@Example.com")', '=CONCATENATE("Анна", " ", "Иванова")', '=Groups!A2', '="emp"&"loyee"', '', '=-1001&"234"', '=1+1', '=1>0'],
    ]);
    w.world.newExecution();
    const { rows, issues } = w.open().tables.employees();
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        id: 'e001', email: 'anna.ivanova@example.com', name: 'Анна Иванова', group: 'support-l1', role: 'employee',
        timezone: '', telegram_chat_id: '-1001234', token_version: 2, active: true,
      },
    ]);
    // Changing the cell a formula names changes what the product reads, with no write to Employees.
    w.sheet('Groups').getRange('A2').setValue('billing');
    w.world.newExecution();
    expect(w.open().tables.employees().rows[0].group).toBe('billing');
  });

  it('Schedule: DATE, TIME and text formulas give the date, times and breaks the admin sees', () => {
    typeRows(w.sheet('Schedule'), [['=DATE(2026, 11, 24)', 'e001', '=TIME(9, 0, 0)', '="18:00"', '="break 11:00 "&(10+5)&"; lunch 13:00 60"']]);
    w.world.newExecution();
    const { rows, issues } = w.open().tables.schedule({ from: '2026-11-24', to: '2026-11-24' });
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        date: '2026-11-24', employee_id: 'e001', shift_start: '09:00', shift_end: '18:00',
        breaks: [{ status: 'break', start: '11:00', minutes: 15 }, { status: 'lunch', start: '13:00', minutes: 60 }],
      },
    ]);
  });

  it('Rules and Settings: computed numbers; a formula that fails is reported with the error it shows', () => {
    typeRows(w.sheet('Rules'), [
      ['support', 'break', '=1+1', '=10+5', '=ROUND(2.4)', '=MAX(10, 15)', ''],
      ['support', 'lunch', 1, '=60/0', '', '', ''],
    ]);
    w.sheet('Settings').appendRow(['check_interval_minutes', '=2*2+1']);
    w.world.newExecution();
    const { tables } = w.open();
    const rules = tables.rules();
    expect(rules.rows).toEqual([
      { rule_set: 'support', status: 'break', max_per_shift: 2, max_minutes: 15, grace_minutes: 2, window_tolerance_minutes: 15, min_gap_minutes: null },
    ]);
    expect(rules.issues.map((i) => `${i.tab}:${i.row}:${i.column}`)).toEqual(['Rules:3:max_minutes']);
    expect(rules.issues[0].message).toContain('#DIV/0!');
    expect(tables.settings().get('check_interval_minutes')).toBe('5');
  });

  it('a text or id cell showing a formula\'s error is reported, not taken as a name or a group', () => {
    typeRows(w.sheet('Employees'), [
      ['e001', 'anna@example.com', '=1/0', '=NoSuchTab!A1', 'employee', '', '', '', ''],
      ['e002', 'boris@example.com', 'Борис', 'support-l1', '=IF(1, "lead")', '', '', '', ''],
    ]);
    w.world.newExecution();
    const { rows, issues } = w.open().tables.employees();
    expect(rows.map((e) => [e.id, e.role])).toEqual([['e002', 'lead']]);
    expect(issues.map((i) => `${i.row}:${i.column}:${i.message}`)).toEqual([
      '2:name:the formula in this cell shows the error #DIV/0! / формула в этой ячейке даёт ошибку #DIV/0!',
      '2:group:the formula in this cell shows the error #REF! / формула в этой ячейке даёт ошибку #REF!',
    ]);
  });

  it('reading a tab with formulas costs what reading it without them does', () => {
    typeRows(w.sheet('Rules'), [['support', 'break', 2, 15, 2, 15, '']]);
    w.world.newExecution();
    w.open().tables.rules();
    const plain = sheetCalls(w.world.stats().calls);
    typeRows(w.sheet('Rules'), [['support', 'break', '=1+1', '=10+5', 2, 15, '']]);
    w.world.newExecution();
    expect(w.open().tables.rules().rows).toHaveLength(1);
    expect(sheetCalls(w.world.stats().calls)).toEqual(plain);
    expect(Object.keys(plain).some((k) => k.includes('getFormulas'))).toBe(false);
  });
});
