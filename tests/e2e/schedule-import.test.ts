// End to end, in headless Chromium (issue 10): an admin selects a month's roster grid in a tab of the local
// /admin page, imports it for support-l1 from the Schedules dialog ("Use the selected cells"), fixes the one
// bad cell the preview shows, commits, and plans the breaks; the employee page then shows the new shift and
// the breaks the planner placed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';
import { signIn } from './employee-page.ts';
import { employeeIdOf, readSheet } from './workbook-log.ts';

const ZONE = 'Europe/Moscow';
const OWNER = 'owner@example.com';
const ANNA = 'anna.ivanova@example.com';
const TODAY = '2026-12-08';
const DAYS = 31;

let server: ProductServer;
let browser: Browser;

/**
 * A roster as a call centre keeps it, in a tab of its own: a weekday row, then the dates as dd.mm, then one
 * row per person (names in either order). Анна works 10-19 on weekdays; one cell of James's has a typo.
 */
function addRosterTab(): string[][] {
  const dates = Array.from({ length: DAYS }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`);
  const weekday = (d: string) => ['Вс', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'][new Date(`${d}T12:00:00Z`).getUTCDay()];
  const weekend = (d: string) => ['Сб', 'Вс'].includes(weekday(d));
  const grid = [
    ['', ...dates.map(weekday)],
    ['ФИО', ...dates.map((d) => `${d.slice(8)}.${d.slice(5, 7)}`)],
    ['Анна Иванова', ...dates.map((d) => (weekend(d) ? 'В' : '10-19'))],
    ['Carter James', ...dates.map((d, i) => (weekend(d) ? 'вых' : i === 2 ? '9-1B' : '09:00-18:00'))],
    ['Петров Дмитрий', ...dates.map((d) => (weekend(d) ? 'В' : '8:30–17:30'))],
  ];
  const store = server.runtime.deps.workbooks;
  const ss = store.get(store.activeId)!;
  const sheetId = ss.nextSheetId;
  store.apply({ t: 'insertSheet', ss: ss.id, sheetId, name: 'Roster December', index: ss.sheets.length, rows: 100, columns: 40 });
  store.apply({ t: 'setValues', ss: ss.id, sheetId, row: 1, col: 1, values: grid });
  return grid;
}

beforeAll(async () => {
  const clock = new Clock();
  // The demo team's week of shifts (with breaks fixed by hand) is seeded from the day the workbook is made:
  // make it in November, so December holds only what the import brings.
  clock.set(Date.parse('2026-11-20T08:00:00+03:00'), { frozen: true });
  server = await startProductServer({ clock });
  clock.set(Date.parse(`${TODAY}T08:00:00+03:00`), { frozen: true });
  addRosterTab();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: ZONE, viewport: { width: 1280, height: 900 } });
  await context.clock.setFixedTime(server.clock.now());
  return context.newPage();
}

const cell = (page: Page, row: number, column: number) => page.locator(`#table [data-r="${row}"][data-c="${column}"]`);

describe('importing a roster from the selected cells, in Chromium', () => {
  let admin: Page;
  let dialog: FrameLocator;

  it('imports the selected month for support-l1 after the bad cell is fixed', async () => {
    admin = await newPage();
    await admin.goto(`${server.base}/admin?as=${encodeURIComponent(OWNER)}`);
    await admin.getByRole('tab', { name: 'Roster December', exact: true }).click();
    await cell(admin, 1, 1).waitFor();
    await cell(admin, 1, 1).hover();
    await admin.mouse.down();
    await cell(admin, 5, DAYS + 1).hover();
    await admin.mouse.up();
    await expect.poll(() => admin.locator('#namebox').textContent()).toContain('Roster December!A1:AF5');

    await admin.getByRole('button', { name: 'Extensions › WorkTimeTracker' }).click();
    await admin.getByRole('button', { name: /Schedules$/ }).click();
    dialog = admin.frameLocator('#dialog-frame');
    await dialog.locator('select#group').selectOption('support-l1');
    await dialog.locator('button.tab-import').click();
    await dialog.locator('button.use-selection').click();
    await dialog.locator('p.picked', { hasText: "'Roster December'!A1:AF5" }).waitFor();
    const bad = dialog.locator('table.bad-cells tbody tr');
    await bad.first().waitFor();
    expect(await bad.count()).toBe(1);
    expect(await bad.first().textContent()).toContain('9-1B');
    expect(await dialog.locator('p.summary').textContent()).toMatch(/3 people \(3 found\)/);

    // The fix: the typo corrected in the grid as read, then checked again.
    const grid = dialog.locator('textarea#grid');
    await grid.fill((await grid.inputValue()).replace('9-1B', '9-18'));
    await dialog.locator('button.check').click();
    await expect.poll(() => dialog.locator('table.bad-cells tbody tr').count()).toBe(0);
    await dialog.locator('button.import-all').click();
    const annaId = await employeeIdOf(server.base, ANNA);
    const ids = new Set([annaId, await employeeIdOf(server.base, 'james.carter@example.com'), await employeeIdOf(server.base, 'dmitry.petrov@example.com')]);
    const december = async () => (await readSheet(server.base, 'Schedule')).filter((r) => ids.has(String(r.employee_id)) && String(r.date).startsWith('2026-12'));
    await expect.poll(async () => (await december()).length, { timeout: 15_000 }).toBe(3 * DAYS);
    expect((await december()).filter((r) => r.day === 'off' || r.day === 'выходной' || r.shift_start === '').length).toBe(3 * 8);
    const rows = await readSheet(server.base, 'Schedule');
    const annaToday = rows.find((r) => r.employee_id === annaId && String(r.date).startsWith(TODAY));
    expect(annaToday).toMatchObject({ shift_start: '10:00', shift_end: '19:00', breaks: '' });
    const audit = await readSheet(server.base, 'Audit');
    expect(audit.some((r) => r.action === 'schedule.import')).toBe(true);
  });

  it("plans the week's breaks, and the employee page shows the shift and its breaks", async () => {
    await dialog.locator('button.tab-grid').click();
    await dialog.locator('button.plan').click();
    await dialog.locator('button.plan-commit').click();
    const annaId = await employeeIdOf(server.base, ANNA);
    await expect
      .poll(async () => String((await readSheet(server.base, 'Schedule')).find((r) => r.employee_id === annaId && String(r.date).startsWith(TODAY))?.breaks ?? ''), { timeout: 15_000 })
      .toMatch(/lunch \d\d:\d\d 60 auto/);
    const planned = String((await readSheet(server.base, 'Schedule')).find((r) => r.employee_id === annaId && String(r.date).startsWith(TODAY))?.breaks);

    const page = await newPage();
    await page.goto(`${server.base}/`);
    await signIn(page, server.base, ANNA);
    const shift = page.locator('wtt-today-shift');
    await shift.locator('p.shift', { hasText: '10:00' }).waitFor({ timeout: 15_000 });
    expect(await shift.locator('p.shift').textContent()).toMatch(/10:00.*19:00/);
    const items = await shift.locator('li .when').allTextContents();
    const starts = [...planned.matchAll(/(\w+) (\d\d:\d\d) (\d+)/g)].map((m) => m[2]);
    expect(items).toHaveLength(starts.length);
    for (const [i, start] of starts.entries()) expect(items[i]).toContain(start);
  });
});
