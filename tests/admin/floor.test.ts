// floor.now through adminRpc, as the Floor sidebar and the big-screen board call it: who is on shift now and
// how they are doing at this very moment, the groups' counters, a lead's scope, the refresh setting, and
// what one refresh costs.
import { afterEach, describe, expect, it } from 'vitest';
import type { FloorRow } from '../../common/admin-api.ts';
import { EMPLOYEE, LEAD, OTHER_LEAD, OWNER } from './helpers.ts';
import { growLog } from './budget.ts';
import { isSheetCall } from '../../bench/lib/call-split.ts';
import { at, floorOffice, restoreClock, type FloorOffice } from './floor-office.ts';

afterEach(restoreClock);

const row = (rows: FloorRow[], id: string) => rows.find((r) => r.employee_id === id);

function sheetCalls(o: FloorOffice): number {
  return Object.entries(o.world.stats().calls).reduce((n, [m, c]) => n + (isSheetCall(m) ? c : 0), 0);
}

describe('floor.now: who is where', () => {
  it('counts an overrun from the current time, not from the last checkBreaks run', () => {
    const o = floorOffice();
    o.moveTo(at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }]);
    o.moveTo(at('11:00'));
    o.sync('e001', [{ status: 'break', at: at('11:00') }]);
    o.moveTo(at('11:10'));
    o.check(); // nothing over yet: the break's 15 minutes and 2 of grace run to 11:17

    o.moveTo(at('11:20'));
    const board = o.ok(LEAD, 'floor.now', {});
    expect(board.at).toBe(at('11:20'));
    expect(row(board.rows, 'e001')).toEqual({
      employee_id: 'e001',
      name: 'Анна Иванова',
      group: 'support-l1',
      status: 'break',
      since: at('11:00'),
      over_minutes: 3,
      limit_minutes: 17,
      planned: { status: 'break', start: at('11:00'), end: at('11:15') },
      shift_start: at('09:00'),
      shift_end: at('18:00'),
      state: 'over',
    });
    // The trigger has not seen it yet: the board did not take it from there.
    expect(o.rows('Violations').filter((v) => v.type === 'break_overrun')).toEqual([]);
    o.moveTo(at('11:25'));
    expect(row(o.ok(LEAD, 'floor.now', {}).rows, 'e001')?.over_minutes).toBe(8);
  });

  it('says who is not in yet (within the shift\'s grace), who is missing, and leaves out whoever has no shift', () => {
    const o = floorOffice();
    o.moveTo(at('09:00'));
    o.sync('e005', [{ status: 'work', at: at('09:00') }]);
    o.moveTo(at('09:03'));
    const early = o.ok(LEAD, 'floor.now', {});
    expect(row(early.rows, 'e004')).toMatchObject({ status: '', since: null, state: 'late' });
    expect(row(early.rows, 'e005')).toMatchObject({ status: 'work', since: at('09:00'), state: 'ok' });
    expect(row(early.rows, 'e006')).toBeUndefined(); // off today

    o.moveTo(at('10:00'));
    o.sync('e005', [{ status: 'offline', at: at('10:00') }]);
    o.moveTo(at('10:30'));
    const later = o.ok(LEAD, 'floor.now', {});
    expect(row(later.rows, 'e004')?.state).toBe('missing'); // never came, past 09:05
    expect(row(later.rows, 'e005')).toMatchObject({ status: 'offline', state: 'missing' }); // gone mid-shift
  });

  it('keeps someone still in after their shift on the board (a forgotten session shows)', () => {
    const o = floorOffice();
    o.moveTo(at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }]);
    o.moveTo(at('18:30'));
    const board = o.ok(LEAD, 'floor.now', {});
    expect(board.rows.map((r) => r.employee_id)).toEqual(['e001']);
    expect(board.groups[0]).toMatchObject({ name: 'support-l1', on_shift: 0, working: 1 });
  });

  it('gives per group the people on break against the cap, working, missing, on shift, and adherence so far', () => {
    const o = floorOffice();
    o.moveTo(at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }]);
    o.moveTo(at('10:00'));
    // Only Анна came: her hour is adherent, the nine others' hours are not (no tolerance for never coming).
    expect(o.ok(LEAD, 'floor.now', {}).groups).toEqual([
      { name: 'support-l1', on_break: 0, cap: 3, working: 1, missing: 9, on_shift: 10, adherence_pct: 10 },
    ]);
    o.sync('e004', [{ status: 'work', at: at('10:00') }]);
    o.sync('e005', [{ status: 'work', at: at('10:00') }]);
    o.moveTo(at('10:30'));
    o.sync('e004', [{ status: 'break', at: at('10:30') }]);
    o.sync('e005', [{ status: 'lunch', at: at('10:30') }]);
    o.moveTo(at('10:40'));
    const g = o.ok(LEAD, 'floor.now', {}).groups[0];
    expect(g).toMatchObject({ on_break: 2, cap: 3, working: 1, missing: 7, on_shift: 10 });
  });
});

