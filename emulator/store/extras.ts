// What a spreadsheet has beyond values and number formats, in its .xlsx file: cell formatting (bold,
// background, horizontal alignment, wrap), column widths and embedded charts.
//
// Formatting and widths are written the xlsx way too (cell styles, <col width>), so Excel, LibreOffice and
// Google Sheets (on upload) show the bold header, the fill and the sized columns. But a cell style exists only
// on a written cell and a width is in characters, so the exact rules and pixels travel beside them. Charts are
// kept only there: writing real DrawingML chart parts is out of scope, and the emulator draws nothing.
//
// "Beside them" is one extra part of the same zip, EXTRAS_PART: an XML element whose text is the JSON of
// ExtrasFile (json-codec, so an open-ended rule's Infinity survives). Why this form:
//   - it travels with the file (copied, backed up, uploaded) and always describes the snapshot it is in, unlike
//     the manifest's layout, which is trusted only for the exact bytes it was written with;
//   - the ".xml" extension is covered by the package's Default content type (application/xml, which exceljs
//     writes), so the package stays valid OPC; no relationship points at the part, and consumers ignore parts
//     that nothing references (Excel, LibreOffice and exceljs open such a file as usual);
//   - a spreadsheet program that saves the file drops the part: the file then comes back with the formatting
//     its cells and columns carry (read from the styles) and without charts, which is what such a program
//     could have kept of them anyway.
import type { CellStyleKey, ChartRange, ChartSpec, FormatRule, SheetModel, SpreadsheetModel } from '../model/types.ts';
import { decodeJson, encodeJson } from './json-codec.ts';
import { FormatRuleBuilder } from './column-formats.ts';

/** The side part's name inside the zip. */
export const EXTRAS_PART = 'worktimetracker/extras.xml';
const ROOT = 'wtt-extras';
const NAMESPACE = 'urn:worktimetracker:emulator:extras';

/** A chart range names its sheet by name: sheet ids are not in the file. */
type StoredRange = Omit<ChartRange, 'sheet'> & { sheet: string };
type StoredChart = Omit<ChartSpec, 'ranges'> & { ranges: StoredRange[] };

export interface SheetExtras {
  /** The tab's name, which is how the entry finds its sheet again. */
  name: string;
  styles?: SheetModel['styles'];
  columnWidths?: Record<number, number>;
  charts?: StoredChart[];
}

export interface ExtrasFile {
  version: 1;
  sheets: SheetExtras[];
}

/** The side part for `ss`, or null when no sheet has anything for it (no part is written then). */
export function extrasOf(ss: SpreadsheetModel): ExtrasFile | null {
  const names = new Map(ss.sheets.map((s) => [s.id, s.name]));
  const sheets: SheetExtras[] = [];
  for (const s of ss.sheets) {
    if (!s.styles && !s.columnWidths && !s.charts) continue;
    const entry: SheetExtras = { name: s.name };
    if (s.styles) entry.styles = s.styles;
    if (s.columnWidths) entry.columnWidths = s.columnWidths;
    if (s.charts) {
      entry.charts = s.charts.map((c) => ({
        ...c,
        ranges: c.ranges.flatMap((r) => (names.has(r.sheet) ? [{ ...r, sheet: names.get(r.sheet)! }] : [])),
      }));
    }
    sheets.push(entry);
  }
  return sheets.length ? { version: 1, sheets } : null;
}

