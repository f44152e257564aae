// Conformance of the emulated SpreadsheetApp with Apps Script's documented behaviour.
// References: developers.google.com/apps-script/reference/spreadsheet/{spreadsheet-app,spreadsheet,sheet,range};
// exact error texts are the ones Apps Script prints (quoted in public issue threads, cited per test).
import { describe, expect, it } from 'vitest';
import { spreadsheetHarness } from './helpers/spreadsheet-harness.ts';

const MOSCOW_MIDNIGHT_2026_11_24 = Date.UTC(2026, 10, 23, 21, 0, 0); // 2026-11-24 00:00 +03:00

function setup() {
  const h = spreadsheetHarness();
  const ss = h.app.getActiveSpreadsheet();
  const sheet = ss.getSheetByName('Sheet1')!;
  return { ...h, ss, sheet };
}

describe('SpreadsheetApp', () => {
  it('getActiveSpreadsheet / getActive return the bound spreadsheet', () => {
    const { app } = setup();
    expect(app.getActiveSpreadsheet().getId()).toBe('main');
    expect(app.getActive().getId()).toBe('main');
  });

  it('getActiveSpreadsheet returns null for a script with no container', () => {
    // spreadsheet-app#getActiveSpreadsheet: "returns the currently active spreadsheet, or null if there is none"
    const { execution } = spreadsheetHarness();
    expect(execution({ activeSpreadsheetId: '' }).app.getActiveSpreadsheet()).toBeNull();
  });

  it('openById opens a known spreadsheet and fails with Apps Script\'s message for an unknown id', () => {
    // Apps Script: "Unexpected error while getting the method or property openById on object SpreadsheetApp."
    const { app } = setup();
    expect(app.openById('main').getName()).toBe('WorkTimeTracker');
    expect(() => app.openById('no-such-id')).toThrow('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
  });

  it('create(name) makes a new spreadsheet with one sheet "Sheet1" of 1000 x 26', () => {
    // spreadsheet-app#create(name): "Creates a new spreadsheet with the given name."
    const { app } = setup();
    const created = app.create('WTT Archive 2026-11');
    expect(created.getId()).not.toBe('main');
    expect(created.getName()).toBe('WTT Archive 2026-11');
    const sheets = created.getSheets();
    expect(sheets.map((s) => s.getName())).toEqual(['Sheet1']);
    expect([sheets[0].getMaxRows(), sheets[0].getMaxColumns()]).toEqual([1000, 26]);
    expect(app.openById(created.getId()).getName()).toBe('WTT Archive 2026-11');
  });

  it('create(name, rows, columns) sizes the first sheet', () => {
    // spreadsheet-app#create(name,rows,columns): "Creates a new spreadsheet with the given name and the specified number of rows and columns."
    const { app } = setup();
    const sheet = app.create('Small', 10, 3).getSheets()[0];
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([10, 3]);
  });

  it('flush is a counted call that changes nothing (writes are immediate)', () => {
    // spreadsheet-app#flush: "Applies all pending Spreadsheet changes."
    const { app, sheet, meter } = setup();
    sheet.getRange('A1').setValue(1);
    app.flush();
    expect(meter.calls['SpreadsheetApp.flush']).toBe(1);
    expect(sheet.getRange('A1').getValue()).toBe(1);
  });
});

describe('Spreadsheet', () => {
  it('getName, rename, getUrl, getSpreadsheetTimeZone', () => {
    // spreadsheet#rename: "Renames the document."; #getSpreadsheetTimeZone: "Gets the time zone for the spreadsheet."
    const { ss } = setup();
    ss.rename('Tracker');
    expect(ss.getName()).toBe('Tracker');
    expect(ss.getUrl()).toBe('https://docs.google.com/spreadsheets/d/main/edit');
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Moscow');
  });

  it('getSheetByName returns null when there is no sheet of that name', () => {
    // spreadsheet#getSheetByName: "Returns null if there is no sheet with the given name."
    const { ss } = setup();
    expect(ss.getSheetByName('Log')).toBeNull();
  });

  it('insertSheet(name) appends a 1000 x 26 sheet; insertSheet(name, index) puts it at a 0-based index', () => {
    // spreadsheet#insertSheet(sheetName, sheetIndex): "To insert a sheet as the first one in the spreadsheet, set it to 0."
    const { ss } = setup();
    const log = ss.insertSheet('Log');
    expect([log.getMaxRows(), log.getMaxColumns()]).toEqual([1000, 26]);
    ss.insertSheet('Settings', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Settings', 'Sheet1', 'Log']);
    // sheet#getIndex: "Gets the position of the sheet in its parent spreadsheet. Starts at 1."
    expect(log.getIndex()).toBe(3);
  });

  it('insertSheet() without a name picks the next free "SheetN"', () => {
    const { ss } = setup();
    expect(ss.insertSheet().getName()).toBe('Sheet2');
  });

  it('insertSheet with an existing name fails with Sheets\' message (names compare without case)', () => {
    const { ss } = setup();
    ss.insertSheet('Log');
    expect(() => ss.insertSheet('Log')).toThrow('A sheet with the name "Log" already exists. Please enter another name.');
    expect(() => ss.insertSheet('log')).toThrow('A sheet with the name "log" already exists. Please enter another name.');
  });

  it('deleteSheet removes the sheet, but never the last one', () => {
    // Apps Script: "You can't remove all the sheets in a document."
    const { ss, sheet } = setup();
    const log = ss.insertSheet('Log');
    ss.deleteSheet(log);
    expect(ss.getSheetByName('Log')).toBeNull();
    expect(() => ss.deleteSheet(sheet)).toThrow("You can't remove all the sheets in a document.");
  });

  it('getSheetById finds a sheet by Sheet.getSheetId, null otherwise', () => {
    const { ss } = setup();
    const log = ss.insertSheet('Log');
    expect(ss.getSheetById(log.getSheetId())!.getName()).toBe('Log');
    expect(ss.getSheetById(987654)).toBeNull();
  });

  it('toast is recorded for the admin page', () => {
    // spreadsheet#toast(msg, title): "Shows a popup window in the lower right corner of the spreadsheet with the given message and title."
    const h = setup();
    h.ss.toast('Saved', 'WTT');
    expect(h.meter.calls['Spreadsheet.toast']).toBe(1);
    expect(h.hostCalls.at(-1)).toEqual({ service: 'ui', method: 'toast' });
  });
});

describe('Sheet', () => {
  it('getName / setName / getParent / getSheetId', () => {
    const { ss, sheet } = setup();
    sheet.setName('Employees');
    expect(sheet.getName()).toBe('Employees');
    expect(ss.getSheetByName('Employees')!.getSheetId()).toBe(sheet.getSheetId());
    expect(sheet.getParent().getId()).toBe('main');
  });

  it('setName to another sheet\'s name fails like insertSheet', () => {
    const { ss, sheet } = setup();
    ss.insertSheet('Log');
    expect(() => sheet.setName('Log')).toThrow('A sheet with the name "Log" already exists. Please enter another name.');
  });

  it('getLastRow / getLastColumn are 0 on an empty sheet and the last with content otherwise', () => {
    // sheet#getLastRow: "Returns the position of the last row that has content."
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B7').setValue(0);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([7, 3]);
    sheet.getRange('B7').clearContent();
    expect(sheet.getLastRow()).toBe(5);
  });

  it('getDataRange is A1 to (getLastRow, getLastColumn), A1 on an empty sheet', () => {
    // sheet#getDataRange: "functionally equivalent to creating a Range bounded by A1 and (Sheet.getLastColumn(), Sheet.getLastRow())"
    const { sheet } = setup();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C4').setValue('x');
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C4');
  });

  it('appendRow writes after the last row with content', () => {
    // sheet#appendRow: "Appends a row to the bottom of the current data region in the sheet."
    const { sheet } = setup();
    sheet.appendRow(['id', 'name']);
    sheet.getRange('A5').setValue('gap');
    sheet.appendRow([1, 'Ann']);
    expect(sheet.getRange('A6:B6').getValues()).toEqual([[1, 'Ann']]);
    expect(sheet.getLastRow()).toBe(6);
  });

  it('appendRow grows the grid when the last row is full', () => {
    const { ss } = setup();
    const tiny = ss.insertSheet('Tiny');
    tiny.deleteRows(4, 997);
    expect(tiny.getMaxRows()).toBe(3);
    tiny.getRange('A3').setValue('last');
    tiny.appendRow(['more', 'and', 'more']);
    expect(tiny.getMaxRows()).toBe(4);
    expect(tiny.getRange('A4:C4').getValues()).toEqual([['more', 'and', 'more']]);
  });

  it('appendRow parses values as typed (a formula stays a formula)', () => {
    // sheet#appendRow: "If a cell's content begins with =, it's interpreted as a formula."
    const { sheet } = setup();
    sheet.appendRow(['=1+1', "'=1+1"]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=1+1', '']]);
    expect(sheet.getRange('B1').getValue()).toBe('=1+1');
  });

  it('deleteRows shifts the rows below up; deleteRow deletes one', () => {
    // sheet#deleteRows(rowPosition, howMany): "Deletes a number of rows starting at the given row position."
    const { sheet } = setup();
    sheet.getRange('A1:A5').setValues([[1], [2], [3], [4], [5]]);
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([[1], [4], [5]]);
    expect(sheet.getMaxRows()).toBe(998);
    sheet.deleteRow(1);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[4], [5]]);
  });

  it('deleteRows outside the grid fails with "Those rows are out of bounds."', () => {
    const { sheet } = setup();
    expect(() => sheet.deleteRows(999, 5)).toThrow('Those rows are out of bounds.');
  });

  it('deleting every non-frozen row fails with Sheets\' message', () => {
    // Apps Script: "Sorry, it is not possible to delete all non-frozen rows."
    const { sheet } = setup();
    expect(() => sheet.deleteRows(1, 1000)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    sheet.setFrozenRows(1);
    expect(() => sheet.deleteRows(2, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    sheet.deleteRows(2, 998);
    expect(sheet.getMaxRows()).toBe(2);
  });

  it('insertRowsAfter / insertRowsBefore shift the rows below down and grow the grid', () => {
    // sheet#insertRowsAfter(afterPosition, howMany): "Inserts a number of rows after the given row position."
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([['a'], [''], [''], ['b'], ['c']]);
    sheet.insertRowsBefore(1, 1);
    expect(sheet.getRange('A2').getValue()).toBe('a');
    expect(sheet.getMaxRows()).toBe(1003);
  });

  it('deleteColumns / insertColumnsAfter shift columns', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.deleteColumns(2, 1);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['a', 'c']]);
    sheet.insertColumnsAfter(1, 1);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['a', '', 'c']]);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(() => sheet.deleteColumns(26, 2)).toThrow('Those columns are out of bounds.');
  });

  it('clear removes contents and formats; clearContents keeps formats', () => {
    // sheet#clear: "Clears the sheet of content and formatting information."; #clearContents: "while preserving formatting information"
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('0.00').setValue(1);
    sheet.clearContents();
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.00');
    sheet.clear();
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
    expect(sheet.getLastRow()).toBe(0);
  });

  it('setFrozenRows / getFrozenRows', () => {
    // sheet#setFrozenRows: "Freezes the given number of rows. If zero, no rows are frozen."
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    sheet.setFrozenRows(0);
    expect(sheet.getFrozenRows()).toBe(0);
  });
});

