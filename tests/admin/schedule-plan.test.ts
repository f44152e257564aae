// schedule.plan through adminRpc: the planned breaks of a group's day within its cap, hand-fixed breaks
// kept, shifts that cannot be placed named; a commit writes them once (audited, cut-safe), a second
// commit of the same plan writes nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { cutEverywhere, expectWithinBudget } from './budget.ts';
import { scheduleOffice } from './schedule-office.ts';
import type { PlannedShift } from '../../common/admin-api.ts';

let office: AdminOffice;
beforeEach(() => {
  office = scheduleOffice();
});
afterEach(() => {
  vi.useRealTimers();
});

const DAY = '2026-12-01';
/** support-l1 (cap 3, rule set support): ten people on 09:00-18:00, one on a 2-hour shift, one with a fixed lunch. */
function importDay(o: AdminOffice): void {
  const names = ['Иванова Анна', 'Петров Дмитрий', 'Смирнова Ольга', 'Carter James', 'Кузнецова Мария', 'Johnson Emily', 'Соколов Алексей', 'Попова Екатерина', 'Brown Michael', 'Лебедев Иван'];
  o.ok(OWNER, 'schedule.import.commit', {
    rows: [['ФИО', '01.12.2026'], ...names.map((n) => [n, '9-18']), ['Turner Sophie', '9-11']],
    mode: 'valid_only',
    request_id: rid(),
  });
  o.ok(OWNER, 'schedule.save', { changes: [{ employee_id: 'e012', date: DAY, kind: 'shift', start: '10:00', end: '19:00', breaks: [{ status: 'lunch', start: '12:00', minutes: 60 }] }], request_id: rid() });
}

/** The most of the shifts on break at once, from the planned breaks. */
function peak(shifts: PlannedShift[]): number {
  const load = new Map<number, number>();
  for (const s of shifts) {
    for (const b of s.breaks) {
      const start = Number(b.start.slice(0, 2)) * 60 + Number(b.start.slice(3));
      for (let m = start; m < start + b.minutes; m++) load.set(m, (load.get(m) ?? 0) + 1);
    }
  }
  return Math.max(0, ...load.values());
}

describe('schedule.plan', () => {
  it('plans the day within the cap, keeps hand-fixed breaks, names a shift it cannot place; writes nothing without commit', () => {
    importDay(office);
    const before = JSON.stringify(office.rows('Schedule'));
    const r = office.ok(OWNER, 'schedule.plan', { from: DAY, to: DAY, group: 'support-l1', commit: false });
    expect(r.groups).toEqual([{ name: 'support-l1', cap: 3, rule_set: 'support', shifts: 12, peak: expect.any(Number), fixed_over_cap_minutes: 0 }]);
    expect(r.groups[0].peak).toBeLessThanOrEqual(3);
    expect(peak(r.shifts)).toBeLessThanOrEqual(3);
    expect(r.shifts).toHaveLength(11);
    for (const s of r.shifts) expect(s.breaks.map((b) => b.status).sort()).toEqual(['break', 'break', 'lunch']);
    const natalia = r.shifts.find((s) => s.employee_id === 'e012')!;
    expect(natalia.breaks.find((b) => b.status === 'lunch')).toEqual({ status: 'lunch', start: '12:00', minutes: 60, fixed: true });
    expect(r.unplaced).toEqual([expect.objectContaining({ employee_id: 'e011', reason: 'too_short', message: expect.stringContaining(' / ') })]);
    expect(r.written).toBe(0);
    expect(JSON.stringify(office.rows('Schedule'))).toBe(before);
  });

  it('commits the planned breaks once: audited, marked auto; the same plan again writes nothing', () => {
    importDay(office);
    const request_id = rid();
    const first = office.ok(OWNER, 'schedule.plan', { from: DAY, to: DAY, group: 'support-l1', commit: true, request_id });
    expect(first.written).toBe(11);
    const anna = office.rows('Schedule').find((r) => r.employee_id === 'e001' && r.date === DAY)!;
    expect(String(anna.breaks)).toMatch(/^break \d\d:\d\d 15 auto; lunch \d\d:\d\d 60 auto; break \d\d:\d\d 15 auto$/);
    expect(office.rows('Audit').filter((a) => a.request_id === request_id)).toEqual([expect.objectContaining({ action: 'schedule.plan', target: `${DAY}..${DAY} support-l1` })]);
    const again = office.ok(OWNER, 'schedule.plan', { from: DAY, to: DAY, group: 'support-l1', commit: true, request_id: rid() });
    expect(again.written).toBe(0);
    expect(again.shifts.every((s) => !s.changed)).toBe(true);
    // The editor sees the planner's breaks as movable, the hand-fixed one as fixed.
    const got = office.ok(OWNER, 'schedule.get', { from: DAY, to: DAY, group: 'support-l1' });
    expect(got.cells.find((c) => c.employee_id === 'e012')!.breaks.map((b) => b.fixed).sort()).toEqual([false, false, true]);
  });

  it('leaves the demo week alone: its breaks were typed by hand', () => {
    const r = office.ok(OWNER, 'schedule.plan', { from: '2026-11-24', to: '2026-11-24', commit: true, request_id: rid() });
    expect(r.written).toBe(0);
    expect(r.shifts.length).toBeGreaterThan(20);
    expect(r.shifts.every((s) => s.breaks.every((b) => b.fixed))).toBe(true);
  });

  it('keeps a lead to their groups and asks a commit for its request_id', () => {
    const other = office.rpc(LEAD, 'schedule.plan', { from: DAY, to: DAY, group: 'billing', commit: false });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('forbidden');
    expect(office.ok(LEAD, 'schedule.plan', { from: DAY, to: DAY, commit: false }).groups.map((g) => g.name)).toEqual(['support-l1']);
    const bare = office.rpc(OWNER, 'schedule.plan', { from: DAY, to: DAY, commit: true });
    expect(bare.ok).toBe(false);
    if (!bare.ok) expect(bare.error.details?.fields).toEqual([{ field: 'request_id', message: 'a commit needs a request_id' }]);
    const long = office.rpc(OWNER, 'schedule.plan', { from: '2026-12-01', to: '2027-01-05', commit: false });
    expect(long.ok).toBe(false);
  });

  it('survives being cut after any service call: retried, the plan is written once with one Audit row', () => {
    const cuts = cutEverywhere(
      'schedule.plan',
      { from: DAY, to: DAY, group: 'support-l1', commit: true, request_id: 'plan-cut-1' },
      (o) => {
        const rows = o.rows('Schedule').filter((r) => r.date === DAY);
        expect(rows.filter((r) => String(r.breaks).includes('auto'))).toHaveLength(11);
        expect(o.rows('Audit').filter((a) => a.request_id === 'plan-cut-1')).toHaveLength(1);
      },
      importDay,
    );
    expect(cuts).toBeGreaterThan(3);
  });

  it('stays within the sheet-call budget and never reads Log', () => {
    expectWithinBudget('schedule.plan', () => ({ from: DAY, to: DAY, commit: true, request_id: rid() }), importDay);
  });
});
