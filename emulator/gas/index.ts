// All Apps Script globals an execution sees, built from its context.
import type { FacadeContext } from '../runtime/contracts.ts';
import { createSpreadsheetApp } from './spreadsheet-app.ts';
import { createPropertiesService } from './properties.ts';
import { createCacheService } from './cache.ts';
import { createLockService } from './lock.ts';
import { createScriptApp } from './script-app.ts';
import { createMailApp } from './mail-app.ts';
import { createUrlFetchApp } from './url-fetch-app.ts';
import { createUtilities } from './utilities.ts';
import { createSession } from './session.ts';
import { createConsole, createLogger } from './logger.ts';
import { createContentService } from './content-service.ts';
import { createHtmlService } from './html-service.ts';
import { createCharts } from './spreadsheet/charts.ts';

export function createGlobals(ctx: FacadeContext): Record<string, unknown> {
  return {
    SpreadsheetApp: createSpreadsheetApp(ctx),
    PropertiesService: createPropertiesService(ctx),
    CacheService: createCacheService(ctx),
    LockService: createLockService(ctx),
    ScriptApp: createScriptApp(ctx),
    MailApp: createMailApp(ctx),
    UrlFetchApp: createUrlFetchApp(ctx),
    Utilities: createUtilities(ctx),
    Session: createSession(ctx, { keySalt: ctx.exec.activeSpreadsheetId }),
    Logger: createLogger(ctx),
    console: createConsole(ctx),
    ContentService: createContentService(ctx),
    HtmlService: createHtmlService(ctx),
    // Its enums (Charts.ChartType for Sheet.newChart().setChartType); it reaches no service.
    Charts: createCharts(),
  };
}
