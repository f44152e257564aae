// The demo team (pure) and seeding it into a new workbook (only into empty tabs, idempotent).
import { describe, expect, it } from 'vitest';
import { demoTeam, DEMO_EMPLOYEE_EMAIL } from '../../appsscript/src/domain/demo-team.ts';
import { seedDemoData } from '../../appsscript/src/services/demo-data.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { readReference, scheduleWindow } from '../../appsscript/src/store/reference.ts';
import { timeToMinutes } from '../../appsscript/src/store/cells.ts';
import { storeWorld, typeRows } from './helpers.ts';

const TODAY = '2026-11-24';

describe('demoTeam', () => {
  const team = demoTeam(TODAY);

  it('three groups, thirty people, one admin, one lead per group, the demo employee first', () => {
    expect(team.groups.map((g) => g.name)).toEqual(['support-l1', 'support-l2', 'billing']);
    expect(team.employees).toHaveLength(30);
    expect(team.employees[0]).toMatchObject({ id: 'e001', email: DEMO_EMPLOYEE_EMAIL, role: 'employee', active: true });
    expect(team.employees.filter((e) => e.role === 'admin')).toHaveLength(1);
    for (const g of team.groups) {
      const leads = team.employees.filter((e) => e.group === g.name && e.role === 'lead');
      expect(leads).toHaveLength(1);
      expect(g.lead_emails).toEqual([leads[0].email]);
    }
    expect(new Set(team.employees.map((e) => e.email)).size).toBe(30);
    expect(team.employees.every((e) => /^e\d{3}$/.test(e.id) && /^[a-z]+\.[a-z]+@example\.com$/.test(e.email))).toBe(true);
    expect(team.employees.some((e) => /[А-Яа-я]/.test(e.name)) && team.employees.some((e) => /^[A-Za-z ]+$/.test(e.name))).toBe(true);
  });

  it('the admin email can be the person who set the workbook up', () => {
    const t = demoTeam(TODAY, { adminEmail: 'Owner@Example.com' });
    expect(t.employees.find((e) => e.role === 'admin')?.email).toBe('owner@example.com');
  });

  it('statuses of every kind with both labels; shift, break and lunch rules for every rule set in use', () => {
    expect(team.statuses.map((s) => s.kind).sort()).toEqual(['break', 'lunch', 'meeting', 'offline', 'training', 'work']);
    expect(team.statuses.every((s) => s.label_ru && s.label_en && /^#[0-9a-f]{6}$/.test(s.color))).toBe(true);
    for (const set of new Set(team.groups.map((g) => g.rule_set))) {
      expect(team.rules.filter((r) => r.rule_set === set).map((r) => r.status).sort()).toEqual(['break', 'lunch', 'work']);
    }
  });

  it('a week of shifts from today, the demo employee works today, planned breaks fit the rules', () => {
    const dates = [...new Set(team.shifts.map((s) => s.date))].sort();
    expect(dates).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    expect(team.shifts.some((s) => s.date === TODAY && s.employee_id === 'e001')).toBe(true);
    const inactive = team.employees.filter((e) => !e.active).map((e) => e.id);
    expect(team.shifts.some((s) => inactive.includes(s.employee_id))).toBe(false);
    for (const s of team.shifts) {
      const group = team.employees.find((e) => e.id === s.employee_id)!.group;
      const set = team.groups.find((g) => g.name === group)!.rule_set;
      for (const b of s.breaks) {
        const r = team.rules.find((x) => x.rule_set === set && x.status === b.status)!;
        expect(b.minutes).toBeLessThanOrEqual(r.max_minutes!);
      }
    }
  });

  it('breaks are staggered: never more of a group on break at once than it allows', () => {
    const today = team.shifts.filter((s) => s.date === TODAY);
    for (const g of team.groups) {
      const members = new Set(team.employees.filter((e) => e.group === g.name).map((e) => e.id));
      for (let minute = 0; minute < 1440; minute += 5) {
        const away = today
          .filter((s) => members.has(s.employee_id))
          .filter((s) => s.breaks.some((b) => b.status === 'break' && minute >= timeToMinutes(b.start) && minute < timeToMinutes(b.start) + b.minutes));
        expect(away.length).toBeLessThanOrEqual(g.max_concurrent_breaks!);
      }
    }
  });
});

describe('seedDemoData', () => {
  it('fills the empty tabs; the result reads back with no issue at all', () => {
    const w = storeWorld();
    const report = seedDemoData(gasSheetPort(), TODAY);
    expect(report.skipped).toEqual([]);
    expect(report.seeded.map((s) => s.tab).sort()).toEqual(['Employees', 'Groups', 'Rules', 'Schedule', 'Statuses']);
    w.world.newExecution();
    const data = readReference(w.open().tables, scheduleWindow(TODAY, 0, 6));
    const team = demoTeam(TODAY);
    expect(data.issues).toEqual([]);
    expect(data.employees).toEqual(team.employees);
    expect(data.groups).toEqual(team.groups);
    expect(data.statuses).toEqual(team.statuses);
    expect(data.rules).toEqual(team.rules);
    expect(data.schedule).toEqual(team.shifts);
  });

  it('is idempotent: a second run writes nothing', () => {
    const w = storeWorld();
    seedDemoData(gasSheetPort(), TODAY);
    w.world.newExecution();
    const ops = w.world.store.ops.length;
    const again = seedDemoData(gasSheetPort(), TODAY);
    expect(again.seeded).toEqual([]);
    expect(w.world.store.ops.length).toBe(ops);
  });

  it('never writes the demo team next to a real one, but still offers statuses and rules', () => {
    const w = storeWorld();
    typeRows(w.sheet('Employees'), [['r1', 'real.person@corp.example', 'Real Person', 'ops', 'admin', '', '', 0, true]]);
    const report = seedDemoData(gasSheetPort(), TODAY);
    expect(report.seeded.map((s) => s.tab).sort()).toEqual(['Rules', 'Statuses']);
    expect(report.skipped.sort()).toEqual(['Employees', 'Groups', 'Schedule']);
    expect(w.sheet('Employees').getLastRow()).toBe(2);
    expect(w.sheet('Schedule').getLastRow()).toBe(1);
  });
});
