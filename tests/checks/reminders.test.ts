// Personal reminders end to end on the server: set through the web-app API (reminders.list / .save), fired by
// checkBreaks at their time as exactly one Outbox alert to the person's own chat, in their language.
import { describe, expect, it } from 'vitest';
import { apiHandlers } from '../../appsscript/src/gas/api-wiring.ts';
import { runCheckBreaks, runBotOp } from '../../appsscript/src/gas/bot-wiring.ts';
import { tokenSigningKey } from '../../appsscript/src/gas/secrets.ts';
import { hmacSha256 } from '../../appsscript/src/gas/crypto.ts';
import { signToken } from '../../appsscript/src/domain/token.ts';
import type { RemindersReply } from '../../common/api.ts';
import type { ReminderChange } from '../../common/reminders.ts';
import { handleApi } from '../../appsscript/src/http/api.ts';
import { invalidateReferenceCache } from '../../appsscript/src/gas/reference-cache.ts';
import { ANNA_CHAT, JAMES_CHAT, at, MIN, office, signedBody, type Office } from './helpers.ts';

function tokenOf(employeeId: string, now: number): string {
  return signToken({ employeeId, deviceId: `dev-${employeeId}`, expiresAt: now + 24 * 3600_000, tokenVersion: 0 }, tokenSigningKey(), hmacSha256);
}

function save(o: Office, employeeId: string, reminders: ReminderChange[], requestId = `req-${Math.random().toString(36).slice(2)}`): RemindersReply {
  const now = o.world.clock.now();
  const reply = apiHandlers(now)['reminders.save']({ op: 'reminders.save', token: tokenOf(employeeId, now), request_id: requestId, reminders }) as RemindersReply;
  o.world.newExecution();
  return reply;
}

function list(o: Office, employeeId: string): RemindersReply {
  const now = o.world.clock.now();
  return apiHandlers(now)['reminders.list']({ op: 'reminders.list', token: tokenOf(employeeId, now) }) as RemindersReply;
}

const reminderRows = (o: Office) => o.rows('Outbox').filter((r) => r.kind === 'reminder');

