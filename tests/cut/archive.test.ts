// The archive cut after each of its service calls (three chunks over three months, so every step of a
// block's move is cut somewhere), then the next trigger runs: checkBreaks first, which must read exactly the
// Log rows it had not read yet whatever the archive did to the row numbers, then the archive's watchdog and
// continuations until done. Every Log row ends in exactly one place (Log or its month's archive), and the
// Log row numbers kept by checkBreaks and the rollover still point at the same entries. Then the same with
// the Schedule's old rows moving too: every Schedule row ends in exactly one place (the live tab or its
// month's archive, as it was) and the Schedule's row index is trusted and right. Then the Daily tab's old
// months: every Daily row in exactly one place, and the reports' index and the rollover's tail mark right
// after, whether the rollover or the archive's continuation met the deletion's mark first.
import { describe, expect, it } from 'vitest';
import { runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { ARCHIVE_DEFAULTS, WATCHDOG_AFTER_MS } from '../../appsscript/src/domain/archive-plan.ts';
import { readState, stateSettings } from '../../appsscript/src/services/violations.ts';
import type { LogRow } from '../../appsscript/src/domain/model.ts';
import type { CheckBreaksReport } from '../../appsscript/src/services/check-breaks.ts';
import { CUTOFF, inProcessArchive, type InProcessArchive } from '../archive/fixtures/in-process.ts';
import { logRows, monthOf } from '../archive/fixtures/log-rows.ts';
import { cutAtEveryCall } from './harness.ts';
import { fillSchedule, misplacedSchedule, scheduleCtx, scheduleRows, ZONE } from '../archive/fixtures/schedule-rows.ts';
import { liveSchedule } from '../../appsscript/src/gas/archive-workbooks.ts';
import { calendarFor } from '../../appsscript/src/gas/calendar.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { readSchedule } from '../../appsscript/src/store/schedule-rows.ts';
import { UNDATED } from '../../appsscript/src/store/schedule-index.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';
import { liveDaily } from '../../appsscript/src/gas/archive-workbooks.ts';
import { settleDailyShift } from '../../appsscript/src/services/daily-shift.ts';
import { DAILY_INDEX_KEY, DAILY_TAIL_KEY, indexFromDates, parseDailyIndex } from '../../appsscript/src/store/daily-index.ts';
import { readConsolidated } from '../../appsscript/src/services/reports/consolidated.ts';
import { dailyCtx, dailyRows, fillDaily, liveDailyDates, misplacedDaily } from '../archive/fixtures/daily-rows.ts';

const ROWS = logRows(120, Date.UTC(2026, 7, 20), Date.UTC(2026, 10, 23, 12));
const OLD = ROWS.filter((r) => r.received_at < CUTOFF);
const CHUNK = 30;
/** checkBreaks has read the Log up to 5 rows before its end; the rollover's row numbers of two dates. */
const UNREAD = 5;
const LROWS = { '2026-11-23': ROWS.length + 1 - 30, '2026-11-24': ROWS.length + 1 - 12 };

interface World extends InProcessArchive {
  check?: CheckBreaksReport;
}

const home = (r: LogRow) => (r.received_at < CUTOFF ? `WTT Archive ${monthOf(r.at)}` : 'Log');
const idAt = (row: number) => ROWS[row - 2].entry_id;

function build(): World {
  const a = inProcessArchive(ROWS) as World;
  const { tables } = a.open();
  const state = readState(new Map());
  state.lrows = { ...LROWS };
  const settings = new Map([['checkbreaks.log_row', String(ROWS.length + 1 - UNREAD)], ...stateSettings(state, new Map())]);
  tables.setSettings(settings);
  a.world.newExecution();
  return a;
}

const run = (a: World) => a.runHere({ chunkRows: CHUNK });

/** The next triggers: checkBreaks (every few minutes), then the archive's watchdog and continuations. */
function retry(a: World): void {
  a.world.clock.advance(60_000);
  a.world.newExecution();
  a.check = runCheckBreaks(a.world.clock.now());
  a.world.clock.advance(WATCHDOG_AFTER_MS);
  for (let i = 0; i < 10; i++) {
    if (a.run({ chunkRows: CHUNK }).status === 'done') return;
    a.world.clock.advance(ARCHIVE_DEFAULTS.continueAfterMs + 1000);
  }
  throw new Error('the archive did not finish in 10 runs');
}

function check(a: World): void {
  const places = a.places();
  const wrong = ROWS.filter((r) => JSON.stringify(places.get(r.entry_id)) !== JSON.stringify([home(r)])).map((r) => `${r.entry_id}: ${JSON.stringify(places.get(r.entry_id) ?? [])}`);
  expect(wrong, 'rows lost, doubled or misplaced').toEqual([]);
  expect(a.state()).toMatchObject({ inFlight: null, removed: OLD.length, lease: null });
  // checkBreaks read the rows it had not read, no fewer (a stale checkpoint) and no more (one moved twice).
  expect(a.check!.log_rows, 'Log rows read by checkBreaks').toBe(UNREAD);
  const settings = a.open().tables.settings();
  const log = a.logIds();
  expect(Number(settings.get('checkbreaks.log_row')), 'checkBreaks checkpoint').toBe(log.length + 1);
  const lrows = readState(settings).lrows;
  for (const [date, row] of Object.entries(LROWS)) expect(log[lrows[date] - 2], `the rollover's row of ${date}`).toBe(idAt(row));
  expect(settings.get('log.deleting') ?? '').toBe('');
}

describe('archive cut at every service call', () => {
  it('every Log row in exactly one place, and the Log checkpoints still on their entries', () => {
    const first = build();
    const report = run(first);
    expect(report).toMatchObject({ status: 'done', chunks: Math.ceil(OLD.length / CHUNK) });
    expect(report.months.length).toBe(3);

    const tried = cutAtEveryCall<World>({ build, run, retry, check });
    expect(tried).toBeGreaterThan(100);
    console.log(`archive: ${tried} cut points`);
  });
});

describe('archive of the Schedule cut at every service call', () => {
  const SCHEDULE = scheduleRows(6, '2026-08-25', '2026-12-06');
  const CUTOFF_DATE = '2026-10-20';
  const LOG = logRows(40, Date.UTC(2026, 8, 1), Date.UTC(2026, 10, 23, 12));
  const schedulePart = () => ({ schedule: { ...liveSchedule(calendarFor(ZONE)), chunkRows: 120 } });

  const buildWithSchedule = (): InProcessArchive => {
    const a = inProcessArchive(LOG);
    fillSchedule(a.world, SCHEDULE);
    return a;
  };

  it('every Schedule row in exactly one place (its month’s archive or the live tab), the index right', () => {
    const first = buildWithSchedule();
    const report = first.runHere({ chunkRows: CHUNK, ...schedulePart() });
    expect(report.status).toBe('done');
    expect(report.scheduleMoved).toBe(SCHEDULE.filter((r) => r.date < CUTOFF_DATE).length);

    const tried = cutAtEveryCall<InProcessArchive>({
      build: buildWithSchedule,
      run: (a) => a.runHere({ chunkRows: CHUNK, ...schedulePart() }),
      retry: (a) => {
        a.world.clock.advance(WATCHDOG_AFTER_MS);
        for (let i = 0; i < 10; i++) {
          if (a.run({ chunkRows: CHUNK, ...schedulePart() }).status === 'done') return;
          a.world.clock.advance(ARCHIVE_DEFAULTS.continueAfterMs + 1000);
        }
        throw new Error('the archive did not finish in 10 runs');
      },
      check: (a) => {
        expect(misplacedSchedule(SCHEDULE, CUTOFF_DATE), 'Schedule rows lost, doubled or misplaced').toEqual([]);
        expect(a.state()).toMatchObject({ inFlight: null, schedule: null, lease: null });
        a.world.newExecution();
        const through = readSchedule(gasSheetPort(), scheduleCtx, (c) => c !== UNDATED);
        expect(through.fallback, 'the index is trusted').toBeNull();
        a.world.newExecution();
        const whole = openTables(gasSheetPort(), { timeZone: ZONE, formatDate: scheduleCtx.formatDate }).schedule();
        for (const row of whole.sheetRows) expect(through.cells.has(row), `row ${row} read through the index`).toBe(true);
      },
    });
    expect(tried).toBeGreaterThan(50);
    console.log(`archive with the Schedule: ${tried} cut points`);
    // About 17 s alone on 2 cores; the margin is for a machine busy with other work.
  }, 180_000);
});

describe('archive of Daily cut at every service call', () => {
  const DAILY = dailyRows(4, '2026-06-25', '2026-11-23');
  const CUTOFF_DATE = '2026-09-01';
  const LOG = logRows(20, Date.UTC(2026, 10, 15), Date.UTC(2026, 10, 23, 12));
  const dailyPart = () => ({ daily: { ...liveDaily(calendarFor(ZONE), CUTOFF_DATE)!, chunkRows: 90 } });
  const OLD = DAILY.filter((r) => r.date < CUTOFF_DATE).length;

  const buildWithDaily = (): InProcessArchive => {
    const a = inProcessArchive(LOG);
    fillDaily(a.world, DAILY);
    return a;
  };

  /** What the rollover does first under its lock: a deletion whose marks did not move is settled. */
  const rolloverSettles = () => {
    const port = gasSheetPort();
    const tables = openTables(port, { timeZone: ZONE, formatDate: dailyCtx.formatDate });
    const updates = settleDailyShift(tables.settings(), { port, ctx: dailyCtx });
    if (updates.size > 0) tables.setSettings(updates);
  };

  it('every Daily row in exactly one place, the index and the tail mark right after', () => {
    const first = buildWithDaily();
    const report = first.runHere({ chunkRows: CHUNK, ...dailyPart() });
    expect(report.status).toBe('done');
    expect(report.dailyMoved).toBe(OLD);

    const tried = cutAtEveryCall<InProcessArchive>({
      build: buildWithDaily,
      run: (a) => a.runHere({ chunkRows: CHUNK, ...dailyPart() }),
      retry: (a) => {
        rolloverSettles();
        a.world.clock.advance(WATCHDOG_AFTER_MS);
        for (let i = 0; i < 10; i++) {
          if (a.run({ chunkRows: CHUNK, ...dailyPart() }).status === 'done') return;
          a.world.clock.advance(ARCHIVE_DEFAULTS.continueAfterMs + 1000);
        }
        throw new Error('the archive did not finish in 10 runs');
      },
      check: (a) => {
        expect(misplacedDaily(DAILY, CUTOFF_DATE), 'Daily rows lost, doubled or misplaced').toEqual([]);
        expect(a.state()).toMatchObject({ inFlight: null, daily: null, lease: null });
        a.world.newExecution();
        const settings = a.open().tables.settings();
        const live = liveDailyDates();
        expect(live[0]).toBe(CUTOFF_DATE);
        expect(parseDailyIndex(settings.get(DAILY_INDEX_KEY)), 'the index').toEqual(indexFromDates(live));
        expect(Number(settings.get(DAILY_TAIL_KEY)), 'the tail mark').toBe(live.length + 1);
        expect(settings.get('daily.deleting') ?? '').toBe('');
        a.world.newExecution();
        expect(readConsolidated({ port: gasSheetPort(), ctx: dailyCtx }, settings, CUTOFF_DATE, '2026-11-23')).toMatchObject({ via: 'index' });
      },
    });
    expect(tried).toBeGreaterThan(50);
    console.log(`archive of Daily: ${tried} cut points`);
  }, 180_000);
});
