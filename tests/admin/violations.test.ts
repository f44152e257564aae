// Violation review through adminRpc, as the Violations dialog calls it: the list of the days asked for (and
// only their rows), a person's timeline of a day (today from Current, an earlier day from Daily, never Log),
// and excusing or confirming one or many at once: audited once per decision, the same decision as the bot's
// buttons, and the lead chat's alert rewritten to say who decided and how.
import { afterEach, describe, expect, it } from 'vitest';
import { runBotOp } from '../../appsscript/src/gas/bot-wiring.ts';
import { canonicalJson } from '../../appsscript/src/domain/bot-auth.ts';
import { createHmac } from 'node:crypto';
import { TABS } from '../../appsscript/src/store/schema.ts';
import { encodeRecord } from '../../appsscript/src/store/records.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { EMPLOYEE, LEAD, OTHER_LEAD, OWNER, rid } from './helpers.ts';
import { growLog } from './budget.ts';
import { isSheetCall } from '../../bench/lib/call-split.ts';
import { at, cutEverywhereOnFloor, floorOffice, NEXT, restoreClock, type FloorOffice } from './floor-office.ts';
import { invalidateReferenceCache } from '../../appsscript/src/gas/reference-cache.ts';

afterEach(restoreClock);

const LEAD_CHAT = '-1001000000001'; // support-l1's lead chat in the demo

/** Анна overruns her 11:00 break and James never comes: checkBreaks at 11:20 writes both, with lead-chat alerts. */
function morning(o: FloorOffice = floorOffice()): { o: FloorOffice; overrun: string; late: string } {
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('11:00'));
  o.sync('e001', [{ status: 'break', at: at('11:00') }]);
  o.moveTo(at('11:20'));
  o.check();
  const v = o.rows('Violations');
  const overrun = String(v.find((r) => r.employee_id === 'e001' && r.type === 'break_overrun')!.id);
  const late = String(v.find((r) => r.employee_id === 'e004' && r.type === 'late_start')!.id);
  return { o, overrun, late };
}

function sheetCalls(o: FloorOffice): number {
  return Object.entries(o.world.stats().calls).reduce((n, [m, c]) => n + (isSheetCall(m) ? c : 0), 0);
}

describe('violations.list', () => {
  it('lists the days asked for with names and groups, filtered by group, person and state, for a lead only theirs', () => {
    const { o, overrun } = morning();
    const today = o.ok(LEAD, 'violations.list', { from: '2026-11-24', to: '2026-11-24' });
    expect(today.rows.find((r) => r.id === overrun)).toMatchObject({
      date: '2026-11-24', employee_id: 'e001', name: 'Анна Иванова', group: 'support-l1', type: 'break_overrun', over_minutes: 3, resolution: 'open', resolved_by: '', note: '',
    });
    expect(new Set(today.rows.map((r) => r.group))).toEqual(new Set(['support-l1']));
    expect(o.ok(OWNER, 'violations.list', { from: '2026-11-24', to: '2026-11-24' }).rows.length).toBeGreaterThan(today.rows.length);
    expect(o.ok(LEAD, 'violations.list', { from: '2026-11-24', to: '2026-11-24', employee_id: 'e001' }).rows.map((r) => r.id)).toEqual([overrun]);
    expect(o.ok(LEAD, 'violations.list', { from: '2026-11-24', to: '2026-11-24', resolution: 'excused' }).rows).toEqual([]);
    expect(o.ok(OTHER_LEAD, 'violations.list', { from: '2026-11-24', to: '2026-11-24' }).rows.every((r) => r.group === 'support-l2')).toBe(true);
    expect(o.ok(LEAD, 'violations.list', { from: '2026-11-20', to: '2026-11-23' }).rows).toEqual([]);
  });

  it('says which field is wrong, and keeps a lead to their groups', () => {
    const { o } = morning();
    const field = (payload: Parameters<FloorOffice['rpc']>[2], as = LEAD) => {
      const r = o.rpc(as, 'violations.list', payload as never);
      return r.ok ? null : { code: r.error.code, field: (r.error.details?.fields as { field: string }[] | undefined)?.[0]?.field ?? r.error.details?.field };
    };
    expect(field({ from: '2026-11-24', to: '2026-11-23' })).toEqual({ code: 'bad_request', field: 'to' });
    expect(field({ from: '2026-10-01', to: '2026-11-24' })).toEqual({ code: 'bad_request', field: 'from' });
    expect(field({ from: '24.11.2026', to: '2026-11-24' })).toEqual({ code: 'bad_request', field: 'from' });
    expect(field({ from: '2026-11-24', to: '2026-11-24', group: 'support-l2' })).toEqual({ code: 'forbidden', field: 'group' });
    expect(field({ from: '2026-11-24', to: '2026-11-24', employee_id: 'e015' })).toEqual({ code: 'forbidden', field: 'employee_id' });
    expect(field({ from: '2026-11-24', to: '2026-11-24' }, EMPLOYEE)?.code).toBe('forbidden');
  });

  it('reads only the rows of the dates asked for, never Log', () => {
    const measure = (history: number, logRows: number) => {
      const o = floorOffice();
      if (logRows > 0) growLog(o, logRows);
      if (history > 0) {
        // Earlier weeks' violations above today's.
        o.world.newExecution({ activeUser: OWNER });
        const port = gasSheetPort();
        const rows = Array.from({ length: history }, (_, i) =>
          encodeRecord(TABS.Violations, { id: `V-20261110-old${i}`, date: '2026-11-10', employee_id: 'e001', type: 'late_start', planned: '', actual: '', over_minutes: 1, detected_at: at('09:10', '2026-11-10'), alert_id: '', resolution: 'open', resolved_by: '', note: '' }),
        );
        port.writeRows(TABS.Violations.name, port.lastRow(TABS.Violations.name) + 1, rows);
      }
      morning(o);
      o.ok(LEAD, 'people.list', {});
      const r = o.ok(LEAD, 'violations.list', { from: '2026-11-24', to: '2026-11-24' });
      return { n: r.rows.length, calls: sheetCalls(o), cells: o.world.stats().cellsRead };
    };
    const plain = measure(0, 0);
    const long = measure(2000, 3000);
    expect(long).toEqual(plain);
    expect(plain.calls).toBeLessThanOrEqual(3);
  });
});

