// End to end, in headless Chromium against the local runtime: sign in, switch statuses, lose the
// network, switch more, reload and even close and reopen the page with no network (the service worker
// serves the shell, IndexedDB keeps the queue), come back online, and find in the workbook's Log every
// change exactly once, in the order it was pressed. Issue 4, point 5 and "Done when".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';
import {
  DEMO_EMPLOYEE,
  chooseStatus,
  offlineBadge,
  pendingCount,
  serviceWorkerReady,
  signIn,
  statusButtons,
  statusCodes,
  waitForPending,
} from './employee-page.ts';
import { employeeIdOf, logRowsOf, summariseLog } from './workbook-log.ts';

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

describe('the employee page offline', () => {
  it('keeps every change made offline, across a reload and a reopen, and sends each once, in order', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      let page = await context.newPage();
      await page.goto(`${server.base}/`);
      await signIn(page, server.base);
      await serviceWorkerReady(page);
      const employeeId = await employeeIdOf(server.base, DEMO_EMPLOYEE);
      expect(await statusCodes(page)).toEqual(expect.arrayContaining(['work', 'break', 'lunch', 'meeting', 'training']));

      const pressed: string[] = [];
      const press = async (code: string) => {
        await chooseStatus(page, code);
        pressed.push(code);
      };

      // Online: each change is sent at once.
      await press('work');
      await press('break');
      await waitForPending(page, 0);
      expect(summariseLog(await logRowsOf(server.base, employeeId)).statuses).toEqual(['work', 'break']);

      // Offline: back from the break, lunch, work again. Shown at once, queued, nothing sent.
      await context.setOffline(true);
      await offlineBadge(page).waitFor();
      await press('work');
      await press('lunch');
      await press('work');
      await waitForPending(page, 3);

      // A reload with no network: the service worker serves the page, IndexedDB the session and the queue.
      await page.reload();
      await statusButtons(page).first().waitFor();
      await offlineBadge(page).waitFor();
      await page.locator('wtt-status-buttons button[data-code="work"][aria-pressed="true"]').waitFor();
      expect(await pendingCount(page)).toBe(3);
      await press('meeting');
      await waitForPending(page, 4);

      // The page closed and opened again, still with no network.
      await page.close();
      page = await context.newPage();
      await page.goto(`${server.base}/`);
      await statusButtons(page).first().waitFor();
      await offlineBadge(page).waitFor();
      await page.locator('wtt-status-buttons button[data-code="meeting"][aria-pressed="true"]').waitFor();
      expect(await pendingCount(page)).toBe(4);
      await press('training');
      await waitForPending(page, 5);
      // Nothing left the browser while it was offline.
      expect(summariseLog(await logRowsOf(server.base, employeeId)).statuses).toEqual(['work', 'break']);

      // Online again: the `online` event starts a sync; the queue drains.
      await context.setOffline(false);
      await waitForPending(page, 0);
      await offlineBadge(page).waitFor({ state: 'detached' });

      const rows = await logRowsOf(server.base, employeeId);
      const log = summariseLog(rows);
      expect(log.statuses).toEqual(pressed);
      expect(log.uniqueEntryIds).toBe(pressed.length);
      expect(log.devices).toHaveLength(1);
      expect(log.seqs).toEqual(pressed.map((_, i) => i + 1));
      expect(log.sources).toEqual(['web']);
      // The server knows which entries were made offline (the first two were sent at once).
      expect(rows.map((r) => r.offline)).toEqual(pressed.map((_, i) => String(i >= 2)));
      // Times never go backwards (the server clamps each to its device's previous one).
      const times = rows.map((r) => r.at);
      expect([...times].sort()).toEqual(times);
    } finally {
      await context.close();
    }
  });
});
