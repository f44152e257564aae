// schedule.selection through adminRpc: the cells selected in a tab (set on the runtime's host, as the /admin
// page sets them) as the roster grid, read as displayed, trimmed, refused when they cannot be a roster,
// and the same preview as the same grid pasted. Read only, within the ops' budget.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPLOYEE, LEAD, OWNER, type AdminOffice } from './helpers.ts';
import { scheduleOffice } from './schedule-office.ts';
import { expectWithinBudget } from './budget.ts';
import { setSelection } from '../../emulator/host/selection.ts';

const MOSCOW_MIDNIGHT_2026_12_01 = Date.UTC(2026, 10, 30, 21, 0);
const day = (n: number) => new Date(MOSCOW_MIDNIGHT_2026_12_01 + (n - 1) * 86_400_000);

/** The roster as the tab holds it: real date cells shown as dd.mm, text elsewhere (as a planner types it). */
const ROSTER: unknown[][] = [
  ['График на декабрь 2026', '', '', '', ''],
  ['ФИО', day(1), day(2), day(3), day(4)],
  ['', 'вт', 'ср', 'чт', 'пт'],
  ['Иванова Анна', '9-18', '9-18', 'В', 'О'],
  ['Carter James', '10:00–19:00', 'Б', '21-09', 'В'],
  ['Петрв Дмитрий', '9-18', '9-18', '9-18', '9-18'],
  ['Кузнецова Мария', '9-18', '9-25', '', '8:30-17:30'],
];
/** The same grid as a copy from Sheets pastes it. */
const PASTED = [
  ['График на декабрь 2026', '', '', '', ''],
  ['ФИО', '01.12', '02.12', '03.12', '04.12'],
  ['', 'вт', 'ср', 'чт', 'пт'],
  ['Иванова Анна', '9-18', '9-18', 'В', 'О'],
  ['Carter James', '10:00–19:00', 'Б', '21-09', 'В'],
  ['Петрв Дмитрий', '9-18', '9-18', '9-18', '9-18'],
  ['Кузнецова Мария', '9-18', '9-25', '', '8:30-17:30'],
];

/** A "Roster" tab at the end, the grid put at B3 (so the selection's cells are not the tab's first). */
function addRoster(o: AdminOffice, at = 'B3:F9', grid: unknown[][] = ROSTER): GoogleAppsScript.Spreadsheet.Sheet {
  o.world.newExecution({ activeUser: OWNER });
  const tab = SpreadsheetApp.getActiveSpreadsheet().insertSheet('Roster');
  const range = tab.getRange(at);
  // Text as typed stays text (`9-18` would otherwise read as a date); the date row keeps its Dates.
  range.setNumberFormat('@');
  range.setValues(grid);
  tab.getRange(range.getRow() + 1, range.getColumn() + 1, 1, range.getNumColumns() - 1).setNumberFormat('dd.mm');
  return tab;
}

const select = (o: AdminOffice, tab: string, a1: string) => setSelection(o.world.deps, 'main', tab, a1);

function refusal(o: AdminOffice, as = OWNER) {
  const r = o.rpc(as, 'schedule.selection', {});
  if (r.ok) throw new Error('schedule.selection went through');
  return r.error;
}

