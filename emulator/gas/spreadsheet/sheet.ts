// Sheet: one tab, held as (spreadsheet id, sheet id). Every call that needs the model is one host call.
import type { FacadeContext } from '../../runtime/contracts.ts';
import { MSG, type RangeRef, type RangeSpec, type SheetProp, type WireGrid } from '../../model/sheets-protocol.ts';
import { callSheets, gas, integerArg, signatureMismatch, toWire } from './wire.ts';
import { EmuRange } from './range.ts';
import { EmuSpreadsheet } from './spreadsheet.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** Which sheet a Sheet facade stands for (Spreadsheet.deleteSheet receives one). */
const locations = new WeakMap<object, { ss: string; sheet: number }>();

export function sheetLocation(sheet: unknown): { ss: string; sheet: number } | undefined {
  return typeof sheet === 'object' && sheet !== null ? locations.get(sheet) : undefined;
}

export class EmuSheet
  implements
    Pick<
      Sheet,
      | 'getName'
      | 'setName'
      | 'getSheetId'
      | 'getParent'
      | 'getIndex'
      | 'getRange'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'getDataRange'
      | 'appendRow'
      | 'deleteRow'
      | 'deleteRows'
      | 'insertRowsAfter'
      | 'insertRowsBefore'
      | 'deleteColumns'
      | 'insertColumnsAfter'
      | 'clear'
      | 'clearContents'
      | 'setFrozenRows'
      | 'getFrozenRows'
    >
{
  constructor(
    private readonly ctx: FacadeContext,
    private readonly ssId: string,
    private readonly sheetId: number,
  ) {
    locations.set(this, { ss: ssId, sheet: sheetId });
  }

  private prop<T extends string | number>(prop: SheetProp): T {
    return callSheets<T>(this.ctx, 'sheetProp', this.ssId, this.sheetId, prop);
  }

  getName(): string {
    this.ctx.meter.count('Sheet.getName');
    return this.prop('name');
  }

  setName(name: string): Sheet {
    this.ctx.meter.count('Sheet.setName');
    if (typeof name !== 'string') signatureMismatch(this.ctx, [name], 'SpreadsheetApp.Sheet.setName');
    callSheets(this.ctx, 'renameSheet', this.ssId, this.sheetId, name);
    return gas(this);
  }

  getSheetId(): number {
    this.ctx.meter.count('Sheet.getSheetId');
    return this.sheetId;
  }

  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.ctx.meter.count('Sheet.getParent');
    return gas(new EmuSpreadsheet(this.ctx, this.ssId));
  }

  /** The position of the sheet in its spreadsheet, starting at 1. */
  getIndex(): number {
    this.ctx.meter.count('Sheet.getIndex');
    return this.prop('index');
  }

  getLastRow(): number {
    this.ctx.meter.count('Sheet.getLastRow');
    return this.prop('lastRow');
  }

  getLastColumn(): number {
    this.ctx.meter.count('Sheet.getLastColumn');
    return this.prop('lastColumn');
  }

  getMaxRows(): number {
    this.ctx.meter.count('Sheet.getMaxRows');
    return this.prop('maxRows');
  }

  getMaxColumns(): number {
    this.ctx.meter.count('Sheet.getMaxColumns');
    return this.prop('maxColumns');
  }

  getFrozenRows(): number {
    this.ctx.meter.count('Sheet.getFrozenRows');
    return this.prop('frozenRows');
  }

  /** getRange(a1Notation) or getRange(row, column[, numRows[, numColumns]]), 1-based. */
  getRange(a: string | number, column?: number, numRows?: number, numColumns?: number): Range {
    this.ctx.meter.count('Sheet.getRange');
    const method = 'SpreadsheetApp.Sheet.getRange';
    const args = [a, column, numRows, numColumns].filter((x) => x !== undefined);
    let spec: RangeSpec;
    if (typeof a === 'string' && args.length === 1) spec = { a1: a };
    else {
      if (column === undefined) signatureMismatch(this.ctx, args, method);
      const row = integerArg(this.ctx, a, args, method);
      const col = integerArg(this.ctx, column, args, method);
      const rows = numRows === undefined ? 1 : integerArg(this.ctx, numRows, args, method);
      const cols = numColumns === undefined ? 1 : integerArg(this.ctx, numColumns, args, method);
      if (row < 1) this.ctx.fail(MSG.rowTooSmall);
      if (col < 1) this.ctx.fail(MSG.columnTooSmall);
      if (rows < 1) this.ctx.fail(MSG.rowsTooFew);
      if (cols < 1) this.ctx.fail(MSG.columnsTooFew);
      spec = { row, col, rows, cols };
    }
    return gas(new EmuRange(this.ctx, callSheets<RangeRef>(this.ctx, 'range', this.ssId, this.sheetId, spec)));
  }

  /** A1 to (getLastRow, getLastColumn). */
  getDataRange(): Range {
    this.ctx.meter.count('Sheet.getDataRange');
    return gas(new EmuRange(this.ctx, callSheets<RangeRef>(this.ctx, 'dataRange', this.ssId, this.sheetId)));
  }

  /** Writes after the last row with content, growing the grid when needed. */
  appendRow(rowContents: any[]): Sheet {
    if (!Array.isArray(rowContents)) signatureMismatch(this.ctx, [rowContents], 'SpreadsheetApp.Sheet.appendRow');
    this.ctx.meter.count('Sheet.appendRow', 0, rowContents.length);
    const grid: WireGrid = toWire([rowContents]);
    callSheets(this.ctx, 'appendRow', this.ssId, this.sheetId, grid);
    return gas(this);
  }

  deleteRow(rowPosition: number): Sheet {
    this.ctx.meter.count('Sheet.deleteRow');
    const row = integerArg(this.ctx, rowPosition, [rowPosition], 'SpreadsheetApp.Sheet.deleteRow');
    callSheets(this.ctx, 'deleteRows', this.ssId, this.sheetId, row, 1);
    return gas(this);
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.ctx.meter.count('Sheet.deleteRows');
    const args = [rowPosition, howMany];
    const row = integerArg(this.ctx, rowPosition, args, 'SpreadsheetApp.Sheet.deleteRows');
    const count = integerArg(this.ctx, howMany, args, 'SpreadsheetApp.Sheet.deleteRows');
    callSheets(this.ctx, 'deleteRows', this.ssId, this.sheetId, row, count);
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.ctx.meter.count('Sheet.insertRowsAfter');
    const args = [afterPosition, howMany];
    const after = integerArg(this.ctx, afterPosition, args, 'SpreadsheetApp.Sheet.insertRowsAfter');
    const count = integerArg(this.ctx, howMany, args, 'SpreadsheetApp.Sheet.insertRowsAfter');
    if (after < 1) this.ctx.fail(MSG.rowsOutOfBounds);
    callSheets(this.ctx, 'insertRows', this.ssId, this.sheetId, after + 1, count);
    return gas(this);
  }

  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    this.ctx.meter.count('Sheet.insertRowsBefore');
    const args = [beforePosition, howMany];
    const before = integerArg(this.ctx, beforePosition, args, 'SpreadsheetApp.Sheet.insertRowsBefore');
    const count = integerArg(this.ctx, howMany, args, 'SpreadsheetApp.Sheet.insertRowsBefore');
    callSheets(this.ctx, 'insertRows', this.ssId, this.sheetId, before, count);
    return gas(this);
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this.ctx.meter.count('Sheet.deleteColumns');
    const args = [columnPosition, howMany];
    const col = integerArg(this.ctx, columnPosition, args, 'SpreadsheetApp.Sheet.deleteColumns');
    const count = integerArg(this.ctx, howMany, args, 'SpreadsheetApp.Sheet.deleteColumns');
    callSheets(this.ctx, 'deleteColumns', this.ssId, this.sheetId, col, count);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.ctx.meter.count('Sheet.insertColumnsAfter');
    const args = [afterPosition, howMany];
    const after = integerArg(this.ctx, afterPosition, args, 'SpreadsheetApp.Sheet.insertColumnsAfter');
    const count = integerArg(this.ctx, howMany, args, 'SpreadsheetApp.Sheet.insertColumnsAfter');
    if (after < 1) this.ctx.fail(MSG.columnsOutOfBounds);
    callSheets(this.ctx, 'insertColumns', this.ssId, this.sheetId, after + 1, count);
    return gas(this);
  }

  /** Clears content and formatting; with options, only contents (contentsOnly) or formats (formatOnly). */
  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): Sheet {
    const only = options && (options.contentsOnly || options.formatOnly);
    const contents = !only || !!options?.contentsOnly;
    const formats = !only || !!options?.formatOnly;
    const cleared = callSheets<number>(this.ctx, 'clearSheet', this.ssId, this.sheetId, contents, formats);
    this.ctx.meter.count('Sheet.clear', 0, cleared);
    return gas(this);
  }

  /** Clears contents, keeping formatting. */
  clearContents(): Sheet {
    const cleared = callSheets<number>(this.ctx, 'clearSheet', this.ssId, this.sheetId, true, false);
    this.ctx.meter.count('Sheet.clearContents', 0, cleared);
    return gas(this);
  }

  setFrozenRows(rows: number): void {
    this.ctx.meter.count('Sheet.setFrozenRows');
    const n = integerArg(this.ctx, rows, [rows], 'SpreadsheetApp.Sheet.setFrozenRows');
    callSheets(this.ctx, 'setFrozenRows', this.ssId, this.sheetId, n);
  }
}
