// Takes the Broadcast dialog's screenshots in docs/screenshots/admin/ (appsscript/ui/README.md):
//   npm run build && node --import tsx tests/admin-ui/take-broadcast-screenshots.ts
// Headless Chromium at 1000×720 against the whole product on loopback (tests/e2e-bot/harness.ts: the local
// runtime with the demo team, the real bot, a fake Telegram): eight people of support-l1 have Telegram
// linked and Settings bot_url points at the bot. The compose view with its preview (who gets it by which
// channel, who cannot be reached); then the message sent, one chat having blocked the bot, and the delivery
// report filled in: sent, failed with Telegram's reason, not reachable.
import type { Browser } from 'playwright-core';
import { startEndToEnd } from '../e2e-bot/harness.ts';
import { forEachLanguage, openPage, servePages, shot, type Lang } from './screenshot-kit.ts';

const ZONE = 'Europe/Moscow'; // the demo workbook's
const LINKED = 8;

async function takeAll(browser: Browser, lang: Lang): Promise<void> {
  const e2e = await startEndToEnd();
  try {
    const people = e2e.tab('Employees').filter((p) => p.group === 'support-l1' && p.active !== false);
    for (const [i, p] of people.slice(0, LINKED).entries()) {
      await e2e.editCell('Employees', 'id', String(p.id), 'telegram_chat_id', String(770_001 + i));
    }
    await e2e.addSetting('bot_url', e2e.intakeUrl);

    const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'ru-RU', timezoneId: ZONE, viewport: { width: 1000, height: 720 } });
    const page = await context.newPage();
    await servePages(page, e2e.server);
    await openPage(page, e2e.server, 'Broadcast', lang, 'form textarea#text_ru');

    await page.locator('#text_ru').fill('Коллеги, сегодня в 15:00 короткое собрание в переговорной «Волга». Перерывы после 15:30 сдвигаем на 15 минут.');
    await page.locator('#text_en').fill('Team, a short meeting today at 15:00 in the Volga room. Breaks after 15:30 move 15 minutes later.');
    await page.locator('input[name="audience"][value="groups"]').check();
    await page.locator('#group-support-l1').check();
    await page.locator('#ch-email').check();
    await page.locator('button.check').click();
    await page.locator('.panel.preview').waitFor();
    await shot(page, `broadcast-${lang}`);

    // One person blocked the bot: Telegram refuses that message, and the report says why.
    e2e.tg.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await page.locator('button.send').click();
    await page.locator('adm-confirm').waitFor();
    await page.locator('adm-confirm button.confirm').click();
    await page.locator('.tiles').waitFor({ timeout: 30_000 });
    await page.locator('.past-panel ol.past li').first().waitFor();
    await shot(page, `broadcast-report-${lang}`);
    await context.close();
  } finally {
    await e2e.close();
  }
}

forEachLanguage(takeAll);
