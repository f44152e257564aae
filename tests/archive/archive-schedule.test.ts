// Old shifts leave with the Log's archive: the Schedule rows dated before the cutoff's day move to the
// archive workbook of their month (tab Schedule), exactly once, blank rows left at the top are deleted, and
// the Schedule's row index is rebuilt, so readers of today read only today's rows again.
import { describe, expect, it } from 'vitest';
import type { ArchiveDeps } from '../../appsscript/src/services/archive.ts';
import { liveSchedule } from '../../appsscript/src/gas/archive-workbooks.ts';
import { calendarFor } from '../../appsscript/src/gas/calendar.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { readSchedule } from '../../appsscript/src/store/schedule-rows.ts';
import { UNDATED } from '../../appsscript/src/store/schedule-index.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';
import { logRows } from './fixtures/log-rows.ts';
import { CUTOFF, inProcessArchive, type InProcessArchive } from './fixtures/in-process.ts';
import { fillSchedule, misplacedSchedule, rowKey, scheduleCtx, scheduleRows, ZONE } from './fixtures/schedule-rows.ts';

const CUTOFF_DATE = '2026-10-20'; // 35 days before 2026-11-24 in Moscow: CUTOFF is its midnight
const ROWS = scheduleRows(10, '2026-08-25', '2026-12-06');
const OLD = ROWS.filter((r) => r.date < CUTOFF_DATE);

function world(log = 300): InProcessArchive {
  const a = inProcessArchive(logRows(log, Date.UTC(2026, 8, 1), Date.UTC(2026, 10, 23)));
  fillSchedule(a.world, ROWS);
  return a;
}

const withSchedule = (over: Partial<ArchiveDeps> = {}): Partial<ArchiveDeps> => ({ schedule: { ...liveSchedule(calendarFor(ZONE)), chunkRows: 150 }, ...over });

/** The index is trusted and gives every dated row: a read of all dates through it matches the whole tab. */
function expectIndexRight(a: InProcessArchive): void {
  a.world.newExecution();
  const through = readSchedule(gasSheetPort(), scheduleCtx, (c) => c !== UNDATED);
  expect(through.fallback, 'the index is trusted').toBeNull();
  a.world.newExecution();
  const whole = openTables(gasSheetPort(), { timeZone: ZONE, formatDate: scheduleCtx.formatDate }).schedule();
  for (const row of whole.sheetRows) expect(through.cells.has(row), `row ${row} read through the index`).toBe(true);
  a.world.newExecution();
}

describe('the archive and the Schedule', () => {
  it('moves the rows dated before the cutoff’s day to their month’s Schedule tab, once, and deletes the blank rows left at the top', () => {
    expect(CUTOFF).toBe(Date.UTC(2026, 9, 19, 21));
    const a = world();
    const r = a.run(withSchedule());
    expect(r.status).toBe('done');
    expect(r.scheduleMoved).toBe(OLD.length);
    expect(misplacedSchedule(ROWS, CUTOFF_DATE)).toEqual([]);
    expect(r.months.sort()).toEqual(['2026-08', '2026-09', '2026-10']);
    // The live tab starts with the cutoff's day: the rows above it are gone, not left blank.
    const sheet = a.sheet('Schedule');
    expect(sheet.getRange(2, 1).getValue()).toBe(CUTOFF_DATE);
    expectIndexRight(a);
    // The archive's Schedule tab has the live tab's header.
    const props = PropertiesService.getScriptProperties();
    const book = SpreadsheetApp.openById(props.getProperty('ARCHIVE_WORKBOOK_2026-09')!);
    expect(book.getSheetByName('Schedule')!.getRange(1, 1, 1, 6).getValues()[0]).toEqual(['date', 'employee_id', 'shift_start', 'shift_end', 'breaks', 'day']);
    // A second run finds nothing to move and changes nothing.
    const again = a.run(withSchedule());
    expect(again).toMatchObject({ status: 'done', scheduleMoved: 0 });
    expect(misplacedSchedule(ROWS, CUTOFF_DATE)).toEqual([]);
  });

  it('a reader of today reads the same few rows afterwards as before, and the tab has only the weeks around today', () => {
    const a = world();
    const read = () => {
      a.world.newExecution();
      openTables(gasSheetPort(), { timeZone: ZONE, formatDate: scheduleCtx.formatDate }).schedule({ from: '2026-11-23', to: '2026-11-25' });
      return a.world.stats().cellsRead;
    };
    const before = read();
    a.run(withSchedule());
    expect(read()).toBeLessThanOrEqual(before);
    // The young rows and the unreadable one; the old days added at the bottom later leave blank rows there,
    // which new days reuse (only blank rows at the top are deleted).
    const sheet = a.sheet('Schedule');
    const rows = sheet.getRange(2, 1, sheet.getLastRow() - 1, 6).getValues();
    expect(rows.filter((v) => v.some((c) => c !== '')).length).toBe(ROWS.length - OLD.length + 1);
    expect(rows.length).toBe(ROWS.length - OLD.length + 1 + 3);
  });

  it('rebuilds the index every run: a row added by another script (no onEdit) is indexed the next day', () => {
    const a = world(0);
    a.run(withSchedule());
    a.sheet('Schedule').appendRow(['2026-11-24', 'e777', '09:00', '18:00', '', '']);
    a.world.newExecution();
    expect(readSchedule(gasSheetPort(), scheduleCtx, (c) => c === '2026-11-24').fallback).toBe('mismatch');
    a.run(withSchedule());
    expectIndexRight(a);
  });

  it('a row an admin changes between the copy and the blanking stays live and moves, as changed, on a later run', () => {
    const a = world(0);
    const target = OLD[5];
    const crash: ArchiveDeps['onStep'] = (step) => {
      if (step === 'schedule-copied') throw new Error('crash after the copy');
    };
    expect(() => a.run(withSchedule({ onStep: crash }))).toThrow('crash after the copy');
    // An admin edits the copied day (as the editor's save does: under the lock, the index kept).
    a.world.newExecution();
    const sheet = a.sheet('Schedule');
    const values = sheet.getRange(2, 1, sheet.getLastRow() - 1, 2).getValues();
    const row = values.findIndex((v) => rowKey({ employee_id: v[1], date: v[0] }) === rowKey(target)) + 2;
    sheet.getRange(row, 3, 1, 2).setValues([["'07:00", "'16:00"]]);
    a.world.clock.advance(10 * 60_000);
    const r = a.run(withSchedule());
    expect(r.status).toBe('done');
    const edited = new Map([[rowKey(target), `07:00-16:00 ${target.breaks} ${target.day}`]]);
    expect(misplacedSchedule(ROWS, CUTOFF_DATE, edited)).toEqual([]);
    expectIndexRight(a);
  });

  it('without a Schedule part the archive moves Log rows only (as before)', () => {
    const a = world();
    const r = a.run();
    expect(r.scheduleMoved).toBe(0);
    expect(a.sheet('Schedule').getLastRow() - 1).toBe(ROWS.length + 1);
  });
});
