// Shared pieces of the bot tests: a bot whose Telegram calls are captured (no network), a fake web app that
// records what the bot asked, update builders, and a signed push to the alert intake.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bot } from 'grammy';
import type { Chat, Message, Update, User, UserFromGetMe } from 'grammy/types';
import type { AlertReceipt, BotCommand, BotCommandReply, BotLinkReply, BotRemindersReply } from '../../common/bot-api.ts';
import type { BotConfig } from '../../bot/config.ts';
import { createBot, type BotApp, type BotDeps } from '../../bot/create-bot.ts';
import type { Logger } from '../../bot/log.ts';
import type { RemindersInput, WebAppClient } from '../../bot/web-app/client.ts';

export const SECRET = 'test-shared-secret-0123456789';

export const BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: 'WTT Bot',
  username: 'wtt_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export const ANNA: User = { id: 1001, is_bot: false, first_name: 'Anna', username: 'anna_i', language_code: 'ru' };
export const LEAD: User = { id: 2002, is_bot: false, first_name: 'Lena', last_name: 'Lead', language_code: 'en' };
export const LEAD_CHAT: Chat.GroupChat = { id: -3003, type: 'group', title: 'Support L1 leads' };

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-bot-'));
}

export function testConfig(dataDir: string, over: Partial<BotConfig> = {}): BotConfig {
  return {
    token: '4242:AAtestTokenNotRealxxxxxxxxxx',
    webAppUrl: 'http://127.0.0.1:1/exec',
    sharedSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    pullIntervalMs: 60_000,
    pullLimit: 50,
    ...over,
  };
}

export interface ApiCall {
  method: string;
  payload: Record<string, any>;
}

/** Telegram errors to answer instead of a result, per method, consumed in order. */
export type ApiFailure = { error_code: number; description: string; parameters?: Record<string, number> };

/** Captures every Telegram call the bot makes and answers it like Telegram would, without the network. */
export function captureApi(bot: Bot) {
  const calls: ApiCall[] = [];
  const failures: { method: string; failure: ApiFailure }[] = [];
  let messageId = 500;
  let delayMs = 0;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, any>;
    calls.push({ method, payload: p });
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const i = failures.findIndex((f) => f.method === method);
    if (i >= 0) return { ok: false, ...failures.splice(i, 1)[0].failure } as any;
    if (method === 'sendMessage' || method === 'editMessageText') {
      const chat = Number(p.chat_id) < 0 ? { id: Number(p.chat_id), type: 'group', title: 'g' } : { id: Number(p.chat_id), type: 'private', first_name: 'u' };
      return { ok: true, result: { message_id: p.message_id ?? messageId++, date: 0, chat, text: p.text, reply_markup: p.reply_markup } } as any;
    }
    return { ok: true, result: true } as any;
  });
  return {
    calls,
    of: (method: string) => calls.filter((c) => c.method === method),
    failNext: (method: string, failure: ApiFailure) => failures.push({ method, failure }),
    /** Every call takes this long from now on (a slow Telegram). */
    setDelay: (ms: number) => (delayMs = ms),
  };
}

type Handler<I, O> = (input: I) => O | Promise<O>;

/** The web app as the bot sees it: records every call; each op answers through a replaceable handler. */
export class FakeWebApp implements WebAppClient {
  readonly calls: { op: string; input: unknown }[] = [];
  onLink: Handler<{ code: string; chat_id: string; username?: string }, BotLinkReply> = () => {
    throw new Error('unexpected bot.link');
  };
  onCommand: Handler<{ chat_id: string; command: BotCommand; command_id: number }, BotCommandReply> = () => {
    throw new Error('unexpected bot.command');
  };
  onViolation: Handler<{ chat_id: string; violation_id: string; action: 'excuse' | 'confirm' }, BotCommandReply> = () => {
    throw new Error('unexpected bot.violation');
  };
  onReminders: Handler<RemindersInput, BotRemindersReply> = () => {
    throw new Error('unexpected bot.reminders');
  };
  /** Pages of alerts the next pulls return, then none. */
  pending: unknown[][] = [];
  acks: AlertReceipt[][] = [];

