// /status, /break, /lunch, /back, /schedule: the web app switches the status (a Log entry with source bot)
// or reads today's schedule, and answers the text to send back in the employee's language.
import { Composer, type CommandContext, type Context } from 'grammy';
import type { BotCommand } from '../../common/bot-api.ts';
import type { Logger } from '../log.ts';
import type { WebAppClient } from '../web-app/client.ts';
import { explainFailure, personChatId } from './failure.ts';

const EMPLOYEE_COMMANDS = ['status', 'break', 'lunch', 'back', 'schedule'] as const satisfies readonly BotCommand[];

/** Runs one bot.command for the sender and replies with the server's text (or why it failed). */
export async function runCommand(ctx: CommandContext<Context>, command: BotCommand, client: WebAppClient, log: Logger): Promise<void> {
  const chatId = personChatId(ctx);
  if (chatId === null) return;
  let text: string;
  try {
    // The update's id makes the command idempotent on the server: a repeat of this request (a replay, or
    // Telegram delivering the update again) writes nothing new.
    text = (await client.command({ chat_id: chatId, command, command_id: ctx.update.update_id })).text;
  } catch (err) {
    text = explainFailure(ctx, err, log);
  }
  await ctx.reply(text);
}

export function statusFeature(client: WebAppClient, log: Logger): Composer<Context> {
  const c = new Composer<Context>();
  for (const command of EMPLOYEE_COMMANDS) c.command(command, (ctx) => runCommand(ctx, command, client, log));
  return c;
}
