// Typed tables over the emulated SpreadsheetApp: validation on read, text safety, one call per read/write.
import { beforeEach, describe, expect, it } from 'vitest';
import { storeWorld, typeRows, sheetCalls, type StoreWorld } from './helpers.ts';
import type { CurrentRow, DeviceRow, LogRow, RowIssue } from '../../appsscript/src/domain/model.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { MissingTab, HeaderMismatch } from '../../appsscript/src/store/errors.ts';

const USER_TEXT = [
  '=HYPERLINK("http://x","y")',
  '+7 999 123-45-67',
  '-5',
  '@here',
  "'quoted",
  '007',
  'TRUE',
  '2026-11-24',
  '12:30',
  '1e3',
  '  spaced  ',
  'Привет, мир',
];

function logRow(i: number, comment: string): LogRow {
  return {
    entry_id: `00${i}`, // looks like a number: must stay text
    employee_id: 'e001',
    status: 'break',
    at: 1_790_000_000_000 + i * 1000,
    client_at: 1_790_000_000_000 + i * 1000 - 5,
    received_at: 1_790_000_000_000 + i * 1000 + 7,
    device_id: '-1', // looks like a number
    seq: i,
    source: 'web',
    offline: i % 2 === 0,
    comment,
  };
}

let w: StoreWorld;
beforeEach(() => {
  w = storeWorld();
});

describe('user text is never a formula and reads back identical', () => {
  it('through Log comments (one write) and back', () => {
    const { tables } = w.open();
    const rows = USER_TEXT.map((t, i) => logRow(i + 1, t));
    tables.appendLog(rows);
    // Nothing became a formula in the sheet.
    const formulas = w.sheet('Log').getRange(2, 1, rows.length, 11).getFormulas().flat();
    expect(formulas.every((f) => f === '')).toBe(true);
    w.world.newExecution();
    const back = w.open().tables.readLog(1);
    expect(back.rows.map((r) => r.entry)).toEqual(rows);
    expect(back.rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 2));
  });

  it('through settings values and Current ids', () => {
    const { tables } = w.open();
    USER_TEXT.forEach((t, i) => tables.setSetting(`note.${i}`, t));
    const current: CurrentRow[] = USER_TEXT.map((t, i) => ({
      employee_id: `0${i}`,
      status: t.replace(/\s/g, '_'),
      since: null,
      last_seen: 1000 * i,
      device_id: t.replace(/\s/g, '_'), // an id: never blank inside
      day: '2026-11-24',
      timeline: [{ entry_id: t, status: 'work', at: i, source: 'web', device_id: t, seq: i }],
      violations: { date: '2026-11-24', items: [{ id: `V-20261124-${i}`, type: 'break_overrun', planned: t, actual: t, over_minutes: i, resolution: 'open' }] },
      last_write: `${t.replace(/\s/g, '_')}:${i}`,
    }));
    tables.saveCurrent(current);
    w.world.newExecution();
    const fresh = w.open().tables;
    const settings = fresh.settings();
    USER_TEXT.forEach((t, i) => expect(settings.get(`note.${i}`)).toBe(t));
    expect(fresh.current()).toEqual(current);
  });
});