describe('violations.day', () => {
  it('gives today\'s timeline from Current and the shift planned', () => {
    const { o } = morning();
    const day = o.ok(LEAD, 'violations.day', { employee_id: 'e001', date: '2026-11-24' });
    expect(day.timeline).toEqual([
      { status: 'work', start: at('09:00'), end: at('11:00'), source: 'web' },
      { status: 'break', start: at('11:00'), end: null, source: 'web' },
    ]);
    expect(day.schedule).toMatchObject({ shift_start: at('09:00'), shift_end: at('18:00') });
    expect(day.schedule?.breaks[0]).toEqual({ status: 'break', start: at('11:00'), minutes: 15 });
  });

  it('gives an earlier day from its Daily row (written by the rollover), never reading Log', () => {
    const measure = (logRows: number) => {
      const { o } = morning();
      o.moveTo(at('11:30'));
      o.sync('e001', [{ status: 'work', at: at('11:30') }]);
      o.moveTo(at('18:00'));
      o.sync('e001', [{ status: 'offline', at: at('18:00') }]);
      o.moveTo(at('05:00', NEXT));
      o.rollover();
      o.moveTo(at('09:00', NEXT));
      o.sync('e001', [{ status: 'work', at: at('09:00', NEXT) }]); // Current moves on to the new day
      if (logRows > 0) growLog(o, logRows);
      o.ok(LEAD, 'people.list', {});
      const day = o.ok(LEAD, 'violations.day', { employee_id: 'e001', date: '2026-11-24' });
      return { day, calls: sheetCalls(o), cells: o.world.stats().cellsRead };
    };
    const a = measure(0);
    expect(a.day.timeline.map((s) => [s.status, s.start, s.end])).toEqual([
      ['work', at('09:00'), at('11:00')],
      ['break', at('11:00'), at('11:30')],
      ['work', at('11:30'), at('18:00')],
      ['offline', at('18:00'), null],
    ]);
    expect(a.day.schedule).toMatchObject({ shift_start: at('09:00'), shift_end: at('18:00') });
    const b = measure(3000);
    expect({ calls: b.calls, cells: b.cells }).toEqual({ calls: a.calls, cells: a.cells });
    expect(a.calls).toBeLessThanOrEqual(3);
  });

  it('keeps a lead to their people', () => {
    const { o } = morning();
    const r = o.rpc(OTHER_LEAD, 'violations.day', { employee_id: 'e001', date: '2026-11-24' });
    expect(r.ok ? null : r.error.code).toBe('forbidden');
    const unknown = o.rpc(LEAD, 'violations.day', { employee_id: 'e999', date: '2026-11-24' });
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found');
  });
});

