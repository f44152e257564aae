// A report exported into a new spreadsheet: its sheets (a bold, frozen header; number formats per column)
// and native charts. gas/report-books.ts makes one with SpreadsheetApp.create; locally that is a workbook in
// the data folder. Google's own File > Download then gives XLSX and PDF.
import type { Cell } from '../../store/port.ts';

export interface ReportSheet {
  title: string;
  header: string[];
  rows: Cell[][];
  /** A number format per column ('' leaves the column as written). */
  formats: string[];
}

export interface ReportChart {
  sheet: string;
  title: string;
  type: 'column' | 'line';
  stacked: boolean;
  /** The columns charted, 1-based: the first is the categories (x), the rest one series each. */
  columns: number[];
  /** Rows 1 (the header: the series' names) to `rows`. */
  rows: number;
  /** Where the chart's top-left corner sits: a column right of the data. */
  anchorColumn: number;
}

export interface ReportBook {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  /** The first call fills the spreadsheet's first sheet; later calls add sheets. */
  addSheet(sheet: ReportSheet): void;
  addChart(chart: ReportChart): void;
}
