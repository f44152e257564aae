// Alert delivery by the bot's pull: the ops bot.alerts.pull and bot.alerts.ack cut after each of their
// service calls, then the bot goes on as bot/alerts/puller.ts does (a failed run is followed by another
// pull once the lease has run out; delivering an alert_id delivered before sends nothing and answers
// "delivered"). Each alert reaches Telegram once and every Outbox row ends sent, once. (The push by
// checkBreaks is cut in check-breaks.test.ts.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runBotOp, runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { PULL_LEASE_MS } from '../../appsscript/src/services/alerts.ts';
import type { Alert, AlertReceipt } from '../../common/bot-api.ts';
import { at, MIN, office, signedBody, type Office } from '../checks/helpers.ts';
import { countedBot, expectDeliveredOnce, expectSameRows, settingsOf, type CountedBot } from '../checks/cut-helpers.ts';
import { cutAtEveryCall } from './harness.ts';

interface World extends Office {
  bot: CountedBot;
  /** Receipts the bot holds for an ack it has not made yet. */
  unacked: AlertReceipt[];
}

type Envelope = { ok: boolean; alerts?: Alert[]; settled?: unknown };

function op(w: World, fields: Record<string, unknown>): Envelope {
  const now = w.world.clock.now();
  return runBotOp(signedBody(fields, { ts: now }), now) as Envelope;
}

/** One pull: the alerts handed out are delivered (once each, by alert_id) and their receipts kept for the ack. */
function pull(w: World): number {
  const reply = op(w, { op: 'bot.alerts.pull', limit: 100 });
  if (!reply.ok || !reply.alerts) return 0;
  w.unacked.push(...reply.alerts.map((a) => w.bot.deliver(a)));
  return reply.alerts.length;
}

function ack(w: World): void {
  const reply = op(w, { op: 'bot.alerts.ack', receipts: w.unacked });
  if (reply.ok) w.unacked = [];
}

/**
 * The bot's next runs: ack what it holds, then pull, deliver and ack, every lease period, until a pull
 * brings nothing. A receipt whose ack was lost is simply dropped, as the bot drops it: the alert comes back
 * when its lease runs out and the bot answers "delivered" for it.
 */
function botGoesOn(w: World): void {
  for (let i = 0; i < 6; i++) {
    w.moveTo(w.world.clock.now() + PULL_LEASE_MS + MIN);
    if (w.unacked.length > 0) ack(w);
    w.unacked = [];
    w.world.newExecution();
    const n = pull(w);
    w.world.newExecution();
    if (w.unacked.length > 0) ack(w);
    w.unacked = [];
    w.world.newExecution();
    if (n === 0) return;
  }
  throw new Error('the bot still pulls alerts after 6 runs');
}

/** Anna and James overrun their breaks; checkBreaks (no bot_url) leaves their lead-chat alerts and nudges pending. */
function pending(): World {
  const w = office() as World;
  w.bot = countedBot();
  w.unacked = [];
  w.moveTo(at('09:00'));
  w.sync('e001', [{ status: 'work', at: at('09:00') }]);
  w.sync('e004', [{ status: 'work', at: at('09:00') }]);
  w.moveTo(at('11:00'));
  w.sync('e001', [{ status: 'break', at: at('11:00') }]);
  w.sync('e004', [{ status: 'break', at: at('11:00') }]);
  for (const t of ['11:10', '11:20', '11:25']) runCheckBreaks(w.moveTo(at(t)));
  w.moveTo(at('11:26'));
  return w;
}

/** Pulled and delivered already: the ack is next. */
function delivered(): World {
  const w = pending();
  pull(w);
  w.moveTo(at('11:26') + 5_000);
  return w;
}

function expectAllSentOnce(w: World, ref: World): void {
  expectDeliveredOnce(w.bot, ref.bot);
  // Every row once, and sent; how many hand-outs it took and when are the cut's doing.
  expectSameRows(w, ref, 'Outbox', (r) => String(r.alert_id), ['attempts', 'next_try_at', 'sent_at']);
  expect(w.rows('Outbox').every((r) => r.status === 'sent')).toBe(true);
  expect(Number(settingsOf(w).get('outbox.pending_row'))).toBe(w.rows('Outbox').length + 2);
}

function reference(build: () => World, run: (w: World) => void): World {
  const ref = build();
  ref.world.newExecution();
  run(ref);
  ref.world.newExecution();
  botGoesOn(ref);
  return ref;
}

describe('alert delivery by pull, cut at every service call', () => {
  beforeEach(() => {
    // A cut inside an op is logged as an internal error by the op's handler: expected here, and noisy.
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('bot.alerts.pull cut: no alert lost or sent twice', () => {
    const ref = reference(pending, (w) => void pull(w));
    expect(ref.bot.telegram.length).toBeGreaterThan(3);
    const tried = cutAtEveryCall<World>({ build: pending, run: (w) => void pull(w), retry: botGoesOn, check: (w) => expectAllSentOnce(w, ref) });
    expect(tried).toBeGreaterThan(10);
    console.log(`bot.alerts.pull: ${tried} cut points`);
  });

  it('bot.alerts.ack cut: every alert ends sent, none sent twice', () => {
    const ref = reference(delivered, ack);
    const tried = cutAtEveryCall<World>({ build: delivered, run: ack, retry: botGoesOn, check: (w) => expectAllSentOnce(w, ref) });
    expect(tried).toBeGreaterThan(10);
    console.log(`bot.alerts.ack: ${tried} cut points`);
  });
});
