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
  | { t: 'setNumberFormat'; ss: string; sheetId: number; rule: FormatRule };

/** All spreadsheets the runtime knows, by id. */
export type Workbooks = Map<string, SpreadsheetModel>;
