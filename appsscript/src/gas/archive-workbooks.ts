// Where the archive keeps things on Apps Script: the monthly archive workbooks ("WTT Archive YYYY-MM",
// a tab Log with Log's header and, once the month's shifts and consolidated days leave the live tabs, tabs
// Schedule and Daily with their headers; made with SpreadsheetApp.create and found again by the id
// remembered in Script Properties), the live Log, Schedule and Daily tabs it takes rows from, and its
// checkpoint (Script Properties too: machine state, which no one should edit in a tab by hand). The reports
// read the archived months' Daily tabs through dailyArchiveReader.
import type { ArchiveBook, ArchiveShelf, ArchiveTab, CheckpointStore, LiveDaily, LiveLog, LiveSchedule } from '../services/archive.ts';
import type { DailyArchive } from '../services/reports/archived-days.ts';
import { dailyDeletingMarker, DAILY_DELETING_KEY } from '../domain/archive-daily.ts';
import { dailyFactsOf, settleDailyShift } from '../services/daily-shift.ts';
import { dailyMarksAfterDelete } from '../store/daily-index.ts';
import type { CellContext } from '../store/cells.ts';
import { parseState, LOG_WIDTH, type ArchiveState } from '../domain/archive-plan.ts';
import { columnIndex, TABS } from '../store/schema.ts';
import { headerNames, trimHeader } from '../store/records.ts';
import { preserveCell, textCell } from '../store/cells.ts';
import type { Cell, SheetPort } from '../store/port.ts';
import { SCHEDULE_WIDTH } from '../store/schedule-rows.ts';
import { MissingTab } from '../store/errors.ts';
import { Internal } from '../errors.ts';
import { DATETIME_FORMAT } from '../services/setup.ts';
import { gasSheetPort } from './sheet-port.ts';
import { LOG_DELETING_KEY, logCheckpointsAfterDelete, logDeletingMarker, settleLogShift, topLogId } from '../services/check-breaks.ts';
import { openTables } from '../store/tables.ts';
import { calendarFor } from './calendar.ts';
import { spreadsheetTimeZone } from './environment.ts';

export const ARCHIVE_STATE_PROPERTY = 'ARCHIVE_STATE';
/** One property per month ('ARCHIVE_WORKBOOK_2026-09' = spreadsheet id): ids of years stay far below 9 KB a value. */
export const ARCHIVE_WORKBOOK_PROPERTY_PREFIX = 'ARCHIVE_WORKBOOK_';
export const ARCHIVE_TAB = TABS.Log.name;
/** The archive workbook's tab of the month's Schedule rows. */
export const ARCHIVE_SCHEDULE_TAB = TABS.Schedule.name;
const SCHEDULE = TABS.Schedule;
/** The archive workbook's tab of the month's consolidated days (Daily rows). */
export const ARCHIVE_DAILY_TAB = TABS.Daily.name;
const DAILY = TABS.Daily;
const DAILY_WIDTH = DAILY.columns.length;

export function archiveWorkbookName(month: string): string {
  return `WTT Archive ${month}`;
}

const LOG = TABS.Log;
const ENTRY_ID_COLUMN = columnIndex('Log', 'entry_id') + 1;

export class ArchiveStateDamaged extends Internal {
  constructor(reason: string) {
    super(
      `The archive checkpoint (Script Property ${ARCHIVE_STATE_PROPERTY}) cannot be read (${reason}); archiving is stopped so nothing is copied twice: see docs/archive.md`,
      `Контрольная точка архива (свойство скрипта ${ARCHIVE_STATE_PROPERTY}) не читается (${reason}); архивирование остановлено, чтобы ничего не скопировать дважды: см. docs/archive.md`,
    );
    this.name = 'ArchiveStateDamaged';
  }
}

export class ArchiveWorkbookUnavailable extends Internal {
  constructor(month: string, id: string, detail: string) {
    super(
      `The archive workbook for ${month} (${id}) cannot be opened (${detail}): restore it from the Drive trash, or see docs/archive.md`,
      `Архивную таблицу за ${month} (${id}) не удаётся открыть (${detail}): восстановите её из корзины Диска или см. docs/archive.md`,
    );
    this.name = 'ArchiveWorkbookUnavailable';
  }
}

