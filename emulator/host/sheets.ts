// Host service 'sheets': every read and write of the SpreadsheetApp facades lands here, in the main thread,
// against the one WorkbookStore. Reads look at the model; every change is an Op through workbooks.apply,
// so it is journaled. Each method is one facade call's whole work (one round trip).
import { GasError, type ExecutionInfo } from '../runtime/contracts.ts';
import type { HostDeps, HostService } from './deps.ts';
import { cellAt, cellStyleAt, columnWidthOf, formulaKey, lastColumn, lastRow, DEFAULT_COLUMNS, DEFAULT_ROWS } from '../model/apply.ts';
import { parseUserEntered, displayValue, parseA1 } from '../model/values.ts';
import { FormulaEngine } from '../model/formula.ts';
import { isValidTimeZone } from '../model/timezone.ts';
import {
  AUTOMATIC_FORMAT_PATTERN,
  CELL_LIMIT,
  MSG,
  type RangeRef,
  type RangeSpec,
  type ReadMode,
  type SheetProp,
  type SheetRef,
  type SpreadsheetInfo,
  type WireGrid,
} from '../model/sheets-protocol.ts';
import type { CellStyleKey, CellValue, ChartSpec, FormatRule, Op, SheetModel, SpreadsheetModel } from '../model/types.ts';
import { selectionOf } from './selection.ts';

/**
 * Executions with a person at the spreadsheet (a dialog's google.script.run, a menu item, onOpen) see what
 * that person selected; a web-app request or a time-driven trigger has no window, so it sees the default.
 */
const SEES_SELECTION: ReadonlySet<ExecutionInfo['kind']> = new Set(['rpc', 'manual', 'simple']);

