// End to end through the local runtime and the built bundle: a workbook set up by the product (setup and the
// demo team, as `npm start` makes it), a sync and a checkBreaks run that write Current and Violations, and
// then the names column beside the ids, read as getValues reads it and as the /admin page shows it. Rows the
// script writes afterwards (a rewritten Current, a new violation) get their names too: the column is one
// formula in the header cell (appsscript/src/store/names-column.ts), evaluated by the runtime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import { createSpreadsheetApp } from '../../emulator/gas/spreadsheet-app.ts';
import { startProductServer, type ProductServer } from './server-harness.ts';
import { NAMES_HEADER, namesColumn } from '../../appsscript/src/store/names-column.ts';
import { TABS } from '../../appsscript/src/store/schema.ts';

const ZONE = 'Europe/Moscow';
const MINUTE = 60_000;
const ANNA = 'anna.ivanova@example.com';
const JAMES = 'james.carter@example.com';

function todayAt(hh: number, mm: number): number {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return Date.parse(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+03:00`);
}

let s: ProductServer;

beforeAll(async () => {
  const clock = new Clock();
  clock.set(todayAt(8, 59), { frozen: true });
  s = await startProductServer({ clock });
});
afterAll(() => s?.close());

async function login(email: string, device: string): Promise<string> {
  expect((await s.api({ op: 'login.start', email, device_id: device })).ok).toBe(true);
  const mail = (await s.dev('/mail')).filter((m: { to: string }) => m.to === email).at(-1);
  const code = /\b(\d{6})\b/.exec(mail.body)![1];
  const done = await s.api({ op: 'login.finish', email, code, device_id: device });
  expect(done.ok).toBe(true);
  return done.token;
}

async function sync(token: string, device: string, entries: { seq: number; status: string; at: number }[]): Promise<void> {
  const reply = await s.api({ op: 'sync', token, device_id: device, sent_at: s.clock.now(), entries: entries.map((e) => ({ ...e, entry_id: `${device}-${e.seq}` })) });
  expect(reply.ok).toBe(true);
  expect(reply.results.map((r: { result: string }) => r.result)).toEqual(entries.map(() => 'accepted'));
}

async function checkBreaks(): Promise<void> {
  const run = await s.runtime.run('checkBreaks', [], { kind: 'trigger' });
  if (run.error) throw new Error(`checkBreaks failed: ${run.error.message}`);
}

/** SpreadsheetApp over the runtime's workbook, as an execution of the bundle has it. */
function spreadsheetApp(): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  const exec = { activeSpreadsheetId: s.runtime.deps.workbooks.activeId };
  return createSpreadsheetApp(createDirectContext(s.runtime.host.services, { clock: s.clock, exec }));
}

/** A tab's rows as getValues reads them through the runtime: the script's columns and the names column. */
function read(tab: 'Current' | 'Violations' | 'Employees'): Record<string, unknown>[] {
  const sheet = spreadsheetApp().getActiveSpreadsheet().getSheetByName(tab)!;
  const values = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
  const [header, ...rows] = values;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** The /admin page's view of a tab, rows keyed by its header as the page shows it. */
async function adminView(tab: string): Promise<Record<string, string>[]> {
  const page = await s.dev(`/workbook/sheet?sheet=${tab}&offset=0&limit=1000`);
  return page.values.map((r: string[]) => Object.fromEntries(page.header.map((h: string, i: number) => [h, r[i]])));
}

describe('names beside ids in the tabs people read', () => {
  it('Current and Violations written by a sync and checkBreaks show each row\'s name; rows written later too', async () => {
    const nameOf = new Map(read('Employees').map((e) => [String(e.id), String(e.name)]));
    const anna = await login(ANNA, 'anna-phone');
    s.clock.set(todayAt(11, 30), { frozen: true });
    // Anna started at 09:00 and went on a break at 11:00: 30 minutes of a 15-minute break.
    await sync(anna, 'anna-phone', [
      { seq: 1, status: 'work', at: todayAt(9, 0) },
      { seq: 2, status: 'break', at: todayAt(11, 0) },
    ]);
    await checkBreaks();

    const current = read('Current');
    expect(current.length).toBeGreaterThan(0);
    for (const row of current) expect(row[NAMES_HEADER]).toBe(nameOf.get(String(row.employee_id)) ?? '');
    expect(current.find((r) => r[NAMES_HEADER] === 'Анна Иванова')).toBeDefined();

    const violations = read('Violations');
    const overrun = violations.find((v) => v.type === 'break_overrun');
    expect(overrun?.[NAMES_HEADER]).toBe('Анна Иванова');
    for (const row of violations) expect(row[NAMES_HEADER]).toBe(nameOf.get(String(row.employee_id)) ?? '');

    // The /admin page shows the same: the header the formula gives and the names it spills.
    const shown = await adminView('Violations');
    expect(shown.find((v) => v.type === 'break_overrun')?.[NAMES_HEADER]).toBe('Анна Иванова');
    expect(shown.every((v) => v[NAMES_HEADER] === (nameOf.get(v.employee_id) ?? ''))).toBe(true);

    // Later: James takes a break that runs over. The sync rewrites Current, checkBreaks appends a violation.
    const james = await login(JAMES, 'james-phone');
    s.clock.set(todayAt(12, 0), { frozen: true });
    await sync(james, 'james-phone', [
      { seq: 1, status: 'work', at: todayAt(9, 1) },
      { seq: 2, status: 'break', at: todayAt(11, 35) },
    ]);
    await checkBreaks();
    const jamesOverrun = read('Violations').find((v) => v.type === 'break_overrun' && v[NAMES_HEADER] === 'James Carter');
    expect(jamesOverrun).toBeDefined();
    const later = read('Current');
    expect(later.find((r) => r[NAMES_HEADER] === 'James Carter')?.status).toBe('break');
    for (const row of later) expect(row[NAMES_HEADER]).toBe(nameOf.get(String(row.employee_id)) ?? '');

    // The script never wrote into the column: only its header cell holds the formula, nothing below.
    const app = spreadsheetApp();
    for (const tab of ['Current', 'Violations'] as const) {
      const sheet = app.getActiveSpreadsheet().getSheetByName(tab)!;
      const col = namesColumn(tab);
      expect(col).toBe(TABS[tab].columns.length + 1);
      const formulas = sheet.getRange(1, col, sheet.getLastRow(), 1).getFormulas().map((r) => r[0]);
      expect(formulas[0]).toMatch(/^=ARRAY_CONSTRAIN\(/);
      expect(formulas.slice(1).every((f) => f === '')).toBe(true);
      expect(sheet.getLastColumn()).toBe(col);
    }
    s.clock.advance(MINUTE);
  });
});
