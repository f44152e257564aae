// The active selection of each spreadsheet: the tab and the rectangle an admin selected on the runtime's
// /admin page, which SpreadsheetApp.getActiveSheet / getActiveRange then answer (host/sheets.ts). Sheets
// keeps a selection per open window; the local runtime has one window per workbook, so one per spreadsheet.
import type { HostDeps } from './deps.ts';
import type { SpreadsheetModel } from '../model/types.ts';
import { a1Notation, parseA1 } from '../model/a1.ts';

export interface Selection {
  sheet: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** What the page is told: the selection with its tab's name and its A1 notation. */
export interface SelectionView extends Selection {
  sheetName: string;
  a1: string;
}

const stores = new WeakMap<HostDeps, Map<string, Selection>>();

function storeOf(deps: HostDeps): Map<string, Selection> {
  let s = stores.get(deps);
  if (!s) stores.set(deps, (s = new Map()));
  return s;
}

/**
 * Selects `a1` ("B2", "A1:AG31") in a tab given by id or name. Throws an Error saying what is wrong (the
 * dev API answers it as a 400): no such spreadsheet or tab, not A1 notation, or outside the tab's grid.
 */
export function setSelection(deps: HostDeps, ssId: string, sheet: number | string, a1: string): SelectionView {
  const ss = deps.workbooks.get(ssId);
  if (!ss) throw new Error(`no such spreadsheet: ${ssId}`);
  const byId = typeof sheet === 'number' || /^\d+$/.test(sheet) ? Number(sheet) : NaN;
  const tab = ss.sheets.find((s) => s.name === sheet) ?? ss.sheets.find((s) => s.id === byId);
  if (!tab) throw new Error(`no such sheet: ${sheet}`);
  const ref = parseA1(String(a1));
  if (!ref || (ref.sheetName !== undefined && ref.sheetName !== tab.name)) throw new Error(`not a range of ${tab.name}: ${a1}`);
  const r2 = ref.r2 === Infinity ? tab.maxRows : ref.r2;
  const c2 = ref.c2 === Infinity ? tab.maxColumns : ref.c2;
  if (r2 > tab.maxRows || c2 > tab.maxColumns) throw new Error(`${a1} is outside ${tab.name} (${tab.maxRows} rows, ${tab.maxColumns} columns)`);
  const selection: Selection = { sheet: tab.id, row: ref.r1, col: ref.c1, rows: r2 - ref.r1 + 1, cols: c2 - ref.c1 + 1 };
  storeOf(deps).set(ssId, selection);
  return view(ss, selection)!;
}

/**
 * The selection as it stands now, or undefined when none was made or it no longer fits (its tab was
 * deleted, or rows or columns under it were): Sheets then moves the cursor, here it falls back to A1.
 */
export function selectionOf(deps: HostDeps, ss: SpreadsheetModel): Selection | undefined {
  const s = storeOf(deps).get(ss.id);
  const tab = s && ss.sheets.find((x) => x.id === s.sheet);
  if (!s || !tab || s.row + s.rows - 1 > tab.maxRows || s.col + s.cols - 1 > tab.maxColumns) return undefined;
  return s;
}

/** For the /admin page: the selection of a spreadsheet, or null when there is none to show. */
export function selectionView(deps: HostDeps, ss: SpreadsheetModel): SelectionView | null {
  const s = selectionOf(deps, ss);
  return s ? view(ss, s) : null;
}

/** Forgets the selection (all spreadsheets', or one's): the next execution sees A1 of the first tab. */
export function clearSelection(deps: HostDeps, ssId?: string): void {
  if (ssId === undefined) storeOf(deps).clear();
  else storeOf(deps).delete(ssId);
}

function view(ss: SpreadsheetModel, s: Selection): SelectionView | null {
  const tab = ss.sheets.find((x) => x.id === s.sheet);
  return tab ? { ...s, sheetName: tab.name, a1: a1Notation(s.row, s.col, s.rows, s.cols) } : null;
}
