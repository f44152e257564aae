// What a user sees when a call to the web app fails: the server's own message when it refused (already in
// both languages), a "try again" when it could not be reached, and a generic apology for a bug.
import type { Context } from 'grammy';
import { say } from '../i18n.ts';
import { describeError, type Logger } from '../log.ts';
import { WebAppError, WebAppUnavailableError } from '../web-app/errors.ts';

export function explainFailure(ctx: Context, err: unknown, log: Logger): string {
  if (err instanceof WebAppError) return err.message;
  if (err instanceof WebAppUnavailableError) {
    log.warn(describeError(err));
    return say(ctx, 'unavailable');
  }
  log.error('a bot handler failed', err);
  return say(ctx, 'failed');
}

/** The person behind an update, as the web app knows them: their private chat id (equal to their user id). */
export function personChatId(ctx: Context): string | null {
  return ctx.from ? String(ctx.from.id) : null;
}
