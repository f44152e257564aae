// reports.summary / reports.series / reports.export over a day played through the web-app API and consolidated
// by the rollover: the minutes are computed by hand from the entries below.
//
// e001 Анна Иванова (support-l1, 09:00-18:00, break 11:00 15 min, lunch 12:00 60 min, break 16:00 15 min;
// support rules: break at most 15 min, grace 2):
//   09:12 work · 11:00 break · 11:21 work · 12:00 lunch · 13:00 work · 16:00 break · 16:10 work · 18:00 offline
//   worked 108 + 39 + 180 + 110 = 437 min; breaks 21 + 10 = 31 min; lunch 60 min; planned breaks 30, lunch 60;
//   the 11:00 break ran 21 min: one overrun, 21 - 15 - 2 = 4 min past the limit; 09:12 is
//   a late start 12 - 5 (the shift's grace) = 7 min past the limit.
// e004 James Carter (support-l1, the same shift) works 09:00-18:00 with no break at all.
import { afterEach, describe, expect, it } from 'vitest';
import { EMPLOYEE, LEAD, OTHER_LEAD, OWNER, rid } from './helpers.ts';
import { at, floorOffice, NEXT, playAndConsolidate, restoreClock, type FloorOffice } from './floor-office.ts';
import { isSheetCall } from '../../bench/lib/call-split.ts';
import { reportCsv } from '../../common/reports.ts';
import { runArchive } from '../../appsscript/src/gas/triggers.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';

afterEach(restoreClock);

const DAY = '2026-11-24';

function playedDay(): FloorOffice {
  const o = floorOffice();
  playAndConsolidate(o, [
    ['09:00', 'e004', 'work'], ['09:12', 'e001', 'work'], ['11:00', 'e001', 'break'], ['11:21', 'e001', 'work'], ['12:00', 'e001', 'lunch'],
    ['13:00', 'e001', 'work'], ['16:00', 'e001', 'break'], ['16:10', 'e001', 'work'], ['18:00', 'e001', 'offline'], ['18:00', 'e004', 'offline'],
  ]);
  o.moveTo(at('09:00', NEXT));
  return o;
}

function sheetCalls(o: FloorOffice): number {
  return Object.entries(o.world.stats().calls).reduce((n, [m, c]) => n + (isSheetCall(m) ? c : 0), 0);
}

