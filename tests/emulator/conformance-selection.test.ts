// Conformance of the active sheet and range: SpreadsheetApp.getActiveSheet / getActiveRange,
// Spreadsheet.getActiveSheet / getActiveRange and Sheet.getActiveRange over the selection the host keeps
// for each spreadsheet (emulator/host/selection.ts, set by the /admin page through /_dev/selection).
// References: developers.google.com/apps-script/reference/spreadsheet/{spreadsheet-app,spreadsheet,sheet,selection}:
// getActiveRange "Returns the selected range in the active sheet, or null if there is no active range";
// getActiveSheet: "The active sheet in a spreadsheet is the sheet that is being displayed in the spreadsheet UI."
import { describe, expect, it } from 'vitest';
import { spreadsheetHarness } from './helpers/spreadsheet-harness.ts';
import { clearSelection, selectionView, setSelection } from '../../emulator/host/selection.ts';

const MOSCOW_MIDNIGHT_2026_12_01 = Date.UTC(2026, 10, 30, 21, 0, 0);

/** Sheet1 first, then a Roster tab with a small grid (a date header, names, shifts). */
function setup() {
  const h = spreadsheetHarness();
  const ss = h.app.getActiveSpreadsheet();
  const roster = ss.insertSheet('Roster');
  roster.getRange('A1:C3').setValues([
    ['ФИО', new Date(MOSCOW_MIDNIGHT_2026_12_01), new Date(MOSCOW_MIDNIGHT_2026_12_01 + 86_400_000)],
    ['Иванова Анна', '9-18', 'В'],
    ['Carter James', 0.5, ''],
  ]);
  roster.getRange('B1:C1').setNumberFormat('dd.mm');
  roster.getRange('B3').setNumberFormat('hh:mm');
  return { ...h, ss, roster };
}

describe('with nothing selected', () => {
  it('the active sheet is the first tab and the active range its A1, never null', () => {
    // An open spreadsheet always has an active range (at least the cursor cell); a script run with no
    // window gets the leftmost tab and A1.
    const { app, ss } = setup();
    expect(app.getActiveSheet().getName()).toBe('Sheet1');
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    const range = app.getActiveRange();
    expect(range).not.toBeNull();
    expect([range.getA1Notation(), range.getSheet().getName(), range.getNumRows(), range.getNumColumns()]).toEqual(['A1', 'Sheet1', 1, 1]);
    expect(ss.getActiveRange()!.getA1Notation()).toBe('A1');
  });

  it('a script with no spreadsheet gets null', () => {
    const { execution } = setup();
    const { app } = execution({ activeSpreadsheetId: '' });
    expect(app.getActiveRange()).toBeNull();
    expect(app.getActiveSheet()).toBeNull();
  });
});

