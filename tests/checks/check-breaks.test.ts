// The checkBreaks trigger over the emulated Apps Script services and the demo office: violations written once
// however often it runs, alerts enqueued once and pushed once, retries with backoff, nudges, and a cost that
// follows the new Log rows, not the Log's size.
import { describe, expect, it } from 'vitest';
import { runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { encodeRecord } from '../../appsscript/src/store/records.ts';
import { TABS } from '../../appsscript/src/store/schema.ts';
import { retryDelayMs } from '../../appsscript/src/domain/alerts.ts';
import { ANNA_CHAT, at, fakeBot, LEAD_CHAT, MIN, office, type Office } from './helpers.ts';

const overrunsOf = (o: Office, employee = 'e001') => o.rows('Violations').filter((r) => r.employee_id === employee && r.type === 'break_overrun');
const outboxFor = (o: Office, target: string, kind: string) => o.rows('Outbox').filter((r) => r.target === target && r.kind === kind);

/** Anna works from 09:00 and goes on her 11:00 break (15 minutes allowed, 2 of grace). */
function annaOnBreak(): Office {
  const o = office();
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('11:00'));
  o.sync('e001', [{ status: 'break', at: at('11:00') }]);
  return o;
}

describe('checkBreaks: violations', () => {
  it('writes an overrun once however often it runs, growing while it lasts and final when it ends', () => {
    const o = annaOnBreak();
    for (const t of ['11:05', '11:10', '11:16']) runCheckBreaks(o.moveTo(at(t)));
    expect(overrunsOf(o)).toHaveLength(0); // 16 minutes: inside 15 + 2 of grace

    for (const t of ['11:18', '11:19', '11:19', '11:25']) runCheckBreaks(o.moveTo(at(t)));
    const rows = overrunsOf(o);
    expect(rows).toHaveLength(1);
    // 25 minutes of break, 17 allowed with the grace: 8 minutes over so far.
    expect(rows[0]).toMatchObject({ date: '2026-11-24', over_minutes: 8, resolution: 'open' });
    expect(String(rows[0].id)).toMatch(/^V-20261124-[0-9a-z]+$/);
    expect(String(rows[0].actual)).toContain('…');
    expect((rows[0].detected_at as Date).getTime()).toBe(at('11:18'));

    o.moveTo(at('11:30'));
    o.sync('e001', [{ status: 'work', at: at('11:30') }]);
    runCheckBreaks(o.moveTo(at('11:31')));
    runCheckBreaks(o.moveTo(at('11:40')));
    const final = overrunsOf(o);
    expect(final).toHaveLength(1);
    expect(final[0]).toMatchObject({ over_minutes: 13, id: rows[0].id, alert_id: rows[0].alert_id });
    expect(String(final[0].actual)).toBe('break 11:00–11:30, 30 min');
  });

  it('enqueues one lead-chat alert per violation, with excuse and confirm buttons, and leaves it pending without bot_url', () => {
    const o = annaOnBreak();
    for (const t of ['11:18', '11:20', '11:30']) {
      const report = runCheckBreaks(o.moveTo(at(t)));
      expect(report.delivery).toBeNull();
    }
    const [violation] = overrunsOf(o);
    const alerts = o.rows('Outbox').filter((r) => r.alert_id === violation.alert_id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'violation', target: LEAD_CHAT, status: 'pending', attempts: 0 });
    expect(String(alerts[0].text)).toContain('Превышение перерыва / Break overrun');
    expect(String(alerts[0].text)).toContain('Анна Иванова');
  });

  it('nudges the employee once before the break ends and once when 5 minutes over', () => {
    const o = annaOnBreak();
    // Every 5 minutes: the "ends soon" nudge is due from 5 minutes before the end (the interval), so 11:10 catches it.
    for (const t of ['11:05', '11:10', '11:13', '11:15', '11:19', '11:20', '11:25', '11:30']) runCheckBreaks(o.moveTo(at(t)));
    const nudges = outboxFor(o, ANNA_CHAT, 'nudge');
    expect(nudges.map((n) => String(n.text))).toEqual([
      '⏳ Перерыв: осталось 5 мин, до 11:15.',
      '⏰ Перерыв: вы задерживаетесь на 5 мин (время вышло в 11:15).',
    ]);
    expect(nudges.map((n) => (n.created_at as Date).getTime())).toEqual([at('11:10'), at('11:20')]);
  });

  it('only catches up on its very first run: what it finds is recorded, the lead chat is not flooded', () => {
    const o = office({ checking: false });
    o.moveTo(at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }]);
    o.moveTo(at('11:00'));
    o.sync('e001', [{ status: 'break', at: at('11:00') }]);
    runCheckBreaks(o.moveTo(at('11:30')));
    expect(overrunsOf(o)).toHaveLength(1);
    expect(overrunsOf(o)[0].alert_id).toBe('');
    expect(outboxFor(o, LEAD_CHAT, 'violation')).toHaveLength(0);
    // From the second run on, a new violation is alerted: James goes on a break at 11:15 and overruns it.
    o.moveTo(at('11:15'));
    o.sync('e004', [{ status: 'break', at: at('11:15') }]);
    runCheckBreaks(o.moveTo(at('11:40')));
    const james = overrunsOf(o, 'e004');
    expect(james).toHaveLength(1);
    expect(outboxFor(o, LEAD_CHAT, 'violation').map((r) => r.alert_id)).toContain(james[0].alert_id);
  });

  it('counts too many on break at once in a group', () => {
    const o = office();
    o.moveTo(at('10:00'));
    // support-l1 allows 3 at once: the fourth to leave is the violation.
    for (const [id, t] of [['e004', '10:00'], ['e005', '10:01'], ['e006', '10:02'], ['e007', '10:03']] as const) {
      o.moveTo(at(t));
      o.sync(id, [{ status: 'break', at: at(t) }]);
    }
    runCheckBreaks(o.moveTo(at('10:05')));
    runCheckBreaks(o.moveTo(at('10:06')));
    const rows = o.rows('Violations').filter((r) => r.type === 'group_concurrency');
    expect(rows.map((r) => r.employee_id)).toEqual(['e007']);
  });
});

