// The bundle's entry: it ONLY exposes globals; all logic lives in the imported modules. Every global goes
// through the one guard (gas/guard.ts) with the access exposed.ts gives its name.
import type { ExposedName } from './exposed.ts';
import { handleGet } from './http/do-get.ts';
import { handlePost } from './http/do-post.ts';
import { addMenu, showScreen } from './gas/menu.ts';
import { adminRpc } from './gas/admin-wiring.ts';
import { SCREEN_PAGES, showName, type ShowName } from '../../common/screens.ts';
import { archiveTrigger, describeInstall, installTriggersNow } from './gas/triggers.ts';
import { checkBreaksTrigger, dailyRolloverTrigger, weeklySummaryTrigger } from './gas/bot-wiring.ts';
import { onSheetEdit, runSeedDemoData, runSetup, setupFromMenu } from './gas/admin-actions.ts';
import { guardAll, type Handler } from './gas/guard.ts';

const shows = Object.fromEntries(SCREEN_PAGES.map((page): [ShowName, Handler] => [showName(page), () => showScreen(page)])) as Record<ShowName, Handler>;

const handlers: Record<ExposedName, Handler> = {
  ...shows,
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
  weeklySummary: () => weeklySummaryTrigger(),
  archive: () => archiveTrigger(),
  archiveContinue: () => archiveTrigger(),
  adminRpc: ({ args: [op, payload], caller }) => adminRpc(caller(), op, payload),
};

export const globals = guardAll(handlers);
