// Takes the screenshots of docs/screenshots/ (listed in docs/employee-page.md, "Screens"):
//   node --import tsx scripts/build.ts && node --import tsx tests/e2e/take-screenshots.ts
// Headless Chromium against the local runtime on a new workbook with the demo team. The server's clock
// and the page's clock (Playwright's clock) are set to the same morning and moved on together, so the
// day has a believable history: work from 09:00, a break, lunch, a meeting, and a break under way; then
// checkBreaks (run as its trigger would) finds the two breaks that ran over, and the lead excuses the first.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';
import { chooseStatus, offlineBadge, serviceWorkerReady, signIn, waitForPending } from './employee-page.ts';
import { employeeIdOf, readSheet, setCell } from './workbook-log.ts';

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
    await press('work'); // 11:21 (a break of 19 minutes: over its 15 and 2 of grace)
    await runCheckBreaks(server); // as its trigger would: the overrun is the day's first violation
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

    // The network goes; back from the break (22 minutes: over its 15) and into a meeting, both queued.
    await context.setOffline(true);
    await offlineBadge(page).waitFor();
    await later(16);
    await press('work', false); // 16:25
    await later(5);
    await press('meeting', false); // 16:30
    await later(3);
    await waitForPending(page, 2);
    await shot('offline-pending-en');
    await setLang('RU');
    await shot('day-ru', { fullPage: true });

    // Back online. checkBreaks finds the afternoon overrun; the lead excuses the morning one (typed into
    // the Violations tab here; the bot's button does the same); the next check puts it on the page.
    await setLang('EN');
    await context.setOffline(false);
    await waitForPending(page, 0);
    await runCheckBreaks(server);
    const anna = await employeeIdOf(server.base, 'anna.ivanova@example.com');
    const morning = (await readSheet(server.base, 'Violations')).findIndex((v) => v.employee_id === anna && v.type === 'break_overrun');
    if (morning < 0) throw new Error('checkBreaks found no break overrun for Anna');
    setCell(server.runtime, 'Violations', morning + 2, 'resolution', 'excused');
    await runCheckBreaks(server);
    await page.locator('wtt-sync-state button', { hasText: 'Sync now' }).click();
    await page.locator('wtt-violations-list li.excused').waitFor();

    // Her own reminders: ten minutes before a planned break, and at the shift's end if still signed in.
    await page.locator('wtt-reminders #rem-before_break').check();
    await page.locator('wtt-reminders #rem-before_break-min').fill('10');
    await page.locator('wtt-reminders #rem-shift_end').check();
    await page.locator('wtt-reminders button[type=submit]').click();
    await page.locator('wtt-reminders [role=status]', { hasText: 'Reminders saved.' }).waitFor();

    await page.setViewportSize({ width: 360, height: 740 });
    await setLang('RU');
    await shot('phone-ru');
    await shot('reminders-ru', { of: page.locator('wtt-reminders') });
    await shot('phone-full-ru', { fullPage: true });
    await shot('violations-ru', { of: page.locator('wtt-violations-list') });
    await setLang('EN');
    await shot('phone-en');
    await shot('phone-full-en', { fullPage: true });
    await shot('violations-en', { of: page.locator('wtt-violations-list') });
    await shot('reminders-en', { of: page.locator('wtt-reminders') });
    await page.setViewportSize({ width: 320, height: 640 });
    await setLang('RU');
    await shot('phone-320-ru', { fullPage: true });
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

/** One run of the checkBreaks trigger, as its time-driven trigger runs it. */
async function runCheckBreaks(server: ProductServer): Promise<void> {
  const run = await server.runtime.run('checkBreaks', [], { kind: 'trigger' });
  if (run.error) throw new Error(`checkBreaks failed: ${run.error.message}`);
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
