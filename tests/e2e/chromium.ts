// Headless Debian Chromium for the browser tests and the client bench. Playwright's own browser download
// does not work here, so playwright-core drives the system's chromium (`npm test` installs it when
// missing: scripts/ensure-chromium.mjs). A missing browser is a failure with a clear message, never a skip:
// a skipped end-to-end test would let a broken page through CI unnoticed.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The same path scripts/ensure-chromium.mjs installs to (CHROMIUM_PATH overrides both). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// No sandbox (containers and CI run as root), and none of the browser's own traffic (updates, sync,
// component downloads) so the only requests are the page's.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
] as const;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser tests need Debian's chromium: ` +
        '`npm test` installs it (scripts/ensure-chromium.mjs), or run `sudo apt-get install chromium`, ' +
        'or set CHROMIUM_PATH to another Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
}
