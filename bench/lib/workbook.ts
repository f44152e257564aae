// Direct access to a runtime's workbook for setting a benchmark up: reading a tab as records and appending
// rows without going through the bundle (a Log of 500,000 rows is put in place in one op, not by 500,000
// requests). Columns are found by the tab's header row, so the order of columns may change freely.
import { lastRow } from '../../emulator/model/apply.ts';
import type { CellValue, SheetModel } from '../../emulator/model/types.ts';
import type { WorkbookStore } from '../../emulator/host/deps.ts';

export type TabRecord = Record<string, CellValue>;

export function sheetNamed(store: WorkbookStore, name: string): SheetModel {
  const ss = store.get(store.activeId);
  const sheet = ss?.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`the workbook has no tab ${name} (did setup run?)`);
  return sheet;
}

export function headerOf(sheet: SheetModel): string[] {
  const header = (sheet.rows[0] ?? []).map(String);
  if (header.length === 0) throw new Error(`tab ${sheet.name} has no header row`);
  return header;
}

/** Every data row of a tab, as { column: value } by its header. */
export function readRecords(store: WorkbookStore, tab: string): TabRecord[] {
  const sheet = sheetNamed(store, tab);
  const header = headerOf(sheet);
  return sheet.rows.slice(1).map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

/** Data rows of a tab (the header excluded). */
export function dataRowCount(store: WorkbookStore, tab: string): number {
  return Math.max(0, lastRow(sheetNamed(store, tab)) - 1);
}

/**
 * Appends records below the last row, `chunk` rows per op. `make(i)` gives the i-th record; a column of
 * the header that a record lacks is left blank, and a record naming a column the tab lacks is an error
 * (the bench would otherwise measure rows unlike the product's).
 */
export function appendRecords(store: WorkbookStore, tab: string, count: number, make: (i: number) => TabRecord, chunk = 50_000): void {
  const sheet = sheetNamed(store, tab);
  const header = headerOf(sheet);
  const known = new Set(header);
  for (let start = 0; start < count; start += chunk) {
    const n = Math.min(chunk, count - start);
    const values: CellValue[][] = new Array(n);
    for (let k = 0; k < n; k++) {
      const rec = make(start + k);
      for (const key of Object.keys(rec)) if (!known.has(key)) throw new Error(`tab ${tab} has no column ${key}`);
      values[k] = header.map((h) => rec[h] ?? '');
    }
    store.apply({ t: 'setValues', ss: store.activeId, sheetId: sheet.id, row: lastRow(sheet) + 1, col: 1, values });
  }
}

/** Blank rows below the last data row of a tab's grid. */
export function spareRows(store: WorkbookStore, tab: string): number {
  const sheet = sheetNamed(store, tab);
  return sheet.maxRows - lastRow(sheet);
}

/** Leaves exactly `spare` blank rows in the tab's grid below its data (as the product's own growth would). */
export function setSpareRows(store: WorkbookStore, tab: string, spare: number): void {
  const sheet = sheetNamed(store, tab);
  const last = lastRow(sheet);
  const change = last + spare - sheet.maxRows;
  if (change > 0) store.apply({ t: 'insertRows', ss: store.activeId, sheetId: sheet.id, row: sheet.maxRows + 1, count: change });
  if (change < 0) store.apply({ t: 'deleteRows', ss: store.activeId, sheetId: sheet.id, row: last + 1, count: -change });
}
