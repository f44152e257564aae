// Range: a rectangle of one sheet, held as coordinates only. Every read or write is one host call.
// getValues gives a formula cell's computed value (the host evaluates it, model/formula.ts); getFormulas
// gives the formula.
import type { FacadeContext } from '../../runtime/contracts.ts';
import { a1Notation } from '../../model/a1.ts';
import { MSG, type RangeRef, type ReadMode, type WireGrid } from '../../model/sheets-protocol.ts';
import { callSheets, fromWire, gas, signatureMismatch, toWire } from './wire.ts';
import { EmuSheet } from './sheet.ts';
import { EmuTextFinder } from './text-finder.ts';
import { cssColor } from './colors.ts';
import type { CellStyleKey } from '../../model/types.ts';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** Which cells a Range facade stands for (EmbeddedChartBuilder.addRange receives one). */
const refs = new WeakMap<object, RangeRef>();

export function rangeRefOf(range: unknown): RangeRef | undefined {
  return typeof range === 'object' && range !== null ? refs.get(range) : undefined;
}
type ClearOptions = { contentsOnly?: boolean; formatOnly?: boolean; commentsOnly?: boolean; validationsOnly?: boolean; skipFilteredRows?: boolean };

export class EmuRange
  implements
    Pick<
      Range,
      | 'getValues'
      | 'setValues'
      | 'getValue'
      | 'setValue'
      | 'getDisplayValues'
      | 'getDisplayValue'
      | 'getFormulas'
      | 'setFormula'
      | 'getRow'
      | 'getColumn'
      | 'getNumRows'
      | 'getNumColumns'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getA1Notation'
      | 'getSheet'
      | 'clear'
      | 'clearContent'
      | 'setNumberFormat'
      | 'setNumberFormats'
      | 'getNumberFormat'
      | 'getNumberFormats'
      | 'createTextFinder'
      | 'setFontWeight'
      | 'getFontWeight'
      | 'setBackground'
      | 'getBackground'
      | 'setHorizontalAlignment'
      | 'setWrap'
    >
{
  constructor(
    private readonly ctx: FacadeContext,
    private readonly ref: RangeRef,
  ) {
    refs.set(this, ref);
  }

  private get cells(): number {
    return this.ref.rows * this.ref.cols;
  }

  private read(mode: ReadMode, topLeftOnly = false): any[][] {
    const ref = topLeftOnly ? { ...this.ref, rows: 1, cols: 1 } : this.ref;
    return fromWire(this.ctx, callSheets<WireGrid>(this.ctx, 'read', ref, mode));
  }

  getValues(): any[][] {
    this.ctx.meter.count('Range.getValues', this.cells);
    return this.read('values');
  }

  getValue(): any {
    this.ctx.meter.count('Range.getValue', 1);
    return this.read('values', true)[0][0];
  }

  getDisplayValues(): string[][] {
    this.ctx.meter.count('Range.getDisplayValues', this.cells);
    return this.read('display');
  }

  getDisplayValue(): string {
    this.ctx.meter.count('Range.getDisplayValue', 1);
    return this.read('display', true)[0][0];
  }

  getFormulas(): string[][] {
    this.ctx.meter.count('Range.getFormulas', this.cells);
    return this.read('formulas');
  }

  getNumberFormat(): string {
    this.ctx.meter.count('Range.getNumberFormat', 1);
    return this.read('formats', true)[0][0];
  }

  getNumberFormats(): string[][] {
    this.ctx.meter.count('Range.getNumberFormats', this.cells);
    return this.read('formats');
  }

  /** developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues: must match the range's dimensions. */
  setValues(values: any[][]): Range {
    this.ctx.meter.count('Range.setValues', 0, this.cells);
    this.checkShape(values, 'SpreadsheetApp.Range.setValues');
    callSheets(this.ctx, 'write', this.ref, toWire(values));
    return gas(this);
  }

  /** Sets every cell of the range to the value. */
  setValue(value: any): Range {
    this.ctx.meter.count('Range.setValue', 0, this.cells);
    callSheets(this.ctx, 'fill', this.ref, toWire([[value]]));
    return gas(this);
  }

  setFormula(formula: string): Range {
    this.ctx.meter.count('Range.setFormula', 0, this.cells);
    if (typeof formula !== 'string') signatureMismatch(this.ctx, [formula], 'SpreadsheetApp.Range.setFormula');
    callSheets(this.ctx, 'setFormula', this.ref, formula);
    return gas(this);
  }

  setNumberFormat(numberFormat: string): Range {
    this.ctx.meter.count('Range.setNumberFormat', 0, this.cells);
    if (typeof numberFormat !== 'string') signatureMismatch(this.ctx, [numberFormat], 'SpreadsheetApp.Range.setNumberFormat');
    callSheets(this.ctx, 'setNumberFormat', this.ref, numberFormat);
    return gas(this);
  }

  setNumberFormats(numberFormats: string[][]): Range {
    this.ctx.meter.count('Range.setNumberFormats', 0, this.cells);
    this.checkShape(numberFormats, 'SpreadsheetApp.Range.setNumberFormats');
    callSheets(this.ctx, 'setNumberFormats', this.ref, numberFormats.map((r) => r.map((f) => String(f ?? ''))));
    return gas(this);
  }

  /** Clears contents and formats; with options, only what they ask for (contentsOnly / formatOnly). */
  clear(options?: ClearOptions): Range {
    this.ctx.meter.count('Range.clear', 0, this.cells);
    const only = options && (options.contentsOnly || options.formatOnly);
    const contents = !only || !!options?.contentsOnly;
    const formats = !only || !!options?.formatOnly;
    callSheets(this.ctx, 'clear', this.ref, contents, formats);
    return gas(this);
  }

  /** Clears the content, leaving the formatting intact. */
  clearContent(): Range {
    this.ctx.meter.count('Range.clearContent', 0, this.cells);
    callSheets(this.ctx, 'clear', this.ref, true, false);
    return gas(this);
  }

  getRow(): number {
    this.ctx.meter.count('Range.getRow');
    return this.ref.row;
  }

  getColumn(): number {
    this.ctx.meter.count('Range.getColumn');
    return this.ref.col;
  }

  getNumRows(): number {
    this.ctx.meter.count('Range.getNumRows');
    return this.ref.rows;
  }

  getNumColumns(): number {
    this.ctx.meter.count('Range.getNumColumns');
    return this.ref.cols;
  }

  /** The end row position of the range (not the last row with content). */
  getLastRow(): number {
    this.ctx.meter.count('Range.getLastRow');
    return this.ref.row + this.ref.rows - 1;
  }

  getLastColumn(): number {
    this.ctx.meter.count('Range.getLastColumn');
    return this.ref.col + this.ref.cols - 1;
  }

  getA1Notation(): string {
    this.ctx.meter.count('Range.getA1Notation');
    return a1Notation(this.ref.row, this.ref.col, this.ref.rows, this.ref.cols);
  }

  /** reference/spreadsheet/range#createTextFinder(String): a text finder over this range's cells. */
  createTextFinder(findText: string): GoogleAppsScript.Spreadsheet.TextFinder {
    this.ctx.meter.count('Range.createTextFinder');
    if (typeof findText !== 'string') signatureMismatch(this.ctx, [findText], 'SpreadsheetApp.Range.createTextFinder');
    return gas(new EmuTextFinder(this.ctx, this.ref, findText));
  }

  // ---- formatting (model/types.ts CellStyleKey). Google does not publish the texts of refused values. ----

  /** reference/spreadsheet/range#setFontWeight(String): 'bold' or 'normal'; null resets (normal). */
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): Range {
    this.ctx.meter.count('Range.setFontWeight', 0, this.cells);
    const method = 'SpreadsheetApp.Range.setFontWeight';
    if (fontWeight !== null && typeof fontWeight !== 'string') signatureMismatch(this.ctx, [fontWeight], method);
    const v = fontWeight === null ? 'normal' : fontWeight.toLowerCase();
    if (v !== 'bold' && v !== 'normal') this.ctx.fail(`Invalid argument: fontWeight (${fontWeight})`);
    return this.style('fontWeight', v === 'bold' ? 'bold' : '');
  }

  /** The font weight of the top-left cell: 'bold' or 'normal'. */
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    this.ctx.meter.count('Range.getFontWeight', 1);
    return (this.readStyle('fontWeight') || 'normal') as GoogleAppsScript.Spreadsheet.FontWeight;
  }

  /**
   * reference/spreadsheet/range#setBackground(String): a colour in CSS notation ('#ffffff', 'white'); null
   * resets. Kept as '#rrggbb', as getBackground reports it. A string that is no colour changes nothing.
   */
  setBackground(color: string | null): Range {
    this.ctx.meter.count('Range.setBackground', 0, this.cells);
    if (color !== null && typeof color !== 'string') signatureMismatch(this.ctx, [color], 'SpreadsheetApp.Range.setBackground');
    if (color === null) return this.style('background', '');
    const hex = cssColor(color);
    return hex === null ? gas(this) : this.style('background', hex);
  }

  /** The background of the top-left cell as '#rrggbb' ('#ffffff' when none was set). */
  getBackground(): string {
    this.ctx.meter.count('Range.getBackground', 1);
    return this.readStyle('background') || '#ffffff';
  }

  /** reference/spreadsheet/range#setHorizontalAlignment(String): 'left', 'center', 'right'; 'normal' or null resets. */
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): Range {
    this.ctx.meter.count('Range.setHorizontalAlignment', 0, this.cells);
    if (alignment !== null && typeof alignment !== 'string') signatureMismatch(this.ctx, [alignment], 'SpreadsheetApp.Range.setHorizontalAlignment');
    const v = alignment === null ? 'normal' : alignment.toLowerCase();
    if (!['left', 'center', 'right', 'normal'].includes(v)) this.ctx.fail(`Invalid argument: alignment (${alignment})`);
    return this.style('horizontalAlignment', v === 'normal' ? '' : v);
  }

  /** reference/spreadsheet/range#setWrap(Boolean): wraps the text in the cells, or not. */
  setWrap(isWrapEnabled: boolean): Range {
    this.ctx.meter.count('Range.setWrap', 0, this.cells);
    if (typeof isWrapEnabled !== 'boolean') signatureMismatch(this.ctx, [isWrapEnabled], 'SpreadsheetApp.Range.setWrap');
    return this.style('wrap', String(isWrapEnabled));
  }

  private style(key: CellStyleKey, value: string): Range {
    callSheets(this.ctx, 'setCellStyle', this.ref, key, value);
    return gas(this);
  }

  private readStyle(key: CellStyleKey): string {
    return callSheets<string[][]>(this.ctx, 'readCellStyle', { ...this.ref, rows: 1, cols: 1 }, key)[0][0];
  }

  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    this.ctx.meter.count('Range.getSheet');
    return gas(new EmuSheet(this.ctx, this.ref.ss, this.ref.sheet));
  }

  private checkShape(values: unknown, method: string): asserts values is unknown[][] {
    if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) signatureMismatch(this.ctx, [values], method);
    if (values.length !== this.ref.rows) this.ctx.fail(MSG.rowsMismatch(values.length, this.ref.rows));
    for (const row of values as unknown[][]) {
      if (row.length !== this.ref.cols) this.ctx.fail(MSG.columnsMismatch(row.length, this.ref.cols));
    }
  }
}
