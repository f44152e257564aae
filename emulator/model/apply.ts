// Applies Ops to the in-memory workbooks. Pure and deterministic: the journal replays the same Ops
// onto a fresh model and must arrive at the same state, so nothing here reads the clock or randomness.
//
// Invariants kept after every op (they make lastRow/lastColumn cheap on big sheets):
// - sheet.rows has no holes and no trailing empty rows;
// - no row has trailing '' cells;
// - format rules never overlap (a new rule is cut out of the older ones), so lookup order does not matter.
import {
  MAX_COLUMNS,
  type CellStyleKey,
  type CellValue,
  type ChartRange,
  type ChartSpec,
  type FormatRule,
  type Op,
  type SheetModel,
  type SpreadsheetModel,
  type Workbooks,
} from './types.ts';
import { fromWallMs, toWallMs } from './timezone.ts';

/** Google's defaults for a new spreadsheet or sheet. */
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

export function newSheet(id: number, name: string, rows = DEFAULT_ROWS, columns = DEFAULT_COLUMNS): SheetModel {
  return { id, name, rows: [], maxRows: rows, maxColumns: columns, frozenRows: 0, formats: [], formulas: new Map() };
}

export function newSpreadsheet(id: string, name: string, timeZone: string): SpreadsheetModel {
  return { id, name, timeZone, sheets: [newSheet(0, 'Sheet1')], nextSheetId: 1 };
}

export function formulaKey(row: number, col: number): number {
  return (row - 1) * MAX_COLUMNS + (col - 1);
}

export function formulaPosition(key: number): { row: number; col: number } {
  return { row: Math.floor(key / MAX_COLUMNS) + 1, col: (key % MAX_COLUMNS) + 1 };
}

/** 1-based; '' when blank or outside the used area. */
export function cellAt(sheet: SheetModel, row: number, col: number): CellValue {
  const r = sheet.rows[row - 1];
  if (!r) return '';
  const v = r[col - 1];
  return v === undefined ? '' : v;
}

export function formulaAt(sheet: SheetModel, row: number, col: number): string {
  return sheet.formulas.get(formulaKey(row, col)) ?? '';
}

/** Last row with a value or a formula; 0 when the sheet is empty. */
export function lastRow(sheet: SheetModel): number {
  let last = sheet.rows.length;
  for (const key of sheet.formulas.keys()) last = Math.max(last, formulaPosition(key).row);
  return last;
}

/** Last column with a value or a formula; 0 when the sheet is empty. */
export function lastColumn(sheet: SheetModel): number {
  let last = 0;
  for (const r of sheet.rows) if (r.length > last) last = r.length;
  for (const key of sheet.formulas.keys()) last = Math.max(last, formulaPosition(key).col);
  return last;
}

/** The cell's number format; '' is automatic. */
export function numberFormatAt(sheet: SheetModel, row: number, col: number): string {
  for (const f of sheet.formats) {
    if (row >= f.r1 && row <= f.r2 && col >= f.c1 && col <= f.c2) return f.format;
  }
  return '';
}

export function findSpreadsheet(workbooks: Workbooks, id: string): SpreadsheetModel {
  const ss = workbooks.get(id);
  if (!ss) throw new Error(`applyOp: no spreadsheet ${id}`);
  return ss;
}

export function findSheet(ss: SpreadsheetModel, sheetId: number): SheetModel {
  const sheet = ss.sheets.find((s) => s.id === sheetId);
  if (!sheet) throw new Error(`applyOp: spreadsheet ${ss.id} has no sheet ${sheetId}`);
  return sheet;
}

