// dailyRollover cut after each of its service calls, then run again: the forgotten session closed by one
// system entry (Log, Devices, Current), each violation of the day written once and final, its alerts once,
// the Daily rows of the day once, and the Settings commit right. Retried the same morning (a run by hand) and
// by the next day's trigger, which does the missed day first.
import { describe, expect, it } from 'vitest';
import { runCheckBreaks, runDailyRollover } from '../../appsscript/src/gas/bot-wiring.ts';
import type { RolloverReport } from '../../appsscript/src/services/rollover.ts';
import { at, office, type Office } from '../checks/helpers.ts';
import { expectIndexRight, expectSameRows, settingsOf } from '../checks/cut-helpers.ts';
import { cutAtEveryCall } from './harness.ts';

const DAY = '2026-11-24';
const NEXT = '2026-11-25';
const AFTER = '2026-11-26';
const T = at('05:00', NEXT);

interface World extends Office {
  report?: RolloverReport;
}

/**
 * The rollover tests' day: Anna (e001) never signs off; James (e004) signs off at 18:00 and starts early the
 * next day, so his Current has moved on and his day comes from Log; the rest of the demo team is scheduled
 * and absent (late starts to finalise). checkBreaks ran until 12:30; the clock stands at 05:00 next day.
 */
function build(): World {
  const w = office() as World;
  runDailyRollover(w.moveTo(at('08:00'))); // the rollover of the 24th (for the 23rd): it runs every day
  runCheckBreaks(w.moveTo(at('08:30')));
  w.moveTo(at('09:00'));
  w.sync('e001', [{ status: 'work', at: at('09:00') }]);
  w.sync('e004', [{ status: 'work', at: at('09:00') }]);
  // The last check of the day is at 12:30: what happens after it is the rollover's to find.
  runCheckBreaks(w.moveTo(at('12:30')));
  w.moveTo(at('18:00'));
  w.sync('e004', [{ status: 'offline', at: at('18:00') }]);
  w.moveTo(at('04:30', NEXT));
  w.sync('e004', [{ status: 'work', at: at('04:30', NEXT) }]);
  w.moveTo(T);
  return w;
}

const run = (w: World) => {
  w.report = runDailyRollover(T);
};
const rolloverAt = (ms: number) => (w: World) => {
  w.report = runDailyRollover(w.moveTo(ms));
};

function reference(retry: (w: World) => void): World {
  const ref = build();
  ref.world.newExecution();
  run(ref);
  ref.world.newExecution();
  retry(ref);
  return ref;
}

/** Exactly once on every tab the rollover writes, against the uncut reference. */
function expectLikeReference(w: World, ref: World): void {
  // received_at and last_seen say when the entry was made: by the cut run or by the retry.
  expectSameRows(w, ref, 'Log', (r) => String(r.entry_id), ['received_at']);
  expectSameRows(w, ref, 'Devices', (r) => String(r.device_id), ['last_seen']);
  expectSameRows(w, ref, 'Current', (r) => String(r.employee_id));
  expectSameRows(w, ref, 'Violations', (r) => String(r.id), ['detected_at']);
  expectSameRows(w, ref, 'Outbox', (r) => String(r.alert_id), ['created_at', 'next_try_at']);
  expectSameRows(w, ref, 'Daily', (r) => `${String(r.date)}|${String(r.employee_id)}`);
  expectIndexRight(w, ref);
  const s = settingsOf(w);
  const r = settingsOf(ref);
  for (const key of ['rollover.daily_date', 'checkbreaks.log_row', 'outbox.pending_row']) expect(s.get(key), key).toBe(r.get(key));
  expect(Number(s.get('daily.tail_row')), 'Daily mark').toBe(w.rows('Daily').length + 1);
}

describe('dailyRollover cut at every service call', () => {
  it('run again the same morning: one system entry, each violation, alert and Daily row once', () => {
    const ref = reference(rolloverAt(at('05:30', NEXT)));
    // The run cut does everything it can: closes a session, writes and finalises violations, alerts, Daily.
    const first = build();
    first.world.newExecution();
    run(first);
    expect(first.report).toMatchObject({ date: DAY, sessions_closed: 1, log_unavailable: false });
    expect(first.report!.violations_new).toBeGreaterThan(0);
    expect(first.report!.violations_finalised).toBeGreaterThan(0);
    expect(first.report!.daily_rows).toBeGreaterThan(10);
    expect(first.rows('Outbox').filter((x) => x.kind === 'violation').length).toBeGreaterThan(first.report!.violations_new - 1);

    const tried = cutAtEveryCall<World>({ build, run, retry: rolloverAt(at('05:30', NEXT)), check: (w) => expectLikeReference(w, ref) });
    expect(tried).toBeGreaterThan(50);
    console.log(`dailyRollover (same morning): ${tried} cut points`);
  });

  it('left cut until the next day: that run does the missed day first, then its own', () => {
    const nextDay = rolloverAt(at('03:00', AFTER));
    const ref = reference(nextDay);
    expect(ref.report).toMatchObject({ date: NEXT, caught_up: [] });
    const tried = cutAtEveryCall<World>({
      build,
      run,
      retry: (w) => {
        nextDay(w);
        expect(w.report!.date).toBe(NEXT);
      },
      check: (w) => {
        // Both days' Daily rows once, with the reference's figures; the day before's violations final.
        expectSameRows(w, ref, 'Daily', (r) => `${String(r.date)}|${String(r.employee_id)}`);
        expectSameRows(w, ref, 'Log', (r) => String(r.entry_id), ['received_at']);
        expectSameRows(w, ref, 'Violations', (r) => String(r.id), ['detected_at']);
        expectSameRows(w, ref, 'Outbox', (r) => String(r.alert_id), ['created_at', 'next_try_at']);
        expect(settingsOf(w).get('rollover.daily_date')).toBe(NEXT);
      },
    });
    console.log(`dailyRollover (next day): ${tried} cut points`);
  });

  it('a day it never ran is caught up by the next run, Daily rows and all', () => {
    const w = build();
    // No rollover on the 25th at all: the one on the 26th does the 24th, then the 25th.
    const report = runDailyRollover(w.moveTo(at('03:00', AFTER)));
    expect(report).toMatchObject({ date: NEXT, caught_up: [DAY] });
    const dates = new Set(w.rows('Daily').map((r) => r.date));
    expect([...dates].sort()).toEqual([DAY, NEXT]);
    const anna = w.rows('Daily').find((r) => r.date === DAY && r.employee_id === 'e001')!;
    expect(anna).toMatchObject({ worked_min: 545 }); // 09:00-18:05, closed by the rollover as on the day after
    const again = runDailyRollover(w.moveTo(at('04:00', AFTER)));
    expect(again).toMatchObject({ caught_up: [], daily_rows: 0, daily_already_written: true });
  });
});
