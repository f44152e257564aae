// /help, and the same list for anything else typed in a private chat (registered last, so it only sees
// messages no other feature took).
import { Composer, type Context } from 'grammy';
import { say } from '../i18n.ts';

export function helpFeature(): Composer<Context> {
  const c = new Composer<Context>();
  c.command('help', (ctx) => ctx.reply(say(ctx, 'help')));
  c.chatType('private').on('message:text', (ctx) => ctx.reply(say(ctx, 'help')));
  return c;
}
