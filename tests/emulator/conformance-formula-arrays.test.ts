// Conformance of array formulas with Google Sheets: array literals, ARRAYFORMULA, results that spill into the
// cells below and beside, VLOOKUP, ARRAY_CONSTRAIN, FILTER and ROW, read through getValues and
// getDisplayValues (model/formula.ts). References, per test:
//   arrays           support.google.com/docs/answer/6208276 ("Using arrays in Google Sheets")
//   ARRAYFORMULA     support.google.com/docs/answer/3093275
//   ARRAY_CONSTRAIN  support.google.com/docs/answer/3267036
//   VLOOKUP          support.google.com/docs/answer/3093318 (is_sorted and index rules as on its twin,
//                    HLOOKUP, support.google.com/docs/answer/3093375)
//   FILTER           support.google.com/docs/answer/3093197
//   ROW              support.google.com/docs/answer/3093316
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spreadsheetHarness } from './helpers/spreadsheet-harness.ts';
import { FormulaEngine } from '../../emulator/model/formula.ts';

function setup() {
  const h = spreadsheetHarness();
  const ss = h.app.getActiveSpreadsheet();
  const sheet = ss.getSheetByName('Sheet1')!;
  return { ...h, ss, sheet };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('array literals and spills', () => {
  it('{1, 2; 3, 4}: "," starts a new column, ";" a new row, and the result spills right and down', () => {
    // answer/6208276: "Commas: Separates columns ... ={1, 2} would place the number 1 in the first cell and
    // the number 2 in the cell to the right"; "Semicolons: Separates rows ... ={1; 2} would place the number 1
    // in the first cell and the number 2 in the cell below".
    const { sheet } = setup();
    sheet.getRange('B2').setFormula('={1, 2; 3, 4}');
    expect(sheet.getRange('A1:D4').getValues()).toEqual([
      ['', '', '', ''],
      ['', 1, 2, ''],
      ['', 3, 4, ''],
      ['', '', '', ''],
    ]);
    expect(sheet.getRange('B2:C3').getDisplayValues()).toEqual([['1', '2'], ['3', '4']]);
    // The formula lives in its own cell only; the spilled cells hold no formula.
    expect(sheet.getRange('B2:C3').getFormulas()).toEqual([['={1, 2; 3, 4}', ''], ['', '']]);
    // A read of part of the spill, away from the formula's cell, gets the spilled values too.
    expect(sheet.getRange('C3').getValue()).toBe(4);
  });

  it('ranges and values combine into one column, text and numbers keep their types', () => {
    // answer/6208276: "to combine values from A1-A10 with the values from D1-D10 ... ={A1:A10; D1:D10}".
    const { sheet } = setup();
    sheet.getRange('A1:A2').setValues([['Anna'], ['7']]);
    sheet.getRange('D1:D2').setValues([['Boris'], ['TRUE']]);
    sheet.getRange('F1').setFormula('={"name"; A1:A2; D1:D2}');
    expect(sheet.getRange('F1:F6').getValues()).toEqual([['name'], ['Anna'], [7], ['Boris'], [true], ['']]);
  });

  it('a literal whose parts do not line up is #VALUE!, and nothing spills', () => {
    // Sheets: "In ARRAY_LITERAL, an Array Literal was missing values for one or more rows."
    const { sheet } = setup();
    sheet.getRange('A1').setFormula('={1, 2; 3}');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([['#VALUE!', ''], ['', '']]);
  });

  it('a spill that would overwrite a value is #REF! in the formula\'s cell, and comes back when the value goes', () => {
    // Sheets shows "#REF!" with "Array result was not expanded because it would overwrite data in C3."
    const { sheet } = setup();
    sheet.getRange('B2').setFormula('={1, 2; 3, 4}');
    sheet.getRange('C3').setValue('mine');
    expect(sheet.getRange('B2:C3').getValues()).toEqual([['#REF!', ''], ['', 'mine']]);
    expect(sheet.getRange('B2:C3').getDisplayValues()).toEqual([['#REF!', ''], ['', 'mine']]);
    sheet.getRange('C3').clearContent();
    expect(sheet.getRange('B2:C3').getValues()).toEqual([[1, 2], [3, 4]]);
  });

  it('another formula in the way blocks a spill too; a spill past the grid\'s edge is #REF!', () => {
    const { ss, sheet } = setup();
    sheet.getRange('A1').setFormula('={1; 2}');
    sheet.getRange('A2').setFormula('=10');
    expect(sheet.getRange('A1:A2').getValues()).toEqual([['#REF!'], [10]]);
    // Sheets: "Result was not automatically expanded, please insert more rows (1)."
    const small = ss.insertSheet('Small');
    small.deleteRows(3, small.getMaxRows() - 2);
    small.getRange('A2').setFormula('={1; 2}');
    expect(small.getRange('A1:A2').getValues()).toEqual([[''], ['#REF!']]);
  });

  it('formulas read spilled values as the cells\' values: a reference, a sum over the spill', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setFormula('={10; 20; 30}');
    sheet.getRange('C1').setFormula('=A3');
    sheet.getRange('C2').setFormula('=SUM(A1:A3)');
    expect(sheet.getRange('C1:C2').getValues()).toEqual([[30], [60]]);
  });

  it('a range on its own spills its values (=A1:B2 mirrors the cells)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValues([['a', 1], ['b', 2]]);
    sheet.getRange('D1').setFormula('=A1:B2');
    expect(sheet.getRange('D1:E2').getValues()).toEqual([['a', 1], ['b', 2]]);
  });
});

