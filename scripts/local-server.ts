// Entry point of `npm start`'s server (built to dist/emulator/server.js): the local runtime, with the
// Telegram bot beside it when TELEGRAM_BOT_TOKEN is set.
import { runLocalServer } from '../emulator/server/local-server.ts';
import { localBot } from './local-bot.ts';

await runLocalServer({ bot: process.env.TELEGRAM_BOT_TOKEN ? localBot(process.env) : undefined });
