// Linking and the employees' commands, driven through bot.handleUpdate with every Telegram call captured.
import { afterEach, describe, expect, it } from 'vitest';
import { WebAppError, WebAppUnavailableError } from '../../bot/web-app/errors.ts';
import { ANNA, LEAD, LEAD_CHAT, testBot, textUpdate } from './helpers.ts';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
});
/** A test bot; after the test, no handler may have crashed (bot.catch would hide it from the test). */
function bot() {
  const t = testBot();
  stops.push(async () => {
    await t.app.stop();
    expect(t.logs.errors()).toEqual([]);
  });
  return t;
}

describe('/start CODE', () => {
  it('links the private chat through bot.link and greets the employee in the language the server says', async () => {
    const { app, web, api } = bot();
    web.onLink = ({ code }) => ({ employee_name: code === 'K7Q2ZX' ? 'Анна Иванова' : 'someone else', lang: 'ru' });
    await app.bot.handleUpdate(textUpdate(ANNA, '/start K7Q2ZX'));

    expect(web.calls).toEqual([{ op: 'bot.link', input: { code: 'K7Q2ZX', chat_id: '1001', username: 'anna_i' } }]);
    const [reply] = api.of('sendMessage');
    expect(reply.payload.chat_id).toBe(1001);
    expect(reply.payload.text).toContain('Здравствуйте, Анна Иванова!');
    expect(reply.payload.text).toContain('/break — начать перерыв');
  });

  it('answers the server refusal (an expired code) with the server message', async () => {
    const { app, web, api } = bot();
    web.onLink = () => {
      throw new WebAppError('not_found', 'This code is unknown or expired / Код неизвестен или истёк');
    };
    await app.bot.handleUpdate(textUpdate(ANNA, '/start OLD123'));
    expect(api.of('sendMessage')[0].payload.text).toBe('This code is unknown or expired / Код неизвестен или истёк');
  });

  it('explains how to get a code when none (or a malformed one) is given, without calling the server', async () => {
    const { app, web, api } = bot();
    await app.bot.handleUpdate(textUpdate(ANNA, '/start'));
    await app.bot.handleUpdate(textUpdate({ ...ANNA, language_code: 'en' }, '/start not a code'));
    expect(web.calls).toEqual([]);
    const texts = api.of('sendMessage').map((c) => c.payload.text);
    expect(texts[0]).toContain('/start КОД');
    expect(texts[1]).toContain('/start CODE');
  });

  it('in a group, answers the chat id for the Groups tab and never links the group', async () => {
    const { app, web, api } = bot();
    await app.bot.handleUpdate(textUpdate(LEAD, '/start', LEAD_CHAT));
    await app.bot.handleUpdate(textUpdate(LEAD, '/start@wtt_bot K7Q2ZX', LEAD_CHAT));
    expect(web.calls).toEqual([]);
    const texts = api.of('sendMessage').map((c) => c.payload.text as string);
    expect(texts[0]).toContain('-3003');
    expect(texts[0]).toContain('telegram_chat_id');
    expect(texts[1]).toContain('private chat');
    expect(texts[1]).toContain('личные сообщения');
  });
});

describe('status commands', () => {
  it.each([
    ['/status', 'status'],
    ['/break', 'break'],
    ['/lunch', 'lunch'],
    ['/back', 'back'],
    ['/schedule', 'schedule'],
  ] as const)('%s sends bot.command %s for the sender and replies the server text', async (text, command) => {
    const { app, web, api } = bot();
    web.onCommand = (input) => ({ text: `server says ${input.command} for ${input.chat_id}` });
    const update = textUpdate(ANNA, text);
    await app.bot.handleUpdate(update);
    // The update's id goes along: the server takes each command once, whatever its nonce cache remembers.
    expect(web.calls).toEqual([{ op: 'bot.command', input: { chat_id: '1001', command, command_id: update.update_id } }]);
    expect(api.of('sendMessage').map((c) => [c.payload.chat_id, c.payload.text])).toEqual([[1001, `server says ${command} for 1001`]]);
  });

  it('/break in a group still acts for the person who typed it', async () => {
    const { app, web, api } = bot();
    web.onCommand = () => ({ text: 'Break started / Перерыв начат' });
    const update = textUpdate(ANNA, '/break@wtt_bot', LEAD_CHAT);
    await app.bot.handleUpdate(update);
    expect(web.calls[0].input).toEqual({ chat_id: '1001', command: 'break', command_id: update.update_id });
    expect(api.of('sendMessage')[0].payload.chat_id).toBe(-3003);
  });

  it('says the server is unreachable in the user language when the web app does not answer', async () => {
    const { app, web, api } = bot();
    web.onCommand = () => {
      throw new WebAppUnavailableError('bot.command: the web app answered HTTP 503 without JSON');
    };
    await app.bot.handleUpdate(textUpdate(ANNA, '/status'));
    expect(api.of('sendMessage')[0].payload.text).toBe('Сервер сейчас недоступен. Попробуйте ещё раз через минуту.');
  });

  it('answers /help and unknown private text with the command list, without the server', async () => {
    const { app, web, api } = bot();
    await app.bot.handleUpdate(textUpdate({ ...ANNA, language_code: 'en' }, '/help'));
    await app.bot.handleUpdate(textUpdate({ ...ANNA, language_code: 'en' }, 'hello?'));
    expect(web.calls).toEqual([]);
    for (const c of api.of('sendMessage')) expect(c.payload.text).toContain('/who — who is where (leads)');
  });
});

describe('/who', () => {
  it('shows the board the server returns to a lead', async () => {
    const { app, web, api } = bot();
    web.onCommand = ({ command, chat_id }) => {
      if (command !== 'who' || chat_id !== '2002') throw new Error('wrong call');
      return { text: 'On break (1): Anna Ivanova 12 min' };
    };
    await app.bot.handleUpdate(textUpdate(LEAD, '/who'));
    expect(api.of('sendMessage')[0].payload.text).toBe('On break (1): Anna Ivanova 12 min');
  });

  it('refuses a non-lead with the server forbidden message', async () => {
    const { app, web, api } = bot();
    web.onCommand = () => {
      throw new WebAppError('forbidden', 'Only leads and admins can see the board / Только руководители и администраторы видят, кто где');
    };
    const update = textUpdate(ANNA, '/who');
    await app.bot.handleUpdate(update);
    expect(web.calls).toEqual([{ op: 'bot.command', input: { chat_id: '1001', command: 'who', command_id: update.update_id } }]);
    expect(api.of('sendMessage').map((c) => c.payload.text)).toEqual(['Only leads and admins can see the board / Только руководители и администраторы видят, кто где']);
  });
});

describe('chat membership', () => {
  it('posts the group chat id when the bot is added to a group', async () => {
    const { app, api } = bot();
    await app.bot.handleUpdate({
      update_id: 9001,
      my_chat_member: {
        chat: LEAD_CHAT,
        from: LEAD,
        date: 0,
        old_chat_member: { status: 'left', user: app.bot.botInfo },
        new_chat_member: { status: 'member', user: app.bot.botInfo },
      },
    });
    const [msg] = api.of('sendMessage');
    expect(msg.payload.chat_id).toBe(-3003);
    expect(msg.payload.text).toContain('ID этого чата: -3003');
  });
});
