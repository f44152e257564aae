// Takes the console's screenshots in docs/screenshots/admin/ (appsscript/ui/README.md):
//   npm run build && node --import tsx tests/admin-ui/take-screenshots.ts
// Headless Chromium against the local runtime on a new workbook with the demo team. First through /admin as
// an admin would (the menu opens the sidebar or the dialog); then each page alone in a window exactly 300 px
// wide, the width of a Sheets sidebar (the Audit dialog at its 960×640), served with the same
// google.script.run bridge. Saves go to the server for real: the Audit pictures show what the others did.
import type { Browser, Page } from 'playwright-core';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { forEachLanguage, openPage, servePages, shot, type Lang } from './screenshot-kit.ts';
import { employeeIdOf, readSheet, setCell } from '../e2e/workbook-log.ts';

const MINUTE = 60_000;

async function takeAll(browser: Browser, lang: Lang): Promise<void> {
  const server = await startProductServer();
  const context = await browser.newContext({ locale: lang === 'en' ? 'en-US' : 'ru-RU', viewport: { width: 1280, height: 760 } });
  try {
    await giveAnnaDevices(server);
    const page = await context.newPage();

    if (lang === 'en') {
      // The real way in: the menu runs showPeople, which opens the sidebar.
      await page.goto(`${server.base}/admin`);
      await page.locator('.menu > button').first().click();
      await page.locator('.menu li button', { hasText: 'People' }).click();
      await page.frameLocator('#sidebar-frame').locator('adm-people-list tbody tr').first().waitFor();
      await shot(page, 'admin-page-people-en');
      // Doctor's fix buttons open the screen that fixes a problem, through google.script.run.
      await openFromMenu(page, 'Doctor');
      await page.frameLocator('#sidebar-frame').locator('li.check').first().waitFor();
      await shot(page, 'admin-page-doctor-en');
    }

    // Each screen at the sidebar's width.
    await page.setViewportSize({ width: 300, height: 760 });
    await servePages(page, server);
    await openPage(page, server, 'People', lang, 'adm-data-table tbody tr');
    await shot(page, `people-list-${lang}`);
    await page.locator('adm-people-list summary').click();
    await page.locator('adm-people-list #f-group').selectOption('support-l1');
    await shot(page, `people-filters-${lang}`);
    await page.locator('adm-people-list button.clear').click();

    await page.locator('adm-data-table tbody tr', { hasText: 'anna.ivanova@example.com' }).click();
    await page.locator('adm-person-form ul.devices').waitFor();
    await shot(page, `person-edit-${lang}`, true);
    await page.locator('adm-person-form button.deactivate').click();
    await shot(page, `person-deactivate-confirm-${lang}`, true);
    await page.locator('adm-person-form adm-confirm button.cancel').click();

    await page.locator('adm-person-form #email').fill('dmitry.petrov@example');
    await page.locator('adm-person-form button.save').click();
    await page.locator('adm-person-form [data-field="email"] .field-error').waitFor();
    await shot(page, `person-field-error-${lang}`, true);
    await page.locator('adm-person-form #email').fill('anna.ivanova@example.com');

    // Someone else saves Anna meanwhile: this save is refused with the values as they are now.
    await otherAdminRenames(server, lang === 'en' ? 'Anna Ivanova-Orlova' : 'Анна Иванова-Орлова');
    await page.locator('adm-person-form #timezone').fill('Asia/Yekaterinburg');
    await page.locator('adm-person-form button.save').click();
    await page.locator('adm-person-form adm-conflict').waitFor();
    await shot(page, `person-conflict-${lang}`, true);

    await page.locator('button.back').click();
    await page.locator('adm-people-list button.add-many').click();
    await page
      .locator('adm-people-import #rows')
      .fill(
        lang === 'en'
          ? 'Name\tEmail\tGroup\nGleb Orlov\tgleb.orlov@example.com\tsupport-l1\nMaria Volkova\tmaria.volkova@example\tsupport-l2\nPavel Sokolov\tpavel.sokolov@example.com\tsales\n'
          : 'Имя\tПочта\tГруппа\nГлеб Орлов\tgleb.orlov@example.com\tsupport-l1\nМария Волкова\tmaria.volkova@example\tsupport-l2\nПавел Соколов\tpavel.sokolov@example.com\tsales\n',
      );
    await page.locator('adm-people-import button.check').click();
    await page.locator('adm-people-import .summary').waitFor();
    await shot(page, `people-import-preview-${lang}`, true);

    await openPage(page, server, 'Groups', lang, 'adm-data-table tbody tr');
    await shot(page, `groups-list-${lang}`);
    await page.locator('adm-data-table tbody tr', { hasText: 'support-l1' }).click();
    await page.locator('adm-group-form #lead_emails').waitFor();
    await shot(page, `group-edit-${lang}`, true);
    await page.locator('adm-group-form #lead_emails').fill('dmitry.petrov@example.com\nnot-an-email');
    await page.locator('adm-group-form button.save').click();
    await page.locator('adm-group-form [data-field="lead_emails"] .field-error').waitFor();
    await shot(page, `group-field-error-${lang}`, true);

    await statusesShots(page, server, lang);
    await rulesShots(page, server, lang);
    // Before Settings, which re-installs the triggers: the doctor finds them missing and installs them.
    await doctorShots(page, server, lang);
    await settingsShots(page, server, lang);
    await doctorTestShot(page, server, lang);
    await auditShots(page, server, lang);
    if (lang === 'en') {
      // The Audit dialog as the menu opens it over the grid, at its 960×640.
      await page.setViewportSize({ width: 1280, height: 760 });
      await page.goto(`${server.base}/admin`);
      await openFromMenu(page, 'Audit');
      await page.frameLocator('#dialog-frame').locator('adm-data-table tbody tr').first().waitFor();
      // "Install triggers", run from Doctor's page, answered with a message box that shows up with the dialog.
      await page.locator('#alert-overlay.open #alert-ok').click({ timeout: 3000 }).catch(() => undefined);
      await shot(page, 'admin-page-audit-en');
    }
  } finally {
    await context.close();
    await server.close();
  }
}

