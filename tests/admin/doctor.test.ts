// The doctor through adminRpc: each check's state and the fix it names, for a workbook as the demo sets it
// up and for each thing that can go wrong; the bot's test message judged from what the push answered.
import { beforeEach, describe, expect, it } from 'vitest';
import { adminDeps } from '../../appsscript/src/gas/admin-wiring.ts';
import { guardedTrigger } from '../../appsscript/src/gas/bot-wiring.ts';
import { TRIGGER_RUN_PROPERTY_PREFIX } from '../../appsscript/src/gas/doctor-facts.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { installTriggersNow } from '../../appsscript/src/gas/triggers.ts';
import { runDoctor, type DoctorFacts } from '../../appsscript/src/services/admin/doctor.ts';
import { encodeRecord } from '../../appsscript/src/store/records.ts';
import { TABS, TAB_ORDER } from '../../appsscript/src/store/schema.ts';
import type { DoctorCheck } from '../../common/admin-api.ts';
import { adminOffice, LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { invalidateReferenceCache } from '../../appsscript/src/gas/reference-cache.ts';
import { expectWithinBudget } from './budget.ts';

let office: AdminOffice;
beforeEach(() => {
  office = adminOffice();
});

const byId = (checks: DoctorCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c]));
const doctor = (o: AdminOffice, payload: { test_chat_id?: string } = {}) => byId(o.ok(OWNER, 'doctor.run', payload).checks);

function asOwner<T>(o: AdminOffice, work: () => T): T {
  o.world.newExecution({ activeUser: OWNER });
  return work();
}

function appendRow(o: AdminOffice, tab: 'Employees' | 'Rules', record: Record<string, unknown>): void {
  asOwner(o, () => {
    const port = gasSheetPort();
    port.writeRows(tab, port.lastRow(tab) + 1, [encodeRecord(TABS[tab], record)]);
  });
}