describe('Sheet.getRange', () => {
  it('takes 1-based row, column, numRows, numColumns', () => {
    const { sheet } = setup();
    const r = sheet.getRange(2, 3, 4, 5);
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([2, 3, 4, 5]);
    // range#getLastRow: "Returns the end row position."
    expect([r.getLastRow(), r.getLastColumn()]).toEqual([5, 7]);
    expect(r.getA1Notation()).toBe('C2:G5');
    expect(sheet.getRange(1, 1).getA1Notation()).toBe('A1');
    expect(sheet.getRange(1, 1, 3).getA1Notation()).toBe('A1:A3');
  });

  it('rejects coordinates below 1 with Apps Script\'s messages', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
  });

  it('the classic empty-sheet bug: getRange(2, 1, getLastRow() - 1) fails', () => {
    const { sheet } = setup();
    sheet.appendRow(['header']);
    expect(() => sheet.getRange(2, 1, sheet.getLastRow() - 1, 1)).toThrow('The number of rows in the range must be at least 1.');
  });

  it('rejects a range outside the grid', () => {
    // Apps Script: "The coordinates of the range are outside the dimensions of the sheet."
    const { sheet } = setup();
    expect(sheet.getRange(1000, 26).getA1Notation()).toBe('Z1000');
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 27)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange('A1:AA2')).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
  });

  it('accepts A1 notation, including whole columns and rows and a sheet prefix', () => {
    // sheet#getRange(a1Notation): "Returns the range as specified in A1 notation or R1C1 notation."
    const { ss, sheet } = setup();
    expect(sheet.getRange('b2:c3').getA1Notation()).toBe('B2:C3');
    const cols = sheet.getRange('A:B');
    expect([cols.getNumRows(), cols.getNumColumns()]).toEqual([1000, 2]);
    expect(sheet.getRange('2:3').getNumColumns()).toBe(26);
    expect(sheet.getRange('A2:C').getNumRows()).toBe(999);
    ss.insertSheet('My tab');
    expect(sheet.getRange("'My tab'!B2").getSheet().getName()).toBe('My tab');
  });

  it('fails with "Range not found" for text that is not A1 notation', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('nonsense')).toThrow('Range not found');
    expect(() => sheet.getRange('Nope!A1')).toThrow('Range not found');
  });
});

