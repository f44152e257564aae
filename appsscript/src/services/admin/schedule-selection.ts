// schedule.selection: the cells the admin selected in the spreadsheet, as the roster grid to import. The
// Schedules dialog calls it from "Use the selected cells" and sends the rows to schedule.import.preview as a
// paste would. Read only: nothing is written, so no lock and no Audit row.
import { ROSTER_MAX_CELL_CHARS, ROSTER_MAX_COLUMNS, ROSTER_MAX_ROWS, type AdminReplies } from '../../../../common/admin-api.ts';
import { TAB_ORDER } from '../../store/schema.ts';
import { columnLetter } from '../../store/names-column.ts';
import { BadRequest } from '../../errors.ts';
import type { AdminDeps } from './deps.ts';

const SELECT_FIRST_EN = "Select the roster's cells in a tab first";
const SELECT_FIRST_RU = 'Сначала выделите ячейки графика на листе';

/** Sheets compares tab names without regard to case, so "schedule" is the Schedule tab too. */
const OWN_TABS = new Set(TAB_ORDER.map((t) => t.toLowerCase()));

export function selectedGrid(deps: AdminDeps): AdminReplies['schedule.selection'] {
  const range = deps.selection();
  // A single cell is where the cursor stands when nothing was selected (the active range is never empty).
  if (range === null || range.rows * range.columns === 1) {
    throw new BadRequest(SELECT_FIRST_EN, SELECT_FIRST_RU, { reason: 'single_cell', ...(range ? { tab: range.tab, a1: range.a1 } : {}) });
  }
  const where = { tab: range.tab, a1: range.a1 };
  if (OWN_TABS.has(range.tab.toLowerCase())) {
    throw new BadRequest(
      `${SELECT_FIRST_EN}: ${range.tab} is one of WorkTimeTracker's own tabs`,
      `${SELECT_FIRST_RU}: ${range.tab} — служебный лист WorkTimeTracker`,
      { reason: 'own_tab', ...where },
    );
  }
  // Checked before the cells are read: a whole-tab selection must not cost a read of the whole tab.
  if (range.rows > ROSTER_MAX_ROWS || range.columns > ROSTER_MAX_COLUMNS) {
    throw new BadRequest(
      `${range.rows} rows × ${range.columns} columns are selected; at most ${ROSTER_MAX_ROWS} rows and ${ROSTER_MAX_COLUMNS} columns can be imported at once`,
      `Выделено строк: ${range.rows}, столбцов: ${range.columns}; за раз можно загрузить не больше ${ROSTER_MAX_ROWS} строк и ${ROSTER_MAX_COLUMNS} столбцов`,
      { reason: 'too_big', ...where, rows: range.rows, columns: range.columns },
    );
  }
  const rows = trimBlank(range.displayValues());
  if (rows.length === 0) {
    throw new BadRequest(`The selected cells ${range.a1} are empty: ${SELECT_FIRST_EN.toLowerCase()}`, `Выделенные ячейки ${range.a1} пусты: ${SELECT_FIRST_RU.toLowerCase()}`, {
      reason: 'empty',
      ...where,
    });
  }
  rows.forEach((row, i) => {
    const j = row.findIndex((text) => text.length > ROSTER_MAX_CELL_CHARS);
    if (j < 0) return;
    const cell = `${columnLetter(range.column + j)}${range.row + i}`;
    throw new BadRequest(
      `Cell ${cell} holds more than ${ROSTER_MAX_CELL_CHARS} characters: it is not a roster's cell`,
      `В ячейке ${cell} больше ${ROSTER_MAX_CELL_CHARS} символов: это не ячейка графика`,
      { reason: 'long_cell', ...where, cell },
    );
  });
  return { ...where, rows };
}

/**
 * Without the blank rows and columns at the end: a selection of whole columns reads as its filled part.
 * The ones before stay, so grid rows and columns keep their places in the selection.
 */
function trimBlank(grid: string[][]): string[][] {
  const filled = (row: string[]) => row.some((text) => text.trim() !== '');
  let height = grid.length;
  while (height > 0 && !filled(grid[height - 1])) height--;
  const rows = grid.slice(0, height);
  let width = 0;
  for (const row of rows) for (let j = row.length - 1; j >= width; j--) if (row[j].trim() !== '') width = j + 1;
  return rows.map((row) => row.slice(0, width));
}

