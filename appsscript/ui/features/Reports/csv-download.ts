// "Download CSV": the table as common/reports.ts writes it, saved by the browser. A dialog of Apps Script
// has no server to send a file from, but a link to a blob: URL with `download` works inside it.
import type { ReportPersonRow } from '../../../../common/reports.ts';
import { reportCsv } from '../../../../common/reports.ts';

export function csvFileName(from: string, to: string): string {
  return `wtt-report-${from}-${to}.csv`;
}

/** Starts the download; the text is returned for whoever wants to know what was saved. */
export function downloadCsv(rows: readonly ReportPersonRow[], from: string, to: string): string {
  const text = reportCsv(rows);
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = csvFileName(from, to);
  a.hidden = true;
  // The page's <base target="_top"> is for links that leave the dialog; this one stays.
  a.target = '_self';
  // In the document: some browsers follow only a link that is in one.
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file by the time the page does anything else.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return text;
}
