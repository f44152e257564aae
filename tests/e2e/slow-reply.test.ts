// End to end, in headless Chromium: a press made while the previous one's request is still on its way
// stays the current status when that slower reply comes back. The server files an entry at its device
// time plus (server clock - sent_at), which includes the request's time on the way out; the page
// estimates the clock offset from the middle of the round trip. With a slow way out, the server's
// "current" (the earlier press) can carry a later time than the page's estimate for the newer press,
// which is still queued. Nothing but another device can make a change newer than a queued one, so the
// queued press must stay shown; if the page showed the older one, pressing the newer one again would be
// ignored as "already current" and that press would never reach the Log (seen in flaky-network.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';
import { DEMO_EMPLOYEE, chooseStatus, signIn, waitForPending } from './employee-page.ts';
import { employeeIdOf, logRowsOf, summariseLog } from './workbook-log.ts';

/** How long the earlier press's request takes on its way to the server: a slow mobile uplink. */
const UPLINK_DELAY_MS = 1_500;

let server: ProductServer;
let browser: Browser;

beforeAll(async () => {
  server = await startProductServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The routed POSTs to the web app, one at a time, for the test to hold or let through. */
function requestQueue() {
  const waiting: Route[] = [];
  let wake: (() => void) | null = null;
  return {
    add(route: Route) {
      waiting.push(route);
      wake?.();
    },
    async next(): Promise<Route> {
      while (waiting.length === 0) await new Promise<void>((r) => (wake = r));
      return waiting.shift()!;
    },
  };
}

describe('the employee page with a slow uplink', () => {
  it('keeps showing the newest press when the reply to an earlier one comes back late', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.base}/`);
      await signIn(page, server.base);
      const employeeId = await employeeIdOf(server.base, DEMO_EMPLOYEE);
      await chooseStatus(page, 'work');
      await waitForPending(page, 0);

      const posts = requestQueue();
      await context.route('**/exec*', (route) => (route.request().method() === 'POST' ? posts.add(route) : route.continue()));

      await chooseStatus(page, 'break');
      const breakRequest = await posts.next();
      // The person changes their mind at once: lunch, while the break is still on its way.
      await chooseStatus(page, 'lunch');
      // The break's request reaches the server late (network latency, not a wait for the page).
      await new Promise((r) => setTimeout(r, UPLINK_DELAY_MS));
      await breakRequest.continue();
      // The page sends the lunch only after it has taken in the break's reply: from then on, what it
      // shows is the reply laid under the queued lunch.
      const lunchRequest = await posts.next();
      const shown = await page.locator('wtt-status-buttons button[aria-pressed="true"]').getAttribute('data-code');
      const shownCurrent = await page.locator('wtt-current-status .label').textContent();
      await lunchRequest.continue();
      await context.unroute('**/exec*');
      await waitForPending(page, 0);

      expect(summariseLog(await logRowsOf(server.base, employeeId)).statuses).toEqual(['work', 'break', 'lunch']);
      expect(shown, 'the pressed button while the lunch was queued').toBe('lunch');
      expect(shownCurrent?.trim(), 'the current status while the lunch was queued').toBe('Lunch');
    } finally {
      await context.close();
    }
  });
});
