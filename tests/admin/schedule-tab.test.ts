// The Schedule tab's second version: a `day` column for a day off, vacation or sick leave, and breaks the
// planner placed marked `auto`. Setup upgrades a workbook in place with every row meaning what it meant;
// every reader of shifts sees a day off as no shift, so checkBreaks flags nobody on vacation as missing.
import { describe, expect, it } from 'vitest';
import { installGasGlobals } from '../helpers/gas-globals.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { setup } from '../../appsscript/src/services/setup.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';
import { parseBreaks, formatBreaks } from '../../appsscript/src/store/breaks.ts';
import { invalidateReferenceCache } from '../../appsscript/src/gas/reference-cache.ts';
import { runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { at, DATE, office } from '../checks/helpers.ts';

const ZONE = 'Europe/Moscow';
const formatDate = (ms: number, p: string) => Utilities.formatDate(new Date(ms), ZONE, p);
const ss = () => SpreadsheetApp.getActiveSpreadsheet();
const tables = () => openTables(gasSheetPort(), { timeZone: ZONE, formatDate });

/** A workbook an earlier version left: Schedule v1 (no day column) holding rows, its version recorded. */
function v1Workbook() {
  const world = installGasGlobals({ timeZone: ZONE });
  const schedule = ss().insertSheet('Schedule');
  const rows = [
    ['date', 'employee_id', 'shift_start', 'shift_end', 'breaks'],
    ["'2026-11-24", "'e001", "'09:00", "'18:00", "'break 11:00 15; lunch 13:00 60"],
    ["'2026-11-24", "'e002", "'22:00", "'06:00", "'lunch 02:00 30"],
    ['', '', '', '', ''],
    ["'2026-11-25", "'e001", "'выходной", '', ''], // v1 refused this; it must stay refused
    ["'2026-11-25", "'e002", "'10:00", "'19:00", ''],
  ];
  schedule.getRange(1, 1, rows.length, 5).setValues(rows);
  const settings = ss().insertSheet('Settings');
  settings.getRange(1, 1, 2, 2).setValues([['key', 'value'], ['schema.Schedule', 1]]);
  world.newExecution();
  return world;
}

describe('upgrading Schedule v1 -> v2', () => {
  it('adds the day column, keeps every row, and every row reads as it did', () => {
    const world = v1Workbook();
    const report = setup(gasSheetPort());
    expect(report.migrated).toEqual([{ tab: 'Schedule', from: 1, to: 2, rows: 5 }]);
    const header = ss().getSheetByName('Schedule')!.getRange(1, 1, 1, 6).getValues()[0];
    expect(header).toEqual(['date', 'employee_id', 'shift_start', 'shift_end', 'breaks', 'day']);
    world.newExecution();
    const read = tables().schedule();
    expect(read.rows).toEqual([
      { date: '2026-11-24', employee_id: 'e001', shift_start: '09:00', shift_end: '18:00', breaks: [{ status: 'break', start: '11:00', minutes: 15 }, { status: 'lunch', start: '13:00', minutes: 60 }] },
      { date: '2026-11-24', employee_id: 'e002', shift_start: '22:00', shift_end: '06:00', breaks: [{ status: 'lunch', start: '02:00', minutes: 30 }] },
      { date: '2026-11-25', employee_id: 'e002', shift_start: '10:00', shift_end: '19:00', breaks: [] },
    ]);
    // Breaks typed before the planner existed are hand-fixed: none reads as the planner's.
    expect(read.rows.flatMap((s) => s.breaks).some((b) => b.auto)).toBe(false);
    expect(read.issues.map((i) => `${i.row}:${i.column}`)).toEqual(['5:shift_start', '5:shift_end']);
    world.newExecution();
    expect(setup(gasSheetPort()).nothingToDo).toBe(true);
  });
});

describe('reading the day column', () => {
  it('reads off, vacation and sick in either language as no shift, and refuses times beside them', () => {
    const world = installGasGlobals({ timeZone: ZONE });
    setup(gasSheetPort());
    world.newExecution();
    const rows = [
      ['2026-12-01', 'e001', '', '', '', 'off'],
      ['2026-12-01', 'e002', '', '', '', 'Отпуск'],
      ['2026-12-01', 'e003', '', '', '', 'б/л'],
      ['2026-12-01', 'e004', '09:00', '18:00', '', 'vacation'], // which is it?
      ['2026-12-01', 'e005', '', '', '', 'прогул'],
      ['2026-12-01', 'e006', '09:00', '18:00', 'break 11:00 15 auto; lunch 13:00 60', ''],
      ['2026-12-01', 'e007', '', '', '', ''], // a shift with no times
      ['2026-12-01', 'e001', '09:00', '18:00', '', ''], // a shift on e001's day off
    ];
    ss().getSheetByName('Schedule')!.getRange(2, 1, rows.length, 6).setValues(rows);
    world.newExecution();
    const read = tables().schedule();
    expect(read.rows.map((s) => s.employee_id)).toEqual(['e006']);
    expect(read.rows[0].breaks).toEqual([{ status: 'break', start: '11:00', minutes: 15, auto: true }, { status: 'lunch', start: '13:00', minutes: 60 }]);
    expect(read.issues.map((i) => `${i.row}:${i.column}`)).toEqual(['5:day', '6:day', '8:shift_start', '8:shift_end', '9:employee_id']);
    expect(read.issues[0].message).toContain('has no shift');
    expect(read.issues[1].message).toContain('is not a day');
    expect(read.issues[4].message).toContain('the same employee and date as row 2');
  });

  it('writes auto after a break the planner placed and reads it back; a fourth word that is not auto is refused', () => {
    const parsed = parseBreaks('break 11:00 15 auto; lunch 13:00 60; break 16:00 15 авто');
    expect(parsed).toEqual({ ok: true, breaks: [{ status: 'break', start: '11:00', minutes: 15, auto: true }, { status: 'lunch', start: '13:00', minutes: 60 }, { status: 'break', start: '16:00', minutes: 15, auto: true }] });
    if (parsed.ok) expect(formatBreaks(parsed.breaks)).toBe('break 11:00 15 auto; lunch 13:00 60; break 16:00 15 auto');
    expect(parseBreaks('break 11:00 15 fixed').ok).toBe(false);
  });
});

describe('checkBreaks and a day off', () => {
  it('does not flag someone on vacation (or off, or sick) as late; someone with a shift who is missing is', () => {
    const o = office();
    // e004 James, e005 Maria and e008 Ekaterina work 09:00-18:00 on DATE in the demo; the first two are now away.
    const sheet = ss().getSheetByName('Schedule')!;
    const values = sheet.getRange(2, 1, sheet.getLastRow() - 1, 6).getValues();
    values.forEach((r, i) => {
      if (r[0] === DATE && (r[1] === 'e004' || r[1] === 'e005')) sheet.getRange(i + 2, 3, 1, 4).setValues([['', '', '', r[1] === 'e004' ? 'vacation' : 'б/л']]);
    });
    invalidateReferenceCache();
    o.moveTo(at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }]);
    runCheckBreaks(o.moveTo(at('09:30')));
    const late = o.rows('Violations').filter((v) => v.type === 'late_start').map((v) => v.employee_id);
    expect(late).toContain('e008');
    expect(late).not.toContain('e004');
    expect(late).not.toContain('e005');
  });
});
