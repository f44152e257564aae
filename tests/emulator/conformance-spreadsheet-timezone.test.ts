// Spreadsheet.setSpreadsheetTimeZone in the emulator, and the zone kept by the durable store.
// Reference: developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setSpreadsheetTimeZone(String)
// "Sets the time zone for the spreadsheet." Parameter timezone: "The time zone, specified in "long" format
// (for example, "America/New_York", as listed by Joda.org)."
// Sheets keeps a date-time as a serial day number in the spreadsheet's time zone (support.google.com/docs
// "Change a spreadsheet's locale, time zone, calculation settings, and language"; the serial numbers of
// DATEVALUE and friends), so a cell keeps showing the same wall-clock time and the instant Apps Script
// reads from it moves with the zone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyOp, newSpreadsheet } from '../../emulator/model/apply.ts';
import type { Op, Workbooks } from '../../emulator/model/types.ts';
import { DurableWorkbookStore, loadSpreadsheetFile, type StoreEvent } from '../../emulator/store/durable-store.ts';
import { canonicalWorkbooks, firstDifference } from './fixtures/store-workload.ts';
import { spreadsheetHarness } from './helpers/spreadsheet-harness.ts';

/** 2026-11-24 10:00 in Moscow (UTC+3). */
const TEN_IN_MOSCOW = Date.UTC(2026, 10, 24, 7, 0);
/** 2026-11-24 10:00 in Yekaterinburg (UTC+5). */
const TEN_IN_YEKATERINBURG = Date.UTC(2026, 10, 24, 5, 0);

describe('Spreadsheet.setSpreadsheetTimeZone', () => {
  it('sets the zone getSpreadsheetTimeZone reports, as one counted call', () => {
    const { app, meter } = spreadsheetHarness({ timeZone: 'Europe/Moscow' });
    const ss = app.getActiveSpreadsheet();
    ss.setSpreadsheetTimeZone('America/New_York');
    expect(ss.getSpreadsheetTimeZone()).toBe('America/New_York');
    expect(meter.calls['Spreadsheet.setSpreadsheetTimeZone']).toBe(1);
  });

  it('keeps what a date-time cell shows and moves the instant it reads as', () => {
    const { app, execution } = spreadsheetHarness({ timeZone: 'Europe/Moscow' });
    const ss = app.getActiveSpreadsheet();
    const cell = ss.getSheetByName('Sheet1')!.getRange('A1');
    cell.setValue(new Date(TEN_IN_MOSCOW)).setNumberFormat('yyyy-mm-dd hh:mm');
    expect(cell.getDisplayValue()).toBe('2026-11-24 10:00');
    ss.setSpreadsheetTimeZone('Asia/Yekaterinburg');
    const later = execution().app.getActiveSpreadsheet().getSheetByName('Sheet1')!.getRange('A1');
    expect(later.getDisplayValue()).toBe('2026-11-24 10:00');
    expect((later.getValue() as Date).getTime()).toBe(TEN_IN_YEKATERINBURG);
  });

  it('reads what is typed afterwards in the new zone', () => {
    const { app } = spreadsheetHarness({ timeZone: 'Europe/Moscow' });
    const ss = app.getActiveSpreadsheet();
    ss.setSpreadsheetTimeZone('Asia/Yekaterinburg');
    const cell = ss.getSheetByName('Sheet1')!.getRange('B1');
    cell.setValue('2026-11-24 10:00');
    expect((cell.getValue() as Date).getTime()).toBe(TEN_IN_YEKATERINBURG);
  });

  it('refuses a zone it does not know, and a value that is not text, changing nothing', () => {
    const { app } = spreadsheetHarness({ timeZone: 'Europe/Moscow' });
    const ss = app.getActiveSpreadsheet();
    expect(() => ss.setSpreadsheetTimeZone('Mars/Olympus_Mons')).toThrow('Invalid argument: timezone');
    expect(() => ss.setSpreadsheetTimeZone(3 as unknown as string)).toThrow(/don't match the method signature/);
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Moscow');
  });
});

describe('the zone in the durable store', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-zone-'));
    file = path.join(dir, 'workbook.xlsx');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const open = () => DurableWorkbookStore.open({ file, timeZone: 'Europe/Moscow', name: 'WTT' });
  const ops = (ss: string): Op[] => [
    { t: 'setValues', ss, sheetId: 0, row: 1, col: 1, values: [[new Date(TEN_IN_MOSCOW), 'ten']] },
    { t: 'setSpreadsheetTimeZone', ss, timeZone: 'Asia/Yekaterinburg' },
    { t: 'setValues', ss, sheetId: 0, row: 2, col: 1, values: [[new Date(TEN_IN_YEKATERINBURG), 'ten again']] },
  ];
  const expected = (ss: string): Workbooks => {
    const wb: Workbooks = new Map([[ss, newSpreadsheet(ss, 'WTT', 'Europe/Moscow')]]);
    for (const op of ops(ss)) applyOp(wb, op);
    return wb;
  };
  const expectState = (store: DurableWorkbookStore, ss: string) => {
    expect(firstDifference(JSON.parse(canonicalWorkbooks(store.list())), JSON.parse(canonicalWorkbooks(expected(ss).values())))).toBe('');
    const model = store.get(ss)!;
    expect(model.timeZone).toBe('Asia/Yekaterinburg');
    expect(model.sheets[0].rows.map((r) => (r[0] as Date).getTime())).toEqual([TEN_IN_YEKATERINBURG, TEN_IN_YEKATERINBURG]);
  };

  it('replays the change from the journal after a crash', async () => {
    const store = await open();
    for (const op of ops(store.activeId)) store.apply(op);
    store.sync();
    const recovered = await open(); // the first was dropped without close(): a crash
    expectState(recovered, store.activeId);
    await recovered.close();
  });

  it('writes the snapshot in the new zone and the manifest with it, so the file reads back the same', async () => {
    const store = await open();
    for (const op of ops(store.activeId)) store.apply(op);
    await store.close();
    const again = await open();
    expectState(again, store.activeId);
    await again.close();
    const loaded = await loadSpreadsheetFile(file);
    expect(loaded.timeZone).toBe('Asia/Yekaterinburg');
    expect((loaded.sheets[0].rows[0][0] as Date).getTime()).toBe(TEN_IN_YEKATERINBURG);
  });

  const steps: StoreEvent[] = ['journal-rotated', 'snapshot-written', 'pending-recorded', 'base-copied', 'renamed', 'manifest-committed', 'segments-dropped'];
  for (const step of steps) {
    it(`loses nothing when the snapshot after a zone change dies after "${step}"`, async () => {
      let dieAt: StoreEvent | null = null;
      const store = await DurableWorkbookStore.open({
        file,
        timeZone: 'Europe/Moscow',
        name: 'WTT',
        trace: (e) => {
          if (e === dieAt) throw new Error(`simulated crash after ${e}`);
        },
      });
      for (const op of ops(store.activeId)) store.apply(op);
      dieAt = step;
      await expect(store.close()).rejects.toThrow(`simulated crash after ${step}`);
      const recovered = await open();
      expectState(recovered, store.activeId);
      await recovered.close();
    });
  }
});