describe('ARRAYFORMULA', () => {
  it('applies operators element by element and spills the result (ARRAYFORMULA(A1:C1+A2:C2))', () => {
    // answer/3093275: "Enables the display of values returned from an array formula into multiple rows
    // and/or columns and the use of non-array functions with arrays."
    const { sheet } = setup();
    sheet.getRange('A1:C2').setValues([[1, 2, 3], [10, 20, 30]]);
    sheet.getRange('A4').setFormula('=ARRAYFORMULA(A1:C1+A2:C2)');
    expect(sheet.getRange('A4:D4').getValues()).toEqual([[11, 22, 33, '']]);
  });

  it('SUM(IF(A1:A10>5, A1:A10, 0)) gives one value; a one-value function applies per row', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A4').setValues([[3], [6], ['x'], [9]]);
    sheet.getRange('C1').setFormula('=ARRAYFORMULA(SUM(IF(A1:A10>5, A1:A10, 0)))');
    sheet.getRange('D1').setFormula('=ARRAYFORMULA(IF(A1:A4="", "-", UPPER(A1:A4&"!")))');
    expect(sheet.getRange('C1:D4').getValues()).toEqual([[15, '3!'], ['', '6!'], ['', 'X!'], ['', '9!']]);
  });

  it('a single column against a single row fills the whole table', () => {
    const { sheet } = setup();
    sheet.getRange('A2:A3').setValues([[1], [2]]);
    sheet.getRange('B1:C1').setValues([[10, 20]]);
    sheet.getRange('E1').setFormula('=ARRAYFORMULA(A2:A3*B1:C1)');
    expect(sheet.getRange('E1:F2').getValues()).toEqual([[10, 20], [20, 40]]);
  });

  it('an open range runs to the grid\'s last row: ROW(A1:A) numbers every row', () => {
    // ROW: "Returns the row number of a specified cell." Inside ARRAYFORMULA, one per row of the range.
    const { sheet } = setup();
    sheet.getRange('B1').setFormula('=ARRAYFORMULA(ROW(A1:A))');
    const rows = sheet.getMaxRows();
    expect(sheet.getRange(rows - 1, 2, 2, 1).getValues()).toEqual([[rows - 1], [rows]]);
    sheet.getRange('C5').setFormula('=ROW()');
    expect(sheet.getRange('C5').getValue()).toBe(5);
  });
});

