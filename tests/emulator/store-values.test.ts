// Issue 8, points 3 and 4, at the store: the store never writes a cell it cannot read back, every text comes
// back exactly, and a file that cannot be loaded says which tab and cell and how to recover.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyOp, cellAt, formulaAt } from '../../emulator/model/apply.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import type { CellValue, Op, SpreadsheetModel, Workbooks } from '../../emulator/model/types.ts';
import { DurableWorkbookStore, WorkbookUnreadableError } from '../../emulator/store/durable-store.ts';
import { encodeJson } from '../../emulator/store/json-codec.ts';
import { CellNotStorableError, MAX_DATE_WALL_MS, MIN_DATE_WALL_MS } from '../../emulator/store/storable.ts';
import { readSpreadsheetXlsx, writeSpreadsheetXlsx } from '../../emulator/store/xlsx-codec.ts';
import { decodeXmlText, encodeXmlText } from '../../emulator/store/xml-text.ts';
import { fromWallMs } from '../../emulator/model/timezone.ts';

const ZONE = 'Europe/Moscow';
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-values-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
const tmpFile = () => path.join(dir, `v${++n}.xlsx`);

function model(ops: (ss: string) => Op[], timeZone = ZONE): SpreadsheetModel {
  const wb: Workbooks = new Map();
  applyOp(wb, { t: 'createSpreadsheet', ss: 's', name: 'Book', timeZone });
  for (const op of ops('s')) applyOp(wb, op);
  return wb.get('s')!;
}

/** Written, then read back both ways: with the layout kept beside the file, and as a file edited elsewhere. */
async function roundTrip(ss: SpreadsheetModel): Promise<SpreadsheetModel[]> {
  const file = tmpFile();
  const layout = await writeSpreadsheetXlsx(ss, file);
  const base = { id: ss.id, name: ss.name, timeZone: ss.timeZone };
  return [await readSpreadsheetXlsx(file, { ...base, layout, exact: true }), await readSpreadsheetXlsx(file, base)];
}

/** Any UTF-16 code units, lone surrogates included, with the characters that matter here made common. */
const anyText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
      fc.constantFrom('\r', '\n', '\r\n', '\t', '\0', '\x1F', '\x7F', '\x85', '\uFFFE', '\uFFFF', '\uD800', '\uDC00', '\uD83D\uDE00', '_', '_x', '_x000D_', '_x005F_', '_X0041_', '_xABCD_', 'я', '=', "'", '&', '<'),
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

