// The weekly summary: on the first run on or after Monday, every group's lead chat (Outbox) and every lead (mail)
// gets last week's KPIs and top issues, once, whatever run is cut wherever; the other days' runs send nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { at, floorOffice, playAndConsolidate, restoreClock, type FloorOffice } from './floor-office.ts';
import { LEAD } from './helpers.ts';
import { runWeeklySummary } from '../../appsscript/src/gas/bot-wiring.ts';
import { lastWeek } from '../../appsscript/src/domain/reports/weekly.ts';
import { cutAtEveryCall } from '../cut/harness.ts';
import { wantedTriggers } from '../../appsscript/src/gas/triggers.ts';

afterEach(restoreClock);

const MONDAY = '2026-11-30';
const CHAT = '-100777';

/** Tuesday 2026-11-24 played (Анна over her break, James without lunch), consolidated; support-l1 has a chat. */
function week(): FloorOffice {
  const o = floorOffice();
  o.world.newExecution();
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Groups')!.getRange(2, 3).setValues([[`'${CHAT}`]]);
  playAndConsolidate(o, [
    ['09:00', 'e004', 'work'], ['09:12', 'e001', 'work'], ['11:00', 'e001', 'break'], ['11:21', 'e001', 'work'], ['18:00', 'e001', 'offline'], ['18:00', 'e004', 'offline'],
  ]);
  o.moveTo(at('08:00', MONDAY));
  return o;
}

const weekly = (o: FloorOffice) => o.rows('Outbox').filter((r) => String(r.alert_id).startsWith('weekly-'));

describe('the weekly summary', () => {
  it('takes the Monday-to-Sunday week before today', () => {
    expect(lastWeek('2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(lastWeek('2026-12-06')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(lastWeek('2026-12-07')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  });

  it("sends each group's chat and each lead last week's figures, once", () => {
    const o = week();
    const report = runWeeklySummary(Date.now());
    const alerts = weekly(o);
    // Every group with a chat gets one (the demo's other groups have theirs).
    expect(report).toMatchObject({ week: { from: '2026-11-23', to: '2026-11-29' }, done_before: false, telegram: alerts.length });
    expect(new Set(alerts.map((a) => a.alert_id)).size).toBe(alerts.length);
    expect(alerts.filter((a) => a.target === CHAT).map((a) => [a.alert_id, a.kind])).toEqual([['weekly-2026-11-23-support-l1', 'report']]);
    const text = String(alerts.find((a) => a.target === CHAT)?.text);
    expect(text).toContain('Итоги недели 2026-11-23 – 2026-11-29, группа support-l1');
    expect(text).toContain('Week 2026-11-23 – 2026-11-29, group support-l1');
    // Анна 09:12-11:00 and 11:21-18:00 (507 min), James 09:00-18:00 (540 min): 1,047 min = 17.5 h.
    expect(text).toContain('Worked 17.5 h');
    expect(text).toContain('Most over their breaks: Анна Иванова (1, 4 min)');
    const mails = o.world.deps.mailbox.filter((m) => m.subject.includes('итоги недели') || m.subject.includes('week'));
    expect(mails.some((m) => m.to === LEAD && m.body.includes('Отработано 17,5 ч'))).toBe(true);
    const mailed = mails.length;
    expect(mailed).toBe(report.mail);

    o.moveTo(at('08:00', '2026-12-01'));
    expect(runWeeklySummary(Date.now())).toMatchObject({ done_before: true, telegram: 0, mail: 0 });
    expect(weekly(o)).toHaveLength(alerts.length);
    expect(o.world.deps.mailbox.length).toBe(mailed);
  });

  it('is installed with the other triggers, daily in the morning', () => {
    const { specs } = wantedTriggers(new Map(), 'Europe/Moscow');
    expect(specs).toContainEqual({ handler: 'weeklySummary', every: 'day', hour: 8, timeZone: 'Europe/Moscow' });
  });

  it('never doubles a chat message and mails each lead at least once, cut anywhere', () => {
    const tried = cutAtEveryCall({
      build: () => week(),
      run: () => runWeeklySummary(Date.now()),
      retry: () => runWeeklySummary(Date.now()),
      check: (o, cut) => {
        const ids = weekly(o).map((a) => a.alert_id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toContain('weekly-2026-11-23-support-l1');
        const perLead = new Map<string, number>();
        for (const m of o.world.deps.mailbox) perLead.set(m.to, (perLead.get(m.to) ?? 0) + 1);
        for (const [to, n] of perLead) {
          // A cut between a send and its note sends that one mail again; any other cut sends each once.
          expect(n, `${to} after a cut after call ${cut.after}`).toBeGreaterThanOrEqual(1);
          expect(n, `${to} after a cut after call ${cut.after}`).toBeLessThanOrEqual(2);
        }
        expect([...perLead.values()].filter((n) => n === 2).length).toBeLessThanOrEqual(1);
        expect(o.rows('Settings').find((r) => r.key === 'weekly.sent')?.value).toBe('2026-11-23');
      },
    });
    expect(tried).toBeGreaterThan(5);
  });
});
