// A sheet row <-> a record keyed by column name, following a tab's spec (schema.ts).
import type { ColumnSpec, TabSpec } from './schema.ts';
import type { RowIssue } from '../domain/model.ts';
import type { Cell } from './port.ts';
import { CellEncodeError, decodeCell, encodeCell, isBlankCell, type CellContext } from './cells.ts';
import { HeaderMismatch, UnstorableValue } from './errors.ts';

export type RawRecord = Record<string, unknown>;

export interface DecodedRecord {
  /** Every column; a cell that could not be read holds its column's blank value. */
  values: RawRecord;
  issues: RowIssue[];
}

export function rowIssue(tab: string, row: number, column: string, message: string): RowIssue {
  return { tab, row, column, message };
}

export function isBlankRow(cells: readonly unknown[]): boolean {
  return cells.every(isBlankCell);
}

/** `row` is the 1-based sheet row, for the issues. Required columns left blank are issues too. */
export function decodeRecord(spec: TabSpec, cells: readonly unknown[], row: number, ctx: CellContext): DecodedRecord {
  const values: RawRecord = {};
  const issues: RowIssue[] = [];
  spec.columns.forEach((col: ColumnSpec, i: number) => {
    const raw = cells[i];
    if (col.required && isBlankCell(raw)) {
      issues.push(rowIssue(spec.name, row, col.name, `${col.name} is required / ${col.name} — обязательное поле`));
    }
    const decoded = decodeCell(col.type, raw, ctx);
    if (decoded.ok) values[col.name] = decoded.value;
    else {
      values[col.name] = (decodeCell(col.type, '', ctx) as { value: unknown }).value;
      issues.push(rowIssue(spec.name, row, col.name, decoded.message));
    }
  });
  return { values, issues };
}

/** Cells in column order; a value the column cannot hold is a bug and throws UnstorableValue. */
export function encodeRecord(spec: TabSpec, record: RawRecord): Cell[] {
  return spec.columns.map((col) => {
    try {
      return encodeCell(col.type, record[col.name]);
    } catch (e) {
      if (e instanceof CellEncodeError) throw new UnstorableValue(spec.name, col.name, e.message);
      throw e;
    }
  });
}

export function headerNames(spec: TabSpec): string[] {
  return spec.columns.map((c) => c.name);
}

/** Row 1 as read, trailing blank cells removed. */
export function trimHeader(cells: readonly unknown[]): string[] {
  const names = cells.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
  while (names.length && names[names.length - 1] === '') names.pop();
  return names;
}

export function sameHeader(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Columns are addressed by position, so a tab whose header moved is refused rather than misread. */
export function checkHeader(spec: TabSpec, header: readonly unknown[]): void {
  const found = trimHeader(header);
  const expected = headerNames(spec);
  if (!sameHeader(found.slice(0, expected.length), expected)) throw new HeaderMismatch(spec.name, expected, found);
}