describe('with a selection', () => {
  it('getActiveRange is the selected rectangle of the selected tab, its display values as shown', () => {
    const h = setup();
    setSelection(h.deps, 'main', 'Roster', 'A1:C3');
    const { app } = h.execution({ kind: 'rpc' });
    const range = app.getActiveRange();
    expect(range.getA1Notation()).toBe('A1:C3');
    expect(range.getSheet().getName()).toBe('Roster');
    expect([range.getNumRows(), range.getNumColumns(), range.getRow(), range.getColumn()]).toEqual([3, 3, 1, 1]);
    expect(range.getDisplayValues()).toEqual([
      ['ФИО', '01.12', '02.12'],
      ['Иванова Анна', '9-18', 'В'],
      ['Carter James', '12:00', ''],
    ]);
    expect(app.getActiveSheet().getName()).toBe('Roster');
    expect(app.getActiveSpreadsheet().getActiveSheet().getName()).toBe('Roster');
    expect(app.getActiveSpreadsheet().getActiveRange()!.getA1Notation()).toBe('A1:C3');
  });

  it('a tab is found by its id too, and an open-ended range is closed by the grid', () => {
    const h = setup();
    const id = h.roster.getSheetId();
    expect(setSelection(h.deps, 'main', id, 'B2:C')).toMatchObject({ sheet: id, sheetName: 'Roster', a1: 'B2:C1000', rows: 999, cols: 2 });
    expect(h.execution().app.getActiveRange().getA1Notation()).toBe('B2:C1000');
  });

  it('Sheet.getActiveRange is the active sheet\'s range, whichever Sheet it is asked of', () => {
    // sheet#getActiveRange: "Returns the selected range in the active sheet".
    const h = setup();
    setSelection(h.deps, 'main', 'Roster', 'B2');
    const first = h.execution().app.getActiveSpreadsheet().getSheetByName('Sheet1')!;
    const range = first.getActiveRange()!;
    expect([range.getSheet().getName(), range.getA1Notation()]).toEqual(['Roster', 'B2']);
  });

  it('only executions with a person at the sheet see it: a web request or a trigger gets A1 of the first tab', () => {
    const h = setup();
    setSelection(h.deps, 'main', 'Roster', 'A1:C3');
    for (const kind of ['rpc', 'manual', 'simple'] as const) expect(h.execution({ kind }).app.getActiveRange().getA1Notation()).toBe('A1:C3');
    for (const kind of ['web', 'trigger'] as const) {
      const { app } = h.execution({ kind });
      expect([app.getActiveSheet().getName(), app.getActiveRange().getA1Notation()]).toEqual(['Sheet1', 'A1']);
    }
  });

  it('falls back to A1 when its tab is deleted or its rows are, and when cleared', () => {
    const h = setup();
    setSelection(h.deps, 'main', 'Roster', 'A990:B1000');
    h.roster.deleteRows(995, 6);
    expect(h.execution().app.getActiveRange().getA1Notation()).toBe('A1');
    expect(selectionView(h.deps, h.store.get('main')!)).toBeNull();
    setSelection(h.deps, 'main', 'Roster', 'A1:B2');
    h.ss.deleteSheet(h.roster);
    expect(h.execution().app.getActiveSheet().getName()).toBe('Sheet1');
    setSelection(h.deps, 'main', 'Sheet1', 'C3');
    clearSelection(h.deps, 'main');
    expect(h.execution().app.getActiveRange().getA1Notation()).toBe('A1');
  });

  it('refuses a tab, a spreadsheet or a range that is not there', () => {
    const h = setup();
    expect(() => setSelection(h.deps, 'main', 'Nope', 'A1')).toThrow('no such sheet: Nope');
    expect(() => setSelection(h.deps, 'other', 'Roster', 'A1')).toThrow('no such spreadsheet: other');
    expect(() => setSelection(h.deps, 'main', 'Roster', 'not a range')).toThrow('not a range of Roster');
    expect(() => setSelection(h.deps, 'main', 'Roster', "'Sheet1'!A1")).toThrow('not a range of Roster');
    expect(() => setSelection(h.deps, 'main', 'Roster', 'A1:AA1')).toThrow('outside Roster');
    expect(setSelection(h.deps, 'main', 'Roster', "'Roster'!b2:a1")).toMatchObject({ a1: 'A1:B2' });
  });
});

describe('accounting', () => {
  it('each call is counted, reads by their cells, and asking for the active range is one host round trip', () => {
    const h = setup();
    setSelection(h.deps, 'main', 'Roster', 'A1:C3');
    const { app, ctx } = h.execution();
    const before = h.hostCalls.length;
    const range = app.getActiveRange();
    expect(h.hostCalls.length - before).toBe(1);
    range.getDisplayValues();
    app.getActiveSheet().getActiveRange();
    app.getActiveSpreadsheet().getActiveRange();
    app.getActiveSpreadsheet().getActiveSheet();
    expect(ctx.meter.calls).toMatchObject({
      'SpreadsheetApp.getActiveRange': 1,
      'SpreadsheetApp.getActiveSheet': 1,
      'Sheet.getActiveRange': 1,
      'Spreadsheet.getActiveRange': 1,
      'Spreadsheet.getActiveSheet': 1,
      'Range.getDisplayValues': 1,
    });
    expect(ctx.meter.cellsRead).toBe(9);
  });
});
