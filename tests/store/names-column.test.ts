// The names column (store/names-column.ts): setup puts one formula in the header cell right of Current's,
// Violations' and Daily's columns; it shows each row's employee name from Employees, follows every write of
// the script (which never touches it), survives a second setup, comes back when deleted, never takes an
// admin's column, and moves right when an upgrade adds columns where it stood.
import { beforeEach, describe, expect, it } from 'vitest';
import { storeWorld, typeRows, type StoreWorld } from './helpers.ts';
import { installGasGlobals } from '../helpers/gas-globals.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { setup } from '../../appsscript/src/services/setup.ts';
import { TABS } from '../../appsscript/src/store/schema.ts';
import { SetupRefused } from '../../appsscript/src/store/errors.ts';
import { NAMES_HEADER, namesColumn, namesFormula } from '../../appsscript/src/store/names-column.ts';
import type { CurrentRow } from '../../appsscript/src/domain/model.ts';

const AT = Date.UTC(2026, 10, 24, 7, 0, 0);

const current = (employee_id: string): CurrentRow => ({
  employee_id, status: 'work', since: AT, last_seen: AT, device_id: `dev-${employee_id}`, day: '2026-11-24', timeline: [], violations: null, last_write: '',
});

const violation = (id: string, employee_id: string) => ({
  id, date: '2026-11-24', employee_id, type: 'break_overrun', planned: 'break 15', actual: 'break 22', over_minutes: 7, detected_at: AT,
  alert_id: `a-${id}`, resolution: 'open', resolved_by: '', note: '',
});

/** Column `column` of a tab from row 1 down to `rows`, as getValues reads it. */
function column(w: StoreWorld, tab: string, col: number, rows: number): unknown[] {
  return w.sheet(tab).getRange(1, col, rows, 1).getValues().map((r) => r[0]);
}

function people(w: StoreWorld): void {
  // An id typed as a number by an admin still finds the script's text "7".
  typeRows(w.sheet('Employees'), [
    ['e001', 'anna@example.com', 'Анна Иванова', 'support', 'employee', '', '', 0, true],
    ['e002', 'boris@example.com', 'Boris Petrov', 'support', 'employee', '', '', 0, true],
    ['7', 'seven@example.com', 'Седьмой', 'support', 'employee', '', '', 0, true],
  ]);
}

describe('the names column beside the script\'s columns', () => {
  let w: StoreWorld;
  beforeEach(() => {
    w = storeWorld();
    people(w);
  });

  it('shows each row\'s name beside Current\'s ids, and follows a rewrite of Current to fewer rows', () => {
    const col = namesColumn('Current');
    w.open().tables.saveCurrent([current('e001'), current('zzz'), current('7'), current('e002')]);
    w.world.newExecution();
    expect(column(w, 'Current', col, 6)).toEqual([NAMES_HEADER, 'Анна Иванова', '', 'Седьмой', 'Boris Petrov', '']);
    // The script still reads the tab (its header check allows the column to the right) and sees 4 rows.
    expect(w.open().tables.current().map((r) => r.employee_id)).toEqual(['e001', 'zzz', '7', 'e002']);

    w.world.newExecution();
    const { tables } = w.open();
    tables.current();
    tables.saveCurrent([current('e002')]);
    w.world.newExecution();
    expect(column(w, 'Current', col, 4)).toEqual([NAMES_HEADER, 'Boris Petrov', '', '']);
    // Nothing of the column is stored below the header: the script's writes never touched it.
    expect(w.sheet('Current').getRange(2, col, 3, 1).getFormulas()).toEqual([[''], [''], ['']]);
    // The blanked rows and the column hold nothing below the data: the last row is the data's.
    expect(w.sheet('Current').getLastRow()).toBe(2);
  });

  it('appends land right below the data, and each new row of Violations and Daily gets its name', () => {
    const { tables, port } = w.open();
    tables.appendRecords('Violations', [violation('v1', 'e002')]);
    tables.appendRecords('Violations', [violation('v2', 'e001'), violation('v3', 'nobody')]);
    tables.appendRecords('Daily', [{ date: '2026-11-23', employee_id: 'e001', scheduled_min: 480, worked_min: 470, break_min: 30, lunch_min: 60, other_min: 0, adherence_pct: 97, conformance_pct: 98, violations: 1, first_in: AT, last_out: AT }]);
    w.world.newExecution();
    expect(port.lastRow('Violations')).toBe(4);
    expect(column(w, 'Violations', namesColumn('Violations'), 5)).toEqual([NAMES_HEADER, 'Boris Petrov', 'Анна Иванова', '', '']);
    expect(column(w, 'Daily', namesColumn('Daily'), 3)).toEqual([NAMES_HEADER, 'Анна Иванова', '']);
    // A name changed in Employees shows at once: nothing was copied.
    w.sheet('Employees').getRange('C3').setValue('Борис Петров');
    expect(column(w, 'Violations', namesColumn('Violations'), 2)).toEqual([NAMES_HEADER, 'Борис Петров']);
  });

  it('a second setup changes nothing; a deleted names column comes back on the next one', () => {
    const opsBefore = w.world.store.ops.length;
    const again = setup(gasSheetPort());
    expect(again.nothingToDo).toBe(true);
    expect(again.names).toEqual([]);
    expect(w.world.store.ops.length).toBe(opsBefore);

    w.sheet('Violations').getRange(1, namesColumn('Violations')).clearContent();
    w.world.newExecution();
    const back = setup(gasSheetPort());
    expect(back.names).toEqual([{ tab: 'Violations', column: namesColumn('Violations'), change: 'added' }]);
    expect(back.nothingToDo).toBe(false);
    expect(w.sheet('Violations').getRange(1, namesColumn('Violations')).getFormulas()).toEqual([[namesFormula('Violations')]]);
  });

  it('never writes over a column of the admin\'s: the tab is left without one and setup says so', () => {
    const col = namesColumn('Daily');
    const daily = w.sheet('Daily');
    daily.getRange(1, col).clearContent();
    daily.getRange(1, col, 2, 1).setValues([['my note'], ['keep me']]);
    w.world.newExecution();
    const report = setup(gasSheetPort());
    expect(report.namesBlocked).toEqual([{ tab: 'Daily', column: col }]);
    expect(report.names).toEqual([]);
    expect(daily.getRange(1, col, 2, 1).getValues()).toEqual([['my note'], ['keep me']]);
    expect(daily.getRange(1, col, 2, 1).getFormulas()).toEqual([[''], ['']]);
  });

  it('an older names formula gets the current text in place', () => {
    const col = namesColumn('Current');
    w.sheet('Current').getRange(1, col).setFormula(`={"${NAMES_HEADER}"; ARRAYFORMULA(IFERROR(VLOOKUP(A2:A, Employees!A:C, 3, FALSE), ""))}`);
    w.world.newExecution();
    const report = setup(gasSheetPort());
    expect(report.names).toEqual([{ tab: 'Current', column: col, change: 'updated' }]);
    expect(w.sheet('Current').getRange(1, col).getFormulas()).toEqual([[namesFormula('Current')]]);
  });

  it('a value typed into the column blocks its spill: #REF! in the header, the script\'s reads and writes unaffected', () => {
    w.open().tables.saveCurrent([current('e001'), current('e002')]);
    w.sheet('Current').getRange(3, namesColumn('Current')).setValue('typed by hand');
    w.world.newExecution();
    expect(column(w, 'Current', namesColumn('Current'), 3)).toEqual(['#REF!', '', 'typed by hand']);
    expect(w.open().tables.current()).toHaveLength(2);
  });
});

