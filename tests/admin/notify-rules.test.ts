// The notification rules (issue 13): the defaults a new workbook gets are the alerts of before; notify.rules.list
// and notify.rules.save (roles, fields, conflicts, retries, cuts); and a rule edited in the console changes who
// gets the NEXT alert, played through the real sync path and checkBreaks, with e-mail, quiet hours and once-per.
//
// Demo facts (tests/admin/floor-office.ts): Анна Иванова (e001, support-l1) has a break at 11:00, 15 min, grace
// 2, so it becomes an overrun after 11:17; e003 Ольга Смирнова is the admin (olga.smirnova@example.com).
import { afterEach, describe, expect, it } from 'vitest';
import { adminOffice, LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { cutEverywhere } from './budget.ts';
import { at, floorOffice, restoreClock, type FloorOffice } from './floor-office.ts';
import { DEFAULT_NOTIFY_RULES, type NotifyRuleRecord } from '../../common/notify-rules.ts';
import { invalidateReferenceCache } from '../../appsscript/src/gas/reference-cache.ts';
import { runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import type { Alert } from '../../common/bot-api.ts';

const LEAD_CHAT = '-1001001';
const ANNA_CHAT = '111';
const ADMIN_CHAT = '333';

afterEach(() => restoreClock());

function rulesOf(o: AdminOffice) {
  return o.ok(OWNER, 'notify.rules.list', {}).rows;
}

function ruleOf(o: AdminOffice, id: string) {
  const r = rulesOf(o).find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

function edit(o: AdminOffice, id: string, change: Partial<NotifyRuleRecord>) {
  const { version, ...rule } = ruleOf(o, id);
  return o.ok(OWNER, 'notify.rules.save', { rule: { ...rule, ...change }, version, request_id: rid() });
}

/** The lead chat of support-l1 and the personal chats of Anna and the admin, typed into the tabs. */
function linkChats(o: FloorOffice): void {
  o.world.newExecution({ activeUser: OWNER });
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  ss.getSheetByName('Groups')!.getRange(2, 3).setValues([[`'${LEAD_CHAT}`]]);
  ss.getSheetByName('Employees')!.getRange(2, 7).setValues([[`'${ANNA_CHAT}`]]);
  ss.getSheetByName('Employees')!.getRange(4, 7).setValues([[`'${ADMIN_CHAT}`]]);
  invalidateReferenceCache();
  o.world.newExecution({ activeUser: OWNER });
}

/** Anna works from 09:00 and is on her 11:00 break. */
function annaOnBreak(o: FloorOffice): void {
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.check();
  o.moveTo(at('11:00'));
  o.sync('e001', [{ status: 'break', at: at('11:00') }]);
  o.check();
}

function overrunAlerts(o: FloorOffice) {
  const v = o.rows('Violations').find((r) => r.employee_id === 'e001' && r.type === 'break_overrun');
  expect(v).toBeDefined();
  const id = String(v!.id);
  return o.rows('Outbox').filter((a) => String(a.text).includes('Анна Иванова') && String(a.text).includes('Превышение перерыва') && (a.alert_id === `L${id.slice(1)}` || String(a.alert_id).startsWith('W-')));
}

describe('the Notify tab', () => {
  it('a new workbook gets the default rules: the alerts that were fixed in code', () => {
    const o = adminOffice();
    const rows = rulesOf(o).map(({ version: _v, ...r }) => r);
    expect(rows).toEqual(DEFAULT_NOTIFY_RULES);
  });

  it('list and save are for admins only', () => {
    const o = adminOffice();
    const r = o.rpc(LEAD, 'notify.rules.list', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden');
  });

  it('refuses a rule the engine could not use, per field', () => {
    const o = adminOffice();
    const bad = o.rpc(OWNER, 'notify.rules.save', {
      rule: { id: 'x1', enabled: true, when: 'trigger_failure', minutes: null, who: 'employee', how: 'telegram', quiet_from: '', quiet_to: '', once_per_minutes: null, note: '' },
      request_id: rid(),
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('bad_request');
      expect((bad.error.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['rule.who']);
    }
    const noN = o.rpc(OWNER, 'notify.rules.save', {
      rule: { id: 'x2', enabled: true, when: 'break_over', minutes: null, who: 'lead_chat', how: 'telegram', quiet_from: '22:00', quiet_to: '', once_per_minutes: null, note: '' },
      request_id: rid(),
    });
    expect(noN.ok).toBe(false);
    if (!noN.ok) expect((noN.error.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['rule.quiet_to']);
  });

  it('adds a rule, edits it with its version, refuses a stale version and a taken id; a retry writes once', () => {
    const o = adminOffice();
    const rule: NotifyRuleRecord = { id: 'late-admins', enabled: true, when: 'violation:late_start', minutes: null, who: 'admins', how: 'email', quiet_from: '22:00', quiet_to: '08:00', once_per_minutes: 60, note: 'для руководства' };
    const request_id = rid();
    const added = o.ok(OWNER, 'notify.rules.save', { rule, request_id });
    expect(added.created).toBe(true);
    expect(o.ok(OWNER, 'notify.rules.save', { rule, request_id }).created).toBe(false);
    expect(o.rows('Audit').filter((a) => a.request_id === request_id)).toHaveLength(1);
    const taken = o.rpc(OWNER, 'notify.rules.save', { rule: { ...rule, note: 'x' }, request_id: rid() });
    expect(!taken.ok && taken.error.code).toBe('conflict');
    const saved = o.ok(OWNER, 'notify.rules.save', { rule: { ...rule, enabled: false }, version: added.record.version, request_id: rid() });
    expect(saved.record.enabled).toBe(false);
    const stale = o.rpc(OWNER, 'notify.rules.save', { rule: { ...rule, once_per_minutes: 5 }, version: added.record.version, request_id: rid() });
    expect(!stale.ok && stale.error.code).toBe('conflict');
    expect(rulesOf(o).filter((r) => r.id === 'late-admins')).toHaveLength(1);
    expect(o.rows('Audit').filter((a) => String(a.action).startsWith('notify.rules.')).map((a) => a.action)).toEqual(['notify.rules.add', 'notify.rules.save']);
  });

  it('a save cut after any service call and sent again leaves one row and one Audit row', () => {
    const request_id = rid();
    const rule: NotifyRuleRecord = { ...DEFAULT_NOTIFY_RULES[0], who: 'admins' };
    // Every fresh office holds the same default row, so the same version.
    const first = ruleOf(adminOffice(), rule.id).version;
    let version = '';
    const cuts = cutEverywhere(
      'notify.rules.save',
      { rule, request_id, version: first },
      (o) => {
        const rows = rulesOf(o);
        expect(rows.filter((r) => r.id === rule.id)).toHaveLength(1);
        expect(rows.find((r) => r.id === rule.id)!.who).toBe('admins');
        expect(o.rows('Audit').filter((a) => a.request_id === request_id)).toHaveLength(1);
      },
      (o) => {
        version = ruleOf(o, rule.id).version;
      },
    );
    expect(version).toBe(first);
    expect(cuts).toBeGreaterThan(3);
  });
});

describe('a rule edited in the console changes who gets the next alert', () => {
  it('default rules: the overrun goes to the lead chat, the nudges to Anna, as before the rules', () => {
    const o = floorOffice();
    linkChats(o);
    annaOnBreak(o);
    o.moveTo(at('11:10'));
    o.check();
    o.moveTo(at('11:18'));
    o.check();
    o.moveTo(at('11:23'));
    o.check();
    const alerts = overrunAlerts(o);
    expect(alerts.map((a) => a.target)).toEqual([LEAD_CHAT]);
    expect(String(alerts[0].alert_id)).toMatch(/^L-/);
    const nudges = o.rows('Outbox').filter((a) => a.kind === 'nudge');
    expect(nudges.map((a) => a.target)).toEqual([ANNA_CHAT, ANNA_CHAT]);
    expect(nudges.every((a) => /^N-/.test(String(a.alert_id)))).toBe(true);
  });

  it('violations to admins instead of the lead chat: the next overrun reaches the admin, not the lead chat', () => {
    const o = floorOffice();
    linkChats(o);
    annaOnBreak(o);
    edit(o, 'violations-lead-chat', { who: 'admins' });
    o.moveTo(at('11:18'));
    o.check();
    const alerts = overrunAlerts(o);
    expect(alerts.map((a) => a.target)).toEqual([ADMIN_CHAT]);
    expect(String(alerts[0].alert_id)).toMatch(/^W-/);
    // The Violations row names the alert that went out, so a cut run's alert is found again.
    const v = o.rows('Violations').find((r) => r.employee_id === 'e001' && r.type === 'break_overrun')!;
    expect(v.alert_id).toBe(alerts[0].alert_id);
    // The lead chat got the late starts of the morning, under the default rule; nothing since the edit.
    expect(o.rows('Outbox').some((a) => a.target === LEAD_CHAT && (a.created_at as Date).getTime() >= at('11:18'))).toBe(false);
  });

  it('by e-mail: the alert is an Outbox row to mailto:, sent by checkBreaks through MailApp, never handed to the bot', () => {
    const o = floorOffice();
    linkChats(o);
    annaOnBreak(o);
    edit(o, 'violations-lead-chat', { who: 'admins', how: 'email' });
    o.moveTo(at('11:18'));
    const mailed: Alert[] = [];
    o.world.newExecution();
    runCheckBreaks(Date.now(), { sendMail: (alerts) => (mailed.push(...alerts), alerts.map((a) => ({ alert_id: a.alert_id, delivered: true }))) });
    o.world.newExecution();
    expect(mailed.map((a) => a.chat_id)).toEqual(['mailto:olga.smirnova@example.com']);
    expect(mailed[0].text).toContain('Анна Иванова');
    const row = o.rows('Outbox').find((a) => a.alert_id === mailed[0].alert_id)!;
    expect(row.status).toBe('sent');
    // The bot's pull never sees it.
    expect(o.rows('Outbox').filter((a) => String(a.target).startsWith('mailto:'))).toHaveLength(1);
  });

  it('quiet hours hold the alert until they end; once-per lets one alert a person through per period', () => {
    const o = floorOffice();
    linkChats(o);
    annaOnBreak(o);
    edit(o, 'violations-lead-chat', { quiet_from: '11:15', quiet_to: '12:30', once_per_minutes: 240 });
    o.moveTo(at('11:18'));
    o.check();
    const [held] = overrunAlerts(o);
    expect(held.target).toBe(LEAD_CHAT);
    expect(held.status).toBe('pending');
    expect((held.next_try_at as Date).getTime()).toBe(at('12:30'));
    // She comes back and takes another break at once: outside its window (16:00), within the 4 hours: not alerted.
    o.moveTo(at('11:30'));
    o.sync('e001', [{ status: 'work', at: at('11:30') }]);
    o.moveTo(at('11:40'));
    o.sync('e001', [{ status: 'break', at: at('11:40') }]);
    o.moveTo(at('11:42'));
    o.check();
    const annaRows = o.rows('Violations').filter((r) => r.employee_id === 'e001');
    expect(annaRows.map((r) => r.type)).toEqual(['break_overrun', 'break_outside_window']);
    const annaAlerts = o.rows('Outbox').filter((a) => String(a.text).includes('Анна Иванова'));
    expect(annaAlerts).toHaveLength(1);
  });
});
