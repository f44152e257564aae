// The names column: the tabs people read (Current, Violations, Daily) show each row's employee name in the
// first column right of the script's columns. It is ONE formula in the header cell, which gives the header
// and the whole column below it (an array that spills), because:
// - the script writes these tabs by position and only as wide as its own columns (tables.ts, tab-window.ts),
//   appends below the last row and rewrites Current from row 2, and never deletes their rows: row 1 is the
//   one cell no write of the script touches;
// - reads check only the first columns of the header and allow columns added to the right (records.ts).
// The spill is cut at the tab's last row (the last non-empty cell of column A), so the column never holds a
// value below the data: getLastRow, which places every append, stays the data's last row whatever Google
// counts as content. An id that is not in Employees shows nothing; ids compare as text on both sides, so an
// id typed as a number in Employees (7) still finds the script's "7".
import { TABS, columnIndex, type TabName } from './schema.ts';

/** The tabs that get the column, and the column holding the employee id there. */
export const NAMES_TABS = { Current: 'employee_id', Violations: 'employee_id', Daily: 'employee_id' } as const satisfies Partial<Record<TabName, string>>;
export type NamesTab = keyof typeof NAMES_TABS;

/** The header the formula gives (people read both languages in the same workbook). */
export const NAMES_HEADER = 'name / имя';

export function isNamesTab(tab: TabName): tab is NamesTab {
  return tab in NAMES_TABS;
}

/** 1 -> A, 27 -> AA. */
export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where the column belongs: right after the script's columns. */
export function namesColumn(tab: NamesTab): number {
  return TABS[tab].columns.length + 1;
}

/**
 * The formula, in the syntax setFormula takes whatever the spreadsheet's locale (English function names,
 * "," between arguments, ";" between the rows of an array).
 */
export function namesFormula(tab: NamesTab): string {
  const key = columnLetter(columnIndex(tab, NAMES_TABS[tab]) + 1);
  const ids = columnLetter(columnIndex('Employees', 'id') + 1);
  const names = columnLetter(columnIndex('Employees', 'name') + 1);
  const people = TABS.Employees.name;
  const k = `${key}:${key}`;
  const name = `IF(${k}="", "", IFERROR(VLOOKUP(${k}&"", {${people}!${ids}:${ids}&"", ${people}!${names}:${names}}, 2, FALSE), ""))`;
  const lastRow = 'MAX(ARRAYFORMULA(IF(A:A="", 0, ROW(A:A))))';
  return `=ARRAY_CONSTRAIN(ARRAYFORMULA(IF(ROW(${k})=1, "${NAMES_HEADER}", ${name})), ${lastRow}, 1)`;
}

/** Sheets may space or case a formula its own way: compare without either. */
function normalised(formula: string): string {
  return formula.replace(/\s+/g, '').toUpperCase();
}

export function isCurrentNamesFormula(tab: NamesTab, formula: string): boolean {
  return normalised(formula) === normalised(namesFormula(tab));
}

/** Any version of the names formula, so setup finds its own column again (and never takes an admin's). */
export function isNamesFormula(formula: string): boolean {
  return formula.includes(`"${NAMES_HEADER}"`) && /VLOOKUP\(/i.test(formula);
}