describe('reports.summary', () => {
  it('gives each person the minutes of their consolidated days', () => {
    const o = playedDay();
    const r = o.ok(OWNER, 'reports.summary', { from: DAY, to: DAY, group: 'support-l1' });
    const anna = r.rows.find((x) => x.employee_id === 'e001');
    expect(anna).toMatchObject({
      name: 'Анна Иванова',
      group: 'support-l1',
      days: 1,
      worked_min: 437,
      break_min: 31,
      lunch_min: 60,
      planned_break_min: 30,
      planned_lunch_min: 60,
      overruns: 1,
      overrun_min: 4,
      late_starts: 1,
      late_start_min: 7,
    });
    expect(anna?.violations_by_type.break_overrun).toBe(1);
    expect(anna?.violations_by_type.late_start).toBe(1);
    const james = r.rows.find((x) => x.employee_id === 'e004');
    expect(james).toMatchObject({ worked_min: 540, break_min: 0, lunch_min: 0, overruns: 0 });
    expect(james?.violations_by_type.missed_lunch).toBe(1);
    // Everyone else of support-l1 on shift that day never came in: a day with nothing worked.
    expect(r.rows.filter((x) => x.worked_min === 0).length).toBeGreaterThan(0);
    expect(r.totals.worked_min).toBe(437 + 540);
    expect(r.coverage).toEqual({ dates_with_data: 1, dates: 1, without_breakdown: 0, unavailable_months: [] });
    expect(r.groups.map((g) => g.group)).toEqual(['support-l1']);
  });

  it('reads the Daily tab through its index: three sheet calls, whatever the Log holds, and never Log', () => {
    const o = playedDay();
    o.ok(OWNER, 'people.list', {}); // the reference cache is warm, as it is for a dialog open all day
    o.ok(OWNER, 'reports.summary', { from: DAY, to: DAY });
    const calls = o.world.stats().calls;
    expect(sheetCalls(o)).toBeLessThanOrEqual(4);
    expect(Object.keys(calls).some((m) => /Log/.test(m))).toBe(false);
    const settings = o.rows('Settings').find((r) => r.key === 'daily.index');
    expect(JSON.parse(String(settings?.value))).toHaveProperty(DAY);
  });

  it('finds the rows from the date column when the index is missing or wrong', () => {
    const o = playedDay();
    const good = o.ok(OWNER, 'reports.summary', { from: DAY, to: DAY });
    // A hand edit moved the rows: the index now points two rows too low.
    o.world.newExecution();
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings')!;
    const values = sheet.getDataRange().getValues();
    const row = values.findIndex((r) => r[0] === 'daily.index') + 1;
    const index = JSON.parse(String(values[row - 1][1])) as Record<string, [number, number]>;
    sheet.getRange(row, 2).setValue(JSON.stringify({ [DAY]: [index[DAY][0] + 2, index[DAY][1]] }));
    const moved = o.ok(OWNER, 'reports.summary', { from: DAY, to: DAY });
    expect(moved.rows).toEqual(good.rows);
    o.world.newExecution();
    sheet.getRange(row, 2).setValue('not json');
    expect(o.ok(OWNER, 'reports.summary', { from: DAY, to: DAY }).rows).toEqual(good.rows);
  });

  it('keeps a lead to the groups they lead and refuses an employee', () => {
    const o = playedDay();
    expect(o.ok(LEAD, 'reports.summary', { from: DAY, to: DAY }).rows.every((r) => r.group === 'support-l1')).toBe(true);
    expect(o.ok(OTHER_LEAD, 'reports.summary', { from: DAY, to: DAY }).rows.some((r) => r.group === 'support-l1')).toBe(false);
    const refused = o.rpc(OTHER_LEAD, 'reports.summary', { from: DAY, to: DAY, group: 'support-l1' });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('forbidden');
    const person = o.rpc(OTHER_LEAD, 'reports.summary', { from: DAY, to: DAY, employee_id: 'e001' });
    expect(person.ok ? 'ok' : person.error.code).toBe('forbidden');
    const employee = o.rpc(EMPLOYEE, 'reports.summary', { from: DAY, to: DAY });
    expect(employee.ok).toBe(false);
  });

  it('refuses a bad period with the field', () => {
    const o = playedDay();
    const backwards = o.rpc(OWNER, 'reports.summary', { from: NEXT, to: DAY });
    expect(backwards.ok ? [] : backwards.error.details?.fields).toEqual([expect.objectContaining({ field: 'to' })]);
    const both = o.rpc(OWNER, 'reports.summary', { from: DAY, to: DAY, group: 'support-l1', employee_id: 'e001' });
    expect(both.ok ? [] : both.error.details?.fields).toEqual([expect.objectContaining({ field: 'employee_id' })]);
  });

  it('gives the CSV of the table with the same numbers', () => {
    const o = playedDay();
    const r = o.ok(OWNER, 'reports.summary', { from: DAY, to: DAY, employee_id: 'e001' });
    const lines = reportCsv(r.rows).replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0].split(',');
    const anna = Object.fromEntries(lines[1].split(',').map((v, i) => [header[i], v]));
    expect(anna).toMatchObject({ employee_id: 'e001', worked_min: '437', break_min: '31', lunch_min: '60', overruns: '1', overrun_min: '4', violations_break_overrun: '1' });
  });
});

describe('reports.series', () => {
  it('gives the day by status kind and the most on break at once by hour', () => {
    const o = playedDay();
    const s = o.ok(OWNER, 'reports.series', { from: DAY, to: DAY, group: 'support-l1' });
    expect(s.days).toHaveLength(1);
    expect(s.days[0].minutes_by_kind).toMatchObject({ work: 437 + 540, break: 31, lunch: 60 });
    const hours = s.hours.find((h) => h.group === 'support-l1')!;
    expect(hours.hours[11]).toEqual({ hour: 11, peak: 1, average: 1 });
    expect(hours.hours[12].peak).toBe(1);
    expect(hours.hours[14].peak).toBe(0);
    expect(s.kind_colors.break).toBe('#fbbc04');
  });
});

describe('reports.export', () => {
  it('makes one new spreadsheet per request, with the people, groups and days, and audits it', () => {
    const o = playedDay();
    const request_id = rid();
    const first = o.ok(OWNER, 'reports.export', { from: DAY, to: DAY, group: 'support-l1', lang: 'en', request_id });
    const again = o.ok(OWNER, 'reports.export', { from: DAY, to: DAY, group: 'support-l1', lang: 'en', request_id });
    expect(again).toEqual(first);
    o.world.newExecution();
    const book = SpreadsheetApp.openById(first.id);
    expect(book.getSheets().map((s) => s.getName())).toEqual(['People', 'Groups', 'Days']);
    const people = book.getSheetByName('People')!;
    expect(people.getFrozenRows()).toBe(1);
    const values = people.getDataRange().getValues();
    const anna = values.find((r) => r[0] === 'e001')!;
    expect(anna[values[0].indexOf('Worked, min')]).toBe(437);
    expect(values[values.length - 1][1]).toBe('Total');
    expect(book.getSheetByName('Days')!.getCharts().length).toBe(2);
    expect(o.rows('Audit').filter((r) => r.action === 'reports.export')).toHaveLength(1);
  });

  it('exports a period without data too: the headers and a total of nothing', () => {
    const o = playedDay();
    const made = o.ok(OWNER, 'reports.export', { from: '2026-10-01', to: '2026-10-31', lang: 'ru', request_id: rid() });
    o.world.newExecution();
    const book = SpreadsheetApp.openById(made.id);
    expect(book.getSheets().map((s) => s.getName())).toEqual(['Сотрудники', 'Группы', 'По дням']);
    expect(made.rows).toBe(0);
  });
});

