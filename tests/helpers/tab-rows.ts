// A tab's rows below the header as records (column name -> cell as getValues reads it), through the
// emulated SpreadsheetApp of the in-process test world.
import { TABS, type TabName } from '../../appsscript/src/store/schema.ts';

/**
 * `ss`: a handle taken earlier, so that reading after a cut does not go through the cut execution (a handle
 * keeps the execution it was made in); by default the active spreadsheet of the current execution.
 */
export function tabRows(tab: TabName, ss: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Record<string, unknown>[] {
  const spec = TABS[tab];
  const sheet = ss.getSheetByName(spec.name)!;
  const last = sheet.getLastRow();
  if (last < 2) return [];
  return sheet
    .getRange(2, 1, last - 1, spec.columns.length)
    .getValues()
    .map((r) => Object.fromEntries(spec.columns.map((c, i) => [c.name, r[i]])));
}
