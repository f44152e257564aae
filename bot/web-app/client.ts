// The bot's side of the web-app API: signed bot.* requests POSTed as text/plain (no CORS preflight, and
// Apps Script shows a web app no headers), following the redirect Google answers with to the reply.
import * as v from 'valibot';
import type { AlertReceipt, BotCommand, BotCommandReply, BotLinkReply, BotRemindersReply } from '../../common/bot-api.ts';
import type { ReminderChange } from '../../common/reminders.ts';
import type { ErrorCode } from '../../common/errors.ts';
import { signBotRequest, type UnsignedBotRequest } from '../signing.ts';
import { WebAppError, WebAppUnavailableError } from './errors.ts';
import { commandReplySchema, envelopeSchema, linkReplySchema, pullReplySchema, remindersReplySchema } from './reply-schemas.ts';

/** What the features need from the web app. Tests inject a fake. */
export interface WebAppClient {
  link(input: { code: string; chat_id: string; username?: string }): Promise<BotLinkReply>;
  /** command_id: the update_id of the command (the server takes each id once). */
  command(input: { chat_id: string; command: BotCommand; command_id: number }): Promise<BotCommandReply>;
  violation(input: { chat_id: string; violation_id: string; action: 'excuse' | 'confirm' }): Promise<BotCommandReply>;
  /** The sender's personal reminders, changed first when `changes` are given (with their request_id). */
  reminders(input: RemindersInput): Promise<BotRemindersReply>;
  /** Pending Outbox alerts; each is checked by the caller. */
  pullAlerts(limit: number): Promise<unknown[]>;
  ackAlerts(receipts: AlertReceipt[]): Promise<void>;
}

export interface RemindersInput {
  chat_id: string;
  request_id?: string;
  changes?: ReminderChange[];
}

export interface HttpWebAppClientOptions {
  url: string;
  secret: string;
  now?: () => number;
  fetch?: typeof fetch;
  /** Apps Script executions can take several seconds; past this the call counts as unavailable. */
  timeoutMs?: number;
}

const SNIPPET_CHARS = 200;

export class HttpWebAppClient implements WebAppClient {
  private readonly now: () => number;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly opts: HttpWebAppClientOptions) {
    this.now = opts.now ?? Date.now;
    this.fetchFn = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  async link(input: { code: string; chat_id: string; username?: string }): Promise<BotLinkReply> {
    return this.parse(linkReplySchema, await this.call({ op: 'bot.link', ...input }), 'bot.link');
  }

  async command(input: { chat_id: string; command: BotCommand; command_id: number }): Promise<BotCommandReply> {
    return this.parse(commandReplySchema, await this.call({ op: 'bot.command', ...input }), 'bot.command');
  }

  async violation(input: { chat_id: string; violation_id: string; action: 'excuse' | 'confirm' }): Promise<BotCommandReply> {
    return this.parse(commandReplySchema, await this.call({ op: 'bot.violation', ...input }), 'bot.violation');
  }

  async reminders(input: RemindersInput): Promise<BotRemindersReply> {
    return this.parse(remindersReplySchema, await this.call({ op: 'bot.reminders', ...input }), 'bot.reminders');
  }

  async pullAlerts(limit: number): Promise<unknown[]> {
    return this.parse(pullReplySchema, await this.call({ op: 'bot.alerts.pull', limit }), 'bot.alerts.pull').alerts;
  }

  async ackAlerts(receipts: AlertReceipt[]): Promise<void> {
    await this.call({ op: 'bot.alerts.ack', receipts });
  }

  /** Signs and sends one request; returns the envelope's fields when ok, throws otherwise. */
  async call(request: UnsignedBotRequest): Promise<Record<string, unknown>> {
    const body = JSON.stringify(signBotRequest(this.opts.secret, request, this.now()));
    let status: number;
    let text: string;
    try {
      const res = await this.fetchFn(this.opts.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=utf-8' },
        body,
        redirect: 'follow',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw new WebAppUnavailableError(`${request.op}: the web app cannot be reached: ${causeOf(err)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WebAppUnavailableError(`${request.op}: the web app answered HTTP ${status} without JSON: ${text.slice(0, SNIPPET_CHARS)}`);
    }
    const envelope = v.safeParse(envelopeSchema, json);
    if (!envelope.success) throw new WebAppUnavailableError(`${request.op}: the web app answered an unknown shape: ${text.slice(0, SNIPPET_CHARS)}`);
    const out = envelope.output;
    if (out.ok === false) throw new WebAppError(out.error.code as ErrorCode, out.error.message);
    return out;
  }

  private parse<S extends v.GenericSchema>(schema: S, reply: Record<string, unknown>, op: string): v.InferOutput<S> {
    const r = v.safeParse(schema, reply);
    if (!r.success) throw new WebAppUnavailableError(`${op}: unexpected reply: ${v.summarize(r.issues)}`);
    return r.output;
  }
}

function causeOf(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
  }
  return String(err);
}