export function createSheetsHost(deps: HostDeps): HostService {
  const store = deps.workbooks;

  const spreadsheet = (id: string): SpreadsheetModel => {
    const ss = store.get(id);
    if (!ss) throw new GasError(MSG.openById);
    return ss;
  };
  const sheetOf = (ss: SpreadsheetModel, sheetId: number): SheetModel => {
    const sheet = ss.sheets.find((s) => s.id === sheetId);
    // The facade still holds a sheet that another call deleted.
    if (!sheet) throw new GasError(`Sheet ${sheetId} not found (it was deleted).`);
    return sheet;
  };
  const locate = (ssId: string, sheetId: number): { ss: SpreadsheetModel; sheet: SheetModel } => {
    const ss = spreadsheet(ssId);
    return { ss, sheet: sheetOf(ss, sheetId) };
  };
  const apply = (op: Op): void => store.apply(op);

  const checkCellLimit = (ss: SpreadsheetModel, extraCells: number): void => {
    if (extraCells <= 0) return;
    if (totalCells(ss) + extraCells > CELL_LIMIT) throw new GasError(MSG.cellLimit);
  };

  const checkNewSheetName = (ss: SpreadsheetModel, name: string, except?: number): void => {
    const lower = name.toLowerCase();
    // Sheets compares tab names without regard to case.
    if (ss.sheets.some((s) => s.id !== except && s.name.toLowerCase() === lower)) throw new GasError(MSG.sheetExists(name));
  };

  /** A range still inside the grid (rows may have been deleted since getRange). */
  const rangeSheet = (ref: RangeRef): { ss: SpreadsheetModel; sheet: SheetModel } => {
    const found = locate(ref.ss, ref.sheet);
    if (ref.row + ref.rows - 1 > found.sheet.maxRows || ref.col + ref.cols - 1 > found.sheet.maxColumns) {
      throw new GasError(MSG.outsideSheet);
    }
    return found;
  };

  const service = {
    // ---- spreadsheets ----

    /** SpreadsheetApp.openById / getActiveSpreadsheet. */
    open(_exec: ExecutionInfo, ssId: string): SpreadsheetInfo {
      const ss = spreadsheet(ssId);
      return { id: ss.id, name: ss.name, timeZone: ss.timeZone };
    },

    /** SpreadsheetApp.create(name[, rows, columns]): the first sheet gets the given grid size. */
    create(_exec: ExecutionInfo, name: string, rows?: number, columns?: number): SpreadsheetInfo {
      const r = rows ?? DEFAULT_ROWS;
      const c = columns ?? DEFAULT_COLUMNS;
      if (r * c > CELL_LIMIT) throw new GasError(MSG.cellLimit);
      const id = store.create(name);
      const ss = spreadsheet(id);
      const first = ss.sheets[0];
      resizeSheet(ss, first, r, c, apply);
      return { id, name: ss.name, timeZone: ss.timeZone };
    },

    rename(_exec: ExecutionInfo, ssId: string, name: string): void {
      spreadsheet(ssId);
      apply({ t: 'renameSpreadsheet', ss: ssId, name });
    },

    /** Spreadsheet.setSpreadsheetTimeZone: only a zone Sheets knows (an IANA name). */
    setTimeZone(_exec: ExecutionInfo, ssId: string, timeZone: string): void {
      spreadsheet(ssId);
      if (!isValidTimeZone(timeZone)) throw new GasError(MSG.invalidTimeZone);
      apply({ t: 'setSpreadsheetTimeZone', ss: ssId, timeZone });
    },

    sheets(_exec: ExecutionInfo, ssId: string): SheetRef[] {
      return spreadsheet(ssId).sheets.map((s) => ({ id: s.id, name: s.name }));
    },

    /** The leftmost sheet with that name, or null (Spreadsheet.getSheetByName). */
    sheetByName(_exec: ExecutionInfo, ssId: string, name: string): SheetRef | null {
      const s = spreadsheet(ssId).sheets.find((x) => x.name === name);
      return s ? { id: s.id, name: s.name } : null;
    },

    sheetById(_exec: ExecutionInfo, ssId: string, sheetId: number): SheetRef | null {
      const s = spreadsheet(ssId).sheets.find((x) => x.id === sheetId);
      return s ? { id: s.id, name: s.name } : null;
    },

    /** name null: "SheetN"; index null: after the last tab. */
    insertSheet(_exec: ExecutionInfo, ssId: string, name: string | null, index: number | null): SheetRef {
      const ss = spreadsheet(ssId);
      const finalName = name ?? defaultSheetName(ss);
      checkNewSheetName(ss, finalName);
      checkCellLimit(ss, DEFAULT_ROWS * DEFAULT_COLUMNS);
      const at = index === null ? ss.sheets.length : Math.max(0, Math.min(index, ss.sheets.length));
      const sheetId = ss.nextSheetId;
      apply({ t: 'insertSheet', ss: ssId, sheetId, name: finalName, index: at, rows: DEFAULT_ROWS, columns: DEFAULT_COLUMNS });
      return { id: sheetId, name: finalName };
    },

    deleteSheet(_exec: ExecutionInfo, ssId: string, sheetId: number): void {
      const { ss } = locate(ssId, sheetId);
      if (ss.sheets.length <= 1) throw new GasError(MSG.deleteAllSheets);
      apply({ t: 'deleteSheet', ss: ssId, sheetId });
    },

    /**
     * Spreadsheet.getActiveSheet / getActiveRange: the tab and the range the admin selected on the /admin
     * page (host/selection.ts). Without one, the first tab and its A1: the documentation's getActiveRange
     * answers null only "if there is no active range", and an open spreadsheet always has one (the cursor
     * cell); a script run with no window (editor, trigger) gets the leftmost tab and A1, as is widely
     * reported. Only the last rectangle counts, as the docs say of several selected ranges.
     */
    active(exec: ExecutionInfo, ssId: string): { sheet: SheetRef; range: RangeRef } {
      const ss = spreadsheet(ssId);
      const chosen = SEES_SELECTION.has(exec.kind) ? selectionOf(deps, ss) : undefined;
      const tab = (chosen && ss.sheets.find((s) => s.id === chosen.sheet)) ?? ss.sheets[0];
      const at = chosen ?? { row: 1, col: 1, rows: 1, cols: 1 };
      return {
        sheet: { id: tab.id, name: tab.name },
        range: { ss: ssId, sheet: tab.id, row: at.row, col: at.col, rows: at.rows, cols: at.cols },
      };
    },

    // ---- sheets ----

    sheetProp(_exec: ExecutionInfo, ssId: string, sheetId: number, prop: SheetProp): string | number {
      const { ss, sheet } = locate(ssId, sheetId);
      switch (prop) {
        case 'name':
          return sheet.name;
        case 'index':
          return ss.sheets.indexOf(sheet) + 1;
        case 'lastRow':
          return lastRow(sheet);
        case 'lastColumn':
          return lastColumn(sheet);
        case 'maxRows':
          return sheet.maxRows;
        case 'maxColumns':
          return sheet.maxColumns;
        case 'frozenRows':
          return sheet.frozenRows;
      }
    },

    renameSheet(_exec: ExecutionInfo, ssId: string, sheetId: number, name: string): void {
      const { ss } = locate(ssId, sheetId);
      checkNewSheetName(ss, name, sheetId);
      apply({ t: 'renameSheet', ss: ssId, sheetId, name });
    },

    /** Sheet.getRange: resolves A1 notation and checks the grid. */
    range(_exec: ExecutionInfo, ssId: string, sheetId: number, spec: RangeSpec): RangeRef {
      const { ss, sheet: own } = locate(ssId, sheetId);
      let sheet = own;
      let row: number, col: number, rows: number, cols: number;
      if ('a1' in spec) {
        const ref = parseA1(spec.a1);
        if (!ref) throw new GasError(MSG.rangeNotFound);
        if (ref.sheetName !== undefined) {
          const named = ss.sheets.find((s) => s.name === ref.sheetName);
          if (!named) throw new GasError(MSG.rangeNotFound);
          sheet = named;
        }
        row = ref.r1;
        col = ref.c1;
        rows = (ref.r2 === Infinity ? sheet.maxRows : ref.r2) - row + 1;
        cols = (ref.c2 === Infinity ? sheet.maxColumns : ref.c2) - col + 1;
        if (rows < 1 || cols < 1) throw new GasError(MSG.outsideSheet);
      } else {
        ({ row, col, rows, cols } = spec);
      }
      if (row + rows - 1 > sheet.maxRows || col + cols - 1 > sheet.maxColumns) throw new GasError(MSG.outsideSheet);
      return { ss: ssId, sheet: sheet.id, row, col, rows, cols };
    },

    /** Sheet.getDataRange: A1 to (lastRow, lastColumn), A1 alone on an empty sheet. */
    dataRange(_exec: ExecutionInfo, ssId: string, sheetId: number): RangeRef {
      const { sheet } = locate(ssId, sheetId);
      return { ss: ssId, sheet: sheetId, row: 1, col: 1, rows: Math.max(1, lastRow(sheet)), cols: Math.max(1, lastColumn(sheet)) };
    },

    appendRow(_exec: ExecutionInfo, ssId: string, sheetId: number, contents: WireGrid): void {
      const { ss, sheet } = locate(ssId, sheetId);
      const width = contents.v[0]?.length ?? 0;
      if (width === 0) return;
      const row = lastRow(sheet) + 1;
      const newRows = Math.max(sheet.maxRows, row);
      const newCols = Math.max(sheet.maxColumns, width);
      checkCellLimit(ss, newRows * newCols - sheet.maxRows * sheet.maxColumns);
      const parsed = parseGrid(ss, sheet, row, 1, contents);
      apply({ t: 'setValues', ss: ssId, sheetId, row, col: 1, ...parsed });
    },

    deleteRows(_exec: ExecutionInfo, ssId: string, sheetId: number, row: number, count: number): void {
      const { sheet } = locate(ssId, sheetId);
      if (!(row >= 1) || !(count >= 1) || row + count - 1 > sheet.maxRows) throw new GasError(MSG.rowsOutOfBounds);
      if (sheet.maxRows - count <= sheet.frozenRows) throw new GasError(MSG.deleteAllRows);
      apply({ t: 'deleteRows', ss: ssId, sheetId, row, count });
    },

    /** New rows start at `row` (insertRowsBefore(row) / insertRowsAfter(row - 1)). */
    insertRows(_exec: ExecutionInfo, ssId: string, sheetId: number, row: number, count: number): void {
      const { ss, sheet } = locate(ssId, sheetId);
      if (!(row >= 1) || !(count >= 1) || row > sheet.maxRows + 1) throw new GasError(MSG.rowsOutOfBounds);
      checkCellLimit(ss, count * sheet.maxColumns);
      apply({ t: 'insertRows', ss: ssId, sheetId, row, count });
    },

    deleteColumns(_exec: ExecutionInfo, ssId: string, sheetId: number, col: number, count: number): void {
      const { sheet } = locate(ssId, sheetId);
      if (!(col >= 1) || !(count >= 1) || col + count - 1 > sheet.maxColumns) throw new GasError(MSG.columnsOutOfBounds);
      if (sheet.maxColumns - count <= 0) throw new GasError(MSG.deleteAllColumns);
      apply({ t: 'deleteColumns', ss: ssId, sheetId, col, count });
    },

    insertColumns(_exec: ExecutionInfo, ssId: string, sheetId: number, col: number, count: number): void {
      const { ss, sheet } = locate(ssId, sheetId);
      if (!(col >= 1) || !(count >= 1) || col > sheet.maxColumns + 1) throw new GasError(MSG.columnsOutOfBounds);
      checkCellLimit(ss, count * sheet.maxRows);
      apply({ t: 'insertColumns', ss: ssId, sheetId, col, count });
    },

    setFrozenRows(_exec: ExecutionInfo, ssId: string, sheetId: number, rows: number): void {
      const { sheet } = locate(ssId, sheetId);
      if (!(rows >= 0) || rows > sheet.maxRows) throw new GasError(MSG.rowsOutOfBounds);
      apply({ t: 'setFrozenRows', ss: ssId, sheetId, rows });
    },

    /** Sheet.clear / clearContents: returns the number of used cells it cleared. */
    clearSheet(_exec: ExecutionInfo, ssId: string, sheetId: number, contents: boolean, formats: boolean): number {
      const { sheet } = locate(ssId, sheetId);
      const used = lastRow(sheet) * lastColumn(sheet);
      apply({ t: 'clear', ss: ssId, sheetId, r1: 1, c1: 1, r2: sheet.maxRows, c2: sheet.maxColumns, contents, formats });
      return used;
    },

    // ---- ranges ----

    read(_exec: ExecutionInfo, ref: RangeRef, mode: ReadMode): WireGrid {
      const { ss, sheet } = rangeSheet(ref);
      switch (mode) {
        case 'values':
          return readValues(ss, sheet, ref, deps.clock.now());
        case 'display':
          return { v: readDisplay(ss, sheet, ref, deps.clock.now()), d: [] };
        case 'formulas':
          return { v: readFormulas(sheet, ref), d: [] };
        case 'formats':
          return { v: readFormats(sheet, ref), d: [] };
      }
    },

    /**
     * TextFinder.findAll over a range: the cells whose displayed value matches, row by row, as flat
     * (row, column) pairs. Only the used part of the range is searched (blank cells never match).
     */
    findText(_exec: ExecutionInfo, ref: RangeRef, text: string, o: { matchCase: boolean; entireCell: boolean }): number[] {
      const { ss, sheet } = rangeSheet(ref);
      const used = { ...ref, rows: Math.max(0, Math.min(ref.rows, lastRow(sheet) - ref.row + 1)) };
      if (used.rows === 0 || text === '') return [];
      const wanted = o.matchCase ? text : text.toLowerCase();
      const shown = readDisplay(ss, sheet, used, deps.clock.now());
      const out: number[] = [];
      shown.forEach((row, i) =>
        row.forEach((cell, j) => {
          const have = o.matchCase ? cell : cell.toLowerCase();
          if (o.entireCell ? have === wanted : have.includes(wanted)) out.push(ref.row + i, ref.col + j);
        }),
      );
      return out;
    },

    /** Range.setValues (the facade has checked the shape). */
    write(_exec: ExecutionInfo, ref: RangeRef, values: WireGrid): void {
      const { ss, sheet } = rangeSheet(ref);
      const parsed = parseGrid(ss, sheet, ref.row, ref.col, values);
      apply({ t: 'setValues', ss: ref.ss, sheetId: ref.sheet, row: ref.row, col: ref.col, ...parsed });
    },

    /** Range.setValue: the same value in every cell of the range. */
    fill(_exec: ExecutionInfo, ref: RangeRef, value: WireGrid): void {
      const { ss, sheet } = rangeSheet(ref);
      const one = value.v[0][0];
      const isDate = value.d.length > 0;
      const grid: WireGrid = { v: [], d: [] };
      for (let i = 0; i < ref.rows; i++) {
        grid.v.push(new Array(ref.cols).fill(one));
        if (isDate) for (let j = 0; j < ref.cols; j++) grid.d.push(i, j);
      }
      const parsed = parseGrid(ss, sheet, ref.row, ref.col, grid);
      apply({ t: 'setValues', ss: ref.ss, sheetId: ref.sheet, row: ref.row, col: ref.col, ...parsed });
    },

    /** Range.setFormula: the formula in every cell (stored; reads compute it, model/formula.ts). */
    setFormula(_exec: ExecutionInfo, ref: RangeRef, formula: string): void {
      rangeSheet(ref);
      const f = formula.startsWith('=') ? formula : `=${formula}`;
      const values: CellValue[][] = [];
      const formulas: (string | null)[][] = [];
      for (let i = 0; i < ref.rows; i++) {
        values.push(new Array<CellValue>(ref.cols).fill(''));
        formulas.push(new Array<string | null>(ref.cols).fill(f));
      }
      apply({ t: 'setValues', ss: ref.ss, sheetId: ref.sheet, row: ref.row, col: ref.col, values, formulas });
    },

    clear(_exec: ExecutionInfo, ref: RangeRef, contents: boolean, formats: boolean): void {
      rangeSheet(ref);
      apply({
        t: 'clear',
        ss: ref.ss,
        sheetId: ref.sheet,
        r1: ref.row,
        c1: ref.col,
        r2: ref.row + ref.rows - 1,
        c2: ref.col + ref.cols - 1,
        contents,
        formats,
      });
    },

    setNumberFormat(_exec: ExecutionInfo, ref: RangeRef, format: string): void {
      rangeSheet(ref);
      const rule: FormatRule = { r1: ref.row, c1: ref.col, r2: ref.row + ref.rows - 1, c2: ref.col + ref.cols - 1, format };
      apply({ t: 'setNumberFormat', ss: ref.ss, sheetId: ref.sheet, rule });
    },

    /** One rule per run of equal formats in a row; apply merges runs stacked over each other. */
    setNumberFormats(_exec: ExecutionInfo, ref: RangeRef, formats: string[][]): void {
      rangeSheet(ref);
      for (let i = 0; i < ref.rows; i++) {
        const r = ref.row + i;
        let start = 0;
        for (let j = 1; j <= ref.cols; j++) {
          if (j < ref.cols && formats[i][j] === formats[i][start]) continue;
          const rule: FormatRule = { r1: r, r2: r, c1: ref.col + start, c2: ref.col + j - 1, format: String(formats[i][start] ?? '') };
          apply({ t: 'setNumberFormat', ss: ref.ss, sheetId: ref.sheet, rule });
          start = j;
        }
      }
    },

    // ---- cell formatting, column widths ----

    /** Range.setFontWeight / setBackground / setHorizontalAlignment / setWrap; value '' resets (the facade normalised it). */
    setCellStyle(_exec: ExecutionInfo, ref: RangeRef, key: CellStyleKey, value: string): void {
      rangeSheet(ref);
      const rule: FormatRule = { r1: ref.row, c1: ref.col, r2: ref.row + ref.rows - 1, c2: ref.col + ref.cols - 1, format: value };
      apply({ t: 'setCellStyle', ss: ref.ss, sheetId: ref.sheet, key, rule });
    },

    /** The attribute per cell of the range, '' where it has its default. */
    readCellStyle(_exec: ExecutionInfo, ref: RangeRef, key: CellStyleKey): string[][] {
      const { sheet } = rangeSheet(ref);
      const out: string[][] = [];
      for (let i = 0; i < ref.rows; i++) {
        const row: string[] = new Array(ref.cols);
        for (let j = 0; j < ref.cols; j++) row[j] = sheet.styles?.[key] ? cellStyleAt(sheet, key, ref.row + i, ref.col + j) : '';
        out.push(row);
      }
      return out;
    },

    /** Sheet.getColumnWidth, in pixels. */
    columnWidth(_exec: ExecutionInfo, ssId: string, sheetId: number, col: number): number {
      const { sheet } = locate(ssId, sheetId);
      if (!(col >= 1) || col > sheet.maxColumns) throw new GasError(MSG.columnsOutOfBounds);
      return columnWidthOf(sheet, col);
    },

    /** Sheet.setColumnWidth(s): width in pixels. */
    setColumnWidths(_exec: ExecutionInfo, ssId: string, sheetId: number, col: number, count: number, width: number): void {
      const { sheet } = locate(ssId, sheetId);
      if (!(col >= 1) || !(count >= 1) || col + count - 1 > sheet.maxColumns) throw new GasError(MSG.columnsOutOfBounds);
      apply({ t: 'setColumnWidths', ss: ssId, sheetId, col, count, width: Math.max(0, width) });
    },

    /**
     * Sheet.autoResizeColumns: each column as wide as its longest displayed value. Sheets measures the text in
     * its font; here a character is 7 px (8 in a bold cell) plus 10 px of padding, at least 30 px. A column
     * with nothing in it gets the default width back.
     */
    autoResizeColumns(_exec: ExecutionInfo, ssId: string, sheetId: number, col: number, count: number): void {
      const { ss, sheet } = locate(ssId, sheetId);
      if (!(col >= 1) || !(count >= 1) || col + count - 1 > sheet.maxColumns) throw new GasError(MSG.columnsOutOfBounds);
      const rows = lastRow(sheet);
      const shown = rows > 0 ? readDisplay(ss, sheet, { ss: ssId, sheet: sheetId, row: 1, col, rows, cols: count }, deps.clock.now()) : [];
      for (let j = 0; j < count; j++) {
        let widest = 0;
        for (let i = 0; i < shown.length; i++) {
          const text = shown[i][j];
          if (!text) continue;
          const longestLine = Math.max(...text.split('\n').map((l) => l.length));
          const perChar = sheet.styles?.fontWeight && cellStyleAt(sheet, 'fontWeight', i + 1, col + j) === 'bold' ? 8 : 7;
          widest = Math.max(widest, longestLine * perChar + 10);
        }
        apply({ t: 'setColumnWidths', ss: ssId, sheetId, col: col + j, count: 1, width: widest === 0 ? null : Math.max(30, widest) });
      }
    },

    // ---- embedded charts ----

    /** Sheet.getCharts: the sheet's charts in insertion order. */
    charts(_exec: ExecutionInfo, ssId: string, sheetId: number): ChartSpec[] {
      return locate(ssId, sheetId).sheet.charts ?? [];
    },

    /**
     * Sheet.insertChart: returns the chart's id, unique in the spreadsheet (Google's are large integers too;
     * here the next above the largest in use, from 1,000,000,001).
     */
    insertChart(_exec: ExecutionInfo, ssId: string, sheetId: number, chart: Omit<ChartSpec, 'id'>): number {
      const { ss } = locate(ssId, sheetId);
      checkChart(ss, chart);
      let id = 1_000_000_000;
      for (const s of ss.sheets) for (const c of s.charts ?? []) id = Math.max(id, c.id);
      apply({ t: 'insertChart', ss: ssId, sheetId, chart: { ...chart, id: id + 1 } });
      return id + 1;
    },

    /** Sheet.updateChart: the chart must be one of this sheet's. */
    updateChart(_exec: ExecutionInfo, ssId: string, sheetId: number, chart: ChartSpec): void {
      const { ss, sheet } = locate(ssId, sheetId);
      if (!sheet.charts?.some((c) => c.id === chart.id)) throw new GasError(MSG.chartNotFound);
      checkChart(ss, chart);
      apply({ t: 'updateChart', ss: ssId, sheetId, chart });
    },

    /** Sheet.removeChart: a chart that is not (or no longer) on the sheet is left alone. */
    removeChart(_exec: ExecutionInfo, ssId: string, sheetId: number, chartId: number): void {
      const { sheet } = locate(ssId, sheetId);
      if (!sheet.charts?.some((c) => c.id === chartId)) return;
      apply({ t: 'removeChart', ss: ssId, sheetId, chartId });
    },
  };
  return service satisfies HostService;
}

