// The archive of Daily: whole months before the Daily retention leave the top of the tab for their month's
// archive workbook (tab Daily), once; the reports' index and the rollover's tail mark move with them.
import { describe, expect, it } from 'vitest';
import { dailyCutoffDate, dailyKeepMonthsOf, dailyRowsMissing, monthsBetween, planDailyBlock, type DailyRowFacts } from '../../appsscript/src/domain/archive-daily.ts';
import { DAILY_INDEX_KEY, DAILY_TAIL_KEY, formatDailyIndex, indexFromDates, shiftDailyIndex } from '../../appsscript/src/store/daily-index.ts';
import { liveDaily } from '../../appsscript/src/gas/archive-workbooks.ts';
import { calendarFor } from '../../appsscript/src/gas/calendar.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { readConsolidated } from '../../appsscript/src/services/reports/consolidated.ts';
import { inProcessArchive } from './fixtures/in-process.ts';
import { logRows } from './fixtures/log-rows.ts';
import { dailyCtx, dailyRows, fillDaily, liveDailyDates, misplacedDaily, ZONE } from './fixtures/daily-rows.ts';

const facts = (dates: string[]): DailyRowFacts[] => dates.map((date, i) => ({ date, employee: date ? `e${i}` : '', blank: date === '' }));

describe('the Daily plan', () => {
  it('keeps whole months: the cutoff is the 1st of the month so many months back', () => {
    expect(dailyCutoffDate('2026-11-24', 13)).toBe('2025-10-01');
    expect(dailyCutoffDate('2026-01-31', 1)).toBe('2025-12-01');
    expect(dailyCutoffDate('2026-03-01', 3)).toBe('2025-12-01');
    expect(dailyKeepMonthsOf('')).toEqual({ months: 13 });
    expect(dailyKeepMonthsOf('0').months).toBe(1);
    expect(dailyKeepMonthsOf('abc')).toMatchObject({ months: 13, warning: expect.stringContaining('daily_keep_months') });
    expect(monthsBetween('2025-11-15', '2026-02-03')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('moves the old rows at the top, never splitting a date between two blocks', () => {
    const dates = ['2026-08-30', '2026-08-30', '', '2026-08-31', '2026-08-31', '2026-09-01', '2026-09-01'];
    const whole = planDailyBlock(facts(dates), '2026-09-01', false);
    expect(whole).toMatchObject({ count: 5, reachedYoungRow: true });
    // The blank row goes with its date and is not copied.
    expect(whole.parts).toEqual([{ month: '2026-08', indexes: [0, 1, 3, 4] }]);
    // The rows read end while still old and the tab goes on: the last date waits for the next block.
    const cut = planDailyBlock(facts(dates.slice(0, 5)), '2026-10-01', true);
    expect(cut.count).toBe(3);
    expect(planDailyBlock(facts(['2026-10-02']), '2026-10-01', false).count).toBe(0);
  });

  it('moves the index up, dropping the dates deleted', () => {
    const index = indexFromDates(['2026-08-30', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-01']);
    expect([...shiftDailyIndex(index, 3)]).toEqual([['2026-09-01', [2, 2]]]);
  });

  it('a resumed copy writes the rows not there yet, duplicates counted', () => {
    const a = ['2026-08-30', 'e1', 5];
    const b = ['2026-08-30', 'e2', 6];
    expect(dailyRowsMissing([a, b, a], [a])).toEqual([b, a]);
  });
});

describe('the archive of Daily', () => {
  const ROWS = dailyRows(5, '2026-06-20', '2026-11-23');
  const CUTOFF_DATE = '2026-09-01';
  const build = () => {
    const a = inProcessArchive(logRows(20, Date.UTC(2026, 10, 20), Date.UTC(2026, 10, 23, 12)));
    fillDaily(a.world, ROWS);
    return a;
  };
  const daily = (chunkRows = 100) => ({ daily: { ...liveDaily(calendarFor(ZONE), CUTOFF_DATE)!, chunkRows } });

  it('moves each old row to its month’s Daily tab once, and moves the index and the tail mark up', () => {
    const a = build();
    a.world.newExecution();
    const report = a.runHere(daily());
    expect(report.status).toBe('done');
    const old = ROWS.filter((r) => r.date < CUTOFF_DATE).length;
    expect(report.dailyMoved).toBe(old);
    expect(report.months).toEqual(expect.arrayContaining(['2026-06', '2026-07', '2026-08']));
    expect(misplacedDaily(ROWS, CUTOFF_DATE)).toEqual([]);
    a.world.newExecution();
    const settings = a.open().tables.settings();
    const live = liveDailyDates();
    expect(live[0]).toBe(CUTOFF_DATE);
    expect(settings.get(DAILY_INDEX_KEY)).toBe(formatDailyIndex(indexFromDates(live)));
    expect(Number(settings.get(DAILY_TAIL_KEY))).toBe(live.length + 1);
    expect(settings.get('daily.deleting') ?? '').toBe('');
    expect(a.state()).toMatchObject({ daily: null, dailyMonths: ['2026-06', '2026-07', '2026-08'] });
    // The reports trust the moved index.
    a.world.newExecution();
    const read = readConsolidated({ port: gasSheetPort(), ctx: dailyCtx }, a.open().tables.settings(), '2026-09-01', '2026-11-23');
    expect(read).toMatchObject({ via: 'index', first: CUTOFF_DATE });
    expect(read.days.length).toBe(ROWS.length - old);
    // A second run finds nothing to move.
    expect(a.run(daily()).dailyMoved).toBe(0);
  });
});