describe('Range values', () => {
  it('getValues is rectangular with "" for blanks, numbers, booleans and Dates', () => {
    // range#getValues: "The values may be of type Number, Boolean, Date, or String ... Empty cells are represented by an empty string"
    const { sheet } = setup();
    const when = new Date(Date.UTC(2026, 10, 24, 7, 30));
    sheet.getRange('A1:C1').setValues([['x', 2, true]]);
    sheet.getRange('B2').setValue(when);
    const values = sheet.getRange('A1:D2').getValues();
    expect(values).toEqual([
      ['x', 2, true, ''],
      ['', when, '', ''],
    ]);
    expect(values[1][1]).toBeInstanceOf(Date);
  });

  it('getValue is the top-left cell, "" when empty', () => {
    // range#getValue: "Returns the value of the top-left cell in the range ... Empty cells return an empty string."
    const { sheet } = setup();
    sheet.getRange('B2').setValue(5);
    expect(sheet.getRange('B2:C3').getValue()).toBe(5);
    expect(sheet.getRange('C3').getValue()).toBe('');
  });

  it('setValues refuses a row count that does not match the range', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B2').setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
  });

  it('setValues refuses a column count that does not match the range', () => {
    // Apps Script (quoted in alpatania/sassafras#8): "The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4."
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:D1').setValues([[1, 2, 3, 4, 5]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  it('setValues with a one-dimensional array is a signature error', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B1').setValues([1, 2] as unknown as unknown[][])).toThrow(
      "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  });

  it('setValue on a multi-cell range sets every cell', () => {
    // range#setValue: "Sets the value of the range."
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue('x');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });

  it('null and undefined write blanks', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['a', 'b']]);
    sheet.getRange('A1:B1').setValues([[null, undefined]]);
    expect(sheet.getLastRow()).toBe(0);
  });

  it('numbers, booleans and Dates pass through unchanged', () => {
    const { sheet } = setup();
    const d = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    sheet.getRange('A1:D1').setValues([[-0.25, 1e21, false, d]]);
    const [row] = sheet.getRange('A1:D1').getValues();
    expect(row.slice(0, 3)).toEqual([-0.25, 1e21, false]);
    expect((row[3] as Date).getTime()).toBe(d.getTime());
  });

  it('a cell longer than 50000 characters is refused with Sheets\' message', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue('x'.repeat(50_001))).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect((sheet.getRange('A1').getValue() as string).length).toBe(50_000);
  });

  it('the 50000 characters count the input as written, so a leading apostrophe is one of them', () => {
    // The message speaks of "your input": what the script passes, apostrophe included. Google's documents do
    // not say whether the apostrophe that forces text counts; the emulator takes the stricter reading, and
    // the product keeps text to 49999 characters (store/cells.ts), which holds on either reading.
    const { sheet } = setup();
    sheet.getRange('A1').setValue(`'${'x'.repeat(49_999)}`);
    expect((sheet.getRange('A1').getValue() as string).length).toBe(49_999);
    expect(() => sheet.getRange('A2').setValue(`'${'x'.repeat(50_000)}`)).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    expect(sheet.getRange('A2').getValue()).toBe('');
  });
});

