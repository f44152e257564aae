// Sheet: one tab, held as (spreadsheet id, sheet id). Every call that needs the model is one host call.
import type { FacadeContext } from '../../runtime/contracts.ts';
import { MSG, type RangeRef, type RangeSpec, type SheetProp, type WireGrid } from '../../model/sheets-protocol.ts';
import { callSheets, gas, integerArg, signatureMismatch, toWire } from './wire.ts';
import { EmuRange } from './range.ts';
import { EmuSpreadsheet } from './spreadsheet.ts';
import { chartFromSpec, chartStateOf, newChartBuilder, specOf, type ChartState } from './charts.ts';
import type { ChartSpec } from '../../model/types.ts';

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
      | 'getActiveRange'
      | 'newChart'
      | 'insertChart'
      | 'updateChart'
      | 'removeChart'
      | 'getCharts'
      | 'autoResizeColumn'
      | 'autoResizeColumns'
      | 'setColumnWidth'
      | 'setColumnWidths'
      | 'getColumnWidth'
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

  /**
   * reference/spreadsheet/sheet#getActiveRange: "the selected range in the active sheet", whichever Sheet
   * it is asked of (the docs tie it to the active sheet, not to this one).
   */
  getActiveRange(): Range {
    this.ctx.meter.count('Sheet.getActiveRange');
    return gas(new EmuRange(this.ctx, callSheets<{ range: RangeRef }>(this.ctx, 'active', this.ssId).range));
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

  // ---- column widths ----

  /** reference/spreadsheet/sheet#setColumnWidth(Integer,Integer): width in pixels. */
  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.ctx.meter.count('Sheet.setColumnWidth');
    const args = [columnPosition, width];
    const col = integerArg(this.ctx, columnPosition, args, 'SpreadsheetApp.Sheet.setColumnWidth');
    const px = integerArg(this.ctx, width, args, 'SpreadsheetApp.Sheet.setColumnWidth');
    callSheets(this.ctx, 'setColumnWidths', this.ssId, this.sheetId, col, 1, px);
    return gas(this);
  }

  /** reference/spreadsheet/sheet#setColumnWidths(Integer,Integer,Integer): numColumns columns from startColumn. */
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    this.ctx.meter.count('Sheet.setColumnWidths');
    const args = [startColumn, numColumns, width];
    const m = 'SpreadsheetApp.Sheet.setColumnWidths';
    const col = integerArg(this.ctx, startColumn, args, m);
    const count = integerArg(this.ctx, numColumns, args, m);
    const px = integerArg(this.ctx, width, args, m);
    callSheets(this.ctx, 'setColumnWidths', this.ssId, this.sheetId, col, count, px);
    return gas(this);
  }

  /** The column's width in pixels (100 for one nobody sized). */
  getColumnWidth(columnPosition: number): number {
    this.ctx.meter.count('Sheet.getColumnWidth');
    const col = integerArg(this.ctx, columnPosition, [columnPosition], 'SpreadsheetApp.Sheet.getColumnWidth');
    return callSheets<number>(this.ctx, 'columnWidth', this.ssId, this.sheetId, col);
  }

  /** reference/spreadsheet/sheet#autoResizeColumn(Integer): "Sets the width of the given column to fit its contents." */
  autoResizeColumn(columnPosition: number): Sheet {
    this.ctx.meter.count('Sheet.autoResizeColumn');
    const col = integerArg(this.ctx, columnPosition, [columnPosition], 'SpreadsheetApp.Sheet.autoResizeColumn');
    callSheets(this.ctx, 'autoResizeColumns', this.ssId, this.sheetId, col, 1);
    return gas(this);
  }

  /**
   * reference/spreadsheet/sheet#autoResizeColumns(Integer,Integer): "Sets the width of all columns starting
   * at the given column position to fit their contents." (The width is estimated: host/sheets.ts.)
   */
  autoResizeColumns(startColumn: number, numColumns: number): Sheet {
    this.ctx.meter.count('Sheet.autoResizeColumns');
    const args = [startColumn, numColumns];
    const col = integerArg(this.ctx, startColumn, args, 'SpreadsheetApp.Sheet.autoResizeColumns');
    const count = integerArg(this.ctx, numColumns, args, 'SpreadsheetApp.Sheet.autoResizeColumns');
    callSheets(this.ctx, 'autoResizeColumns', this.ssId, this.sheetId, col, count);
    return gas(this);
  }

  // ---- embedded charts (charts.ts) ----

  /** reference/spreadsheet/sheet#newChart(): a builder; nothing is on the sheet until insertChart. */
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.ctx.meter.count('Sheet.newChart');
    return newChartBuilder(this.ctx, this.ssId);
  }

  /** reference/spreadsheet/sheet#insertChart(EmbeddedChart): adds a built chart to this sheet. */
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.ctx.meter.count('Sheet.insertChart');
    const state = this.chartArg(chart, 'insertChart');
    state.chartId = callSheets<number>(this.ctx, 'insertChart', this.ssId, this.sheetId, specOf(state));
  }

  /** reference/spreadsheet/sheet#updateChart(EmbeddedChart): stores a chart changed through modify(). */
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.ctx.meter.count('Sheet.updateChart');
    const state = this.chartArg(chart, 'updateChart');
    if (state.chartId === null) this.ctx.fail(MSG.chartNotFound);
    callSheets(this.ctx, 'updateChart', this.ssId, this.sheetId, { ...specOf(state), id: state.chartId });
  }

  /** reference/spreadsheet/sheet#removeChart(EmbeddedChart). */
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.ctx.meter.count('Sheet.removeChart');
    const state = chartStateOf(chart);
    if (!state) signatureMismatch(this.ctx, [chart], 'SpreadsheetApp.Sheet.removeChart');
    if (state.chartId !== null) callSheets(this.ctx, 'removeChart', this.ssId, this.sheetId, state.chartId);
  }

  /** reference/spreadsheet/sheet#getCharts(): "an array of charts on this sheet". */
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    this.ctx.meter.count('Sheet.getCharts');
    return callSheets<ChartSpec[]>(this.ctx, 'charts', this.ssId, this.sheetId).map((spec) => chartFromSpec(this.ctx, this.ssId, spec));
  }

  private chartArg(chart: unknown, method: string): ChartState {
    const state = chartStateOf(chart);
    if (!state) return signatureMismatch(this.ctx, [chart], `SpreadsheetApp.Sheet.${method}`);
    if (state.ranges.some((r) => r.ss !== this.ssId)) this.ctx.fail(MSG.chartRangeElsewhere);
    return state;
  }
}
