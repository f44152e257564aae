// Which cell values the store can keep and read back, checked before an op is applied: a value that would
// make the .xlsx snapshot unreadable (the runtime then could not start) is refused at the service call that
// writes it, the way Apps Script refuses a bad write, and is never applied or journaled.
//
// Per kind of value (the model holds values as Sheets stores them, emulator/model/user-entered.ts):
//   - text, formulas, tab names: anything; the codec escapes what XML cannot hold (xml-text.ts);
//   - booleans: anything;
//   - numbers: finite ones (setValue(NaN) already stores the text "NaN", as Sheets does; a non-finite number
//     here can only come from an op built by hand);
//   - Dates: valid ones whose wall-clock time in the spreadsheet's zone is in years 1 to 9999: xlsx's date
//     serials (ECMA-376 Part 1, 18.17.4) and Excel stop at 9999-12-31, and beyond about 275,000 years the
//     wall-clock time is not even a JavaScript Date.
import { GasError } from '../runtime/contracts.ts';
import { columnToLetters } from '../model/a1.ts';
import { toWallMs } from '../model/timezone.ts';
import type { CellValue, Op, Workbooks } from '../model/types.ts';

/** 0001-01-01T00:00:00.000 and 9999-12-31T23:59:59.999 as wall ms. */
export const MIN_DATE_WALL_MS = -62_135_596_800_000;
export const MAX_DATE_WALL_MS = 253_402_300_799_999;
/** Zone offsets are under a day, so an instant this far inside the range is inside it in every zone. */
const SAFE_MIN_MS = MIN_DATE_WALL_MS + 86_400_000;
const SAFE_MAX_MS = MAX_DATE_WALL_MS - 86_400_000;

/** A value the store refuses to keep. Seen by the script as Apps Script's "Exception: ...". */
export class CellNotStorableError extends GasError {
  readonly code = 'cell_not_storable';
}

function isDate(v: unknown): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

/** Why the store cannot keep `value`, or null. */
export function unstorable(value: CellValue, timeZone: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `the number ${value}`;
  if (!isDate(value)) return null;
  const ms = value.getTime();
  if (Number.isNaN(ms)) return 'an invalid date';
  if (ms >= SAFE_MIN_MS && ms <= SAFE_MAX_MS) return null;
  const wall = toWallMs(ms, timeZone);
  if (wall >= MIN_DATE_WALL_MS && wall <= MAX_DATE_WALL_MS) return null;
  return `the date ${new Date(ms).toISOString()}, outside the years 1 to 9999 a cell holds`;
}

/** Throws CellNotStorableError, naming the cell, when an op would store a value the store cannot keep. */
export function assertStorable(workbooks: Workbooks, op: Op): void {
  if (op.t !== 'setValues') return;
  const ss = workbooks.get(op.ss);
  if (!ss) return; // applyOp reports it
  for (let r = 0; r < op.values.length; r++) {
    const row = op.values[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'number' && !isDate(v)) continue;
      const problem = unstorable(v, ss.timeZone);
      if (problem) {
        const sheet = ss.sheets.find((s) => s.id === op.sheetId);
        const where = `${sheet ? `${sheet.name}!` : ''}${columnToLetters(op.col + c)}${op.row + r}`;
        throw new CellNotStorableError(`Cannot store ${problem} in cell ${where}.`);
      }
    }
  }
}