describe('user-entered values (what formula neutralisation relies on)', () => {
  it('a string starting with "=" becomes a formula, and reads as the formula\'s value', () => {
    // range#setValue: "If the value begins with '=' it is interpreted as a formula."; range#getFormulas: "empty strings for cells with no formula"
    const { sheet } = setup();
    sheet.getRange('A1').setValue('=HYPERLINK("http://evil","x")');
    expect(sheet.getRange('A1').getFormulas()).toEqual([['=HYPERLINK("http://evil","x")']]);
    expect(sheet.getRange('A1').getValue()).toBe('x');
    expect(sheet.getRange('A2').getFormulas()).toEqual([['']]);
  });

  it('a leading apostrophe makes the rest literal text and is not part of the value', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([["'=1+1", "'+7 999", "'-5", "'TRUE"]]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['=1+1', '+7 999', '-5', 'TRUE']]);
    expect(sheet.getRange('A1:D1').getFormulas()).toEqual([['', '', '', '']]);
  });

  it('numeric strings become numbers, TRUE/FALSE booleans, other strings stay text', () => {
    const { sheet } = setup();
    sheet.getRange('A1:H1').setValues([['-5', '12.5', '1e3', '+79991234567', 'TRUE', 'false', 'hello', '12abc']]);
    expect(sheet.getRange('A1:H1').getValues()).toEqual([[-5, 12.5, 1000, 79991234567, true, false, 'hello', '12abc']]);
  });

  it('ISO-like date strings become Dates in the spreadsheet\'s time zone; ISO with "T" stays text', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([['2026-11-24', '2026-11-24 10:30', '2026-11-24T10:30:00Z', '2026-02-30']]);
    const [row] = sheet.getRange('A1:D1').getValues();
    expect((row[0] as Date).getTime()).toBe(MOSCOW_MIDNIGHT_2026_11_24);
    expect((row[1] as Date).getTime()).toBe(MOSCOW_MIDNIGHT_2026_11_24 + 10.5 * 3_600_000);
    expect(row[2]).toBe('2026-11-24T10:30:00Z');
    expect(row[3]).toBe('2026-02-30');
  });

  it('a bare time becomes a time of day (a Date on 1899-12-30)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('10:30');
    expect(sheet.getRange('A1').getValue()).toBeInstanceOf(Date);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('10:30:00');
  });

  it('plain text format "@" keeps every string verbatim', () => {
    // range#setNumberFormat: "Sets the number or date format to the given formatting string." ('@' is plain text)
    const { sheet } = setup();
    const r = sheet.getRange('A1:D1');
    r.setNumberFormat('@');
    r.setValues([['=1+1', '007', 'TRUE', '2026-11-24']]);
    expect(r.getValues()).toEqual([['=1+1', '007', 'TRUE', '2026-11-24']]);
    expect(r.getFormulas()).toEqual([['', '', '', '']]);
    expect(sheet.getRange('E1').setValue('007').getValue()).toBe(7);
  });

  it('writing a value over a formula removes the formula', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setFormula('=NOW()');
    expect(sheet.getRange('A1').getFormulas()).toEqual([['=NOW()']]);
    sheet.getRange('A1').setValue('plain');
    expect(sheet.getRange('A1').getFormulas()).toEqual([['']]);
    expect(sheet.getRange('A1').getValue()).toBe('plain');
  });

  it('a formula counts as content for getLastRow', () => {
    const { sheet } = setup();
    sheet.getRange('C3').setFormula('=1');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 3]);
  });
});

