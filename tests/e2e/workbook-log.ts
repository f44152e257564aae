// The workbook as the admin page shows it (GET /_dev/workbook/sheet): what "landed" means for the
// end-to-end tests is a row in the Log tab, not a reply the page got.
import type { Runtime } from '../../emulator/runtime/runtime.ts';
import { cellAt } from '../../emulator/model/apply.ts';

export type SheetRow = Record<string, string>;

/** Every data row of a tab, keyed by its header, read 1,000 rows at a time. */
export async function readSheet(base: string, sheet: string): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const r = await fetch(`${base}/_dev/workbook/sheet?sheet=${encodeURIComponent(sheet)}&offset=${offset}&limit=1000`);
    if (!r.ok) throw new Error(`reading ${sheet}: HTTP ${r.status} ${await r.text()}`);
    const page = (await r.json()) as { sheet: { name: string }; rows: number; header: string[]; values: string[][] };
    if (page.sheet.name !== sheet) throw new Error(`asked for the tab ${sheet}, got ${page.sheet.name}`);
    for (const values of page.values) out.push(Object.fromEntries(page.header.map((h, i) => [h, values[i] ?? ''])));
    if (offset + 1000 >= page.rows) return out;
  }
}

export async function employeeIdOf(base: string, email: string): Promise<string> {
  const row = (await readSheet(base, 'Employees')).find((e) => e.email === email);
  if (!row) throw new Error(`no employee ${email} in the Employees tab`);
  return row.id;
}

/** One employee's Log rows, in the tab's order (the order the server appended them). */
export async function logRowsOf(base: string, employeeId: string): Promise<SheetRow[]> {
  return (await readSheet(base, 'Log')).filter((r) => r.employee_id === employeeId);
}

/**
 * What the tests assert of a Log: the statuses in the order they were pressed, every entry once, and one
 * device's seq numbers 1..n with no gap (a gap would be an entry refused or lost on the way).
 */
export function summariseLog(rows: SheetRow[]) {
  return {
    statuses: rows.map((r) => r.status),
    uniqueEntryIds: new Set(rows.map((r) => r.entry_id)).size,
    devices: [...new Set(rows.map((r) => r.device_id))],
    seqs: rows.map((r) => Number(r.seq)),
    sources: [...new Set(rows.map((r) => r.source))],
  };
}

/**
 * Types a value into one cell of a tab, as a person editing the spreadsheet would (a lead marking a
 * violation excused by hand, say). `row` is the sheet row (2 = the first data row).
 */
export function setCell(runtime: Runtime, sheet: string, row: number, column: string, value: string): void {
  const store = runtime.deps.workbooks;
  const ss = store.get(store.activeId);
  const tab = ss?.sheets.find((s) => s.name === sheet);
  if (!ss || !tab) throw new Error(`no tab ${sheet} in the workbook`);
  let col = 0;
  for (let c = 1; c <= 50 && col === 0; c++) if (cellAt(tab, 1, c) === column) col = c;
  if (col === 0) throw new Error(`the tab ${sheet} has no column ${column}`);
  store.apply({ t: 'setValues', ss: ss.id, sheetId: tab.id, row, col, values: [[value]] });
  store.sync();
}
