// The service alerts (issue 13) through the real checkBreaks in the demo office: a device's backlog reported
// with its sync, a trigger that stopped, quotas running low, the bot unreachable; each once to the admins
// by the default rules, and shown by the Doctor. The same world cut at every service call: tests/cut/service-alerts.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiHandlers } from '../../appsscript/src/gas/api-wiring.ts';
import { runCheckBreaks, runServiceAlerts } from '../../appsscript/src/gas/bot-wiring.ts';
import { recordingSender, BOT_PUSH_PROPERTY } from '../../appsscript/src/gas/service-facts.ts';
import { scriptJsonCache } from '../../appsscript/src/gas/cache-store.ts';
import { tokenSigningKey } from '../../appsscript/src/gas/secrets.ts';
import { hmacSha256 } from '../../appsscript/src/gas/crypto.ts';
import { signToken } from '../../appsscript/src/domain/token.ts';
import { BOT_PULL_CACHE_KEY } from '../../appsscript/src/domain/service-alerts.ts';
import { SERVICE_STATE_KEY } from '../../appsscript/src/services/service-alerts.ts';
import type { Alert } from '../../common/bot-api.ts';
import { globals } from '../../appsscript/src/main.ts';
import { ADMIN_CHAT, at, fakeBot, MIN, office, type Office } from './helpers.ts';
import { syncStuck } from './service-helpers.ts';

const serviceAlertsOf = (o: Office) => o.rows('Outbox').filter((r) => String(r.alert_id).startsWith('S-'));

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getScriptProperties();
}

describe('sync_backlog: a device whose oldest unsent entry is older than N minutes', () => {
  it('kept per device from its sync (in the same Devices write); one alert to the admin, not again within the once-per', () => {
    const o = office();
    o.moveTo(at('09:06'));
    const reply = syncStuck(o, at('09:06'));
    expect(reply.accepted_through_seq).toBe(0);
    const device = o.rows('Devices').find((d) => d.device_id === 'dev-e001')!;
    expect(device.backlog_count).toBe(2);
    expect((device.backlog_oldest_at as Date).getTime()).toBe(at('09:00'));

    runCheckBreaks(o.moveTo(at('09:20'))); // 20 minutes: under the default 30
    expect(serviceAlertsOf(o)).toHaveLength(0);
    runCheckBreaks(o.moveTo(at('09:31')));
    const alerts = serviceAlertsOf(o);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'admin', target: ADMIN_CHAT, status: 'pending' });
    // The admin is Ольга Смирнова: Russian.
    expect(alerts[0].text).toBe('⚠️ Устройство dev-e001 (Анна Иванова) не может отправить записи: 2 ждут, самая старая — 31 мин.');
    for (const time of ['09:41', '10:30', '12:00']) runCheckBreaks(o.moveTo(at(time)));
    expect(serviceAlertsOf(o)).toHaveLength(1);
    // The default's once-per is 4 hours: the same backlog is told again after that.
    runCheckBreaks(o.moveTo(at('13:32')));
    expect(serviceAlertsOf(o)).toHaveLength(2);
  });

  it('a page that sends everything: the backlog is gone, nothing is alerted', () => {
    const o = office();
    o.moveTo(at('09:06'));
    syncStuck(o, at('09:06'));
    // The page found seq 1 again and sends all three: settled, nothing left.
    const token = signToken({ employeeId: 'e001', deviceId: 'dev-e001', expiresAt: at('09:10') + 3600_000, tokenVersion: 0 }, tokenSigningKey(), hmacSha256);
    apiHandlers(at('09:10')).sync({
      op: 'sync',
      token,
      device_id: 'dev-e001',
      sent_at: at('09:10'),
      entries: [
        { seq: 1, entry_id: 'u-1', status: 'work', at: at('08:58') },
        { seq: 2, entry_id: 'u-2', status: 'work', at: at('09:00') },
        { seq: 3, entry_id: 'u-3', status: 'break', at: at('09:05') },
      ],
      backlog: { count: 3, oldest_at: at('08:58') },
    });
    o.world.newExecution();
    expect(o.rows('Devices').find((d) => d.device_id === 'dev-e001')).toMatchObject({ backlog_count: 0, backlog_oldest_at: '' });
    runCheckBreaks(o.moveTo(at('10:00')));
    expect(serviceAlertsOf(o)).toHaveLength(0);
  });

  it('an older page (no backlog field) still syncs, and is never alerted about', () => {
    const o = office();
    o.moveTo(at('09:06'));
    syncStuck(o, at('09:06'), false);
    expect(o.rows('Devices').find((d) => d.device_id === 'dev-e001')).toMatchObject({ backlog_count: '', backlog_oldest_at: '' });
    o.sync('e004', [{ status: 'work', at: at('09:07') }]);
    runCheckBreaks(o.moveTo(at('10:00')));
    expect(serviceAlertsOf(o)).toHaveLength(0);
  });

  it('costs the sync no extra sheet call', () => {
    const measure = (backlog: boolean) => {
      const o = office();
      o.moveTo(at('09:06'));
      const token = signToken({ employeeId: 'e001', deviceId: 'dev-e001', expiresAt: at('10:00'), tokenVersion: 0 }, tokenSigningKey(), hmacSha256);
      apiHandlers(at('09:06')).sync({ op: 'sync', token, device_id: 'dev-e001', sent_at: at('09:06'), entries: [{ seq: 1, entry_id: 'u-1', status: 'work', at: at('09:00') }], ...(backlog ? { backlog: { count: 1, oldest_at: at('09:00') } } : {}) });
      return o.world.stats();
    };
    const without = measure(false);
    const withIt = measure(true);
    expect(withIt.totalCalls).toBe(without.totalCalls);
    expect(withIt.calls).toEqual(without.calls);
  });
});

