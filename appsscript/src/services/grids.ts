// Grids the size of their data. A new sheet is 1,000 rows tall, and the frequent requests read the tabs they
// need whole with an open-ended range (one call, no last-row lookup first), which spans the whole grid: 30
// people's Current cost 9,000 cells, a quiet checkBreaks with the reference re-read 41,000. So every tab
// that is read whole (all but the history tabs, schema.ts `history`) is cut to its rows plus a few spare
// (store/port.ts spareRows), and the port grows it again a few rows at a time when a write needs them
// (gas/sheet-port.ts). Setup from the menu does this after making the tabs right; rows holding anything are
// never removed.
import { TABS, TAB_ORDER } from '../store/schema.ts';
import { spareRows, type SheetPort } from '../store/port.ts';

export interface FittedGrid {
  tab: string;
  rowsRemoved: number;
}

export function fitGrids(port: SheetPort): FittedGrid[] {
  const out: FittedGrid[] = [];
  for (const tab of TAB_ORDER) {
    const spec: { name: string; history?: boolean } = TABS[tab];
    if (spec.history) continue;
    const lastRow = port.shape(spec.name)?.lastRow;
    if (lastRow === undefined) continue;
    const removed = port.fitRows(spec.name, spareRows(Math.max(0, lastRow - 1)));
    if (removed > 0) out.push({ tab: spec.name, rowsRemoved: removed });
  }
  return out;
}
