// Takes the Schedule dialog's screenshots in docs/screenshots/admin/ (appsscript/ui/README.md):
//   npm run build && node --import tsx tests/admin-ui/take-schedule-screenshots.ts
// Headless Chromium against the local runtime on a new workbook with the demo team, at 1200×760 as the
// support-l1 lead: the week's grid with a day selected (its breaks written out) and some days edited, and
// the month; and the Import view's preview of a pasted roster for next week (a bad cell, an unknown person, a totals row).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from '../e2e/chromium.ts';

const OUT = fileURLToPath(new URL('../../docs/screenshots/admin/', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/appsscript/', import.meta.url));
const ZONE = 'Europe/Moscow'; // the demo workbook's
const LEAD = 'dmitry.petrov@example.com';

type Lang = 'ru' | 'en';

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

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  try {
    for (const lang of ['en', 'ru'] as const) await takeAll(browser, lang);
  } finally {
    await browser.close();
  }
}

async function takeAll(browser: Browser, lang: Lang): Promise<void> {
  const clock = new Clock();
  clock.set(Date.parse(`${today()}T10:00:00+03:00`), { frozen: true });
  const server = await startProductServer({ clock });
  try {
    const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'ru-RU', timezoneId: ZONE, viewport: { width: 1200, height: 760 } });
    await context.clock.setFixedTime(server.clock.now());
    const page = await context.newPage();
    await page.route(`${server.base}/__page/**`, (route) => {
      const url = new URL(route.request().url());
      const name = url.pathname.split('/').pop()!;
      const as = url.searchParams.get('as');
      const bridge = `/_dev/bridge.js${as === null ? '' : `?as=${encodeURIComponent(as)}`}`;
      const html = readFileSync(join(DIST, `${name}.html`), 'utf8').replace('<head>', `<head><script src="${bridge}"></script>`);
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    });

    await openPage(page, server, 'Schedule', lang, LEAD, 'table.grid tbody tr');
    // A day selected: its breaks are written out under the grid; a few days edited, not saved yet.
    const rows = page.locator('table.grid tbody tr');
    await rows.nth(2).locator('td button.day').nth(5).click();
    await rows.nth(3).locator('td button.day').nth(6).click({ modifiers: ['Shift'] });
    await page.locator('button.mark-vacation').click();
    await rows.nth(0).locator('td button.day').nth(2).click();
    await shot(page, `schedule-${lang}`);

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

async function openPage(page: Page, server: ProductServer, name: string, lang: Lang, as: string | undefined, ready: string): Promise<void> {
  await page.goto(`${server.base}/__page/${name}${as === undefined ? '' : `?as=${encodeURIComponent(as)}`}`);
  await page.locator(`adm-lang-switch button[lang="${lang}"]`).click();
  await page.locator(ready).first().waitFor();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  console.log(`  ${path}`);
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  },
);