/** A chart reads ranges of its own spreadsheet only, inside their sheets, and sits inside the grid. */
function checkChart(ss: SpreadsheetModel, chart: Omit<ChartSpec, 'id'>): void {
  for (const r of chart.ranges) {
    const sheet = ss.sheets.find((s) => s.id === r.sheet);
    if (!sheet) throw new GasError(MSG.chartRangeElsewhere);
    if (r.row + r.rows - 1 > sheet.maxRows || r.col + r.cols - 1 > sheet.maxColumns) throw new GasError(MSG.outsideSheet);
  }
  if (!(chart.position.row >= 1) || !(chart.position.col >= 1)) throw new GasError(MSG.outsideSheet);
}

// ---- helpers ----

export function totalCells(ss: SpreadsheetModel): number {
  let n = 0;
  for (const s of ss.sheets) n += s.maxRows * s.maxColumns;
  return n;
}

function defaultSheetName(ss: SpreadsheetModel): string {
  const taken = new Set(ss.sheets.map((s) => s.name.toLowerCase()));
  let n = ss.sheets.length + 1;
  while (taken.has(`sheet${n}`)) n++;
  return `Sheet${n}`;
}

function resizeSheet(ss: SpreadsheetModel, sheet: SheetModel, rows: number, cols: number, apply: (op: Op) => void): void {
  const base = { ss: ss.id, sheetId: sheet.id };
  if (rows > sheet.maxRows) apply({ t: 'insertRows', ...base, row: sheet.maxRows + 1, count: rows - sheet.maxRows });
  if (rows < sheet.maxRows) apply({ t: 'deleteRows', ...base, row: rows + 1, count: sheet.maxRows - rows });
  if (cols > sheet.maxColumns) apply({ t: 'insertColumns', ...base, col: sheet.maxColumns + 1, count: cols - sheet.maxColumns });
  if (cols < sheet.maxColumns) apply({ t: 'deleteColumns', ...base, col: cols + 1, count: sheet.maxColumns - cols });
}

