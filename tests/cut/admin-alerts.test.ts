// The admin alert of a failing trigger, its writing cut after each of its service calls, then the trigger
// failing again: each linked admin gets one alert for the hour however the first attempt was cut, also when a
// healthy checkBreaks run in between has moved the Outbox mark past the first alert; an hour later, one more.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { guardedTrigger, runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { adminAlertKey } from '../../appsscript/src/services/admin-alerts.ts';
import { ADMIN_CHAT, at, office, type Office } from '../checks/helpers.ts';
import { settingsOf } from '../checks/cut-helpers.ts';
import { cutAtEveryCall } from './harness.ts';

const T = at('11:16');
const adminRows = (o: Office) => o.rows('Outbox').filter((r) => r.kind === 'admin');

/** A run of checkBreaks that fails (its error is what admins hear about). */
const failAt = (ms: number) => {
  try {
    guardedTrigger('checkBreaks', ms, () => {
      throw new Error('The tab "Current" is damaged');
    });
  } catch {
    // The trigger's own error, thrown on after the alert: Apps Script records the failed execution.
  }
};

/** Anna on break from 11:00: the healthy check at 11:18 finds her overrun and alerts the lead chat. */
function build(): Office {
  const o = office();
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('11:00'));
  o.sync('e001', [{ status: 'break', at: at('11:00') }]);
  runCheckBreaks(o.moveTo(at('11:10')));
  o.moveTo(T);
  return o;
}

function expectOneAlertThisHour(o: Office): void {
  const rows = adminRows(o);
  expect(rows.map((r) => r.target)).toEqual([ADMIN_CHAT]);
  expect(new Set(o.rows('Outbox').map((r) => r.alert_id)).size).toBe(o.rows('Outbox').length);
  const at0 = (rows[0].created_at as Date).getTime();
  expect(Number(settingsOf(o).get(adminAlertKey('checkBreaks')))).toBe(at0);
}

describe('admin alert of a failing trigger, cut at every service call', () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('the trigger failing again within the hour: one alert, then one more an hour later', () => {
    const tried = cutAtEveryCall<Office>({
      build,
      run: () => failAt(T),
      retry: (o) => failAt(o.moveTo(at('11:21'))),
      check: (o) => {
        expectOneAlertThisHour(o);
        failAt(o.moveTo(at('12:30')));
        expect(adminRows(o)).toHaveLength(2);
      },
    });
    expect(tried).toBeGreaterThan(10);
    console.log(`admin alert: ${tried} cut points`);
  });

  it('a healthy checkBreaks in between, then the failure again: still one alert for the hour', () => {
    const tried = cutAtEveryCall<Office>({
      build,
      run: () => failAt(T),
      retry: (o) => {
        const healthy = runCheckBreaks(o.moveTo(at('11:18')));
        expect(healthy.alerts_enqueued).toBeGreaterThan(0); // it moves the Outbox mark past the cut run's rows
        failAt(o.moveTo(at('11:21')));
      },
      check: expectOneAlertThisHour,
    });
    expect(tried).toBeGreaterThan(10);
  });
});
