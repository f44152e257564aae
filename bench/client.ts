// `client`: the employee page's weight and start-up (issue 4, point 6).
// - The JavaScript the page loads, from dist/client, raw and gzipped, against the 35 KB gzipped budget.
// - The time from navigation to the first usable screen (the sign-in form, or the status buttons for a
//   signed-in session) in headless Chromium, against the runtime as `npm start` runs it: a first visit,
//   then visits after it, online and with the network off (the service worker serves the shell).
// The times are wall-clock figures of THIS machine (median of several runs); the sizes are not.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { REPO_ROOT } from '../emulator/runtime/runtime.ts';
import { JS_BUDGET_GZIP_BYTES } from '../scripts/build-client.ts';
import { launchChromium } from '../tests/e2e/chromium.ts';
import { serviceWorkerReady, signIn } from '../tests/e2e/employee-page.ts';
import { startServerProcess } from './lib/server-process.ts';
import { machineInfo, type Bench, type BenchContext, type BenchReport } from './lib/report.ts';
import { percentile, round } from './lib/timing.ts';

export interface ClientBenchOptions {
  /** Page loads per scenario (the median is reported). */
  runs: number;
}

const SIZES: Record<BenchContext['size'], ClientBenchOptions> = {
  full: { runs: 11 },
  smoke: { runs: 2 },
};

const CLIENT_DIR = join(REPO_ROOT, 'dist', 'client');
const JS_FILES = ['app.js', 'sw.js'] as const;

export interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The page's JavaScript as built; gzip level 9, as the build's own report and a typical server use. */
export function clientJsSizes(dir = CLIENT_DIR): FileSize[] {
  if (!existsSync(join(dir, 'app.js'))) throw new Error(`${dir}/app.js is missing: build first (npm run build)`);
  return JS_FILES.map((file) => {
    const body = readFileSync(join(dir, file));
    return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
}

export type Screen = 'login' | 'status';

/**
 * Runs in the page before its own script: on every animation frame (the moment before a paint), looks
 * for the sign-in form's email field or the first status button inside the components' shadow roots and
 * records performance.now() (milliseconds since the navigation started) the first time one is there.
 * A string, not a function: the TypeScript loader would add helpers to a function that the page lacks.
 */
const WATCH_FOR_FIRST_USABLE_SCREEN = `(() => {
  const find = () => {
    const app = document.querySelector('wtt-app')?.shadowRoot;
    if (!app) return null;
    if (app.querySelector('wtt-login-form')?.shadowRoot?.querySelector('#email')) return 'login';
    if (app.querySelector('wtt-status-buttons')?.shadowRoot?.querySelector('button[data-code]')) return 'status';
    return null;
  };
  const tick = () => {
    const screen = find();
    if (screen) window.__wttFirstUsable = { screen, ms: performance.now() };
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Opens the page in a new tab of `context` and returns the milliseconds to the expected screen. */
async function timeToScreen(context: BrowserContext, url: string, expected: Screen): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => (window as unknown as { __wttFirstUsable?: unknown }).__wttFirstUsable, null, { timeout: 30_000 });
    const seen = (await handle.jsonValue()) as { screen: Screen; ms: number };
    if (seen.screen !== expected) throw new Error(`expected the ${expected} screen first, the page showed ${seen.screen}`);
    return seen.ms;
  } finally {
    await page.close();
  }
}

interface Scenario {
  name: string;
  network: 'online' | 'offline';
  screen: Screen;
  samples: number[];
}

async function measureStartUp(browser: Browser, base: string, o: ClientBenchOptions, log: (m: string) => void): Promise<Scenario[]> {
  const url = `${base}/`;
  const newContext = async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    await context.addInitScript({ content: WATCH_FOR_FIRST_USABLE_SCREEN });
    return context;
  };

  // First visit: a new profile each time (no HTTP cache, no service worker, no IndexedDB).
  const first: Scenario = { name: 'first visit', network: 'online', screen: 'login', samples: [] };
  for (let i = 0; i < o.runs; i++) {
    const context = await newContext();
    first.samples.push(await timeToScreen(context, url, 'login'));
    await context.close();
  }
  log(`first visit: ${first.samples.length} runs`);

  // Later visits, signed out and signed in, online and offline: one profile that has seen the page once.
  const signedOut = await newContext();
  const signedIn = await newContext();
  try {
    const warm = await signedOut.newPage();
    await warm.goto(url);
    await serviceWorkerReady(warm);
    await warm.close();
    const login = await signedIn.newPage();
    await login.goto(url);
    await signIn(login, base);
    await serviceWorkerReady(login);
    await login.close();

    const scenarios: Scenario[] = [first];
    for (const network of ['online', 'offline'] as const) {
      for (const [context, screen] of [[signedOut, 'login'], [signedIn, 'status']] as const) {
        await context.setOffline(network === 'offline');
        const s: Scenario = { name: screen === 'login' ? 'later visit, signed out' : 'later visit, signed in', network, screen, samples: [] };
        for (let i = 0; i < o.runs; i++) s.samples.push(await timeToScreen(context, url, screen));
        scenarios.push(s);
        log(`${s.name}, ${network}: ${s.samples.length} runs`);
      }
    }
    return scenarios;
  } finally {
    await signedOut.close();
    await signedIn.close();
  }
}

export async function runClientBench(o: ClientBenchOptions, log: (m: string) => void = () => {}): Promise<BenchReport> {
  const sizes = clientJsSizes();
  const app = sizes.find((s) => s.file === 'app.js')!;
  const total = { file: 'all JavaScript', bytes: sizes.reduce((a, s) => a + s.bytes, 0), gzipBytes: sizes.reduce((a, s) => a + s.gzipBytes, 0) };
  const withinBudget = app.gzipBytes <= JS_BUDGET_GZIP_BYTES;

  const dataDir = mkdtempSync(join(tmpdir(), 'wtt-bench-client-'));
  let scenarios: Scenario[] = [];
  try {
    // The runtime as `npm start` runs it (its own process, a new workbook with the demo team).
    const server = await startServerProcess({ workbookFile: join(dataDir, 'workbook.xlsx') });
    try {
      const browser = await launchChromium();
      try {
        scenarios = await measureStartUp(browser, server.base, o, log);
      } finally {
        await browser.close();
      }
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const kb = (n: number) => round(n / 1024, 1);
  const machine = await machineInfo();
  const timings = scenarios.map((s) => ({
    scenario: s.name,
    network: s.network,
    screen: s.screen,
    runs: s.samples.length,
    medianMs: round(percentile(s.samples, 50)),
    minMs: round(Math.min(...s.samples)),
    maxMs: round(Math.max(...s.samples)),
  }));
  return {
    name: 'client',
    title: "The employee page: JavaScript size and time to the first usable screen",
    tables: [
      {
        title: 'JavaScript of dist/client (does not depend on the machine)',
        columns: ['file', 'KB', 'KB gzipped'],
        rows: [...sizes, total].map((s) => [s.file, kb(s.bytes), kb(s.gzipBytes)]),
        notes: [
          `Budget (issue 4): app.js at most ${kb(JS_BUDGET_GZIP_BYTES)} KB gzipped: ${withinBudget ? 'met' : 'NOT MET'} (${kb(app.gzipBytes)} KB).`,
          'sw.js is the service worker: not loaded by the page itself, fetched once when the worker installs or updates.',
        ],
      },
      {
        title: 'Navigation to the first usable screen, headless Chromium (this machine)',
        columns: ['visit', 'network', 'first screen', 'runs', 'median ms', 'min ms', 'max ms'],
        rows: timings.map((t) => [t.scenario, t.network, t.screen === 'login' ? 'sign-in form' : 'status buttons', t.runs, t.medianMs, t.minMs, t.maxMs]),
        notes: [
          'From the start of the navigation (performance.now() in the page) to the first animation frame with the email field or a status button in the page.',
          'First visit: a new browser profile each run. Later visits: a profile that has opened the page once (the service worker holds the shell); offline = the browser context has no network.',
          `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.platform}, Chromium at the local runtime (loopback).`,
        ],
      },
    ],
    data: { sizes: [...sizes, total], budgetGzipBytes: JS_BUDGET_GZIP_BYTES, withinBudget, timings, machine },
  };
}

export const clientBench: Bench = {
  name: 'client',
  title: 'employee page: JavaScript size and time to the first usable screen (Chromium)',
  expected: 'about 30 s',
  run: (ctx) => runClientBench(SIZES[ctx.size], ctx.log),
};