describe('VLOOKUP', () => {
  const people = (sheet: GoogleAppsScript.Spreadsheet.Sheet) =>
    sheet.getRange('A1:C4').setValues([['id', 'email', 'name'], ["'e001", 'anna@x', 'Anna'], ["'e002", 'boris@x', 'Boris'], ['7', 'seven@x', 'Seven']]);

  it('is_sorted FALSE: an exact match, text without regard to case, #N/A when absent, #VALUE! outside the range', () => {
    // answer/3093318: "Searches down the first column of a range for a key and returns the value of a specified
    // cell in the row found." answer/3093375: "If is_sorted is FALSE, only an exact match is returned ... #N/A
    // is returned if no such value is found."; "If index is not between 1 and the number of [columns] in
    // range, #VALUE! is returned."
    const { sheet } = setup();
    people(sheet);
    const at = (f: string) => {
      sheet.getRange('E1').setFormula(f);
      return sheet.getRange('E1').getValue();
    };
    expect(at('=VLOOKUP("e002", A:C, 3, FALSE)')).toBe('Boris');
    expect(at('=VLOOKUP("E001", A1:C4, 2, FALSE)')).toBe('anna@x');
    expect(at('=VLOOKUP(7, A:C, 3, FALSE)')).toBe('Seven');
    // A number never equals text: "7" is not 7.
    expect(at('=VLOOKUP("7", A:C, 3, FALSE)')).toBe('#N/A');
    expect(at('=VLOOKUP("nobody", A:C, 3, FALSE)')).toBe('#N/A');
    expect(at('=VLOOKUP("e001", A:C, 4, FALSE)')).toBe('#VALUE!');
    expect(at('=IFERROR(VLOOKUP("nobody", A:C, 3, FALSE), "")')).toBe('');
  });

  it('is_sorted TRUE (the default): the nearest match less than or equal to the key, #N/A below the first', () => {
    // answer/3093375: "If is_sorted is TRUE or omitted, the nearest match (less than or equal to the search
    // key) is returned. If all values in the search [column] are greater than the search key, #N/A is returned."
    const { sheet } = setup();
    sheet.getRange('A1:B3').setValues([[0, 'low'], [50, 'mid'], [90, 'high']]);
    sheet.getRange('D1').setFormula('=VLOOKUP(75, A1:B3, 2)');
    sheet.getRange('D2').setFormula('=VLOOKUP(90, A1:B3, 2, TRUE)');
    sheet.getRange('D3').setFormula('=VLOOKUP(-1, A1:B3, 2)');
    expect(sheet.getRange('D1:D3').getValues()).toEqual([['mid'], ['high'], ['#N/A']]);
  });

  it('inside ARRAYFORMULA it looks up every row of a column: names beside ids, from another tab', () => {
    const { ss, sheet } = setup();
    people(ss.insertSheet('Employees'));
    sheet.getRange('A1:A5').setValues([['employee_id'], ["'e002"], ["'zzz"], ["'e001"], ["'7"]]);
    sheet.getRange('B1').setFormula('={"name"; ARRAYFORMULA(IFERROR(VLOOKUP(A2:A5&"", {Employees!A:A&"", Employees!C:C}, 2, FALSE), ""))}');
    expect(sheet.getRange('A1:B5').getValues()).toEqual([
      ['employee_id', 'name'],
      ['e002', 'Boris'],
      ['zzz', ''],
      ['e001', 'Anna'],
      ['7', 'Seven'],
    ]);
    expect(sheet.getRange('B1:B3').getDisplayValues()).toEqual([['name'], ['Boris'], ['']]);
    // A name changed on the other tab reads at once: nothing was copied.
    ss.getSheetByName('Employees')!.getRange('C3').setValue('Борис');
    expect(sheet.getRange('B2').getValue()).toBe('Борис');
  });
});

describe('ARRAY_CONSTRAIN and FILTER', () => {
  it('ARRAY_CONSTRAIN(A1:C10, 2, 3) keeps the first rows and columns', () => {
    // answer/3267036: "Constrains an array result to a specified size."
    const { sheet } = setup();
    sheet.getRange('A1:C3').setValues([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    sheet.getRange('E1').setFormula('=ARRAY_CONSTRAIN(A1:C10, 2, 3)');
    expect(sheet.getRange('E1:G3').getValues()).toEqual([[1, 2, 3], [4, 5, 6], ['', '', '']]);
    // Cut to the last row with content: a whole-column result spills no further than the data.
    sheet.getRange('I1').setFormula('=ARRAY_CONSTRAIN(ARRAYFORMULA(A:A*10), MAX(ARRAYFORMULA(IF(A:A="", 0, ROW(A:A)))), 1)');
    expect(sheet.getRange('I1:I4').getValues()).toEqual([[10], [40], [70], ['']]);
  });

  it('FILTER keeps the rows whose conditions hold, #N/A when none does', () => {
    // answer/3093197: "Returns a filtered version of the source range, returning only rows or columns that meet
    // the specified conditions."; "If FILTER finds no values which satisfy the provided conditions, #N/A will
    // be returned."
    const { sheet } = setup();
    sheet.getRange('A2:B5').setValues([[3, 'a'], [8, 'b'], [6, 'c'], [1, 'd']]);
    sheet.getRange('D1').setFormula('=FILTER(A2:B5, A2:A5 > 5)');
    sheet.getRange('G1').setFormula('=FILTER(A2:B5, A2:A5 > 50)');
    expect(sheet.getRange('D1:E3').getValues()).toEqual([[8, 'b'], [6, 'c'], ['', '']]);
    expect(sheet.getRange('G1').getValue()).toBe('#N/A');
  });
});

describe('cost: reads that no formula can reach stay as cheap as they were', () => {
  it('reading the columns left of a spilling formula computes nothing', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B3').setValues([['id', 'x'], ['a', 1], ['b', 2]]);
    sheet.getRange('C1').setFormula('=ARRAYFORMULA(A1:A3&"!")');
    const computed = vi.spyOn(FormulaEngine.prototype, 'valueAt');
    // Blank cells too: no formula at or above-left of them could spill there.
    expect(sheet.getRange('A1:B4').getValues()).toEqual([['id', 'x'], ['a', 1], ['b', 2], ['', '']]);
    expect(computed).not.toHaveBeenCalled();
    expect(sheet.getRange('C1:C3').getValues()).toEqual([['id!'], ['a!'], ['b!']]);
    expect(computed).toHaveBeenCalled();
  });
});