async function statusesShots(page: Page, server: ProductServer, lang: Lang): Promise<void> {
  await openPage(page, server, 'Statuses', lang, 'adm-data-table tbody tr');
  await shot(page, `statuses-list-${lang}`);
  await page.locator('adm-data-table tbody tr[data-key="lunch"]').click();
  await page.locator('adm-status-form #label_ru').waitFor();
  await shot(page, `status-edit-${lang}`, true);
  await page.locator('adm-status-form #color').fill('orange');
  await page.locator('adm-status-form button.save').click();
  await page.locator('adm-status-form [data-field="color"] .field-error').waitFor();
  await shot(page, `status-field-error-${lang}`, true);
  await page.locator('adm-status-form #color').fill('#ff6d01');
  // Someone else renames lunch meanwhile: this save is refused with the status as it is now.
  await otherAdmin(server, 'statuses.list', 'statuses.save', (rows) => {
    const { in_use: _, ...lunch } = rows.find((r: { code: string }) => r.code === 'lunch');
    return { ...lunch, label_en: 'Lunch break', label_ru: 'Обеденный перерыв' };
  });
  await page.locator('adm-status-form #label_en').fill('Meal');
  await page.locator('adm-status-form button.save').click();
  await page.locator('adm-status-form adm-conflict').waitFor();
  await shot(page, `status-conflict-${lang}`, true);
  await page.locator('adm-status-form adm-conflict button.reload').click();
  // A status in use is hidden, never removed.
  await page.locator('adm-status-form button.hide').click();
  await page.locator('adm-status-form button.unhide').waitFor();
  await page.locator('button.back').click();
  await shot(page, `statuses-hidden-${lang}`);
  await page.locator('adm-data-table tbody tr[data-key="lunch"]').click();
  await page.locator('adm-status-form button.unhide').click();
  await page.locator('adm-status-form button.hide').waitFor();
}

