// SheetPort over SpreadsheetApp. Make one per execution: it keeps the spreadsheet, sheet handles and grid
// sizes it has seen, so a request looks each tab up once and never asks for a size twice.
import { spareRows, type Cell, type SheetPort, type TabShape } from '../store/port.ts';
import { TABS, type TabSpec } from '../store/schema.ts';
import { MissingTab } from '../store/errors.ts';
import { textCell } from '../store/cells.ts';
import { trimHeader } from '../store/records.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Rows added at once when an append reaches the bottom of a history tab's grid (schema.ts `history`): enough
 * that a busy tab is not grown on every request, few enough to waste no real share of the 10-million-cell
 * limit. Every other tab is read whole, so it grows by its few spare rows (store/port.ts spareRows) and an
 * open-ended read of it stays the size of its data.
 */
export const GROW_ROWS = 2000;

const isHistory = (tab: string): boolean => (TABS as Record<string, TabSpec>)[tab]?.history === true;

interface Grid {
  maxRows: number;
  maxColumns: number;
  /** maxColumns came from a read as wide as the columns it needed: the grid may be wider. */
  columnsAtLeast?: boolean;
}

/** Over the bound spreadsheet, or over `spreadsheet` (e.g. an archive workbook). */
export function gasSheetPort(spreadsheet?: Spreadsheet): SheetPort {
  let ss: Spreadsheet | null = spreadsheet ?? null;
  let zone: string | null = null;
  const sheets = new Map<string, Sheet | null>();
  const grids = new Map<string, Grid>();
  /** Grid widths learnt exactly (a read across a whole row) before the grid's height was known. */
  const widths = new Map<string, number>();
  const learnt = (tab: string, maxRows: number, width: number): Grid => {
    const exact = widths.get(tab);
    return exact === undefined ? { maxRows, maxColumns: width, columnsAtLeast: true } : { maxRows, maxColumns: exact };
  };
  const OUTSIDE_GRID = /outside the dimensions of the sheet/;

  const book = (): Spreadsheet => {
    if (!ss) ss = SpreadsheetApp.getActiveSpreadsheet();
    if (!ss) throw new Error('This script is not bound to a spreadsheet / Скрипт не привязан к таблице');
    return ss;
  };

  const find = (tab: string): Sheet | null => {
    if (!sheets.has(tab)) sheets.set(tab, book().getSheetByName(tab));
    return sheets.get(tab) ?? null;
  };

  const sheetOf = (tab: string): Sheet => {
    const sheet = find(tab);
    if (!sheet) throw new MissingTab(tab);
    return sheet;
  };

  const grid = (tab: string): Grid => {
    let g = grids.get(tab);
    if (!g) {
      const sheet = sheetOf(tab);
      g = { maxRows: sheet.getMaxRows(), maxColumns: sheet.getMaxColumns() };
      grids.set(tab, g);
    }
    return g;
  };

  /** Writing outside the grid fails in Sheets, so grow it first (rows with some room to spare). */
  const ensureGrid = (tab: string, rows: number, columns: number): void => {
    const g = grid(tab);
    const sheet = sheetOf(tab);
    if (rows > g.maxRows) {
      const add = Math.max(rows - g.maxRows, isHistory(tab) ? GROW_ROWS : spareRows(rows));
      sheet.insertRowsAfter(g.maxRows, add);
      g.maxRows += add;
    }
    if (columns > g.maxColumns && g.columnsAtLeast) {
      // Never insert columns between the ones a read did not look at (they may hold data).
      g.maxColumns = sheet.getMaxColumns();
      g.columnsAtLeast = false;
    }
    if (columns > g.maxColumns) {
      sheet.insertColumnsAfter(g.maxColumns, columns - g.maxColumns);
      g.maxColumns = columns;
    }
  };

  const fit = (rows: Cell[][], width: number): Cell[][] =>
    rows.map((r) => (r.length === width ? r : r.length > width ? r.slice(0, width) : [...r, ...new Array<Cell>(width - r.length).fill('')]));

  return {
    timeZone() {
      if (zone === null) zone = book().getSpreadsheetTimeZone();
      return zone;
    },

    hasTab: (tab) => find(tab) !== null,

    createTab(tab, header) {
      const sheet = book().insertSheet(tab);
      sheets.set(tab, sheet);
      grids.delete(tab);
      ensureGrid(tab, 1, header.length);
      sheet.getRange(1, 1, 1, header.length).setValues([header.map((h) => textCell(h))]);
    },

    shape(tab) {
      const sheet = find(tab);
      if (!sheet) return null;
      const lastRow = sheet.getLastRow();
      const lastColumn = sheet.getLastColumn();
      const g = grid(tab);
      const header = lastColumn > 0 ? trimHeader(sheet.getRange(1, 1, 1, lastColumn).getValues()[0]) : [];
      return { header, lastRow, lastColumn, maxRows: g.maxRows, maxColumns: g.maxColumns } satisfies TabShape;
    },

    readAll(tab, width) {
      // An open-ended range ("A1:K") is ONE call: no getDataRange or getLastRow round trip first. It spans
      // the whole grid, so the blank rows below the data are dropped here.
      const values = sheetOf(tab).getRange(`A1:${columnLetter(width)}`).getValues() as Cell[][];
      // The range spans the whole grid, so its height IS the grid's: a later write below it grows the grid
      // first instead of failing once (two calls saved). The grid is at least `width` wide, or the read
      // would have failed.
      if (!grids.has(tab)) grids.set(tab, learnt(tab, values.length, width));
      let end = values.length;
      while (end > 1 && values[end - 1].every((v) => v === '')) end--;
      const [header, ...rows] = fit(values.slice(0, end), width);
      return { header, rows };
    },

    readRows(tab, startRow, count, width) {
      if (count <= 0) return [];
      return sheetOf(tab).getRange(startRow, 1, count, width).getValues() as Cell[][];
    },

    readBelow(tab, startRow, width) {
      const values = sheetOf(tab).getRange(`A${startRow}:${columnLetter(width)}`).getValues() as Cell[][];
      // The range ends at the grid's bottom, so its end IS the grid's height.
      if (!grids.has(tab)) grids.set(tab, learnt(tab, startRow + values.length - 1, width));
      return fit(values, width);
    },

    readRowAcross(tab, row) {
      const cells = (sheetOf(tab).getRange(`${row}:${row}`).getValues() as Cell[][])[0] ?? [];
      // The range spans the grid's width, so that width is known exactly now.
      const g = grids.get(tab);
      if (g) Object.assign(g, { maxColumns: cells.length, columnsAtLeast: false });
      else widths.set(tab, cells.length);
      return cells;
    },

    lastRow: (tab) => sheetOf(tab).getLastRow(),

    findInColumn(tab, column, text) {
      // An open-ended range ("A2:A") follows rows inserted or deleted above: rows found are where they are now.
      const letter = columnLetter(column);
      const found = sheetOf(tab).getRange(`${letter}2:${letter}`).createTextFinder(text).matchCase(true).matchEntireCell(true).findAll();
      return found.map((r) => r.getRow()).sort((a, b) => a - b);
    },

    headerFormulas: (tab, width) => (width > 0 ? sheetOf(tab).getRange(1, 1, 1, width).getFormulas()[0] : []),

    setFormulaAt(tab, row, column, formula) {
      ensureGrid(tab, row, column);
      sheetOf(tab).getRange(row, column).setFormula(formula);
    },

    appendRow(tab, cells) {
      sheetOf(tab).appendRow(cells);
    },

    writeRows(tab, startRow, rows) {
      if (rows.length === 0) return;
      const width = rows[0].length;
      if (rows.some((r) => r.length !== width)) throw new Error(`writeRows(${tab}): rows of different widths`);
      // Asking for the grid's size costs a call per tab on every request; writing outside it fails with
      // Sheets' own error instead. So try first, and grow the grid only when that happens (rarely: it
      // grows GROW_ROWS at a time).
      const write = () => sheetOf(tab).getRange(startRow, 1, rows.length, width).setValues(rows);
      if (grids.has(tab)) {
        ensureGrid(tab, startRow + rows.length - 1, width);
        return void write();
      }
      try {
        write();
      } catch (e) {
        if (!OUTSIDE_GRID.test(e instanceof Error ? e.message : String(e))) throw e;
        ensureGrid(tab, startRow + rows.length - 1, width);
        write();
      }
    },

    deleteRows(tab, startRow, count) {
      if (count <= 0) return;
      sheetOf(tab).deleteRows(startRow, count);
      const g = grids.get(tab);
      if (g) g.maxRows -= count;
    },

    setColumnFormat(tab, column, format) {
      const g = grid(tab);
      if (g.maxRows < 2) return;
      sheetOf(tab).getRange(2, column, g.maxRows - 1, 1).setNumberFormat(format);
    },

    setFrozenRows: (tab, rows) => sheetOf(tab).setFrozenRows(rows),

    fitRows(tab, spare) {
      const g = grid(tab);
      const sheet = sheetOf(tab);
      const keep = Math.max(1, sheet.getLastRow()) + spare;
      if (g.maxRows <= keep + spare) return 0;
      const surplus = g.maxRows - keep;
      sheet.deleteRows(keep + 1, surplus);
      g.maxRows = keep;
      return surplus;
    },

    fitColumns(tab, width) {
      const g = grid(tab);
      const sheet = sheetOf(tab);
      if (g.maxColumns < width) {
        ensureGrid(tab, 1, width);
        return 0;
      }
      if (g.maxColumns === width) return 0;
      const keep = Math.max(width, sheet.getLastColumn());
      const surplus = g.maxColumns - keep;
      if (surplus <= 0) return 0;
      sheet.deleteColumns(keep + 1, surplus);
      g.maxColumns = keep;
      return surplus;
    },
  };
}

/** 1 -> A, 27 -> AA. */
function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
