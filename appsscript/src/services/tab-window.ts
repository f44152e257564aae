// A window on the recent rows of a machine tab that only grows (Violations, Outbox): ONE read from a known
// row to the last one, changes made to records in memory, and ONE write of the block between the first and
// the last changed row. Rows inside that block that did not change are written back exactly as read (text
// stays text), so a note a lead typed into another row of the block survives.
import { TABS, type TabName } from '../store/schema.ts';
import type { Cell, SheetPort } from '../store/port.ts';
import type { CellContext } from '../store/cells.ts';
import { preserveCell } from '../store/cells.ts';
import { decodeRecord, encodeRecord, isBlankRow, type RawRecord } from '../store/records.ts';
import type { RowIssue } from '../domain/model.ts';

export interface WindowRow {
  /** The 1-based sheet row. */
  row: number;
  values: RawRecord;
}

export interface TabWindow {
  readonly tab: TabName;
  /** The first row read (>= 2). */
  readonly from: number;
  /** The tab's last row with content when read (from - 1 when nothing was there). */
  readonly lastRow: number;
  /** The non-blank rows read, in sheet order. */
  readonly rows: readonly WindowRow[];
  /** Replaces a row's values (every column of the tab); written by flush(). */
  update(row: number, values: RawRecord): void;
  /** Writes the changed rows in ONE write; nothing when nothing changed. */
  flush(): void;
}

/** Rows `fromRow`..the last row of `tab` (one last-row lookup, one read). */
export function openWindow(port: SheetPort, tab: TabName, fromRow: number, ctx: CellContext, onIssue?: (i: RowIssue) => void): TabWindow {
  const lastRow = port.lastRow(TABS[tab].name);
  return openRange(port, tab, fromRow, lastRow, ctx, onIssue);
}

/** Rows `fromRow`..`toRow` of `tab` (one read). */
export function openRange(port: SheetPort, tab: TabName, fromRow: number, toRow: number, ctx: CellContext, onIssue?: (i: RowIssue) => void): TabWindow {
  const spec = TABS[tab];
  const from = Math.max(2, fromRow);
  const count = Math.max(0, toRow - from + 1);
  const cells: Cell[][] = port.readRows(spec.name, from, count, spec.columns.length);
  const rows: WindowRow[] = [];
  cells.forEach((c, i) => {
    if (isBlankRow(c)) return;
    const decoded = decodeRecord(spec, c, from + i, ctx);
    decoded.issues.forEach((issue) => onIssue?.(issue));
    rows.push({ row: from + i, values: decoded.values });
  });
  const changed = new Map<number, RawRecord>();
  return {
    tab,
    from,
    lastRow: from + count - 1,
    rows,
    update(row, values) {
      if (row < from || row >= from + count) throw new Error(`${tab} row ${row} is outside the window ${from}..${from + count - 1}`);
      changed.set(row, values);
      const kept = rows.find((r) => r.row === row);
      if (kept) kept.values = values;
    },
    flush() {
      if (changed.size === 0) return;
      const first = Math.min(...changed.keys());
      const last = Math.max(...changed.keys());
      const block: Cell[][] = [];
      for (let r = first; r <= last; r++) {
        const values = changed.get(r);
        block.push(values ? encodeRecord(spec, values) : cells[r - from].map(preserveCell));
      }
      port.writeRows(spec.name, first, block);
      changed.clear();
    },
  };
}

/**
 * Appends records below the last row (one last-row lookup, one write) and returns the row of the first,
 * so the caller can find them again without reading the tab. 0 when there was nothing to append.
 */
export function appendRows(port: SheetPort, tab: TabName, records: readonly RawRecord[]): number {
  if (records.length === 0) return 0;
  const spec = TABS[tab];
  const first = port.lastRow(spec.name) + 1;
  port.writeRows(spec.name, first, records.map((r) => encodeRecord(spec, r)));
  return first;
}
