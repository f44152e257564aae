// An exported report's new spreadsheet on Apps Script (services/reports/report-book.ts): SpreadsheetApp.create,
// one sheet per table with a bold frozen header and number formats, and embedded charts. Each sheet is
// written with a handful of calls (values in one setValues, formats in one setNumberFormats), whatever its size.
import type { ReportBook, ReportChart, ReportSheet } from '../services/reports/report-book.ts';
import { textCell } from '../store/cells.ts';

const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;

export function newReportBook(name: string): ReportBook {
  const ss = SpreadsheetApp.create(name);
  let sheets = 0;
  const sheetOf = (title: string): GoogleAppsScript.Spreadsheet.Sheet => {
    const sheet = ss.getSheetByName(title);
    if (!sheet) throw new Error(`report sheet ${title} was not written`);
    return sheet;
  };
  return {
    id: ss.getId(),
    name,
    url: ss.getUrl(),
    addSheet(spec: ReportSheet) {
      const sheet = sheets === 0 ? ss.getSheets()[0].setName(spec.title) : ss.insertSheet(spec.title);
      sheets++;
      const width = spec.header.length;
      // Text as text: a name that starts with "=" or looks like a number stays what it is.
      const rows = [spec.header.map(textCell), ...spec.rows.map((r) => r.map((c) => (typeof c === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(c) ? textCell(c) : c)))];
      // A new sheet's grid is 1,000 x 26 cells; writing outside it fails, so grow it first (no size lookup needed).
      if (width > NEW_SHEET_COLUMNS) sheet.insertColumnsAfter(NEW_SHEET_COLUMNS, width - NEW_SHEET_COLUMNS);
      if (rows.length > NEW_SHEET_ROWS) sheet.insertRowsAfter(NEW_SHEET_ROWS, rows.length - NEW_SHEET_ROWS);
      sheet.getRange(1, 1, rows.length, width).setValues(rows);
      sheet.getRange(1, 1, 1, width).setFontWeight('bold').setBackground('#f1f3f4');
      sheet.setFrozenRows(1);
      if (spec.rows.length > 0) sheet.getRange(2, 1, spec.rows.length, width).setNumberFormats(spec.rows.map(() => spec.formats.map((f) => f || 'General')));
      sheet.autoResizeColumns(1, width);
    },
    addChart(spec: ReportChart) {
      const sheet = sheetOf(spec.sheet);
      let builder = sheet.newChart().setChartType(spec.type === 'line' ? Charts.ChartType.LINE : Charts.ChartType.COLUMN);
      for (const column of spec.columns) builder = builder.addRange(sheet.getRange(1, column, spec.rows, 1));
      builder = builder
        .setNumHeaders(1)
        .setOption('title', spec.title)
        .setOption('isStacked', spec.stacked)
        .setPosition(1, spec.anchorColumn, 0, 0);
      sheet.insertChart(builder.build());
    },
  };
}
