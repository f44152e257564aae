// The Telegram bot beside `npm start`'s runtime (when TELEGRAM_BOT_TOKEN is set), against the runtime's web
// app. The bot and the script share a secret: it is made once and kept in the script's properties, as on
// Google. This joins bot/ and emulator/ here, above both, so neither imports the other.
import type { CompanionStarter } from '../emulator/server/local-server.ts';
import { botSecret } from '../emulator/server/bootstrap.ts';
import { loadBotConfig } from '../bot/config.ts';
import { createBot } from '../bot/create-bot.ts';
import { consoleLogger } from '../bot/log.ts';

export function localBot(env: Record<string, string | undefined>): CompanionStarter {
  return {
    intakeUrl: `http://127.0.0.1:${env.BOT_PORT ?? 8081}`,
    async start(runtime, webAppUrl) {
      const secret = botSecret(runtime);
      const config = loadBotConfig({ ...env, WTT_WEB_APP_URL: webAppUrl, BOT_SHARED_SECRET: secret, BOT_HOST: env.BOT_HOST ?? '127.0.0.1' });
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
    },
  };
}
