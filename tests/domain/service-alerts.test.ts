// The service alerts' pure part (domain/service-alerts.ts): the backlog a sync leaves, each check's finding,
// texts in both languages, ids.
import { describe, expect, it } from 'vitest';
import {
  backlogAfter,
  backlogOver,
  backlogText,
  botFinding,
  botText,
  deviceBacklogs,
  quotaDay,
  quotaFindings,
  quotaText,
  serviceAlertId,
  staleTriggers,
  staleTriggerText,
  TRIGGER_QUOTA_MS,
} from '../../appsscript/src/domain/service-alerts.ts';
import type { DeviceRow } from '../../appsscript/src/domain/model.ts';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 24, 9, 0);

describe('backlogAfter: what is left of the queue once the request is settled', () => {
  const entries = [
    { seq: 4, at: NOW - 50 * MIN },
    { seq: 5, at: NOW - 40 * MIN },
    { seq: 6, at: NOW - 30 * MIN },
  ];

  it('everything sent and settled, nothing else queued: no backlog', () => {
    expect(backlogAfter({ count: 3, oldest_at: NOW - 50 * MIN }, entries, 6, NOW, NOW)).toEqual({ count: 0, oldest_at: null });
  });

  it('a gap holds entries back: the oldest unsettled one, moved to the server clock', () => {
    // The client's clock is 10 minutes slow: its times move 10 minutes on.
    expect(backlogAfter({ count: 3, oldest_at: NOW - 50 * MIN }, entries, 3, NOW, NOW - 10 * MIN)).toEqual({ count: 3, oldest_at: NOW - 40 * MIN });
    expect(backlogAfter({ count: 3, oldest_at: NOW - 50 * MIN }, entries, 4, NOW, NOW)).toEqual({ count: 2, oldest_at: NOW - 40 * MIN });
  });

  it('a queue longer than the request: the rest are newer than the newest sent', () => {
    expect(backlogAfter({ count: 600, oldest_at: NOW - 50 * MIN }, entries, 6, NOW, NOW)).toEqual({ count: 597, oldest_at: NOW - 30 * MIN });
  });

  it('a repeated seq counts once; a time ahead of the server is clamped to now', () => {
    expect(backlogAfter({ count: 2, oldest_at: NOW }, [{ seq: 1, at: NOW }, { seq: 1, at: NOW }, { seq: 2, at: NOW + 5 * MIN }], 1, NOW, NOW)).toEqual({ count: 1, oldest_at: NOW });
  });

  it('no entries sent: the reported oldest, corrected', () => {
    expect(backlogAfter({ count: 2, oldest_at: NOW - 20 * MIN }, [], 0, NOW, NOW - MIN)).toEqual({ count: 2, oldest_at: NOW - 19 * MIN });
  });
});

describe('deviceBacklogs and backlogOver', () => {
  const device = (id: string, o: Partial<DeviceRow>): DeviceRow => ({ device_id: id, employee_id: 'e001', last_seq: 1, last_seen: NOW - MIN, last_at: null, ...o });

  it('lists devices still holding entries, oldest first; leaves out the unreported, the empty and the long silent', () => {
    const list = deviceBacklogs(
      [
        device('a', { backlog_count: 2, backlog_oldest_at: NOW - 10 * MIN }),
        device('b', { backlog_count: 5, backlog_oldest_at: NOW - 90 * MIN }),
        device('old-page', {}),
        device('empty', { backlog_count: 0, backlog_oldest_at: null }),
        device('gone', { backlog_count: 1, backlog_oldest_at: NOW - 3 * 24 * 60 * MIN, last_seen: NOW - 2 * 24 * 60 * MIN }),
      ],
      NOW,
    );
    expect(list.map((b) => b.device_id)).toEqual(['b', 'a']);
    expect(backlogOver(list[0], 30, NOW)).toBe(true);
    expect(backlogOver(list[1], 30, NOW)).toBe(false);
    expect(backlogOver(list[1], 10, NOW)).toBe(true);
  });
});