/** The format rules touching a rectangle: per-cell lookups then scan a handful, not the whole sheet. */
function rulesWithin(sheet: SheetModel, r1: number, c1: number, r2: number, c2: number): FormatRule[] {
  return sheet.formats.filter((f) => f.r1 <= r2 && f.r2 >= r1 && f.c1 <= c2 && f.c2 >= c1);
}

function formatIn(rules: FormatRule[], row: number, col: number): string {
  for (const f of rules) if (row >= f.r1 && row <= f.r2 && col >= f.c1 && col <= f.c2) return f.format;
  return '';
}

/** `now` is the clock formulas such as TODAY() read. */
function readValues(ss: SpreadsheetModel, sheet: SheetModel, ref: RangeRef, now: number): WireGrid {
  // Formula cells read as their computed value, as on Google (model/formula.ts); a sheet without
  // formulas (every machine tab) pays nothing for it. Empty cells are looked up in spills only when a
  // formula that can spill sits at or above-left of the range (the names column right of a machine tab's
  // columns never does for the machine's own reads).
  const formulas = sheet.formulas.size ? new FormulaEngine(ss, now) : null;
  const spills = formulas !== null && formulas.reaches(sheet, ref.row + ref.rows - 1, ref.col + ref.cols - 1);
  const out: unknown[][] = new Array(ref.rows);
  const dates: number[] = [];
  const rows = sheet.rows;
  const c0 = ref.col - 1;
  for (let i = 0; i < ref.rows; i++) {
    const src = rows[ref.row - 1 + i];
    const row: unknown[] = new Array(ref.cols);
    for (let j = 0; j < ref.cols; j++) {
      let v = src === undefined ? undefined : src[c0 + j];
      if (formulas && ((spills && (v === undefined || v === '')) || sheet.formulas.has(formulaKey(ref.row + i, ref.col + j)))) {
        v = formulas.valueAt(sheet, ref.row + i, ref.col + j);
      }
      if (v === undefined) row[j] = '';
      else if (typeof v === 'object') {
        dates.push(i, j);
        row[j] = v.getTime();
      } else row[j] = v;
    }
    out[i] = row;
  }
  return { v: out, d: dates };
}

