// The schedule editor's ops through adminRpc: schedule.get (people x days, versions, issues of the range)
// and schedule.save (a batch, all or nothing; per-field errors, per-cell conflicts; audited; cut-safe).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATE, EMPLOYEE, LEAD, OTHER_LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { scheduleOffice } from './schedule-office.ts';
import { cutEverywhere, expectWithinBudget } from './budget.ts';
import type { AdminPayload, ScheduleCell } from '../../common/admin-api.ts';
import { loadReference } from '../../appsscript/src/gas/reference-cache.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';
import { scheduleWindow } from '../../appsscript/src/store/reference.ts';

const ZONE = 'Europe/Moscow';

let office: AdminOffice;
beforeEach(() => {
  office = scheduleOffice();
});
afterEach(() => {
  vi.useRealTimers();
});

const cellOf = (cells: ScheduleCell[], employee: string, date: string) => cells.find((c) => c.employee_id === employee && c.date === date);
const rowsOf = (o: AdminOffice, employee: string, date: string) => o.rows('Schedule').filter((r) => r.employee_id === employee && r.date === date);

describe('schedule.get', () => {
  it('gives people x days of the caller’s groups with shifts, breaks (fixed or planned) and versions', () => {
    const r = office.ok(OWNER, 'schedule.get', { from: DATE, to: '2026-11-30', group: 'support-l1' });
    expect(r.dates).toHaveLength(7);
    expect(new Set(r.people.map((p) => p.group))).toEqual(new Set(['support-l1']));
    const anna = cellOf(r.cells, 'e001', DATE)!;
    expect(anna).toMatchObject({ kind: 'shift', start: '09:00', end: '18:00' });
    expect(anna.breaks.map((b) => `${b.status} ${b.start} ${b.fixed}`)).toEqual(['break 11:00 true', 'lunch 12:00 true', 'break 16:00 true']);
    expect(anna.version).toMatch(/^[0-9a-f]{8}$/);
    expect(r.empty_version).toMatch(/^[0-9a-f]{8}$/);
    expect(r.statuses.map((s) => s.code).sort()).toEqual(['break', 'lunch']);
    const lead = office.ok(OTHER_LEAD, 'schedule.get', { from: DATE, to: DATE });
    expect(new Set(lead.people.map((p) => p.group))).toEqual(new Set(['support-l2']));
  });

  it('refuses more than 62 days, another lead’s group, and employees', () => {
    const long = office.rpc(OWNER, 'schedule.get', { from: '2026-11-01', to: '2027-01-05' });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.details?.fields).toEqual([{ field: 'to', message: 'not before from, at most 62 days' }]);
    const other = office.rpc(LEAD, 'schedule.get', { from: DATE, to: DATE, group: 'billing' });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('forbidden');
    const employee = office.rpc(EMPLOYEE, 'schedule.get', { from: DATE, to: DATE });
    expect(employee.ok).toBe(false);
  });

  it('shows the rows of the range that cannot be used, with the version to overwrite them', () => {
    office.world.newExecution({ activeUser: OWNER });
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Schedule')!;
    sheet.appendRow(['2026-12-01', 'e004', '9 утра', '18:00', '', '']);
    const r = office.ok(OWNER, 'schedule.get', { from: '2026-12-01', to: '2026-12-01' });
    expect(r.issues).toEqual([expect.objectContaining({ employee_id: 'e004', date: '2026-12-01', column: 'shift_start' })]);
    const fixed = office.ok(OWNER, 'schedule.save', { changes: [{ employee_id: 'e004', date: '2026-12-01', kind: 'shift', start: '09:00', end: '18:00', version: r.issues[0].version }], request_id: rid() });
    expect(fixed.written).toBe(1);
    expect(office.ok(OWNER, 'schedule.get', { from: '2026-12-01', to: '2026-12-01' }).issues).toEqual([]);
  });

  it('stays within the sheet-call budget and never reads Log', () => {
    expectWithinBudget('schedule.get', () => ({ from: DATE, to: '2026-12-31' }));
  });
});

