// status.set through adminRpc: a lead corrects someone's status with a reason (a forgotten break, a session
// left open) through the one status write, with source admin and the lead as actor; audited once, done once
// per request, cut-safe, and within its cost.
import { afterEach, describe, expect, it } from 'vitest';
import { EMPLOYEE, LEAD, OTHER_LEAD, OWNER, rid } from './helpers.ts';
import { growLog } from './budget.ts';
import { isSheetCall } from '../../bench/lib/call-split.ts';
import { at, cutEverywhereOnFloor, floorOffice, restoreClock, type FloorOffice } from './floor-office.ts';

afterEach(restoreClock);

/** Анна went on her break at 11:00 and forgot to switch back; the lead looks at 11:40. */
function forgottenBreak(o: FloorOffice = floorOffice()): FloorOffice {
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('11:00'));
  o.sync('e001', [{ status: 'break', at: at('11:00') }]);
  o.moveTo(at('11:40'));
  return o;
}

const logOf = (o: FloorOffice) => o.rows('Log').filter((r) => r.employee_id === 'e001');

describe('status.set', () => {
  it('writes the correction to the Log as source admin, with the lead and the reason, and Current follows it', () => {
    const o = forgottenBreak();
    const request_id = rid();
    const r = o.ok(LEAD, 'status.set', { employee_id: 'e001', status: 'work', at: at('11:10'), note: 'was back at 11:10, forgot the button', request_id });
    expect(r.current).toEqual({ status: 'work', since: at('11:10') });
    const entry = logOf(o).find((l) => l.source === 'admin')!;
    expect(entry).toMatchObject({ entry_id: `admin-${request_id}`, status: 'work', device_id: 'admin-e001', seq: 1, comment: `${LEAD}: was back at 11:10, forgot the button` });
    expect((entry.at as Date).getTime()).toBe(at('11:10'));
    expect((entry.received_at as Date).getTime()).toBe(at('11:40'));
    const audit = o.rows('Audit').filter((a) => a.request_id === request_id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: LEAD, action: 'status.set', target: 'e001' });
    expect(JSON.parse(String(audit[0].before))).toEqual({ status: 'break', since: at('11:00') });
    expect(JSON.parse(String(audit[0].after))).toEqual({ status: 'work', at: at('11:10'), note: 'was back at 11:10, forgot the button' });
    const day = o.ok(LEAD, 'violations.day', { employee_id: 'e001', date: '2026-11-24' });
    expect(day.timeline.map((s) => [s.status, s.start, s.end, s.source])).toEqual([
      ['work', at('09:00'), at('11:00'), 'web'],
      ['break', at('11:00'), at('11:10'), 'web'],
      ['work', at('11:10'), null, 'admin'],
    ]);
  });

  it('is done once per request, however often it is sent', () => {
    const o = forgottenBreak();
    const payload = { employee_id: 'e001', status: 'work', at: at('11:10'), note: 'forgot', request_id: rid() };
    o.ok(LEAD, 'status.set', payload);
    o.moveTo(at('11:45'));
    expect(o.ok(LEAD, 'status.set', payload).current).toEqual({ status: 'work', since: at('11:10') });
    expect(logOf(o).filter((l) => l.source === 'admin')).toHaveLength(1);
    expect(o.rows('Audit').filter((a) => a.request_id === payload.request_id)).toHaveLength(1);
  });

  it('takes each correction at the time given, even before an earlier one (no clamping), and ends a forgotten session', () => {
    const o = forgottenBreak();
    o.ok(LEAD, 'status.set', { employee_id: 'e001', status: 'work', at: at('11:20'), note: 'back at 11:20', request_id: rid() });
    o.ok(LEAD, 'status.set', { employee_id: 'e001', status: 'work', at: at('11:10'), note: 'no, 11:10', request_id: rid() });
    const admin = logOf(o).filter((l) => l.source === 'admin').map((l) => [(l.at as Date).getTime(), l.seq]);
    expect(admin).toEqual([[at('11:20'), 1], [at('11:10'), 2]]);

    o.moveTo(at('19:00'));
    const closed = o.ok(OWNER, 'status.set', { employee_id: 'e001', status: 'offline', at: at('18:05'), note: 'left at six, forgot to sign off', request_id: rid() });
    expect(closed.current).toEqual({ status: 'offline', since: at('18:05') });
  });

  it('says which field is wrong, and keeps a lead to their groups, writing nothing', () => {
    const o = forgottenBreak();
    const before = { log: o.rows('Log').length, audit: o.rows('Audit').length };
    const refused = (as: string, payload: Record<string, unknown>) => {
      const r = o.rpc(as, 'status.set', { employee_id: 'e001', status: 'work', note: 'x', request_id: rid(), ...payload } as never);
      return r.ok ? null : { code: r.error.code, field: (r.error.details?.fields as { field: string }[] | undefined)?.[0]?.field ?? r.error.details?.field };
    };
    expect(refused(LEAD, { status: 'nap' })).toEqual({ code: 'bad_request', field: 'status' });
    expect(refused(LEAD, { note: '' })).toEqual({ code: 'bad_request', field: 'note' });
    expect(refused(LEAD, { at: at('11:50') })).toEqual({ code: 'bad_request', field: 'at' }); // in the future
    expect(refused(LEAD, { at: at('09:00', '2026-11-22') })).toEqual({ code: 'bad_request', field: 'at' });
    expect(refused(OWNER, { employee_id: 'e030' })).toEqual({ code: 'bad_request', field: 'employee_id' }); // inactive
    expect(refused(LEAD, { employee_id: 'e999' })).toEqual({ code: 'not_found', field: 'employee_id' });
    expect(refused(OTHER_LEAD, {})).toEqual({ code: 'forbidden', field: 'employee_id' });
    expect(refused(EMPLOYEE, {})?.code).toBe('forbidden');
    expect({ log: o.rows('Log').length, audit: o.rows('Audit').length }).toEqual(before);
  });

  it('costs the status write\'s six sheet calls and the Audit\'s two, the same however long Log grows', () => {
    const cost = (logRows: number) => {
      const o = forgottenBreak();
      if (logRows > 0) growLog(o, logRows);
      o.moveTo(at('11:40'));
      o.ok(LEAD, 'people.list', {});
      o.ok(LEAD, 'status.set', { employee_id: 'e001', status: 'work', at: at('11:10'), note: 'forgot', request_id: rid() });
      const stats = o.world.stats();
      return { calls: Object.entries(stats.calls).reduce((n, [m, c]) => n + (isSheetCall(m) ? c : 0), 0), cells: stats.cellsRead };
    };
    const a = cost(0);
    expect(a.calls).toBeLessThanOrEqual(8);
    // (900 rows: within the Log's first grid, so no growth of the grid is counted here.)
    expect(cost(900)).toEqual(a);
  });
});

