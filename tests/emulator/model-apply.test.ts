// The workbook model: applyOp against a plain dense-grid reference, and journal replay determinism.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyOp,
  cellAt,
  cloneSpreadsheet,
  formulaAt,
  lastColumn,
  lastRow,
  newSpreadsheet,
  numberFormatAt,
} from '../../emulator/model/apply.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import type { CellValue, Op, SheetModel, Workbooks } from '../../emulator/model/types.ts';

function fresh(): { wb: Workbooks; sheet: () => SheetModel } {
  const wb: Workbooks = new Map();
  applyOp(wb, { t: 'createSpreadsheet', ss: 's', name: 'S', timeZone: 'UTC' });
  return { wb, sheet: () => wb.get('s')!.sheets[0] };
}

const base = { ss: 's', sheetId: 0 } as const;

describe('newSpreadsheet', () => {
  it('has one sheet "Sheet1" of 1000 x 26, as Google makes one', () => {
    const ss = newSpreadsheet('x', 'Name', 'Europe/Moscow');
    expect(ss.sheets.map((s) => [s.name, s.maxRows, s.maxColumns, s.frozenRows])).toEqual([['Sheet1', 1000, 26, 0]]);
    expect(ss.timeZone).toBe('Europe/Moscow');
    expect(lastRow(ss.sheets[0])).toBe(0);
    expect(lastColumn(ss.sheets[0])).toBe(0);
  });
});