export function scriptPropertiesCheckpoint(): CheckpointStore {
  const props = PropertiesService.getScriptProperties();
  return {
    read(): ArchiveState {
      const parsed = parseState(props.getProperty(ARCHIVE_STATE_PROPERTY));
      if (!parsed.ok) throw new ArchiveStateDamaged(parsed.reason);
      return parsed.state;
    },
    write(state) {
      props.setProperty(ARCHIVE_STATE_PROPERTY, JSON.stringify(state));
    },
  };
}

/** Rows the archive has ever removed from the top of Log: a reader that keeps a Log row number subtracts the growth of this. */
export function logRowsRemovedByArchive(): number {
  const parsed = parseState(PropertiesService.getScriptProperties().getProperty(ARCHIVE_STATE_PROPERTY));
  return parsed.ok ? parsed.state.removed : 0;
}

/** The bound spreadsheet's Log tab. Made per run: it keeps the grid size it has seen. */
export function liveLog(): LiveLog {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(LOG.name);
  if (!sheet) throw new MissingTab(LOG.name);
  let maxRows = 0;
  return {
    shape() {
      // Only the schema's columns: people may add their own to the right (those are not archived).
      const header = trimHeader(sheet.getRange(1, 1, 1, LOG_WIDTH).getValues()[0]);
      maxRows = sheet.getMaxRows();
      return { header, lastRow: sheet.getLastRow() };
    },
    readRows: (startRow, count) => (count > 0 ? (sheet.getRange(startRow, 1, count, LOG_WIDTH).getValues() as Cell[][]) : []),
    readIds: (startRow, count) => (count > 0 ? sheet.getRange(startRow, ENTRY_ID_COLUMN, count, 1).getValues().map((r) => r[0] as Cell) : []),
    deleteTopRows(count, firstId) {
      if (count <= 0) return;
      if (maxRows === 0) maxRows = sheet.getMaxRows();
      // Sheets refuses to delete every row below the frozen header: keep one blank row under it.
      if (maxRows - count <= 1) {
        sheet.insertRowsAfter(maxRows, 1);
        maxRows += 1;
      }
      const checkpoints = logCheckpoints();
      checkpoints.mark(count, firstId);
      sheet.deleteRows(2, count);
      maxRows -= count;
      checkpoints.move(count);
      SpreadsheetApp.flush();
    },
    settleDeleted() {
      logCheckpoints().settle();
    },
  };
}

/**
 * The archive workbooks of this run. Each is opened (or made) once per run and looked at once: its
 * header is checked and its last row known, so appending chunk after chunk costs one write each.
 */