function readDisplay(ss: SpreadsheetModel, sheet: SheetModel, ref: RangeRef, now: number): string[][] {
  const formulas = sheet.formulas.size ? new FormulaEngine(ss, now) : null;
  const rules = rulesWithin(sheet, ref.row, ref.col, ref.row + ref.rows - 1, ref.col + ref.cols - 1);
  const out: string[][] = new Array(ref.rows);
  for (let i = 0; i < ref.rows; i++) {
    const row: string[] = new Array(ref.cols);
    for (let j = 0; j < ref.cols; j++) {
      const r = ref.row + i;
      const c = ref.col + j;
      const v = formulas ? formulas.valueAt(sheet, r, c) : cellAt(sheet, r, c);
      row[j] = v === '' ? '' : displayValue(v, rules.length ? formatIn(rules, r, c) : '', ss.timeZone);
    }
    out[i] = row;
  }
  return out;
}

function readFormulas(sheet: SheetModel, ref: RangeRef): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ref.rows; i++) {
    const row: string[] = new Array(ref.cols).fill('');
    if (sheet.formulas.size) {
      for (let j = 0; j < ref.cols; j++) row[j] = sheet.formulas.get(formulaKey(ref.row + i, ref.col + j)) ?? '';
    }
    out.push(row);
  }
  return out;
}

