// Reading the Schedule through its row index (store/schedule-rows.ts) over the emulated services: a window
// costs the same with a year of shifts in the tab as with a month, and whenever the index cannot be trusted
// (none, older than a hand edit, a row added below it, rows moved, a claim whose rows never came) the reader
// reads the tab whole and gets exactly what a whole read gets.
import { describe, expect, it } from 'vitest';
import { storeWorld, formatDate, type StoreWorld } from './helpers.ts';
import { encodeRecord } from '../../appsscript/src/store/records.ts';
import { TABS } from '../../appsscript/src/store/schema.ts';
import { addDays } from '../../appsscript/src/domain/calendar.ts';
import { globals } from '../../appsscript/src/main.ts';
import {
  INDEX_COLUMN, STAMP_COLUMN, indexForWrite, readSchedule, rebuildScheduleIndex, wantsDates, writeScheduleIndex,
} from '../../appsscript/src/store/schedule-rows.ts';
import { UNDATED, classOfWritten, decodeIndex } from '../../appsscript/src/store/schedule-index.ts';
import type { DateWindow } from '../../appsscript/src/store/tables.ts';

const TODAY = '2026-11-24';
const WINDOW: DateWindow = { from: addDays(TODAY, -1), to: addDays(TODAY, 1) };
const PEOPLE = 20;
const ctx = { formatDate };

/** `days` of everyone's shifts ending a week after TODAY, in date order (as imports leave it). */
function scheduleOf(days: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let d = days - 8; d >= -7; d--) {
    const date = addDays(TODAY, -d);
    for (let p = 1; p <= PEOPLE; p++) rows.push(encodeRecord(TABS.Schedule, { date, employee_id: `e${String(p).padStart(3, '0')}`, shift_start: '09:00', shift_end: '18:00', breaks: '', day: '' }));
  }
  return rows;
}

function world(days: number, o: { index?: boolean } = {}): StoreWorld {
  const w = storeWorld();
  const rows = scheduleOf(days);
  const sheet = w.sheet('Schedule');
  if (sheet.getMaxRows() < rows.length + 40) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length + 40 - sheet.getMaxRows());
  sheet.getRange(2, 1, rows.length, 6).setValues(rows as string[][]);
  // As the product's writes leave it: the rows plus a few spare (store/port.ts spareRows).
  sheet.deleteRows(rows.length + 32, sheet.getMaxRows() - rows.length - 31);
  w.world.newExecution();
  if (o.index !== false) rebuildScheduleIndex(w.open().port, ctx);
  w.world.newExecution();
  return w;
}

/** The window's shifts and issues through the index, with the cells it read. */
function windowRead(w: StoreWorld, window = WINDOW) {
  w.world.newExecution();
  const read = w.open().tables.schedule(window);
  const cells = w.world.stats().cellsRead;
  w.world.newExecution();
  // What a whole read gives, filtered: the oracle.
  const all = w.open().tables.schedule();
  const inWindow = (d: string) => d >= window.from && d <= window.to;
  const oracle = all.rows.filter((s) => inWindow(s.date));
  const keptRows = new Set(all.sheetRows.filter((_, i) => inWindow(all.rows[i].date)));
  w.world.newExecution();
  return { read, cells, oracle, keptRows };
}

function expectExact(w: StoreWorld, window = WINDOW): number {
  const { read, cells, oracle, keptRows } = windowRead(w, window);
  expect(read.rows).toEqual(oracle);
  expect(new Set(read.sheetRows)).toEqual(keptRows);
  return cells;
}

describe('reading a window through the index', () => {
  it('reads the same cells with a year of shifts as with a month, and exactly the window’s shifts', () => {
    const month = world(31);
    const year = world(365);
    const a = expectExact(month);
    const b = expectExact(year);
    expect(b).toBe(a);
    // Row 1 across (8 cells), then in one read the window's 3 days, the 6 days after it up to the last
    // row the index covers (too few rows apart to be worth a read of their own) and the spare rows below.
    expect(a).toBe(8 + (9 * PEOPLE + 30) * 6);
    const whole = world(365, { index: false });
    expect(expectExact(whole)).toBeGreaterThan(365 * PEOPLE * 6);
  });

  it('reads row 1, the window and the rows below the last: three reads, two when the window is near the end', () => {
    const w = world(120);
    w.world.newExecution();
    w.open().tables.schedule({ from: addDays(TODAY, -30), to: addDays(TODAY, -28) });
    expect(w.world.stats().calls['Range.getValues']).toBe(3);
    w.world.newExecution();
    w.open().tables.schedule(WINDOW);
    expect(w.world.stats().calls['Range.getValues']).toBe(2); // the window, the week after it and the spare rows: one read
  });

  it('reports rows whose date cannot be read, whatever the window, as a whole read does', () => {
    const w = world(60);
    const sheet = w.sheet('Schedule');
    sheet.getRange(30, 1).setValue('someday'); // by a script: no onEdit, but the row’s class no longer fits
    w.world.newExecution();
    rebuildScheduleIndex(w.open().port, ctx);
    expectExact(w);
    w.world.newExecution();
    const read = w.open().tables.schedule(WINDOW);
    expect(read.issues.map((i) => `${i.row}:${i.column}`)).toEqual(['30:date']);
  });
});

