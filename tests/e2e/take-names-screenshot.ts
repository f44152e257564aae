// Takes docs/screenshots/admin/violations-names.png: the local /admin page's Violations tab with the names
// column beside the ids (docs/spreadsheet.md, "Names beside ids"):
//   npm run build && node --import tsx tests/e2e/take-names-screenshot.ts
// A new workbook with the demo team; Anna works from 09:00 and takes a break at 11:00 that runs over; at 11:30
// checkBreaks (run as its trigger would) writes her overrun and the late starts of the people not signed in.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Clock } from '../../emulator/clock.ts';
import { startProductServer } from '../integration/server-harness.ts';
import { launchChromium } from './chromium.ts';
import { DEMO_EMPLOYEE, latestLoginCode } from './employee-page.ts';

const OUT = fileURLToPath(new URL('../../docs/screenshots/admin/', import.meta.url));
const ZONE = 'Europe/Moscow';

function todayAt(hh: number, mm: number): number {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return Date.parse(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+03:00`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const clock = new Clock();
  clock.set(todayAt(8, 59), { frozen: true });
  const server = await startProductServer({ clock });
  const browser = await launchChromium();
  try {
    const device = 'anna-phone';
    await server.api({ op: 'login.start', email: DEMO_EMPLOYEE, device_id: device });
    const done = await server.api({ op: 'login.finish', email: DEMO_EMPLOYEE, code: await latestLoginCode(server.base, DEMO_EMPLOYEE), device_id: device });
    clock.set(todayAt(11, 30), { frozen: true });
    const entries = [
      { seq: 1, entry_id: `${device}-1`, status: 'work', at: todayAt(9, 0) },
      { seq: 2, entry_id: `${device}-2`, status: 'break', at: todayAt(11, 0) },
    ];
    const synced = await server.api({ op: 'sync', token: done.token, device_id: device, sent_at: clock.now(), entries });
    if (!synced.ok) throw new Error(`sync failed: ${JSON.stringify(synced)}`);
    const run = await server.runtime.run('checkBreaks', [], { kind: 'trigger' });
    if (run.error) throw new Error(`checkBreaks failed: ${run.error.message}`);

    const page = await browser.newPage({ viewport: { width: 1680, height: 620 }, locale: 'en-US', timezoneId: ZONE });
    await page.goto(`${server.base}/admin`);
    await page.locator('#tabs button', { hasText: /^Violations$/ }).click();
    await page.locator('#table th', { hasText: 'name / имя' }).waitFor();
    await page.locator('#table td', { hasText: 'Анна Иванова' }).first().waitFor();
    const path = join(OUT, 'violations-names.png');
    await page.screenshot({ path });
    console.log(`  ${path}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
