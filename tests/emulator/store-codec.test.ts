// The .xlsx codec of the durable store: what a spreadsheet model looks like in the file (checked with
// exceljs' ordinary, non-streaming reader as an independent witness) and that it comes back intact.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOp, cellAt, lastColumn, lastRow, numberFormatAt } from '../../emulator/model/apply.ts';
import { toWallMs } from '../../emulator/model/timezone.ts';
import type { CellValue, Op, SpreadsheetModel, Workbooks } from '../../emulator/model/types.ts';
import { encodeJson } from '../../emulator/store/json-codec.ts';
import { DEFAULT_DATE_FORMAT, isDateFormat, readSpreadsheetXlsx, writeSpreadsheetXlsx } from '../../emulator/store/xlsx-codec.ts';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-codec-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let fileCounter = 0;
const tmpFile = () => path.join(dir, `t${++fileCounter}.xlsx`);

function build(timeZone: string, ops: (ss: string) => Op[]): SpreadsheetModel {
  const wb: Workbooks = new Map();
  applyOp(wb, { t: 'createSpreadsheet', ss: 's', name: 'Book', timeZone });
  for (const op of ops('s')) applyOp(wb, op);
  return wb.get('s')!;
}

/** A comparable form of a model: Dates as epoch ms, formulas sorted. */
function canonical(ss: SpreadsheetModel): string {
  return encodeJson({
    ...ss,
    sheets: ss.sheets.map((s) => ({ ...s, formulas: [...s.formulas].sort((a, b) => a[0] - b[0]) })),
  });
}

async function roundTrip(ss: SpreadsheetModel): Promise<{ exact: SpreadsheetModel; derived: SpreadsheetModel; file: string }> {
  const file = tmpFile();
  const layout = await writeSpreadsheetXlsx(ss, file);
  const base = { id: ss.id, name: ss.name, timeZone: ss.timeZone };
  return {
    file,
    exact: await readSpreadsheetXlsx(file, { ...base, layout, exact: true }),
    derived: await readSpreadsheetXlsx(file, base),
  };
}