export function applyOp(workbooks: Workbooks, op: Op): void {
  if (op.t === 'createSpreadsheet') {
    if (workbooks.has(op.ss)) throw new Error(`applyOp: spreadsheet ${op.ss} exists`);
    workbooks.set(op.ss, newSpreadsheet(op.ss, op.name, op.timeZone));
    return;
  }
  const ss = findSpreadsheet(workbooks, op.ss);
  switch (op.t) {
    case 'renameSpreadsheet':
      ss.name = op.name;
      return;
    case 'setSpreadsheetTimeZone':
      setTimeZone(ss, op.timeZone);
      return;
    case 'insertSheet': {
      if (ss.sheets.some((s) => s.id === op.sheetId)) throw new Error(`applyOp: sheet id ${op.sheetId} exists`);
      const index = Math.max(0, Math.min(op.index, ss.sheets.length));
      ss.sheets.splice(index, 0, newSheet(op.sheetId, op.name, op.rows, op.columns));
      ss.nextSheetId = Math.max(ss.nextSheetId, op.sheetId + 1);
      return;
    }
    case 'deleteSheet': {
      const sheet = findSheet(ss, op.sheetId);
      ss.sheets.splice(ss.sheets.indexOf(sheet), 1);
      // Charts elsewhere lose the ranges they read from it.
      moveChartRanges(ss, op.sheetId, () => null);
      return;
    }
    case 'renameSheet':
      findSheet(ss, op.sheetId).name = op.name;
      return;
    case 'setValues':
      setValues(findSheet(ss, op.sheetId), op.row, op.col, op.values, op.formulas);
      return;
    case 'clear': {
      const sheet = findSheet(ss, op.sheetId);
      if (op.contents) clearContents(sheet, op.r1, op.c1, op.r2, op.c2);
      if (op.formats) {
        sheet.formats = subtractRect(sheet.formats, op);
        mapStyles(sheet, (rules) => subtractRect(rules, op));
      }
      return;
    }
    case 'deleteRows':
      deleteRows(findSheet(ss, op.sheetId), op.row, op.count);
      moveChartRanges(ss, op.sheetId, (r) => {
        const span = removeSpan(r.row, r.row + r.rows - 1, op.row, op.count);
        return span ? { ...r, row: span[0], rows: span[1] - span[0] + 1 } : null;
      });
      return;
    case 'insertRows':
      insertRows(findSheet(ss, op.sheetId), op.row, op.count);
      moveChartRanges(ss, op.sheetId, (r) => {
        const [lo, hi] = insertSpanInside(r.row, r.row + r.rows - 1, op.row, op.count);
        return { ...r, row: lo, rows: hi - lo + 1 };
      });
      return;
    case 'deleteColumns':
      deleteColumns(findSheet(ss, op.sheetId), op.col, op.count);
      moveChartRanges(ss, op.sheetId, (r) => {
        const span = removeSpan(r.col, r.col + r.cols - 1, op.col, op.count);
        return span ? { ...r, col: span[0], cols: span[1] - span[0] + 1 } : null;
      });
      return;
    case 'insertColumns':
      insertColumns(findSheet(ss, op.sheetId), op.col, op.count);
      moveChartRanges(ss, op.sheetId, (r) => {
        const [lo, hi] = insertSpanInside(r.col, r.col + r.cols - 1, op.col, op.count);
        return { ...r, col: lo, cols: hi - lo + 1 };
      });
      return;
    case 'setFrozenRows':
      findSheet(ss, op.sheetId).frozenRows = op.rows;
      return;
    case 'setNumberFormat':
      setNumberFormat(findSheet(ss, op.sheetId), op.rule);
      return;
    case 'setCellStyle':
      setCellStyle(findSheet(ss, op.sheetId), op.key, op.rule);
      return;
    case 'setColumnWidths':
      setColumnWidths(findSheet(ss, op.sheetId), op.col, op.count, op.width);
      return;
    case 'insertChart': {
      const sheet = findSheet(ss, op.sheetId);
      if (ss.sheets.some((s) => s.charts?.some((c) => c.id === op.chart.id))) throw new Error(`applyOp: chart id ${op.chart.id} exists`);
      (sheet.charts ??= []).push(cloneChart(op.chart));
      return;
    }
    case 'updateChart': {
      const charts = findSheet(ss, op.sheetId).charts ?? [];
      const i = charts.findIndex((c) => c.id === op.chart.id);
      if (i < 0) throw new Error(`applyOp: sheet ${op.sheetId} has no chart ${op.chart.id}`);
      charts[i] = cloneChart(op.chart);
      return;
    }
    case 'removeChart': {
      const sheet = findSheet(ss, op.sheetId);
      const left = (sheet.charts ?? []).filter((c) => c.id !== op.chartId);
      if (left.length) sheet.charts = left;
      else delete sheet.charts;
      return;
    }
    default: {
      const never: never = op;
      throw new Error(`applyOp: unknown op ${JSON.stringify(never)}`);
    }
  }
}