describe('validated tabs', () => {
  it('reads good employees and reports bad rows by tab, row and column without stopping', () => {
    typeRows(w.sheet('Employees'), [
      ['e001', 'Anna.Ivanova@Example.com', 'Анна Иванова', 'support-l1', 'employee', '', '', 0, true],
      ['e002', 'boss@example.com', 'Boss', 'support-l1', 'boss', '', '', 0, true], // unknown role
      ['e003', 'anna.ivanova@example.com', 'Twin', 'support-l1', 'employee', '', '', '', ''], // duplicate email (case)
      ['e001', 'other@example.com', 'Dup id', 'support-l1', 'employee', '', '', '', ''], // duplicate id
      ['e004', 'not-an-email', 'Bad mail', 'support-l1', 'employee', '', '', '', ''],
      ['', '', '', '', '', '', '', '', ''], // blank rows are skipped silently
      ['e005', 'five@example.com', '', 'support-l1', 'lead', '', '', '', ''], // name missing
      [6, 'six@example.com', 'Six', 'billing', 'Lead', 'Europe/Moscow', '123456789', 2, 'нет'], // id typed as number
      ['e007', 'seven@example.com', 'Seven', 'billing', 'employee', 'Mars Time', '', '', ''], // bad time zone
      ['e008', 'eight@example.com', 'Eight', 'billing', 'employee', '', '@chat', '', 'maybe'], // bad chat id and bool
    ]);
    w.world.newExecution();
    const { rows, issues } = w.open().tables.employees();
    expect(rows.map((e) => e.id)).toEqual(['e001', '6']);
    expect(rows[0]).toEqual({
      id: 'e001', email: 'anna.ivanova@example.com', name: 'Анна Иванова', group: 'support-l1', role: 'employee',
      timezone: '', telegram_chat_id: '', token_version: 0, active: true,
    });
    expect(rows[1]).toMatchObject({ id: '6', role: 'lead', timezone: 'Europe/Moscow', telegram_chat_id: '123456789', token_version: 2, active: false });
    const at = (i: RowIssue) => `${i.tab}:${i.row}:${i.column}`;
    expect(issues.map(at)).toEqual([
      'Employees:3:role',
      'Employees:4:email',
      'Employees:5:id',
      'Employees:6:email',
      'Employees:8:name',
      'Employees:10:timezone',
      'Employees:11:telegram_chat_id',
      'Employees:11:active',
    ]);
    expect(issues[1].message).toContain('row 2');
    expect(issues[0].message).toMatch(/boss.*\/.*роль/);
  });

  it('statuses: unknown kinds and bad colours are refused, defaults fill blanks', () => {
    typeRows(w.sheet('Statuses'), [
      ['work', 'Работа', 'Working', 'work', '', ''],
      ['nap', 'Сон', 'Nap', 'nap', false, ''],
      ['break', 'Перерыв', 'Break', 'BREAK', '', 'yellow'],
      ['lunch', 'Обед', '', 'lunch', '', '#ff6d01'],
      ['work', 'Работа 2', 'Work 2', 'work', '', ''],
      ['meeting', 'Совещание', 'Meeting', 'meeting', 'FALSE', '#abc'],
    ]);
    w.world.newExecution();
    const { rows, issues } = w.open().tables.statuses();
    expect(rows).toEqual([
      { code: 'work', label_ru: 'Работа', label_en: 'Working', kind: 'work', counts_as_work: true, color: '#34a853' },
      { code: 'meeting', label_ru: 'Совещание', label_en: 'Meeting', kind: 'meeting', counts_as_work: false, color: '#abc' },
    ]);
    expect(issues.map((i) => `${i.row}:${i.column}`)).toEqual(['3:kind', '4:color', '5:label_en', '6:code']);
  });

  it('rules: negative or zero limits and duplicate (rule set, status) are refused', () => {
    typeRows(w.sheet('Rules'), [
      ['support', 'break', 2, 15, 2, 15, 60],
      ['support', 'lunch', 1, 0, '', '', ''],
      ['support', 'meeting', -1, 30, '', '', ''],
      ['support', 'break', 3, 10, '', '', ''],
      ['billing', 'break', '', '', '', '', ''],
      ['billing', 'lunch', 'one', 45, '', '', ''],
    ]);
    w.world.newExecution();
    const { rows, issues } = w.open().tables.rules();
    expect(rows).toEqual([
      { rule_set: 'support', status: 'break', max_per_shift: 2, max_minutes: 15, grace_minutes: 2, window_tolerance_minutes: 15, min_gap_minutes: 60 },
      { rule_set: 'billing', status: 'break', max_per_shift: null, max_minutes: null, grace_minutes: 0, window_tolerance_minutes: 0, min_gap_minutes: null },
    ]);
    expect(issues.map((i) => `${i.row}:${i.column}`)).toEqual(['3:max_minutes', '4:max_per_shift', '5:status', '7:max_per_shift']);
  });

  it('schedule: parses breaks, accepts night shifts, refuses broken shifts, filters a date window', () => {
    typeRows(w.sheet('Schedule'), [
      ['2026-11-24', 'e001', '09:00', '18:00', 'break 11:00 15; lunch 13:00 60; break 16:00 15'],
      ["'24.11.2026", 'e002', '9:00', '18:00', 'lunch 13:00 60; break 11:00 15'], // typed date as text, unsorted breaks
      ['2026-11-24', 'e003', '22:00', '06:00', 'break 02:00 30'], // night shift: fine
      ['2026-11-24', 'e004', '09:00', '09:00', ''], // no length
      ['2026-11-24', 'e005', '09:00', '18:00', 'break 17:50 15'], // runs past the end
      ['2026-11-24', 'e006', '09:00', '18:00', 'break 11:00 30; lunch 11:15 60'], // overlap
      ['2026-11-24', 'e007', '09:00', '18:00', 'coffee at eleven'],
      ['2026-11-24', 'e001', '10:00', '19:00', ''], // second shift the same day
      ['2026-11-31', 'e008', '09:00', '18:00', ''], // no such date
      ['2026-12-01', 'e009', '09:00', '18:00', ''], // outside the window below
      ['2026-11-25', 'e010', 'noon', '18:00', ''],
    ]);
    w.world.newExecution();
    const all = w.open().tables.schedule();
    expect(all.rows.map((s) => s.employee_id)).toEqual(['e001', 'e002', 'e003', 'e009']);
    expect(all.rows[1]).toEqual({
      date: '2026-11-24', employee_id: 'e002', shift_start: '09:00', shift_end: '18:00',
      breaks: [{ status: 'break', start: '11:00', minutes: 15 }, { status: 'lunch', start: '13:00', minutes: 60 }],
    });
    expect(all.issues.map((i) => `${i.row}:${i.column}`)).toEqual(['5:shift_end', '6:breaks', '7:breaks', '8:breaks', '9:employee_id', '10:date', '12:shift_start']);
    const windowed = w.open().tables.schedule({ from: '2026-11-24', to: '2026-11-24' });
    expect(windowed.rows.map((s) => s.employee_id)).toEqual(['e001', 'e002', 'e003']);
    // A row outside the window is neither returned nor reported; an unreadable date still is.
    expect(windowed.issues.map((i) => i.row)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('groups: lead emails are split and checked', () => {
    typeRows(w.sheet('Groups'), [
      ['support-l1', 'Lead.One@example.com, lead.two@example.com', '-1001234567890', 3, 'support'],
      ['billing', 'nobody', '', '', 'billing'],
    ]);
    w.world.newExecution();
    const { rows, issues } = w.open().tables.groups();
    expect(rows).toEqual([
      { name: 'support-l1', lead_emails: ['lead.one@example.com', 'lead.two@example.com'], telegram_chat_id: '-1001234567890', max_concurrent_breaks: 3, rule_set: 'support' },
    ]);
    expect(issues.map((i) => `${i.row}:${i.column}`)).toEqual(['3:lead_emails']);
  });
});

describe('machine tabs and service calls', () => {
  const device = (i: number): DeviceRow => ({
    device_id: `d-${i}`,
    employee_id: `e00${i}`,
    last_seq: i * 10,
    last_seen: 1_790_000_000_000 + i,
    last_at: i === 1 ? null : 1_790_000_000_000 - i,
    // A status write in progress (services/status-writes.ts) round-trips as written.
    pending: i === 2 ? { write: 'd-2:20:x', employee_id: 'e002', prev_seq: 17, prev_at: null, entry_id: '=u-20', seq: 20, rows: 3 } : null,
    // The backlog the page reported (Devices v4) round-trips; blank reads as not reported.
    backlog_count: i === 3 ? 4 : null,
    backlog_oldest_at: i === 3 ? 1_789_999_000_000 : null,
  });

  it('each read is one getValues and each save one setValues', () => {
    let { tables } = w.open();
    tables.saveDevices([device(1), device(2), device(3)]);
    w.world.newExecution();
    ({ tables } = w.open());
    const devices = tables.devices();
    expect(devices).toEqual([device(1), device(2), device(3)]);
    tables.saveDevices([...devices.slice(0, 2).map((d) => ({ ...d, last_seq: d.last_seq + 1 }))]);
    const calls = w.world.stats().calls;
    expect(calls['Range.getValues']).toBe(1);
    expect(calls['Range.setValues']).toBe(1);
    expect(calls['Sheet.getLastRow'] ?? 0).toBe(0); // the read told it how many rows to blank
    w.world.newExecution();
    // The shorter table left no stale third row behind.
    expect(w.open().tables.devices().map((d) => [d.device_id, d.last_seq])).toEqual([['d-1', 11], ['d-2', 21]]);
  });

  it('appendLog: one getLastRow and one setValues; nothing at all for no rows; grows the grid', () => {
    const { tables } = w.open();
    tables.appendLog([]);
    expect(sheetCalls(w.world.stats().calls)).toEqual({});
    w.world.newExecution();
    const t = w.open().tables;
    t.appendLog(Array.from({ length: 1200 }, (_, i) => logRow(i, `c${i}`)));
    const calls = w.world.stats().calls;
    expect(calls['Sheet.getLastRow']).toBe(1);
    expect(calls['Range.setValues']).toBe(1);
    expect(calls['Range.getValues'] ?? 0).toBe(0);
    w.world.newExecution();
    const t2 = w.open().tables;
    t2.appendLog([logRow(5000, 'last')]);
    expect(w.sheet('Log').getLastRow()).toBe(1202);
    expect(w.sheet('Log').getMaxColumns()).toBe(11);
  });

  it('a damaged machine cell reads as blank and is reported, the row is kept', () => {
    let { tables } = w.open();
    tables.saveDevices([device(1), device(2)]);
    w.sheet('Devices').getRange(3, 3).setValue('lots');
    w.world.newExecution();
    const issues: RowIssue[] = [];
    const port = gasSheetPort();
    tables = openTables(port, { timeZone: 'Europe/Moscow', formatDate: () => '', onIssue: (i) => issues.push(i) });
    expect(tables.devices().map((d) => d.last_seq)).toEqual([10, 0]);
    expect(issues.map((i) => `${i.tab}:${i.row}:${i.column}`)).toEqual(['Devices:3:last_seq']);
  });

  it('settings: one read, and setting a key writes once (nothing when unchanged)', () => {
    const { tables } = w.open();
    tables.setSetting('check_interval_minutes', '5');
    w.world.newExecution();
    const t = w.open().tables;
    expect(t.settings().get('check_interval_minutes')).toBe('5');
    t.setSetting('check_interval_minutes', '5');
    t.setSetting('retention_days', '90');
    const calls = w.world.stats().calls;
    expect(calls['Range.getValues']).toBe(1);
    expect(calls['Range.setValues']).toBe(1);
    expect(w.open().tables.settings().get('schema.Devices')).toBe('4');
  });

  it('a missing tab or a moved header is a clear error naming the tab', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    ss.deleteSheet(w.sheet('Statuses'));
    w.sheet('Rules').getRange(1, 1, 1, 2).setValues([['status', 'rule_set']]);
    w.world.newExecution();
    const { tables } = w.open();
    expect(() => tables.statuses()).toThrow(MissingTab);
    expect(() => tables.statuses()).toThrow(/Statuses.*Setup/);
    expect(() => tables.rules()).toThrow(HeaderMismatch);
    expect(() => tables.rules()).toThrow(/Rules/);
  });
});
