// The Neutral tab: outages typed by an admin, read in one getValues into the rules' NeutralPeriod; a row
// that cannot be a period is reported (tab, row, column) and skipped while the others still count.
import { beforeEach, describe, expect, it } from 'vitest';
import { storeWorld, typeRows, sheetCalls, type StoreWorld } from './helpers.ts';
import { TABS, TAB_ORDER } from '../../appsscript/src/store/schema.ts';

/** 2026-11-24 in Moscow (UTC+3), 'HH:mm'. */
const at = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return Date.UTC(2026, 10, 24, h - 3, m);
};
const cell = (time: string) => new Date(at(time));

let w: StoreWorld;
beforeEach(() => {
  w = storeWorld();
});

describe('Neutral tab', () => {
  it('is created by setup with its header', () => {
    expect(TAB_ORDER).toContain('Neutral');
    const header = w.sheet('Neutral').getRange(1, 1, 1, TABS.Neutral.columns.length).getValues()[0];
    expect(header).toEqual(['start', 'end', 'employee_ids', 'note']);
  });

  it('reads periods in one getValues: blank ids mean everyone, a list is trimmed', () => {
    typeRows(w.sheet('Neutral'), [
      [cell('09:00'), cell('09:30'), '', 'CRM down'],
      [cell('13:00'), cell('13:30'), ' e001, e002 ,', ''],
    ]);
    w.world.newExecution();
    const read = w.open().tables.neutral();
    expect(read.issues).toEqual([]);
    expect(read.rows).toEqual([
      { start: at('09:00'), end: at('09:30') },
      { start: at('13:00'), end: at('13:30'), employee_ids: ['e001', 'e002'] },
    ]);
    expect(read.sheetRows).toEqual([2, 3]);
    expect(sheetCalls(w.world.stats().calls)['Range.getValues']).toBe(1);
  });

  it('reports and skips a row whose end is not after its start, or whose date cannot be read', () => {
    typeRows(w.sheet('Neutral'), [
      [cell('10:00'), cell('10:00'), '', 'zero length'],
      [cell('12:00'), cell('11:00'), 'e001', 'backwards'],
      ['tomorrow', cell('11:00'), '', 'not a date'],
      ['', '', '', ''],
      [cell('15:00'), '', '', 'no end'],
      [cell('16:00'), cell('16:45'), 'e004', 'kept'],
    ]);
    const read = w.open().tables.neutral();
    expect(read.rows).toEqual([{ start: at('16:00'), end: at('16:45'), employee_ids: ['e004'] }]);
    expect(read.sheetRows).toEqual([7]);
    expect(read.issues.map((i) => [i.tab, i.row, i.column])).toEqual([
      ['Neutral', 2, 'end'],
      ['Neutral', 3, 'end'],
      ['Neutral', 4, 'start'],
      ['Neutral', 6, 'end'],
    ]);
    expect(read.issues[0].message).toMatch(/after the start.* \/ .*позже начала/);
  });
});
