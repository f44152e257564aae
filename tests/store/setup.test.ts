// setup(): creates the tabs, records versions, upgrades older tabs in place, and is idempotent.
import { describe, expect, it } from 'vitest';
import { installGasGlobals } from '../helpers/gas-globals.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { setup, DATETIME_FORMAT } from '../../appsscript/src/services/setup.ts';
import { TABS, TAB_ORDER } from '../../appsscript/src/store/schema.ts';
import { SetupRefused } from '../../appsscript/src/store/errors.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';
import { formatDate, sheetCalls } from './helpers.ts';
import { NAMES_HEADER, NAMES_TABS, namesFormula } from '../../appsscript/src/store/names-column.ts';

const ss = () => SpreadsheetApp.getActiveSpreadsheet();
const sheet = (name: string) => ss().getSheetByName(name)!;
const header = (name: string) => {
  const row = sheet(name).getRange(1, 1, 1, sheet(name).getLastColumn()).getValues()[0];
  while (row.length && row[row.length - 1] === '') row.pop();
  return row;
};

/** A workbook as an older version of the script left it: Devices v1 with rows, versions recorded. */
function olderWorkbook(o: { recordVersion: boolean }) {
  const world = installGasGlobals({ timeZone: 'Europe/Moscow' });
  const devices = ss().insertSheet('Devices');
  const rows = [
    ['device_id', 'employee_id', 'last_seq', 'last_seen'],
    ["'0042", 'e001', 17, new Date(1_790_000_000_000)],
    ['phone-anna', 'e001', 3, new Date(1_790_000_100_000)],
    ['', '', '', ''], // a blank row in the middle stays where it is
    ["'-7", "'007", 0, ''], // ids that look like numbers, never seen
  ];
  devices.getRange(1, 1, rows.length, 4).setValues(rows);
  if (o.recordVersion) {
    const settings = ss().insertSheet('Settings');
    settings.getRange(1, 1, 3, 2).setValues([['key', 'value'], ['schema.Devices', 1], ['timezone', 'Europe/Moscow']]);
  }
  world.newExecution();
  return world;
}

describe('setup on a new workbook', () => {
  it('creates every tab with its header, frozen, exactly as wide as the header (and its names column, or the Schedule\'s index cells), datetimes formatted', () => {
    installGasGlobals();
    const report = setup(gasSheetPort());
    expect(report.created).toEqual([...TAB_ORDER]);
    expect(report.migrated).toEqual([]);
    expect(report.nothingToDo).toBe(false);
    for (const tab of TAB_ORDER) {
      const spec = TABS[tab];
      const s = sheet(tab);
      const names = tab in NAMES_TABS ? [NAMES_HEADER] : [];
      expect(header(tab)).toEqual([...spec.columns.map((c) => c.name), ...names]);
      expect(s.getFrozenRows()).toBe(1);
      // The Schedule keeps two more: the cells of its row index and edit mark (store/schedule-rows.ts).
      expect(s.getMaxColumns()).toBe(spec.columns.length + names.length + (tab === 'Schedule' ? 2 : 0));
      if (tab in NAMES_TABS) expect(s.getRange(1, spec.columns.length + 1).getFormulas()[0][0]).toBe(namesFormula(tab as keyof typeof NAMES_TABS));
      spec.columns.forEach((c, i) => {
        const format = s.getRange(2, i + 1).getNumberFormat();
        if (c.type === 'datetime') expect(format).toBe(DATETIME_FORMAT);
        else expect(format).not.toBe(DATETIME_FORMAT);
      });
    }
    const settings = openTables(gasSheetPort(), { timeZone: 'Europe/Moscow', formatDate }).settings();
    for (const tab of TAB_ORDER) expect(settings.get(`schema.${tab}`)).toBe(String(TABS[tab].version));
  });

  it('a second run changes nothing and reports nothing to do', () => {
    const world = installGasGlobals();
    setup(gasSheetPort());
    const opsBefore = world.store.ops.length;
    world.newExecution();
    const again = setup(gasSheetPort());
    expect(again).toEqual({ created: [], migrated: [], adopted: [], tidied: [], names: [], namesBlocked: [], ok: [...TAB_ORDER], nothingToDo: true });
    expect(world.store.ops.length).toBe(opsBefore); // not one change was applied to the workbook
    const calls = sheetCalls(world.stats().calls);
    expect(calls['Range.setValues'] ?? 0).toBe(0);
    expect(calls['Sheet.deleteColumns'] ?? 0).toBe(0);
  });
});

