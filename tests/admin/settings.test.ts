// Settings through adminRpc, as the Settings sidebar calls it: the Settings tab's keys, the spreadsheet's time
// zone, secrets that are set but never shown, triggers re-installed when their schedule moves, conflicts, the
// Audit row once, cut-safety across the three stores a save touches, and cost.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { installTriggersNow } from '../../appsscript/src/gas/triggers.ts';
import type { ProjectData, TriggerRecord } from '../../emulator/project-state.ts';
import { adminOffice, LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { costOf, cutEverywhere, expectWithinBudget, growLog, SHEET_CALL_BUDGET } from './budget.ts';

let office: AdminOffice;
beforeEach(() => {
  office = adminOffice();
});

const settingsTab = (o: AdminOffice) => new Map(o.rows('Settings').map((r) => [String(r.key), String(r.value)]));

function property(o: AdminOffice, name: string): string | null {
  o.world.newExecution({ activeUser: OWNER });
  return PropertiesService.getScriptProperties().getProperty(name);
}

function zone(o: AdminOffice): string {
  o.world.newExecution({ activeUser: OWNER });
  return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
}

function triggers(o: AdminOffice): Record<string, TriggerRecord> {
  const data = JSON.parse(readFileSync(join(o.world.deps.dataDir, 'project.json'), 'utf8')) as ProjectData;
  return Object.fromEntries(data.triggers.map((t) => [t.handler, t]));
}

function installTriggers(o: AdminOffice): void {
  o.world.newExecution({ activeUser: OWNER });
  installTriggersNow();
}

describe('settings.get', () => {
  it('gives the keys (blank when unset), the time zone, whether each secret is set, and a version', () => {
    const r = office.ok(OWNER, 'settings.get', {});
    expect(r).toMatchObject({
      values: { check_interval_minutes: '', retention_days: '', bot_url: '', alert_chat_id: '' },
      time_zone: 'Europe/Moscow',
      secrets: { TELEGRAM_BOT_TOKEN: false, BOT_SHARED_SECRET: false },
    });
    expect(r.version).toMatch(/^[0-9a-f]{8}$/);
  });

  it('is for admins only, reading and saving', () => {
    for (const reply of [office.rpc(LEAD, 'settings.get', {}), office.rpc(LEAD, 'settings.save', { values: { retention_days: '1' }, request_id: rid() })]) {
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('forbidden');
    }
    expect(settingsTab(office).get('retention_days')).toBeUndefined();
  });
});

describe('settings.save', () => {
  it('writes the keys given, audits the change once when the same save is retried', () => {
    const { version } = office.ok(OWNER, 'settings.get', {});
    const request_id = rid();
    const payload = { values: { retention_days: '60', bot_url: 'http://127.0.0.1:8081' }, version, request_id };
    const saved = office.ok(OWNER, 'settings.save', payload);
    expect(saved.values).toMatchObject({ retention_days: '60', bot_url: 'http://127.0.0.1:8081', check_interval_minutes: '' });
    expect(saved.version).not.toBe(version);
    const again = office.ok(OWNER, 'settings.save', payload);
    expect(again.version).toBe(saved.version);
    expect([settingsTab(office).get('retention_days'), settingsTab(office).get('bot_url')]).toEqual(['60', 'http://127.0.0.1:8081']);
    const audit = office.rows('Audit').filter((r) => r.request_id === request_id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: OWNER, action: 'settings.save', target: 'settings' });
    expect(JSON.parse(String(audit[0].before))).toEqual({ retention_days: '', bot_url: '' });
    expect(JSON.parse(String(audit[0].after))).toEqual({ retention_days: '60', bot_url: 'http://127.0.0.1:8081' });
  });

  it('sets a secret without ever giving it back or writing it to the Audit', () => {
    const secret = 'top-secret-value-123';
    const saved = office.ok(OWNER, 'settings.save', { values: {}, secrets: { BOT_SHARED_SECRET: secret, TELEGRAM_BOT_TOKEN: '' }, request_id: rid() });
    expect(saved.secrets).toEqual({ BOT_SHARED_SECRET: true, TELEGRAM_BOT_TOKEN: false });
    expect(JSON.stringify(saved)).not.toContain(secret);
    expect(JSON.stringify(office.ok(OWNER, 'settings.get', {}))).not.toContain(secret);
    expect(property(office, 'BOT_SHARED_SECRET')).toBe(secret);
    const audit = office.rows('Audit');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(String(audit[0].after))).toEqual({ secrets: { BOT_SHARED_SECRET: 'replaced' } });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('re-installs the triggers when the check interval changes, and not otherwise', () => {
    installTriggers(office);
    const before = triggers(office);
    office.ok(OWNER, 'settings.save', { values: { retention_days: '30' }, request_id: rid() });
    expect(triggers(office)).toEqual(before);
    office.ok(OWNER, 'settings.save', { values: { check_interval_minutes: '15' }, request_id: rid() });
    const after = triggers(office);
    expect(after.checkBreaks.schedule).toEqual({ kind: 'minutes', every: 15 });
    expect(after.checkBreaks.id).not.toBe(before.checkBreaks.id);
    expect(after.dailyRollover).toEqual(before.dailyRollover);
  });

  it('changes the spreadsheet\'s time zone, and the daily triggers follow it', () => {
    installTriggers(office);
    const saved = office.ok(OWNER, 'settings.save', { values: {}, time_zone: 'Asia/Yekaterinburg', request_id: rid() });
    expect(saved.time_zone).toBe('Asia/Yekaterinburg');
    expect(zone(office)).toBe('Asia/Yekaterinburg');
    expect(triggers(office).dailyRollover.timeZone).toBe('Asia/Yekaterinburg');
    expect(JSON.parse(String(office.rows('Audit')[0].after))).toEqual({ time_zone: 'Asia/Yekaterinburg' });
  });

  it('says which fields are wrong, a zone Sheets does not know included', () => {
    const r = office.rpc(OWNER, 'settings.save', { values: { check_interval_minutes: '7' as '5', bot_url: 'ftp://bot', retention_days: 'ten' }, request_id: rid() });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      const fields = (r.error.details?.fields as { field: string }[]).map((f) => f.field);
      expect(fields).toEqual(['values.check_interval_minutes', 'values.retention_days', 'values.bot_url']);
    }
    const z = office.rpc(OWNER, 'settings.save', { values: { retention_days: '77' }, time_zone: 'Mars/Olympus_Mons', request_id: rid() });
    expect(z.ok).toBe(false);
    if (!z.ok) expect(z.error).toMatchObject({ code: 'bad_request', details: { fields: [{ field: 'time_zone' }] } });
    // Refused before anything else was changed.
    expect(zone(office)).toBe('Europe/Moscow');
    expect(settingsTab(office).get('retention_days')).toBeUndefined();
  });

  it('refuses a save made from a stale read, with the settings as they are now', () => {
    const { version } = office.ok(OWNER, 'settings.get', {});
    office.ok(OWNER, 'settings.save', { values: { retention_days: '90' }, version, request_id: rid() });
    const late = office.rpc(OWNER, 'settings.save', { values: { bot_url: 'http://127.0.0.1:9' }, version, request_id: rid() });
    expect(late.ok).toBe(false);
    if (!late.ok) {
      expect(late.error.code).toBe('conflict');
      expect((late.error.details?.current as { values: Record<string, string> }).values.retention_days).toBe('90');
    }
    expect(settingsTab(office).get('bot_url')).toBeUndefined();
  });

  it('cut after any service call and retried: the keys, the zone, the secret and the triggers once, one Audit row', () => {
    const request_id = rid();
    const payload = {
      values: { check_interval_minutes: '10' as const, retention_days: '45' },
      time_zone: 'Asia/Yekaterinburg',
      secrets: { TELEGRAM_BOT_TOKEN: '123:abc' },
      version: adminOffice().ok(OWNER, 'settings.get', {}).version,
      request_id,
    };
    const cuts = cutEverywhere(
      'settings.save',
      payload,
      (o) => {
        expect([settingsTab(o).get('check_interval_minutes'), settingsTab(o).get('retention_days')]).toEqual(['10', '45']);
        expect(zone(o)).toBe('Asia/Yekaterinburg');
        expect(property(o, 'TELEGRAM_BOT_TOKEN')).toBe('123:abc');
        const t = triggers(o);
        expect(Object.keys(t).sort()).toEqual(['archive', 'checkBreaks', 'dailyRollover', 'weeklySummary']);
        expect(t.checkBreaks.schedule).toEqual({ kind: 'minutes', every: 10 });
        expect(t.archive.timeZone).toBe('Asia/Yekaterinburg');
        expect(o.rows('Audit').filter((r) => r.request_id === request_id)).toHaveLength(1);
      },
    );
    expect(cuts).toBeGreaterThan(10);
  });
});