// Google computes every formula and getValues gives the result. The Sheets API says so of the values it
// reads (spreadsheets.values ValueRenderOption UNFORMATTED_VALUE: "Values will be calculated, but not
// formatted in the reply. For example, if A1 is 1.23 and A2 is =A1 ..., then A2 would return the number
// 1.23."), and range#getValues returns "the rectangular grid of values" of what the cells show; a cell
// whose formula fails shows, and reads as, its error (#DIV/0!, #VALUE!, #REF!, #N/A, #NAME?, #ERROR!;
// "Circular dependency detected" is a #REF!). The emulator computes the simple formulas people type into
// the tabs they edit (model/formula.ts); these are the cases the product may meet.
describe('formulas typed by people: getValues gives the computed value', () => {
  const valueOf = (sheet: GoogleAppsScript.Spreadsheet.Sheet, formula: string, at = 'H1') => {
    sheet.getRange(at).setValue(formula);
    return sheet.getRange(at).getValue();
  };

  it('literals, arithmetic with Sheets\' precedence, and references to typed cells', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['10'], ['2.5'], ['hello']]);
    expect(valueOf(sheet, '=A1*2+1')).toBe(21);
    expect(valueOf(sheet, '=(1+2)*3')).toBe(9);
    expect(valueOf(sheet, '=10/4')).toBe(2.5);
    expect(valueOf(sheet, '=-2^2')).toBe(4);
    expect(valueOf(sheet, '=50%')).toBe(0.5);
    expect(valueOf(sheet, '=$A$1+A2')).toBe(12.5);
    expect(valueOf(sheet, '="5"+1')).toBe(6);
    expect(valueOf(sheet, '=A1>5')).toBe(true);
    expect(valueOf(sheet, '=A3="HELLO"')).toBe(true);
    expect(valueOf(sheet, '=TRUE')).toBe(true);
    expect(sheet.getRange('H1').getFormulas()).toEqual([['=TRUE']]);
  });

  it('text: & and CONCATENATE, numbers written as text, common text functions', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['Anna', '15']]);
    expect(valueOf(sheet, '=A1&" "&"Petrova"')).toBe('Anna Petrova');
    expect(valueOf(sheet, '=CONCATENATE(A1, " ", B1, " min")')).toBe('Anna 15 min');
    expect(valueOf(sheet, '=1/3&""')).toBe('0.333333333333333');
    expect(valueOf(sheet, '=UPPER(A1)&LOWER("X")&LEN(A1)')).toBe('ANNAx4');
    expect(valueOf(sheet, '=TRIM("  a   b ")')).toBe('a b');
    expect(valueOf(sheet, '=LEFT("Europe/Moscow", 6)&MID("abc", 2, 1)&RIGHT("xyz")')).toBe('Europebz');
    expect(valueOf(sheet, '=SUBSTITUTE("a-b-c", "-", "/")')).toBe('a/b/c');
    expect(valueOf(sheet, '="say ""hi"""')).toBe('say "hi"');
  });

  it('references to other tabs, chains of formulas, and values that follow the cells they name', () => {
    const { ss, sheet } = setup();
    const groups = ss.insertSheet('Lead groups');
    groups.getRange('A2').setValue('Support');
    ss.insertSheet('Rules').getRange('B2').setValue('15');
    expect(valueOf(sheet, "='Lead groups'!A2")).toBe('Support');
    expect(valueOf(sheet, '=Rules!B2*4', 'H2')).toBe(60);
    expect(valueOf(sheet, '=H2+1', 'H3')).toBe(61);
    ss.getSheetByName('Rules')!.getRange('B2').setValue(20);
    expect(sheet.getRange('H2:H3').getValues()).toEqual([[80], [81]]);
    expect(sheet.getRange('H1:H3').getDisplayValues()).toEqual([['Support'], ['80'], ['81']]);
  });

  it('a blank cell is 0 in arithmetic, "" in text, and a formula naming only it reads as blank', () => {
    const { sheet } = setup();
    expect(valueOf(sheet, '=Z9')).toBe('');
    expect(valueOf(sheet, '=Z9+1')).toBe(1);
    expect(valueOf(sheet, '=Z9&"x"')).toBe('x');
    expect(valueOf(sheet, '=ISBLANK(Z9)')).toBe(true);
  });

  it('ranges in SUM, MIN, MAX, AVERAGE, COUNT, COUNTA (text in a range is skipped); rounding; IF, AND, OR', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A4').setValues([['3'], ['4'], ['n/a'], ['5']]);
    expect(valueOf(sheet, '=SUM(A1:A4)')).toBe(12);
    expect(valueOf(sheet, '=SUM(A1:A4, 10, "1")')).toBe(23);
    expect(valueOf(sheet, '=MIN(A1:A4)&"-"&MAX(A:A)')).toBe('3-5');
    expect(valueOf(sheet, '=AVERAGE(A1:A4)')).toBe(4);
    expect(valueOf(sheet, '=COUNT(A1:A4)&"/"&COUNTA(A1:A4)')).toBe('3/4');
    expect(valueOf(sheet, '=ROUND(2.345, 2)')).toBe(2.35);
    expect(valueOf(sheet, '=ROUND(-2.5)')).toBe(-3);
    expect(valueOf(sheet, '=ROUNDUP(1.21, 1)+ROUNDDOWN(1.29, 1)+INT(-1.5)')).toBe(0.5);
    expect(valueOf(sheet, '=MOD(-3, 2)')).toBe(1);
    expect(valueOf(sheet, '=IF(A1>3, "big", "small")')).toBe('small');
    expect(valueOf(sheet, '=IF(FALSE, 1/0, "lazy")')).toBe('lazy');
    expect(valueOf(sheet, '=AND(A1=3, OR(FALSE, A2>3), NOT(FALSE))')).toBe(true);
  });

  it('dates: DATE, TIME, TODAY and a date plus days are Dates in the spreadsheet\'s zone; two dates subtract to days', () => {
    const { sheet, clock } = setup();
    const DAY = 86_400_000;
    expect((valueOf(sheet, '=DATE(2026, 11, 24)') as Date).getTime()).toBe(MOSCOW_MIDNIGHT_2026_11_24);
    expect(sheet.getRange('H1').getDisplayValue()).toBe('2026-11-24');
    expect((valueOf(sheet, '=DATE(2026, 13, 1)') as Date).getTime()).toBe(MOSCOW_MIDNIGHT_2026_11_24 + 38 * DAY);
    sheet.getRange('A1:B1').setValues([['2026-11-24', '2026-11-20']]);
    expect((valueOf(sheet, '=A1+1') as Date).getTime()).toBe(MOSCOW_MIDNIGHT_2026_11_24 + DAY);
    expect(valueOf(sheet, '=A1-B1')).toBe(4);
    // A time is a Date on 1899-12-30, as a typed time is.
    expect(valueOf(sheet, '=TIME(9, 30, 0)')).toBeInstanceOf(Date);
    expect(sheet.getRange('H1').getDisplayValue()).toBe('09:30:00');
    // TODAY follows the runtime's clock (frozen at 2026-11-24 10:00 in Moscow by the harness).
    expect((valueOf(sheet, '=TODAY()') as Date).getTime()).toBe(MOSCOW_MIDNIGHT_2026_11_24);
    clock.set(MOSCOW_MIDNIGHT_2026_11_24 + 1.5 * DAY, { frozen: true });
    expect((sheet.getRange('H1').getValue() as Date).getTime()).toBe(MOSCOW_MIDNIGHT_2026_11_24 + DAY);
  });

  it('errors read as Sheets\' error strings and spread to the formulas that use them', () => {
    const { ss, sheet } = setup();
    expect(valueOf(sheet, '=1/0', 'A1')).toBe('#DIV/0!');
    expect(valueOf(sheet, '=A1+1', 'B1')).toBe('#DIV/0!');
    expect(valueOf(sheet, '=IFERROR(B1, "none")')).toBe('none');
    expect(valueOf(sheet, '="a"+1')).toBe('#VALUE!');
    expect(valueOf(sheet, '=ROUND()')).toBe('#N/A');
    expect(valueOf(sheet, '=NoSuchTab!A1')).toBe('#REF!');
    expect(valueOf(sheet, '=FOO(1)')).toBe('#NAME?');
    expect(valueOf(sheet, '=1+')).toBe('#ERROR!');
    sheet.getRange('C1').setValue('=D1');
    sheet.getRange('D1').setValue('=C1+1');
    expect(sheet.getRange('C1:D1').getValues()).toEqual([['#REF!', '#REF!']]);
    expect(ss.getSheetByName('Sheet1')!.getRange('C1:D1').getFormulas()).toEqual([['=D1', '=C1+1']]);
  });

  it('a formula beyond the engine keeps the value stored with it (a workbook saved by LibreOffice or Excel)', () => {
    const { store, sheet } = setup();
    const sheetId = sheet.getSheetId();
    store.apply({ t: 'setValues', ss: 'main', sheetId, row: 1, col: 1, values: [[42, '']], formulas: [['=GOOGLEFINANCE("GOOG")', '=GOOGLEFINANCE("MSFT")']] });
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[42, '#NAME?']]);
  });
});