async function rulesShots(page: Page, server: ProductServer, lang: Lang): Promise<void> {
  await openPage(page, server, 'Rules', lang, 'adm-rule-set-form li.rule');
  await shot(page, `rules-${lang}`, true);
  await page.locator('adm-rule-set-form [id="rules[1].max_minutes"]').fill('20');
  await page.locator('adm-rule-set-form [id="rules[2].max_minutes"]').fill('0');
  await page.locator('adm-rule-set-form button.save').click();
  await page.locator('adm-rule-set-form [data-field="rules[2].max_minutes"] .field-error').waitFor();
  await shot(page, `rules-field-error-${lang}`, true);
  await page.locator('adm-rule-set-form [id="rules[2].max_minutes"]').fill('60');
  await page.locator('adm-rule-set-form button.save').click();
  await page.locator('adm-toast .toast').waitFor();
  await page.locator('adm-toast button').click();
  // Another admin changes the same set meanwhile.
  await otherAdmin(server, 'rules.list', 'rules.save', (rows) => {
    // The set the page opened: the first.
    const set = rows[0];
    return { rule_set: set.rule_set, version: set.version, rules: set.rules.map((r: { status: string }) => (r.status === 'lunch' ? { ...r, max_minutes: 45 } : r)) };
  });
  await page.locator('adm-rule-set-form [id="rules[1].max_per_shift"]').fill('3');
  await page.locator('adm-rule-set-form button.save').click();
  await page.locator('adm-rule-set-form adm-conflict').waitFor();
  await shot(page, `rules-conflict-${lang}`, true);
  await page.locator('adm-rule-set-form adm-conflict button.reload').click();
  await page.locator('button.new-set').click();
  await page.locator('adm-rule-set-form #rule_set').fill('evening');
  await page.locator('adm-rule-set-form #add-status').selectOption('break');
  await page.locator('adm-rule-set-form button.add-rule').click();
  await page.locator('adm-rule-set-form [id="rules[0].max_per_shift"]').fill('1');
  await page.locator('adm-rule-set-form [id="rules[0].max_minutes"]').fill('10');
  await shot(page, `rules-new-set-${lang}`, true);
}

async function settingsShots(page: Page, server: ProductServer, lang: Lang): Promise<void> {
  await openPage(page, server, 'Settings', lang, '[id="time_zone"]');
  await shot(page, `settings-${lang}`, true);
  await page.locator('[id="values.bot_url"]').fill('bot.example.com');
  await page.locator('button.save').click();
  await page.locator('[data-field="values.bot_url"] .field-error').waitFor();
  await shot(page, `settings-field-error-${lang}`, true);
  // The local runtime's stand-in for the bot takes the pushes (emulator/server/dev-api.ts).
  await page.locator('[id="values.bot_url"]').fill(`${server.base}/_dev/bot-sink`);
  await page.locator('[id="values.check_interval_minutes"]').selectOption('10');
  await page.locator('[id="secrets.TELEGRAM_BOT_TOKEN"]').fill('123456:demo-token');
  await page.locator('button.save').click();
  await page.locator('adm-toast .toast').waitFor();
  await shot(page, `settings-saved-${lang}`, true);
}

async function doctorShots(page: Page, server: ProductServer, lang: Lang): Promise<void> {
  // A row nobody can use, for the list of rows with problems.
  const row = (await readSheet(server.base, 'Employees')).findIndex((e) => e.email === 'anna.ivanova@example.com') + 2;
  setCell(server.runtime, 'Employees', row, 'group', 'support-l9');
  await openPage(page, server, 'Doctor', lang, 'ol.all li.check');
  await shot(page, `doctor-${lang}`, true);
  await page.locator('li.check[data-id="triggers"] button.run-action').click();
  await page.locator('li.check[data-id="triggers"].ok').waitFor();
  await shot(page, `doctor-rerun-${lang}`, true);
  setCell(server.runtime, 'Employees', row, 'group', 'support-l1');
}

