// The alert puller: pending alerts pulled from the web app are delivered once and acked with receipts, so a
// bot without a public URL gets every alert; pushes and pulls of the same alert send one message.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../common/bot-api.ts';
import { WebAppUnavailableError } from '../../bot/web-app/errors.ts';
import { push, testBot } from './helpers.ts';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups) await c();
  cleanups = [];
});

function pullerBot(over = {}) {
  const t = testBot(undefined, {}, over);
  cleanups.push(() => t.app.stop());
  return t;
}

const alert = (id: string, chat = '1001'): Alert => ({ alert_id: id, kind: 'nudge', chat_id: chat, text: `nudge ${id}`, created_at: 1 });

describe('alert puller', () => {
  it('delivers pulled alerts and acks each with its receipt', async () => {
    const { app, web, api } = pullerBot();
    web.pending = [[alert('P1'), alert('P2', '1002')]];
    api.failNext('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' });

    const r = await app.puller.pullOnce();
    expect(r).toEqual({ pulled: 2, delivered: 1, failed: 1 });
    expect(web.ops()).toEqual(['bot.alerts.pull', 'bot.alerts.ack']);
    expect(web.calls[0].input).toEqual({ limit: 50 });
    expect(web.acks).toEqual([[
      { alert_id: 'P1', delivered: false, error: 'Telegram 400: Bad Request: chat not found' },
      { alert_id: 'P2', delivered: true },
    ]]);
    expect(api.of('sendMessage').map((c) => c.payload.chat_id)).toEqual(['1001', '1002']);
  });

  it('pulls again at once while pages come back full, and stops at an empty or short page', async () => {
    const { app, web } = pullerBot({ pullLimit: 2 });
    web.pending = [[alert('Q1'), alert('Q2')], [alert('Q3')], [alert('never')]];
    const r = await app.puller.pullOnce();
    expect(r.pulled).toBe(3);
    expect(web.ops()).toEqual(['bot.alerts.pull', 'bot.alerts.ack', 'bot.alerts.pull', 'bot.alerts.ack']);
  });

  it('does not ack when nothing was pending', async () => {
    const { app, web } = pullerBot();
    expect(await app.puller.pullOnce()).toEqual({ pulled: 0, delivered: 0, failed: 0 });
    expect(web.ops()).toEqual(['bot.alerts.pull']);
  });

  it('an alert pulled after it came by push is acked as delivered without a second message', async () => {
    const { app, web, api } = pullerBot();
    const address = await app.intake.listen(0, '127.0.0.1');
    const a = alert('R1');
    await push(`http://127.0.0.1:${address.port}/alerts`, { alerts: [a] });
    web.pending = [[a]];
    await app.puller.pullOnce();
    expect(web.acks).toEqual([[{ alert_id: 'R1', delivered: true }]]);
    expect(api.of('sendMessage')).toHaveLength(1);
  });

  it('the same alert by push and by pull at the same moment is sent once', async () => {
    const { app, web, api } = pullerBot();
    api.setDelay(100);
    const address = await app.intake.listen(0, '127.0.0.1');
    const a = alert('S1');
    web.pending = [[a]];
    const [pushed] = await Promise.all([push(`http://127.0.0.1:${address.port}/alerts`, { alerts: [a] }), app.puller.pullOnce()]);
    expect(pushed.json.receipts).toEqual([{ alert_id: 'S1', delivered: true }]);
    expect(web.acks).toEqual([[{ alert_id: 'S1', delivered: true }]]);
    expect(api.of('sendMessage')).toHaveLength(1);
  });

  it('runs on its timer from start() until stop(), backing off after failures', async () => {
    vi.useFakeTimers();
    const { app, web, logs } = pullerBot({ pullIntervalMs: 30_000 });
    let failing = true;
    const realPull = web.pullAlerts.bind(web);
    web.pullAlerts = (limit: number) => {
      if (failing) {
        web.calls.push({ op: 'bot.alerts.pull', input: { limit } });
        return Promise.reject(new WebAppUnavailableError('the web app answered HTTP 503 without JSON'));
      }
      return realPull(limit);
    };
    app.puller.start();
    await vi.advanceTimersByTimeAsync(0); // the first pull runs at once, and fails
    expect(web.ops()).toEqual(['bot.alerts.pull']);
    await vi.advanceTimersByTimeAsync(30_000); // not yet: after one failure the wait is doubled
    expect(web.ops()).toHaveLength(1);
    failing = false;
    web.pending = [[alert('T1')]];
    await vi.advanceTimersByTimeAsync(30_000);
    expect(web.ops()).toEqual(['bot.alerts.pull', 'bot.alerts.pull', 'bot.alerts.ack']);
    await vi.advanceTimersByTimeAsync(30_000); // back to the normal interval
    expect(web.ops()).toHaveLength(4);
    await app.puller.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(web.ops()).toHaveLength(4);
    expect(logs.warnings()).toEqual([expect.stringContaining('pulling alerts failed (1 in a row)')]);
  });
});
