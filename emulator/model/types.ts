// The in-memory workbook model shared by the host services and the persistence layer.
// Every change to a spreadsheet is an Op: the host applies it with applyOp() and the journal
// records the very same object, so replaying the journal rebuilds the state exactly.

/** A stored cell value. '' is a blank cell, as Apps Script reports it. */
export type CellValue = string | number | boolean | Date;

/** A number-format rule over a rectangle; later rules win. r2/c2 may be Infinity (open-ended, "B2:B"). */
export interface FormatRule {
  r1: number; // 1-based, inclusive
  c1: number;
  r2: number;
  c2: number;
  format: string; // '@' is plain text, '' resets to automatic
}

export interface SheetModel {
  /** Stable id, as Sheet.getSheetId(). */
  id: number;
  name: string;
  /** Row-major grid of the used area: rows[r-1][c-1]. Rows may be shorter than the widest row (missing = ''). */
  rows: CellValue[][];
  /** Grid size as Sheets sees it (getMaxRows/getMaxColumns); at least the used area. */
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  formats: FormatRule[];
  /** Formulas by key (row-1)*MAX_COLUMNS+(col-1); reads compute their values (formula.ts), nothing stores them. */
  formulas: Map<number, string>;
  /**
   * Cell formatting other than number formats, one list of disjoint rules per attribute (the rule's `format`
   * holds the attribute's value, see CellStyleKey). Absent when the sheet has none, so a sheet without
   * formatting looks as it did before these existed.
   */
  styles?: Partial<Record<CellStyleKey, FormatRule[]>>;
  /** Column widths in pixels set by setColumnWidth(s) / autoResizeColumns, by column; absent: Sheets' 100. */
  columnWidths?: Record<number, number>;
  /** Embedded charts (Sheet.insertChart), in insertion order; absent when none. */
  charts?: ChartSpec[];
}

/**
 * What a cell style rule's `format` holds, per attribute ('' never: a reset removes the rule):
 * fontWeight 'bold'; background a colour '#rrggbb'; horizontalAlignment 'left' | 'center' | 'right';
 * wrap 'true' | 'false'.
 */
export type CellStyleKey = 'fontWeight' | 'background' | 'horizontalAlignment' | 'wrap';

/** A rectangle a chart reads, on any sheet of the chart's spreadsheet. */
export interface ChartRange {
  sheet: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** An embedded chart as EmbeddedChartBuilder.build() describes it (the emulator draws nothing). */
export interface ChartSpec {
  /** EmbeddedChart.getChartId: unique in the spreadsheet, given by insertChart. */
  id: number;
  /** A Charts.ChartType name ('COLUMN', 'LINE', ...); '' when the script set none. */
  type: string;
  ranges: ChartRange[];
  /** setPosition(anchorRowPos, anchorColPos, offsetX, offsetY), 1-based anchor. */
  position: { row: number; col: number; offsetX: number; offsetY: number };
  /** setOption(name, value) and the typed builders' setters (setTitle is 'title', setStacked 'isStacked'). */
  options: Record<string, unknown>;
  /** setNumHeaders; absent when not set. */
  numHeaders?: number;
  /** setTransposeRowsAndColumns; absent when not set. */
  transpose?: boolean;
}

export const MAX_COLUMNS = 18278; // Sheets' column limit (ZZZ)

export interface SpreadsheetModel {
  id: string;
  name: string;
  timeZone: string;
  /** In tab order. */
  sheets: SheetModel[];
  /** The next id given to a new sheet. */
  nextSheetId: number;
}

/** Every change. Values inside ops are already "as stored" (parsing of user-entered strings done before). */
export type Op =
  | { t: 'createSpreadsheet'; ss: string; name: string; timeZone: string }
  | { t: 'renameSpreadsheet'; ss: string; name: string }
  | { t: 'setSpreadsheetTimeZone'; ss: string; timeZone: string }
  | { t: 'insertSheet'; ss: string; sheetId: number; name: string; index: number; rows: number; columns: number }
  | { t: 'deleteSheet'; ss: string; sheetId: number }
  | { t: 'renameSheet'; ss: string; sheetId: number; name: string }
  | { t: 'setValues'; ss: string; sheetId: number; row: number; col: number; values: CellValue[][]; formulas?: (string | null)[][] }
  | { t: 'clear'; ss: string; sheetId: number; r1: number; c1: number; r2: number; c2: number; contents: boolean; formats: boolean }
  | { t: 'deleteRows'; ss: string; sheetId: number; row: number; count: number }
  | { t: 'insertRows'; ss: string; sheetId: number; row: number; count: number }
  | { t: 'deleteColumns'; ss: string; sheetId: number; col: number; count: number }
  | { t: 'insertColumns'; ss: string; sheetId: number; col: number; count: number }
  | { t: 'setFrozenRows'; ss: string; sheetId: number; rows: number }
  | { t: 'setNumberFormat'; ss: string; sheetId: number; rule: FormatRule }
  /** rule.format '' resets the attribute over the rectangle. */
  | { t: 'setCellStyle'; ss: string; sheetId: number; key: CellStyleKey; rule: FormatRule }
  /** width in pixels; null resets to the default. */
  | { t: 'setColumnWidths'; ss: string; sheetId: number; col: number; count: number; width: number | null }
  | { t: 'insertChart'; ss: string; sheetId: number; chart: ChartSpec }
  | { t: 'updateChart'; ss: string; sheetId: number; chart: ChartSpec }
  | { t: 'removeChart'; ss: string; sheetId: number; chartId: number };

/** All spreadsheets the runtime knows, by id. */
export type Workbooks = Map<string, SpreadsheetModel>;
