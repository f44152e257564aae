// Conformance of the emulated TextFinder (Range.createTextFinder) with Apps Script's reference:
// developers.google.com/apps-script/reference/spreadsheet/range#createTextFinder(String) — "Creates a text
// finder for the range, which can find and replace text in this range" — and
// developers.google.com/apps-script/reference/spreadsheet/text-finder: findAll "Returns all cells matching
// the search criteria"; matchCase(true) "configures the search to match the search text's case exactly,
// otherwise the search defaults to case-insensitive matching"; matchEntireCell(true) "configures the search
// to match the entire contents of a cell, otherwise the search defaults to partial matching"; cells holding
// formulas are "considered based on their displayed value".
import { describe, expect, it } from 'vitest';
import { costFamily } from '../../emulator/runtime/latency.ts';
import { spreadsheetHarness } from './helpers/spreadsheet-harness.ts';

function sheetWithIds() {
  const h = spreadsheetHarness();
  const sheet = h.app.getActiveSpreadsheet().getSheetByName('Sheet1')!;
  sheet.getRange(1, 1, 6, 2).setValues([
    ['entry_id', 'note'],
    ['dev-1-1', 'x'],
    ['DEV-1-1', 'dev-1-1'],
    ['dev-1-10', 'y'],
    ["'=dev", 'z'],
    [42, 'dev-1-1 again'],
  ]);
  return { ...h, sheet };
}

const where = (ranges: GoogleAppsScript.Spreadsheet.Range[]) => ranges.map((r) => r.getA1Notation());

describe('TextFinder over a range', () => {
  it('matches part of a cell, ignoring case, by default', () => {
    const { sheet } = sheetWithIds();
    expect(where(sheet.getRange('A2:A').createTextFinder('dev-1-1').findAll())).toEqual(['A2', 'A3', 'A4']);
  });

  it('matchCase and matchEntireCell narrow it to the exact cell text', () => {
    const { sheet } = sheetWithIds();
    const exact = sheet.getRange('A2:A').createTextFinder('dev-1-1').matchCase(true).matchEntireCell(true).findAll();
    expect(where(exact)).toEqual(['A2']);
    expect(exact[0].getRow()).toBe(2);
  });

  it('searches only the range, row by row, and finds nothing as []', () => {
    const { sheet } = sheetWithIds();
    expect(where(sheet.getRange('A1:B6').createTextFinder('dev-1-1').matchEntireCell(true).findAll())).toEqual(['A2', 'A3', 'B3']);
    expect(sheet.getRange('B2:B').createTextFinder('nothing').findAll()).toEqual([]);
  });

  it('matches the displayed text: a number by its digits, text written with a leading apostrophe without it', () => {
    const { sheet } = sheetWithIds();
    expect(where(sheet.getRange('A2:A').createTextFinder('42').matchEntireCell(true).findAll())).toEqual(['A6']);
    expect(where(sheet.getRange('A2:A').createTextFinder('=dev').matchEntireCell(true).findAll())).toEqual(['A5']);
  });

  it('follows rows that moved: after rows above are deleted the same text is found higher up', () => {
    const { sheet } = sheetWithIds();
    sheet.deleteRows(2, 2);
    expect(where(sheet.getRange('A2:A').createTextFinder('dev-1-10').matchEntireCell(true).findAll())).toEqual(['A2']);
  });

  it('costs one search call: the options are kept by the finder, and no cell values are read', () => {
    const { sheet, meter } = sheetWithIds();
    const before = { calls: meter.totalCalls, cells: meter.cellsRead };
    sheet.getRange('A2:A').createTextFinder('dev-1-10').matchCase(true).matchEntireCell(true).findAll();
    expect(meter.cellsRead).toBe(before.cells);
    expect(meter.calls['TextFinder.findAll']).toBe(1);
    expect(costFamily('TextFinder.findAll')).toBe('sheetRead');
    for (const local of ['Range.createTextFinder', 'TextFinder.matchCase', 'TextFinder.matchEntireCell']) expect(costFamily(local)).toBe('handle');
  });
});
