// End to end, in headless Chromium, the live floor as a lead uses it (issue 11): an employee goes on a
// break on the employee page and the support-l1 lead's Floor sidebar shows it at its next refresh; the
// clock moves past the break's limit and the row is marked over; checkBreaks (as its trigger) finds the
// overrun and the lead excuses it in the Violations dialog: a Violations row says so and an Audit row
// records it. The lead of another group sees none of it. The server's clock and the pages' clocks
// (Playwright's) are set to the same morning and moved on together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';
import { chooseStatus, signIn, waitForPending } from './employee-page.ts';
import { employeeIdOf, readSheet } from './workbook-log.ts';

const ZONE = 'Europe/Moscow'; // the demo workbook's
const LEAD = 'dmitry.petrov@example.com'; // leads support-l1
const OTHER_LEAD = 'elena.morozova@example.com'; // leads support-l2
const ANNA = 'anna.ivanova@example.com'; // support-l1, on shift 09:00–18:00 today
const ANNA_NAME = 'Анна Иванова';
const MINUTE = 60_000;
/** The floor asks again every 30 s (Settings floor_refresh_seconds, left at its default). */
const REFRESH_MS = 30_000;

let server: ProductServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const clock = new Clock();
  clock.set(Date.parse('2026-11-24T10:00:00+03:00'));
  server = await startProductServer({ clock });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.close();
});

/** A browser whose clock reads the server's. */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: ZONE, viewport: { width: 1280, height: 900 } });
  await context.clock.install({ time: server.clock.now() });
  contexts.push(context);
  return context;
}

/** Moves the server's clock and the given pages' clocks on together (their due timers fire). */
async function later(ms: number, ...pages: BrowserContext[]): Promise<void> {
  server.clock.advance(ms);
  for (const c of pages) await c.clock.fastForward(ms);
}

