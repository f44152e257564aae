// The few spreadsheet operations the store needs. gas/sheet-port.ts implements them over SpreadsheetApp;
// tests use the same implementation over the emulator. Every method is a constant number of service calls,
// whatever the number of rows, so the store's cost is visible here: one read or one write per call.
// Rows and columns are 1-based, as in Sheets. A port lives for one execution (it may cache sheet handles
// and grid sizes), so make a new one per request or trigger run.

/** A cell as Range.getValues gives it and Range.setValues takes it ('' is blank). */
export type Cell = string | number | boolean | Date;

/** What setup needs to know about an existing tab. */
export interface TabShape {
  /** Row 1 up to the last column with content, trailing blanks removed. */
  header: string[];
  /** The last row / column holding content anywhere in the tab (0 when empty). */
  lastRow: number;
  lastColumn: number;
  /** The grid's size: every cell of it counts toward the spreadsheet's 10-million-cell limit. */
  maxRows: number;
  maxColumns: number;
}

export interface SheetPort {
  /** The spreadsheet's time zone: dates and times in tabs are read and written in it. */
  timeZone(): string;
  hasTab(tab: string): boolean;
  /** Adds a tab at the end with this header in row 1 (written as text). */
  createTab(tab: string, header: readonly string[]): void;
  /** null when the tab does not exist. */
  shape(tab: string): TabShape | null;
  /**
   * The whole used area in ONE read: row 1 (the header) and every row below it up to the last row with
   * content, each padded or cut to `width`. Throws MissingTab when there is no such tab.
   */
  readAll(tab: string, width: number): { header: Cell[]; rows: Cell[][] };
  /** `count` rows from `startRow`, `width` columns, in ONE read ([] when count is 0). */
  readRows(tab: string, startRow: number, count: number, width: number): Cell[][];
  /**
   * Every row from `startRow` to the bottom of the grid, `width` columns, in ONE read (an open-ended range,
   * so nothing below the data escapes it; blank rows included). Throws when `startRow` is below the grid.
   */
  readBelow(tab: string, startRow: number, width: number): Cell[][];
  /** Row `row` across the grid's whole width, in ONE read (an open-ended range: never outside the grid). */
  readRowAcross(tab: string, row: number): Cell[];
  /** The last row with content (1 = only the header). */
  lastRow(tab: string): number;
  /**
   * The rows (from row 2 down, ascending) whose cell in `column` displays exactly `text`, case included: ONE
   * search on the sheet (TextFinder), whatever the tab's size, and no cell values read.
   */
  findInColumn(tab: string, column: number, text: string): number[];
  /** Row 1's formulas over `width` columns ('' where a cell holds none), in ONE read. */
  headerFormulas(tab: string, width: number): string[];
  /** Puts a formula into one cell in ONE write, growing the grid first if it is too small. */
  setFormulaAt(tab: string, row: number, column: number, formula: string): void;
  /**
   * Adds one row below the last row with content in ONE call (Sheet.appendRow, which also grows the grid),
   * for a single row where knowing the last row would cost a call of its own.
   */
  appendRow(tab: string, cells: Cell[]): void;
  /** Writes a block at (startRow, column 1) in ONE write, growing the grid first if it is too small. */
  writeRows(tab: string, startRow: number, rows: Cell[][]): void;
  deleteRows(tab: string, startRow: number, count: number): void;
  /** A number format for a column from row 2 down, e.g. 'yyyy-mm-dd hh:mm:ss'. */
  setColumnFormat(tab: string, column: number, format: string): void;
  setFrozenRows(tab: string, rows: number): void;
  /**
   * Makes the grid exactly `width` columns wide: adds missing columns and deletes the empty ones to the right
   * (a new sheet is 26 wide, which would waste most of a large tab's cells). Columns holding content are
   * never deleted. Returns how many columns were removed.
   */
  fitColumns(tab: string, width: number): number;
  /**
   * Makes the grid `lastRow + spare` rows tall when it is much taller (more than twice the spare below the
   * data): an open-ended read spans the whole grid, so a tab read whole costs what its grid holds, not what
   * its data holds. Rows holding content are never deleted. Returns how many rows were removed.
   */
  fitRows(tab: string, spare: number): number;
}

/** The most spare rows a grid keeps below its data (see spareRows). */
export const MAX_SPARE_ROWS = 500;

/**
 * Rows kept below the data of a tab read whole: a tenth of the rows, at least 20 (room for a few more
 * people), at most MAX_SPARE_ROWS. The cap matters only to a tab of thousands of rows, which is the Schedule:
 * its readers look at every row below the data its index covers (store/schedule-rows.ts), so the spare
 * rows are read on every bounded read and must not grow with the tab.
 */
export function spareRows(rows: number): number {
  return Math.min(MAX_SPARE_ROWS, Math.max(20, Math.ceil(rows / 10)));
}