// ---- values ----

function setValues(
  sheet: SheetModel,
  row: number,
  col: number,
  values: CellValue[][],
  formulas: (string | null)[][] | undefined,
): void {
  const height = values.length;
  const width = height ? values[0].length : 0;
  if (height === 0 || width === 0) return;
  // Writing grows the grid (appendRow past the last row); the host has checked the cell limit.
  sheet.maxRows = Math.max(sheet.maxRows, row + height - 1);
  sheet.maxColumns = Math.max(sheet.maxColumns, col + width - 1);
  const rows = sheet.rows;
  while (rows.length < row + height - 1) rows.push([]);
  for (let i = 0; i < height; i++) {
    const target = rows[row - 1 + i];
    const source = values[i];
    const formulaRow = formulas?.[i];
    for (let j = 0; j < width; j++) {
      const c = col - 1 + j;
      const f = formulaRow?.[j];
      if (f) sheet.formulas.set(formulaKey(row + i, col + j), f);
      else if (sheet.formulas.size) sheet.formulas.delete(formulaKey(row + i, col + j));
      const v = source[j];
      if (v === '' && c >= target.length) continue;
      while (target.length < c) target.push('');
      target[c] = v;
    }
    trimRow(target);
  }
  trimRows(rows);
}

function clearContents(sheet: SheetModel, r1: number, c1: number, r2: number, c2: number): void {
  const rows = sheet.rows;
  const rEnd = Math.min(r2, rows.length);
  for (let r = r1; r <= rEnd; r++) {
    const target = rows[r - 1];
    if (c1 <= 1 && c2 >= target.length) target.length = 0;
    else {
      const cEnd = Math.min(c2, target.length);
      for (let c = c1; c <= cEnd; c++) target[c - 1] = '';
      trimRow(target);
    }
  }
  trimRows(rows);
  for (const key of [...sheet.formulas.keys()]) {
    const p = formulaPosition(key);
    if (p.row >= r1 && p.row <= r2 && p.col >= c1 && p.col <= c2) sheet.formulas.delete(key);
  }
}

function trimRow(r: CellValue[]): void {
  let n = r.length;
  while (n > 0 && r[n - 1] === '') n--;
  if (n !== r.length) r.length = n;
}

function trimRows(rows: CellValue[][]): void {
  let n = rows.length;
  while (n > 0 && rows[n - 1].length === 0) n--;
  if (n !== rows.length) rows.length = n;
}

// ---- structure ----

function deleteRows(sheet: SheetModel, row: number, count: number): void {
  if (row <= sheet.rows.length) sheet.rows.splice(row - 1, count);
  trimRows(sheet.rows);
  sheet.maxRows = Math.max(0, sheet.maxRows - count);
  sheet.frozenRows -= overlap(1, sheet.frozenRows, row, row + count - 1);
  sheet.formulas = rekeyFormulas(sheet.formulas, (r, c) =>
    r < row ? { row: r, col: c } : r >= row + count ? { row: r - count, col: c } : null,
  );
  const cut = (rules: FormatRule[]) =>
    rules.flatMap((f) => {
      const span = removeSpan(f.r1, f.r2, row, count);
      return span ? [{ ...f, r1: span[0], r2: span[1] }] : [];
    });
  sheet.formats = cut(sheet.formats);
  mapStyles(sheet, cut);
  moveChartAnchors(sheet, 'row', (at) => (at >= row + count ? at - count : Math.min(at, Math.max(1, row))));
}

function insertRows(sheet: SheetModel, row: number, count: number): void {
  if (row <= sheet.rows.length) {
    const blank: CellValue[][] = Array.from({ length: count }, () => []);
    sheet.rows.splice(row - 1, 0, ...blank);
  }
  sheet.maxRows += count;
  if (row <= sheet.frozenRows) sheet.frozenRows += count;
  sheet.formulas = rekeyFormulas(sheet.formulas, (r, c) => ({ row: r >= row ? r + count : r, col: c }));
  const grow = (rules: FormatRule[]) =>
    rules.map((f) => {
      const [r1, r2] = insertSpan(f.r1, f.r2, row, count);
      return { ...f, r1, r2 };
    });
  sheet.formats = grow(sheet.formats);
  mapStyles(sheet, grow);
  moveChartAnchors(sheet, 'row', (at) => (at >= row ? at + count : at));
}

