// What a spreadsheet model holds that an .xlsx file cannot say exactly, kept beside it in the manifest:
// sheet ids (Sheet.getSheetId), grid sizes (getMaxRows/getMaxColumns), the exact format rules, and the
// few Date cells whose instant the file's wall-clock time cannot name (the repeated hour when clocks go
// back). The manifest stores a layout with the hash of the file it describes, so the layout is only
// trusted for that very file; a file edited elsewhere is read on its own (see xlsx-codec readSpreadsheetXlsx).
import type { FormatRule, SpreadsheetModel } from '../model/types.ts';

/** [row, col, epoch ms] of a Date cell the file's serial number does not bring back exactly. */
export type DateFixup = [number, number, number];

export interface SheetLayout {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  /** Absent when there are too many to keep in the manifest: the file's formats are used then. */
  formats?: FormatRule[];
  dateFixups?: DateFixup[];
}

export interface SpreadsheetLayout {
  nextSheetId: number;
  sheets: SheetLayout[];
}

/** Beyond this many rules a sheet's formats are read back from the file (effective formats are kept). */
export const MAX_LAYOUT_FORMATS = 2000;

export function layoutOf(ss: SpreadsheetModel, fixups: Map<number, DateFixup[]> = new Map()): SpreadsheetLayout {
  return {
    nextSheetId: ss.nextSheetId,
    sheets: ss.sheets.map((s) => {
      const layout: SheetLayout = { id: s.id, name: s.name, maxRows: s.maxRows, maxColumns: s.maxColumns };
      if (s.formats.length <= MAX_LAYOUT_FORMATS) layout.formats = s.formats.map((f) => ({ ...f }));
      const f = fixups.get(s.id);
      if (f?.length) layout.dateFixups = f;
      return layout;
    }),
  };
}
