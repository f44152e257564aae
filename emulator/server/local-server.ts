// `npm start`'s server: open (or create) the workbook, serve the web app and the admin page on loopback,
// fire time-driven triggers, and shut down cleanly on Ctrl-C. A process beside the runtime (the Telegram
// bot) is handed in by the entry point (scripts/local-server.ts): the runtime knows it only by this
// interface, so emulator/ never imports bot/.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Runtime, REPO_ROOT } from '../runtime/runtime.ts';
import { createAppServer } from './app.ts';
import { bootstrapWorkbook } from './bootstrap.ts';

/** Something that runs beside the runtime and talks to its web app, as the bot does. */
export interface Companion {
  /** One line for the start banner. */
  describe: string;
  stop(): Promise<void>;
}

export interface CompanionStarter {
  /** Where the triggers push alerts to it (Settings bot_url on a new workbook). */
  intakeUrl: string;
  start(runtime: Runtime, webAppUrl: string): Promise<Companion>;
}

export interface LocalServerOptions {
  /** The bot; without one, the alerts the triggers push are kept at /_dev/pushes. */
  bot?: CompanionStarter;
}

export async function runLocalServer(o: LocalServerOptions = {}): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const host = '127.0.0.1';
  const workbookFile = resolve(REPO_ROOT, process.env.WTT_DATA ?? 'data/workbook.xlsx');
  const base = `http://${host}:${port}`;

  const isNew = !existsSync(workbookFile);
  // WTT_BUNDLE_DIR runs another bundle (the runtime's own tests use a probe project).
  const bundleDir = process.env.WTT_BUNDLE_DIR ? resolve(process.env.WTT_BUNDLE_DIR) : undefined;
  const runtime = await Runtime.open({ workbookFile, bundleDir, webAppUrl: `${base}/exec`, scheduler: true }).catch((e: Error) => {
    console.error(`\nThe local runtime cannot start:\n${e.message}\n`);
    process.exit(1);
  });
  // Alerts go to the bot's intake when a bot runs here, else to the runtime's own sink (listed at /_dev/pushes).
  const botUrl = o.bot ? o.bot.intakeUrl : `${base}/_dev/bot-sink`;
  const notes = await bootstrapWorkbook(runtime, isNew, { botUrl, triggers: true, history: true }).catch((e: Error) => {
    console.error(`\nThe workbook could not be prepared:\n${e.message}\n`);
    process.exit(1);
  });
  const server = createAppServer(runtime);
  server.on('error', (e: NodeJS.ErrnoException) => {
    console.error(e.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another one.` : e.message);
    process.exit(1);
  });
  const bot = o.bot
    ? await o.bot.start(runtime, `${base}/exec`).catch((e: Error) => {
        console.error(`The bot could not start: ${e.message}`);
        return null;
      })
    : null;
  server.listen(port, host, () => {
    console.log(`
WorkTimeTracker local runtime
  workbook       ${workbookFile}
  employee page  ${base}/
  admin page     ${base}/admin
  web app        ${base}/exec
  dev API        ${base}/_dev/mail  /_dev/pushes  /_dev/clock  /_dev/stats  POST /_dev/run/NAME
  ${bot ? bot.describe : 'bot            not running (set TELEGRAM_BOT_TOKEN to start it); pushes are at /_dev/pushes'}
${notes.map((n) => `\n${n}`).join('')}
Press Ctrl-C to stop.`);
  });

  let stopping = false;
  async function stop(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    server.close();
    server.closeAllConnections();
    await bot?.stop();
    await runtime.close();
    console.log('Workbook saved. Bye.');
    process.exit(0);
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
