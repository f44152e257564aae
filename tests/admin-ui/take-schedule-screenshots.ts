// Takes the Schedule dialog's screenshots in docs/screenshots/admin/ (appsscript/ui/README.md):
//   npm run build && node --import tsx tests/admin-ui/take-schedule-screenshots.ts
// Headless Chromium against the local runtime on a new workbook with the demo team, at 1200×760 as the
// support-l1 lead: the week's grid with a day selected (its breaks written out) and some days edited; one
// shift's breaks being edited by hand, and one of them refused at its row; the month; and the Import view's preview of a pasted roster for next week (a bad cell, an unknown person, a totals row).
import type { Browser } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer } from '../integration/server-harness.ts';
import { forEachLanguage, openPage, servePages, shot, type Lang } from './screenshot-kit.ts';

const ZONE = 'Europe/Moscow'; // the demo workbook's
const LEAD = 'dmitry.petrov@example.com';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the week after this one. */
function nextMonday(): string {
  const d = today();
  const weekday = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(d, 7 - weekday);
}

/** A roster as a lead keeps it: dd.MM headers, a weekday row, a typo, an unknown person and a totals row. */
function roster(): string {
  const from = nextMonday();
  const dates = Array.from({ length: 7 }, (_, i) => addDays(from, i));
  const head = ['ФИО', ...dates.map((d) => `${d.slice(8)}.${d.slice(5, 7)}`)];
  const weekdays = ['', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'];
  const rows = [
    ['Иванова Анна', '9-18', '9-18', '9-18', '9-18', '9-18', 'В', 'В'],
    ['Carter, James', '09:00-18:00', '09:00-18:00', 'B', '09:00-18:00', '09:00-18:00', 'вых', 'вых'],
    ['Кузнецова Мария', '8:30-17:30', '8:30-17:30', 'отп', 'отп', 'отп', 'В', 'В'],
    ['Emily Jonson', '9-21', '9-21', 'В', 'В', '9-21', '9-21', 'В'],
    ['Соколов Алексей', '21-09', 'В', '21-09', 'В', '12', 'б/л', 'б/л'],
    ['Итого', '5', '4', '2', '3', '4', '1', '0'],
  ];
  return [head, weekdays, ...rows].map((r) => r.join('\t')).join('\n');
}

async function takeAll(browser: Browser, lang: Lang): Promise<void> {
  const clock = new Clock();
  clock.set(Date.parse(`${today()}T10:00:00+03:00`), { frozen: true });
  const server = await startProductServer({ clock });
  try {
    const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'ru-RU', timezoneId: ZONE, viewport: { width: 1200, height: 760 } });
    await context.clock.setFixedTime(server.clock.now());
    const page = await context.newPage();
    await servePages(page, server);

    await openPage(page, server, 'Schedule', lang, 'table.grid tbody tr', LEAD);
    // A day selected: its breaks are written out under the grid; a few days edited, not saved yet.
    const rows = page.locator('table.grid tbody tr');
    await rows.nth(2).locator('td button.day').nth(5).click();
    await rows.nth(3).locator('td button.day').nth(6).click({ modifiers: ['Shift'] });
    await page.locator('button.mark-vacation').click();
    await rows.nth(0).locator('td button.day').nth(2).click();
    await shot(page, `schedule-${lang}`);

    await page.locator('button.discard').click();
    // One shift picked: its breaks listed under the grid; the lunch moved 15 minutes later by hand (fixed
    // now, pinned in the grid), a break added, one handed back to the planner; then a break put over the lunch,
    // refused at its row on Save.
    await rows.nth(1).locator('td button.day').nth(1).click();
    const lunch = page.locator('fieldset.breaks tbody tr[data-index="1"]');
    for (let i = 0; i < 3; i++) await lunch.locator('button.later').click();
    await page.locator('button.add-break').click();
    // The last break handed back to the planner: it may move it the next time breaks are planned.
    await page.locator('fieldset.breaks tbody tr[data-index="3"] button.release').click();
    await page.locator('#brk-start-0').focus();
    await shot(page, `schedule-breaks-${lang}`);
    await page.locator('#brk-start-0').fill('13:30');
    await page.locator('button.save').click();
    await page.locator('.cell-problems').waitFor();
    await shot(page, `schedule-breaks-problem-${lang}`);
    await page.locator('button.discard').click();
    // The month: every day, the times on two lines.
    await page.locator('#period').selectOption('month');
    await page.locator('table.grid.compact tbody tr').first().waitFor();
    await shot(page, `schedule-month-${lang}`);
    await page.locator('button.tab-import').click();
    await page.locator('adm-schedule-import #grid').fill(roster());
    await page.locator('adm-schedule-import button.check').click();
    await page.locator('adm-schedule-import .summary').waitFor();
    await shot(page, `schedule-import-${lang}`);
    await context.close();
  } finally {
    await server.close();
  }
}

forEachLanguage(takeAll);
