// The dailyRollover trigger: forgotten sessions closed by a system entry at shift end plus grace, yesterday's
// Daily rows written once (also for someone whose Current has moved on to the new day: read from Log), and
// yesterday's violations written and final.
import { describe, expect, it } from 'vitest';
import { runCheckBreaks, runDailyRollover } from '../../appsscript/src/gas/bot-wiring.ts';
import { at, office } from './helpers.ts';

const NEXT = '2026-11-25';

function day() {
  const o = office();
  o.moveTo(at('08:30'));
  runCheckBreaks(at('08:30')); // the day's first check records where its Log rows begin
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]); // Anna never signs off
  o.sync('e004', [{ status: 'work', at: at('09:00') }]); // James signs off at 18:00...
  o.moveTo(at('18:00'));
  o.sync('e004', [{ status: 'offline', at: at('18:00') }]);
  runCheckBreaks(o.moveTo(at('18:30')));
  o.moveTo(at('04:30', NEXT));
  o.sync('e004', [{ status: 'work', at: at('04:30', NEXT) }]); // ...and starts early the next day: Current moves on
  return o;
}

describe('dailyRollover', () => {
  it('closes a forgotten session at shift end + grace with a system entry, in Log and Current', () => {
    const o = day();
    const report = runDailyRollover(o.moveTo(at('05:00', NEXT)));
    expect(report).toMatchObject({ date: '2026-11-24', sessions_closed: 1, log_unavailable: false });

    const system = o.rows('Log').filter((r) => r.source === 'system');
    expect(system).toHaveLength(1);
    // The demo 'work' rule gives the shift 5 minutes of grace: closed at 18:05.
    expect(system[0]).toMatchObject({ employee_id: 'e001', status: 'offline', device_id: 'system-e001', seq: 1 });
    expect((system[0].at as Date).getTime()).toBe(at('18:05'));
    const anna = o.rows('Current').find((r) => r.employee_id === 'e001')!;
    expect(anna).toMatchObject({ status: 'offline', day: '2026-11-24' });
    expect((anna.since as Date).getTime()).toBe(at('18:05'));
    const james = o.rows('Current').find((r) => r.employee_id === 'e004')!;
    expect(james.status).toBe('work');

    const forgotten = o.rows('Violations').filter((r) => r.type === 'forgotten_session');
    expect(forgotten.map((r) => r.employee_id)).toEqual(['e001']);
  });

  it('writes yesterday\'s Daily rows once, from Current or from Log', () => {
    const o = day();
    runDailyRollover(o.moveTo(at('05:00', NEXT)));
    const again = runDailyRollover(o.moveTo(at('05:10', NEXT)));
    expect(again).toMatchObject({ sessions_closed: 0, daily_rows: 0, daily_already_written: true, violations_new: 0 });

    const daily = o.rows('Daily').filter((r) => r.date === '2026-11-24');
    const ids = daily.map((r) => r.employee_id);
    expect(new Set(ids).size).toBe(ids.length);
    const anna = daily.find((r) => r.employee_id === 'e001')!;
    // 09:00-18:05 at work (closed by the rollover), no breaks taken; scheduled 9 h less 90 min of planned breaks.
    expect(anna).toMatchObject({ worked_min: 545, break_min: 0, lunch_min: 0, scheduled_min: 450 });
    expect((anna.first_in as Date).getTime()).toBe(at('09:00'));
    expect((anna.last_out as Date).getTime()).toBe(at('18:05'));
    // James's Current holds today already: his yesterday comes from Log.
    const james = daily.find((r) => r.employee_id === 'e004')!;
    expect(james).toMatchObject({ worked_min: 540 });
    expect(Number(james.violations)).toBeGreaterThan(0); // he skipped his planned lunch
    // Someone scheduled who never came has a Daily row with nothing worked.
    const absent = daily.find((r) => r.employee_id === 'e005')!;
    expect(absent).toMatchObject({ worked_min: 0, conformance_pct: 0 });
  });

  it('finalises yesterday\'s violations so that a later check does not touch them', () => {
    const o = day();
    const report = runDailyRollover(o.moveTo(at('05:00', NEXT)));
    expect(report.violations_finalised).toBeGreaterThan(0);
    const before = o.rows('Violations').filter((r) => r.date === '2026-11-24');
    runCheckBreaks(o.moveTo(at('05:05', NEXT)));
    runDailyRollover(o.moveTo(at('05:20', NEXT)));
    const after = o.rows('Violations').filter((r) => r.date === '2026-11-24');
    expect(after).toEqual(before);
    // Late starts of people who never came are final: late from 09:05 (the grace) to the shift's end at 18:00.
    const absentLate = after.find((r) => r.employee_id === 'e005' && r.type === 'late_start')!;
    expect(absentLate.over_minutes).toBe(535);
  });
});