describe('reports over archived months', () => {
  // Days of November and December consolidated by the rollover; then, in January with Daily kept 1 month,
  // the archive moves November's days to "WTT Archive 2026-11" (tab Daily) and December's stay live.
  const FROM = '2026-11-01';
  const TO = '2026-12-01';

  function twoMonths(): FloorOffice {
    const o = playedDay();
    o.moveTo(at('09:00', '2026-12-01'));
    o.sync('e001', [{ status: 'work', at: at('09:00', '2026-12-01') }]);
    o.moveTo(at('17:00', '2026-12-01'));
    o.sync('e001', [{ status: 'offline', at: at('17:00', '2026-12-01') }]);
    o.moveTo(at('05:00', '2026-12-02'));
    o.rollover();
    return o;
  }

  function archiveInJanuary(o: FloorOffice): void {
    o.moveTo(at('04:00', '2027-01-10'));
    openTables(gasSheetPort(), { timeZone: 'Europe/Moscow', formatDate: (ms, p) => Utilities.formatDate(new Date(ms), 'Europe/Moscow', p) }).setSettings(new Map([['daily_keep_months', '1']]));
    o.world.newExecution();
    const report = runArchive();
    expect(report).toMatchObject({ status: 'done' });
    expect(report.dailyMoved).toBeGreaterThan(0);
    o.moveTo(at('09:00', '2027-01-10'));
  }

  it('a period spanning archived and live months gives the same numbers as before archiving', () => {
    const o = twoMonths();
    const before = o.ok(OWNER, 'reports.summary', { from: FROM, to: TO });
    const seriesBefore = o.ok(OWNER, 'reports.series', { from: FROM, to: TO });
    const dates = new Set(seriesBefore.days.filter((d) => d.people > 0).map((d) => d.date.slice(0, 7)));
    expect([...dates].sort()).toEqual(['2026-11', '2026-12']);
    archiveInJanuary(o);
    // November is no longer in the live tab.
    expect(o.rows('Daily').every((r) => String(r.date) >= '2026-12-01')).toBe(true);
    const after = o.ok(OWNER, 'reports.summary', { from: FROM, to: TO });
    expect(after.rows).toEqual(before.rows);
    expect(after.groups).toEqual(before.groups);
    expect(after.totals).toEqual(before.totals);
    expect(after.coverage).toEqual({ ...before.coverage, unavailable_months: [] });
    expect(o.ok(OWNER, 'reports.series', { from: FROM, to: TO }).days).toEqual(seriesBefore.days);
    // A period wholly in the archive: the played day, as counted by hand at the top of this file.
    const day = o.ok(OWNER, 'reports.summary', { from: DAY, to: DAY, group: 'support-l1' });
    expect(day.rows.find((x) => x.employee_id === 'e001')).toMatchObject({ worked_min: 437, break_min: 31, lunch_min: 60, overruns: 1, overrun_min: 4 });
  });

  it('a month whose archive workbook cannot be opened is named in the coverage, not a failed report', () => {
    const o = twoMonths();
    const live = o.ok(OWNER, 'reports.summary', { from: '2026-12-01', to: TO });
    archiveInJanuary(o);
    PropertiesService.getScriptProperties().setProperty('ARCHIVE_WORKBOOK_2026-11', 'no-such-spreadsheet');
    o.world.newExecution();
    const r = o.ok(OWNER, 'reports.summary', { from: FROM, to: TO });
    expect(r.coverage.unavailable_months).toEqual(['2026-11']);
    expect(r.totals).toEqual(live.totals);
    // A property deleted by hand: the archive recorded moving November's days, so it is still reported.
    PropertiesService.getScriptProperties().deleteProperty('ARCHIVE_WORKBOOK_2026-11');
    o.world.newExecution();
    expect(o.ok(OWNER, 'reports.summary', { from: FROM, to: TO }).coverage.unavailable_months).toEqual(['2026-11']);
    // Months before the tracker had any days are not missing.
    expect(o.ok(OWNER, 'reports.summary', { from: '2026-09-01', to: '2026-09-30' }).coverage.unavailable_months).toEqual([]);
  });
});
