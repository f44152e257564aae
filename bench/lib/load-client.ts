// A simulated employee device for the load run: signs in with a mailed code, keeps an outbox of status
// changes numbered per device, and sends it until the server settles every entry — retrying whatever
// failed (no answer, an HTTP error, a page instead of JSON, an envelope saying `busy`) after an
// exponential backoff with FULL jitter, and resending the unsettled entries with their same seq.
import { randomUUID } from 'node:crypto';
import type { EntryResult, LoginFinishReply, SyncEntry, SyncReply } from '../../common/api.ts';
import { codeFromMail } from './runtime-api.ts';

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** Per request; a request that takes longer counts as lost and is retried. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 100, capMs: 5_000, timeoutMs: 60_000 };

/** Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniform in [0, min(cap, base * 2^attempt)). */
export function fullJitterDelay(attempt: number, p: Pick<RetryPolicy, 'baseMs' | 'capMs'>, random: () => number = Math.random): number {
  return random() * Math.min(p.capMs, p.baseMs * 2 ** attempt);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Why an attempt is retried. */
export type RetryReason = 'network' | 'full' | 'http' | 'non_json' | 'busy' | 'rate_limited';

/** Counters shared by all clients of a run. */
export class LoadCounters {
  attempts: Record<string, number> = {};
  retries: Record<RetryReason, number> = { network: 0, full: 0, http: 0, non_json: 0, busy: 0, rate_limited: 0 };
  /** Wall time of each successful attempt, by op. */
  okLatencyMs: Record<string, number[]> = {};
  /** From a batch's first attempt to its settlement, retries and waits included. */
  settleMs: number[] = [];

  get totalAttempts(): number {
    return Object.values(this.attempts).reduce((a, b) => a + b, 0);
  }

  get totalRetries(): number {
    return Object.values(this.retries).reduce((a, b) => a + b, 0);
  }
}

export class DeadlineError extends Error {
  constructor(what: string) {
    super(`${what}: the run's deadline passed`);
  }
}

type Envelope<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** One attempt: the envelope, or the reason to retry. */
async function attempt<T>(base: string, body: object, timeoutMs: number): Promise<{ envelope: Envelope<T> } | { retry: RetryReason; detail: string }> {
  let res: Response;
  try {
    res = await fetch(`${base}/exec`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    return { retry: 'network', detail: (e as Error).message };
  }
  const text = await res.text().catch(() => '');
  if (res.status === 503) return { retry: 'full', detail: text.slice(0, 200) };
  if (!res.ok) return { retry: 'http', detail: `${res.status} ${text.slice(0, 200)}` };
  let envelope: Envelope<T>;
  try {
    envelope = JSON.parse(text) as Envelope<T>;
  } catch {
    return { retry: 'non_json', detail: text.slice(0, 200) };
  }
  if (!envelope.ok && envelope.error.code === 'busy') return { retry: 'busy', detail: envelope.error.message };
  if (!envelope.ok && envelope.error.code === 'rate_limited') return { retry: 'rate_limited', detail: envelope.error.message };
  return { envelope };
}

/** Sends until an answer other than a retryable failure comes, or the deadline passes. */
export async function callWithRetry<T>(base: string, body: { op: string; [field: string]: unknown }, c: LoadCounters, p: RetryPolicy, deadline: number): Promise<Envelope<T>> {
  for (let n = 0; ; n++) {
    if (Date.now() > deadline) throw new DeadlineError(body.op);
    c.attempts[body.op] = (c.attempts[body.op] ?? 0) + 1;
    const t = performance.now();
    const r = await attempt<T>(base, body, p.timeoutMs);
    if ('envelope' in r) {
      if (r.envelope.ok) (c.okLatencyMs[body.op] ??= []).push(performance.now() - t);
      return r.envelope;
    }
    c.retries[r.retry]++;
    await sleep(fullJitterDelay(n, p));
  }
}

export interface MailSource {
  /** Sent mail so far, newest last. */
  mail(): Promise<{ to: string; body: string }[]>;
}

export class SimulatedClient {
  readonly deviceId: string;
  private token = '';
  private nextSeq = 1;
  private outbox: SyncEntry[] = [];
  /** Entries the server confirmed (accepted, or a duplicate of an earlier acceptance). */
  readonly acknowledged: string[] = [];
  readonly refused: EntryResult[] = [];

  constructor(
    private readonly base: string,
    readonly email: string,
    private readonly counters: LoadCounters,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
  ) {
    this.deviceId = `load-${randomUUID().slice(0, 13)}`;
  }

  get pending(): number {
    return this.outbox.length;
  }

  get recorded(): number {
    return this.nextSeq - 1;
  }

  get signedIn(): boolean {
    return this.token !== '';
  }

  /** login.start, the code from the mailbox, login.finish; a whole new login if the code is refused. */
  async login(mailbox: MailSource, deadline: number): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const start = await callWithRetry(this.base, { op: 'login.start', email: this.email, device_id: this.deviceId }, this.counters, this.policy, deadline);
      if (!start.ok) throw new Error(`login.start ${this.email}: ${start.error.code}: ${start.error.message}`);
      const code = codeFromMail(await mailbox.mail(), this.email);
      if (!code) throw new Error(`login.start ${this.email}: no code in the mailbox`);
      const finish = await callWithRetry<LoginFinishReply>(this.base, { op: 'login.finish', email: this.email, code, device_id: this.deviceId }, this.counters, this.policy, deadline);
      if (finish.ok) {
        this.token = finish.token;
        return;
      }
      // A login.finish whose reply was lost spent the code: the retry is refused, and a new code fixes it.
      if (finish.error.code !== 'unauthorized') throw new Error(`login.finish ${this.email}: ${finish.error.code}: ${finish.error.message}`);
    }
    throw new Error(`login ${this.email}: the code was refused three times`);
  }

  /** Records `count` new status changes in the outbox (the client's clock: this machine's). */
  record(count: number, statuses: readonly string[]): void {
    for (let i = 0; i < count; i++) {
      const seq = this.nextSeq++;
      this.outbox.push({ seq, entry_id: randomUUID(), status: statuses[seq % statuses.length], at: Date.now() });
    }
  }

  /** Sends the outbox until every entry in it is settled. */
  async flush(deadline: number): Promise<void> {
    const started = performance.now();
    while (this.outbox.length) {
      const entries = this.outbox.slice();
      const reply = await callWithRetry<SyncReply>(
        this.base,
        { op: 'sync', token: this.token, device_id: this.deviceId, sent_at: Date.now(), entries },
        this.counters,
        this.policy,
        deadline,
      );
      if (!reply.ok) throw new Error(`sync ${this.email}: ${reply.error.code}: ${reply.error.message}`);
      for (const r of reply.results) {
        if (r.seq > reply.accepted_through_seq) continue;
        if (r.result === 'refused') this.refused.push(r);
        else this.acknowledged.push(r.entry_id);
      }
      this.outbox = this.outbox.filter((e) => e.seq > reply.accepted_through_seq);
    }
    this.counters.settleMs.push(performance.now() - started);
  }
}
