// The Settings tab: key -> value text. Shared by tables.ts and setup (which keeps "schema.<Tab>" = N there).
// It is small, so a change rewrites its rows in one write; rows it does not change keep their cells as read.
import { TABS } from './schema.ts';
import type { Cell, SheetPort } from './port.ts';
import { isDateCell, preserveCell, textCell } from './cells.ts';
import { checkHeader, isBlankRow } from './records.ts';

const SPEC = TABS.Settings;
const WIDTH = SPEC.columns.length;

export interface SettingsSnapshot {
  /** Data rows as read (row 2 onwards), each WIDTH cells. */
  rows: Cell[][];
}

export function readSettingsSnapshot(port: SheetPort): SettingsSnapshot {
  const { header, rows } = port.readAll(SPEC.name, WIDTH);
  checkHeader(SPEC, header);
  return { rows };
}

function keyOf(cell: Cell): string {
  return typeof cell === 'string' ? cell.trim() : isDateCell(cell) ? '' : String(cell);
}

function valueOf(cell: Cell, formatDate?: (ms: number, pattern: string) => string): string {
  if (isDateCell(cell)) return formatDate ? formatDate(cell.getTime(), 'yyyy-MM-dd HH:mm:ss') : cell.toISOString();
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

/** The first row of a key wins, as people read a list from the top. */
export function settingsMap(snapshot: SettingsSnapshot, formatDate?: (ms: number, pattern: string) => string): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of snapshot.rows) {
    const key = keyOf(row[0]);
    if (key && !map.has(key)) map.set(key, valueOf(row[1], formatDate));
  }
  return map;
}

/**
 * Sets the keys (in the first row holding each, else in new rows at the end) with ONE write, and updates
 * the snapshot. Returns false, writing nothing, when every key already has its value.
 */
export function writeSettings(port: SheetPort, snapshot: SettingsSnapshot, updates: ReadonlyMap<string, string>): boolean {
  const current = settingsMap(snapshot);
  const pending = [...updates].filter(([k, v]) => current.get(k) !== v);
  if (pending.length === 0) return false;
  const rows = snapshot.rows.map((r) => [...r]);
  const firstRow = new Map<string, number>();
  rows.forEach((r, i) => {
    const k = keyOf(r[0]);
    if (k && !firstRow.has(k)) firstRow.set(k, i);
  });
  for (const [key, value] of pending) {
    const i = firstRow.get(key);
    if (i === undefined) rows.push([key, value]);
    else rows[i][1] = value;
  }
  // Rows are kept in place (blank ones too) so the rows people see do not move.
  const changed = new Set(pending.map(([k]) => k));
  const cells = rows.map((r, i) => {
    const key = keyOf(r[0]);
    const updated = changed.has(key) && (firstRow.get(key) === i || i >= snapshot.rows.length);
    if (!updated) return isBlankRow(r) ? ['', ''] : r.map(preserveCell);
    return [textCell(key), textCell(String(r[1]))];
  });
  port.writeRows(SPEC.name, 2, cells);
  snapshot.rows = rows;
  return true;
}
