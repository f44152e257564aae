// Importing a roster grid through adminRpc: the preview says per cell what a commit does, the commit writes
// it once (twice changes nothing), modes, mapping, a lead's groups, cut safety and the cost of a month.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { growTeam, monthGrid, scheduleOffice } from './schedule-office.ts';
import { cutEverywhere } from './budget.ts';
import { isSheetCall } from '../../bench/lib/call-split.ts';
import { projectMs } from '../../emulator/runtime/latency.ts';
import type { AdminPayload } from '../../common/admin-api.ts';

let office: AdminOffice;
beforeEach(() => {
  office = scheduleOffice();
});
afterEach(() => {
  vi.useRealTimers();
});

const GRID = [
  ['График на декабрь 2026'],
  ['ФИО', '01.12', '02.12', '03.12', '04.12'],
  ['', 'вт', 'ср', 'чт', 'пт'],
  ['Иванова Анна', '9-18', '9-18', 'В', 'О'],
  ['Carter James', '10:00–19:00', 'Б', '21-09', 'В'],
  ['Петрв Дмитрий', '9-18', '9-18', '9-18', '9-18'],
  ['Кузнецова Мария', '9-18', '9-25', '', '8:30-17:30'],
];
const december = (o: AdminOffice) => o.rows('Schedule').filter((r) => String(r.date).startsWith('2026-12'));
const dayText = (r: Record<string, unknown>) => `${r.employee_id} ${r.date} ${r.day || `${r.shift_start}-${r.shift_end}`}${r.breaks ? ` [${r.breaks}]` : ''}`;

