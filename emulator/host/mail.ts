// Host side of MailApp: nothing leaves this machine. Sent mail lands in deps.mailbox and is appended
// (and fsynced) to <dataDir>/mail.jsonl, which is read back into the mailbox on start.
import fs from 'node:fs';
import path from 'node:path';
import { GasError, type ExecutionInfo } from '../runtime/contracts.ts';
import type { HostDeps, HostService, SentMail } from './deps.ts';

export const MAIL_FILE = 'mail.jsonl';
export const MAIL_QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
/** guides/services/quotas: "Email recipients per day: 100" for consumer accounts (1,500 on Workspace). */
export const DEFAULT_DAILY_RECIPIENTS = 100;
const DAY_MS = 24 * 3600 * 1000;

/** One message as the facade hands it over (addresses already validated). */
export interface OutgoingMail {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
}

/** A line of mail.jsonl: the mailbox entry plus what the quota needs. */
interface MailLine extends SentMail {
  cc?: string;
  bcc?: string;
  recipients: number;
}

export interface MailHostOptions {
  /** Recipients per rolling 24 hours of the emulated clock. */
  dailyRecipients?: number;
}

export function createMailHost(deps: HostDeps, opts: MailHostOptions = {}): HostService {
  const file = path.join(deps.dataDir, MAIL_FILE);
  const quota = opts.dailyRecipients ?? DEFAULT_DAILY_RECIPIENTS;
  const sent: { at: number; recipients: number }[] = [];

  const reload = deps.mailbox.length === 0;
  for (const line of readLines(file)) {
    sent.push({ at: line.at, recipients: line.recipients });
    if (reload) deps.mailbox.push(toSentMail(line));
  }
  // A line cut short by a crash must not swallow the next one.
  let needsNewline = endsMidLine(file);

  // The quota is counted over the last 24 hours of the emulated clock (Google's window also rolls).
  const remaining = (): number => {
    const since = deps.clock.now() - DAY_MS;
    const used = sent.filter((s) => s.at > since && s.at <= deps.clock.now()).reduce((n, s) => n + s.recipients, 0);
    return Math.max(0, quota - used);
  };

  return {
    send(exec: ExecutionInfo, m: OutgoingMail): void {
      const recipients = m.to.length + m.cc.length + m.bcc.length;
      if (recipients > remaining()) throw new GasError(MAIL_QUOTA_MESSAGE);
      const line: MailLine = {
        at: deps.clock.now(),
        from: m.noReply ? `noreply@${domainOf(exec.effectiveUser)}` : exec.effectiveUser,
        to: m.to.join(','),
        subject: m.subject,
        body: m.body,
        ...(m.htmlBody !== undefined ? { htmlBody: m.htmlBody } : {}),
        ...(m.name !== undefined ? { name: m.name } : {}),
        ...(m.replyTo !== undefined ? { replyTo: m.replyTo } : {}),
        ...(m.cc.length ? { cc: m.cc.join(',') } : {}),
        ...(m.bcc.length ? { bcc: m.bcc.join(',') } : {}),
        recipients,
      };
      appendDurably(file, `${needsNewline ? '\n' : ''}${JSON.stringify(line)}\n`);
      needsNewline = false;
      sent.push({ at: line.at, recipients });
      deps.mailbox.push(toSentMail(line));
    },
    remaining(): number {
      return remaining();
    },
  };
}

function toSentMail(line: MailLine): SentMail {
  const { cc: _cc, bcc: _bcc, recipients: _r, ...mail } = line;
  return mail;
}

function domainOf(email: string): string {
  return email.includes('@') ? email.slice(email.indexOf('@') + 1) : 'example.com';
}

function readLines(file: string): MailLine[] {
  if (!fs.existsSync(file)) return [];
  const out: MailLine[] = [];
  for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    try {
      out.push(JSON.parse(text) as MailLine);
    } catch {
      // A line cut short by a crash mid-append: the send it belonged to never returned.
    }
  }
  return out;
}

function endsMidLine(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const size = fs.statSync(file).size;
  if (size === 0) return false;
  const fd = fs.openSync(file, 'r');
  try {
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}

function appendDurably(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
