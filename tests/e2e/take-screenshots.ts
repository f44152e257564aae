// Takes the screenshots of docs/screenshots/ (listed in docs/employee-page.md, "Screens"):
//   node --import tsx scripts/build.ts && node --import tsx tests/e2e/take-screenshots.ts
// Headless Chromium against the local runtime on a new workbook with the demo team. The server's clock
// and the page's clock (Playwright's clock) are set to the same morning and moved on together, so the
// day has a believable history: work from 09:00, a break, lunch, a meeting, and a break under way.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';
import { chooseStatus, offlineBadge, serviceWorkerReady, signIn, waitForPending } from './employee-page.ts';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const ZONE = 'Europe/Moscow'; // the demo workbook's time zone
const MINUTE = 60_000;

/** Today at hh:mm in the workbook's zone (Moscow is UTC+3 all year). */
function todayAt(hh: number, mm: number): number {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return Date.parse(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+03:00`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const clock = new Clock();
  clock.set(todayAt(8, 59));
  const server = await startProductServer({ clock });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: ZONE, viewport: { width: 1024, height: 800 } });
    await context.clock.install({ time: clock.now() });
    const page = await context.newPage();
    const shot = async (name: string, o: { fullPage?: boolean; of?: Locator } = {}) => {
      await page.evaluate(() => document.fonts.ready);
      // A click scrolls its button into view; a picture of the screen starts at the top of the page.
      await page.evaluate(() => window.scrollTo(0, 0));
      const path = join(OUT, `${name}.png`);
      if (o.of) await o.of.screenshot({ path });
      else await page.screenshot({ path, fullPage: o.fullPage ?? false });
      console.log(`  ${path}`);
    };
    const later = (minutes: number) => advance(server, context, minutes * MINUTE);
    // Online, a change is sent before the clocks move on: a request still in flight when the server's
    // clock jumps would be filed at the later time (the server corrects times by its clock).
    const press = async (code: string, online = true) => {
      await chooseStatus(page, code);
      if (online) await waitForPending(page, 0);
    };
    const setLang = (lang: 'RU' | 'EN') => page.locator(`wtt-lang-switch button:text-is("${lang}")`).click();

    await page.goto(`${server.base}/`);
    await page.locator('#email').waitFor();
    await page.locator('#email').fill('anna.ivanova@example.com');
    await shot('login-email-en');
    await setLang('RU');
    await shot('login-email-ru');
    await setLang('EN');
    await signInShowingCodeStep(page, server, shot);
    await serviceWorkerReady(page);

    await later(1);
    await press('work'); // 09:00
    await later(95);
    await page.locator('[data-testid="pending"]', { hasText: 'All changes sent' }).waitFor();
    await shot('status-en');

    await later(27);
    await press('break'); // 11:02
    await later(19);
    await press('work'); // 11:21 (a break of 19 minutes: over its 15)
    await later(39);
    await press('lunch'); // 12:00
    await later(58);
    await press('work'); // 12:58
    await later(92);
    await press('meeting'); // 14:30
    await later(35);
    await press('work'); // 15:05
    await later(58);
    await press('break'); // 16:03
    await later(6);
    await waitForPending(page, 0);
    await shot('break-en', { fullPage: true });
    await shot('timeline-en', { of: page.locator('wtt-day-timeline') });

    // The network goes; back from the break and into a meeting, both queued.
    await context.setOffline(true);
    await offlineBadge(page).waitFor();
    await later(9);
    await press('work', false); // 16:18
    await later(12);
    await press('meeting', false); // 16:30
    await later(3);
    await waitForPending(page, 2);
    await shot('offline-pending-en');
    await setLang('RU');
    await shot('day-ru', { fullPage: true });

    await page.setViewportSize({ width: 360, height: 740 });
    await shot('phone-ru');
    await setLang('EN');
    await shot('phone-en');
    await shot('phone-full-en', { fullPage: true });

    await context.setOffline(false);
    await waitForPending(page, 0);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Moves the server's clock and the page's clock on together. */
async function advance(server: ProductServer, context: BrowserContext, ms: number): Promise<void> {
  server.clock.advance(ms);
  await context.clock.fastForward(ms);
}

async function signInShowingCodeStep(page: Page, server: ProductServer, shot: (name: string) => Promise<void>): Promise<void> {
  // signIn() does both steps; here the code step is photographed in between.
  await page.locator('#email').fill('anna.ivanova@example.com');
  await page.locator('#email').press('Enter');
  await page.locator('#code').waitFor();
  await shot('login-code-en');
  await page.locator('wtt-login-form button:text-is("Use another email")').click();
  await signIn(page, server.base);
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  },
);