describe('violations.resolve', () => {
  it('excuses with a reason: the row, one Audit row per decision, and the lead chat\'s alert rewritten; a retry does it once', () => {
    const { o, overrun } = morning();
    o.moveTo(at('11:40'));
    const request_id = rid();
    const r = o.ok(LEAD, 'violations.resolve', { id: overrun, resolution: 'excused', note: 'forgot to switch back', request_id });
    expect(r.rows).toEqual([expect.objectContaining({ id: overrun, resolution: 'excused', resolved_by: LEAD, note: 'forgot to switch back' })]);
    o.ok(LEAD, 'violations.resolve', { id: overrun, resolution: 'excused', note: 'forgot to switch back', request_id });

    expect(o.rows('Violations').find((v) => v.id === overrun)).toMatchObject({ resolution: 'excused', resolved_by: LEAD, note: 'forgot to switch back' });
    const audit = o.rows('Audit').filter((a) => a.target === overrun);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: LEAD, action: 'violation.excuse', request_id: `violation:${overrun}:excused` });
    const rewrite = o.rows('Outbox').filter((a) => a.alert_id === `R${overrun.slice(1)}`);
    expect(rewrite).toHaveLength(1);
    expect(rewrite[0]).toMatchObject({ kind: 'violation', target: LEAD_CHAT, status: 'pending' });
    expect(String(rewrite[0].text)).toMatch(/⚠️ Превышение перерыва \/ Break overrun\nАнна Иванова · support-l1 · 2026-11-24[\s\S]*\n\n✅ Уважительная причина \/ Excused — Дмитрий Петров: forgot to switch back$/);
  });

  it('decides many at once, one Audit row and one alert each', () => {
    const { o, overrun, late } = morning();
    const r = o.ok(LEAD, 'violations.resolve', { ids: [overrun, late], resolution: 'confirmed', note: 'talked to both', request_id: rid() });
    expect(r.rows.map((x) => [x.id, x.resolution])).toEqual([[overrun, 'confirmed'], [late, 'confirmed']]);
    expect(o.rows('Audit').filter((a) => a.action === 'violation.confirm').map((a) => a.target)).toEqual([overrun, late]);
    expect(o.rows('Outbox').filter((a) => String(a.alert_id).startsWith('R-')).map((a) => a.alert_id)).toEqual([`R${overrun.slice(1)}`, `R${late.slice(1)}`]);
  });

  it('is the same decision as the bot\'s buttons: a lead\'s press then the same in the console is one decision; another is a conflict', () => {
    const { o, overrun, late } = morning();
    PropertiesService.getScriptProperties().setProperty('BOT_SHARED_SECRET', 'secret-0123456789');
    o.world.newExecution({ activeUser: OWNER });
    const employees = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Employees')!;
    employees.getRange(3, 7).setValue("'222"); // Дмитрий Петров's chat, typed by hand (onEdit drops the cache)
    invalidateReferenceCache();
    const press = (violation_id: string, action: 'excuse' | 'confirm') => {
      o.world.newExecution();
      const body: Record<string, unknown> = { op: 'bot.violation', chat_id: '222', violation_id, action, ts: Date.now(), nonce: `n-${rid()}` };
      body.sig = createHmac('sha256', 'secret-0123456789').update(canonicalJson(body), 'utf8').digest('hex');
      return runBotOp(JSON.stringify(body), Date.now()) as { ok: boolean; error?: { code: string } };
    };
    expect(press(overrun, 'excuse').ok).toBe(true);
    expect(o.ok(LEAD, 'violations.resolve', { id: overrun, resolution: 'excused', note: 'as in the chat', request_id: rid() }).rows[0].resolution).toBe('excused');
    expect(o.rows('Audit').filter((a) => a.target === overrun)).toHaveLength(1);

    o.ok(LEAD, 'violations.resolve', { id: late, resolution: 'confirmed', note: 'no call', request_id: rid() });
    expect(press(late, 'excuse').error?.code).toBe('conflict');
    const again = o.rpc(OWNER, 'violations.resolve', { id: late, resolution: 'excused', note: 'changed my mind', request_id: rid() });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'conflict', details: { violation_id: late, current: { resolution: 'confirmed', resolved_by: LEAD } } });
    expect(o.rows('Violations').find((v) => v.id === late)).toMatchObject({ resolution: 'confirmed', resolved_by: LEAD });
  });

  it('refuses a lead of another group, an unknown violation and a decision without a reason, writing nothing', () => {
    const { o, overrun } = morning();
    const before = { audit: o.rows('Audit').length, outbox: o.rows('Outbox').length };
    const other = o.rpc(OTHER_LEAD, 'violations.resolve', { id: overrun, resolution: 'excused', note: 'x', request_id: rid() });
    expect(other.ok ? null : other.error.code).toBe('forbidden');
    const unknown = o.rpc(LEAD, 'violations.resolve', { ids: [overrun, 'V-20261124-zzzzzz'], resolution: 'excused', note: 'x', request_id: rid() });
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: 'not_found', details: { violation_id: 'V-20261124-zzzzzz' } });
    const bare = o.rpc(LEAD, 'violations.resolve', { id: overrun, resolution: 'excused', note: '  ', request_id: rid() });
    expect(bare.ok ? null : bare.error).toMatchObject({ code: 'bad_request', details: { fields: [{ field: 'note' }] } });
    const both = o.rpc(LEAD, 'violations.resolve', { resolution: 'excused', note: 'x', request_id: rid() } as never);
    expect(both.ok ? null : both.error.code).toBe('bad_request');
    expect(o.rows('Violations').find((v) => v.id === overrun)?.resolution).toBe('open');
    expect({ audit: o.rows('Audit').length, outbox: o.rows('Outbox').length }).toEqual(before);
  });

  it('costs six sheet calls for one, eight for many, the same however long Log grows', () => {
    const cost = (logRows: number, many: boolean) => {
      const { o, overrun, late } = morning();
      if (logRows > 0) growLog(o, logRows);
      o.ok(LEAD, 'people.list', {});
      o.ok(LEAD, 'violations.resolve', { ...(many ? { ids: [overrun, late] } : { id: overrun }), resolution: 'excused', note: 'ok', request_id: rid() });
      return { calls: sheetCalls(o), cells: o.world.stats().cellsRead };
    };
    const one = cost(0, false);
    expect(one.calls).toBeLessThanOrEqual(6);
    expect(cost(3000, false)).toEqual(one);
    const many = cost(0, true);
    expect(many.calls).toBeLessThanOrEqual(8);
    expect(cost(3000, true)).toEqual(many);
  });
});

