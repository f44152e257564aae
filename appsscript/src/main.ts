// The bundle's entry: it ONLY exposes globals; all logic lives in the imported modules.
import type { ExposedName } from './exposed.ts';
import { handleGet } from './http/do-get.ts';
import { handlePost } from './http/do-post.ts';
import { addMenu, showSidebar } from './gas/menu.ts';
import { archiveTrigger, describeInstall, installTriggersNow } from './gas/triggers.ts';
import { checkBreaksTrigger, dailyRolloverTrigger } from './gas/bot-wiring.ts';
import { healthDetails, onSheetEdit, runSeedDemoData, runSetup, setupFromMenu } from './gas/admin-actions.ts';

export const globals: Record<ExposedName, (...args: any[]) => unknown> = {
  doGet: (e: GoogleAppsScript.Events.DoGet) => handleGet(e),
  doPost: (e: GoogleAppsScript.Events.DoPost) => handlePost(e),
  onOpen: () => addMenu(),
  onEdit: (e: GoogleAppsScript.Events.SheetsOnEdit) => onSheetEdit(e),
  setup: () => runSetup(),
  setupFromMenu: () => setupFromMenu(),
  seedDemoData: () => runSeedDemoData(),
  // Wrapped so a trigger's event object is never taken for an argument.
  installTriggers: () => installTriggersNow(),
  installTriggersFromMenu: () => SpreadsheetApp.getUi().alert(describeInstall(installTriggersNow())),
  checkBreaks: () => checkBreaksTrigger(),
  dailyRollover: () => dailyRolloverTrigger(),
  archive: () => archiveTrigger(),
  archiveContinue: () => archiveTrigger(),
  showHealthSidebar: () => showSidebar('Health', 'WorkTimeTracker'),
  sidebarHealth: () => healthDetails(),
};
