// A fake Telegram Bot API on loopback, for tests that run a real grammY bot (client.apiRoot = fake.apiRoot).
// It answers getMe, getUpdates (long polling over queued updates), sendMessage, editMessageText,
// editMessageReplyMarkup, answerCallbackQuery, deleteWebhook and setMyCommands like Telegram does, keeps
// the messages the bot sent (with their edits), and records every call. Unknown methods get Telegram's 404.
//
//   const tg = await FakeTelegram.start();
//   const app = createBot({ ...config, token: tg.token, apiRoot: tg.apiRoot });
//   void app.bot.start();
//   tg.userSays(ANNA, '/status');
//   const reply = await tg.waitFor(() => tg.messages(ANNA.id)[0]);
//   await app.stop(); await tg.close();
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InlineKeyboardMarkup, Message, Update, User, UserFromGetMe } from 'grammy/types';

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
}

/** A message the bot sent, as it looks now. */
export interface FakeMessage {
  message_id: number;
  chat_id: number;
  text: string;
  reply_markup?: InlineKeyboardMarkup;
  /** Earlier texts, oldest first, when the bot edited the message. */
  history: string[];
  protect_content: boolean;
}

export interface TelegramFailure {
  error_code: number;
  description: string;
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export interface FakeTelegramOptions {
  token?: string;
  botInfo?: Partial<UserFromGetMe>;
}

type Reply = { ok: true; result: unknown } | ({ ok: false } & Omit<TelegramFailure, 'retry_after' | 'migrate_to_chat_id'> & { parameters?: Record<string, number> });

/** Where a chat message comes from: a private chat with the user unless a group chat is given. */
export interface ChatRef {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
}

export class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  readonly botInfo: UserFromGetMe;
  readonly token: string;
  private readonly server: http.Server;
  private readonly sent = new Map<string, FakeMessage>();
  private readonly queue: Update[] = [];
  private readonly pollers = new Set<() => void>();
  private readonly failures: { method: string; failure: TelegramFailure }[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private nextCallbackId = 1;
  private port = 0;

  private constructor(opts: FakeTelegramOptions) {
    this.token = opts.token ?? '123456789:AAFakeTokenForTestsOnly_abcdefghij';
    this.botInfo = {
      id: Number(this.token.split(':')[0]),
      is_bot: true,
      first_name: 'WTT Test Bot',
      username: 'wtt_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      ...opts.botInfo,
    } as UserFromGetMe;
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  static async start(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(opts);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** For grammY's client.apiRoot (no trailing slash). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages the bot sent, oldest first; only to one chat when chatId is given. */
  messages(chatId?: number): FakeMessage[] {
    const all = [...this.sent.values()];
    return chatId === undefined ? all : all.filter((m) => m.chat_id === chatId);
  }

  /** Queues an update for getUpdates; returns its update_id. */
  queueUpdate(update: Omit<Update, 'update_id'>): number {
    const update_id = this.nextUpdateId++;
    this.queue.push({ update_id, ...update } as Update);
    for (const wake of [...this.pollers]) wake();
    return update_id;
  }

  /** A user types text (a command when it starts with '/') in their private chat or in `chat`. */
  userSays(user: User, text: string, chat?: ChatRef): number {
    const command = /^\/\w+(@\w+)?/.exec(text);
    const message = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      from: user,
      chat: chat ? { id: chat.id, type: chat.type, title: chat.title ?? 'Group' } : { id: user.id, type: 'private', first_name: user.first_name },
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    } as Update['message'];
    return this.queueUpdate({ message });
  }

  /** A user presses an inline button of a message the bot sent. */
  userPresses(user: User, message: FakeMessage, data: string): number {
    const chat = message.chat_id < 0 ? { id: message.chat_id, type: 'group', title: 'Group' } : { id: message.chat_id, type: 'private', first_name: user.first_name };
    return this.queueUpdate({
      callback_query: {
        id: String(this.nextCallbackId++),
        from: user,
        chat_instance: `ci${message.chat_id}`,
        data,
        message: { message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat, from: this.botInfo, text: message.text, reply_markup: message.reply_markup } as Message,
      },
    });
  }

  /** The next `times` calls of `method` fail with this Telegram error (e.g. 429 with retry_after). */
  failNext(method: string, failure: TelegramFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ method, failure });
  }

