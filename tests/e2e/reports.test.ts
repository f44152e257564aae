// End to end, in headless Chromium (issue 12): a day played on the employee page through the web-app API,
// consolidated by the rollover, then the owner's Analytics dialog, reports.summary and the CSV the dialog
// downloads all give the minutes computed by hand:
//
// Анна Иванова (support-l1, 09:00-18:00, break 11:00 15 min, lunch 12:00 60 min, break 16:00 15 min; support
// rules: break at most 15 min, grace 2; the shift's grace 5):
//   09:12 work · 11:00 break · 11:21 work · 12:00 lunch · 13:00 work · 16:00 break · 16:10 work · 18:00 offline
//   worked 108 + 39 + 180 + 110 = 437 min (7 h 17 min); breaks 21 + 10 = 31 min (planned 30); lunch 60 min;
//   one overrun, 21 - 15 - 2 = 4 min past the limit; a late start 12 - 5 = 7 min past the grace.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';
import { chooseStatus, signIn, waitForPending } from './employee-page.ts';
import { employeeIdOf } from './workbook-log.ts';
import type { ReportsSummary } from '../../common/reports.ts';

const ZONE = 'Europe/Moscow';
const OWNER = 'owner@example.com';
const ANNA = 'anna.ivanova@example.com';
const ANNA_NAME = 'Анна Иванова';
const DAY = '2026-11-24';

let server: ProductServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  const clock = new Clock();
  clock.set(Date.parse(`${DAY}T08:50:00+03:00`));
  server = await startProductServer({ clock });
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-US', timezoneId: ZONE, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.clock.install({ time: server.clock.now() });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/**
 * Sets the server's clock and the page's to `HH:mm` on `date`, both held there (the page's timers still run), so
 * an entry is stamped and received on the minute and the minutes come out exact.
 */
async function at(time: string, date = DAY): Promise<void> {
  const ms = Date.parse(`${date}T${time}:00+03:00`);
  server.clock.set(ms, { frozen: true });
  await context.clock.setFixedTime(ms);
}

describe('the Analytics dialog in Chromium', () => {
  let dialog: FrameLocator;
  let admin: Page;

  it('plays the day on the employee page and consolidates it', async () => {
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    await signIn(page, server.base, ANNA);
    for (const [time, status] of [
      ['09:12', 'work'], ['11:00', 'break'], ['11:21', 'work'], ['12:00', 'lunch'], ['13:00', 'work'], ['16:00', 'break'], ['16:10', 'work'], ['18:00', 'offline'],
    ] as const) {
      await at(time);
      await chooseStatus(page, status);
      await waitForPending(page, 0);
    }
    await page.close();
    await at('05:00', '2026-11-25');
    const run = await server.runtime.run('dailyRollover', [], { kind: 'trigger' });
    expect(run.error).toBeUndefined();
    await at('09:00', '2026-11-25');
  });

  it('gives the hand-computed minutes in reports.summary', async () => {
    const id = await employeeIdOf(server.base, ANNA);
    const r = await server.runtime.run('adminRpc', ['reports.summary', { from: DAY, to: DAY, employee_id: id }], { kind: 'rpc', activeUser: OWNER });
    const reply = JSON.parse(r.result?.kind === 'json' ? r.result.json : '{}') as { ok: boolean } & ReportsSummary;
    expect(reply.ok).toBe(true);
    expect(reply.rows).toHaveLength(1);
    expect(reply.rows[0]).toMatchObject({ name: ANNA_NAME, worked_min: 437, break_min: 31, planned_break_min: 30, lunch_min: 60, overruns: 1, overrun_min: 4, late_starts: 1, late_start_min: 7 });
  });

  it("shows them in the dialog, on the person's page", async () => {
    admin = await context.newPage();
    await admin.goto(`${server.base}/admin?as=${encodeURIComponent(OWNER)}`);
    await admin.getByRole('button', { name: 'Extensions › WorkTimeTracker' }).click();
    await admin.getByRole('button', { name: /Analytics$/ }).click();
    dialog = admin.frameLocator('#dialog-frame');
    await dialog.locator('#preset').selectOption('yesterday');
    const row = dialog.locator('tbody tr', { hasText: ANNA_NAME });
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await dialog.locator('.person-head h2', { hasText: ANNA_NAME }).waitFor();
    const kpi = (key: string) => dialog.locator(`li.kpi[data-kpi="${key}"] .value`).textContent();
    expect(await kpi('worked')).toBe('7 h 17 min');
    expect(await kpi('breaks')).toBe('31 min');
    expect(await kpi('lunch')).toBe('1 h');
    expect(await kpi('overruns')).toBe('1');
    expect(await kpi('late')).toBe('1');
    expect(await dialog.locator('li.kpi[data-kpi="overruns"] .sub').textContent()).toContain('4 min');
    expect(await dialog.locator('li.kpi[data-kpi="late"] .sub').textContent()).toContain('7 min');
  });

  it('downloads the CSV with the same numbers', async () => {
    const download = admin.waitForEvent('download');
    await dialog.locator('button.csv').click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0].split(',');
    const anna = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v]))).find((r) => r.name === ANNA_NAME);
    expect(anna).toMatchObject({ worked_min: '437', break_min: '31', planned_break_min: '30', lunch_min: '60', overruns: '1', overrun_min: '4', late_starts: '1', late_start_min: '7' });
  });
});