describe('falling back to the whole tab', () => {
  const readThrough = (w: StoreWorld) => {
    w.world.newExecution();
    return readSchedule(w.open().port, ctx, (c) => c === UNDATED || (c >= WINDOW.from && c <= WINDOW.to));
  };

  it('with no index (a workbook from before it, or filled outside the product)', () => {
    const w = world(90, { index: false });
    expect(readThrough(w).fallback).toBe('missing');
    expectExact(w);
  });

  it('after a hand edit that may move dates (onEdit puts a new mark in H1), not after one that cannot', () => {
    const w = world(90);
    const sheet = w.sheet('Schedule');
    // A time typed into a dated row: nothing the index says changes.
    sheet.getRange(40, 3).setValue('10:00');
    globals.onEdit({ range: sheet.getRange(40, 3) });
    expect(readThrough(w).fallback).toBeNull();
    // Another day's row given the window's date by hand: the index no longer says where the window is.
    sheet.getRange(40, 1).setValue(`'${TODAY}`);
    globals.onEdit({ range: sheet.getRange(40, 1) });
    expect(sheet.getRange(1, STAMP_COLUMN).getValue()).toMatch(/^WTT edit /);
    expect(readThrough(w).fallback).toBe('stale');
    const { read } = windowRead(w);
    expect(read.sheetRows).toContain(40);
    expectExact(w);
    // The next writer (here the rebuild) writes an index under the new mark: bounded again.
    w.world.newExecution();
    rebuildScheduleIndex(w.open().port, ctx);
    expect(readThrough(w).fallback).toBeNull();
    expectExact(w);
  });

  it('when a row was added below the rows the index covers (another script, no onEdit)', () => {
    const w = world(90);
    w.sheet('Schedule').appendRow([TODAY, 'e999', '09:00', '18:00', '', '']);
    expect(readThrough(w).fallback).toBe('mismatch');
    expect(windowRead(w).read.rows.some((s) => s.employee_id === 'e999')).toBe(true);
    expectExact(w);
  });

  it('when rows were deleted or inserted by hand above the window (no onEdit for either)', () => {
    const w = world(90);
    w.sheet('Schedule').deleteRows(10, 3);
    expect(readThrough(w).fallback).toBe('mismatch');
    expectExact(w);
    const v = world(90);
    v.sheet('Schedule').insertRowsBefore(10, 2);
    expect(readThrough(v).fallback).toBe('mismatch');
    expectExact(v);
  });

  it('when the grid no longer reaches the last row the index covers (rows deleted at the bottom by hand)', () => {
    const w = world(40);
    const sheet = w.sheet('Schedule');
    sheet.deleteRows(sheet.getMaxRows() - 60, 61);
    expect(readThrough(w).fallback).toBe('mismatch');
    expectExact(w);
    const last = { from: addDays(TODAY, 7), to: addDays(TODAY, 7) };
    w.world.newExecution();
    expect(readSchedule(w.open().port, ctx, wantsDates(new Set([last.from]))).fallback).toBe('unreadable');
    expectExact(w, last);
  });

  it('when a writer’s claim went down but its rows never came (cut between the two writes), readers are still right', () => {
    const w = world(60);
    w.world.newExecution();
    const { port } = w.open();
    const read = readSchedule(port, ctx, wantsDates(new Set([TODAY])));
    // The write that would move today's first row to another date, and add today's shift below the last row.
    const first = [...read.classes].find(([, c]) => c === TODAY)![0];
    const moved = encodeRecord(TABS.Schedule, { date: addDays(TODAY, 30), employee_id: 'e001', shift_start: '09:00', shift_end: '18:00', breaks: '', day: '' });
    const added = encodeRecord(TABS.Schedule, { date: TODAY, employee_id: 'e500', shift_start: '09:00', shift_end: '18:00', breaks: '', day: '' });
    const written = new Map([[first, classOfWritten(moved, ctx)], [read.nextRow, classOfWritten(added, ctx)]]);
    writeScheduleIndex(port, read, indexForWrite(read, written));
    // Cut here: the claim is down, the rows are not.
    expectExact(w);
    expectExact(w, { from: addDays(TODAY, 30), to: addDays(TODAY, 30) });
    // And once the rows are written, still right.
    w.world.newExecution();
    const p2 = w.open().port;
    p2.writeRows('Schedule', first, [moved]);
    p2.writeRows('Schedule', read.nextRow, [added]);
    expectExact(w);
    expectExact(w, { from: addDays(TODAY, 30), to: addDays(TODAY, 30) });
    expect(readThrough(w).fallback).toBeNull();
  });

  it('keeps its cells right of the header: G1 the index, H1 the mark', () => {
    const w = world(10);
    const head = w.sheet('Schedule').getRange(1, 1, 1, STAMP_COLUMN).getValues()[0];
    expect(head.slice(0, 6)).toEqual(['date', 'employee_id', 'shift_start', 'shift_end', 'breaks', 'day']);
    expect(decodeIndex(String(head[INDEX_COLUMN - 1]))).not.toBeNull();
    expect(head[STAMP_COLUMN - 1]).toBe('');
  });
});