describe('reminders.list and reminders.save', () => {
  it('lists every kind off at first, saves a change once per request id, and keeps others\' rows', () => {
    const o = office();
    expect(list(o, 'e001')).toEqual({
      reminders: [
        { kind: 'before_break', enabled: false, minutes: 5 },
        { kind: 'break_ending', enabled: false, minutes: 5 },
        { kind: 'shift_end', enabled: false, minutes: 0 },
      ],
      telegram_linked: true,
    });
    save(o, 'e004', [{ kind: 'shift_end', enabled: true }]);
    const reply = save(o, 'e001', [{ kind: 'before_break', enabled: true, minutes: 10 }], 'req-anna-0001');
    expect(reply.reminders[0]).toEqual({ kind: 'before_break', enabled: true, minutes: 10 });
    expect(list(o, 'e001').reminders[0]).toEqual({ kind: 'before_break', enabled: true, minutes: 10 });

    // The same request again (its reply was lost) changes nothing, even after the row changed in between.
    save(o, 'e001', [{ kind: 'before_break', minutes: 20 }], 'req-anna-0002');
    expect(save(o, 'e001', [{ kind: 'before_break', minutes: 10 }], 'req-anna-0002').reminders[0].minutes).toBe(20);
    const rows = o.rows('Reminders');
    expect(rows.map((r) => [r.employee_id, r.kind, r.enabled, r.minutes, r.version])).toEqual([
      ['e004', 'shift_end', true, 0, 1],
      ['e001', 'before_break', true, 20, 2],
    ]);
    expect(list(o, 'e004').reminders[2].enabled).toBe(true);
  });

  it('refuses a bad token and bad input, naming each field', () => {
    const o = office();
    const now = o.world.clock.now();
    const call = (body: object) => handleApi(JSON.stringify(body), apiHandlers(now), () => undefined);
    expect(call({ op: 'reminders.list', token: 'nope' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const bad = call({ op: 'reminders.save', token: tokenOf('e001', now), request_id: 'x', reminders: [{ kind: 'soon', minutes: 0 }, { kind: 'break_ending', minutes: 500 }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const fields = (bad as unknown as { error: { details: { fields: { field: string }[] } } }).error.details.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['request_id', 'reminders[0].kind', 'reminders[1].minutes']));
    expect(o.rows('Reminders')).toEqual([]);
  });
});

describe('checkBreaks fires a reminder once', () => {
  it('sends "your break in 10 min" at its time, once, whatever runs follow', () => {
    const o = office();
    o.sync('e001', [{ status: 'work', at: at('09:00') }], at('09:00'));
    o.moveTo(at('10:00'));
    save(o, 'e001', [{ kind: 'before_break', enabled: true, minutes: 10 }]);
    runCheckBreaks(o.moveTo(at('10:45')));
    expect(reminderRows(o)).toEqual([]);
    runCheckBreaks(o.moveTo(at('10:50')));
    runCheckBreaks(o.moveTo(at('10:51')));
    runCheckBreaks(o.moveTo(at('10:55')));
    const rows = reminderRows(o);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ target: ANNA_CHAT, status: 'pending', text: '🔔 Напоминание: Перерыв в 11:00, через 10 мин.' });
    expect(String(rows[0].alert_id)).toMatch(/^P-20261124-/);
  });

  it('sends the shift-end reminder in English to someone still signed in', () => {
    const o = office();
    o.sync('e004', [{ status: 'work', at: at('09:00') }], at('09:00'));
    o.moveTo(at('12:00'));
    save(o, 'e004', [{ kind: 'shift_end', enabled: true }]);
    runCheckBreaks(o.moveTo(at('17:58')));
    runCheckBreaks(o.moveTo(at('18:03')));
    runCheckBreaks(o.moveTo(at('18:08')));
    expect(reminderRows(o).map((r) => [r.target, r.text])).toEqual([[JAMES_CHAT, '🔔 Your shift ended at 18:00 and you are still marked as "Working". Remember to sign off.']]);
  });

  it('sends nothing long after its time (the trigger was stopped), nor to someone signed off', () => {
    const o = office();
    o.sync('e004', [{ status: 'work', at: at('09:00') }], at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }, { status: 'offline', at: at('17:50') }], at('17:50'));
    o.moveTo(at('12:00'));
    save(o, 'e004', [{ kind: 'shift_end', enabled: true }]);
    save(o, 'e001', [{ kind: 'shift_end', enabled: true }]);
    runCheckBreaks(o.moveTo(at('18:02')));
    expect(reminderRows(o).map((r) => r.target)).toEqual([JAMES_CHAT]);
    const p = office();
    p.sync('e004', [{ status: 'work', at: at('09:00') }], at('09:00'));
    p.moveTo(at('12:00'));
    save(p, 'e004', [{ kind: 'shift_end', enabled: true }]);
    // An outage: the trigger comes back long after the shift ended: nothing stale is sent.
    runCheckBreaks(p.moveTo(at('17:00')));
    runCheckBreaks(p.moveTo(at('20:00')));
    expect(reminderRows(p)).toEqual([]);
  });

  it('costs a checkBreaks run no service call on a warm cache and one sheet read on a cold one', () => {
    const cost = (withTab: boolean) => {
      const o = office();
      if (withTab) save(o, 'e001', [{ kind: 'before_break', enabled: true, minutes: 10 }]);
      else SpreadsheetApp.getActiveSpreadsheet().deleteSheet(SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Reminders')!);
      invalidateReferenceCache();
      runCheckBreaks(o.moveTo(at('10:30')));
      const cold = o.world.stats();
      runCheckBreaks(o.moveTo(at('10:31')));
      const warm = o.world.stats();
      return { cold, warm };
    };
    const without = cost(false);
    const withReminders = cost(true);
    expect(withReminders.warm.totalCalls).toBe(without.warm.totalCalls);
    expect(withReminders.warm.cellsRead).toBe(without.warm.cellsRead);
    // A cold cache reads the reference tabs again: the Reminders tab is one read more.
    expect(withReminders.cold.calls['Range.getValues'] - without.cold.calls['Range.getValues']).toBe(1);
  });
});

describe('the bot op', () => {
  it('lists, sets minutes and toggles for the sender\'s chat, each request once', () => {
    const o = office();
    const now = o.world.clock.now();
    const op = (fields: object) => runBotOp(signedBody({ op: 'bot.reminders', chat_id: JAMES_CHAT, ...fields }, { ts: now }), now);
    expect(op({})).toMatchObject({ ok: true, reminders: [{ kind: 'before_break', enabled: false }, {}, {}] });
    expect(op({ request_id: 'tg-1000001', changes: [{ kind: 'break_ending', enabled: true, minutes: 4 }] })).toMatchObject({ ok: true, reminders: [{}, { kind: 'break_ending', enabled: true, minutes: 4 }, {}] });
    expect(op({ changes: [{ kind: 'shift_end', enabled: true }] })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const stranger = runBotOp(signedBody({ op: 'bot.reminders', chat_id: '999999' }, { ts: now }), now);
    expect(stranger).toMatchObject({ ok: false, error: { code: 'unauthorized', details: { reason: 'not_linked' } } });
    expect(o.rows('Reminders')).toHaveLength(1);
    void MIN;
  });
});
