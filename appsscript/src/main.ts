// The bundle's entry: it ONLY exposes globals; all logic lives in the imported modules. Every global goes
// through the one guard (gas/guard.ts) with the access exposed.ts gives its name.
import type { ExposedName } from './exposed.ts';
import { handleGet } from './http/do-get.ts';
import { handlePost } from './http/do-post.ts';
import { addMenu, showSidebar } from './gas/menu.ts';
import { archiveTrigger, describeInstall, installTriggersNow } from './gas/triggers.ts';
import { checkBreaksTrigger, dailyRolloverTrigger } from './gas/bot-wiring.ts';
import { healthDetails, onSheetEdit, runSeedDemoData, runSetup, setupFromMenu } from './gas/admin-actions.ts';
import { guardAll, type Handler } from './gas/guard.ts';

const handlers: Record<ExposedName, Handler> = {
  doGet: ({ args: [e] }) => handleGet(e as GoogleAppsScript.Events.DoGet),
  doPost: ({ args: [e] }) => handlePost(e as GoogleAppsScript.Events.DoPost),
  onOpen: ({ args: [e] }) => addMenu(e as GoogleAppsScript.Events.SheetsOnOpen | undefined),
  onInstall: ({ args: [e] }) => addMenu(e as GoogleAppsScript.Events.SheetsOnOpen | undefined),
  onEdit: ({ args: [e] }) => onSheetEdit(e),
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

export const globals = guardAll(handlers);