describe('applyOp', () => {
  it('setValues stores values; blanks at the end are not kept', () => {
    const { wb, sheet } = fresh();
    applyOp(wb, { t: 'setValues', ...base, row: 2, col: 2, values: [['a', ''], ['', '']] });
    expect(cellAt(sheet(), 2, 2)).toBe('a');
    expect(cellAt(sheet(), 3, 3)).toBe('');
    expect([lastRow(sheet()), lastColumn(sheet())]).toEqual([2, 2]);
    applyOp(wb, { t: 'setValues', ...base, row: 2, col: 2, values: [['']] });
    expect(sheet().rows).toEqual([]);
  });

  it('setValues past the grid grows it (appendRow)', () => {
    const { wb, sheet } = fresh();
    applyOp(wb, { t: 'setValues', ...base, row: 1001, col: 1, values: [[1, 2]] });
    expect(sheet().maxRows).toBe(1001);
  });

  it('formulas are stored by position and removed by a later value', () => {
    const { wb, sheet } = fresh();
    applyOp(wb, { t: 'setValues', ...base, row: 3, col: 4, values: [['', 1]], formulas: [['=A1', null]] });
    expect(formulaAt(sheet(), 3, 4)).toBe('=A1');
    expect([lastRow(sheet()), lastColumn(sheet())]).toEqual([3, 5]);
    applyOp(wb, { t: 'setValues', ...base, row: 3, col: 4, values: [['x']] });
    expect(formulaAt(sheet(), 3, 4)).toBe('');
  });

  it('deleteRows shifts values, formulas, formats and frozen rows up', () => {
    const { wb, sheet } = fresh();
    applyOp(wb, { t: 'setFrozenRows', ...base, rows: 3 });
    applyOp(wb, { t: 'setValues', ...base, row: 1, col: 1, values: [[1], [2], [3], [4]], formulas: [[null], [null], [null], ['=1']] });
    applyOp(wb, { t: 'setNumberFormat', ...base, rule: { r1: 4, r2: 5, c1: 1, c2: 1, format: '0.00' } });
    applyOp(wb, { t: 'deleteRows', ...base, row: 2, count: 2 });
    expect([cellAt(sheet(), 1, 1), cellAt(sheet(), 2, 1)]).toEqual([1, 4]);
    expect(formulaAt(sheet(), 2, 1)).toBe('=1');
    expect([numberFormatAt(sheet(), 2, 1), numberFormatAt(sheet(), 3, 1), numberFormatAt(sheet(), 4, 1)]).toEqual(['0.00', '0.00', '']);
    expect(sheet().frozenRows).toBe(1);
    expect(sheet().maxRows).toBe(998);
  });

  it('insertRows shifts down; new rows take the formats of the row above', () => {
    const { wb, sheet } = fresh();
    applyOp(wb, { t: 'setValues', ...base, row: 1, col: 1, values: [['h'], ['a']] });
    applyOp(wb, { t: 'setNumberFormat', ...base, rule: { r1: 2, r2: 2, c1: 1, c2: 1, format: '@' } });
    applyOp(wb, { t: 'insertRows', ...base, row: 3, count: 2 });
    expect(numberFormatAt(sheet(), 4, 1)).toBe('@');
    applyOp(wb, { t: 'insertRows', ...base, row: 2, count: 1 });
    expect([cellAt(sheet(), 1, 1), cellAt(sheet(), 2, 1), cellAt(sheet(), 3, 1)]).toEqual(['h', '', 'a']);
    expect([numberFormatAt(sheet(), 2, 1), numberFormatAt(sheet(), 3, 1)]).toEqual(['', '@']);
    expect(sheet().maxRows).toBe(1003);
  });

  it('open-ended format rules ("B2:B") stay open-ended through row changes', () => {
    const { wb, sheet } = fresh();
    applyOp(wb, { t: 'setNumberFormat', ...base, rule: { r1: 2, r2: Infinity, c1: 2, c2: 2, format: '@' } });
    applyOp(wb, { t: 'deleteRows', ...base, row: 1, count: 5 });
    applyOp(wb, { t: 'insertRows', ...base, row: 1, count: 1 });
    expect([numberFormatAt(sheet(), 1, 2), numberFormatAt(sheet(), 2, 2), numberFormatAt(sheet(), 5000, 2)]).toEqual(['', '@', '@']);
  });

  it('deleteColumns / insertColumns shift cells and formats sideways', () => {
    const { wb, sheet } = fresh();
    applyOp(wb, { t: 'setValues', ...base, row: 1, col: 1, values: [['a', 'b', 'c']] });
    applyOp(wb, { t: 'setNumberFormat', ...base, rule: { r1: 1, r2: 1, c1: 3, c2: 3, format: '0' } });
    applyOp(wb, { t: 'deleteColumns', ...base, col: 1, count: 1 });
    expect([cellAt(sheet(), 1, 1), cellAt(sheet(), 1, 2), numberFormatAt(sheet(), 1, 2)]).toEqual(['b', 'c', '0']);
    applyOp(wb, { t: 'insertColumns', ...base, col: 2, count: 2 });
    expect([cellAt(sheet(), 1, 2), cellAt(sheet(), 1, 4), sheet().maxColumns]).toEqual(['', 'c', 27]);
  });

  it('clear honours the contents and formats flags', () => {
    const { wb, sheet } = fresh();
    applyOp(wb, { t: 'setValues', ...base, row: 1, col: 1, values: [[1, 2]] });
    applyOp(wb, { t: 'setNumberFormat', ...base, rule: { r1: 1, r2: 1, c1: 1, c2: 2, format: '0.0' } });
    applyOp(wb, { t: 'clear', ...base, r1: 1, c1: 1, r2: 1, c2: 1, contents: true, formats: false });
    expect([cellAt(sheet(), 1, 1), numberFormatAt(sheet(), 1, 1)]).toEqual(['', '0.0']);
    applyOp(wb, { t: 'clear', ...base, r1: 1, c1: 2, r2: 1, c2: 2, contents: false, formats: true });
    expect([cellAt(sheet(), 1, 2), numberFormatAt(sheet(), 1, 2), numberFormatAt(sheet(), 1, 1)]).toEqual([2, '', '0.0']);
  });

  it('format rules never overlap and row-by-row formatting merges into one rule', () => {
    const { wb, sheet } = fresh();
    for (let r = 1; r <= 50; r++) applyOp(wb, { t: 'setNumberFormat', ...base, rule: { r1: r, r2: r, c1: 1, c2: 3, format: '@' } });
    expect(sheet().formats).toHaveLength(1);
    applyOp(wb, { t: 'setNumberFormat', ...base, rule: { r1: 10, r2: 10, c1: 2, c2: 2, format: '0' } });
    expect(numberFormatAt(sheet(), 10, 2)).toBe('0');
    expect(numberFormatAt(sheet(), 10, 3)).toBe('@');
    applyOp(wb, { t: 'setNumberFormat', ...base, rule: { r1: 10, r2: 10, c1: 2, c2: 2, format: '' } });
    expect(numberFormatAt(sheet(), 10, 2)).toBe('');
  });

  it('sheets: insert at an index, rename, delete; the spreadsheet can be renamed', () => {
    const { wb } = fresh();
    applyOp(wb, { t: 'insertSheet', ss: 's', sheetId: 7, name: 'Log', index: 0, rows: 10, columns: 5 });
    applyOp(wb, { t: 'renameSheet', ss: 's', sheetId: 0, name: 'First' });
    applyOp(wb, { t: 'renameSpreadsheet', ss: 's', name: 'Renamed' });
    const ss = wb.get('s')!;
    expect(ss.sheets.map((s) => [s.id, s.name, s.maxRows])).toEqual([[7, 'Log', 10], [0, 'First', 1000]]);
    expect(ss.nextSheetId).toBe(8);
    applyOp(wb, { t: 'deleteSheet', ss: 's', sheetId: 7 });
    expect(ss.sheets.map((s) => s.name)).toEqual(['First']);
    expect(ss.name).toBe('Renamed');
  });

  it('cloneSpreadsheet is a deep copy', () => {
    const { wb } = fresh();
    applyOp(wb, { t: 'setValues', ...base, row: 1, col: 1, values: [[new Date(0), 'x']], formulas: [[null, '=1']] });
    const original = wb.get('s')!;
    const copy = cloneSpreadsheet(original);
    expect(copy).toEqual(original);
    applyOp(wb, { t: 'setValues', ...base, row: 1, col: 1, values: [['changed']] });
    (original.sheets[0].rows[0][0] as unknown) = 'mutated';
    expect(cellAt(copy.sheets[0], 1, 1)).toEqual(new Date(0));
    expect(formulaAt(copy.sheets[0], 1, 2)).toBe('=1');
  });
});

