// Where alerts can go: when the bot is added to a group it posts the chat's id (what an admin puts in the
// Groups tab to send that group's alerts there); when it is removed, the log says alerts there will fail.
import { Composer, type Context } from 'grammy';
import { bilingual } from '../i18n.ts';
import type { Logger } from '../log.ts';

export function alertChatsFeature(log: Logger): Composer<Context> {
  const c = new Composer<Context>();
  c.on('my_chat_member', async (ctx) => {
    const { chat, new_chat_member: now, old_chat_member: before } = ctx.myChatMember;
    if (chat.type === 'private' || chat.type === 'channel') return;
    const isIn = (s: string) => s === 'member' || s === 'administrator' || s === 'creator';
    if (isIn(now.status) && !isIn(before.status)) {
      await ctx.reply(bilingual('groupChatId', { id: String(chat.id) }));
    } else if (!isIn(now.status) && isIn(before.status)) {
      log.warn(`the bot was removed from chat ${chat.id} ("${chat.title}"); alerts to it will fail until it is added back`);
    }
  });
  return c;
}