/** With the bot's address set (Settings), a test message goes the way alerts go. */
async function doctorTestShot(page: Page, server: ProductServer, lang: Lang): Promise<void> {
  await openPage(page, server, 'Doctor', lang, 'ol.all li.check');
  await page.locator('#test_chat_id').fill('-1001000000001');
  await page.locator('button.send-test').click();
  await page.locator('ol.test-result li.check').waitFor();
  await shot(page, `doctor-test-${lang}`, true);
}

async function auditShots(page: Page, server: ProductServer, lang: Lang): Promise<void> {
  await page.setViewportSize({ width: 960, height: 640 });
  await openPage(page, server, 'Audit', lang, 'adm-data-table tbody tr');
  await shot(page, `audit-${lang}`);
  await page.locator('#action').selectOption('rules');
  await page.locator('button.apply').click();
  await page.locator('adm-data-table tbody tr').first().waitFor();
  await shot(page, `audit-filtered-${lang}`);
  await page.locator('adm-data-table tbody tr').first().click();
  await page.locator('table.whole').waitFor();
  await shot(page, `audit-detail-${lang}`);
  await page.setViewportSize({ width: 300, height: 760 });
}

/** The /admin page's menu: Extensions › WorkTimeTracker › the screen. */
async function openFromMenu(page: Page, name: string): Promise<void> {
  await page.locator('.menu > button').first().click();
  await page.locator('.menu li button', { hasText: name }).click();
}

/** Another admin's save through the same adminRpc: what `edit` makes of the list's rows is saved. */
async function otherAdmin(server: ProductServer, list: string, save: string, edit: (rows: any[]) => object): Promise<void> {
  const rpc = async (op: string, payload: object) => (await server.dev('/rpc/adminRpc', { args: [op, payload] })).value;
  const saved = await rpc(save, { ...edit((await rpc(list, {})).rows), request_id: `other-admin-${Date.now()}` });
  if (!saved.ok) throw new Error(`the other save failed: ${JSON.stringify(saved)}`);
}

/** Anna signs in on two devices, one an hour and a half ago and one a few minutes ago; she links Telegram. */
async function giveAnnaDevices(server: ProductServer): Promise<void> {
  const email = 'anna.ivanova@example.com';
  const now = server.clock.now();
  for (const [device, ago] of [['pc-office-7f3a91', 95], ['phone-anna-2b91c4', 4]] as const) {
    server.clock.set(now - ago * MINUTE);
    await server.api({ op: 'login.start', email, device_id: device });
    const mail = (await server.dev('/mail')).filter((m: { to: string }) => m.to === email).at(-1);
    const code = /\b(\d{6})\b/.exec(mail.body)![1];
    const { token } = await server.api({ op: 'login.finish', email, code, device_id: device });
    const at = server.clock.now();
    const reply = await server.api({ op: 'sync', token, device_id: device, sent_at: at, entries: [{ seq: 1, entry_id: `${device}-1`, status: 'work', at }] });
    if (!reply.ok) throw new Error(`sync failed: ${JSON.stringify(reply)}`);
  }
  server.clock.set(now);
  const id = await employeeIdOf(server.base, email);
  const row = (await readSheet(server.base, 'Employees')).findIndex((e) => e.id === id) + 2;
  setCell(server.runtime, 'Employees', row, 'telegram_chat_id', '500100200');
}

/** Another admin's save of Anna's name, through the same adminRpc. */
async function otherAdminRenames(server: ProductServer, name: string): Promise<void> {
  const rpc = async (op: string, payload: object) => (await server.dev('/rpc/adminRpc', { args: [op, payload] })).value;
  const anna = (await rpc('people.list', {})).rows.find((p: { email: string }) => p.email === 'anna.ivanova@example.com');
  const { id, email, group, role, timezone, active, version } = anna;
  const saved = await rpc('people.save', { id, email, name, group, role, timezone, active, version, request_id: `other-admin-${Date.now()}` });
  if (!saved.ok) throw new Error(`the other save failed: ${JSON.stringify(saved)}`);
}

forEachLanguage(takeAll);
