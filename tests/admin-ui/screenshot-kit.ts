// What the console's screenshot scripts share: the built pages served as the local runtime would serve a
// sidebar (its google.script.run bridge in the head, acting as `?as=`), opening one in a language, taking a
// picture at rest, and running a script once per language.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/chromium.ts';
import type { ProductServer } from '../integration/server-harness.ts';

export const OUT = fileURLToPath(new URL('../../docs/screenshots/admin/', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/appsscript/', import.meta.url));

export type Lang = 'ru' | 'en';

/** `server.base/__page/<Page>?as=EMAIL` answers dist/appsscript/<Page>.html with the bridge for that user. */
export async function servePages(page: Page, server: ProductServer): Promise<void> {
  await page.route(`${server.base}/__page/**`, (route) => {
    const url = new URL(route.request().url());
    const name = url.pathname.split('/').pop()!;
    const as = url.searchParams.get('as');
    const bridge = `/_dev/bridge.js${as === null ? '' : `?as=${encodeURIComponent(as)}`}`;
    const html = readFileSync(join(DIST, `${name}.html`), 'utf8').replace('<head>', `<head><script src="${bridge}"></script>`);
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
  });
}

/** A page in `lang`, as `as` (the owner when absent), once `ready` is on screen. */
export async function openPage(page: Page, server: ProductServer, name: string, lang: Lang, ready: string, as?: string): Promise<void> {
  await page.goto(`${server.base}/__page/${name}${as === undefined ? '' : `?as=${encodeURIComponent(as)}`}`);
  await page.locator(`adm-lang-switch button[lang="${lang}"]`).click();
  await page.locator(ready).first().waitFor();
}

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  // The toast and the spinner settle; a picture shows the screen at rest.
  await page.waitForTimeout(300);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage });
  console.log(`  ${path}`);
}

/** Runs `takeAll` for English then Russian in one browser, and exits with the outcome. */
export function forEachLanguage(takeAll: (browser: Browser, lang: Lang) => Promise<void>): void {
  const main = async () => {
    mkdirSync(OUT, { recursive: true });
    const browser = await launchChromium();
    try {
      for (const lang of ['en', 'ru'] as const) await takeAll(browser, lang);
    } finally {
      await browser.close();
    }
  };
  main().then(
    () => process.exit(0),
    (e: Error) => {
      console.error(e.stack ?? e.message);
      process.exit(1);
    },
  );
}