describe('trigger_stale: a trigger that has not run for two of its intervals', () => {
  it('checkBreaks tells of the others; the rollover tells of checkBreaks', () => {
    const o = office();
    o.moveTo(at('09:00'));
    props().setProperty('TRIGGER_RUN_dailyRollover', JSON.stringify({ at: at('04:00') - 2 * 24 * 60 * MIN, ok: true }));
    props().setProperty('TRIGGER_RUN_checkBreaks', JSON.stringify({ at: at('08:30'), ok: true }));
    runCheckBreaks(o.moveTo(at('09:00')));
    const first = serviceAlertsOf(o);
    expect(first).toHaveLength(1);
    expect(first[0].text).toContain('Триггер dailyRollover не запускался 53 ч');
    // checkBreaks' own last run is 30 minutes old, but it is running: the rollover's handler tells of it.
    expect(runServiceAlerts(o.moveTo(at('09:05')), 'dailyRollover')).toBe(1);
    const all = serviceAlertsOf(o);
    expect(all).toHaveLength(2);
    expect(all[1].text).toContain('Триггер checkBreaks не запускался 35 мин');
    // Again: nothing new (once-per), and the next checkBreaks writes nothing twice.
    expect(runServiceAlerts(o.moveTo(at('09:20')), 'dailyRollover')).toBe(0);
    runCheckBreaks(o.moveTo(at('09:30')));
    expect(serviceAlertsOf(o)).toHaveLength(2);
  });
});

describe('quota_low', () => {
  it("MailApp's daily quota under 20 left: one alert", () => {
    const o = office();
    o.moveTo(at('09:00'));
    for (let i = 0; i < 85; i++) MailApp.sendEmail(`x${i}@example.com`, 's', 'b');
    o.world.newExecution();
    runCheckBreaks(o.moveTo(at('09:10')));
    const alerts = serviceAlertsOf(o);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].text).toMatch(/Лимит писем на сегодня почти исчерпан: осталось 1[0-5]\./);
    runCheckBreaks(o.moveTo(at('09:30')));
    expect(serviceAlertsOf(o)).toHaveLength(1);
  });

  it("today's trigger time above 80% of the consumer quota: one alert", () => {
    const o = office();
    o.moveTo(at('09:00'));
    props().setProperty('TRIGGER_RUN_checkBreaks', JSON.stringify({ at: at('08:59'), ok: true, ms: 20_000, day: '2026-11-24', day_ms: 75 * MIN }));
    runCheckBreaks(o.moveTo(at('09:00')));
    const alerts = serviceAlertsOf(o);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].text).toContain('Триггеры сегодня работали 75 мин из 90 мин (83%)');
  });
});