// ---- property: the model agrees with a dense grid, and a replayed journal rebuilds the same model ----

interface Dense {
  values: CellValue[][];
  formats: string[][];
  formulas: (string | null)[][];
  frozen: number;
}

function denseNew(rows: number, cols: number): Dense {
  return {
    values: Array.from({ length: rows }, () => new Array<CellValue>(cols).fill('')),
    formats: Array.from({ length: rows }, () => new Array<string>(cols).fill('')),
    formulas: Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null)),
    frozen: 0,
  };
}

function denseApply(d: Dense, op: Op): void {
  const rows = d.values.length;
  const cols = d.values[0].length;
  switch (op.t) {
    case 'setValues': {
      const needRows = op.row + op.values.length - 1;
      const needCols = op.col + op.values[0].length - 1;
      if (needCols > cols) for (const g of [d.values, d.formats, d.formulas] as unknown[][][]) for (const r of g) r.push(...new Array(needCols - cols).fill(g === d.formulas ? null : ''));
      while (d.values.length < needRows) {
        const w = d.values[0].length;
        d.values.push(new Array<CellValue>(w).fill(''));
        d.formats.push(new Array<string>(w).fill(''));
        d.formulas.push(new Array<string | null>(w).fill(null));
      }
      op.values.forEach((r, i) =>
        r.forEach((v, j) => {
          d.values[op.row - 1 + i][op.col - 1 + j] = v;
          d.formulas[op.row - 1 + i][op.col - 1 + j] = op.formulas?.[i][j] ?? null;
        }),
      );
      return;
    }
    case 'clear':
      for (let r = op.r1; r <= Math.min(op.r2, rows); r++) {
        for (let c = op.c1; c <= Math.min(op.c2, cols); c++) {
          if (op.contents) {
            d.values[r - 1][c - 1] = '';
            d.formulas[r - 1][c - 1] = null;
          }
          if (op.formats) d.formats[r - 1][c - 1] = '';
        }
      }
      return;
    case 'deleteRows':
      for (const g of [d.values, d.formats, d.formulas] as unknown[][][]) g.splice(op.row - 1, op.count);
      d.frozen -= Math.max(0, Math.min(d.frozen, op.row + op.count - 1) - op.row + 1);
      return;
    case 'insertRows': {
      const above = op.row > 1 ? d.formats[op.row - 2] : undefined;
      d.values.splice(op.row - 1, 0, ...Array.from({ length: op.count }, () => new Array<CellValue>(cols).fill('')));
      d.formulas.splice(op.row - 1, 0, ...Array.from({ length: op.count }, () => new Array<string | null>(cols).fill(null)));
      d.formats.splice(op.row - 1, 0, ...Array.from({ length: op.count }, () => (above ? [...above] : new Array<string>(cols).fill(''))));
      if (op.row <= d.frozen) d.frozen += op.count;
      return;
    }
    case 'deleteColumns':
      for (const g of [d.values, d.formats, d.formulas] as unknown[][][]) for (const r of g) r.splice(op.col - 1, op.count);
      return;
    case 'insertColumns':
      for (let i = 0; i < rows; i++) {
        d.values[i].splice(op.col - 1, 0, ...new Array<CellValue>(op.count).fill(''));
        d.formulas[i].splice(op.col - 1, 0, ...new Array<string | null>(op.count).fill(null));
        const left = op.col > 1 ? d.formats[i][op.col - 2] : '';
        d.formats[i].splice(op.col - 1, 0, ...new Array<string>(op.count).fill(left));
      }
      return;
    case 'setNumberFormat':
      for (let r = op.rule.r1; r <= op.rule.r2; r++) for (let c = op.rule.c1; c <= op.rule.c2; c++) d.formats[r - 1][c - 1] = op.rule.format;
      return;
    case 'setFrozenRows':
      d.frozen = op.rows;
      return;
    default:
      throw new Error(`not generated: ${op.t}`);
  }
}

