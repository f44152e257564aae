// For leads: /who (who is where now) and the excuse/confirm buttons under violation alerts. The web app
// decides who may do what (and audits it); a refusal comes back as its forbidden message.
import { Composer, type CallbackQueryContext, type Context } from 'grammy';
import { bilingual, say, type TextKey } from '../i18n.ts';
import { describeError, type Logger } from '../log.ts';
import type { WebAppClient } from '../web-app/client.ts';
import { WebAppError } from '../web-app/errors.ts';
import { explainFailure, personChatId } from './failure.ts';
import { runCommand } from './status.ts';

/** callback_data of violation buttons (common/bot-api.ts AlertButton). */
const VIOLATION_BUTTON = /^v:([^:]+):(excuse|confirm)$/;
const CALLBACK_ANSWER_MAX = 200;
const MESSAGE_MAX = 4096;

export function leadsFeature(client: WebAppClient, log: Logger): Composer<Context> {
  const c = new Composer<Context>();
  c.command('who', (ctx) => runCommand(ctx, 'who', client, log));

  c.callbackQuery(VIOLATION_BUTTON, async (ctx) => {
    const [, violationId, action] = ctx.match as RegExpMatchArray & [string, string, 'excuse' | 'confirm'];
    const chatId = personChatId(ctx);
    if (chatId === null) return;
    let resolution: string;
    try {
      const reply = await client.violation({ chat_id: chatId, violation_id: violationId, action });
      resolution = reply.text.trim() || fallbackResolution(ctx, action);
    } catch (err) {
      if (err instanceof WebAppError && err.code === 'conflict') {
        // Already resolved (by someone else, or by this lead a moment ago): the buttons are stale either way.
        await ctx.answerCallbackQuery({ text: clip(err.message, CALLBACK_ANSWER_MAX) });
        await showResolution(ctx, err.message, log);
        return;
      }
      await ctx.answerCallbackQuery({ text: clip(explainFailure(ctx, err, log), CALLBACK_ANSWER_MAX), show_alert: true });
      return;
    }
    // Answer first: Telegram shows a spinner on the button until the query is answered.
    await ctx.answerCallbackQuery({ text: clip(resolution, CALLBACK_ANSWER_MAX) });
    await showResolution(ctx, resolution, log);
  });

  // Any other button (an old layout, a forged payload): stop the spinner and say so.
  c.on('callback_query:data', (ctx) => ctx.answerCallbackQuery({ text: say(ctx, 'staleButton') }));
  return c;
}

/** Rewrites the alert to show how it was resolved, without its buttons (editing text drops the keyboard). */
async function showResolution(ctx: CallbackQueryContext<Context>, resolution: string, log: Logger): Promise<void> {
  const message = ctx.callbackQuery.message;
  const original = message && 'text' in message ? message.text : undefined;
  try {
    if (original === undefined) await ctx.editMessageReplyMarkup({ reply_markup: undefined });
    else {
      const suffix = `\n\n${resolution}`;
      await ctx.editMessageText(clip(original, MESSAGE_MAX - suffix.length) + suffix);
    }
  } catch (err) {
    // Too old to edit, or already showing this: the resolution itself is recorded by the server.
    log.warn(`could not update the alert message: ${describeError(err)}`);
  }
}

function fallbackResolution(ctx: Context, action: 'excuse' | 'confirm'): string {
  const key: TextKey = action === 'excuse' ? 'excusedBy' : 'confirmedBy';
  const from = ctx.from;
  const name = from ? [from.first_name, from.last_name].filter(Boolean).join(' ') || `@${from.username}` : '?';
  return bilingual(key, { name });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