describe('bot_unreachable', () => {
  const failing = (alerts: Alert[]) => alerts.map((a) => ({ alert_id: a.alert_id, delivered: false, error: 'bot unreachable: connection refused' }));
  const some: Alert = { alert_id: 'x-1', kind: 'admin', chat_id: '1', text: 't', created_at: 0 };

  it('pushes to bot_url failing for 30 minutes: one e-mail to the admin, sent by checkBreaks; a push that goes through ends it', () => {
    const o = office();
    o.setSetting('bot_url', 'https://bot.example');
    o.moveTo(at('09:00'));
    recordingSender(at('09:00'), failing)([some]);
    expect(JSON.parse(props().getProperty(BOT_PUSH_PROPERTY)!)).toMatchObject({ since: at('09:00') });
    const bot = fakeBot((a) => ({ alert_id: a.alert_id, delivered: false, error: 'bot unreachable: connection refused' }));
    runCheckBreaks(o.moveTo(at('09:20')), { senderFor: bot.senderFor });
    expect(serviceAlertsOf(o)).toHaveLength(0);
    runCheckBreaks(o.moveTo(at('09:31')), { senderFor: bot.senderFor });
    const alerts = serviceAlertsOf(o);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].target).toBe('mailto:olga.smirnova@example.com');
    expect(alerts[0].status).toBe('sent'); // by MailApp, in the same run
    expect(o.world.deps.mailbox.some((m) => String(m.to).includes('olga.smirnova@example.com') && String(m.body).includes('Бот недоступен 31 мин'))).toBe(true);
    recordingSender(at('09:40'), (alerts) => alerts.map((a) => ({ alert_id: a.alert_id, delivered: true })))([some]);
    expect(props().getProperty(BOT_PUSH_PROPERTY)).toBeNull();
  });

  it('no bot_url: no pull seen for 30 minutes after one was seen', () => {
    const o = office();
    o.moveTo(at('09:00'));
    runCheckBreaks(o.moveTo(at('09:05')));
    expect(serviceAlertsOf(o)).toHaveLength(0); // a bot never seen is the Doctor's to say
    scriptJsonCache().putAll({ [BOT_PULL_CACHE_KEY]: at('09:10') }, 21600);
    runCheckBreaks(o.moveTo(at('09:20')));
    expect(JSON.parse(o.rows('Settings').find((r) => r.key === SERVICE_STATE_KEY)!.value as string).pull).toBe(at('09:10'));
    // The cache forgets; the state does not.
    scriptJsonCache().removeAll([BOT_PULL_CACHE_KEY]);
    runCheckBreaks(o.moveTo(at('09:41')));
    const alerts = serviceAlertsOf(o);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].target).toBe('mailto:olga.smirnova@example.com');
  });
});

describe('the Doctor shows them', () => {
  type Check = { id: string; state: string; title: { ru: string; en: string }; detail: { ru: string; en: string }; fix?: { ru: string; en: string } };
  // The console's clock is Date.now(): set to the office's.
  beforeEach(() => void vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => void vi.useRealTimers());
  const doctor = (o: Office): Record<string, Check> => {
    vi.setSystemTime(o.world.clock.now());
    o.world.newExecution({ activeUser: 'owner@example.com', kind: 'rpc' });
    const r = globals.adminRpc('doctor.run', {}) as { ok: boolean; checks: Check[] };
    expect(r.ok).toBe(true);
    return Object.fromEntries(r.checks.map((c) => [c.id, c]));
  };

  it('all well: ok, in both languages', () => {
    const o = office();
    scriptJsonCache().putAll({ [BOT_PULL_CACHE_KEY]: at('08:00') }, 21600);
    runCheckBreaks(o.moveTo(at('08:05')));
    const c = doctor(o);
    expect(c.sync_backlog).toMatchObject({ state: 'ok' });
    expect(c.sync_backlog.detail.en).toContain('No device has had an entry waiting 30 min');
    expect(c.trigger_time).toMatchObject({ state: 'ok', detail: { en: '0 of 90 min (0%)', ru: '0 из 90 мин (0%)' } });
    expect(c.bot_reach).toMatchObject({ state: 'ok' });
  });

  it('a backlog, the trigger time near its quota, failing pushes: warn or fail, each with its fix', () => {
    const o = office();
    o.setSetting('bot_url', 'https://bot.example');
    o.moveTo(at('09:06'));
    syncStuck(o, at('09:06'));
    props().setProperty('TRIGGER_RUN_dailyRollover', JSON.stringify({ at: at('04:00'), ok: true, ms: 60_000, day: '2026-11-24', day_ms: 76 * MIN }));
    recordingSender(at('09:00'), (alerts) => alerts.map((a) => ({ alert_id: a.alert_id, delivered: false, error: 'HTTP 502: bad gateway' })))([
      { alert_id: 'x', kind: 'admin', chat_id: '1', text: 't', created_at: 0 },
    ]);
    runCheckBreaks(o.moveTo(at('09:40')), { senderFor: fakeBot().senderFor });
    const c = doctor(o);
    expect(c.sync_backlog).toMatchObject({ state: 'warn' });
    expect(c.sync_backlog.detail.en).toBe('dev-e001 (e001): 2 waiting, the oldest made 40 min ago');
    expect(c.sync_backlog.fix?.ru).toContain('выйти и войти снова');
    expect(c.trigger_time).toMatchObject({ state: 'warn', detail: { en: '76 of 90 min (84%)' } });
    expect(c.trigger_time.fix?.en).toContain('every 5 minutes');
    expect(c.bot_reach).toMatchObject({ state: 'fail', detail: { en: 'Pushes to the bot fail, the first failure 40 min ago: HTTP 502: bad gateway' } });
    expect(c.bot_reach.fix?.en).toContain('bot_url');
    // A push that goes through: reachable again.
    recordingSender(at('09:45'), (alerts) => alerts.map((a) => ({ alert_id: a.alert_id, delivered: true })))([{ alert_id: 'y', kind: 'admin', chat_id: '1', text: 't', created_at: 0 }]);
    o.moveTo(at('09:46'));
    expect(doctor(o).bot_reach.state).toBe('ok');
  });
});
