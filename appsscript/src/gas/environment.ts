// Facts about where the script runs, read from Apps Script services.
export function spreadsheetTimeZone(): string {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return ss ? ss.getSpreadsheetTimeZone() : Session.getScriptTimeZone();
}