export function archiveShelf(timeZone: string): ArchiveShelf {
  const props = PropertiesService.getScriptProperties();
  const books = new Map<string, ArchiveBook>();

  const open = (month: string): ArchiveBook => {
    const key = ARCHIVE_WORKBOOK_PROPERTY_PREFIX + month;
    const known = props.getProperty(key);
    let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
    if (known) {
      try {
        ss = SpreadsheetApp.openById(known);
      } catch (e) {
        throw new ArchiveWorkbookUnavailable(month, known, e instanceof Error ? e.message : String(e));
      }
    } else {
      ss = SpreadsheetApp.create(archiveWorkbookName(month));
      // Remembered at once: a run that dies after this point finds the same workbook again.
      props.setProperty(key, ss.getId());
      if (ss.getSpreadsheetTimeZone() !== timeZone) ss.setSpreadsheetTimeZone(timeZone);
    }
    if (!ss.getSheetByName(ARCHIVE_TAB)) {
      const sheets = ss.getSheets();
      // A new spreadsheet has one empty "Sheet1": it becomes the Log tab rather than sit there unused.
      if (sheets.length === 1 && sheets[0].getLastRow() === 0) sheets[0].setName(ARCHIVE_TAB);
      else ss.insertSheet(ARCHIVE_TAB);
    }
    const port = gasSheetPort(ss);
    const shape = port.shape(ARCHIVE_TAB)!;
    let lastRow = shape.lastRow;
    if (lastRow === 0) {
      port.writeRows(ARCHIVE_TAB, 1, [headerNames(LOG).map(textCell)]);
      port.setFrozenRows(ARCHIVE_TAB, 1);
      port.fitColumns(ARCHIVE_TAB, LOG_WIDTH);
      LOG.columns.forEach((col, i) => {
        if (col.type === 'datetime') port.setColumnFormat(ARCHIVE_TAB, i + 1, DATETIME_FORMAT);
      });
      lastRow = 1;
    } else if (!sameHeader(shape.header.slice(0, LOG_WIDTH), headerNames(LOG))) {
      throw new ArchiveWorkbookUnavailable(month, ss.getId(), `its Log tab has the columns [${shape.header.join(', ')}] / во вкладке Log столбцы [${shape.header.join(', ')}]`);
    }
    const id = ss.getId();
    let schedule: ArchiveTab | null = null;
    let daily: ArchiveTab | null = null;
    return {
      month,
      id,
      lastRow: () => lastRow,
      readRows: (startRow, count) => port.readRows(ARCHIVE_TAB, startRow, count, LOG_WIDTH),
      writeRows(startRow, rows) {
        if (rows.length === 0) return;
        // As read from Log: strings go back as text (a comment "=1+1" stays a comment), Dates as Dates.
        port.writeRows(ARCHIVE_TAB, startRow, rows.map((r) => r.map(preserveCell)));
        lastRow = Math.max(lastRow, startRow + rows.length - 1);
      },
      schedule: () => (schedule ??= scheduleTabOf(ss, port, month)),
      daily: () => (daily ??= dailyTabOf(ss, port, month)),
    };
  };

  return {
    book(month) {
      let b = books.get(month);
      if (!b) books.set(month, (b = open(month)));
      return b;
    },
    flush: () => SpreadsheetApp.flush(),
  };
}

/**
 * The month's Schedule tab in its archive workbook (made with the live Schedule's header on first use):
 * the shifts of the month's days, moved by the archive (services/archive.ts moveSchedule). Looked at once
 * per run, like the Log tab.
 */
function scheduleTabOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, port: SheetPort, month: string): ArchiveTab {
  const header = headerNames(SCHEDULE);
  if (!ss.getSheetByName(ARCHIVE_SCHEDULE_TAB)) ss.insertSheet(ARCHIVE_SCHEDULE_TAB);
  const shape = port.shape(ARCHIVE_SCHEDULE_TAB)!;
  let lastRow = shape.lastRow;
  if (lastRow === 0) {
    port.writeRows(ARCHIVE_SCHEDULE_TAB, 1, [header.map(textCell)]);
    port.setFrozenRows(ARCHIVE_SCHEDULE_TAB, 1);
    port.fitColumns(ARCHIVE_SCHEDULE_TAB, SCHEDULE_WIDTH);
    lastRow = 1;
  } else if (!sameHeader(shape.header.slice(0, SCHEDULE_WIDTH), header)) {
    throw new ArchiveWorkbookUnavailable(month, ss.getId(), `its Schedule tab has the columns [${shape.header.join(', ')}] / во вкладке Schedule столбцы [${shape.header.join(', ')}]`);
  }
  return {
    lastRow: () => lastRow,
    readRows: (startRow, count) => port.readRows(ARCHIVE_SCHEDULE_TAB, startRow, count, SCHEDULE_WIDTH),
    writeRows(startRow, rows) {
      if (rows.length === 0) return;
      // As read from the live Schedule: text stays text, Dates stay Dates.
      port.writeRows(ARCHIVE_SCHEDULE_TAB, startRow, rows.map((r) => r.map(preserveCell)));
      lastRow = Math.max(lastRow, startRow + rows.length - 1);
    },
  };
}

/**
 * The month's Daily tab in its archive workbook (made with the live Daily's header on first use): the
 * month's consolidated days, moved by the archive (services/archive.ts moveDaily). Looked at once per run.
 */
function dailyTabOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, port: SheetPort, month: string): ArchiveTab {
  const header = headerNames(DAILY);
  if (!ss.getSheetByName(ARCHIVE_DAILY_TAB)) ss.insertSheet(ARCHIVE_DAILY_TAB);
  const shape = port.shape(ARCHIVE_DAILY_TAB)!;
  let lastRow = shape.lastRow;
  if (lastRow === 0) {
    port.writeRows(ARCHIVE_DAILY_TAB, 1, [header.map(textCell)]);
    port.setFrozenRows(ARCHIVE_DAILY_TAB, 1);
    port.fitColumns(ARCHIVE_DAILY_TAB, DAILY_WIDTH);
    DAILY.columns.forEach((col, i) => {
      if (col.type === 'datetime') port.setColumnFormat(ARCHIVE_DAILY_TAB, i + 1, DATETIME_FORMAT);
    });
    lastRow = 1;
  } else if (!sameHeader(shape.header.slice(0, DAILY_WIDTH), header)) {
    throw new ArchiveWorkbookUnavailable(month, ss.getId(), `its Daily tab has the columns [${shape.header.join(', ')}] / во вкладке Daily столбцы [${shape.header.join(', ')}]`);
  }
  return {
    lastRow: () => lastRow,
    readRows: (startRow, count) => port.readRows(ARCHIVE_DAILY_TAB, startRow, count, DAILY_WIDTH),
    writeRows(startRow, rows) {
      if (rows.length === 0) return;
      // As read from the live Daily: text stays text (the timeline's JSON), Dates stay Dates.
      port.writeRows(ARCHIVE_DAILY_TAB, startRow, rows.map((r) => r.map(preserveCell)));
      lastRow = Math.max(lastRow, startRow + rows.length - 1);
    },
  };
}

/**
 * The bound spreadsheet's Daily tab, for the archive: rows dated before `cutoffDate` move. Made per run;
 * undefined when the workbook has no Daily tab yet (nothing to move).
 */
export function liveDaily(calendar: { timeZone: string; format(ms: number, pattern: string): string }, cutoffDate: string): LiveDaily | undefined {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(DAILY.name);
  if (!sheet) return undefined;
  const port = gasSheetPort();
  const ctx: CellContext = { formatDate: sameDayFormats(calendar.format) };
  let maxRows = 0;
  const marks = () => {
    const tables = openTables(port, { timeZone: calendar.timeZone, formatDate: calendar.format });
    return { tables, settings: tables.settings() };
  };
  return {
    cutoffDate,
    shape() {
      const header = trimHeader(sheet.getRange(1, 1, 1, DAILY_WIDTH).getValues()[0]);
      maxRows = sheet.getMaxRows();
      return { header, lastRow: sheet.getLastRow() };
    },
    readRows: (startRow, count) => (count > 0 ? port.readRows(DAILY.name, startRow, count, DAILY_WIDTH) : []),
    readFacts: (startRow, count) => (count > 0 ? port.readRows(DAILY.name, startRow, count, 2).map((r) => dailyFactsOf(r, ctx)) : []),
    facts: (row) => dailyFactsOf(row, ctx),
    deleteTopRows(count, firstKey) {
      if (count <= 0) return;
      if (maxRows === 0) maxRows = sheet.getMaxRows();
      // Sheets refuses to delete every row below the frozen header: keep one blank row under it.
      if (maxRows - count <= 1) {
        sheet.insertRowsAfter(maxRows, 1);
        maxRows += 1;
      }
      const { tables, settings } = marks();
      tables.setSettings(dailyDeletingMarker(count, firstKey));
      sheet.deleteRows(2, count);
      maxRows -= count;
      const updates = dailyMarksAfterDelete(settings, count);
      updates.set(DAILY_DELETING_KEY, '');
      tables.setSettings(updates);
      SpreadsheetApp.flush();
    },
    settleDeleted() {
      const { tables, settings } = marks();
      const updates = settleDailyShift(settings, { port, ctx });
      if (updates.size > 0) tables.setSettings(updates);
    },
  };
}