describe('text comes back exactly', () => {
  it('any string in a cell, a formula or a tab name reads back as written (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 1, maxLength: 30 }), anyText, anyText, async (texts, formulaText, tabName) => {
        const cells = texts.filter((t) => t !== '');
        const name = `T ${tabName}`; // non-empty, and never the name of the first tab
        const ss = model((s) => [
          { t: 'setValues', ss: s, sheetId: 0, row: 1, col: 1, values: cells.map((t) => [t]) },
          { t: 'setValues', ss: s, sheetId: 0, row: 1, col: 3, values: [['']], formulas: [[`=LEN("${formulaText.replace(/"/g, '""')}")`]] },
          { t: 'insertSheet', ss: s, sheetId: 1, name, index: 1, rows: 10, columns: 3 },
        ]);
        for (const back of await roundTrip(ss)) {
          cells.forEach((t, i) => expect(cellAt(back.sheets[0], i + 1, 1)).toBe(t));
          expect(formulaAt(back.sheets[0], 1, 3)).toBe(formulaAt(ss.sheets[0], 1, 3));
          expect(back.sheets.map((x) => x.name)).toEqual(['Sheet1', name]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes what XML cannot hold as OOXML escapes, and reads the escapes Excel writes', () => {
    expect(encodeXmlText('\r=1+1')).toBe('_x000D_=1+1');
    expect(encodeXmlText('a\0b\uFFFE')).toBe('a_x0000_b_xFFFE_');
    expect(encodeXmlText('x\uD800y \uD83D\uDE00')).toBe('x_xD800_y \uD83D\uDE00'); // a pair is a character: kept
    expect(encodeXmlText('_x0041_ and _x')).toBe('_x005F_x0041_ and _x');
    expect(decodeXmlText('line_x000D_\nnext')).toBe('line\r\nnext');
    expect(decodeXmlText('_x005F_x0041_')).toBe('_x0041_');
  });

  it('keeps Cyrillic and emoji whole in a large file (exceljs split characters across read chunks)', async () => {
    const texts = Array.from({ length: 5000 }, (_, i) => [`Комментарий сотрудника № ${i}: перерыв — 🙂 ${'ё'.repeat(i % 7)}`]);
    const ss = model((s) => [{ t: 'setValues', ss: s, sheetId: 0, row: 1, col: 1, values: texts }]);
    for (const back of await roundTrip(ss)) {
      const wrong = texts.filter(([t], i) => cellAt(back.sheets[0], i + 1, 1) !== t);
      expect(wrong).toEqual([]);
    }
  });
});

describe('values the store cannot keep are refused when written', () => {
  const wall = (ms: number) => new Date(fromWallMs(ms, ZONE));
  const bad: [string, CellValue][] = [
    ['the Date of the issue, 8640000000000000', new Date(8_640_000_000_000_000)],
    ['the earliest Date', new Date(-8_640_000_000_000_000)],
    ['a Date in the year 10000', wall(MAX_DATE_WALL_MS + 1)],
    ['a Date before the year 1', wall(MIN_DATE_WALL_MS - 1)],
    ['an invalid Date', new Date(NaN)],
    ['NaN', NaN],
    ['Infinity', -Infinity],
  ];

  it.each(bad)('refuses %s with an Exception naming the cell, applying and journaling nothing', async (_, value) => {
    const file = tmpFile();
    const store = await DurableWorkbookStore.open({ file, timeZone: ZONE, name: 'Book' });
    const ss = store.activeId;
    store.apply({ t: 'setValues', ss, sheetId: 0, row: 1, col: 1, values: [['kept']] });
    const before = encodeJson(store.get(ss));
    let error: unknown;
    try {
      store.apply({ t: 'setValues', ss, sheetId: 0, row: 4, col: 2, values: [['side', value]] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellNotStorableError);
    expect(error).toMatchObject({ name: 'Exception', message: expect.stringContaining('Sheet1!C4') });
    expect(encodeJson(store.get(ss))).toBe(before);
    await store.close();
    const again = await DurableWorkbookStore.open({ file, timeZone: ZONE, name: 'Book' });
    expect(encodeJson(again.get(ss))).toBe(before);
    await again.close();
  });

  it('the in-memory store refuses the same, so in-process tests see what the runtime does', () => {
    const store = new MemoryWorkbookStore(ZONE);
    for (const [, value] of bad) {
      expect(() => store.apply({ t: 'setValues', ss: store.activeId, sheetId: 0, row: 1, col: 1, values: [[value]] })).toThrow(CellNotStorableError);
    }
    expect(store.get(store.activeId)!.sheets[0].rows).toEqual([]);
  });

  it('keeps the first and last instants a cell holds, exactly, in any zone', async () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Moscow']) {
      const edge = [new Date(fromWallMs(MIN_DATE_WALL_MS, zone)), new Date(fromWallMs(MAX_DATE_WALL_MS, zone))];
      const store = new MemoryWorkbookStore(zone);
      store.apply({ t: 'setValues', ss: store.activeId, sheetId: 0, row: 1, col: 1, values: [edge] });
      for (const back of await roundTrip(store.get(store.activeId)!)) {
        expect([cellAt(back.sheets[0], 1, 1), cellAt(back.sheets[0], 1, 2)].map((d) => (d as Date).getTime())).toEqual(edge.map((d) => d.getTime()));
      }
    }
  });

  it('never writes a file it cannot read: a model holding such a value fails to save, naming the cell', async () => {
    const ss = model((s) => [{ t: 'setValues', ss: s, sheetId: 0, row: 2, col: 5, values: [[new Date(8_640_000_000_000_000)]] }]);
    await expect(writeSpreadsheetXlsx(ss, tmpFile())).rejects.toThrow(/Sheet1!E2/);
  });
});

describe('a file that cannot be loaded', () => {
  let file: string;
  beforeEach(() => {
    const sub = fs.mkdtempSync(path.join(dir, 'bad-'));
    file = path.join(sub, 'workbook.xlsx');
  });

  /** A file as older runtimes (or other programs) could write it, made with exceljs' own writer. */
  async function writeFile(fill: (log: ExcelJS.Worksheet) => void): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const log = wb.addWorksheet('Log');
    log.getCell('A1').value = 'entry_id';
    log.getCell('B1').value = 'client_at';
    log.getCell('C1').value = 'comment';
    log.getCell('A2').value = 'e1';
    log.getCell('B2').value = new Date(Date.UTC(2026, 10, 24, 9));
    log.getCell('C2').value = 'fine';
    fill(log);
    await wb.xlsx.writeFile(file);
  }

  async function openFails(): Promise<WorkbookUnreadableError> {
    const bytes = fs.readFileSync(file);
    const error = await DurableWorkbookStore.open({ file, timeZone: ZONE, name: 'Book' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkbookUnreadableError);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true); // nothing on disk changed
    return error as WorkbookUnreadableError;
  }

  it('names the file, tab and cell of a date that is not a number (the issue: NaN), and loads it blank when asked', async () => {
    await writeFile((log) => {
      log.getCell('A3').value = 'e2';
      log.getCell('B3').value = NaN;
      log.getCell('B3').numFmt = 'yyyy-mm-dd hh:mm:ss';
      log.getCell('C3').value = 'after the bad cell';
    });
    const error = await openFails();
    expect(error.code).toBe('workbook_unreadable');
    expect(error.details.cells).toEqual([{ tab: 'Log', cell: 'B3', problem: expect.stringContaining('date') }]);
    expect(error.message).toContain(file);
    expect(error.message).toContain('tab "Log", cell B3');
    expect(error.message).toContain('WTT_BLANK_UNREADABLE=1');
    expect(error.message).not.toContain('Invalid time value');

    const notices: string[] = [];
    const store = await DurableWorkbookStore.open({ file, timeZone: ZONE, name: 'Book', blankUnreadable: true, onNotice: (m) => notices.push(m) });
    const sheet = store.get(store.activeId)!.sheets[0];
    expect(cellAt(sheet, 3, 2)).toBe('');
    expect(cellAt(sheet, 3, 3)).toBe('after the bad cell');
    expect((cellAt(sheet, 2, 2) as Date).getTime()).toBe(Date.UTC(2026, 10, 24, 9) - 3 * 3600_000); // wall time in Moscow
    expect(notices.join('\n')).toContain('Log!B3');
    await store.close();
    // The snapshot written since no longer holds it: the file loads as usual.
    const again = await DurableWorkbookStore.open({ file, timeZone: ZONE, name: 'Book' });
    expect(cellAt(again.get(again.activeId)!.sheets[0], 3, 3)).toBe('after the bad cell');
    await again.close();
  });

  it('names every cell that shows a shared string XML cannot hold, and drops the character when asked', async () => {
    await writeFile((log) => {
      log.getCell('C3').value = 'p\uFFFEq'; // an old runtime wrote this for a comment sent with U+FFFE
      log.getCell('C5').value = 'p\uFFFEq';
    });
    const error = await openFails();
    expect(error.details.part).toBe('xl/sharedStrings.xml');
    expect(error.details.cells.map((c) => `${c.tab}!${c.cell}`)).toEqual(['Log!C3', 'Log!C5']);
    expect(error.message).toContain('tab "Log", cell C3');

    const store = await DurableWorkbookStore.open({ file, timeZone: ZONE, name: 'Book', blankUnreadable: true, onNotice: () => {} });
    const sheet = store.get(store.activeId)!.sheets[0];
    expect([cellAt(sheet, 3, 3), cellAt(sheet, 5, 3), cellAt(sheet, 2, 3)]).toEqual(['pq', 'pq', 'fine']);
    await store.close();
  });

  it('says which part does not parse when it is a tab name, and cleans the name when asked', async () => {
    await writeFile((log) => {
      log.name = 'Lo\uFFFEg';
    });
    const error = await openFails();
    expect(error.details).toMatchObject({ part: 'xl/workbook.xml', cells: [] });
    expect(error.message).toMatch(/xl\/workbook\.xml does not parse: .*disallowed character/);
    const store = await DurableWorkbookStore.open({ file, timeZone: ZONE, name: 'Book', blankUnreadable: true, onNotice: () => {} });
    expect(store.get(store.activeId)!.sheets.map((x) => x.name)).toEqual(['Log']);
    await store.close();
  });

  it('names the cell of a formula XML cannot hold, in the sheet itself', async () => {
    await writeFile((log) => {
      log.getCell('D4').value = { formula: 'LEN("a\uFFFEb")', result: 3 } as ExcelJS.CellFormulaValue;
    });
    const error = await openFails();
    expect(error.details.part).toBe('xl/worksheets/sheet1.xml');
    expect(error.details.cells.map((c) => `${c.tab}!${c.cell}`)).toEqual(['Log!D4']);
  });
});
