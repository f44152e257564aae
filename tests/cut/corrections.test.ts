// checkBreaks withdrawing a violation after a lead's correction, cut after each of its service calls and
// then run again by its trigger: the violation is withdrawn exactly once (excused, 0 minutes, the note), the
// index and the checkpoint are as an uncut run leaves them, and the employee page's copy follows.
import { afterEach, describe, expect, it } from 'vitest';
import { runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { WITHDRAWN_NOTE } from '../../appsscript/src/services/check-breaks.ts';
import { LEAD, rid } from '../admin/helpers.ts';
import { at, floorOffice, restoreClock, type FloorOffice } from '../admin/floor-office.ts';
import { cutAtEveryCall } from './harness.ts';

afterEach(restoreClock);

/** Анна's forgotten break, its overrun written at 11:20, corrected by the lead at 11:40 (back at 11:10). */
function build(): FloorOffice {
  const o = floorOffice();
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('11:00'));
  o.sync('e001', [{ status: 'break', at: at('11:00') }]);
  for (const t of ['11:10', '11:20']) {
    o.moveTo(at(t));
    o.check();
  }
  o.moveTo(at('11:40'));
  o.ok(LEAD, 'status.set', { employee_id: 'e001', status: 'work', at: at('11:10'), note: 'back at 11:10', request_id: rid() });
  o.moveTo(at('11:45'));
  return o;
}

const run = () => runCheckBreaks(Date.now());
const retry = (o: FloorOffice) => {
  for (const t of ['11:45', '11:50']) {
    o.moveTo(at(t));
    runCheckBreaks(Date.now());
  }
};

function outcome(o: FloorOffice) {
  const settings = new Map(o.rows('Settings').map((r) => [String(r.key), String(r.value)]));
  const state = JSON.parse(settings.get('checkbreaks.state') ?? '{}') as { days: Record<string, { v: Record<string, unknown[]> }> };
  const anna = o.rows('Current').find((c) => c.employee_id === 'e001')!;
  return {
    violations: o.rows('Violations').map(({ detected_at: _, ...rest }) => rest),
    index: state.days['2026-11-24'].v,
    log_row: settings.get('checkbreaks.log_row'),
    outbox: o.rows('Outbox').map((r) => r.alert_id),
    anna: JSON.parse(String(anna.violations)) as unknown,
  };
}

describe('checkBreaks withdrawing a corrected overrun, cut at every service call', () => {
  it('withdraws it exactly once, retried by the trigger\'s next runs', () => {
    const ref = build();
    run();
    retry(ref);
    const expected = outcome(ref);
    const overrun = expected.violations.filter((v) => v.employee_id === 'e001' && v.type === 'break_overrun');
    expect(overrun).toEqual([expect.objectContaining({ resolution: 'excused', over_minutes: 0, note: WITHDRAWN_NOTE })]);
    restoreClock();

    const tried = cutAtEveryCall<FloorOffice>({
      build,
      run,
      retry,
      check: (o) => expect(outcome(o)).toEqual(expected),
    });
    expect(tried).toBeGreaterThan(20);
    console.log(`checkBreaks withdrawing: ${tried} cut points`);
  });
});