/** Each distinct instant formatted once (a Daily block holds a few dates over thousands of rows). */
function sameDayFormats(format: (ms: number, pattern: string) => string): (ms: number, pattern: string) => string {
  const seen = new Map<string, string>();
  return (ms, pattern) => {
    const key = `${ms}|${pattern}`;
    let text = seen.get(key);
    if (text === undefined) seen.set(key, (text = format(ms, pattern)));
    return text;
  };
}

/**
 * The archived months' consolidated days, for the reports: one open and one read of the month's Daily tab.
 * A month with no workbook is a month with no archived days, unless the archive recorded moving its Daily
 * rows (the checkpoint's dailyMonths): then the workbook was lost, and the report says so.
 */
export function dailyArchiveReader(): DailyArchive {
  // Nothing is asked of Apps Script until a report reaches back before the live tab's first date.
  let store: GoogleAppsScript.Properties.Properties | null = null;
  const props = () => (store ??= PropertiesService.getScriptProperties());
  let moved: Set<string> | null = null;
  const movedMonths = () => {
    if (moved === null) {
      const parsed = parseState(props().getProperty(ARCHIVE_STATE_PROPERTY));
      moved = new Set(parsed.ok ? (parsed.state.dailyMonths ?? []) : []);
    }
    return moved;
  };
  return {
    month(month) {
      const id = props().getProperty(ARCHIVE_WORKBOOK_PROPERTY_PREFIX + month);
      if (!id) return movedMonths().has(month) ? { kind: 'unavailable', reason: 'no workbook / нет таблицы' } : { kind: 'none' };
      let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
      try {
        ss = SpreadsheetApp.openById(id);
      } catch (e) {
        return { kind: 'unavailable', reason: e instanceof Error ? e.message : String(e) };
      }
      const port = gasSheetPort(ss);
      if (!port.hasTab(ARCHIVE_DAILY_TAB)) return movedMonths().has(month) ? { kind: 'unavailable', reason: 'no Daily tab / нет вкладки Daily' } : { kind: 'none' };
      // The whole tab in one read (an open-ended range): a month is about 6,000 rows for 200 people.
      const { header, rows } = port.readAll(ARCHIVE_DAILY_TAB, DAILY_WIDTH);
      const names = trimHeader(header);
      if (!sameHeader(names.slice(0, DAILY_WIDTH), headerNames(DAILY))) return { kind: 'unavailable', reason: `Daily columns [${names.join(', ')}]` };
      return { kind: 'rows', rows };
    },
  };
}

/** The bound spreadsheet's Schedule tab, for the archive (its rows are read and written through the store). */
export function liveSchedule(calendar: { timeZone: string; dateOf(ms: number): string; format(ms: number, pattern: string): string }): LiveSchedule {
  return { port: gasSheetPort(), cells: { formatDate: calendar.format }, dateOf: calendar.dateOf };
}

function sameHeader(found: readonly string[], expected: readonly string[]): boolean {
  return found.length === expected.length && found.every((h, i) => h === expected[i]);
}

/**
 * checkBreaks and the rollover remember Log row numbers; deleting rows at the top moves every row up, so
 * their checkpoints move up by as many, under the same lock as the deletion (docs/archive.md). Nothing makes
 * the deletion and the Settings write one step, so the deletion is marked in Settings first: if the
 * execution stops after deleting and before moving, whoever reads a checkpoint next sees the mark and that
 * the rows are gone, and moves the checkpoints then (services/check-breaks.ts settleLogShift).
 */
function logCheckpoints() {
  const calendar = calendarFor(spreadsheetTimeZone());
  const port = gasSheetPort();
  const tables = openTables(port, { timeZone: calendar.timeZone, formatDate: calendar.format });
  const settings = tables.settings();
  return {
    mark(count: number, firstId: string): void {
      tables.setSettings(logDeletingMarker(count, firstId));
    },
    move(count: number): void {
      const updates = logCheckpointsAfterDelete(settings, count);
      updates.set(LOG_DELETING_KEY, '');
      tables.setSettings(updates);
    },
    settle(): void {
      const updates = settleLogShift(settings, () => topLogId(port));
      if (updates.size > 0) tables.setSettings(updates);
    },
  };
}