describe('violations.resolve cut after any service call and retried', () => {
  const once = (o: FloorOffice, ids: string[]) => {
    for (const id of ids) {
      expect(o.rows('Violations').filter((v) => v.id === id).map((v) => [v.resolution, v.resolved_by])).toEqual([['excused', OWNER]]);
      expect(o.rows('Audit').filter((a) => a.request_id === `violation:${id}:excused`)).toHaveLength(1);
      expect(o.rows('Outbox').filter((a) => a.alert_id === `R${id.slice(1)}`)).toHaveLength(1);
    }
  };

  it('one violation: decided, audited and its alert rewritten exactly once', () => {
    let ids: string[] = [];
    const n = cutEverywhereOnFloor(
      'violations.resolve',
      () => ({ id: ids[0], resolution: 'excused', note: 'cut', request_id: 'cut-resolve-one' }),
      (o) => (ids = [morning(o).overrun]),
      (o) => once(o, ids),
    );
    expect(n).toBeGreaterThan(4);
    console.log(`violations.resolve (one): ${n} cut points`);
  });

  it('many at once: each decided, audited and alerted exactly once', () => {
    let ids: string[] = [];
    const n = cutEverywhereOnFloor(
      'violations.resolve',
      () => ({ ids, resolution: 'excused', note: 'cut', request_id: 'cut-resolve-many' }),
      (o) => {
        const m = morning(o);
        ids = [m.overrun, m.late];
      },
      (o) => once(o, ids),
    );
    expect(n).toBeGreaterThan(6);
    console.log(`violations.resolve (many): ${n} cut points`);
  });
});