describe('floor.now: who may see what', () => {
  it('gives an admin every group, a lead only theirs, and refuses anyone else', () => {
    const o = floorOffice();
    o.moveTo(at('10:30'));
    const all = o.ok(OWNER, 'floor.now', {});
    expect(all.groups.map((g) => g.name)).toEqual(['support-l1', 'support-l2', 'billing']);
    expect(new Set(all.rows.map((r) => r.group))).toEqual(new Set(['support-l1', 'support-l2', 'billing']));
    const mine = o.ok(OTHER_LEAD, 'floor.now', {});
    expect(mine.groups.map((g) => g.name)).toEqual(['support-l2']);
    expect(new Set(mine.rows.map((r) => r.group))).toEqual(new Set(['support-l2']));
    expect(mine.viewer).toEqual({ email: OTHER_LEAD, role: 'lead', groups: ['support-l2'] });
    expect(o.ok(OWNER, 'floor.now', { group: 'billing' }).groups.map((g) => g.name)).toEqual(['billing']);
    expect(all.statuses.find((s) => s.code === 'break')).toEqual({ code: 'break', label_ru: 'Перерыв', label_en: 'Break', kind: 'break', color: '#fbbc04' });

    const other = o.rpc(LEAD, 'floor.now', { group: 'support-l2' });
    expect(other.ok ? null : other.error).toMatchObject({ code: 'forbidden', details: { field: 'group' } });
    const unknown = o.rpc(OWNER, 'floor.now', { group: 'nobody' });
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: 'bad_request', details: { fields: [{ field: 'group' }] } });
    for (const as of [EMPLOYEE, '']) {
      const r = o.rpc(as, 'floor.now', {});
      expect(r.ok ? null : r.error.code).toBe('forbidden');
    }
  });
});

describe('floor.now: refresh and cost', () => {
  it('asks again every floor_refresh_seconds (30 by default), never more often than every 15 s', () => {
    const o = floorOffice();
    const refresh = (value: string) => {
      o.ok(OWNER, 'settings.save', { values: { floor_refresh_seconds: value }, request_id: `floor-refresh-${value || 'blank'}` });
      return o.ok(LEAD, 'floor.now', {}).refresh_s;
    };
    expect(o.ok(LEAD, 'floor.now', {}).refresh_s).toBe(30);
    expect(refresh('45')).toBe(45);
    expect(refresh('15')).toBe(15);
    o.world.newExecution({ activeUser: OWNER });
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings')!;
    const keys = sheet.getRange(2, 1, sheet.getLastRow() - 1, 1).getValues().map((r) => r[0]);
    sheet.getRange(keys.indexOf('floor_refresh_seconds') + 2, 2).setValue('5'); // typed by hand
    expect(o.ok(LEAD, 'floor.now', {}).refresh_s).toBe(15);
  });

  it('reads Current, Settings and Neutral only (three sheet calls), the same however long Log grows', () => {
    const measure = (logRows: number) => {
      const o = floorOffice();
      if (logRows > 0) growLog(o, logRows);
      o.fitGrids();
      o.moveTo(at('09:00'));
      o.sync('e001', [{ status: 'work', at: at('09:00') }]);
      o.moveTo(at('10:00'));
      o.ok(LEAD, 'floor.now', {}); // the reference cache warm, as for a board on the wall
      o.ok(LEAD, 'floor.now', {});
      const stats = o.world.stats();
      const calls = sheetCalls(o);
      o.world.newExecution({ activeUser: OWNER });
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const inUse = (tab: string, width: number) => ss.getSheetByName(tab)!.getLastRow() * width;
      return { calls, cells: stats.cellsRead, inUse: inUse('Current', 9) + inUse('Settings', 2) + inUse('Neutral', 4), stats };
    };
    const empty = measure(0);
    const long = measure(3000);
    expect(empty.calls).toBeLessThanOrEqual(3);
    expect(long.calls).toBe(empty.calls);
    expect(long.cells).toBe(empty.cells);
    // The grids hold their rows and a few spare: what is read is the rows in use, not a thousand blank rows.
    expect(empty.cells).toBeLessThanOrEqual(empty.inUse + 20 * (9 + 2 + 4));
    expect(empty.stats.calls['Range.getValues']).toBe(3);
  });
});
