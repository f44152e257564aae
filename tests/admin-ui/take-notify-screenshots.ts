// Takes the Notifications sidebar's screenshots in docs/screenshots/admin/ (appsscript/ui/README.md):
//   npm run build && npm run screenshots:notify
// Headless Chromium at the sidebar's 300 px against the local runtime on a new workbook with the demo team,
// as the owner. Setup wrote the four default rules; three more are saved through notify.rules.save as an
// admin would (an e-mail rule with quiet hours and a once-per limit, a late start told to the employee, one
// turned off), so the list shows what the plain words look like beyond the defaults. The list; the edit form
// of the e-mail rule.
import type { Browser } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import type { NotifyRuleRecord } from '../../common/notify-rules.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { forEachLanguage, openPage, servePages, shot, type Lang } from './screenshot-kit.ts';

const ZONE = 'Europe/Moscow'; // the demo workbook's

const MORE: NotifyRuleRecord[] = [
  {
    id: 'overrun-admins-mail',
    enabled: true,
    when: 'violation:break_overrun',
    minutes: null,
    who: 'admins',
    how: 'email',
    quiet_from: '22:00',
    quiet_to: '08:00',
    once_per_minutes: 60,
    note: 'Ops wants a copy of every long break',
  },
  { id: 'late-to-employee', enabled: true, when: 'not_signed_in', minutes: 10, who: 'employee', how: 'telegram', quiet_from: '', quiet_to: '', once_per_minutes: null, note: '' },
  { id: 'lunch-missed-leads', enabled: false, when: 'violation:missed_lunch', minutes: null, who: 'lead_chat', how: 'email', quiet_from: '', quiet_to: '', once_per_minutes: null, note: '' },
];

async function addRules(server: ProductServer): Promise<void> {
  for (const [i, rule] of MORE.entries()) {
    const out = await server.dev<{ ok: boolean; value: { ok: boolean; error?: unknown }; error?: string }>('/rpc/adminRpc', ['notify.rules.save', { rule, request_id: `shot-notify-${i}` }]);
    if (!out.ok || !out.value.ok) throw new Error(`notify.rules.save ${rule.id}: ${JSON.stringify(out)}`);
  }
}

async function takeAll(browser: Browser, lang: Lang): Promise<void> {
  const clock = new Clock();
  clock.set(Date.parse('2026-11-24T10:00:00+03:00'));
  const server = await startProductServer({ clock });
  try {
    await addRules(server);
    const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'ru-RU', timezoneId: ZONE, viewport: { width: 300, height: 760 } });
    const page = await context.newPage();
    await servePages(page, server);
    await openPage(page, server, 'Notifications', lang, 'adm-data-table tbody tr');
    await shot(page, `notifications-${lang}`, true);

    await page.locator('adm-data-table tbody tr[data-key="overrun-admins-mail"]').click();
    await page.locator('adm-notify-rule-form select#rule\\.when').waitFor();
    await shot(page, `notifications-edit-${lang}`, true);
    await context.close();
  } finally {
    await server.close();
  }
}

forEachLanguage(takeAll);
