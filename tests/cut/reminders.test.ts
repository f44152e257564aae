// Personal reminders cut at every service call: reminders.save retried with its request id is applied once,
// and checkBreaks with a reminder due enqueues it once and delivers it to Telegram once, wherever it stopped.
import { describe, expect, it } from 'vitest';
import { apiHandlers } from '../../appsscript/src/gas/api-wiring.ts';
import { runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { tokenSigningKey } from '../../appsscript/src/gas/secrets.ts';
import { hmacSha256 } from '../../appsscript/src/gas/crypto.ts';
import { signToken } from '../../appsscript/src/domain/token.ts';
import type { RemindersReply } from '../../common/api.ts';
import type { ReminderChange } from '../../common/reminders.ts';
import { ANNA_CHAT, at, office, type Office } from '../checks/helpers.ts';
import { countedBot, type CountedBot } from '../checks/cut-helpers.ts';
import { cutAtEveryCall } from './harness.ts';

function save(o: Office, employeeId: string, reminders: ReminderChange[], requestId: string): RemindersReply {
  const now = o.world.clock.now();
  const token = signToken({ employeeId, deviceId: `dev-${employeeId}`, expiresAt: now + 24 * 3600_000, tokenVersion: 0 }, tokenSigningKey(), hmacSha256);
  return apiHandlers(now)['reminders.save']({ op: 'reminders.save', token, request_id: requestId, reminders }) as RemindersReply;
}

const plain = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, updated_at: r.updated_at instanceof Date ? r.updated_at.getTime() : r.updated_at }));

describe('reminders.save cut at every service call', () => {
  it('retried with the same request id: applied once, the others\' rows untouched, checkBreaks sees it', () => {
    const build = () => {
      const o = office();
      o.moveTo(at('10:00'));
      save(o, 'e004', [{ kind: 'shift_end', enabled: true }], 'req-james-1');
      save(o, 'e001', [{ kind: 'break_ending', enabled: true, minutes: 3 }], 'req-anna-1');
      o.world.newExecution();
      return o;
    };
    const change: ReminderChange[] = [{ kind: 'before_break', enabled: true, minutes: 10 }, { kind: 'break_ending', minutes: 7 }];
    const ref = build();
    save(ref, 'e001', change, 'req-anna-2');
    let answered = 0;
    const tried = cutAtEveryCall<Office>({
      build,
      run: (o) => save(o, 'e001', change, 'req-anna-2'),
      retry: (o) => {
        const reply = save(o, 'e001', change, 'req-anna-2');
        expect(reply.reminders.slice(0, 2)).toEqual([
          { kind: 'before_break', enabled: true, minutes: 10 },
          { kind: 'break_ending', enabled: true, minutes: 7 },
        ]);
        answered++;
      },
      check: (o) => {
        expect(plain(o.rows('Reminders'))).toEqual(plain(ref.rows('Reminders')));
        // The trigger reads them from the reference cache, which the retry made fresh.
        o.sync('e001', [{ status: 'work', at: at('10:00') }], at('10:00'));
        runCheckBreaks(o.moveTo(at('10:51')));
        expect(o.rows('Outbox').filter((r) => r.kind === 'reminder' && r.target === ANNA_CHAT)).toHaveLength(1);
      },
    });
    expect(tried).toBeGreaterThan(3);
    expect(answered).toBe(tried);
  });
});

describe('checkBreaks with a reminder due, cut at every service call', () => {
  interface World extends Office {
    bot: CountedBot;
  }
  const build = (): World => {
    const w = office() as World;
    w.bot = countedBot();
    w.setSetting('bot_url', 'http://127.0.0.1:9/bot');
    w.moveTo(at('09:00'));
    w.sync('e001', [{ status: 'work', at: at('09:00') }]);
    w.moveTo(at('10:00'));
    save(w, 'e001', [{ kind: 'before_break', enabled: true, minutes: 10 }], 'req-anna-1');
    runCheckBreaks(w.moveTo(at('10:46')), w.bot);
    w.moveTo(at('10:51'));
    return w;
  };

  it('retried by the trigger\'s next runs: one Outbox row, one Telegram message', () => {
    const tried = cutAtEveryCall<World>({
      build,
      run: (w) => runCheckBreaks(at('10:51'), w.bot),
      retry: (w) => {
        for (const t of ['10:51', '10:56', '11:01']) runCheckBreaks(w.moveTo(at(t)), w.bot);
      },
      check: (w) => {
        const rows = w.rows('Outbox').filter((r) => r.kind === 'reminder');
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ target: ANNA_CHAT, status: 'sent' });
        expect(w.bot.telegram.filter((a) => a.kind === 'reminder').map((a) => a.alert_id)).toEqual([rows[0].alert_id]);
      },
    });
    expect(tried).toBeGreaterThan(20);
  });
});