async function witness(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const values: CellValue[][] = [
  ['text', '  padded  ', 'ünïcødé ✓ 日本', '<&>"\'', 'line\nbreak', '=not a formula', "'quoted", '0042'],
  [0, -1, 3.14159, 0.1 + 0.2, 1e-10, 123456789012345, -2.5e20, 1 / 3],
  [true, false, '', 'after a blank', '', '', '', 'last'],
  [new Date(Date.UTC(2024, 0, 15, 8, 30)), new Date(Date.UTC(1970, 0, 1)), new Date(Date.UTC(2030, 11, 31, 23, 59, 59, 999)), '', '', '', '', ''],
];

describe('values', () => {
  it('every value type comes back as written: strings, numbers, booleans, Dates, blanks between values', async () => {
    const ss = build('Europe/Moscow', (s) => [
      { t: 'setValues', ss: s, sheetId: 0, row: 1, col: 1, values },
      // a blank row in the middle of the used area, and a long string
      { t: 'setValues', ss: s, sheetId: 0, row: 6, col: 2, values: [['long '.repeat(2_000)]] },
    ]);
    const { exact, derived } = await roundTrip(ss);
    expect(canonical(exact)).toBe(canonical(ss));
    // Without the layout, values are still exact (only ids, grid size and rule shapes may differ).
    for (let r = 1; r <= lastRow(ss.sheets[0]); r++) {
      for (let c = 1; c <= lastColumn(ss.sheets[0]); c++) {
        expect(encodeJson(cellAt(derived.sheets[0], r, c)), `R${r}C${c}`).toBe(encodeJson(cellAt(ss.sheets[0], r, c)));
      }
    }
    expect(derived.sheets[0].rows[4]).toEqual([]);
  });

  it('stores strings, numbers and booleans with their xlsx types', async () => {
    const ss = build('UTC', (s) => [{ t: 'setValues', ss: s, sheetId: 0, row: 1, col: 1, values: [['0042', 42, true]] }]);
    const { file } = await roundTrip(ss);
    const ws = (await witness(file)).worksheets[0];
    expect(ws.getCell('A1').value).toBe('0042');
    expect(ws.getCell('B1').value).toBe(42);
    expect(ws.getCell('C1').value).toBe(true);
  });

  it('keeps formulas as formulas, with the stored value as their cached result', async () => {
    const ss = build('UTC', (s) => [
      {
        t: 'setValues',
        ss: s,
        sheetId: 0,
        row: 1,
        col: 1,
        values: [[1, 2, 3, 'x', '', true, false]],
        formulas: [[null, null, '=A1+B1', '=IF(A1>0,"x","y")', '=NOW()', '=A1>0', '=A1<0']],
      },
    ]);
    const { file, exact, derived } = await roundTrip(ss);
    expect(canonical(exact)).toBe(canonical(ss));
    expect([...derived.sheets[0].formulas.values()]).toEqual(['=A1+B1', '=IF(A1>0,"x","y")', '=NOW()', '=A1>0', '=A1<0']);
    const ws = (await witness(file)).worksheets[0];
    expect(ws.getCell('C1').formula).toBe('A1+B1');
    expect((ws.getCell('C1').value as ExcelJS.CellFormulaValue).result).toBe(3);
    expect(ws.getCell('D1').formula).toBe('IF(A1>0,"x","y")');
  });
});

describe('tabs, frozen rows, grid size', () => {
  const ss = build('UTC', (s) => [
    { t: 'insertSheet', ss: s, sheetId: 17, name: 'Log ✓', index: 0, rows: 5000, columns: 12 },
    { t: 'insertSheet', ss: s, sheetId: 9, name: 'Settings', index: 2, rows: 50, columns: 3 },
    { t: 'renameSheet', ss: s, sheetId: 0, name: 'Employees' },
    { t: 'setFrozenRows', ss: s, sheetId: 17, rows: 1 },
    { t: 'setFrozenRows', ss: s, sheetId: 9, rows: 2 },
    { t: 'setValues', ss: s, sheetId: 17, row: 1, col: 1, values: [['at', 'who']] },
    { t: 'setValues', ss: s, sheetId: 9, row: 1, col: 1, values: [['key', 'value']] },
  ]);

  it('keeps tab order, names, frozen rows, sheet ids and grid sizes', async () => {
    const { file, exact, derived } = await roundTrip(ss);
    expect(canonical(exact)).toBe(canonical(ss));
    expect(derived.sheets.map((s) => [s.name, s.frozenRows])).toEqual([
      ['Log ✓', 1],
      ['Employees', 0],
      ['Settings', 2],
    ]);
    // Read on its own, a file gives fresh ids and a grid at least as large as the used area.
    for (const s of derived.sheets) {
      expect(s.maxRows).toBeGreaterThanOrEqual(lastRow(s));
      expect(s.maxColumns).toBeGreaterThanOrEqual(lastColumn(s));
    }
    expect(new Set(derived.sheets.map((s) => s.id)).size).toBe(3);
    const wb = await witness(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Log ✓', 'Employees', 'Settings']);
    expect(wb.worksheets[0].views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.worksheets[2].views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('matches sheets to a previous layout by name when the file was edited elsewhere', async () => {
    const file = tmpFile();
    const layout = await writeSpreadsheetXlsx(ss, file);
    const renamedLayout = { ...layout, sheets: layout.sheets.map((s) => (s.name === 'Settings' ? { ...s, name: 'Old name' } : s)) };
    const back = await readSpreadsheetXlsx(file, { id: 's', name: 'Book', timeZone: 'UTC', layout: renamedLayout });
    expect(back.sheets.map((s) => [s.name, s.id])).toEqual([
      ['Log ✓', 17],
      ['Employees', 0],
      ['Settings', 18], // unknown by name: a fresh id above the layout's nextSheetId
    ]);
    expect(back.sheets[0].maxRows).toBe(5000);
    expect(back.nextSheetId).toBe(19);
  });
});

describe('many tabs', () => {
  // exceljs' own streaming WorkbookReader drops parts of such files now and then (exceljs issue #2790);
  // the codec reads the zip's directory instead, so every read must see every tab with its strings and styles.
  it('reads all 12 tabs of a file, every time', async () => {
    const ss = build('UTC', (s) => [
      ...Array.from({ length: 11 }, (_, i): Op => ({ t: 'insertSheet', ss: s, sheetId: i + 1, name: `Tab ${i + 1}`, index: i + 1, rows: 10, columns: 3 })),
      ...Array.from({ length: 12 }, (_, i): Op => ({ t: 'setValues', ss: s, sheetId: i, row: 1, col: 1, values: [[i, `text ${i}`, new Date(Date.UTC(2024, 0, i + 1))]] })),
    ]);
    const file = tmpFile();
    await writeSpreadsheetXlsx(ss, file);
    for (let k = 0; k < 20; k++) {
      const back = await readSpreadsheetXlsx(file, { id: 's', name: 'Book', timeZone: 'UTC' });
      expect(back.sheets.map((s) => [s.name, ...s.rows[0]])).toEqual(ss.sheets.map((s) => [s.name, ...s.rows[0]]));
    }
  });
});

describe('number formats', () => {
  const ss = build('Europe/Berlin', (s) => [
    { t: 'setValues', ss: s, sheetId: 0, row: 1, col: 1, values: [['id', 'at', 'day', 'amount', 'n']] },
    { t: 'setNumberFormat', ss: s, sheetId: 0, rule: { r1: 2, c1: 1, r2: Infinity, c2: 1, format: '@' } },
    { t: 'setNumberFormat', ss: s, sheetId: 0, rule: { r1: 2, c1: 2, r2: Infinity, c2: 2, format: 'yyyy-mm-dd hh:mm' } },
    { t: 'setNumberFormat', ss: s, sheetId: 0, rule: { r1: 2, c1: 3, r2: 3, c2: 3, format: 'dd.mm.yyyy' } },
    { t: 'setNumberFormat', ss: s, sheetId: 0, rule: { r1: 2, c1: 4, r2: 3, c2: 4, format: '#,##0.00' } },
    // a number under a date format, and a Date under a text format: types are kept as the model has them
    { t: 'setNumberFormat', ss: s, sheetId: 0, rule: { r1: 2, c1: 5, r2: 2, c2: 5, format: 'yyyy-mm-dd' } },
    {
      t: 'setValues',
      ss: s,
      sheetId: 0,
      row: 2,
      col: 1,
      values: [
        ['007', new Date(Date.UTC(2024, 5, 1, 6)), new Date(Date.UTC(2024, 5, 1, 22)), 1234.5, 45000],
        ['008', new Date(Date.UTC(2024, 5, 2, 6)), new Date(Date.UTC(2024, 5, 2, 22)), 99, ''],
      ],
    },
  ]);

  it("writes '@' and date formats per cell, and per column for rules open downwards", async () => {
    const { file } = await roundTrip(ss);
    const ws = (await witness(file)).worksheets[0];
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getCell('B2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('C3').numFmt).toBe('dd.mm.yyyy');
    expect(ws.getCell('D2').numFmt).toBe('#,##0.00');
    expect(ws.getColumn(1).numFmt).toBe('@');
    expect(ws.getColumn(2).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('A1').numFmt ?? 'General').toBe('General'); // the header stays automatic
  });

  it('comes back exactly with the layout, and with the same effective formats without it', async () => {
    const { exact, derived } = await roundTrip(ss);
    expect(canonical(exact)).toBe(canonical(ss));
    const [orig, read] = [ss.sheets[0], derived.sheets[0]];
    for (let r = 1; r <= 3; r++) {
      for (let c = 1; c <= 4; c++) {
        expect(numberFormatAt(read, r, c), `R${r}C${c}`).toBe(numberFormatAt(orig, r, c));
      }
    }
    // Rows far below the data keep the open-ended column formats.
    expect(numberFormatAt(read, 900, 1)).toBe('@');
    expect(numberFormatAt(read, 900, 2)).toBe('yyyy-mm-dd hh:mm');
    expect(numberFormatAt(read, 900, 3)).toBe('');
    expect(cellAt(read, 2, 5)).toBe(45000);
  });

  it('gives a Date cell without a date format a date format in the file, so it stays a date', async () => {
    const plain = build('UTC', (s) => [{ t: 'setValues', ss: s, sheetId: 0, row: 1, col: 1, values: [[new Date(Date.UTC(2024, 1, 29, 12))]] }]);
    const { file, derived } = await roundTrip(plain);
    expect((await witness(file)).worksheets[0].getCell('A1').numFmt).toBe(DEFAULT_DATE_FORMAT);
    expect(cellAt(derived.sheets[0], 1, 1)).toEqual(new Date(Date.UTC(2024, 1, 29, 12)));
  });

  it('classifies formats as dates the way exceljs does', () => {
    expect(['yyyy-mm-dd', 'hh:mm', '[h]:mm', 'dd.mm.yyyy hh:mm:ss', 'YYYY-MM-DD'].map(isDateFormat)).toEqual([true, true, true, true, true]);
    expect(['', '@', 'General', '0.00', '#,##0 "days"', '0%'].map(isDateFormat)).toEqual([false, false, false, false, false, false]);
  });
});

describe('dates and time zones', () => {
  // Instants every 15 minutes across the days the clocks change, in both directions.
  function around(day: number[], hours = 30): Date[] {
    const start = Date.UTC(day[0], day[1], day[2]) - 3 * 3_600_000;
    return Array.from({ length: hours * 4 }, (_, i) => new Date(start + i * 900_000));
  }
  const cases: [string, number[], number[]][] = [
    ['Europe/Berlin', [2024, 2, 31], [2024, 9, 27]],
    ['America/New_York', [2024, 2, 10], [2024, 10, 3]],
  ];

  for (const [timeZone, spring, autumn] of cases) {
    it(`${timeZone}: writes each Date as its wall-clock time in the spreadsheet's zone`, async () => {
      const dates = [...around(spring), ...around(autumn)];
      const ss = build(timeZone, (s) => [{ t: 'setValues', ss: s, sheetId: 0, row: 1, col: 1, values: dates.map((d) => [d]) }]);
      const { file } = await roundTrip(ss);
      const ws = (await witness(file)).worksheets[0];
      // exceljs reads a serial as a Date whose UTC fields are the serial's wall clock.
      dates.forEach((d, i) => {
        expect((ws.getCell(i + 1, 1).value as Date).getTime(), d.toISOString()).toBe(toWallMs(d.getTime(), timeZone));
      });
    });

    it(`${timeZone}: reads every instant back exactly across DST changes (the repeated hour via the layout)`, async () => {
      const dates = [...around(spring), ...around(autumn)];
      const ss = build(timeZone, (s) => [{ t: 'setValues', ss: s, sheetId: 0, row: 1, col: 1, values: dates.map((d) => [d]) }]);
      const { exact, derived } = await roundTrip(ss);
      expect(exact.sheets[0].rows.map((r) => (r[0] as Date).toISOString())).toEqual(dates.map((d) => d.toISOString()));
      // Without the layout, only the hour the clocks repeat is ambiguous: its wall-clock time is kept.
      let ambiguous = 0;
      dates.forEach((d, i) => {
        const back = derived.sheets[0].rows[i][0] as Date;
        if (back.getTime() !== d.getTime()) {
          ambiguous++;
          expect(toWallMs(back.getTime(), timeZone)).toBe(toWallMs(d.getTime(), timeZone));
        }
      });
      expect(ambiguous).toBe(4); // one hour of quarter hours
    });
  }

  it('keeps milliseconds and dates long ago', async () => {
    const dates = [new Date(Date.UTC(2024, 6, 1, 12, 0, 0, 1)), new Date(Date.UTC(1900, 2, 1)), new Date(Date.UTC(1899, 11, 30, 12))];
    const ss = build('Asia/Kolkata', (s) => [{ t: 'setValues', ss: s, sheetId: 0, row: 1, col: 1, values: [dates] }]);
    const { exact } = await roundTrip(ss);
    expect(exact.sheets[0].rows[0]).toEqual(dates);
  });
});