describe('cost', () => {
  it('settings.get and settings.save stay within 6 sheet calls and never read Log', () => {
    expectWithinBudget('settings.get', () => ({}));
    const keys = rid();
    expectWithinBudget('settings.save', () => ({ values: { check_interval_minutes: '15' as const, retention_days: '40' }, request_id: keys }), installTriggers);
    // A zone change is only allowed while Log is empty (see below), so it is measured there alone.
    const o = adminOffice();
    installTriggers(o);
    const zoneOnly = costOf(o, 'settings.save', { values: {}, time_zone: 'Asia/Yekaterinburg', request_id: rid() });
    expect(zoneOnly.ok).toBe(true);
    expect(zoneOnly.sheetCalls).toBeLessThanOrEqual(SHEET_CALL_BUDGET);
  });

  it('refuses a time zone change once statuses are recorded: it would move every recorded time', () => {
    const o = adminOffice();
    growLog(o, 1);
    const before = o.rows('Settings');
    const r = o.rpc(OWNER, 'settings.save', { values: { retention_days: '40' }, time_zone: 'Asia/Yekaterinburg', request_id: rid() });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      expect((r.error.details?.fields as { field: string }[])[0].field).toBe('time_zone');
    }
    expect(o.rows('Settings')).toEqual(before);
    expect(o.ok(OWNER, 'settings.get', {}).time_zone).toBe('Europe/Moscow');
  });

  it('stays within the budget when the keys and the zone change together: three stores, each written once', () => {
    const o = adminOffice();
    installTriggers(o);
    const cost = costOf(o, 'settings.save', { values: { retention_days: '40' }, time_zone: 'Asia/Yekaterinburg', request_id: rid() });
    expect(cost.ok).toBe(true);
    expect(cost.sheetCalls).toBeLessThanOrEqual(SHEET_CALL_BUDGET);
  });
});
