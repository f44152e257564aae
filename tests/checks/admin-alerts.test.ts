// Admin alerts on trigger failures, over the emulated Apps Script services and the demo office: a failing
// checkBreaks run writes one 'admin' Outbox alert per linked admin (in their language) and still throws; the
// same trigger is not alerted again within the hour; an Outbox that cannot be written leaves the trigger's
// own error to propagate. Demo admins: e003 Ольга Смирнова (ADMIN_CHAT, Russian); James Carter (e004,
// JAMES_CHAT) is made an admin here to see English. Dmitry (e002) is a lead with a linked chat, not an admin.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkBreaksTrigger, dailyRolloverTrigger } from '../../appsscript/src/gas/bot-wiring.ts';
import { invalidateReferenceCache } from '../../appsscript/src/gas/reference-cache.ts';
import { adminAlertKey } from '../../appsscript/src/services/admin-alerts.ts';
import { ADMIN_CHAT, at, JAMES_CHAT, office, type Office } from './helpers.ts';

const adminRows = (o: Office) => o.rows('Outbox').filter((r) => r.kind === 'admin');

function deleteTab(name: string): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  ss.deleteSheet(ss.getSheetByName(name)!);
}

/** The demo office with a second admin (English name) and the Current tab gone, so checkBreaks fails. */
function brokenOffice(): Office {
  const o = office();
  // Employees row 5 is e004 James Carter; column 5 is role.
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Employees')!.getRange(5, 5).setValues([['admin']]);
  invalidateReferenceCache();
  deleteTab('Current');
  o.world.newExecution();
  return o;
}

describe('admin alerts', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a failing checkBreaks alerts each linked admin once, in their language, and still throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const o = brokenOffice();
    expect(() => checkBreaksTrigger(o.moveTo(at('10:00')))).toThrow('The tab "Current" is missing');

    const rows = adminRows(o);
    expect(rows.map((r) => r.target).sort()).toEqual([ADMIN_CHAT, JAMES_CHAT].sort());
    const byChat = new Map(rows.map((r) => [r.target, String(r.text)]));
    expect(byChat.get(ADMIN_CHAT)).toContain('Сбой триггера checkBreaks в 2026-11-24 10:00');
    expect(byChat.get(ADMIN_CHAT)).toContain('Нет вкладки «Current»');
    expect(byChat.get(JAMES_CHAT)).toContain('Trigger checkBreaks failed at 2026-11-24 10:00');
    expect(byChat.get(JAMES_CHAT)).toContain('The tab "Current" is missing');
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'pending', attempts: 0 });
      expect(String(r.alert_id)).toMatch(/^A-20261124-[0-9a-z]+$/);
    }
    expect(new Set(rows.map((r) => r.alert_id)).size).toBe(2);
    expect(o.rows('Settings').find((r) => r.key === adminAlertKey('checkBreaks'))?.value).toBe(String(at('10:00')));
  });

  it('stays quiet about the same trigger for an hour, then alerts again; other triggers have their own hour', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const o = brokenOffice();
    expect(() => checkBreaksTrigger(o.moveTo(at('10:00')))).toThrow();
    for (const t of ['10:05', '10:30', '10:59']) {
      expect(() => checkBreaksTrigger(o.moveTo(at(t)))).toThrow('The tab "Current" is missing');
    }
    expect(adminRows(o)).toHaveLength(2);

    // The rollover fails too (it reads Current): its first failure is news.
    expect(() => dailyRolloverTrigger(o.moveTo(at('10:40')))).toThrow('The tab "Current" is missing');
    expect(adminRows(o).filter((r) => String(r.text).includes('dailyRollover'))).toHaveLength(2);

    expect(() => checkBreaksTrigger(o.moveTo(at('11:00')))).toThrow();
    const checks = adminRows(o).filter((r) => String(r.text).includes('checkBreaks'));
    expect(checks).toHaveLength(4);
    expect(checks.filter((r) => String(r.text).includes('11:00'))).toHaveLength(2);
  });

  it('an Outbox that cannot be written leaves the trigger’s own error to propagate', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const o = brokenOffice();
    deleteTab('Outbox');
    o.world.newExecution();
    expect(() => checkBreaksTrigger(o.moveTo(at('10:00')))).toThrow('The tab "Current" is missing');
    expect(errors.mock.calls.flat().join('\n')).toContain('admin alert could not be written');
  });

  it('a healthy run alerts nobody, and admins without a linked chat are never alerted', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const healthy = office();
    checkBreaksTrigger(healthy.moveTo(at('10:00')));
    expect(adminRows(healthy)).toHaveLength(0);

    const unlinked = office({ linkChats: false });
    deleteTab('Current');
    expect(() => checkBreaksTrigger(unlinked.moveTo(at('10:00')))).toThrow('The tab "Current" is missing');
    expect(adminRows(unlinked)).toHaveLength(0);
  });
});
