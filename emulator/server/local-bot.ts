// `npm start` with TELEGRAM_BOT_TOKEN set also runs the bot, against this runtime's web app. The bot and
// the script share a secret: it is made once and kept in the script's properties, as on Google.
import type { Runtime } from '../runtime/runtime.ts';
import { loadBotConfig } from '../../bot/config.ts';
import { createBot } from '../../bot/create-bot.ts';
import { consoleLogger } from '../../bot/log.ts';
import { botSecret } from './bootstrap.ts';

export async function startLocalBot(runtime: Runtime, webAppUrl: string): Promise<{ stop(): Promise<void>; describe: string }> {
  const secret = botSecret(runtime);
  const config = loadBotConfig({ ...process.env, WTT_WEB_APP_URL: webAppUrl, BOT_SHARED_SECRET: secret, BOT_HOST: process.env.BOT_HOST ?? '127.0.0.1' });
  // The bot's clock is the runtime's, so a demo that moves the clock does not make every request stale.
  const app = createBot(config, { log: consoleLogger, now: () => runtime.clock.now() });
  await app.bot.init();
  const address = await app.intake.listen(config.port, config.host);
  app.puller.start();
  void app.bot.start();
  return {
    stop: () => app.stop(),
    describe: `bot            @${app.bot.botInfo.username}: alert intake http://${address.address}:${address.port}/alerts, pulling ${webAppUrl}`,
  };
}
