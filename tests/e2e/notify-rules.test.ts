// End to end, in headless Chromium, issue 13's promise that a rule edited in the Notifications sidebar
// changes who gets the next alert. With the rules Setup wrote (the defaults), Anna's break overrun on the
// employee page reaches the support-l1 lead chat. The owner (the demo's admin) then edits the violation
// rule in the sidebar so violations go to admins by Telegram; James's overrun, the next one, reaches the
// admin's own chat and the lead chat hears nothing more. "Reaches" is an Outbox row (what the bot is
// handed), found from the Violations row's alert_id. The server's clock and the pages' clocks
// (Playwright's) move on together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';
import { chooseStatus, signIn, waitForPending } from './employee-page.ts';
import { employeeIdOf, readSheet, setCell, type SheetRow } from './workbook-log.ts';

const ZONE = 'Europe/Moscow'; // the demo workbook's
const ANNA = 'anna.ivanova@example.com'; // support-l1, on shift today
const JAMES = 'james.carter@example.com'; // support-l1, on shift today
/** The demo's admin (Ольга Смирнова) has the e-mail of whoever ran Setup: here the runtime's owner. */
const OWNER = 'owner@example.com';
/** A private chat the admin linked; the demo links nobody's. */
const ADMIN_CHAT = '700000123';
const MINUTE = 60_000;
/** The support rule set's break: 15 minutes and 2 of grace; 20 minutes is over it. */
const OVERRUN_MS = 20 * MINUTE;

let server: ProductServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let leadChat: string;

beforeAll(async () => {
  const clock = new Clock();
  clock.set(Date.parse('2026-11-24T10:00:00+03:00'));
  server = await startProductServer({ clock });
  browser = await launchChromium();

  // The admin linked their chat: typed into Employees as an admin would, then onEdit drops the cached
  // reference data (as Sheets runs it after a hand edit), so the next checkBreaks sees the chat.
  const employees = await readSheet(server.base, 'Employees');
  const adminRow = employees.findIndex((e) => e.role === 'admin');
  expect(employees[adminRow]?.email).toBe(OWNER);
  setCell(server.runtime, 'Employees', adminRow + 2, 'telegram_chat_id', ADMIN_CHAT);
  const edit = await server.runtime.run('onEdit', [], { kind: 'simple' });
  expect(edit.error).toBeUndefined();
  leadChat = (await readSheet(server.base, 'Groups')).find((g) => g.name === 'support-l1')!.telegram_chat_id;
  expect(leadChat).toMatch(/^-\d+$/);
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

/** Moves the server's clock and the given browsers' clocks on together. */
async function later(ms: number, ...browsers: BrowserContext[]): Promise<void> {
  server.clock.advance(ms);
  for (const c of browsers) await c.clock.fastForward(ms);
}

async function employeePage(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  await signIn(page, server.base, email);
  await chooseStatus(page, 'work');
  await waitForPending(page, 0);
  return { context, page };
}

async function checkBreaks(): Promise<void> {
  const run = await server.runtime.run('checkBreaks', [], { kind: 'trigger' });
  expect(run.error).toBeUndefined();
}

async function overrunOf(email: string): Promise<SheetRow> {
  const id = await employeeIdOf(server.base, email);
  const found = (await readSheet(server.base, 'Violations')).filter((v) => v.employee_id === id && v.type === 'break_overrun');
  expect(found).toHaveLength(1);
  return found[0];
}

const outbox = () => readSheet(server.base, 'Outbox');
const violationAlertsTo = (rows: SheetRow[], chat: string) => rows.filter((r) => r.kind === 'violation' && r.target === chat);

describe('a notification rule edited in the sidebar, in Chromium', () => {
  let anna: { context: BrowserContext; page: Page };
  let james: { context: BrowserContext; page: Page };

  it('with the default rules, a break overrun goes to the group\'s lead chat', async () => {
    anna = await employeePage(ANNA);
    james = await employeePage(JAMES);
    // The trigger's first run only catches up (the morning's late starts alert nobody): what follows is new.
    await checkBreaks();

    await later(5 * MINUTE, anna.context, james.context);
    await chooseStatus(anna.page, 'break');
    await waitForPending(anna.page, 0);
    await later(OVERRUN_MS, anna.context, james.context);
    await checkBreaks();

    const overrun = await overrunOf(ANNA);
    const rows = await outbox();
    const alert = rows.find((r) => r.alert_id === overrun.alert_id);
    expect(alert).toMatchObject({ kind: 'violation', target: leadChat });
    expect(alert?.alert_id).toMatch(/^L-/);
    expect(violationAlertsTo(rows, ADMIN_CHAT)).toEqual([]);

    await chooseStatus(anna.page, 'work');
    await waitForPending(anna.page, 0);
  });

  it('the owner sends violations to admins in the Notifications sidebar: the Notify row and an Audit row', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.base}/admin`);
    await page.getByRole('button', { name: 'Extensions › WorkTimeTracker' }).click();
    await page.getByRole('button', { name: /Notifications$/ }).click();
    const sidebar: FrameLocator = page.frameLocator('#sidebar-frame');

    const row = sidebar.locator('adm-data-table tbody tr[data-key="violations-lead-chat"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Any violation → the group\'s leads by Telegram');
    await row.click();
    const form = sidebar.locator('adm-notify-rule-form');
    await form.locator('select#rule\\.who').selectOption('admins');
    await expect.poll(() => form.locator('.preview').textContent()).toBe('Any violation → admins by Telegram');
    await form.locator('button.save').click();
    await sidebar.getByText('Rule violations-lead-chat saved.').waitFor();
    await sidebar.locator('adm-data-table tbody tr[data-key="violations-lead-chat"]', { hasText: 'Any violation → admins by Telegram' }).waitFor();

    const rule = (await readSheet(server.base, 'Notify')).find((r) => r.id === 'violations-lead-chat');
    expect(rule).toMatchObject({ when: 'violation', who: 'admins', how: 'telegram' });
    const audit = (await readSheet(server.base, 'Audit')).filter((a) => a.target === 'violations-lead-chat');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: OWNER, action: 'notify.rules.save' });
  });

  it('the next overrun goes to the admin\'s chat, and the lead chat hears nothing more', async () => {
    const leadBefore = violationAlertsTo(await outbox(), leadChat).length;
    await later(5 * MINUTE, anna.context, james.context);
    await chooseStatus(james.page, 'break');
    await waitForPending(james.page, 0);
    await later(OVERRUN_MS, anna.context, james.context);
    await checkBreaks();

    const overrun = await overrunOf(JAMES);
    const rows = await outbox();
    const alert = rows.find((r) => r.alert_id === overrun.alert_id);
    expect(alert).toMatchObject({ kind: 'violation', target: ADMIN_CHAT });
    // Not the lead chat's alert with the excuse/confirm buttons: deciding stays in the lead chat and the console.
    expect(alert?.alert_id).toMatch(/^W-/);
    expect(alert?.text).toContain('James Carter');
    expect(violationAlertsTo(rows, leadChat)).toHaveLength(leadBefore);
  });
});