function deleteColumns(sheet: SheetModel, col: number, count: number): void {
  for (const r of sheet.rows) {
    if (col <= r.length) {
      r.splice(col - 1, count);
      trimRow(r);
    }
  }
  trimRows(sheet.rows);
  sheet.maxColumns = Math.max(0, sheet.maxColumns - count);
  sheet.formulas = rekeyFormulas(sheet.formulas, (r, c) =>
    c < col ? { row: r, col: c } : c >= col + count ? { row: r, col: c - count } : null,
  );
  const cut = (rules: FormatRule[]) =>
    rules.flatMap((f) => {
      const span = removeSpan(f.c1, f.c2, col, count);
      return span ? [{ ...f, c1: span[0], c2: span[1] }] : [];
    });
  sheet.formats = cut(sheet.formats);
  mapStyles(sheet, cut);
  moveColumnWidths(sheet, (c) => (c < col ? c : c >= col + count ? c - count : null));
  moveChartAnchors(sheet, 'col', (at) => (at >= col + count ? at - count : Math.min(at, Math.max(1, col))));
}

function insertColumns(sheet: SheetModel, col: number, count: number): void {
  for (const r of sheet.rows) {
    if (col <= r.length) r.splice(col - 1, 0, ...new Array<CellValue>(count).fill(''));
  }
  sheet.maxColumns += count;
  sheet.formulas = rekeyFormulas(sheet.formulas, (r, c) => ({ row: r, col: c >= col ? c + count : c }));
  const grow = (rules: FormatRule[]) =>
    rules.map((f) => {
      const [c1, c2] = insertSpan(f.c1, f.c2, col, count);
      return { ...f, c1, c2 };
    });
  sheet.formats = grow(sheet.formats);
  mapStyles(sheet, grow);
  moveColumnWidths(sheet, (c) => (c >= col ? c + count : c));
  moveChartAnchors(sheet, 'col', (at) => (at >= col ? at + count : at));
}

/**
 * Formulas move with their cells. Their text is kept as written: references inside are not rewritten, as
 * Sheets would (a known difference, see docs/local-runtime.md).
 */
function rekeyFormulas(
  formulas: Map<number, string>,
  move: (row: number, col: number) => { row: number; col: number } | null,
): Map<number, string> {
  if (formulas.size === 0) return formulas;
  const next = new Map<number, string>();
  for (const [key, f] of formulas) {
    const p = formulaPosition(key);
    const to = move(p.row, p.col);
    if (to) next.set(formulaKey(to.row, to.col), f);
  }
  return next;
}

function overlap(a1: number, a2: number, b1: number, b2: number): number {
  return Math.max(0, Math.min(a2, b2) - Math.max(a1, b1) + 1);
}

/** The span [lo, hi] after removing `count` lines from `at`; null when nothing is left. */
function removeSpan(lo: number, hi: number, at: number, count: number): [number, number] | null {
  const end = at + count - 1;
  const removed = overlap(lo, hi, at, end);
  if (hi !== Infinity && removed === hi - lo + 1) return null;
  const newLo = lo > end ? lo - count : Math.min(lo, at);
  const newHi = hi === Infinity ? Infinity : hi > end ? hi - count : Math.min(hi, at - 1);
  return newHi >= newLo ? [newLo, newHi] : null;
}

/**
 * New lines inserted before `at`: a span that starts there or later moves; a span covering the line
 * above (at - 1) grows over the new lines, which so take the formats of the line above, as Sheets'
 * insertRowsAfter / insertColumnsAfter do.
 */
function insertSpan(lo: number, hi: number, at: number, count: number): [number, number] {
  if (lo >= at) return [lo + count, hi === Infinity ? Infinity : hi + count];
  if (hi >= at - 1) return [lo, hi === Infinity ? Infinity : hi + count];
  return [lo, hi];
}

