// One SpreadsheetModel <-> one .xlsx file, with exceljs' streaming reader and writer (the whole-workbook
// API builds a cell object graph first and is several times slower on a 500k-row Log tab).
//
// What the file holds: tabs in order with their names, values (strings as shared strings, numbers,
// booleans, Dates), formulas as formulas (with the stored value as cached result), each cell's number
// format, a column's format for the rows below the data (from rules open downwards, "B2:B"), frozen rows.
// Dates: Sheets keeps a date as a wall-clock time in the spreadsheet's time zone and xlsx has no zone, so
// a Date is written as its wall-clock time in the spreadsheet's zone and read back the same way.
// What it cannot hold (sheet ids, grid size, exact rules) travels in a SpreadsheetLayout (layout.ts).
// Cell formatting (bold, background, horizontal alignment, wrap) is written as the cells' xlsx styles, so
// Excel, LibreOffice and Google show it; column widths as the columns' widths. Their exact rules and
// pixels, and the embedded charts, go into a side part of the same zip (extras.ts), read back on load.
import fs from 'node:fs';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DEFAULT_COLUMNS, DEFAULT_ROWS, formulaKey, formulaPosition, lastColumn } from '../model/apply.ts';
import { fromWallMs, toWallMs } from '../model/timezone.ts';
import type { CellValue, SheetModel, SpreadsheetModel } from '../model/types.ts';
import { ColumnFormats, FormatRuleBuilder } from './column-formats.ts';
import type { CellFixup, SheetLayout, SpreadsheetLayout } from './layout.ts';
import { layoutOf } from './layout.ts';
import { ZipReader } from './zip-reader.ts';
import { columnToLetters } from '../model/a1.ts';
import { CellNotStorableError, MAX_DATE_WALL_MS, MIN_DATE_WALL_MS, unstorable } from './storable.ts';
import { WorkbookUnreadableError, type UnreadableCell } from './errors.ts';
import { decodeXmlText, encodeXmlAttribute, encodeXmlText } from './xml-text.ts';
import { cleanXmlChars, locateXmlError, utf8Aligned } from './xml-parts.ts';
import {
  EXTRAS_PART,
  DerivedStyles,
  applyExtras,
  cellStyleOf,
  decodeExtras,
  encodeExtras,
  excelWidthOf,
  extrasOf,
  pixelsOfExcelWidth,
  type CellStyleModel,
  type DerivedSheet,
  type ExtrasFile,
} from './extras.ts';
import type { CellStyleKey } from '../model/types.ts';

/** Given to Date cells whose own format is not a date format, so the file still says "date". */
export const DEFAULT_DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Excel's column limit: column formats beyond it cannot be written. */
const XLSX_MAX_COLUMNS = 16_384;
/** The width exceljs gives a column it defines without one (its Column's default). */
const EXCELJS_DEFAULT_WIDTH = 9;
const DAY_MS = 86_400_000;
const EXCEL_EPOCH_DAYS = 25_569; // 1970-01-01 as an Excel serial (1900 date system)
/** The writer yields to the event loop after this many cells: compression then runs alongside on the
 * thread pool (measured: about 30% faster than compressing at the end), and the host keeps serving calls
 * while a background snapshot is written. */
const CELLS_PER_YIELD = 256;

/**
 * Whether exceljs' reader will turn a number under this format into a Date: the same rule as its
 * utils.isDateFmt, so what the writer decides and what the reader does always agree.
 */
export function isDateFormat(format: string): boolean {
  if (!format) return false;
  const stripped = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(stripped);
}

function isDate(v: unknown): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

// ---------------------------------------------------------------------------------------------------
// Writing

type StyleModel = { numFmt?: string; protection?: { locked: boolean } } & CellStyleModel;

/**
 * exceljs computes a style id per cell by serialising the style to XML, which dominates a big write;
 * every style here is a number format plus at most a bold font, a solid fill and an alignment, so the id
 * is memoised per (those, value type).
 */