/** Ops valid for the current grid size (the host validates the same way). */
function opFor(d: Dense): fc.Arbitrary<Op> {
  const rows = d.values.length;
  const cols = d.values[0].length;
  const cell = fc.oneof(fc.constant(''), fc.integer({ min: -5, max: 5 }), fc.constantFrom('a', 'b', true, new Date(86_400_000)));
  const rect = fc
    .tuple(fc.integer({ min: 1, max: rows }), fc.integer({ min: 1, max: rows }), fc.integer({ min: 1, max: cols }), fc.integer({ min: 1, max: cols }))
    .map(([a, b, c, e]) => ({ r1: Math.min(a, b), r2: Math.max(a, b), c1: Math.min(c, e), c2: Math.max(c, e) }));
  const setValues = fc
    .record({ row: fc.integer({ min: 1, max: rows + 1 }), col: fc.integer({ min: 1, max: cols }), h: fc.integer({ min: 1, max: 3 }), w: fc.integer({ min: 1, max: 3 }) })
    .chain(({ row, col, h, w }) =>
      fc.record({
        values: fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: h, maxLength: h }),
        formulas: fc.option(fc.array(fc.array(fc.constantFrom(null, '=A1', '=B2'), { minLength: w, maxLength: w }), { minLength: h, maxLength: h }), { nil: undefined }),
      }).map(({ values, formulas }): Op => ({ t: 'setValues', ...base, row, col, values, ...(formulas ? { formulas } : {}) })),
    );
  const ops: fc.Arbitrary<Op>[] = [
    setValues,
    fc.tuple(rect, fc.boolean(), fc.boolean()).map(([r, contents, formats]): Op => ({ t: 'clear', ...base, ...r, contents, formats })),
    fc.tuple(rect, fc.constantFrom('', '@', '0.00', 'yyyy-mm-dd')).map(([r, format]): Op => ({ t: 'setNumberFormat', ...base, rule: { ...r, format } })),
    fc.tuple(fc.integer({ min: 1, max: rows + 1 }), fc.integer({ min: 1, max: 3 })).map(([row, count]): Op => ({ t: 'insertRows', ...base, row, count })),
    fc.tuple(fc.integer({ min: 1, max: cols + 1 }), fc.integer({ min: 1, max: 2 })).map(([col, count]): Op => ({ t: 'insertColumns', ...base, col, count })),
    fc.integer({ min: 0, max: rows - 1 }).map((n): Op => ({ t: 'setFrozenRows', ...base, rows: n })),
  ];
  if (rows - d.frozen > 1) {
    ops.push(
      fc.integer({ min: 1, max: rows }).chain((row) =>
        fc.integer({ min: 1, max: Math.min(rows - row + 1, rows - d.frozen - 1) }).map((count): Op => ({ t: 'deleteRows', ...base, row, count })),
      ),
    );
  }
  if (cols > 1) {
    ops.push(
      fc.integer({ min: 1, max: cols }).chain((col) =>
        fc.integer({ min: 1, max: Math.min(cols - col + 1, cols - 1) }).map((count): Op => ({ t: 'deleteColumns', ...base, col, count })),
      ),
    );
  }
  return fc.oneof(...ops);
}

