// The spreadsheet's menu and its screens, derived from the registry (common/screens.ts). An add-on menu
// (Extensions > WorkTimeTracker), so the same bundle works bound to the spreadsheet and as an editor add-on;
// with AuthMode.NONE (an add-on not yet used in this document) Apps Script allows nothing but the menu.
// Captions are in both languages: a simple trigger cannot know the admin's language.
import { SCREENS, SCREEN_PAGES, showName, type ScreenPage } from '../../../common/screens.ts';

const ACTIONS: readonly { caption: string; fn: string }[] = [
  { caption: 'Настроить таблицу / Set up the spreadsheet', fn: 'setupFromMenu' },
  { caption: 'Установить триггеры / Install triggers', fn: 'installTriggersFromMenu' },
  { caption: 'Проверить перерывы / Check breaks now', fn: 'checkBreaks' },
  { caption: 'Закрыть день / Daily rollover now', fn: 'dailyRollover' },
  { caption: 'Архивировать старые записи / Archive old entries', fn: 'archive' },
];

export function addMenu(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createAddonMenu();
  for (const page of SCREEN_PAGES) menu.addItem(bilingual(page), showName(page));
  menu.addSeparator();
  for (const a of ACTIONS) menu.addItem(a.caption, a.fn);
  menu.addToUi();
}

function bilingual(page: ScreenPage): string {
  const t = SCREENS[page].title;
  return `${t.ru} / ${t.en}`;
}

/** Opens a screen as the registry says: a 300 px sidebar, or a dialog of its size. */
export function showScreen(page: ScreenPage): void {
  const spec: { kind: 'sidebar' | 'dialog'; width?: number; height?: number } = SCREENS[page];
  const html = HtmlService.createHtmlOutputFromFile(page).setTitle(`WorkTimeTracker — ${bilingual(page)}`);
  const ui = SpreadsheetApp.getUi();
  if (spec.kind === 'sidebar') ui.showSidebar(html);
  else ui.showModalDialog(html.setWidth(spec.width ?? 900).setHeight(spec.height ?? 600), bilingual(page));
}