// ---- number formats ----

function setNumberFormat(sheet: SheetModel, rule: FormatRule): void {
  const rest = subtractRect(sheet.formats, rule);
  // '' is automatic, the default: no rule needed.
  if (rule.format !== '') rest.push(mergeNeighbour(rest, { ...rule }));
  sheet.formats = rest;
}

type Rect = Pick<FormatRule, 'r1' | 'c1' | 'r2' | 'c2'>;

/** Removes `cut` from every rule, splitting rules that overlap it partly (at most 4 pieces each). */
function subtractRect(rules: FormatRule[], cut: Rect): FormatRule[] {
  const out: FormatRule[] = [];
  for (const f of rules) {
    if (f.r2 < cut.r1 || f.r1 > cut.r2 || f.c2 < cut.c1 || f.c1 > cut.c2) {
      out.push(f);
      continue;
    }
    if (f.r1 < cut.r1) out.push({ ...f, r2: cut.r1 - 1 });
    if (f.r2 > cut.r2) out.push({ ...f, r1: cut.r2 + 1 });
    const r1 = Math.max(f.r1, cut.r1);
    const r2 = Math.min(f.r2, cut.r2);
    if (f.c1 < cut.c1) out.push({ ...f, r1, r2, c2: cut.c1 - 1 });
    if (f.c2 > cut.c2) out.push({ ...f, r1, r2, c1: cut.c2 + 1 });
  }
  return out;
}

/**
 * Row-by-row formatting (one setNumberFormat per appended row) would otherwise leave one rule per row:
 * a rule directly above with the same columns and format absorbs the new one.
 */
function mergeNeighbour(rules: FormatRule[], rule: FormatRule): FormatRule {
  const i = rules.findIndex(
    (f) => f.format === rule.format && f.c1 === rule.c1 && f.c2 === rule.c2 && (f.r2 + 1 === rule.r1 || rule.r2 + 1 === f.r1),
  );
  if (i < 0) return rule;
  const [f] = rules.splice(i, 1);
  return { ...rule, r1: Math.min(f.r1, rule.r1), r2: Math.max(f.r2, rule.r2) };
}

// ---- cell styles, column widths, charts ----

/** The style rule covering (row, col) for an attribute; '' when none (the attribute's default). */
export function cellStyleAt(sheet: SheetModel, key: CellStyleKey, row: number, col: number): string {
  for (const f of sheet.styles?.[key] ?? []) {
    if (row >= f.r1 && row <= f.r2 && col >= f.c1 && col <= f.c2) return f.format;
  }
  return '';
}

/** Sheets' width of a column nobody sized. */
export const DEFAULT_COLUMN_WIDTH = 100;

export function columnWidthOf(sheet: SheetModel, col: number): number {
  return sheet.columnWidths?.[col] ?? DEFAULT_COLUMN_WIDTH;
}

/** Same rule machinery as number formats: later rules win by cutting the older ones. */
function setCellStyle(sheet: SheetModel, key: CellStyleKey, rule: FormatRule): void {
  const styles = (sheet.styles ??= {});
  const rest = subtractRect(styles[key] ?? [], rule);
  if (rule.format !== '') rest.push(mergeNeighbour(rest, { ...rule }));
  if (rest.length) styles[key] = rest;
  else delete styles[key];
  if (Object.keys(styles).length === 0) delete sheet.styles;
}

/** Applies `f` to every attribute's rules, dropping lists (and the map) left empty. */
function mapStyles(sheet: SheetModel, f: (rules: FormatRule[]) => FormatRule[]): void {
  const styles = sheet.styles;
  if (!styles) return;
  for (const key of Object.keys(styles) as CellStyleKey[]) {
    const next = f(styles[key]!);
    if (next.length) styles[key] = next;
    else delete styles[key];
  }
  if (Object.keys(styles).length === 0) delete sheet.styles;
}

function setColumnWidths(sheet: SheetModel, col: number, count: number, width: number | null): void {
  const widths = (sheet.columnWidths ??= {});
  for (let c = col; c < col + count; c++) {
    if (width === null || width === DEFAULT_COLUMN_WIDTH) delete widths[c];
    else widths[c] = width;
  }
  if (Object.keys(widths).length === 0) delete sheet.columnWidths;
}