let office: AdminOffice;
beforeEach(() => {
  office = scheduleOffice();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('schedule.selection', () => {
  it('answers the selected cells as displayed, and they preview as the same grid pasted', () => {
    addRoster(office);
    select(office, 'Roster', 'B3:F9');
    const got = office.ok(OWNER, 'schedule.selection', {});
    expect(got).toEqual({ ok: true, tab: 'Roster', a1: 'B3:F9', rows: PASTED });
    const fromSelection = office.ok(OWNER, 'schedule.import.preview', { rows: got.rows });
    const fromPaste = office.ok(OWNER, 'schedule.import.preview', { rows: PASTED });
    expect(fromSelection).toEqual(fromPaste);
    expect(fromSelection.dates.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(fromSelection.people.map((p) => p.employee_id)).toEqual(['e001', 'e004', null, 'e005']);
  });

  it('reads whole columns as their filled part, keeping the blank rows and columns before it', () => {
    addRoster(office);
    select(office, 'Roster', 'A:H');
    const got = office.ok(OWNER, 'schedule.selection', {});
    expect(got.a1).toBe('A1:H1000');
    expect(got.rows).toHaveLength(9);
    expect(got.rows[0]).toEqual(['', '', '', '', '', '']);
    expect(got.rows[3]).toEqual(['', 'ФИО', '01.12', '02.12', '03.12', '04.12']);
  });

  it('refuses a single cell: the cursor where nothing was selected, or a tab just clicked', () => {
    addRoster(office);
    const none = refusal(office);
    expect(none.code).toBe('bad_request');
    expect(none.message).toBe("Select the roster's cells in a tab first / Сначала выделите ячейки графика на листе");
    expect(none.details).toMatchObject({ reason: 'single_cell', a1: 'A1' });
    select(office, 'Roster', 'A1');
    expect(refusal(office).details).toEqual({ reason: 'single_cell', tab: 'Roster', a1: 'A1' });
  });

  it("refuses cells of the product's own tabs", () => {
    select(office, 'Schedule', 'A1:E20');
    const e = refusal(office);
    expect(e.code).toBe('bad_request');
    expect(e.message).toContain("Select the roster's cells in a tab first: Schedule is one of WorkTimeTracker's own tabs");
    expect(e.message).toContain('Сначала выделите ячейки графика на листе');
    expect(e.details).toEqual({ reason: 'own_tab', tab: 'Schedule', a1: 'A1:E20' });
  });

  it("refuses more than the import's limits before reading a cell", () => {
    const tab = addRoster(office);
    tab.insertColumnsAfter(26, 380);
    select(office, 'Roster', 'A1:OP3');
    const e = refusal(office);
    expect(e.details).toMatchObject({ reason: 'too_big', rows: 3, columns: 406 });
    expect(e.message).toContain('at most 1000 rows and 400 columns');
    expect(office.world.stats().calls['Range.getDisplayValues']).toBeUndefined();
    tab.insertRowsAfter(1000, 1);
    select(office, 'Roster', 'A1:B1001');
    expect(refusal(office).details).toMatchObject({ reason: 'too_big', rows: 1001, columns: 2 });
  });

  it('refuses blank cells and a cell too long for a roster, naming the cell', () => {
    const tab = addRoster(office);
    select(office, 'Roster', 'H1:J5');
    expect(refusal(office).details).toMatchObject({ reason: 'empty' });
    office.world.newExecution({ activeUser: OWNER });
    tab.getRange('D7').setValue('x'.repeat(201));
    select(office, 'Roster', 'B3:F9');
    const e = refusal(office);
    expect(e.details).toMatchObject({ reason: 'long_cell', cell: 'D7' });
    expect(e.message).toContain('Cell D7 holds more than 200 characters');
  });

  it('is for admins and leads, and writes nothing', () => {
    addRoster(office);
    select(office, 'Roster', 'B3:F9');
    const audit = office.rows('Audit').length;
    expect(office.ok(LEAD, 'schedule.selection', {}).rows).toEqual(PASTED);
    expect(office.rpc(EMPLOYEE, 'schedule.selection', {}).ok).toBe(false);
    expect(office.rows('Audit')).toHaveLength(audit);
    expect(office.rpc(OWNER, 'schedule.selection', { extra: 1 } as never).ok).toBe(false);
  });
});

describe("schedule.selection's cost", () => {
  it('is within the ops\' budget and reads the same however long Log grows', () => {
    vi.useRealTimers();
    expectWithinBudget('schedule.selection', () => ({}), (o) => {
      addRoster(o);
      select(o, 'Roster', 'B3:F9');
    });
  });
});