  /** Polls `probe` until it returns something truthy. */
  async waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const v = probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`FakeTelegram.waitFor: nothing after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    for (const wake of [...this.pollers]) wake();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const body = await readBody(req);
    if (!m) return send(res, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== this.token) return send(res, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2];
    let payload: Record<string, unknown>;
    try {
      payload = body.trim() ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      return send(res, { ok: false, error_code: 400, description: 'Bad Request: the fake only understands JSON payloads' });
    }
    this.calls.push({ method, payload, at: Date.now() });
    const failure = this.takeFailure(method);
    if (failure) {
      const parameters: Record<string, number> = {};
      if (failure.retry_after !== undefined) parameters.retry_after = failure.retry_after;
      if (failure.migrate_to_chat_id !== undefined) parameters.migrate_to_chat_id = failure.migrate_to_chat_id;
      return send(res, { ok: false, error_code: failure.error_code, description: failure.description, ...(Object.keys(parameters).length ? { parameters } : {}) });
    }
    if (method === 'getUpdates') return send(res, await this.getUpdates(payload, res));
    send(res, this.answer(method, payload));
  }

  private takeFailure(method: string): TelegramFailure | undefined {
    const i = this.failures.findIndex((f) => f.method === method);
    return i < 0 ? undefined : this.failures.splice(i, 1)[0].failure;
  }

  private answer(method: string, p: Record<string, unknown>): Reply {
    switch (method) {
      case 'getMe':
        return { ok: true, result: this.botInfo };
      case 'deleteWebhook':
      case 'setMyCommands':
      case 'answerCallbackQuery':
        return { ok: true, result: true };
      case 'sendMessage': {
        const chatId = Number(p.chat_id);
        if (!Number.isFinite(chatId)) return { ok: false, error_code: 400, description: 'Bad Request: chat not found' };
        if (typeof p.text !== 'string' || p.text.length === 0) return { ok: false, error_code: 400, description: 'Bad Request: message text is empty' };
        if (p.text.length > 4096) return { ok: false, error_code: 400, description: 'Bad Request: message is too long' };
        const msg: FakeMessage = {
          message_id: this.nextMessageId++,
          chat_id: chatId,
          text: p.text,
          reply_markup: p.reply_markup as InlineKeyboardMarkup | undefined,
          history: [],
          protect_content: p.protect_content === true,
        };
        this.sent.set(`${chatId}:${msg.message_id}`, msg);
        return { ok: true, result: this.asTelegramMessage(msg) };
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const msg = this.sent.get(`${Number(p.chat_id)}:${Number(p.message_id)}`);
        if (!msg) return { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' };
        const text = method === 'editMessageText' ? String(p.text) : msg.text;
        const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
        if (text === msg.text && JSON.stringify(markup) === JSON.stringify(msg.reply_markup)) {
          return { ok: false, error_code: 400, description: 'Bad Request: message is not modified' };
        }
        if (text !== msg.text) msg.history.push(msg.text);
        msg.text = text;
        msg.reply_markup = markup;
        return { ok: true, result: this.asTelegramMessage(msg) };
      }
      default:
        return { ok: false, error_code: 404, description: 'Not Found' };
    }
  }

  /** Long polling: confirms updates below offset, answers at once when some are queued, else waits. */
  private async getUpdates(p: Record<string, unknown>, res: http.ServerResponse): Promise<Reply> {
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Number(p.limit ?? 100));
    const timeoutS = Number(p.timeout ?? 0);
    while (this.queue.length > 0 && this.queue[0].update_id < offset) this.queue.shift();
    if (this.queue.length === 0 && timeoutS > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.pollers.delete(done);
          res.off('close', done);
          resolve();
        };
        const timer = setTimeout(done, timeoutS * 1000);
        this.pollers.add(done);
        res.on('close', done); // grammY aborts its poll on stop()
      });
    }
    return { ok: true, result: this.queue.filter((u) => u.update_id >= offset).slice(0, limit) };
  }

  private asTelegramMessage(m: FakeMessage): Message {
    const chat = m.chat_id < 0 ? { id: m.chat_id, type: 'group', title: 'Group' } : { id: m.chat_id, type: 'private', first_name: 'User' };
    return { message_id: m.message_id, date: Math.floor(Date.now() / 1000), chat, from: this.botInfo, text: m.text, reply_markup: m.reply_markup } as Message;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const text = JSON.stringify(reply);
  res.writeHead(reply.ok ? 200 : reply.error_code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
