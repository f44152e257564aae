// What a spreadsheet model holds that an .xlsx file cannot say exactly, kept beside it in the manifest:
// sheet ids (Sheet.getSheetId), grid sizes (getMaxRows/getMaxColumns), the exact format rules, and the
// few cells the file cannot bring back exactly: Dates whose instant its wall-clock time cannot name (the
// hour repeated when clocks go back), and formulas' boolean results (exceljs reads them as 1/0). The manifest stores a layout with the hash of the file it describes, so the layout is only
// trusted for that very file; a file edited elsewhere is read on its own (see xlsx-codec readSpreadsheetXlsx).
import type { FormatRule, SpreadsheetModel } from '../model/types.ts';

/** [row, col, value] of a cell whose value the file does not bring back exactly. */
export type CellFixup = [number, number, Date | boolean];

export interface SheetLayout {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  /** Absent when there are too many to keep in the manifest: the file's formats are used then. */
  formats?: FormatRule[];
  cellFixups?: CellFixup[];
}

export interface SpreadsheetLayout {
  nextSheetId: number;
  sheets: SheetLayout[];
}

/** Beyond this many rules a sheet's formats are read back from the file (effective formats are kept). */
export const MAX_LAYOUT_FORMATS = 2000;

export function layoutOf(ss: SpreadsheetModel, fixups: Map<number, CellFixup[]> = new Map()): SpreadsheetLayout {
  return {
    nextSheetId: ss.nextSheetId,
    sheets: ss.sheets.map((s) => {
      const layout: SheetLayout = { id: s.id, name: s.name, maxRows: s.maxRows, maxColumns: s.maxColumns };
      if (s.formats.length <= MAX_LAYOUT_FORMATS) layout.formats = s.formats.map((f) => ({ ...f }));
      const f = fixups.get(s.id);
      if (f?.length) layout.cellFixups = f;
      return layout;
    }),
  };
}