describe('schedule.save', () => {
  it('saves a batch (a shift with breaks, a day off, vacation, sick, a clear) in one write, audited; employees see it at once', () => {
    const before = office.ok(OWNER, 'schedule.get', { from: DATE, to: '2026-11-25', group: 'support-l1' });
    const v = (e: string, d: string) => cellOf(before.cells, e, d)?.version ?? before.empty_version;
    const request_id = rid();
    const r = office.ok(OWNER, 'schedule.save', {
      changes: [
        { employee_id: 'e001', date: DATE, kind: 'shift', start: '08:00', end: '17:00', breaks: [{ status: 'lunch', start: '12:00', minutes: 60 }], version: v('e001', DATE) },
        { employee_id: 'e004', date: DATE, kind: 'vacation', version: v('e004', DATE) },
        { employee_id: 'e005', date: DATE, kind: 'sick', version: v('e005', DATE) },
        { employee_id: 'e006', date: '2026-11-25', kind: 'off', version: v('e006', '2026-11-25') },
        { employee_id: 'e008', date: DATE, kind: 'clear', version: v('e008', DATE) },
      ],
      request_id,
    });
    expect(r.written).toBe(5);
    expect(rowsOf(office, 'e001', DATE)).toEqual([expect.objectContaining({ shift_start: '08:00', shift_end: '17:00', breaks: 'lunch 12:00 60', day: '' })]);
    expect(rowsOf(office, 'e004', DATE)).toEqual([expect.objectContaining({ shift_start: '', shift_end: '', breaks: '', day: 'vacation' })]);
    expect(rowsOf(office, 'e008', DATE)).toEqual([]);
    expect(office.rows('Audit').filter((a) => a.request_id === request_id)).toEqual([expect.objectContaining({ action: 'schedule.save', target: '5 cells' })]);
    const after = office.ok(OWNER, 'schedule.get', { from: DATE, to: DATE, group: 'support-l1' });
    expect(cellOf(after.cells, 'e001', DATE)?.version).toBe(r.cells[0].version);
    // The web app, the bot and the triggers read shifts from the reference cache: it holds the change at once.
    office.world.newExecution({ activeUser: OWNER });
    const cached = loadReference(openTables(gasSheetPort(), { timeZone: ZONE, formatDate: (ms, p) => Utilities.formatDate(new Date(ms), ZONE, p) }), scheduleWindow(DATE));
    expect(cached.schedule.find((x) => x.employee_id === 'e001' && x.date === DATE)).toMatchObject({ shift_start: '08:00' });
    expect(cached.schedule.some((x) => x.employee_id === 'e004' && x.date === DATE)).toBe(false);
  });

  it('refuses the whole batch on any bad field, naming every one, and writes nothing', () => {
    const snapshot = JSON.stringify(office.rows('Schedule'));
    const r = office.rpc(OWNER, 'schedule.save', {
      changes: [
        { employee_id: 'e001', date: '2026-12-01', kind: 'shift', start: '09:00', end: '18:00' },
        { employee_id: 'e002', date: '2026-12-01', kind: 'shift', start: '09:00' },
        { employee_id: 'e003', date: '2026-12-01', kind: 'shift', start: '09:00', end: '18:00', breaks: [{ status: 'nap', start: '17:50', minutes: 30 }] },
        { employee_id: 'e004', date: '2026-02-30', kind: 'off' },
        { employee_id: 'e999', date: '2026-12-01', kind: 'off' },
        { employee_id: 'e001', date: '2026-12-01', kind: 'off' },
      ],
      request_id: rid(),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      expect((r.error.details?.fields as { field: string }[]).map((f) => f.field)).toEqual([
        'changes[1].end', 'changes[2].breaks[0].status', 'changes[2].breaks', 'changes[3].date', 'changes[4].employee_id', 'changes[5]',
      ]);
    }
    expect(JSON.stringify(office.rows('Schedule'))).toBe(snapshot);
  });

  it('a day changed since it was read is a conflict with what it is now; one already as asked is not', () => {
    const read = office.ok(OWNER, 'schedule.get', { from: DATE, to: DATE, group: 'support-l1' });
    const version = cellOf(read.cells, 'e001', DATE)!.version;
    office.ok(LEAD, 'schedule.save', { changes: [{ employee_id: 'e001', date: DATE, kind: 'off', version }], request_id: rid() });
    const late = office.rpc(OWNER, 'schedule.save', {
      changes: [
        { employee_id: 'e001', date: DATE, kind: 'shift', start: '10:00', end: '19:00', version },
        { employee_id: 'e004', date: '2026-12-01', kind: 'off', version: read.empty_version },
      ],
      request_id: rid(),
    });
    expect(late.ok).toBe(false);
    if (!late.ok) {
      expect(late.error.code).toBe('conflict');
      expect(late.error.details?.cells).toEqual([{ index: 0, employee_id: 'e001', date: DATE, version: expect.any(String), current: expect.objectContaining({ kind: 'off' }) }]);
    }
    expect(rowsOf(office, 'e004', '2026-12-01')).toEqual([]);
    // The same day off again, with the stale version: already as asked, so fine.
    expect(office.ok(OWNER, 'schedule.save', { changes: [{ employee_id: 'e001', date: DATE, kind: 'off', version }], request_id: rid() }).written).toBe(0);
  });

  it('refuses a night shift that runs into the next day’s shift', () => {
    const r = office.rpc(OWNER, 'schedule.save', { changes: [{ employee_id: 'e001', date: '2026-11-23', kind: 'shift', start: '22:00', end: '10:00' }], request_id: rid() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details?.fields).toEqual([{ field: 'changes[0]', message: expect.stringContaining('overlaps the shift of 2026-11-24 (09:00–18:00)') }]);
  });

  it('keeps a lead to their groups', () => {
    const r = office.rpc(LEAD, 'schedule.save', { changes: [{ employee_id: 'e015', date: '2026-12-01', kind: 'off' }], request_id: rid() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden');
  });

  it('survives being cut after any service call: retried, every day is saved once with one Audit row', () => {
    // Every office starts from the same demo data, so the versions read here are the ones each cut try sees.
    const read = office.ok(OWNER, 'schedule.get', { from: DATE, to: '2026-12-01', group: 'support-l1' });
    const version = (e: string, d: string) => cellOf(read.cells, e, d)?.version ?? read.empty_version;
    const payload: AdminPayload<'schedule.save'> = {
      changes: [
        { employee_id: 'e001', date: DATE, kind: 'shift', start: '10:00', end: '19:00', breaks: [{ status: 'lunch', start: '14:00', minutes: 60, fixed: false }], version: version('e001', DATE) },
        { employee_id: 'e004', date: '2026-12-01', kind: 'sick', version: version('e004', '2026-12-01') },
        { employee_id: 'e005', date: DATE, kind: 'clear', version: version('e005', DATE) },
      ],
      request_id: 'save-cut-1',
    };
    const cuts = cutEverywhere('schedule.save', payload, (o) => {
      expect(rowsOf(o, 'e001', DATE)).toEqual([expect.objectContaining({ shift_start: '10:00', breaks: 'lunch 14:00 60 auto' })]);
      expect(rowsOf(o, 'e004', '2026-12-01')).toEqual([expect.objectContaining({ day: 'sick' })]);
      expect(rowsOf(o, 'e005', DATE)).toEqual([]);
      expect(o.rows('Audit').filter((a) => a.request_id === 'save-cut-1')).toHaveLength(1);
    });
    expect(cuts).toBeGreaterThan(3);
  });

  it('stays within the sheet-call budget and never reads Log', () => {
    expectWithinBudget('schedule.save', () => ({ changes: [{ employee_id: 'e004', date: '2026-12-01', kind: 'off' }], request_id: rid() }));
  });
});