function expectSameAsDense(sheet: SheetModel, d: Dense): void {
  expect([sheet.maxRows, sheet.maxColumns, sheet.frozenRows]).toEqual([d.values.length, d.values[0].length, d.frozen]);
  let lr = 0;
  let lc = 0;
  for (let r = 1; r <= sheet.maxRows; r++) {
    for (let c = 1; c <= sheet.maxColumns; c++) {
      expect(cellAt(sheet, r, c)).toEqual(d.values[r - 1][c - 1]);
      expect(numberFormatAt(sheet, r, c)).toBe(d.formats[r - 1][c - 1]);
      expect(formulaAt(sheet, r, c)).toBe(d.formulas[r - 1][c - 1] ?? '');
      if (d.values[r - 1][c - 1] !== '' || d.formulas[r - 1][c - 1]) {
        lr = Math.max(lr, r);
        lc = Math.max(lc, c);
      }
    }
  }
  expect([lastRow(sheet), lastColumn(sheet)]).toEqual([lr, lc]);
}

describe('applyOp against a dense grid (property)', () => {
  it('agrees cell by cell, and replaying the recorded ops rebuilds an equal model', () => {
    fc.assert(
      fc.property(fc.infiniteStream(fc.integer({ min: 0, max: 2 ** 30 })), fc.integer({ min: 1, max: 40 }), (seeds, steps) => {
        const store = new MemoryWorkbookStore('UTC');
        store.apply({ t: 'insertSheet', ss: 'main', sheetId: 100, name: 'Small', index: 1, rows: 6, columns: 4 });
        const d = denseNew(6, 4);
        const it = seeds[Symbol.iterator]();
        for (let i = 0; i < steps; i++) {
          const [op] = fc.sample(opFor(d), { numRuns: 1, seed: it.next().value as number });
          const onSmall = { ...op, sheetId: 100, ss: 'main' } as Op;
          store.apply(onSmall);
          denseApply(d, op);
        }
        const small = store.get('main')!.sheets[1];
        expectSameAsDense(small, d);
        const replayed: Workbooks = new Map();
        for (const op of store.ops) applyOp(replayed, structuredClone(op));
        expect(replayed).toEqual(store.workbooks);
      }),
      { numRuns: 150 },
    );
  });
});
