// Neutral periods typed in the Neutral tab reach the rules through the real checkBreaks wiring: an outage
// that covers a break's overrun for that employee stops the clock, so no break_overrun is written.
import { describe, expect, it } from 'vitest';
import { runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { at, office, type Office } from './helpers.ts';

const overrunsOf = (o: Office, employee = 'e001') => o.rows('Violations').filter((r) => r.employee_id === employee && r.type === 'break_overrun');

/** Anna (e001) takes her 11:00 break for 30 minutes (15 allowed, 2 of grace) with an outage typed in Neutral. */
function annaBreakDuringOutage(employeeIds: string): Office {
  const o = office();
  SpreadsheetApp.getActiveSpreadsheet()
    .getSheetByName('Neutral')!
    .getRange(2, 1, 1, 4)
    .setValues([[new Date(at('11:00')), new Date(at('11:20')), employeeIds, 'CRM outage']]);
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('11:00'));
  o.sync('e001', [{ status: 'break', at: at('11:00') }]);
  for (const t of ['11:10', '11:20', '11:25']) runCheckBreaks(o.moveTo(at(t)));
  o.moveTo(at('11:30'));
  o.sync('e001', [{ status: 'work', at: at('11:30') }]);
  runCheckBreaks(o.moveTo(at('11:31')));
  return o;
}

describe('checkBreaks with the Neutral tab', () => {
  it('an outage for her covers the overrun: only 10 non-neutral minutes of break, no violation', () => {
    expect(overrunsOf(annaBreakDuringOutage('e001'))).toHaveLength(0);
  });

  it('an outage for someone else changes nothing: 30 minutes, 13 over', () => {
    const rows = overrunsOf(annaBreakDuringOutage('e004'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ over_minutes: 13 });
  });
});