describe('doctor.run on the demo workbook', () => {
  it('finds the tabs right, the triggers missing, the bot unconfigured, and every row usable', () => {
    const c = doctor(office);
    expect(c.schema).toMatchObject({ state: 'ok', detail: { en: `All ${TAB_ORDER.length} tabs are at their versions` } });
    expect(c.triggers).toMatchObject({ state: 'fail', fix: { action: 'installTriggersFromMenu' } });
    expect(c.triggers.detail.en).toContain('checkBreaks: not installed');
    expect(c['trigger_run.checkBreaks']).toMatchObject({ state: 'warn', fix: { action: 'installTriggersFromMenu' } });
    expect(c.web_app).toMatchObject({ state: 'ok', detail: { en: 'http://127.0.0.1:8080/exec' } });
    expect(c.bot).toMatchObject({ state: 'fail', fix: { screen: 'Settings' } });
    expect(c.bot_test).toBeUndefined();
    expect(c.mail_quota.state).toBe('ok');
    expect(c.mail_quota.detail.en).toMatch(/^\d+ emails left$/);
    expect(c.rows).toMatchObject({ state: 'ok' });
    // Every check speaks both languages.
    for (const check of Object.values(c)) {
      expect(check.title.ru).not.toBe('');
      expect(check.detail.ru).not.toBe('');
    }
  });

  it('is for admins only', () => {
    const r = office.rpc(LEAD, 'doctor.run', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden');
  });
});

describe('triggers', () => {
  it('shows them installed on their schedule, with the last run each one recorded', () => {
    asOwner(office, () => installTriggersNow());
    asOwner(office, () => guardedTrigger('checkBreaks', Date.now(), () => 'fine'));
    asOwner(office, () => {
      try {
        guardedTrigger('dailyRollover', Date.now(), () => {
          throw new Error('The tab "Current" is damaged');
        });
      } catch {
        // the trigger's own error, thrown on as Apps Script would record it
      }
    });
    const c = doctor(office);
    expect(c.triggers).toMatchObject({ state: 'ok' });
    expect(c.triggers.detail.en).toBe('checkBreaks: every 5 min; dailyRollover: daily 03:00 Europe/Moscow; archive: daily 04:00 Europe/Moscow; weeklySummary: daily 08:00 Europe/Moscow');
    expect(c.triggers.detail.ru).toBe('checkBreaks: каждые 5 мин; dailyRollover: ежедневно в 03:00 (Europe/Moscow); archive: ежедневно в 04:00 (Europe/Moscow); weeklySummary: ежедневно в 08:00 (Europe/Moscow)');
    expect(c['trigger_run.checkBreaks']).toMatchObject({ state: 'ok', detail: { en: 'Ran just now' } });
    expect(c['trigger_run.dailyRollover']).toMatchObject({ state: 'fail' });
    expect(c['trigger_run.dailyRollover'].detail.en).toContain('The tab "Current" is damaged');
    expect(c['trigger_run.archive']).toMatchObject({ state: 'warn', detail: { en: expect.stringContaining('has not run yet') } });
  });

  it('calls a run overdue when its trigger has been quiet for more than twice its period', () => {
    asOwner(office, () => installTriggersNow());
    asOwner(office, () =>
      PropertiesService.getScriptProperties().setProperty(`${TRIGGER_RUN_PROPERTY_PREFIX}checkBreaks`, JSON.stringify({ at: Date.now() - 3 * 3600_000, ok: true })),
    );
    const c = doctor(office);
    expect(c['trigger_run.checkBreaks']).toMatchObject({ state: 'warn', detail: { en: 'Last ran 3 h ago, but it should run every 5 min' }, fix: { action: 'installTriggersFromMenu' } });
  });

  it('sees a trigger whose schedule no longer matches the settings', () => {
    asOwner(office, () => installTriggersNow());
    office.ok(OWNER, 'settings.save', { values: { retention_days: '30' }, request_id: rid() });
    asOwner(office, () => {
      const port = gasSheetPort();
      // Typed into the Settings tab by hand: no re-install happened.
      port.writeRows('Settings', port.lastRow('Settings') + 1, [["'check_interval_minutes", "'15"]]);
    });
    const c = doctor(office);
    expect(c.triggers).toMatchObject({ state: 'fail', detail: { en: 'checkBreaks: not on its schedule (every 15 min)' }, fix: { action: 'installTriggersFromMenu' } });
  });
});

describe('tabs and rows', () => {
  it('names a missing tab and an old version, fixed by Set up', () => {
    asOwner(office, () => {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      ss.deleteSheet(ss.getSheetByName('Neutral')!);
    });
    asOwner(office, () => {
      const port = gasSheetPort();
      const rows = port.readRows('Settings', 2, port.lastRow('Settings') - 1, 2).map((r) => (r[0] === 'schema.Statuses' ? ["'schema.Statuses", "'1"] : r.map((x) => (typeof x === 'string' && x !== '' ? `'${x}` : x))));
      port.writeRows('Settings', 2, rows);
    });
    const c = doctor(office);
    expect(c.schema).toMatchObject({ state: 'fail', detail: { en: 'Statuses: v1, v2 expected; Neutral: missing' }, fix: { action: 'setupFromMenu' } });
  });

  it('lists the rows with problems per tab, each with the screen that fixes them', () => {
    appendRow(office, 'Employees', { id: 'e900', email: 'ghost@example.com', name: 'Ghost', group: 'nowhere', role: 'employee', active: true });
    appendRow(office, 'Rules', { rule_set: 'support', status: 'smoke', max_per_shift: 1, grace_minutes: 0, window_tolerance_minutes: 0 });
    const c = doctor(office);
    expect(c.rows).toBeUndefined();
    expect(c['rows.Employees']).toMatchObject({ state: 'warn', fix: { screen: 'People' } });
    expect(c['rows.Employees'].detail.en).toBe('row 32, group: group "nowhere" is not in Groups (the employee is kept)');
    expect(c['rows.Employees'].detail.ru).toBe('строка 32, group: группы «nowhere» нет во вкладке Groups (сотрудник учитывается)');
    expect(c['rows.Rules']).toMatchObject({ state: 'warn', fix: { screen: 'Rules' } });
  });

  it('lists the shifts around today that cannot be used, as the reference cache holds them', () => {
    // adminRpc runs at this process's clock: today in Moscow (UTC+3 all year).
    const today = new Date(Date.now() + 3 * 3600_000).toISOString().slice(0, 10);
    asOwner(office, () => {
      const port = gasSheetPort();
      port.writeRows('Schedule', port.lastRow('Schedule') + 1, [encodeRecord(TABS.Schedule, { date: today, employee_id: 'e999', shift_start: '09:00', shift_end: '18:00', breaks: '' })]);
      invalidateReferenceCache(); // what Sheets' onEdit does after a hand edit
    });
    const c = doctor(office);
    expect(c['rows.Schedule']).toMatchObject({ state: 'warn', fix: { en: 'Correct the rows in the Schedule tab' } });
    expect(c['rows.Schedule'].detail.en).toMatch(/^row \d+, employee_id: employee "e999" is not in Employees; the shift is ignored$/);
  });

  it('says a tab it cannot read at all needs Set up', () => {
    asOwner(office, () => {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      ss.deleteSheet(ss.getSheetByName('Groups')!);
    });
    const c = doctor(office);
    expect(c['rows.Groups']).toMatchObject({ state: 'fail', fix: { action: 'setupFromMenu' } });
    expect(c['rows.Groups'].detail.en).toContain('The tab "Groups" is missing');
    expect(c['rows.Schedule']).toBeUndefined();
  });
});

describe('the bot', () => {
  it('tries the test message through the alerts\' push and reports why it did not arrive', () => {
    office.ok(OWNER, 'settings.save', { values: {}, secrets: { BOT_SHARED_SECRET: 's3cret' }, request_id: rid() });
    const noUrl = doctor(office, { test_chat_id: '-1001' });
    expect(noUrl.bot).toMatchObject({ state: 'ok', detail: { en: expect.stringContaining('pulls alerts') } });
    expect(noUrl.bot_test).toMatchObject({ state: 'fail', title: { en: 'Test message to chat -1001' }, fix: { screen: 'Settings' } });
    office.ok(OWNER, 'settings.save', { values: { bot_url: 'http://127.0.0.1:9' }, request_id: rid() });
    // This process answers no fetch: the push finds the bot unreachable, as a wrong bot_url would.
    const unreachable = doctor(office, { test_chat_id: '-1001' });
    expect(unreachable.bot_test.state).toBe('fail');
    expect(unreachable.bot_test.detail.en).toMatch(/^Not delivered: bot unreachable/);
    expect(unreachable.bot_test.fix).toMatchObject({ screen: 'Settings' });
  });

  it('judges what the push answered: delivered, or refused by Telegram (the token or the chat)', () => {
    const facts = (test: DoctorFacts['bot']['test']): DoctorFacts => ({
      triggers: { wanted: [], installed: [], made: {}, runs: {} },
      webAppUrl: null,
      mailQuota: 0,
      bot: { url: 'http://127.0.0.1:8081', secretSet: true, test },
    });
    const run = (test: DoctorFacts['bot']['test']) =>
      asOwner(office, () => {
        const deps = adminDeps({ email: OWNER, role: 'admin', groups: [], employee: null }, Date.now());
        return byId(runDoctor({ ...deps, port: deps.port, doctorFacts: () => facts(test) }, { test_chat_id: '-1001' }).checks);
      });
    const delivered = run({ chatId: '-1001', delivered: true });
    expect(delivered.bot_test).toMatchObject({ state: 'ok', detail: { en: 'Delivered: the bot is reachable and its token works' } });
    expect(delivered.web_app).toMatchObject({ state: 'fail', fix: { en: expect.stringContaining('Web app') } });
    expect(delivered.mail_quota.state).toBe('fail');
    const refused = run({ chatId: '-1001', delivered: false, error: '401: Unauthorized' });
    expect(refused.bot_test).toMatchObject({ state: 'fail', detail: { en: 'Not delivered: 401: Unauthorized' }, fix: { en: expect.stringContaining('TELEGRAM_BOT_TOKEN') } });
  });
});

describe('cost', () => {
  it('stays within 6 sheet calls and never reads Log', () => {
    expectWithinBudget('doctor.run', () => ({}));
  });
});
