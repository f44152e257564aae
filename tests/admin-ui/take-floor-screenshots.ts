// Takes the live floor's and Violations' screenshots in docs/screenshots/admin/ (appsscript/ui/README.md):
//   npm run build && node --import tsx tests/admin-ui/take-floor-screenshots.ts
// Headless Chromium against the local runtime on a new workbook with the demo team, at 10:04 on a morning
// in the workbook's zone. The morning is played the real way: people sign in on the employee API and change
// status at the times they would (the server's clock moved to each), so the floor shows a believable day:
// support-l1 and billing in since 09:00, support-l2 arriving at 10:00 (one of them late), a few on a break,
// Anna past her break's limit, Ivan never came; checkBreaks (run as its trigger would) has found the
// violations. The Floor sidebar (300 px) and Violations (1100×720) as the support-l1 lead, the FloorBoard
// (1200×800) as the owner, who sees every group.
import type { Browser } from 'playwright-core';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import { forEachLanguage, openPage, servePages, shot, type Lang } from './screenshot-kit.ts';

const ZONE = 'Europe/Moscow'; // the demo workbook's
const LEAD = 'dmitry.petrov@example.com';

/** Today at hh:mm in the workbook's zone (Moscow is UTC+3 all year). */
function todayAt(hhmm: string): number {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return Date.parse(`${day}T${hhmm}:00+03:00`);
}

/** Who did what this morning: [time, email, status]. */
const MORNING: [string, string, string][] = [
  ['08:52', 'natalia.kozlova', 'work'],
  ['08:55', 'anna.ivanova', 'work'],
  ['08:56', 'thomas.walker', 'work'],
  ['08:57', 'dmitry.petrov', 'work'],
  ['08:58', 'maria.kuznetsova', 'work'],
  ['08:58', 'svetlana.semenova', 'work'],
  ['08:59', 'james.carter', 'work'],
  ['08:59', 'charlotte.evans', 'work'],
  ['09:00', 'ekaterina.popova', 'work'],
  ['09:00', 'maxim.golubev', 'work'],
  ['09:01', 'michael.brown', 'work'],
  ['09:02', 'george.harris', 'work'],
  ['09:03', 'sophie.turner', 'work'],
  ['09:06', 'anastasia.vinogradova', 'work'],
  ['09:30', 'james.carter', 'meeting'],
  ['09:40', 'maxim.golubev', 'break'],
  ['09:44', 'anna.ivanova', 'break'],
  ['09:54', 'maxim.golubev', 'work'],
  ['09:55', 'pavel.volkov', 'work'],
  ['09:56', 'olivia.davis', 'work'],
  ['09:57', 'michael.brown', 'break'],
  ['09:58', 'tatiana.fedorova', 'work'],
  ['09:58', 'andrey.mikhailov', 'work'],
  ['09:59', 'william.clark', 'work'],
  ['10:00', 'yulia.vasilieva', 'work'],
  ['10:00', 'charlotte.evans', 'break'],
  ['10:01', 'nikita.egorov', 'work'],
  ['10:02', 'natalia.kozlova', 'training'],
];
const NOW = '10:04';

interface Device {
  token: string;
  device: string;
  seq: number;
}

async function takeAll(browser: Browser, lang: Lang): Promise<void> {
  const clock = new Clock();
  clock.set(todayAt('08:30'));
  const server = await startProductServer({ clock });
  try {
    await playMorning(server);
    // The pictures are of this moment: the page's clock stands still at the server's.
    server.clock.set(todayAt(NOW), { frozen: true });
    const run = await server.runtime.run('checkBreaks', [], { kind: 'trigger' });
    if (run.error) throw new Error(`checkBreaks failed: ${run.error.message}`);

    const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'ru-RU', timezoneId: ZONE, viewport: { width: 300, height: 760 } });
    await context.clock.setFixedTime(server.clock.now());
    const page = await context.newPage();
    await servePages(page, server);

    // The Floor sidebar, as the support-l1 lead.
    await openPage(page, server, 'Floor', lang, 'adm-data-table tbody tr', LEAD);
    await shot(page, `floor-${lang}`);
    await page.locator('adm-data-table tbody tr', { hasText: 'Анна Иванова' }).click();
    await page.locator('adm-floor-status-form #note').fill(lang === 'en' ? 'Back at her desk since 10:01, forgot to press Working' : 'Вернулась в 10:01, забыла нажать «Работа»');
    await page.locator('adm-floor-status-form #at').fill('10:01');
    await page.locator('adm-floor-status-form button.apply').click();
    await page.locator('adm-floor-status-form adm-confirm').waitFor();
    await shot(page, `floor-set-status-${lang}`, true);
    await page.locator('adm-floor-status-form adm-confirm button.cancel').click();

    // The big screen, as the owner: every group.
    await page.setViewportSize({ width: 1200, height: 800 });
    await openPage(page, server, 'FloorBoard', lang, 'ol.tiles li.tile');
    await shot(page, `floor-board-${lang}`);

    // Violations, as the lead: Anna's overrun with her morning beside it; then two excused at once.
    await page.setViewportSize({ width: 1100, height: 720 });
    await openPage(page, server, 'Violations', lang, 'adm-data-table tbody tr', LEAD);
    await page.locator('adm-data-table tbody tr', { hasText: 'Анна Иванова' }).first().click();
    await page.locator('adm-day-bar .bar').waitFor();
    await shot(page, `violations-${lang}`);
    const boxes = page.locator('adm-data-table input.pick');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.locator('button.bulk-excuse').click();
    await page.locator('adm-resolve-form.bulk-form #note').fill(lang === 'en' ? 'The ticket system was down 09:30–10:00' : 'С 09:30 до 10:00 не работала система заявок');
    await page.locator('adm-resolve-form.bulk-form button.apply').click();
    await page.locator('adm-resolve-form.bulk-form adm-confirm').waitFor();
    await shot(page, `violations-bulk-${lang}`);
    await page.locator('adm-resolve-form.bulk-form adm-confirm button.confirm').click();
    await page.locator('adm-toast .toast').waitFor();
    await shot(page, `violations-excused-${lang}`);
    await context.close();
  } finally {
    await server.close();
  }
}

/** Everyone's morning, in time order: each change sent at its time, as the employee page would. */
async function playMorning(server: ProductServer): Promise<void> {
  const devices = new Map<string, Device>();
  for (const [time, login, status] of MORNING) {
    // Frozen at each change, so the times on the pictures are the whole minutes the list says.
    server.clock.set(todayAt(time), { frozen: true });
    const email = `${login}@example.com`;
    let d = devices.get(email);
    if (!d) {
      d = await signIn(server, email);
      devices.set(email, d);
    }
    const at = server.clock.now();
    d.seq += 1;
    const reply = await server.api({ op: 'sync', token: d.token, device_id: d.device, sent_at: at, entries: [{ seq: d.seq, entry_id: `${d.device}-${d.seq}`, status, at }] });
    if (!reply.ok) throw new Error(`sync for ${email} failed: ${JSON.stringify(reply)}`);
  }
}

async function signIn(server: ProductServer, email: string): Promise<Device> {
  const device = `pc-${email.split('@')[0].replace(/\W/g, '-')}`;
  await server.api({ op: 'login.start', email, device_id: device });
  const mail = (await server.dev('/mail')).filter((m: { to: string }) => m.to === email).at(-1);
  const code = /\b(\d{6})\b/.exec(mail.body)![1];
  const { token } = await server.api({ op: 'login.finish', email, code, device_id: device });
  if (!token) throw new Error(`no token for ${email}`);
  return { token, device, seq: 0 };
}

forEachLanguage(takeAll);
