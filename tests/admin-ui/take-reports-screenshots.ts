// Takes the Analytics dialog's screenshots in docs/screenshots/admin/ (appsscript/ui/README.md):
//   npm run build && npm run screenshots:reports
// Headless Chromium at 1200×800 (the dialog's size) on the built page, with google.script.run answered by
// a stand-in over made-up data (tests/admin-ui/reports-demo.ts: 200 people in three groups, a month
// and a few days; "today" is 2 December 2026 in Moscow): last month for everyone, as an admin, with a
// tooltip on a day; the same page down to the first people of the table; one person's days.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DemoReports, TODAY, ZONE, openReports } from './reports-demo.ts';
import { OUT, forEachLanguage, shot, type Lang } from './screenshot-kit.ts';

/** The whole page down to a little of `selector` (the people's table: 200 rows would be a 4000 px picture). */
async function shotDownTo(page: Page, name: string, selector: string, more: number): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  const top = await page.locator(selector).evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 1200, height: Math.ceil(top + more) } });
  console.log(`  ${path}`);
}

async function takeAll(browser: Browser, lang: Lang): Promise<void> {
  const demo = new DemoReports();
  const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'ru-RU', timezoneId: ZONE, viewport: { width: 1200, height: 800 } });
  await context.clock.setFixedTime(Date.parse(`${TODAY}T10:00:00+03:00`));
  const page = await context.newPage();
  await openReports(page, demo);
  await page.locator(`adm-lang-switch button[lang="${lang}"]`).click();
  await page.locator('adm-data-table.people tbody tr').first().waitFor();

  await page.locator('#preset').selectOption('lastMonth');
  await page.locator('.line .busy').waitFor({ state: 'detached' });
  await page.locator('adm-stacked-bars svg').hover({ position: { x: 520, y: 120 } });
  await shot(page, `reports-${lang}`);
  await page.mouse.move(0, 0);
  await shotDownTo(page, `reports-full-${lang}`, 'section.people', 560);

  // The person with the most minutes past the limits: the table's first row.
  await page.locator('adm-data-table.people tbody tr').first().click();
  await page.locator('table.days tbody tr').first().waitFor();
  await page.locator('.line .busy').waitFor({ state: 'detached' });
  await shot(page, `reports-person-${lang}`, true);
  await context.close();
}

forEachLanguage(takeAll);
