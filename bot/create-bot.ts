// Wiring only: builds the bot, its Telegram API transformers, the features, the alert intake and the puller.
// Nothing here touches the network: main.ts starts things, tests drive bot.handleUpdate() directly.
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { AlertDelivery } from './alerts/delivery.ts';
import { DeliveredStore } from './alerts/delivered-store.ts';
import { AlertIntake } from './alerts/intake.ts';
import { AlertPuller } from './alerts/puller.ts';
import type { BotConfig } from './config.ts';
import { alertChatsFeature } from './features/alert-chats.ts';
import { helpFeature } from './features/help.ts';
import { leadsFeature } from './features/leads.ts';
import { linkFeature } from './features/link.ts';
import { statusFeature } from './features/status.ts';
import { remindersFeature } from './features/reminders.ts';
import { consoleLogger, type Logger } from './log.ts';
import { HttpWebAppClient, type WebAppClient } from './web-app/client.ts';

/** How long stop() waits for deliveries in progress. */
const STOP_WAIT_MS = 10_000;

export interface BotDeps {
  /** The web app; by default signed HTTP requests to config.webAppUrl. */
  client?: WebAppClient;
  /** The clock for signatures and freshness checks (the local runtime's clock in end-to-end tests). */
  now?: () => number;
  log?: Logger;
  /** Known bot identity: no getMe call needed (tests). */
  botInfo?: UserFromGetMe;
  /** Telegram's rate limits, on by default. */
  throttle?: boolean;
  /** See AlertIntakeOptions.deadlineMs. */
  intakeDeadlineMs?: number;
}

export interface BotApp {
  bot: Bot;
  client: WebAppClient;
  delivery: AlertDelivery;
  intake: AlertIntake;
  puller: AlertPuller;
  /** Stops pulling, closes the intake, stops polling if it runs, and waits for deliveries in progress. */
  stop(): Promise<void>;
}

export function createBot(config: BotConfig, deps: BotDeps = {}): BotApp {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? consoleLogger;
  const client = deps.client ?? new HttpWebAppClient({ url: config.webAppUrl, secret: config.sharedSecret, now });

  const bot = new Bot(config.token, {
    botInfo: deps.botInfo,
    client: config.apiRoot ? { apiRoot: config.apiRoot } : undefined,
  });
  // Transformers run last-installed first. 429 and 5xx are retried, a bounded number of times so a broken
  // chat cannot hold a delivery forever. Network errors are not: the plugin would retry them without end;
  // a failed delivery is offered again by the server's Outbox, and polling has its own reconnect loop.
  // The throttler, outermost, keeps each chat's messages in order while one of them is being retried.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120, rethrowHttpErrors: true }));
  // ~1 message/s per chat, 20/min per group, 30/s overall (the plugin's defaults are Telegram's limits).
  if (deps.throttle !== false) bot.api.config.use(apiThrottler());

  bot.use(linkFeature(client, log));
  bot.use(statusFeature(client, log));
  // Before leads: its catch-all answers any button it does not know as stale.
  bot.use(remindersFeature(client, log));
  bot.use(leadsFeature(client, log));
  bot.use(alertChatsFeature(log));
  bot.use(helpFeature());
  bot.catch((err) => log.error(`update ${err.ctx.update.update_id} failed`, err.error));

  const store = new DeliveredStore(config.dataDir, { now, log });
  const delivery = new AlertDelivery(bot.api, store, log);
  const intake = new AlertIntake({ secret: config.sharedSecret, delivery, now, log, deadlineMs: deps.intakeDeadlineMs });
  const puller = new AlertPuller({ client, delivery, log, intervalMs: config.pullIntervalMs, limit: config.pullLimit });

  return {
    bot,
    client,
    delivery,
    intake,
    puller,
    async stop() {
      await puller.stop();
      await intake.close();
      if (bot.isRunning()) await bot.stop();
      // A delivery waiting out a long retry_after is left behind: unrecorded, the server offers it again.
      await Promise.race([delivery.idle(), new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
    },
  };
}