async function adminPage(context: BrowserContext, as: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.base}/admin?as=${encodeURIComponent(as)}`);
  return page;
}

/** Opens a screen from Extensions › WorkTimeTracker; the frame it opens in. */
async function openScreen(page: Page, caption: RegExp, frame: 'sidebar' | 'dialog'): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Extensions › WorkTimeTracker' }).click();
  await page.getByRole('button', { name: caption }).click();
  return page.frameLocator(frame === 'sidebar' ? '#sidebar-frame' : '#dialog-frame');
}

describe('the live floor in Chromium', () => {
  let employee: BrowserContext;
  let lead: BrowserContext;
  let floor: FrameLocator;
  let annaRow: ReturnType<FrameLocator['locator']>;

  it('shows an employee\'s break on the lead\'s Floor within one refresh', async () => {
    employee = await newContext();
    const annaPage = await employee.newPage();
    await annaPage.goto(`${server.base}/`);
    await signIn(annaPage, server.base, ANNA);
    await chooseStatus(annaPage, 'work');
    await waitForPending(annaPage, 0);

    lead = await newContext();
    const leadPage = await adminPage(lead, LEAD);
    floor = await openScreen(leadPage, /Floor now$/, 'sidebar');
    annaRow = floor.locator('adm-data-table tbody tr', { hasText: ANNA_NAME });
    await annaRow.locator('.status-chip[data-status="work"]').waitFor();

    await later(20 * MINUTE, employee, lead);
    await chooseStatus(annaPage, 'break');
    await waitForPending(annaPage, 0);
    // The board on screen is the one read before the break, until the next refresh.
    expect(await annaRow.locator('.status-chip').getAttribute('data-status')).toBe('work');
    await later(REFRESH_MS, lead);
    await annaRow.locator('.status-chip[data-status="break"]').waitFor({ timeout: 10_000 });
    expect(await annaRow.textContent()).toContain('since 10:20');
    expect(await annaRow.textContent()).not.toContain('Over the limit');
  });

  it('marks the row over the limit once the clock passes the break\'s limit', async () => {
    // The support rule set: 15 minutes and 2 of grace.
    await later(18 * MINUTE, employee, lead);
    await annaRow.locator('.flag.over', { hasText: 'Over the limit' }).waitFor({ timeout: 10_000 });
    expect(await annaRow.locator('.over-by').textContent()).toMatch(/^\+\d:\d\d$/);
    const counters = floor.locator('ul.groups li[data-group="support-l1"]');
    expect(Number(await counters.locator('.over-count dd').textContent())).toBeGreaterThanOrEqual(1);
  });

  it('lets the lead excuse the overrun in Violations: the Violations row and an Audit row', async () => {
    const run = await server.runtime.run('checkBreaks', [], { kind: 'trigger' });
    expect(run.error).toBeUndefined();
    const annaId = await employeeIdOf(server.base, ANNA);
    const overrun = (await readSheet(server.base, 'Violations')).find((v) => v.employee_id === annaId && v.type === 'break_overrun');
    expect(overrun).toBeDefined();

    const leadPage = lead.pages()[0];
    const dialog = await openScreen(leadPage, /Violations$/, 'dialog');
    const row = dialog.locator(`adm-data-table tbody tr[data-key="${overrun!.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Break too long');
    await row.click();
    await dialog.locator('aside adm-day-bar .seg[data-status="break"]').waitFor();
    await dialog.locator('aside button.one-excuse').click();
    await dialog.locator('aside adm-resolve-form #note').fill('The ticket system was down');
    await dialog.locator('aside adm-resolve-form button.apply').click();
    await dialog.locator('aside adm-resolve-form adm-confirm button.confirm').click();
    await dialog.getByText('Excused.').waitFor();
    await row.locator('.badge.state', { hasText: 'Excused' }).waitFor();

    const after = (await readSheet(server.base, 'Violations')).find((v) => v.id === overrun!.id);
    expect(after).toMatchObject({ resolution: 'excused', resolved_by: LEAD, note: 'The ticket system was down' });
    const audit = (await readSheet(server.base, 'Audit')).filter((a) => a.target === overrun!.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: LEAD, action: 'violation.excuse' });
  });

  it('lets the lead end the break with a reason from the Floor: a Log row from the admin, and the floor shows it', async () => {
    // The Violations dialog closed, the sidebar is there beside the grid again.
    await lead.pages()[0].locator('#dialog-close').click();
    await annaRow.click();
    const form = floor.locator('adm-floor-status-form');
    await form.locator('#status').selectOption('work');
    await form.locator('#note').fill('Back at her desk, forgot to press Working');
    await form.locator('button.apply').click();
    await form.locator('adm-confirm button.confirm').click();
    await floor.getByText(`${ANNA_NAME}: Working.`).waitFor();
    await annaRow.locator('.status-chip[data-status="work"]').waitFor({ timeout: 10_000 });
    expect(await annaRow.locator('.flag.over').count()).toBe(0);
    const annaId = await employeeIdOf(server.base, ANNA);
    const last = (await readSheet(server.base, 'Log')).filter((r) => r.employee_id === annaId).at(-1);
    expect(last).toMatchObject({ status: 'work', source: 'admin' });
    expect(last?.comment).toContain('Back at her desk');
  });

  it('does not show that person to the lead of another group', async () => {
    const other = await newContext();
    const page = await adminPage(other, OTHER_LEAD);
    const theirs = await openScreen(page, /Floor now$/, 'sidebar');
    await theirs.locator('adm-data-table tbody tr').first().waitFor();
    const groups = await theirs.locator('ul.groups li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-group')));
    expect(groups).toEqual(['support-l2']);
    expect(await theirs.locator('adm-data-table tbody tr', { hasText: ANNA_NAME }).count()).toBe(0);
    expect(await theirs.locator('adm-data-table tbody').textContent()).not.toContain('support-l1');

    const dialog = await openScreen(page, /Violations$/, 'dialog');
    await dialog.locator('adm-data-table, .state.empty').first().waitFor();
    expect(await dialog.locator('adm-violations').textContent()).not.toContain(ANNA_NAME);
  });
});
