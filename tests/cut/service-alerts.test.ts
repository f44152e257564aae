// The service alerts cut at every service call: checkBreaks with a backlog alert due, and the rollover's own
// run of the checks with a stopped checkBreaks. Retried as the next trigger run would be: the alert is in the
// Outbox once and reaches Telegram once, wherever the run stopped.
import { describe, expect, it } from 'vitest';
import { runCheckBreaks, runServiceAlerts } from '../../appsscript/src/gas/bot-wiring.ts';
import { at, office, type Office } from '../checks/helpers.ts';
import { countedBot, type CountedBot } from '../checks/cut-helpers.ts';
import { syncStuck } from '../checks/service-helpers.ts';
import { cutAtEveryCall } from './harness.ts';

type World = Office & { bot: CountedBot };
const serviceRows = (o: Office) => o.rows('Outbox').filter((r) => String(r.alert_id).startsWith('S-'));

describe('service alerts cut at every service call', () => {
  it('checkBreaks with a device backlog over 30 minutes: one alert, one Telegram message', () => {
    const build = (): World => {
      const o = office();
      o.setSetting('bot_url', 'https://bot.example');
      o.moveTo(at('09:06'));
      syncStuck(o, at('09:06'));
      o.moveTo(at('09:40'));
      return Object.assign(o, { bot: countedBot() });
    };
    const tried = cutAtEveryCall<World>({
      build,
      run: (o) => runCheckBreaks(at('09:40'), { senderFor: o.bot.senderFor }),
      retry: (o) => runCheckBreaks(o.moveTo(at('09:41')), { senderFor: o.bot.senderFor }),
      check: (o) => {
        // One more run pushes whatever a cut left leased or pending.
        runCheckBreaks(o.moveTo(at('09:45')), { senderFor: o.bot.senderFor });
        expect(serviceRows(o)).toHaveLength(1);
        expect(o.bot.telegram.filter((a) => a.alert_id.startsWith('S-'))).toHaveLength(1);
      },
    });
    expect(tried).toBeGreaterThan(20);
  });

  it("the rollover's run of the checks, checkBreaks stopped: one alert", () => {
    const build = (): Office => {
      const o = office();
      o.moveTo(at('09:00'));
      PropertiesService.getScriptProperties().setProperty('TRIGGER_RUN_checkBreaks', JSON.stringify({ at: at('08:30'), ok: true }));
      o.world.newExecution();
      return o;
    };
    const tried = cutAtEveryCall<Office>({
      build,
      run: () => runServiceAlerts(at('09:00'), 'dailyRollover'),
      retry: (o) => runServiceAlerts(o.moveTo(at('09:01')), 'dailyRollover'),
      check: (o) => {
        const rows = serviceRows(o);
        expect(rows).toHaveLength(1);
        expect(String(rows[0].text)).toContain('checkBreaks');
      },
    });
    expect(tried).toBeGreaterThan(3);
  });
});