describe('status.set cut after any service call and retried', () => {
  it('leaves one entry in the Log, one Audit row, the device numbered through it and Current in the corrected status', () => {
    const payload = { employee_id: 'e001', status: 'work', at: at('11:10'), note: 'forgot', request_id: 'cut-status-set-1' };
    const n = cutEverywhereOnFloor(
      'status.set',
      () => payload,
      (o) => forgottenBreak(o),
      (o) => {
        expect(logOf(o).filter((l) => l.source === 'admin').map((l) => l.entry_id)).toEqual(['admin-cut-status-set-1']);
        expect(o.rows('Audit').filter((a) => a.request_id === payload.request_id)).toHaveLength(1);
        const device = o.rows('Devices').find((d) => d.device_id === 'admin-e001')!;
        const current = o.rows('Current').find((c) => c.employee_id === 'e001')!;
        expect(device).toMatchObject({ last_seq: 1 });
        // A record of the write may stay until the device's next write: it is a finished one (Current says so).
        if (device.pending !== '') expect(JSON.parse(String(device.pending)).write).toBe(current.last_write);
        expect(current.status).toBe('work');
        expect((current.since as Date).getTime()).toBe(at('11:10'));
      },
      LEAD,
    );
    expect(n).toBeGreaterThan(6);
    console.log(`status.set: ${n} cut points`);
  });
});