describe('checkBreaks: pushing alerts', () => {
  it('pushes each alert once and marks it sent', () => {
    const o = annaOnBreak();
    o.setSetting('bot_url', 'http://127.0.0.1:9/bot');
    const bot = fakeBot();
    const first = runCheckBreaks(o.moveTo(at('11:18')), bot);
    expect(first.delivery).toMatchObject({ sent: first.delivery!.pushed, retried: 0, failed: 0 });
    for (const t of ['11:19', '11:20', '11:25']) runCheckBreaks(o.moveTo(at(t)), bot);

    const [violation] = overrunsOf(o);
    const pushed = bot.got.filter((a) => a.alert_id === violation.alert_id);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ kind: 'violation', chat_id: LEAD_CHAT, created_at: at('11:18') });
    expect(pushed[0].buttons?.map((b) => b.data)).toEqual([`v:${violation.id}:excuse`, `v:${violation.id}:confirm`]);
    expect(pushed[0].buttons!.every((b) => new TextEncoder().encode(b.data).length <= 64)).toBe(true);
    // Every alert ever pushed went exactly once, and every one is marked sent.
    const ids = bot.got.map((a) => a.alert_id);
    expect(new Set(ids).size).toBe(ids.length);
    const outbox = o.rows('Outbox');
    expect(outbox.every((r) => r.status === 'sent')).toBe(true);
    expect(outbox.find((r) => r.alert_id === violation.alert_id)!.sent_at).toEqual(new Date(at('11:18')));
  });

  it('retries a failed push after the backoff, then delivers it once', () => {
    const o = annaOnBreak();
    o.setSetting('bot_url', 'http://127.0.0.1:9/bot');
    let down = true;
    const bot = fakeBot((a) => (down ? { alert_id: a.alert_id, delivered: false, error: 'Telegram: 502 Bad Gateway' } : { alert_id: a.alert_id, delivered: true }));
    const t0 = o.moveTo(at('11:18'));
    const failed = runCheckBreaks(t0, bot);
    expect(failed.delivery).toMatchObject({ sent: 0, failed: 0 });
    expect(failed.delivery!.retried).toBe(failed.delivery!.pushed);
    const [violation] = overrunsOf(o);
    const row = () => o.rows('Outbox').find((r) => r.alert_id === violation.alert_id)!;
    expect(row()).toMatchObject({ status: 'pending', attempts: 1, error: 'Telegram: 502 Bad Gateway' });
    expect((row().next_try_at as Date).getTime()).toBe(t0 + retryDelayMs(1));

    down = false;
    const before = bot.got.length;
    runCheckBreaks(o.moveTo(t0 + 30_000), bot); // not due yet
    expect(bot.got.slice(before).some((a) => a.alert_id === violation.alert_id)).toBe(false);

    runCheckBreaks(o.moveTo(t0 + retryDelayMs(1)), bot);
    expect(row()).toMatchObject({ status: 'sent', attempts: 2, error: '' });
    runCheckBreaks(o.moveTo(t0 + 10 * MIN), bot);
    expect(bot.got.filter((a) => a.alert_id === violation.alert_id)).toHaveLength(2); // the failed try and the good one
  });

  it('records an unreachable bot on each alert and keeps them for later', () => {
    const o = annaOnBreak();
    o.setSetting('bot_url', 'http://127.0.0.1:9/bot');
    const report = runCheckBreaks(o.moveTo(at('11:18')), {
      senderFor: () => () => {
        throw new Error('Address unavailable: http://127.0.0.1:9/bot/alerts');
      },
    });
    expect(report.delivery!.retried).toBeGreaterThan(0);
    const pending = o.rows('Outbox');
    expect(pending.every((r) => r.status === 'pending' && r.attempts === 1 && String(r.error).includes('Address unavailable'))).toBe(true);
  });
});

describe('checkBreaks: cost', () => {
  it('reads only the Log rows added since its checkpoint: a long Log costs nothing, new rows cost their cells', () => {
    const o = annaOnBreak();
    runCheckBreaks(o.moveTo(at('11:05'))); // the first run sets the checkpoint
    runCheckBreaks(o.moveTo(at('11:06')));
    const quiet = o.world.stats();

    // 3000 rows appended by others (as a busy floor's syncs would) after the checkpoint...
    const port = gasSheetPort();
    const rows = Array.from({ length: 3000 }, (_, i) =>
      encodeRecord(TABS.Log, { entry_id: `x${i}`, employee_id: 'e030', status: 'work', at: at('11:06'), client_at: at('11:06'), received_at: at('11:06'), device_id: 'dx', seq: i + 1, source: 'web', offline: false, comment: '' }),
    );
    port.writeRows('Log', port.lastRow('Log') + 1, rows);
    o.world.newExecution();
    runCheckBreaks(o.moveTo(at('11:07')));
    const busy = o.world.stats();
    expect(busy.cellsRead - quiet.cellsRead).toBe(3000 * TABS.Log.columns.length);

    // ...and afterwards the run is as cheap as before, although the Log is 3000 rows longer.
    runCheckBreaks(o.moveTo(at('11:08')));
    const after = o.world.stats();
    expect(after.cellsRead).toBe(quiet.cellsRead);
    expect(after.totalCalls).toBe(quiet.totalCalls);
  });
});