export function encodeExtras(extras: ExtrasFile): string {
  // JSON escapes every control character; U+FFFE and U+FFFF, which XML cannot hold either, are escaped here.
  const json = encodeJson(extras).replace(/[\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  const text = json.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${ROOT} xmlns="${NAMESPACE}" version="1">${text}</${ROOT}>`;
}

/** The side part's content, or null when it is not one this codec wrote (it is then ignored). */
export function decodeExtras(xml: string): ExtrasFile | null {
  const m = new RegExp(`<${ROOT}\\b[^>]*>([\\s\\S]*)</${ROOT}>`).exec(xml);
  if (!m) return null;
  const text = m[1].replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
  try {
    const parsed = decodeJson<ExtrasFile>(text);
    return parsed?.version === 1 && Array.isArray(parsed.sheets) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Puts each sheet's extras back: from its entry in the side part (found by name) when there is one, else
 * what the file's own cell styles and column widths say (`derived`, by sheet position).
 */
export function applyExtras(sheets: SheetModel[], extras: ExtrasFile | null, derived: (DerivedSheet | null)[]): void {
  const ids = new Map(sheets.map((s) => [s.name, s.id]));
  sheets.forEach((sheet, i) => {
    const entry = extras?.sheets.find((e) => e.name === sheet.name);
    if (!entry) {
      const d = derived[i];
      const styles = d?.styles.build();
      if (styles) sheet.styles = styles;
      if (d?.columnWidths.size) sheet.columnWidths = Object.fromEntries(d.columnWidths);
      return;
    }
    if (entry.styles && Object.keys(entry.styles).length) sheet.styles = entry.styles;
    if (entry.columnWidths && Object.keys(entry.columnWidths).length) {
      sheet.columnWidths = Object.fromEntries(Object.entries(entry.columnWidths).map(([c, w]) => [Number(c), w]));
    }
    if (entry.charts?.length) {
      sheet.charts = entry.charts.map((c) => ({
        ...c,
        ranges: c.ranges.flatMap((r) => (ids.has(r.sheet) ? [{ ...r, sheet: ids.get(r.sheet)! }] : [])),
      }));
    }
  });
}

// ---- the xlsx form of formatting ----

/** What exceljs takes as a cell's style for the formatting the model has. */
export interface CellStyleModel {
  font?: { bold: true };
  fill?: { type: 'pattern'; pattern: 'solid'; fgColor: { argb: string } };
  alignment?: { horizontal?: 'left' | 'center' | 'right'; wrapText?: true };
}

/** `cellStyle`: the cell's attributes as "key=value" joined by ";" (xlsx-codec builds it per cell). */
export function cellStyleOf(cellStyle: string): CellStyleModel {
  const out: CellStyleModel = {};
  if (!cellStyle) return out;
  for (const pair of cellStyle.split(';')) {
    const [key, value] = pair.split('=') as [CellStyleKey, string];
    if (key === 'fontWeight' && value === 'bold') out.font = { bold: true };
    else if (key === 'background' && /^#[0-9a-f]{6}$/.test(value)) {
      out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${value.slice(1).toUpperCase()}` } };
    } else if (key === 'horizontalAlignment' && (value === 'left' || value === 'center' || value === 'right')) {
      out.alignment = { ...out.alignment, horizontal: value };
    } else if (key === 'wrap' && value === 'true') out.alignment = { ...out.alignment, wrapText: true };
  }
  return out;
}

/**
 * Column width: Sheets counts pixels, xlsx characters of the default font (Calibri 11: 7 px a character
 * plus 5 px of padding, ECMA-376 Part 1, 18.3.1.13).
 */
export function excelWidthOf(px: number): number {
  return Math.max(0, Math.round(((px - 5) / 7) * 100) / 100);
}

export function pixelsOfExcelWidth(width: number): number {
  return Math.max(0, Math.round(width * 7 + 5));
}

/** A sheet read without a side-part entry: formatting from its cells' styles, widths from its <col>s. */
export interface DerivedSheet {
  styles: DerivedStyles;
  columnWidths: Map<number, number>;
}

/** Builds the model's style rules from what cells carry, fed top to bottom per column (only styled cells). */
type ExcelStyle = Partial<{ font: { bold?: boolean }; fill: unknown; alignment: { horizontal?: string; wrapText?: boolean } }>;

export class DerivedStyles {
  private readonly builders = new Map<CellStyleKey, FormatRuleBuilder>();
  /**
   * exceljs' reader hands out one style object per style id, so what each says is worked out once (a cell
   * without a style id gets an object of its own, usually empty: weakly held, it is not kept).
   */
  private readonly said = new WeakMap<object, [CellStyleKey, string][]>();

  /** A cell's exceljs style; only what the model keeps is looked at. */
  cell(row: number, col: number, style: ExcelStyle): void {
    if (!style.font && !style.fill && !style.alignment) return;
    let attributes = this.said.get(style);
    if (!attributes) this.said.set(style, (attributes = attributesOf(style)));
    for (const [key, value] of attributes) this.feed(key, row, col, value);
  }

  private feed(key: CellStyleKey, row: number, col: number, value: string): void {
    let b = this.builders.get(key);
    if (!b) this.builders.set(key, (b = new FormatRuleBuilder(() => '')));
    b.cell(row, col, value);
  }

  build(): SheetModel['styles'] | undefined {
    if (this.builders.size === 0) return undefined;
    const out: Partial<Record<CellStyleKey, FormatRule[]>> = {};
    for (const [key, b] of this.builders) {
      const rules = b.build([]);
      if (rules.length) out[key] = rules;
    }
    return Object.keys(out).length ? out : undefined;
  }
}

function attributesOf(style: ExcelStyle): [CellStyleKey, string][] {
  const out: [CellStyleKey, string][] = [];
  if (style.font?.bold) out.push(['fontWeight', 'bold']);
  const fill = style.fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | undefined;
  if (fill?.type === 'pattern' && fill.pattern === 'solid' && /^[0-9A-Fa-f]{8}$/.test(fill.fgColor?.argb ?? '')) {
    out.push(['background', `#${fill.fgColor!.argb!.slice(2).toLowerCase()}`]);
  }
  const h = style.alignment?.horizontal;
  if (h === 'left' || h === 'center' || h === 'right') out.push(['horizontalAlignment', h]);
  if (style.alignment?.wrapText) out.push(['wrap', 'true']);
  return out;
}
