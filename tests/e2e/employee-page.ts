// What a person does on the employee page, as Playwright steps that wait on what the page shows (never on
// sleeps): sign in with the mailed code, press a status, read the sync state. Playwright's CSS locators
// go through the components' open shadow roots, so the selectors name the elements the person sees.
import type { Locator, Page } from 'playwright-core';

/** The demo team's employee (seeded by `npm start` and startProductServer on a new workbook). */
export const DEMO_EMPLOYEE = 'anna.ivanova@example.com';

interface SentMail {
  to: string;
  body: string;
  at: number;
}

/** The code of the newest login mail to `email` in the runtime's mailbox (GET /_dev/mail). */
export async function latestLoginCode(base: string, email: string): Promise<string> {
  const mail = (await (await fetch(`${base}/_dev/mail`)).json()) as SentMail[];
  const mine = mail.filter((m) => m.to === email).sort((a, b) => a.at - b.at);
  const code = /\b(\d{6})\b/.exec(mine.at(-1)?.body ?? '')?.[1];
  if (!code) throw new Error(`no login code mailed to ${email} (mailbox: ${JSON.stringify(mail).slice(0, 500)})`);
  return code;
}

/** Sign in through the two-step form; resolves when the status buttons are on screen. */
export async function signIn(page: Page, base: string, email = DEMO_EMPLOYEE): Promise<void> {
  await page.locator('#email').fill(email);
  await page.locator('#email').press('Enter');
  // The code field appears only once login.start has answered, so the mail is in the mailbox by then.
  await page.locator('#code').waitFor();
  await page.locator('#code').fill(await latestLoginCode(base, email));
  await page.locator('#code').press('Enter');
  await statusButtons(page).first().waitFor();
}

export function statusButtons(page: Page): Locator {
  return page.locator('wtt-status-buttons button[data-code]');
}

/** The codes of the status buttons, in the order shown. */
export async function statusCodes(page: Page): Promise<string[]> {
  return statusButtons(page).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-code') ?? ''));
}

/**
 * Press a status and wait until the page shows it as the current one: the change is then stored in the
 * outbox (the model shows it only after its IndexedDB transaction committed), so the next press is a
 * separate, later entry.
 */
export async function chooseStatus(page: Page, code: string, timeout = 10_000): Promise<void> {
  await page.locator(`wtt-status-buttons button[data-code="${code}"]`).click({ timeout });
  await page.locator(`wtt-status-buttons button[data-code="${code}"][aria-pressed="true"]`).waitFor({ timeout });
}

/** The number of changes the sync state says are waiting (0 for "all sent"). English page. */
export async function pendingCount(page: Page): Promise<number> {
  const text = (await page.locator('[data-testid="pending"]').textContent()) ?? '';
  if (/all changes sent/i.test(text)) return 0;
  const n = /(\d+)/.exec(text)?.[1];
  if (n === undefined) throw new Error(`unexpected pending text: ${JSON.stringify(text)}`);
  return Number(n);
}

/** Wait until the sync state shows exactly `n` waiting changes (English page). */
export async function waitForPending(page: Page, n: number, timeout = 30_000): Promise<void> {
  const text = n === 0 ? /All changes sent/ : new RegExp(`^\\s*${n} changes? waiting`);
  await page.locator('[data-testid="pending"]', { hasText: text }).waitFor({ timeout });
}

export function offlineBadge(page: Page): Locator {
  return page.locator('[data-testid="offline"]');
}

/** Resolves once the service worker is active, i.e. it has cached the app shell (offline start works). */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}