describe('upgrading a tab that has the names column', () => {
  const v2Header = ['employee_id', 'status', 'since', 'last_seen', 'device_id', 'day', 'timeline', 'violations'];

  /** Current v2 with rows and the names formula right of its 8 columns, as setup of that version left it. */
  function currentV2(o: { adminColumn?: boolean } = {}) {
    const world = installGasGlobals({ timeZone: 'Europe/Moscow' });
    setup(gasSheetPort());
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    ss.deleteSheet(ss.getSheetByName('Current')!);
    const tab = ss.insertSheet('Current');
    tab.getRange(1, 1, 3, 8).setValues([v2Header, ["'e001", 'work', new Date(AT), new Date(AT), 'dev-a', "'2026-11-24", "'[]", "'"], ["'e002", 'break', new Date(AT), new Date(AT), 'dev-b', "'2026-11-24", "'[]", "'"]]);
    tab.getRange(1, 9).setFormula(namesFormula('Current'));
    if (o.adminColumn) tab.getRange(1, 10).setValue('my column');
    const settings = ss.getSheetByName('Settings')!;
    const keys = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().map((r) => r[0]);
    settings.getRange(keys.indexOf('schema.Current') + 1, 2).setValue(2);
    typeRows(ss.getSheetByName('Employees')!, [
      ['e001', 'anna@example.com', 'Анна Иванова', 'support', 'employee', '', '', 0, true],
      ['e002', 'boris@example.com', 'Boris Petrov', 'support', 'employee', '', '', 0, true],
    ]);
    world.newExecution();
    return { world, tab };
  }

  it('migrates over it and puts it back right of the new columns, names and rows intact', () => {
    const { tab } = currentV2();
    expect(tab.getRange(1, 9, 3, 1).getValues()).toEqual([[NAMES_HEADER], ['Анна Иванова'], ['Boris Petrov']]);
    const report = setup(gasSheetPort());
    expect(report.migrated).toEqual([{ tab: 'Current', from: 2, to: TABS.Current.version, rows: 2 }]);
    const col = namesColumn('Current');
    expect(report.names).toEqual([{ tab: 'Current', column: col, change: 'moved' }]);
    const width = TABS.Current.columns.length;
    expect(tab.getRange(1, 1, 1, width + 1).getValues()[0]).toEqual([...TABS.Current.columns.map((c) => c.name), NAMES_HEADER]);
    expect(tab.getRange(1, col, 3, 1).getValues()).toEqual([[NAMES_HEADER], ['Анна Иванова'], ['Boris Petrov']]);
    expect(tab.getRange(1, 1, 1, width + 1).getFormulas()[0].filter(Boolean)).toEqual([namesFormula('Current')]);
    expect(tab.getMaxColumns()).toBe(width + 1);
    expect(setup(gasSheetPort()).nothingToDo).toBe(true);
  });

  it('still refuses when an admin\'s column stands right of it, and changes nothing', () => {
    const { world } = currentV2({ adminColumn: true });
    const opsBefore = world.store.ops.length;
    expect(() => setup(gasSheetPort())).toThrow(SetupRefused);
    expect(world.store.ops.length).toBe(opsBefore);
  });
});
