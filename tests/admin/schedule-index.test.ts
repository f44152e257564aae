// The schedule ops read only their dates through the Schedule's row index: what they read with a year of
// shifts in the tab is what they read with a month; they keep the index (a claim before each write), they
// fall back to the whole tab when it cannot be trusted and leave a good index behind them, and a save or an
// import cut after any service call is still saved exactly once with the index right.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATE, OWNER, rid, type AdminOffice } from './helpers.ts';
import { scheduleOffice } from './schedule-office.ts';
import { costOf, cutEverywhere, SHEET_CALL_BUDGET } from './budget.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { encodeRecord } from '../../appsscript/src/store/records.ts';
import { TABS } from '../../appsscript/src/store/schema.ts';
import { addDays } from '../../appsscript/src/domain/calendar.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';
import { INDEX_COLUMN, rebuildScheduleIndex, readSchedule } from '../../appsscript/src/store/schedule-rows.ts';
import { decodeIndex, UNDATED } from '../../appsscript/src/store/schedule-index.ts';
import type { AdminOp, AdminPayload } from '../../common/admin-api.ts';

const ZONE = 'Europe/Moscow';
const ctx = { formatDate: (ms: number, p: string) => Utilities.formatDate(new Date(ms), ZONE, p) };

afterEach(() => {
  vi.useRealTimers();
});

/**
 * The demo office with `days` of everyone's shifts before the demo week, in date order above it (as a year
 * of imports leaves the tab), the grid the data plus spare rows, and the index built.
 */
function officeWithHistory(days: number, o: { index?: boolean } = {}): AdminOffice {
  return addHistory(scheduleOffice(), days, o);
}

function addHistory(office: AdminOffice, days: number, o: { index?: boolean } = {}): AdminOffice {
  office.world.newExecution({ activeUser: OWNER });
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Schedule')!;
  const demo = sheet.getRange(2, 1, sheet.getLastRow() - 1, 6).getValues();
  const ids = Array.from({ length: 30 }, (_, i) => `e${String(i + 1).padStart(3, '0')}`);
  const history: unknown[][] = [];
  for (let d = days; d >= 1; d--) {
    const date = addDays(DATE, -d);
    for (const id of ids) history.push(encodeRecord(TABS.Schedule, { date, employee_id: id, shift_start: '09:00', shift_end: '18:00', breaks: 'lunch 13:00 60', day: '' }));
  }
  const rows = [...history, ...demo.map((r) => r.map((c) => (typeof c === 'string' && c !== '' ? `'${c}` : c)))];
  const need = rows.length + 1 + 40;
  if (sheet.getMaxRows() < need) sheet.insertRowsAfter(sheet.getMaxRows(), need - sheet.getMaxRows());
  sheet.getRange(2, 1, rows.length, 6).setValues(rows as string[][]);
  if (sheet.getMaxRows() > need) sheet.deleteRows(need + 1, sheet.getMaxRows() - need);
  if (o.index !== false) {
    office.world.newExecution({ activeUser: OWNER });
    rebuildScheduleIndex(gasSheetPort(), ctx);
  }
  office.world.newExecution({ activeUser: OWNER });
  return office;
}