describe('schedule.import.preview', () => {
  it('reads every cell and says what a commit would do, writing nothing', () => {
    const before = office.rows('Schedule').length;
    const p = office.ok(OWNER, 'schedule.import.preview', { rows: GRID });
    expect(p.header_row).toBe(2);
    expect(p.weekday_rows).toEqual([3]);
    expect(p.people.map((x) => [x.row, x.employee_id])).toEqual([[4, 'e001'], [5, 'e004'], [6, null], [7, 'e005']]);
    expect(p.people[2].closest[0]).toMatchObject({ employee_id: 'e002', name: 'Дмитрий Петров' });
    expect(p.people[0].cells.map((c) => c.change)).toEqual(['add', 'add', 'add', 'add']);
    expect(p.people[3].cells.map((c) => [c.kind, c.change])).toEqual([['shift', 'add'], ['bad', 'skip'], ['empty', 'none'], ['shift', 'add']]);
    expect(p.bad).toEqual([{ row: 7, column: 3, text: '9-25', reason: '25 is not a time of day / 25 — не время суток' }]);
    expect(p.conflicts.map((c) => c.kind)).toEqual(['night_into_day_off']);
    expect(p.counts).toMatchObject({ people: 4, matched: 3, unknown: 1, bad: 1, add: 10, skip: 1 });
    expect(office.rows('Schedule').length).toBe(before);
  });

  it('answers a grid it cannot read with the field to fix', () => {
    const r = office.rpc(OWNER, 'schedule.import.preview', { rows: [['ФИО', '1', '2', '3'], ['Иванова Анна', '9-18', '9-18', 'В']] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      expect(r.error.details?.fields).toEqual([{ field: 'month', message: expect.stringContaining('choose the month') }]);
    }
    const withMonth = office.ok(OWNER, 'schedule.import.preview', { rows: [['ФИО', '1', '2', '3'], ['Иванова Анна', '9-18', '9-18', 'В']], month: '2026-12' });
    expect(withMonth.dates.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
  });

  it('keeps a lead to their groups and a grid to its group', () => {
    const lead = office.ok(LEAD, 'schedule.import.preview', { rows: [['ФИО', '01.12'], ['Иванова Анна', '9-18'], ['Морозова Елена', '9-18']] });
    expect(lead.people[1].problem).toContain('a group you do not lead');
    expect(lead.people[1].cells[0].change).toBe('skip');
    const other = office.rpc(LEAD, 'schedule.import.preview', { rows: GRID, group: 'billing' });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('forbidden');
    const grouped = office.ok(OWNER, 'schedule.import.preview', { rows: [['ФИО', '01.12'], ['Иванова Анна', '9-18'], ['Морозова Елена', '9-18']], group: 'support-l2' });
    expect(grouped.people[0].problem).toContain('not in support-l2');
  });
});

describe('schedule.import.commit', () => {
  it('imports the valid cells once: the same grid again changes nothing', () => {
    const mapping = [{ row: 6, employee_id: 'e002' }];
    const first = office.ok(OWNER, 'schedule.import.commit', { rows: GRID, mapping, mode: 'valid_only', request_id: rid() });
    expect(first.written).toBe(14);
    const rows = december(office);
    expect(rows.map(dayText).sort()).toEqual(
      [
        'e001 2026-12-01 09:00-18:00', 'e001 2026-12-02 09:00-18:00', 'e001 2026-12-03 off', 'e001 2026-12-04 vacation',
        'e004 2026-12-01 10:00-19:00', 'e004 2026-12-02 sick', 'e004 2026-12-03 21:00-09:00', 'e004 2026-12-04 off',
        'e002 2026-12-01 09:00-18:00', 'e002 2026-12-02 09:00-18:00', 'e002 2026-12-03 09:00-18:00', 'e002 2026-12-04 09:00-18:00',
        'e005 2026-12-01 09:00-18:00', 'e005 2026-12-04 08:30-17:30',
      ].sort(),
    );
    const audit = office.rows('Audit').filter((r) => r.action === 'schedule.import');
    expect(audit).toHaveLength(1);
    expect(audit[0].target).toBe('2026-12-01..2026-12-04');
    const snapshot = JSON.stringify(office.rows('Schedule'));
    const again = office.ok(OWNER, 'schedule.import.commit', { rows: GRID, mapping, mode: 'valid_only', request_id: rid() });
    expect(again.written).toBe(0);
    expect(again.counts).toMatchObject({ add: 0, change: 0, clear: 0, same: 14 });
    expect(JSON.stringify(office.rows('Schedule'))).toBe(snapshot);
    expect(office.rows('Audit').filter((r) => r.action === 'schedule.import')).toHaveLength(1);
  });

  it('all_or_nothing refuses a grid with a bad cell or an unknown person, writing nothing', () => {
    const before = JSON.stringify(office.rows('Schedule'));
    const r = office.rpc(OWNER, 'schedule.import.commit', { rows: GRID, mode: 'all_or_nothing', request_id: rid() });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      expect(r.error.details).toMatchObject({ unknown_rows: [6], bad: [{ row: 7, column: 3 }] });
    }
    expect(JSON.stringify(office.rows('Schedule'))).toBe(before);
    const clean = GRID.slice(0, 5);
    expect(office.ok(OWNER, 'schedule.import.commit', { rows: clean, mode: 'all_or_nothing', request_id: rid() }).written).toBe(8);
  });

  it('replaces days: a changed time keeps the hand-fixed breaks that fit, an empty cell clears the day', () => {
    // The demo seeds e001 on 2026-11-24..28 with fixed breaks at 11:00, 12:00 (lunch) and 16:00.
    const grid = [['ФИО', '24.11', '25.11'], ['Иванова Анна', '10-19', '']];
    const p = office.ok(OWNER, 'schedule.import.preview', { rows: grid });
    expect(p.people[0].cells.map((c) => c.change)).toEqual(['change', 'clear']);
    office.ok(OWNER, 'schedule.import.commit', { rows: grid, mode: 'valid_only', request_id: rid() });
    const e001 = office.rows('Schedule').filter((r) => r.employee_id === 'e001' && (r.date === '2026-11-24' || r.date === '2026-11-25'));
    expect(e001.map(dayText)).toEqual(['e001 2026-11-24 10:00-19:00 [break 11:00 15; lunch 12:00 60; break 16:00 15]']);
  });

  it('survives being cut after any service call: retried, it writes every day once and one Audit row', () => {
    const payload: AdminPayload<'schedule.import.commit'> = { rows: GRID.slice(0, 5), mode: 'valid_only', request_id: 'import-cut-1' };
    const cuts = cutEverywhere('schedule.import.commit', payload, (o) => {
      expect(december(o).map(dayText).sort()).toEqual([
        'e001 2026-12-01 09:00-18:00', 'e001 2026-12-02 09:00-18:00', 'e001 2026-12-03 off', 'e001 2026-12-04 vacation',
        'e004 2026-12-01 10:00-19:00', 'e004 2026-12-02 sick', 'e004 2026-12-03 21:00-09:00', 'e004 2026-12-04 off',
      ]);
      expect(o.rows('Audit').filter((r) => r.request_id === 'import-cut-1')).toHaveLength(1);
    });
    expect(cuts).toBeGreaterThan(3);
  });
});

describe('cost', () => {
  it('imports 200 people x 31 days in one commit in at most 10 sheet calls and 15 s projected', () => {
    growTeam(office, 230);
    const grid = monthGrid(200);
    office.ok(OWNER, 'people.list', {});
    const r = office.rpc(OWNER, 'schedule.import.commit', { rows: grid, mode: 'valid_only', request_id: rid() });
    if (!r.ok) throw new Error(r.error.message);
    const stats = office.world.stats();
    const sheetCalls = Object.entries(stats.calls).reduce((n, [m, c]) => n + (isSheetCall(m) ? c : 0), 0);
    if (r.ok) expect(r.written).toBe(200 * 31);
    expect(sheetCalls).toBeLessThanOrEqual(10);
    expect(projectMs({ ...stats, waitMs: 0 })).toBeLessThanOrEqual(15_000);
  });
});
