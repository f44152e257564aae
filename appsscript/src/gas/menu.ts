// The spreadsheet's menu, in the admin's language (Russian and English side by side).
export function addMenu(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi()
    .createMenu('WorkTimeTracker')
    .addItem('Настроить таблицу / Set up the spreadsheet', 'setupFromMenu')
    .addItem('Установить триггеры / Install triggers', 'installTriggersFromMenu')
    .addItem('Проверить перерывы / Check breaks now', 'checkBreaks')
    .addItem('Закрыть день / Daily rollover now', 'dailyRollover')
    .addItem('Архивировать старые записи / Archive old entries', 'archive')
    .addItem('Состояние / Health', 'showHealthSidebar')
    .addToUi();
}

export function showSidebar(file: string, title: string): void {
  const html = HtmlService.createHtmlOutputFromFile(file).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}
