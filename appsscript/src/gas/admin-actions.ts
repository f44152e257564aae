// What the spreadsheet's menu runs: setup, demo data, and cache invalidation after hand edits.
import { setup, type SetupReport } from '../services/setup.ts';
import { seedDemoData, type SeedReport } from '../services/demo-data.ts';
import { fitGrids } from '../services/grids.ts';
import { gasSheetPort } from './sheet-port.ts';
import { calendarFor } from './calendar.ts';
import { spreadsheetTimeZone } from './environment.ts';
import { invalidateReferenceCache } from './reference-cache.ts';
import { exclusive } from './api-wiring.ts';
import { noteScheduleEdit } from './schedule-edits.ts';
import { TABS } from '../store/schema.ts';

/** Tabs whose rows are served from the reference cache: a hand edit there must be seen at once. */
const REFERENCE_TABS = new Set(['Employees', 'Groups', 'Statuses', 'Rules', 'Schedule', 'Settings']);

export function runSetup(): SetupReport {
  const report = exclusive(() => {
    const port = gasSheetPort();
    const r = setup(port);
    // Grids the size of their data, so the frequent whole-tab reads read data, not blank rows.
    fitGrids(port);
    return r;
  });
  invalidateReferenceCache();
  return report;
}

export function runSeedDemoData(): SeedReport {
  const today = calendarFor(spreadsheetTimeZone()).dateOf(Date.now());
  const report = exclusive(() => seedDemoData(gasSheetPort(), today, { adminEmail: Session.getEffectiveUser().getEmail() }));
  invalidateReferenceCache();
  return report;
}

/**
 * A simple trigger: no identity, so nothing privileged. Only a real edit event counts: its range is a Range
 * object, which google.script.run (plain JSON) cannot forge, so a page cannot make every request re-read
 * the tabs by calling onEdit in a loop.
 */
export function onSheetEdit(e: unknown): void {
  const range = (e as { range?: { getSheet?: unknown } } | undefined)?.range;
  if (!range || typeof range.getSheet !== 'function') return;
  const tab = (range as GoogleAppsScript.Spreadsheet.Range).getSheet().getName();
  if (REFERENCE_TABS.has(tab)) invalidateReferenceCache();
  // The Schedule is read through its row index: an edit that may move dates marks the index stale.
  if (tab === TABS.Schedule.name) noteScheduleEdit(range as GoogleAppsScript.Spreadsheet.Range);
}

/** The menu item: runs setup and says what it did, in both languages. */
export function setupFromMenu(): void {
  const r = runSetup();
  const lines = r.nothingToDo
    ? ['Everything is up to date. / Всё в актуальном состоянии.']
    : [
        ...r.created.map((t) => `Created / Создана: ${t}`),
        ...r.migrated.map((m) => `Upgraded / Обновлена: ${m.tab} v${m.from} → v${m.to} (${m.rows} rows / строк)`),
        ...r.adopted.map((a) => `Adopted / Принята: ${a.tab} v${a.version}`),
        ...r.tidied.map((t) => `Trimmed / Сокращена: ${t.tab} (−${t.columnsRemoved} columns / столбцов)`),
        ...r.names.map((n) => `Names column / Столбец имён: ${n.tab}, column / столбец ${n.column}`),
      ];
  // Not a change, so said even when everything else is up to date.
  for (const b of r.namesBlocked) {
    lines.push(`No names column in ${b.tab}: column ${b.column} holds other data. / Нет столбца имён на листе ${b.tab}: столбец ${b.column} занят другими данными.`);
  }
  SpreadsheetApp.getUi().alert('WorkTimeTracker', lines.join('\n'), SpreadsheetApp.getUi().ButtonSet.OK);
}
