// `npm run bot`: reads the environment, starts the alert intake, the alert puller and long polling,
// and stops all three cleanly on Ctrl-C. See docs/bot.md.
import { ConfigError, loadBotConfig } from './config.ts';
import { publishCommandMenu } from './command-menu.ts';
import { createBot } from './create-bot.ts';
import { consoleLogger as log, describeError } from './log.ts';

let config;
try {
  config = loadBotConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`${err.message}\nSee docs/bot.md.`);
  process.exit(2);
}

const app = createBot(config, { log });
// getMe first: a wrong token should stop the bot here with Telegram's answer, not later in a loop.
await app.bot.init().catch((err) => fail(`Telegram did not accept TELEGRAM_BOT_TOKEN: ${describeError(err)}`));
const address = await app.intake.listen(config.port, config.host).catch((err) => fail(`the alert intake cannot listen on ${config.host}:${config.port} (BOT_PORT, BOT_HOST): ${describeError(err)}`));
log.info(`alert intake on http://${address.address}:${address.port}/alerts; pulling alerts from ${config.webAppUrl} every ${config.pullIntervalMs / 1000} s`);
app.puller.start();
publishCommandMenu(app.bot.api).catch((err) => log.warn(`could not publish the command menu: ${describeError(err)}`));

function fail(message: string): never {
  log.error(message);
  process.exit(1);
}

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: stopping...`);
  app.stop().then(
    () => process.exit(0),
    (err) => {
      log.error('stopping failed', err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

await app.bot.start({ onStart: (me) => log.info(`@${me.username} is polling Telegram; delivered alert ids are kept in ${config.dataDir}`) });