describe('upgrading in place', () => {
  it('migrates Devices v1 -> v4 keeping every row and every value, last_at from last_seen, no write pending', () => {
    const world = olderWorkbook({ recordVersion: true });
    const report = setup(gasSheetPort());
    expect(report.migrated).toEqual([{ tab: 'Devices', from: 1, to: 4, rows: 4 }]);
    expect(report.created).toEqual(TAB_ORDER.filter((t) => t !== 'Devices' && t !== 'Settings'));
    // Settings had no version of its own recorded: adopted by its header, and trimmed to its two columns.
    expect(report.adopted).toEqual([{ tab: 'Settings', version: 1 }]);
    expect(report.tidied).toEqual([{ tab: 'Settings', columnsRemoved: 24 }]);
    expect(header('Devices')).toEqual(['device_id', 'employee_id', 'last_seq', 'last_seen', 'last_at', 'pending', 'backlog_count', 'backlog_oldest_at']);
    expect(sheet('Devices').getMaxColumns()).toBe(8);
    world.newExecution();
    const tables = openTables(gasSheetPort(), { timeZone: 'Europe/Moscow', formatDate });
    expect(tables.devices()).toEqual([
      { device_id: '0042', employee_id: 'e001', last_seq: 17, last_seen: 1_790_000_000_000, last_at: 1_790_000_000_000, pending: null, backlog_count: null, backlog_oldest_at: null },
      { device_id: 'phone-anna', employee_id: 'e001', last_seq: 3, last_seen: 1_790_000_100_000, last_at: 1_790_000_100_000, pending: null, backlog_count: null, backlog_oldest_at: null },
      { device_id: '-7', employee_id: '007', last_seq: 0, last_seen: null, last_at: null, pending: null, backlog_count: null, backlog_oldest_at: null },
    ]);
    expect(sheet('Devices').getRange(4, 1, 1, 8).getValues()[0]).toEqual(['', '', '', '', '', '', '', '']);
    const settings = tables.settings();
    expect(settings.get('schema.Devices')).toBe('4');
    expect(settings.get('timezone')).toBe('Europe/Moscow'); // other settings untouched
    world.newExecution();
    expect(setup(gasSheetPort()).nothingToDo).toBe(true);
  });

  it('adopts an older tab with no recorded version by its header, then migrates it', () => {
    olderWorkbook({ recordVersion: false });
    const report = setup(gasSheetPort());
    expect(report.migrated).toEqual([{ tab: 'Devices', from: 1, to: 4, rows: 4 }]);
    expect(report.created).toContain('Settings');
  });

  it('adopts a current-version tab made by hand, and trims its surplus columns', () => {
    const world = installGasGlobals();
    const log = ss().insertSheet('Log');
    log.getRange(1, 1, 1, 11).setValues([TABS.Log.columns.map((c) => c.name)]);
    log.getRange(2, 1, 1, 3).setValues([['x1', 'e001', 'work']]);
    world.newExecution();
    const report = setup(gasSheetPort());
    expect(report.adopted).toEqual([{ tab: 'Log', version: 1 }]);
    expect(report.tidied).toEqual([{ tab: 'Log', columnsRemoved: 15 }]);
    expect(sheet('Log').getMaxColumns()).toBe(11);
    expect(sheet('Log').getRange(2, 1, 1, 3).getValues()[0]).toEqual(['x1', 'e001', 'work']);
    world.newExecution();
    expect(setup(gasSheetPort()).nothingToDo).toBe(true);
  });

  it('keeps columns holding data to the right of the header when trimming', () => {
    installGasGlobals();
    setup(gasSheetPort());
    const groups = sheet('Groups');
    groups.insertColumnsAfter(5, 4);
    groups.getRange(1, 7).setValue('notes of the admin');
    const report = setup(gasSheetPort());
    expect(report.tidied).toEqual([{ tab: 'Groups', columnsRemoved: 2 }]);
    expect(groups.getMaxColumns()).toBe(7);
    expect(groups.getRange(1, 7).getValue()).toBe('notes of the admin');
  });

  it('stops on a header of no known version, naming the tab, and changes nothing', () => {
    const world = installGasGlobals();
    const devices = ss().insertSheet('Devices');
    devices.getRange(1, 1, 2, 3).setValues([['device', 'who', 'seq'], ['d1', 'e1', 4]]);
    world.newExecution();
    const before = world.store.ops.length;
    expect(() => setup(gasSheetPort())).toThrow(SetupRefused);
    expect(() => setup(gasSheetPort())).toThrow(/Devices.*device, who, seq.*Nothing was changed/);
    expect(world.store.ops.length).toBe(before);
    expect(ss().getSheetByName('Employees')).toBeNull();
  });

  it('refuses to migrate a tab with data right of its header', () => {
    const world = olderWorkbook({ recordVersion: true });
    sheet('Devices').getRange(2, 6).setValue('a note');
    world.newExecution();
    expect(() => setup(gasSheetPort())).toThrow(/Devices.*column 6/);
    expect(header('Devices')).toEqual(['device_id', 'employee_id', 'last_seq', 'last_seen']);
  });

  it('writes the header into a tab that exists but is empty', () => {
    installGasGlobals();
    ss().insertSheet('Audit');
    const report = setup(gasSheetPort());
    expect(report.created).toContain('Audit');
    expect(header('Audit')).toEqual(TABS.Audit.columns.map((c) => c.name));
    expect(sheet('Audit').getMaxColumns()).toBe(TABS.Audit.columns.length);
  });
});