function readFormats(sheet: SheetModel, ref: RangeRef): string[][] {
  const rules = rulesWithin(sheet, ref.row, ref.col, ref.row + ref.rows - 1, ref.col + ref.cols - 1);
  const out: string[][] = [];
  for (let i = 0; i < ref.rows; i++) {
    const row: string[] = new Array(ref.cols);
    for (let j = 0; j < ref.cols; j++) row[j] = formatIn(rules, ref.row + i, ref.col + j) || AUTOMATIC_FORMAT_PATTERN;
    out.push(row);
  }
  return out;
}

/** Turns what the script wrote into stored values, as typed into Sheets (see model/user-entered.ts). */
function parseGrid(
  ss: SpreadsheetModel,
  sheet: SheetModel,
  row: number,
  col: number,
  grid: WireGrid,
): { values: CellValue[][]; formulas?: (string | null)[][] } {
  const height = grid.v.length;
  const width = height ? grid.v[0].length : 0;
  const input = grid.v;
  if (grid.d.length) {
    for (let k = 0; k < grid.d.length; k += 2) {
      const i = grid.d[k];
      const j = grid.d[k + 1];
      input[i][j] = new Date(input[i][j] as number);
    }
  }
  const rules = rulesWithin(sheet, row, col, row + height - 1, col + width - 1).filter((f) => f.format === '@');
  const values: CellValue[][] = new Array(height);
  let formulas: (string | null)[][] | undefined;
  for (let i = 0; i < height; i++) {
    const src = input[i];
    const out: CellValue[] = new Array(width);
    for (let j = 0; j < width; j++) {
      const plainText = rules.length > 0 && formatIn(rules, row + i, col + j) === '@';
      let cell;
      try {
        cell = parseUserEntered(src[j], ss.timeZone, plainText);
      } catch (e) {
        throw new GasError((e as Error).message);
      }
      out[j] = cell.value;
      if (cell.formula !== null) {
        formulas ??= Array.from({ length: height }, () => new Array<string | null>(width).fill(null));
        formulas[i][j] = cell.formula;
      }
    }
    values[i] = out;
  }
  return formulas ? { values, formulas } : { values };
}
