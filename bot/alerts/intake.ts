// POST /alerts: the server pushes pending alerts here (common/bot-api.ts). The body is signed with a
// timestamp; a bad signature, a stale timestamp and an exact replay are refused before anything is sent, and
// each alert_id is delivered once. The reply is the per-alert receipts the server marks its Outbox with.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALERT_MAX_AGE_MS, type AlertPushReply, type AlertReceipt } from '../../common/bot-api.ts';
import type { ErrorCode } from '../../common/errors.ts';
import { describeError, type Logger } from '../log.ts';
import { pushSignature, sameSignature } from '../signing.ts';
import type { AlertDelivery } from './delivery.ts';
import { ReplayGuard } from './replay-guard.ts';

export interface AlertIntakeOptions {
  secret: string;
  delivery: AlertDelivery;
  now: () => number;
  log: Logger;
  /**
   * How long a push waits for Telegram before answering. UrlFetchApp gives up after about a minute, and the
   * per-chat rate limit can make a batch slower than that: an alert still sending is answered as not yet
   * delivered, finishes anyway, and the server's retry is then answered "delivered" without a second send.
   */
  deadlineMs?: number;
  maxBodyBytes?: number;
}

const STILL_SENDING = 'still being sent; offer it again later';

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class AlertIntake {
  readonly server: http.Server;
  private readonly replays = new ReplayGuard(ALERT_MAX_AGE_MS);
  private readonly deadlineMs: number;
  private readonly maxBodyBytes: number;

  constructor(private readonly opts: AlertIntakeOptions) {
    this.deadlineMs = opts.deadlineMs ?? 25_000;
    this.maxBodyBytes = opts.maxBodyBytes ?? 1024 * 1024;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        opts.log.error('alert intake failed', err);
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
        else res.destroy();
      });
    });
  }

  /** Starts listening; resolves with the bound address (port 0 picks a free one). */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://bot.local');
    if (url.pathname === '/health' && req.method === 'GET') return sendJson(res, 200, { ok: true, service: 'worktimetracker-bot' });
    try {
      if (url.pathname !== '/alerts') throw new HttpFailure(404, 'not_found', `no such endpoint: ${url.pathname}`);
      if (req.method !== 'POST') throw new HttpFailure(405, 'bad_request', 'POST alerts here');
      const body = await readBody(req, this.maxBodyBytes);
      this.authenticate(header(req, 'x-wtt-timestamp'), header(req, 'x-wtt-signature'), body);
      const receipts = await this.deliverAll(parseAlerts(body));
      const reply: AlertPushReply = { receipts };
      sendJson(res, 200, { ok: true, ...reply });
    } catch (err) {
      if (!(err instanceof HttpFailure)) throw err;
      if (err.status === 401 || err.status === 409) this.opts.log.warn(`refused a push: ${err.message}`);
      sendJson(res, err.status, { ok: false, error: { code: err.code, message: err.message } });
    }
  }

  private authenticate(timestamp: string | undefined, signature: string | undefined, body: string): void {
    if (!timestamp || !signature) throw new HttpFailure(401, 'unauthorized', 'X-WTT-Timestamp and X-WTT-Signature are required');
    // Checked before the timestamp is trusted for anything: an unsigned request learns nothing.
    if (!sameSignature(pushSignature(this.opts.secret, timestamp, body), signature)) throw new HttpFailure(401, 'unauthorized', 'bad signature');
    const ts = Number(timestamp);
    const now = this.opts.now();
    if (!/^\d{1,16}$/.test(timestamp) || Math.abs(now - ts) > ALERT_MAX_AGE_MS) {
      throw new HttpFailure(401, 'unauthorized', `stale timestamp: ${timestamp} is more than ${ALERT_MAX_AGE_MS / 60000} minutes from the bot's clock (${now})`);
    }
    if (!this.replays.admit(signature.toLowerCase(), now)) throw new HttpFailure(409, 'conflict', 'replayed request');
  }

  private async deliverAll(alerts: unknown[]): Promise<AlertReceipt[]> {
    const receipts = await Promise.all(alerts.map((raw) => this.deliverWithDeadline(raw)));
    return receipts.filter((r): r is AlertReceipt => r !== null);
  }

  private deliverWithDeadline(raw: unknown): Promise<AlertReceipt | null> {
    const delivering = this.opts.delivery.deliverRaw(raw);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<AlertReceipt | null>((resolve) => {
      timer = setTimeout(() => {
        const id = (raw as { alert_id?: unknown }).alert_id;
        resolve(typeof id === 'string' ? { alert_id: id, delivered: false, error: STILL_SENDING } : null);
      }, this.deadlineMs);
    });
    return Promise.race([delivering, late]).finally(() => clearTimeout(timer));
  }
}

function parseAlerts(body: string): unknown[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw new HttpFailure(400, 'bad_request', `the body is not JSON: ${describeError(err)}`);
  }
  const alerts = (json as { alerts?: unknown } | null)?.alerts;
  if (!Array.isArray(alerts)) throw new HttpFailure(400, 'bad_request', 'the body must be {"alerts": [...]}');
  return alerts;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new HttpFailure(413, 'bad_request', `the body is larger than ${maxBytes} bytes`));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
