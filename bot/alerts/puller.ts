// Pulls pending alerts from the web app on a timer, delivers them and acks the receipts, so a bot with no
// public URL (no push possible) still gets every alert. An alert that also came by push is not sent twice:
// AlertDelivery answers "delivered" for it.
import type { AlertReceipt } from '../../common/bot-api.ts';
import { describeError, type Logger } from '../log.ts';
import type { WebAppClient } from '../web-app/client.ts';
import type { AlertDelivery } from './delivery.ts';

export interface AlertPullerOptions {
  client: WebAppClient;
  delivery: AlertDelivery;
  log: Logger;
  intervalMs: number;
  /** Alerts asked for per pull; a full page is followed at once by the next. */
  limit: number;
  /** Pages per run at most, so one run cannot go on forever if the server keeps offering the same alerts. */
  maxPagesPerRun?: number;
  /** After a failed run the wait doubles, up to this. */
  maxBackoffMs?: number;
}

export interface PullResult {
  pulled: number;
  delivered: number;
  failed: number;
}

export class AlertPuller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PullResult> | undefined;
  private stopped = true;
  private failures = 0;

  constructor(private readonly opts: AlertPullerOptions) {}

  /** Pulls now, then every intervalMs (longer after failures) until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }

  /** One run: pull, deliver, ack, and again while pages come back full. Runs never overlap. */
  pullOnce(): Promise<PullResult> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pullOnce().then(
        (r) => {
          this.failures = 0;
          if (r.pulled > 0) this.opts.log.info(`pulled ${r.pulled} alerts: ${r.delivered} delivered, ${r.failed} failed`);
        },
        (err) => {
          this.failures += 1;
          this.opts.log.warn(`pulling alerts failed (${this.failures} in a row): ${describeError(err)}`);
        },
      ).finally(() => this.schedule(this.nextDelay()));
    }, delayMs);
  }

  private nextDelay(): number {
    if (this.failures === 0) return this.opts.intervalMs;
    const max = this.opts.maxBackoffMs ?? 5 * 60_000;
    return Math.min(max, this.opts.intervalMs * 2 ** Math.min(this.failures, 10));
  }

  private async run(): Promise<PullResult> {
    const total: PullResult = { pulled: 0, delivered: 0, failed: 0 };
    const maxPages = this.opts.maxPagesPerRun ?? 10;
    for (let page = 0; page < maxPages; page++) {
      const alerts = await this.opts.client.pullAlerts(this.opts.limit);
      if (alerts.length === 0) break;
      const receipts = (await Promise.all(alerts.map((a) => this.opts.delivery.deliverRaw(a)))).filter((r): r is AlertReceipt => r !== null);
      // Failures are acked too: the server counts the attempt and backs off before offering the alert again.
      if (receipts.length > 0) await this.opts.client.ackAlerts(receipts);
      total.pulled += alerts.length;
      for (const r of receipts) {
        if (r.delivered) total.delivered++;
        else total.failed++;
      }
      if (alerts.length < this.opts.limit) break;
    }
    return total;
  }
}