  private record<I, O>(op: string, input: I, handler: Handler<I, O>): Promise<O> {
    this.calls.push({ op, input });
    return Promise.resolve().then(() => handler(input));
  }

  link(input: { code: string; chat_id: string; username?: string }) {
    return this.record('bot.link', input, this.onLink);
  }
  command(input: { chat_id: string; command: BotCommand; command_id: number }) {
    return this.record('bot.command', input, this.onCommand);
  }
  violation(input: { chat_id: string; violation_id: string; action: 'excuse' | 'confirm' }) {
    return this.record('bot.violation', input, this.onViolation);
  }
  reminders(input: RemindersInput) {
    return this.record('bot.reminders', input, this.onReminders);
  }
  pullAlerts(limit: number) {
    return this.record('bot.alerts.pull', { limit }, () => this.pending.shift() ?? []);
  }
  ackAlerts(receipts: AlertReceipt[]) {
    return this.record('bot.alerts.ack', { receipts }, () => {
      this.acks.push(receipts);
    });
  }
  ops(): string[] {
    return this.calls.map((c) => c.op);
  }
}

/** A logger that keeps its lines, so a test can tell a handled problem from a crash swallowed by bot.catch. */
export function recordingLogger() {
  const lines: { level: 'info' | 'warn' | 'error'; message: string }[] = [];
  const log: Logger = {
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message, err) => lines.push({ level: 'error', message: `${message}${err ? `: ${String(err)}` : ''}` }),
  };
  return { log, lines, errors: () => lines.filter((l) => l.level === 'error').map((l) => l.message), warnings: () => lines.filter((l) => l.level === 'warn').map((l) => l.message) };
}

/** A bot with captured Telegram calls and a fake web app; no throttling (it would only add waits). */
export function testBot(dataDir = tempDir(), deps: BotDeps = {}, over: Partial<BotConfig> = {}) {
  const web = new FakeWebApp();
  const logs = recordingLogger();
  const app: BotApp = createBot(testConfig(dataDir, over), { client: web, log: logs.log, botInfo: BOT_INFO, throttle: false, ...deps });
  const api = captureApi(app.bot);
  return { app, web, api, dataDir, logs };
}

let updateId = 1;
let messageId = 1;

/** A text message (a command when it starts with '/') from `from`, in their private chat unless `chat` is given. */
export function textUpdate(from: User, text: string, chat?: Chat): Update {
  const command = /^\/\w+(@\w+)?/.exec(text);
  return {
    update_id: updateId++,
    message: {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      from,
      chat: chat ?? { id: from.id, type: 'private', first_name: from.first_name },
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    } as Update['message'],
  };
}

/** `from` presses a button with `data` under the bot's message `message` in `chat`. */
export function buttonUpdate(from: User, data: string, chat: Chat, message: { message_id: number; text: string }): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: `cq${updateId}`,
      from,
      chat_instance: 'ci',
      data,
      message: { message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat, from: BOT_INFO, text: message.text } as Message,
    },
  };
}

/** The contract's push signature, written out here rather than borrowed from bot/ so a bug there shows. */
export function contractPushSignature(secret: string, ts: string, body: string): string {
  return createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
}

/** POSTs a signed push to the intake, as the server's UrlFetchApp does. */
export async function push(url: string, body: unknown, opts: { ts?: number; secret?: string; signature?: string } = {}) {
  const text = JSON.stringify(body);
  const ts = String(opts.ts ?? Date.now());
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wtt-timestamp': ts,
      'x-wtt-signature': opts.signature ?? contractPushSignature(opts.secret ?? SECRET, ts, text),
    },
    body: text,
  });
  return { status: res.status, json: (await res.json()) as any };
}