const indexOf = (o: AdminOffice) => {
  o.world.newExecution({ activeUser: OWNER });
  return decodeIndex(String(SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Schedule')!.getRange(1, INDEX_COLUMN).getValue()));
};

/** The tab read whole against a read of every date through the index: the same rows, the index trusted. */
function expectIndexRight(o: AdminOffice): void {
  o.world.newExecution({ activeUser: OWNER });
  const port = gasSheetPort();
  const through = readSchedule(port, ctx, (c) => c !== UNDATED);
  expect(through.fallback, 'the index is trusted').toBeNull();
  o.world.newExecution({ activeUser: OWNER });
  const whole = openTables(gasSheetPort(), { timeZone: ZONE, formatDate: ctx.formatDate }).schedule();
  const dated = new Set(whole.sheetRows);
  for (const row of dated) expect(through.cells.has(row), `row ${row} read through the index`).toBe(true);
}

const GRID = [['ФИО', '01.12.2026', '02.12.2026', '03.12.2026'], ['Иванова Анна', '9-18', '9-18', 'В'], ['Carter James', '10-19', 'Б', '9-18'], ['Кузнецова Мария', '9-18', '', 'О']];

/** The version of a person's day as the editor shows it (a save of a filled day sends it). */
function versionOf(o: AdminOffice, employee: string, date: string): string {
  const r = o.ok(OWNER, 'schedule.get', { from: date, to: date });
  return r.cells.find((c) => c.employee_id === employee && c.date === date)?.version ?? r.empty_version;
}

const OPS: { name: string; op: AdminOp; payload: (o: AdminOffice) => AdminPayload<AdminOp> }[] = [
  { name: "the editor's read of a week", op: 'schedule.get', payload: () => ({ from: DATE, to: addDays(DATE, 6) }) },
  { name: 'a save of an existing day', op: 'schedule.save', payload: (o) => ({ changes: [{ employee_id: 'e004', date: DATE, kind: 'off', version: versionOf(o, 'e004', DATE) }], request_id: rid() }) },
  { name: 'a save of a new day', op: 'schedule.save', payload: () => ({ changes: [{ employee_id: 'e004', date: '2026-12-02', kind: 'sick' }], request_id: rid() }) },
  { name: 'a preview of a grid', op: 'schedule.import.preview', payload: () => ({ rows: GRID }) },
  { name: 'an import of a grid', op: 'schedule.import.commit', payload: () => ({ rows: GRID, mode: 'valid_only', request_id: rid() }) },
  { name: "a plan of a day's breaks", op: 'schedule.plan', payload: () => ({ from: addDays(DATE, 1), to: addDays(DATE, 1), commit: true, request_id: rid() }) },
];

describe('schedule ops read only their dates', () => {
  it('read the same cells and make the same calls with a year of shifts in the tab as with a month', () => {
    const month = officeWithHistory(31);
    const year = officeWithHistory(365);
    const whole = officeWithHistory(365, { index: false });
    for (const { name, op, payload } of OPS) {
      const a = costOf(month, op, payload(month));
      const b = costOf(year, op, payload(year));
      expect(a.ok && b.ok, name).toBe(true);
      expect(b.cellsRead, `${name}: cells read`).toBe(a.cellsRead);
      expect(b.sheetCalls, `${name}: sheet calls`).toBe(a.sheetCalls);
      expect(a.sheetCalls, `${name}: sheet calls`).toBeLessThanOrEqual(SHEET_CALL_BUDGET);
    }
    // Without an index the editor's read reads the whole year.
    expect(costOf(whole, OPS[0].op, OPS[0].payload(whole)).cellsRead).toBeGreaterThan(365 * 30 * 6);
    for (const o of [month, year]) expectIndexRight(o);
  });

  it('leave the index right after every kind of write: new days, cleared days, a day on two rows', () => {
    const o = officeWithHistory(60);
    o.ok(OWNER, 'schedule.import.commit', { rows: GRID, mode: 'valid_only', request_id: rid() });
    expectIndexRight(o);
    o.ok(OWNER, 'schedule.save', { changes: [{ employee_id: 'e001', date: '2026-12-01', kind: 'clear', version: versionOf(o, 'e001', '2026-12-01') }, { employee_id: 'e002', date: '2026-12-01', kind: 'shift', start: '09:00', end: '18:00' }], request_id: rid() });
    expectIndexRight(o);
    // A second row for e003's day, typed by another script at the bottom (no onEdit): the next save sees it.
    o.world.newExecution({ activeUser: OWNER });
    SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Schedule')!.appendRow([DATE, 'e003', '10:00', '19:00', '', '']);
    const r = o.ok(OWNER, 'schedule.save', { changes: [{ employee_id: 'e003', date: DATE, kind: 'off', version: versionOf(o, 'e003', DATE) }], request_id: rid() });
    expect(r.written).toBe(1);
    expect(o.rows('Schedule').filter((x) => x.employee_id === 'e003' && x.date === DATE)).toEqual([expect.objectContaining({ day: 'off' })]);
    expectIndexRight(o);
    // An old day changed together with a new one: the write spans rows not read, which are read first.
    const old = addDays(DATE, -40);
    const w = o.ok(OWNER, 'schedule.save', { changes: [{ employee_id: 'e005', date: old, kind: 'vacation', version: versionOf(o, 'e005', old) }, { employee_id: 'e005', date: '2026-12-20', kind: 'off' }], request_id: rid() });
    expect(w.written).toBe(2);
    expect(o.rows('Schedule').filter((x) => x.employee_id === 'e005' && (x.date === old || x.date === '2026-12-20')).map((x) => x.day)).toEqual(['vacation', 'off']);
    expectIndexRight(o);
  });

  it('a save with no index reads the whole tab once and leaves an index; the next save reads only its dates', () => {
    const o = officeWithHistory(120, { index: false });
    expect(indexOf(o)).toBeNull();
    const first = costOf(o, 'schedule.save', { changes: [{ employee_id: 'e004', date: '2026-12-03', kind: 'off' }], request_id: rid() });
    expect(first.cellsRead).toBeGreaterThan(120 * 30 * 6);
    expect(indexOf(o)).not.toBeNull();
    const next = costOf(o, 'schedule.save', { changes: [{ employee_id: 'e005', date: '2026-12-03', kind: 'off' }], request_id: rid() });
    expect(next.cellsRead).toBeLessThan(3_000);
    expectIndexRight(o);
  });
});

describe('cut after any service call, with the index in use', () => {
  const history = (o: AdminOffice) => void addHistory(o, 20);

  it('schedule.save: every day once, one Audit row, the index right', () => {
    // Every office starts from the same rows, so the versions read here are the ones each cut try sees.
    const read = officeWithHistory(20).ok(OWNER, 'schedule.get', { from: addDays(DATE, -3), to: '2026-12-05' });
    const version = (e: string, d: string) => read.cells.find((c) => c.employee_id === e && c.date === d)?.version ?? read.empty_version;
    const payload: AdminPayload<'schedule.save'> = {
      changes: [
        { employee_id: 'e001', date: DATE, kind: 'shift', start: '10:00', end: '19:00', version: version('e001', DATE) },
        { employee_id: 'e004', date: '2026-12-05', kind: 'sick', version: version('e004', '2026-12-05') },
        { employee_id: 'e005', date: addDays(DATE, -3), kind: 'clear', version: version('e005', addDays(DATE, -3)) },
      ],
      request_id: 'save-index-cut',
    };
    const cuts = cutEverywhere('schedule.save', payload, (o) => {
      const rows = o.rows('Schedule');
      expect(rows.filter((r) => r.employee_id === 'e001' && r.date === DATE)).toEqual([expect.objectContaining({ shift_start: '10:00' })]);
      expect(rows.filter((r) => r.employee_id === 'e004' && r.date === '2026-12-05')).toEqual([expect.objectContaining({ day: 'sick' })]);
      expect(rows.filter((r) => r.employee_id === 'e005' && r.date === addDays(DATE, -3))).toEqual([]);
      expect(o.rows('Audit').filter((a) => a.request_id === 'save-index-cut')).toHaveLength(1);
      expectIndexRight(o);
    }, history);
    expect(cuts).toBeGreaterThan(4);
  });

  it('schedule.import.commit: every day once, one Audit row, the index right', () => {
    const cuts = cutEverywhere('schedule.import.commit', { rows: GRID, mode: 'valid_only', request_id: 'import-index-cut' }, (o) => {
      const december = o.rows('Schedule').filter((r) => String(r.date).startsWith('2026-12'));
      const keys = december.map((r) => `${r.employee_id} ${r.date}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.sort()).toEqual(['e001 2026-12-01', 'e001 2026-12-02', 'e001 2026-12-03', 'e004 2026-12-01', 'e004 2026-12-02', 'e004 2026-12-03', 'e005 2026-12-01', 'e005 2026-12-03']);
      expect(o.rows('Audit').filter((a) => a.request_id === 'import-index-cut')).toHaveLength(1);
      expectIndexRight(o);
    }, history);
    expect(cuts).toBeGreaterThan(4);
  });
});