describe('display values and number formats', () => {
  it('getDisplayValues shows numbers per their number format', () => {
    // range#getDisplayValues: "The displayed value takes into account date, time and currency formatting"
    const { sheet } = setup();
    const r = sheet.getRange('A1:G1');
    r.setValues([[1234.5678, 1234.5678, 1234.5678, 1234.5678, 0.256, 'text', true]]);
    r.setNumberFormats([['', '0', '0.00', '#,##0', '0.0%', '0.00', '0']]);
    expect(r.getDisplayValues()).toEqual([['1234.5678', '1235', '1234.57', '1,235', '25.6%', 'text', 'TRUE']]);
    expect(r.getNumberFormats()).toEqual([['0.###############', '0', '0.00', '#,##0', '0.0%', '0.00', '0']]);
    expect(r.getNumberFormat()).toBe('0.###############');
  });

  it('getDisplayValues shows Dates in the spreadsheet\'s time zone per date formats', () => {
    const { sheet } = setup();
    const at = new Date(MOSCOW_MIDNIGHT_2026_11_24 + (9 * 60 + 5) * 60_000 + 7000); // 09:05:07 Moscow
    const r = sheet.getRange('A1:F1');
    r.setValue(at);
    r.setNumberFormats([['yyyy-mm-dd', 'dd.mm.yyyy', 'hh:mm', 'yyyy-mm-dd hh:mm:ss', '', '@']]);
    expect(r.getDisplayValues()).toEqual([['2026-11-24', '24.11.2026', '09:05', '2026-11-24 09:05:07', '2026-11-24 09:05:07', '2026-11-24 09:05:07']]);
  });

  it('[h]:mm shows elapsed hours of a duration', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue(1.5 + 1 / 24 / 2).setNumberFormat('[h]:mm');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('36:30');
  });

  it('getDisplayValue of a blank cell is ""', () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1').setNumberFormat('0.00').getDisplayValue()).toBe('');
  });

  it('Range.clear removes formats, clearContent keeps them', () => {
    // range#clearContent: "Clears the content of the range, leaving the formatting intact."
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1');
    r.setNumberFormat('0.00').setValues([[1, 2]]);
    r.clearContent();
    expect(r.getNumberFormats()).toEqual([['0.00', '0.00']]);
    r.clear();
    expect(r.getNumberFormats()).toEqual([['0.###############', '0.###############']]);
    sheet.getRange('A1').setNumberFormat('0').setValue(3);
    sheet.getRange('A1').clear({ contentsOnly: true });
    expect([sheet.getRange('A1').getValue(), sheet.getRange('A1').getNumberFormat()]).toEqual(['', '0']);
  });

  it('setNumberFormats refuses a shape mismatch', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B2').setNumberFormats([['0', '0']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
  });
});

