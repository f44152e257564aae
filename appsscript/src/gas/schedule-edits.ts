// A person's edit of the Schedule tab, seen by the onEdit simple trigger (gas/admin-actions.ts onSheetEdit):
// when it may have changed which rows hold which dates, a new edit mark goes into H1, and from then on every
// reader reads the Schedule whole until the next write of the product (or the archive's daily run) writes
// an index under the new mark (store/schedule-index.ts). One write, only for such edits: a time or a break
// typed into a row that keeps its date changes nothing the index says.
//
// Not seen: rows inserted or deleted by hand (Sheets runs no simple trigger for them) and changes made by
// other scripts or the Sheets API. The readers' checks catch most of them (a row that does not hold what
// the index says, anything below its last row); the rest waits for the next write or the nightly rebuild.
import { isBlankCell, textCell } from '../store/cells.ts';
import { SCHEDULE_WIDTH, STAMP_COLUMN, editMark } from '../store/schedule-rows.ts';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** Whether an edit of `range` may have changed a row's date or blankness (the index's concern). */
export function mayMoveDates(range: Range): boolean {
  if (range.getRow() < 2) return true; // the header, the index or the mark itself
  const column = range.getColumn();
  if (column > SCHEDULE_WIDTH) return false; // right of the data: the index's cells are in row 1
  if (column === 1) return true;
  // Columns B..F of rows whose date cell holds something: each row keeps its date, and stays non-blank.
  const dates = range.getSheet().getRange(range.getRow(), 1, range.getNumRows(), 1).getValues();
  return dates.some(([d]) => isBlankCell(d));
}

/** Puts a new edit mark in the Schedule tab's H1 when the edit may have moved dates between rows. */
export function noteScheduleEdit(range: Range): void {
  if (!mayMoveDates(range)) return;
  const sheet = range.getSheet();
  const width = sheet.getMaxColumns();
  if (width < STAMP_COLUMN) sheet.insertColumnsAfter(width, STAMP_COLUMN - width);
  sheet.getRange(1, STAMP_COLUMN).setValue(textCell(editMark(Date.now(), Math.random())));
}