describe('staleTriggers', () => {
  const watch = [
    { handler: 'checkBreaks', everyMs: 5 * MIN, lastAt: NOW - 11 * MIN },
    { handler: 'dailyRollover', everyMs: 24 * 60 * MIN, lastAt: NOW - 30 * 60 * MIN },
    { handler: 'archive', everyMs: 24 * 60 * MIN, lastAt: null },
    { handler: 'weeklySummary', everyMs: 24 * 60 * MIN, lastAt: NOW - 49 * 60 * MIN },
  ];

  it('stale after two intervals; never recorded is the Doctor\'s; the asking trigger is running', () => {
    expect(staleTriggers(watch, NOW).map((t) => t.handler)).toEqual(['checkBreaks', 'weeklySummary']);
    expect(staleTriggers(watch, NOW, 'checkBreaks').map((t) => t.handler)).toEqual(['weeklySummary']);
    expect(staleTriggers([{ handler: 'checkBreaks', everyMs: 5 * MIN, lastAt: NOW - 10 * MIN }], NOW)).toEqual([]);
  });

  it('says which and since when, in both languages', () => {
    const [t] = staleTriggers(watch, NOW);
    expect(staleTriggerText(t, NOW, 'en')).toContain('checkBreaks has not run for 11 min');
    expect(staleTriggerText(t, NOW, 'ru')).toContain('checkBreaks не запускался 11 мин');
  });
});

describe('quotaFindings', () => {
  it('mail under 20 left; trigger time over 80% of the day\'s quota', () => {
    expect(quotaFindings({ mailLeft: 50, triggerMsToday: 60 * MIN, triggerQuotaMs: TRIGGER_QUOTA_MS.consumer })).toEqual([]);
    expect(quotaFindings({ mailLeft: null, triggerMsToday: 0, triggerQuotaMs: TRIGGER_QUOTA_MS.consumer })).toEqual([]);
    const found = quotaFindings({ mailLeft: 5, triggerMsToday: 80 * MIN, triggerQuotaMs: TRIGGER_QUOTA_MS.consumer });
    expect(found).toEqual([{ quota: 'mail', left: 5 }, { quota: 'trigger_time', usedMs: 80 * MIN, quotaMs: 90 * MIN }]);
    expect(quotaText(found[0], 'en')).toContain('5 left');
    expect(quotaText(found[1], 'ru')).toContain('80 мин из 90 мин (89%)');
    // The same 80 minutes are far from Workspace's 6 hours.
    expect(quotaFindings({ mailLeft: 1000, triggerMsToday: 80 * MIN, triggerQuotaMs: TRIGGER_QUOTA_MS.workspace })).toEqual([]);
  });

  it('the quota day is UTC, whatever the zone', () => {
    expect(quotaDay(Date.UTC(2026, 10, 24, 23, 59))).toBe('2026-11-24');
  });
});

describe('botFinding', () => {
  it('with bot_url: pushes failing; without: pulls stopped; nothing seen ever: nothing', () => {
    expect(botFinding({ url: 'https://bot', pushFailSince: null, pushError: '', lastPullAt: null })).toBeNull();
    const push = botFinding({ url: 'https://bot', pushFailSince: NOW - 40 * MIN, pushError: 'HTTP 502: bad gateway', lastPullAt: null });
    expect(push).toEqual({ kind: 'push', since: NOW - 40 * MIN, error: 'HTTP 502: bad gateway' });
    expect(botText(push!, NOW, 'en')).toContain('unreachable for 40 min');
    expect(botFinding({ url: '', pushFailSince: null, pushError: '', lastPullAt: null })).toBeNull();
    const pull = botFinding({ url: '', pushFailSince: null, pushError: '', lastPullAt: NOW - 3 * 60 * MIN });
    expect(botText(pull!, NOW, 'ru')).toContain('не забирал оповещения 3 ч');
  });
});

describe('texts and ids', () => {
  it('the backlog text names the device, the person, how many and how old', () => {
    const b = { device_id: 'dev-e001', employee_id: 'e001', count: 3, oldest_at: NOW - 45 * MIN, name: 'Анна Иванова' };
    expect(backlogText(b, NOW, 'ru')).toBe('⚠️ Устройство dev-e001 (Анна Иванова) не может отправить записи: 3 ждут, самая старая — 45 мин.');
    expect(backlogText(b, NOW, 'en')).toBe('⚠️ Device dev-e001 (Анна Иванова) cannot send its entries: 3 waiting, the oldest for 45 min.');
  });

  it('ids: fixed by rule, subject, episode, previous mark and recipient', () => {
    const id = serviceAlertId('2026-11-24', 'sync-backlog', 'device:a', '123', null, '333');
    expect(id).toMatch(/^S-20261124-/);
    expect(serviceAlertId('2026-11-24', 'sync-backlog', 'device:a', '123', null, '333')).toBe(id);
    expect(serviceAlertId('2026-11-24', 'sync-backlog', 'device:a', '123', NOW, '333')).not.toBe(id);
    expect(serviceAlertId('2026-11-24', 'sync-backlog', 'device:a', '124', null, '333')).not.toBe(id);
    expect(serviceAlertId('2026-11-24', 'sync-backlog', 'device:a', '123', null, '444')).not.toBe(id);
  });
});