describe('the 10,000,000-cell limit', () => {
  // support.google.com/drive/answer/37603: "Up to 10 million cells"; Sheets: "This action would increase the number of cells in the workbook above the limit of 10000000 cells."
  const LIMIT_MESSAGE = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

  function nearlyFull() {
    const h = setup();
    // 26,000 cells in Sheet1; fill to 9,999,000 with one 26-column sheet of 383,577 rows (9,973,002 cells) - then top up.
    const big = h.ss.insertSheet('Big');
    big.insertRowsAfter(1000, 383_577 - 1000);
    expect(26_000 + 383_577 * 26).toBe(9_999_002);
    return { ...h, big };
  }

  it('insertSheet past the limit fails', () => {
    const { ss } = nearlyFull();
    expect(() => ss.insertSheet('One more')).toThrow(LIMIT_MESSAGE);
  });

  it('insertRowsAfter past the limit fails, up to it succeeds', () => {
    const { big } = nearlyFull();
    expect(() => big.insertRowsAfter(1, 39)).toThrow(LIMIT_MESSAGE);
    big.insertRowsAfter(1, 38); // 998 cells left: 38 rows of 26 = 988
    expect(big.getMaxRows()).toBe(383_615);
  });

  it('appendRow that must grow the grid past the limit fails', () => {
    const { big } = nearlyFull();
    big.insertRowsAfter(1, 38);
    big.getRange(big.getMaxRows(), 1).setValue('last');
    expect(() => big.appendRow(['x'])).toThrow(LIMIT_MESSAGE);
  });
});

