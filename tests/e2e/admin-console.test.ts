// End to end, in headless Chromium through the local /admin page, the admin console as people use it
// (issue 9): the menu of the spreadsheet, its sidebars, google.script.run bridged to the bundle, as whichever
// user the page acts for (/admin?as=EMAIL). What "done" means is rows in the tabs, not what a page shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';
import { readSheet } from './workbook-log.ts';

const LEAD = 'dmitry.petrov@example.com'; // leads support-l1
const EMPLOYEE = 'james.carter@example.com';

let server: ProductServer;
let browser: Browser;

beforeAll(async () => {
  const clock = new Clock();
  clock.set(Date.parse('2026-11-24T10:00:00+03:00'));
  server = await startProductServer({ clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The /admin page acting as `as` (undefined: the owner; '': an anonymous visitor), in English. */
async function adminPage(as?: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.base}/admin${as === undefined ? '' : `?as=${encodeURIComponent(as)}`}`);
  return page;
}

/** Opens a screen from Extensions › WorkTimeTracker; its sidebar's frame. */
async function openScreen(page: Page, caption: RegExp): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Extensions › WorkTimeTracker' }).click();
  await page.getByRole('button', { name: caption }).click();
  return page.frameLocator('#sidebar-frame');
}

describe('the admin console in Chromium', () => {
  it('lets an admin add an employee: a row in Employees and one in Audit', async () => {
    const page = await adminPage();
    const people = await openScreen(page, /People$/);
    await people.getByRole('button', { name: /Add a person/ }).click();
    await people.locator('adm-person-form').getByLabel(/^Name/).fill('Vera Nova');
    await people.locator('adm-person-form').getByLabel(/^Email/).fill('vera.nova@example.com');
    await people.locator('adm-person-form').getByLabel(/^Group/).selectOption('billing');
    await people.getByRole('button', { name: 'Save' }).click();
    await people.getByText('Vera Nova added.').waitFor();
    const row = (await readSheet(server.base, 'Employees')).find((e) => e.email === 'vera.nova@example.com');
    expect(row).toMatchObject({ name: 'Vera Nova', group: 'billing', role: 'employee' });
    const audit = (await readSheet(server.base, 'Audit')).filter((a) => a.target === row!.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'owner@example.com', action: 'people.add' });
    await page.context().close();
  });

  it('lets an admin change a break rule: the Rules row and an Audit row', async () => {
    const page = await adminPage();
    const rules = await openScreen(page, /Break rules$/);
    await rules.locator('#rule-set-pick').selectOption('support');
    const breakRule = rules.locator('li.rule[data-status="break"]');
    await breakRule.getByLabel(/^Minutes at most/).fill('20');
    await rules.getByRole('button', { name: 'Save the set' }).click();
    await rules.getByText('Rule set support saved.').waitFor();
    const row = (await readSheet(server.base, 'Rules')).find((r) => r.rule_set === 'support' && r.status === 'break');
    expect(row?.max_minutes).toBe('20');
    const audit = (await readSheet(server.base, 'Audit')).filter((a) => a.action === 'rules.save' && a.target === 'support');
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe('owner@example.com');
    await page.context().close();
  });

  it('shows a lead only the groups they lead', async () => {
    const page = await adminPage(LEAD);
    const people = await openScreen(page, /People$/);
    await people.getByText('Анна Иванова').waitFor();
    // The group column of every row on every page (20 a page).
    const groups: string[] = [];
    for (;;) {
      for (const row of await people.locator('tbody tr').all()) groups.push(((await row.locator('td').nth(1).textContent()) ?? '').trim());
      const next = people.getByRole('button', { name: 'Next page' });
      if ((await next.count()) === 0 || (await next.isDisabled())) break;
      await next.click();
    }
    expect(groups.length).toBeGreaterThan(0);
    expect(new Set(groups)).toEqual(new Set(['support-l1']));
    await page.context().close();
  });

  for (const [who, as] of [
    ['a plain employee', EMPLOYEE],
    ['an anonymous visitor', ''],
  ] as const) {
    it(`refuses ${who}: the sidebar does not open and nothing is written`, async () => {
      const before = (await readSheet(server.base, 'Audit')).length;
      const page = await adminPage(as);
      await page.getByRole('button', { name: 'Extensions › WorkTimeTracker' }).click();
      await page.getByRole('button', { name: /People$/ }).click();
      await expect.poll(async () => page.locator('#status').textContent()).toMatch(/forbidden/);
      expect(await page.locator('#sidebar').isVisible()).toBe(false);
      expect((await readSheet(server.base, 'Audit')).length).toBe(before);
      await page.context().close();
    });
  }

  it('gives the later of two conflicting saves a conflict with the current values', async () => {
    const [first, second] = [await adminPage(), await adminPage()];
    const sidebars = [await openScreen(first, /People$/), await openScreen(second, /People$/)];
    for (const s of sidebars) {
      await s.getByRole('searchbox').fill('sophie');
      await s.locator('tr[data-key="e011"]').click();
    }
    await sidebars[0].getByLabel(/^Name/).fill('Sophie Turner-Lee');
    await sidebars[0].getByRole('button', { name: 'Save' }).click();
    await sidebars[0].getByText('Sophie Turner-Lee saved.').waitFor();
    await sidebars[1].getByLabel(/^Name/).fill('Sophie T.');
    await sidebars[1].getByRole('button', { name: 'Save' }).click();
    await sidebars[1].getByText(/changed/i).first().waitFor();
    await sidebars[1].getByText('Sophie Turner-Lee').first().waitFor();
    const row = (await readSheet(server.base, 'Employees')).find((e) => e.email === 'sophie.turner@example.com');
    expect(row?.name).toBe('Sophie Turner-Lee');
    await first.context().close();
    await second.context().close();
  });
});
