// What the SpreadsheetApp facades (execution side) and the 'sheets' host service exchange.
// Everything is structured-clonable plain data. The facades hold only these ids and coordinates.

/** Apps Script's messages, shared by both sides so a message is spelled once. */
export const MSG = {
  rowTooSmall: 'The starting row of the range is too small.',
  columnTooSmall: 'The starting column of the range is too small.',
  rowsTooFew: 'The number of rows in the range must be at least 1.',
  columnsTooFew: 'The number of columns in the range must be at least 1.',
  outsideSheet: 'The coordinates of the range are outside the dimensions of the sheet.',
  rangeNotFound: 'Range not found',
  rowsOutOfBounds: 'Those rows are out of bounds.',
  columnsOutOfBounds: 'Those columns are out of bounds.',
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteAllColumns: 'Sorry, it is not possible to delete all non-frozen columns.',
  deleteAllSheets: "You can't remove all the sheets in a document.",
  cellLimit: 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
  openById: 'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
  getUiContext: 'Cannot call SpreadsheetApp.getUi() from this context.',
  // Apps Script's form for a refused argument (as ClockTriggerBuilder.inTimezone has it); the text for this
  // method is not published, the refusal itself is what matters.
  invalidTimeZone: 'Invalid argument: timezone',
  // Charts: Google does not publish these texts; what matters is that the call is refused.
  chartNotFound: 'The chart is not in this sheet.',
  chartRangeElsewhere: 'A chart can only read ranges of its own spreadsheet.',
  sheetExists: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
} as const;

/** Sheets' limit on the cells of one spreadsheet (sum of maxRows * maxColumns over its sheets). */
export const CELL_LIMIT = 10_000_000;

/** What getNumberFormat reports for a cell with the automatic format. */
export const AUTOMATIC_FORMAT_PATTERN = '0.###############';

export interface SheetRef {
  id: number;
  name: string;
}

export interface RangeRef {
  ss: string;
  sheet: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export type RangeSpec = { a1: string } | { row: number; col: number; rows: number; cols: number };

/**
 * A grid crossing the thread boundary. Dates travel as epoch ms at the positions listed in `d`
 * (flat pairs i, j): each side rebuilds Dates of its own realm without walking every cell twice.
 */
export interface WireGrid {
  v: unknown[][];
  d: number[];
}

export type ReadMode = 'values' | 'display' | 'formulas' | 'formats';

export type SheetProp = 'name' | 'index' | 'lastRow' | 'lastColumn' | 'maxRows' | 'maxColumns' | 'frozenRows';

export interface SpreadsheetInfo {
  id: string;
  name: string;
  timeZone: string;
}
