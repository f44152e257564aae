// gas/bot-wiring.ts fewCallsCalendar: the same answers as Utilities (calendarFor), with a handful of calls
// per run instead of a few per employee, also across a daylight-saving change.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { installGasGlobals } from '../helpers/gas-globals.ts';
import { calendarFor } from '../../appsscript/src/gas/calendar.ts';
import { fewCallsCalendar } from '../../appsscript/src/gas/bot-wiring.ts';
import { addDays } from '../../appsscript/src/domain/calendar.ts';

const HOUR = 3600_000;

describe('fewCallsCalendar', () => {
  for (const [zone, today, uniform] of [
    ['Europe/Moscow', '2026-11-24', true],
    ['Europe/Berlin', '2026-03-29', false], // clocks go forward at 02:00
    ['Europe/Berlin', '2026-10-26', true], // the day after clocks went back (yesterday was 25 hours long)
    ['America/New_York', '2026-11-01', false], // clocks go back at 02:00
  ] as const) {
    it(`agrees with Utilities in ${zone} around ${today}`, () => {
      const world = installGasGlobals({ timeZone: zone });
      const cal = calendarFor(zone);
      const fast = fewCallsCalendar(cal, today);
      const from = cal.zonedTime(addDays(today, -2), '00:00');
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 5 * 24 * 60 }), (minute) => {
          const ms = from + minute * 60_000;
          expect(fast.dateOf(ms)).toBe(cal.dateOf(ms));
          expect(fast.timeText(ms)).toBe(cal.format(ms, 'HH:mm'));
        }),
        { numRuns: 300 },
      );
      fc.assert(
        fc.property(fc.integer({ min: -1, max: 1 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (d, h, m) => {
          const date = addDays(today, d);
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          expect(fast.zonedTime(date, time)).toBe(cal.zonedTime(date, time));
        }),
        { numRuns: 300 },
      );
      if (!uniform) return; // on the day of the change every answer comes from Utilities, as it should
      const noon = cal.zonedTime(today, '12:00');
      world.newExecution();
      const counted = fewCallsCalendar(cal, today);
      for (let i = 0; i < 200; i++) {
        counted.zonedTime(today, `${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`);
        counted.timeText(noon + i * 60_000);
        counted.dateOf(noon + (i * HOUR) / 10);
      }
      const calls = world.stats().calls;
      expect((calls['Utilities.parseDate'] ?? 0) + (calls['Utilities.formatDate'] ?? 0)).toBeLessThanOrEqual(4);
    });
  }
});