function moveColumnWidths(sheet: SheetModel, move: (col: number) => number | null): void {
  if (!sheet.columnWidths) return;
  const next: Record<number, number> = {};
  for (const [c, w] of Object.entries(sheet.columnWidths)) {
    const to = move(Number(c));
    if (to !== null) next[to] = w;
  }
  if (Object.keys(next).length) sheet.columnWidths = next;
  else delete sheet.columnWidths;
}

/** A chart's anchor cell follows the rows or columns inserted or deleted above or left of it. */
function moveChartAnchors(sheet: SheetModel, axis: 'row' | 'col', move: (at: number) => number): void {
  for (const chart of sheet.charts ?? []) chart.position = { ...chart.position, [axis]: Math.max(1, move(chart.position[axis])) };
}

/**
 * Every chart of the spreadsheet that reads from sheet `sheetId` sees its ranges moved (rows or columns
 * inserted or deleted there), as Sheets keeps a chart's data ranges on the same cells; a range whose cells
 * are all gone (or whose sheet is) is dropped.
 */
function moveChartRanges(ss: SpreadsheetModel, sheetId: number, move: (r: ChartRange) => ChartRange | null): void {
  for (const sheet of ss.sheets) {
    for (const chart of sheet.charts ?? []) {
      if (!chart.ranges.some((r) => r.sheet === sheetId)) continue;
      chart.ranges = chart.ranges.flatMap((r) => {
        if (r.sheet !== sheetId) return [r];
        const moved = move(r);
        return moved ? [moved] : [];
      });
    }
  }
}

/**
 * Lines inserted before `at`: a range starting there or later moves; one with `at` strictly inside grows,
 * as a chart's data range grows when rows are inserted in the middle of it (not at its edge below).
 */
function insertSpanInside(lo: number, hi: number, at: number, count: number): [number, number] {
  if (lo >= at) return [lo + count, hi + count];
  if (hi >= at) return [lo, hi + count];
  return [lo, hi];
}

export function cloneChart(chart: ChartSpec): ChartSpec {
  return structuredClone(chart);
}

// ---- copies ----

export function cloneSheet(sheet: SheetModel): SheetModel {
  const copy: SheetModel = {
    ...sheet,
    rows: sheet.rows.map((r) => r.map((v) => (v instanceof Date ? new Date(v.getTime()) : v))),
    formats: sheet.formats.map((f) => ({ ...f })),
    formulas: new Map(sheet.formulas),
  };
  if (sheet.styles) {
    copy.styles = {};
    for (const [key, rules] of Object.entries(sheet.styles)) copy.styles[key as CellStyleKey] = rules.map((f) => ({ ...f }));
  }
  if (sheet.columnWidths) copy.columnWidths = { ...sheet.columnWidths };
  if (sheet.charts) copy.charts = sheet.charts.map(cloneChart);
  return copy;
}

/**
 * Sheets keeps a date-time as a serial day number in the spreadsheet's zone, so a new zone keeps every cell's
 * wall-clock reading and moves the instant a script reads. The model keeps instants, so each Date cell is
 * moved to the same wall-clock time in the new zone (a time the new zone skips, in a daylight-saving gap,
 * lands on its later side).
 */
function setTimeZone(ss: SpreadsheetModel, timeZone: string): void {
  const from = ss.timeZone;
  if (from !== timeZone) {
    for (const sheet of ss.sheets) {
      for (const row of sheet.rows) {
        for (let c = 0; c < row.length; c++) {
          const v = row[c];
          if (isDateValue(v)) row[c] = new Date(fromWallMs(toWallMs(v.getTime(), from), timeZone));
        }
      }
    }
  }
  ss.timeZone = timeZone;
}

function isDateValue(v: unknown): v is Date {
  // Dates made in another realm (a worker's vm) are not instanceof this realm's Date.
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

export function cloneSpreadsheet(ss: SpreadsheetModel): SpreadsheetModel {
  return { ...ss, sheets: ss.sheets.map(cloneSheet) };
}