describe('accounting and host round trips', () => {
  it('every facade call is counted once, with the cells it reads or writes', () => {
    const { sheet, meter } = setup();
    const before = meter.totalCalls;
    const range = sheet.getRange(1, 1, 10, 3);
    range.setValues(Array.from({ length: 10 }, () => [1, 2, 3]));
    range.getValues();
    range.getDisplayValues();
    sheet.appendRow(['a', 'b']);
    expect(meter.totalCalls - before).toBe(5);
    expect(meter.calls['Sheet.getRange']).toBe(1);
    expect(meter.calls['Range.getValues']).toBe(1);
    expect(meter.cellsRead).toBe(60);
    expect(meter.cellsWritten).toBe(32);
  });

  it('a read or write of any size is one host round trip', () => {
    const h = setup();
    const range = h.sheet.getRange(1, 1, 500, 4);
    const data = Array.from({ length: 500 }, (_, i) => [i, `r${i}`, new Date(Date.UTC(2026, 0, 1) + i * 60_000), i % 2 === 0]);
    for (const call of [() => range.setValues(data), () => range.getValues(), () => range.getDisplayValues(), () => range.getFormulas()]) {
      const n = h.hostCalls.length;
      call();
      expect(h.hostCalls.length - n).toBe(1);
    }
    const values = range.getValues();
    expect(values[499][2]).toEqual(data[499][2]);
    expect(values[499][2]).toBeInstanceOf(Date);
  });

  it('values returned are copies: changing them does not change the sheet', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('a');
    const values = sheet.getRange('A1').getValues();
    values[0][0] = 'changed';
    expect(sheet.getRange('A1').getValue()).toBe('a');
  });

  it('a Sheet facade survives renames (it holds the sheet id, not the name)', () => {
    const { ss, sheet } = setup();
    const again = ss.getSheetByName('Sheet1')!;
    again.setName('Renamed');
    expect(sheet.getName()).toBe('Renamed');
  });
});
