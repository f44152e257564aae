// The archive deletes whole dates from the top of Daily (services/archive.ts), which moves every row below:
// the rollover's tail mark (`daily.tail_row`) and the reports' index (`daily.index`) must move up by as many,
// exactly once. The deletion is marked in Settings first (`daily.deleting`), then the rows are deleted, then
// one Settings write moves the marks and clears the mark. Whoever next uses those row numbers under the lock
// (the rollover, the archive resuming a block) and finds the mark with the rows gone moves them itself.
import type { CellContext } from '../store/cells.ts';
import { decodeCell } from '../store/cells.ts';
import type { Cell, SheetPort } from '../store/port.ts';
import { isBlankRow } from '../store/records.ts';
import { TABS } from '../store/schema.ts';
import { dailyMarksAfterDelete } from '../store/daily-index.ts';
import { DAILY_DELETING_KEY, dailyDeletionOf, dailyKey, type DailyRowFacts } from '../domain/archive-daily.ts';


export interface DailyIo {
  port: SheetPort;
  ctx: CellContext;
}

/** What the archive needs of a Daily row: its date ('' when unreadable), its person, whether it is blank. */
export function dailyFactsOf(cells: readonly Cell[], ctx: CellContext): DailyRowFacts {
  const d = decodeCell('date', cells[0] ?? '', ctx);
  const employee = cells[1];
  return {
    date: d.ok && typeof d.value === 'string' ? d.value : '',
    employee: employee === undefined || employee === null ? '' : String(employee).trim(),
    blank: isBlankRow(cells as Cell[]),
  };
}

/** The key of Daily row 2 ('' | '' when the tab is empty): one small read of its date and person. */
export function topDailyKey(io: DailyIo): string {
  const cells = io.port.readRows(TABS.Daily.name, 2, 1, 2)[0] ?? [];
  return dailyKey(dailyFactsOf(cells, io.ctx));
}

/**
 * A marked deletion whose rows are gone: the moved tail mark and index, and the mark cleared. Nothing while
 * no deletion is marked or its rows are still there (the deletion then moves them itself). Under the lock.
 */
export function settleDailyShift(settings: ReadonlyMap<string, string>, io: DailyIo): Map<string, string> {
  const found = dailyDeletionOf(settings.get(DAILY_DELETING_KEY), () => topDailyKey(io));
  if (found.kind === 'none') return found.clear ? new Map([[DAILY_DELETING_KEY, '']]) : new Map();
  if (found.kind === 'pending') return new Map();
  const updates = dailyMarksAfterDelete(settings, found.count);
  updates.set(DAILY_DELETING_KEY, '');
  return updates;
}