function memoiseStyleIds(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const styles = (workbook as unknown as { styles: { addStyleModel(model: StyleModel, type: number): number } }).styles;
  const original = styles.addStyleModel.bind(styles);
  const ids = new Map<string, number>();
  styles.addStyleModel = (model, type) => {
    const key = `${type}\u0000${model?.numFmt ?? ''}\u0000${model?.font ? 'b' : ''}\u0000${model?.fill?.fgColor.argb ?? ''}\u0000${model?.alignment?.horizontal ?? ''}\u0000${model?.alignment?.wrapText ? 'w' : ''}\u0000${model?.protection ? 'p' : ''}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = original(model, type);
      ids.set(key, id);
    }
    return id;
  };
}

/**
 * Writes `ss` to `out` (a path, or a stream the caller closes). Resolves once the file is complete,
 * with the layout that, kept beside the file, lets readSpreadsheetXlsx() rebuild `ss` exactly.
 */
export async function writeSpreadsheetXlsx(ss: SpreadsheetModel, out: string | Writable): Promise<SpreadsheetLayout> {
  const stream = typeof out === 'string' ? fs.createWriteStream(out) : out;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  memoiseStyleIds(workbook);
  const styleObjects = new Map<string, StyleModel>();
  // One object per format (and cell style): exceljs also caches style ids per style object.
  const styleFor = (format: string, cellStyle = ''): StyleModel => {
    const key = `${format}\u0000${cellStyle}`;
    let s = styleObjects.get(key);
    if (!s) styleObjects.set(key, (s = { ...(format ? { numFmt: format } : {}), ...cellStyleOf(cellStyle) }));
    return s;
  };
  // A cell without a style id means "General" to Excel but "the column's format" to LibreOffice; under a
  // column format, an automatic cell gets a style of its own (General, with the default protection spelled
  // out so exceljs does not fold it into style 0).
  const explicitObjects = new Map<string, StyleModel>();
  const explicitGeneral = (cellStyle: string): StyleModel => {
    let s = explicitObjects.get(cellStyle);
    if (!s) explicitObjects.set(cellStyle, (s = { ...styleFor('General', cellStyle), protection: { locked: true } }));
    return s;
  };
  const fixups = new Map<number, CellFixup[]>();
  try {
    for (const sheet of ss.sheets) {
      const sheetFixups: CellFixup[] = [];
      await writeSheet(workbook, sheet, ss.timeZone, styleFor, explicitGeneral, sheetFixups);
      if (sheetFixups.length) fixups.set(sheet.id, sheetFixups);
    }
    // The side part: exact formatting rules, column widths and charts (extras.ts says why a part of its own).
    const extras = extrasOf(ss);
    if (extras) (workbook as unknown as { zip: { append(data: string, o: { name: string }): void } }).zip.append(encodeExtras(extras), { name: EXTRAS_PART });
    await workbook.commit();
    if (typeof out === 'string' && !stream.closed) await once(stream, 'close');
  } catch (e) {
    if (typeof out === 'string') stream.destroy();
    throw e;
  }
  return layoutOf(ss, fixups);
}

async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: SheetModel,
  timeZone: string,
  styleFor: (format: string, cellStyle?: string) => StyleModel,
  explicitGeneral: (cellStyle: string) => StyleModel,
  fixups: CellFixup[],
): Promise<void> {
  const views: Partial<ExcelJS.WorksheetView>[] =
    sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: 0 }] : [{}];
  const ws = workbook.addWorksheet(encodeXmlAttribute(sheet.name), { views });
  const width = Math.max(sheet.maxColumns, lastColumn(sheet));
  const formats = new ColumnFormats(sheet.formats, width);
  const styledColumns = new Set<number>();
  for (let c = 1; c <= Math.min(width, XLSX_MAX_COLUMNS); c++) {
    const format = formats.openEnded(c);
    if (!format) continue;
    ws.getColumn(c).style = styleFor(format) as Partial<ExcelJS.Style>;
    styledColumns.add(c);
  }
  for (const [c, px] of Object.entries(sheet.columnWidths ?? {})) {
    if (Number(c) <= XLSX_MAX_COLUMNS) ws.getColumn(Number(c)).width = excelWidthOf(px);
  }
  // Each formatting attribute down each column, as number formats are (cells are asked in row order).
  const styleKeys = Object.keys(sheet.styles ?? {}) as CellStyleKey[];
  const cellStyles = styleKeys.map((key) => [key, new ColumnFormats(sheet.styles![key]!, width)] as const);
  const cellStyleAt = (r: number, c: number): string => {
    let out = '';
    for (const [key, columns] of cellStyles) {
      const v = columns.at(r, c);
      if (v) out += `${out ? ';' : ''}${key}=${v}`;
    }
    return out;
  };

  // Rows in order, merging in formula cells (kept apart from values in the model).
  const formulaRows = new Map<number, Map<number, string>>();
  for (const [key, formula] of sheet.formulas) {
    const { row, col } = formulaPosition(key);
    let cols = formulaRows.get(row);
    if (!cols) formulaRows.set(row, (cols = new Map()));
    cols.set(col, formula);
  }
  let ordered: number[] | null = null;
  if (formulaRows.size) {
    const rowNumbers = new Set<number>(formulaRows.keys());
    for (let r = 1; r <= sheet.rows.length; r++) if (sheet.rows[r - 1].length) rowNumbers.add(r);
    ordered = [...rowNumbers].sort((a, b) => a - b);
  }

  let sinceYield = 0;
  const writeRow = (r: number): void => {
    const values = sheet.rows[r - 1] ?? [];
    const row = ws.getRow(r);
    const formulaCols = formulaRows.get(r);
    const lastCol = formulaCols ? Math.max(values.length, ...formulaCols.keys()) : values.length;
    for (let c = 1; c <= lastCol; c++) {
      const raw = values[c - 1] ?? '';
      const formula = formulaCols?.get(c);
      if (raw === '' && formula === undefined) continue;
      let format = formats.at(r, c);
      let value: CellValue | undefined = raw === '' ? undefined : raw;
      if (typeof value === 'string') value = encodeXmlText(value);
      else if (typeof value === 'boolean') {
        if (formula !== undefined) fixups.push([r, c, value]); // exceljs reads a formula's boolean result back as 1 or 0
      } else if (value !== undefined) {
        // The store refuses these when they are written (storable.ts); a model built some other way still
        // never becomes a file that cannot be read back.
        const problem = unstorable(value, timeZone);
        if (problem) throw new CellNotStorableError(`Cannot write ${problem} in ${sheet.name}!${columnToLetters(c)}${r}.`);
        if (isDate(value)) {
          const ms = value.getTime();
          const wall = toWallMs(ms, timeZone);
          if (!isDateFormat(format)) format = DEFAULT_DATE_FORMAT;
          // The file says wall-clock time as a serial day number; keep the instant where that is lossy.
          const serial = EXCEL_EPOCH_DAYS + wall / DAY_MS;
          if (Math.round((serial - EXCEL_EPOCH_DAYS) * DAY_MS) !== wall || fromWallMs(wall, timeZone) !== ms) {
            fixups.push([r, c, new Date(ms)]);
          }
          value = new Date(wall);
        } else if (isDateFormat(format)) {
          // A number under a date format stays a number in the model; a date format would read back as Date.
          format = '';
        }
      }
      const cell = row.getCell(c);
      cell.value =
        formula !== undefined ? { formula: encodeXmlText(formula.replace(/^=/, '')), result: value, date1904: false } : (value ?? null);
      const cellStyle = cellStyles.length ? cellStyleAt(r, c) : '';
      cell.style = (format === '' && styledColumns.has(c) ? explicitGeneral(cellStyle) : styleFor(format, cellStyle)) as Partial<ExcelJS.Style>;
    }
    row.commit();
    sinceYield += lastCol;
  };

  if (ordered) {
    for (const r of ordered) {
      writeRow(r);
      if (sinceYield >= CELLS_PER_YIELD) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
  } else {
    for (let r = 1; r <= sheet.rows.length; r++) {
      if (!sheet.rows[r - 1].length) continue;
      writeRow(r);
      if (sinceYield >= CELLS_PER_YIELD) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
  }
  ws.commit();
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// ---------------------------------------------------------------------------------------------------
// Reading

export interface ReadOptions {
  id: string;
  name: string;
  timeZone: string;
  /** The layout last written with this file, or with an earlier version of it. */
  layout?: SpreadsheetLayout;
  /** True when the file is byte for byte the one `layout` was written with (hashes match). */
  exact?: boolean;
  /**
   * A cell holding no value a spreadsheet can have (an impossible date, NaN) is read as blank, and characters
   * XML forbids are dropped from the file's text, instead of failing with WorkbookUnreadableError.
   */
  blankUnreadable?: boolean;
  /** With blankUnreadable: receives what was blanked or cleaned. */
  blanked?: UnreadableCell[];
}

interface SheetHead {
  frozenRows: number;
  dimensionRows: number;
  dimensionColumns: number;
  /** Column -> style id of its <col> entry. */
  columnStyles: Map<number, number>;
  /** Column -> width in pixels, from <col width> (only read when the side part has nothing for the tab). */
  columnWidths: Map<number, number>;
}

interface ReadSheet {
  name: string;
  rows: CellValue[][];
  formulas: Map<number, string>;
  head: SheetHead;
  formats: FormatRuleBuilder;
  defaultColumns: number[];
  usedColumns: number;
  /** Formatting read from the cells' styles; null when the side part has the tab's exact rules. */
  derivedStyles: DerivedStyles | null;
}

/** How one read treats a cell it cannot read. */
interface CellReader {
  timeZone: string;
  /** Returns '' (the cell is read as blank) or throws WorkbookUnreadableError. */
  unreadable(tab: string, row: number, col: number, problem: string): '';
}

type ExcelValue = ExcelJS.CellValue;

/** What readSpreadsheetXlsx uses of exceljs' WorkbookReader beyond its typings (exceljs 4.4). */
interface ReaderInternals {
  model?: { sheets?: { name: string; id: number; rId: string }[] };
  workbookRels?: { Id: string; Target: string; Type: string }[];
  styles: { getStyleModel(id: number): StyleModel | null };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
}

/**
 * Reads a file written by writeSpreadsheetXlsx() or by any spreadsheet program. exceljs' streaming
 * reader does the parsing (workbook, shared strings, styles, then each sheet row by row); the parts are
 * handed to it from the zip's central directory, in tab order (see zip-reader.ts for why), in chunks that
 * end on whole UTF-8 characters (exceljs decodes each chunk on its own: a character split between two
 * chunks would come back as two U+FFFD).
 */
export async function readSpreadsheetXlsx(file: string, opts: ReadOptions): Promise<SpreadsheetModel> {
  const zip = ZipReader.open(file);
  const blank = !!opts.blankUnreadable;
  const cells: CellReader = {
    timeZone: opts.timeZone,
    unreadable(tab, row, col, problem) {
      const found = { tab, cell: `${columnToLetters(col)}${row}`, problem };
      if (!blank) throw new WorkbookUnreadableError({ file, cells: [found] });
      opts.blanked?.push(found);
      return '';
    },
  };
  // The XML of a part, as exceljs gets it: whole characters per chunk; with blankUnreadable, XML-safe too.
  const part = (name: string, tab: string): AsyncIterable<Buffer> => {
    const aligned = utf8Aligned(zip.stream(name) as AsyncIterable<Buffer>);
    return blank ? cleanXmlChars(aligned, (n) => opts.blanked?.push({ tab, cell: '', problem: `${n} character(s) XML cannot hold, dropped from ${name}` })) : aligned;
  };
  // The XML parser fails on a character XML forbids; the error then names the cells it sits in.
  const parsing = async <T>(name: string, run: () => Promise<T>, tabs: { name: string; part: string }[]): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      // Only the XML parser's own errors ("line:column: message") are about the file's content.
      if (e instanceof WorkbookUnreadableError || !/\d+:\d+: /.test((e as Error)?.message ?? '')) throw e;
      const found = await locateXmlError(zip, name, e as Error, tabs).catch(() => []);
      throw new WorkbookUnreadableError({ file, part: name, cells: found, reason: (e as Error).message });
    }
  };
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as ReaderInternals;
    await reader._parseRels(zip.stream('xl/_rels/workbook.xml.rels'));
    await parsing('xl/workbook.xml', () => reader._parseWorkbook(Readable.from(part('xl/workbook.xml', ''))), []);
    const rels = reader.workbookRels ?? [];
    const partOf = (type: string): string | null => {
      const rel = rels.find((r) => r.Type.endsWith(`/${type}`));
      return rel ? xlPart(rel.Target) : null;
    };
    const tabs: { name: string; part: string; sheetNo: string }[] = [];
    for (const [position, tab] of (reader.model?.sheets ?? []).entries()) {
      const rel = rels.find((r) => r.Id === tab.rId);
      const target = rel ? xlPart(rel.Target) : null;
      if (!target || !zip.has(target) || !rel!.Type.endsWith('/worksheet')) continue; // a chart sheet, say
      const sheetNo = /(\d+)\.xml$/.exec(target)?.[1] ?? String(position + 1);
      tabs.push({ name: decodeXmlText(tab.name), part: target, sheetNo });
    }
    const sharedStrings = partOf('sharedStrings');
    if (sharedStrings && zip.has(sharedStrings)) {
      await parsing(
        sharedStrings,
        async () => {
          for await (const _ of reader._parseSharedStrings(Readable.from(part(sharedStrings, '')))) {
            // 'cache' mode keeps them on the reader; nothing is emitted
          }
        },
        tabs,
      );
    }
    const styles = partOf('styles');
    if (styles && zip.has(styles)) await reader._parseStyles(zip.stream(styles));
    const extras = zip.has(EXTRAS_PART) ? decodeExtras(await partText(zip.stream(EXTRAS_PART))) : null;

    const read: ReadSheet[] = [];
    for (const tab of tabs) {
      const head: SheetHead = { frozenRows: 0, dimensionRows: 0, dimensionColumns: 0, columnStyles: new Map(), columnWidths: new Map() };
      const columnFormat = (col: number): string => {
        const id = head.columnStyles.get(col);
        return id === undefined ? '' : (reader.styles.getStyleModel(id)?.numFmt ?? '');
      };
      const sheet: ReadSheet = {
        name: tab.name,
        rows: [],
        formulas: new Map(),
        head,
        formats: new FormatRuleBuilder((c) => normaliseFormat(columnFormat(c))),
        defaultColumns: [],
        usedColumns: 0,
        derivedStyles: extras?.sheets.some((e) => e.name === tab.name) ? null : new DerivedStyles(),
      };
      const parsed = await parsing(
        tab.part,
        async () => {
          const ws = [...reader._parseWorksheet(scanHead(part(tab.part, tab.name), head), tab.sheetNo)][0]?.value;
          if (!ws) return false;
          for await (const row of ws) readRow(row, sheet, cells);
          return true;
        },
        tabs,
      );
      if (!parsed) continue;
      for (const col of head.columnStyles.keys()) if (normaliseFormat(columnFormat(col))) sheet.defaultColumns.push(col);
      read.push(sheet);
    }
    return assemble(read, opts, extras);
  } finally {
    zip.close();
  }
}

async function partText(stream: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** A relationship target of the workbook part as a path inside the zip. */
function xlPart(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

function normaliseFormat(format: string | undefined): string {
  return !format || format === 'General' ? '' : format;
}

function readRow(row: ExcelJS.Row, sheet: ReadSheet, reader: CellReader): void {
  const r = row.number;
  const values: CellValue[] = [];
  // The row's own cells, styled blanks included (eachCell would skip those, or fill every gap).
  const cells = (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells;
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index];
    if (!cell) continue;
    const c = index + 1;
    const format = normaliseFormat(cell.numFmt);
    const raw = cell.value as ExcelValue;
    if (sheet.derivedStyles && cell.style) sheet.derivedStyles.cell(r, c, cell.style as Parameters<DerivedStyles['cell']>[2]);
    if (raw === null || raw === undefined) {
      // A blank with a style only carries a format.
      if (cell.style && Object.keys(cell.style).length) sheet.formats.cell(r, c, format);
      continue;
    }
    sheet.formats.cell(r, c, format);
    // Plain values first, without allocating: this runs for every cell of a 500k-row tab.
    let value: CellValue;
    if (typeof raw === 'string') value = decodeXmlText(raw);
    else if (typeof raw === 'boolean') value = raw;
    else if (typeof raw === 'number') value = Number.isFinite(raw) ? raw : reader.unreadable(sheet.name, r, c, `the number ${raw}`);
    else if (isDate(raw)) value = instantOf(raw.getTime(), sheet.name, r, c, reader);
    else {
      const parsed = objectValue(raw, format, sheet.name, r, c, reader);
      value = parsed.value;
      if (parsed.formula) {
        sheet.formulas.set(formulaKey(r, c), parsed.formula);
        sheet.usedColumns = Math.max(sheet.usedColumns, c);
      }
    }
    if (value !== '') {
      while (values.length < c - 1) values.push('');
      values[c - 1] = value;
      if (c > sheet.usedColumns) sheet.usedColumns = c;
    }
  }
  if (values.length) {
    while (sheet.rows.length < r - 1) sheet.rows.push([]);
    sheet.rows[r - 1] = values;
  }
}

/** Formulas, rich text, errors: the cell values exceljs gives as objects. */
function objectValue(raw: ExcelValue, format: string, tab: string, r: number, c: number, reader: CellReader): { value: CellValue; formula?: string } {
  if (raw && typeof raw === 'object') {
    if ('formula' in raw || 'sharedFormula' in raw) {
      const f = raw as ExcelJS.CellFormulaValue;
      let result: CellValue = '';
      if (typeof f.result === 'string') result = decodeXmlText(f.result);
      else if (f.result !== undefined && f.result !== null && typeof f.result !== 'object') result = f.result as CellValue;
      else if (isDate(f.result)) result = instantOf((f.result as Date).getTime(), tab, r, c, reader);
      // exceljs' reader leaves formula results as plain numbers.
      if (typeof result === 'number' && isDateFormat(format) && Number.isFinite(result)) result = instantOf(serialToWallMs(result), tab, r, c, reader);
      if (typeof result === 'number' && !Number.isFinite(result)) result = reader.unreadable(tab, r, c, `a formula result ${result}`);
      const text = 'formula' in raw ? decodeXmlText(f.formula ?? '') : '';
      // LibreOffice writes a boolean cell as the formula TRUE() or FALSE().
      if (/^(TRUE|FALSE)\(\)$/i.test(text)) return { value: text.toUpperCase().startsWith('TRUE') };
      return text ? { value: result, formula: `=${text}` } : { value: result };
    }
    if ('richText' in raw) return { value: decodeXmlText(raw.richText.map((t) => t.text).join('')) };
    if ('error' in raw) return { value: String(raw.error) };
    if ('text' in raw) return { value: decodeXmlText(String((raw as { text: unknown }).text)) };
  }
  return { value: '' };
}

function serialToWallMs(serial: number): number {
  return Math.round((serial - EXCEL_EPOCH_DAYS) * DAY_MS);
}

/** The instant a date cell names (a wall-clock time in the spreadsheet's zone), if it names one. */
function instantOf(wallMs: number, tab: string, r: number, c: number, reader: CellReader): Date | '' {
  if (!(wallMs >= MIN_DATE_WALL_MS && wallMs <= MAX_DATE_WALL_MS)) {
    return reader.unreadable(tab, r, c, `a date the file cannot express (${Number.isNaN(wallMs) ? 'not a number' : `serial ${wallMs / DAY_MS + EXCEL_EPOCH_DAYS}`})`);
  }
  return new Date(fromWallMs(wallMs, reader.timeZone));
}

function assemble(read: ReadSheet[], opts: ReadOptions, extras: ExtrasFile | null): SpreadsheetModel {
  const layout = opts.layout;
  const exact =
    !!opts.exact &&
    !!layout &&
    layout.sheets.length === read.length &&
    layout.sheets.every((s, i) => s.name === read[i].name);
  const used = new Set<number>();
  const byName = new Map<string, SheetLayout>((layout?.sheets ?? []).map((s) => [s.name, s]));
  const sheets: SheetModel[] = read.map((r, i) => {
    const known = exact ? layout!.sheets[i] : byName.get(r.name);
    const id = known && !used.has(known.id) ? known.id : -1;
    if (id >= 0) used.add(id);
    let usedRows = r.rows.length;
    for (const key of r.formulas.keys()) usedRows = Math.max(usedRows, formulaPosition(key).row);
    const usedColumns = r.usedColumns;
    const formats = exact && known!.formats ? known!.formats.map((f) => ({ ...f })) : r.formats.build(r.defaultColumns);
    const sheet: SheetModel = {
      id,
      name: r.name,
      rows: r.rows,
      maxRows: exact ? known!.maxRows : Math.max(known?.maxRows ?? DEFAULT_ROWS, usedRows, r.head.dimensionRows),
      maxColumns: exact ? known!.maxColumns : Math.max(known?.maxColumns ?? DEFAULT_COLUMNS, usedColumns, r.head.dimensionColumns),
      frozenRows: r.head.frozenRows,
      formats,
      formulas: r.formulas,
    };
    sheet.maxRows = Math.max(sheet.maxRows, usedRows, sheet.frozenRows);
    sheet.maxColumns = Math.max(sheet.maxColumns, usedColumns);
    if (exact) for (const [row, col, value] of known!.cellFixups ?? []) fixCell(sheet, row, col, value);
    return sheet;
  });
  // Sheets the layout does not know get fresh ids; the first sheet of a new file is 0, as Google's is.
  let next = Math.max(layout?.nextSheetId ?? 0, ...[...used].map((x) => x + 1));
  for (const s of sheets) {
    if (s.id >= 0) continue;
    while (used.has(next)) next++;
    s.id = next;
    used.add(next++);
  }
  applyExtras(
    sheets,
    extras,
    read.map((r): DerivedSheet | null => (r.derivedStyles ? { styles: r.derivedStyles, columnWidths: r.head.columnWidths } : null)),
  );
  return {
    id: opts.id,
    name: opts.name,
    timeZone: opts.timeZone,
    sheets,
    nextSheetId: exact ? layout!.nextSheetId : Math.max(next, ...sheets.map((s) => s.id + 1)),
  };
}

function fixCell(sheet: SheetModel, row: number, col: number, value: Date | boolean): void {
  while (sheet.rows.length < row) sheet.rows.push([]);
  const r = sheet.rows[row - 1];
  // exceljs drops a `false` result entirely, so the cell may be missing here.
  while (r.length < col - 1) r.push('');
  r[col - 1] = isDate(value) ? new Date(value.getTime()) : value;
}

/**
 * Passes a worksheet's XML through untouched while reading what exceljs' streaming reader skips and
 * what comes before <sheetData>: the frozen pane, the used-range dimension and the column styles.
 */
async function* scanHead(source: AsyncIterable<Buffer>, head: SheetHead): AsyncGenerator<Buffer> {
  let text = '';
  let scanning = true;
  for await (const chunk of source) {
    if (scanning) {
      text += chunk.toString('latin1');
      const end = text.indexOf('<sheetData');
      if (end >= 0 || text.length > 4_000_000) {
        parseHead(end >= 0 ? text.slice(0, end) : text, head);
        scanning = false;
        text = '';
      }
    }
    yield chunk;
  }
  if (scanning) parseHead(text, head);
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1].replace(/^\w+:/, '')] = m[2];
  return out;
}

function parseHead(xml: string, head: SheetHead): void {
  const pane = /<(?:\w+:)?pane\b([^>]*)>/.exec(xml);
  if (pane) {
    const a = attributes(pane[1]);
    if ((a.state === 'frozen' || a.state === 'frozenSplit') && a.ySplit) head.frozenRows = Math.max(0, Math.round(Number(a.ySplit)) || 0);
  }
  const dimension = /<(?:\w+:)?dimension\b([^>]*)>/.exec(xml);
  if (dimension) {
    const ref = attributes(dimension[1]).ref ?? '';
    const m = /:?\$?([A-Z]+)\$?(\d+)$/.exec(ref);
    if (m) {
      head.dimensionRows = Number(m[2]);
      head.dimensionColumns = lettersToNumber(m[1]);
    }
  }
  for (const m of xml.matchAll(/<(?:\w+:)?col\b([^>]*)>/g)) {
    const a = attributes(m[1]);
    const width = Number(a.width);
    // Only widths set on purpose: customWidth (LibreOffice writes its defaults without it), and not exceljs'
    // default of 9 characters, which it writes for every column it defines (ours carry a number format).
    const custom = a.customWidth === '1' || a.customWidth === 'true';
    if (custom && width > 0 && width !== EXCELJS_DEFAULT_WIDTH) {
      const lo = Number(a.min);
      const hi = Math.min(Number(a.max), XLSX_MAX_COLUMNS);
      // A program that writes one <col> for every column to the end (max 16384) sizes none of them on purpose.
      if (lo >= 1 && hi >= lo && hi - lo < 1000) for (let c = lo; c <= hi; c++) head.columnWidths.set(c, pixelsOfExcelWidth(width));
    }
    if (a.style === undefined) continue;
    const style = Number(a.style);
    const min = Number(a.min);
    const max = Math.min(Number(a.max), XLSX_MAX_COLUMNS);
    if (!style || !(min >= 1) || !(max >= min)) continue;
    for (let c = min; c <= max; c++) head.columnStyles.set(c, style);
  }
}

function lettersToNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
