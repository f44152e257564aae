// End to end, in headless Chromium: cells selected on the local /admin page with the mouse (press and drag,
// shift+click to extend, a tab clicked selects its A1) are what the next execution's getActiveRange reads,
// at the real rows of the tab even where the page shows only its last rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';

let server: ProductServer;
let browser: Browser;

/** A tab that is none of the product's: 250 rows of "r<row>c<column>" in A:C, more than the page shows. */
function addRosterTab(): void {
  const store = server.runtime.deps.workbooks;
  const ss = store.get(store.activeId)!;
  const sheetId = ss.nextSheetId;
  store.apply({ t: 'insertSheet', ss: ss.id, sheetId, name: 'Roster', index: ss.sheets.length, rows: 1000, columns: 26 });
  const values = Array.from({ length: 250 }, (_, i) => [1, 2, 3].map((c) => `r${i + 1}c${c}`));
  store.apply({ t: 'setValues', ss: ss.id, sheetId, row: 1, col: 1, values });
}

beforeAll(async () => {
  const clock = new Clock();
  clock.set(Date.parse('2026-11-24T10:00:00+03:00'));
  server = await startProductServer({ clock });
  addRosterTab();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function adminPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.base}/admin`);
  return page;
}

const cell = (page: Page, row: number, column: number) => page.locator(`#table [data-r="${row}"][data-c="${column}"]`);

/** The selection the runtime keeps, as the /admin page reads it back. */
async function kept(): Promise<string | null> {
  const books = await server.dev<{ active: boolean; selection: { sheetName: string; a1: string } | null }[]>('/workbook');
  const s = books.find((b) => b.active)?.selection;
  return s ? `${s.sheetName}!${s.a1}` : null;
}

/** schedule.selection as the Schedules dialog calls it (google.script.run, as the owner). */
async function selectionReply(): Promise<any> {
  const out = await server.dev<{ ok: boolean; value: any; error?: string }>('/rpc/adminRpc', ['schedule.selection', {}]);
  if (!out.ok) throw new Error(out.error);
  return out.value;
}

describe('selecting cells on the /admin page', () => {
  it('a tab clicked selects its A1; a drag selects a rectangle at the real rows; shift+click extends it', async () => {
    const page = await adminPage();
    await page.getByRole('tab', { name: 'Roster', exact: true }).click();
    await expect.poll(kept).toBe('Roster!A1');
    // The page shows the header and the last rows only (51 to 250): their row numbers are the tab's.
    await cell(page, 240, 1).waitFor();
    await expect(cell(page, 240, 1).textContent()).resolves.toBe('r240c1');

    await cell(page, 240, 1).hover();
    await page.mouse.down();
    await cell(page, 241, 2).hover();
    await cell(page, 242, 3).hover();
    await page.mouse.up();
    await expect.poll(kept).toBe('Roster!A240:C242');
    await expect.poll(() => page.locator('#table .sel').count()).toBe(9);
    await expect(page.locator('#namebox').textContent()).resolves.toBe('Selected: Roster!A240:C242 (3 × 3)');
    expect((await selectionReply()).rows).toEqual([
      ['r240c1', 'r240c2', 'r240c3'],
      ['r241c1', 'r241c2', 'r241c3'],
      ['r242c1', 'r242c2', 'r242c3'],
    ]);

    await cell(page, 244, 2).click({ modifiers: ['Shift'] });
    await expect.poll(kept).toBe('Roster!A240:B244');
    expect(await selectionReply()).toMatchObject({ tab: 'Roster', a1: 'A240:B244' });
    await expect.poll(() => page.locator('#table .sel').count()).toBe(10);
    await page.context().close();
  });

  it("a selection in one of the product's tabs is refused by schedule.selection", async () => {
    const page = await adminPage();
    await page.getByRole('tab', { name: 'Employees', exact: true }).click();
    await cell(page, 2, 1).hover();
    await page.mouse.down();
    await cell(page, 3, 2).hover();
    await page.mouse.up();
    await expect.poll(kept).toBe('Employees!A2:B3');
    const out = await server.dev<{ ok: boolean; value: any }>('/rpc/adminRpc', ['schedule.selection', {}]);
    expect(out.value).toMatchObject({ ok: false, error: { code: 'bad_request', details: { reason: 'own_tab', tab: 'Employees' } } });
    await page.context().close();
  });
});
