// A reference tab read raw for an admin write: every row's cells exactly as read (so a save writes back
// what it does not change untouched), its decoded record and a version the console sends back on save.
import type { TabSpec } from '../../store/schema.ts';
import type { Cell, SheetPort } from '../../store/port.ts';
import type { CellContext } from '../../store/cells.ts';
import { preserveCell } from '../../store/cells.ts';
import { decodeRecord, encodeRecord, isBlankRow, type RawRecord } from '../../store/records.ts';
import { checkHeader } from '../../store/records.ts';

export interface KeyedRow {
  /** 1-based sheet row. */
  row: number;
  cells: Cell[];
  values: RawRecord;
}

export interface KeyedTab {
  spec: TabSpec;
  rows: KeyedRow[];
  /** The row below the last one with content: where an added record goes. */
  nextRow: number;
}

export function readKeyedTab(port: SheetPort, spec: TabSpec, ctx: CellContext): KeyedTab {
  const { header, rows } = port.readAll(spec.name, spec.columns.length);
  checkHeader(spec, header);
  const out: KeyedRow[] = [];
  rows.forEach((cells, i) => {
    if (isBlankRow(cells)) return;
    out.push({ row: i + 2, cells, values: decodeRecord(spec, cells, i + 2, ctx).values });
  });
  return { spec, rows: out, nextRow: rows.length + 2 };
}

/**
 * A short fingerprint of a row's cells as stored (FNV-1a over their canonical text): two saves from the
 * same read carry the same version, and a save against a row someone changed since is a conflict.
 */
export function rowVersion(cells: readonly unknown[]): string {
  const text = cells.map((c) => `${typeof c}:${String(normalCell(c))}`).join('\u0001');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The cells a record would be stored as; columns the record does not name keep what the row holds. */
export function cellsFor(spec: TabSpec, record: RawRecord, existing?: readonly Cell[]): Cell[] {
  const encoded = encodeRecord(spec, record);
  return spec.columns.map((col, i) => (col.name in record ? encoded[i] : preserveCell(existing?.[i] ?? '')));
}

/** Whether two rows store the same thing (text compared without the apostrophe that marks it as text). */
export function sameCells(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((c, i) => normalCell(c) === normalCell(b[i]));
}

/**
 * A cell as getValues reads it back: a cell written as text carries a leading apostrophe that reading
 * drops, so a row just written and the same row read later compare (and version) alike.
 */
function normalCell(c: unknown): unknown {
  if (typeof c === 'string') return c.replace(/^'/, '');
  if (c instanceof Date) return c.getTime();
  return c;
}
