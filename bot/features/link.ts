// /start CODE links the employee's private chat to their record (the code comes from the employee page).
// In a group, /start answers the chat's id, which an admin puts in the Groups tab to route alerts there.
import { Composer, type Context } from 'grammy';
import { bilingual, say, t } from '../i18n.ts';
import type { Logger } from '../log.ts';
import type { WebAppClient } from '../web-app/client.ts';
import { explainFailure } from './failure.ts';

/** Telegram deep-link payloads are at most 64 of these characters; anything else cannot be a code. */
const CODE = /^[\w-]{1,64}$/;

export function linkFeature(client: WebAppClient, log: Logger): Composer<Context> {
  const c = new Composer<Context>();
  c.command('start', async (ctx) => {
    const code = ctx.match.trim();
    if (ctx.chat.type !== 'private') {
      await ctx.reply(code ? say(ctx, 'linkInPrivate') : bilingual('groupChatId', { id: String(ctx.chat.id) }));
      return;
    }
    if (!CODE.test(code)) {
      await ctx.reply(say(ctx, 'startUsage'));
      return;
    }
    try {
      const linked = await client.link({ code, chat_id: String(ctx.chat.id), username: ctx.from?.username });
      await ctx.reply(t(linked.lang, 'linked', { name: linked.employee_name, help: t(linked.lang, 'help') }));
    } catch (err) {
      await ctx.reply(explainFailure(ctx, err, log));
    }
  });
  return c;
}
