// Shared set-up for the store tests: emulated Apps Script globals, a set-up workbook, a port and tables.
import { installGasGlobals, type GasWorld } from '../helpers/gas-globals.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { openTables, type Tables } from '../../appsscript/src/store/tables.ts';
import { setup } from '../../appsscript/src/services/setup.ts';
import type { SheetPort } from '../../appsscript/src/store/port.ts';

export const ZONE = 'Europe/Moscow';

export interface StoreWorld {
  world: GasWorld;
  /** A fresh port and tables, as a new execution would make them. */
  open(): { port: SheetPort; tables: Tables };
  sheet(name: string): GoogleAppsScript.Spreadsheet.Sheet;
}

export function formatDate(ms: number, pattern: string): string {
  return Utilities.formatDate(new Date(ms), ZONE, pattern);
}

export function storeWorld(o: { setup?: boolean } = {}): StoreWorld {
  const world = installGasGlobals({ timeZone: ZONE });
  const open = () => {
    const port = gasSheetPort();
    return { port, tables: openTables(port, { timeZone: ZONE, formatDate }) };
  };
  if (o.setup !== false) setup(gasSheetPort());
  world.newExecution();
  return {
    world,
    open,
    sheet: (name) => {
      const s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
      if (!s) throw new Error(`no tab ${name}`);
      return s;
    },
  };
}

/** Types rows into a tab from row 2 the way a person would (strings are parsed by Sheets). */
export function typeRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: unknown[][]): void {
  sheet.getRange(2, 1, rows.length, rows[0].length).setValues(rows);
}

/** The service calls that touch a spreadsheet, from a stats() snapshot. */
export function sheetCalls(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([k]) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(k)));
}
