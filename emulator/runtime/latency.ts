// Projects how long an execution would take on Google from the emulator's counts.
// Every figure lives in LATENCY_FIGURES below; docs/latency-model.md gives each one's source
// (the [S..] tags) and how good it is. The model is deliberately linear in the counts so that a
// benchmark's projection depends only on what the code asks of the services, never on this machine.

export interface Usage {
  calls: Record<string, number>;
  cellsRead: number;
  cellsWritten: number;
  waitMs: number;
}

/** What a call costs on Google, by what it makes the backend do. */
export type CostFamily =
  | 'handle' // builds a local object: getActiveSpreadsheet, getRange, offset, getScriptLock...
  | 'log' // Logger.log, console.*
  | 'local' // pure computation: Utilities, ContentService, Session, HTTPResponse getters
  | 'sheetOpen' // SpreadsheetApp.openById/openByUrl
  | 'sheetRead' // Range getters of cell content
  | 'sheetWrite' // Range setters/clearers (write-cached)
  | 'sheetMetadata' // Sheet.getLastRow, getMaxRows, getDataRange...
  | 'sheetStructure' // insertSheet, deleteRows, appendRow, sort...
  | 'sheetFlush' // SpreadsheetApp.flush
  | 'propertiesRead'
  | 'propertiesWrite'
  | 'cacheRead'
  | 'cacheWrite'
  | 'lockAcquire'
  | 'lockRelease'
  | 'urlFetch'
  | 'urlFetchAll'
  | 'mailSend'
  | 'mailQuery'
  | 'htmlFile' // HtmlService.createTemplateFromFile / createHtmlOutputFromFile
  | 'htmlEvaluate' // HtmlTemplate.evaluate
  | 'triggerList'
  | 'triggerChange'
  | 'drive'
  | 'unknown';

/**
 * The one table of figures (milliseconds). Each comment names the section of docs/latency-model.md
 * that says where the figure comes from; change a figure there and here together.
 */
export const LATENCY_FIGURES = {
  /** Per execution: platform start-up of a small project (web app or google.script.run). See §F1. */
  startupMs: 800,
  /** Once per execution that touches the workbook: the first backend access opens the document. See §F2. */
  documentOpenMs: 150,
  /** Per cell returned by a read (getValues...). Thin: extrapolated, see §F3. */
  readCellMs: 0.01,
  /** Per cell written (setValues...), including its later commit. See §F4. */
  writeCellMs: 0.1,
  /** Per call, by family. */
  perCall: {
    handle: 1, // §F5: execution transcript shows these at 0 s; 1 ms keeps loops of them visible
    log: 0.5, // §F5: ~0.6 ms per Logger.log implied by [S4]
    local: 0.1, // §F5: Utilities, Session, ContentService run in-process
    sheetOpen: 50, // §F2: the open itself is charged once by documentOpenMs
    sheetRead: 2, // §F6: per-cell read loops ~2.3 ms per call through the look-ahead cache [S4]
    sheetWrite: 3, // §F4: between ~1.2 ms (values, [S3]) and ~6 ms (formats with flushes, [S1])
    sheetMetadata: 150, // §F7: getLastRow ~160 ms per call [S4]; max rows+cols 0.3 s [S8]
    sheetStructure: 200, // §F8: no published per-call figure; assumed a metadata round trip plus the edit
    sheetFlush: 30, // §F9: 400 flushes of one row each took ~12 s [S3]
    propertiesRead: 30, // §F10: getProperty avg 30 ms [S5]
    propertiesWrite: 60, // §F10: setProperty avg 62 ms [S5]; set+get ~80 ms [S6]
    cacheRead: 4, // §F11: get avg 3-4 ms [S5]
    cacheWrite: 75, // §F11: put avg 92-93 ms [S5]; put+get ~63 ms [S6]
    lockAcquire: 50, // §F12: unmeasured; assumed like a Properties/Cache write. Contention comes as waitMs
    lockRelease: 20, // §F12: unmeasured
    urlFetch: 500, // §F13: ~590 ms per fetch to a fast Google API [S12]
    urlFetchAll: 600, // §F13: fetchAll of 3 took 929 ms [S12]
    mailSend: 1000, // §F14: ~1.2 s per 100 KB message [S13]
    mailQuery: 50, // §F14: unmeasured quota/draft getters
    htmlFile: 15, // §F15: a page with 14 includes assembled in 229 ms [S11]
    htmlEvaluate: 20, // §F15
    triggerList: 100, // §F16: unmeasured
    triggerChange: 300, // §F16: unmeasured
    drive: 300, // §F16: unmeasured
    unknown: 50, // §F17: a generic service round trip, the order of Properties/Cache calls
  } satisfies Record<CostFamily, number>,
} as const;

/** Families whose calls reach the workbook, so the first of them pays documentOpenMs. */
const WORKBOOK_FAMILIES: ReadonlySet<CostFamily> = new Set<CostFamily>([
  'sheetRead', 'sheetWrite', 'sheetMetadata', 'sheetStructure', 'sheetFlush',
]);

const SPREADSHEET_CLASSES = new Set([
  'SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'RangeList', 'TextFinder', 'NamedRange',
  'Filter', 'Protection', 'DeveloperMetadata', 'DeveloperMetadataFinder',
]);

// Getters that Apps Script answers from the object it already holds (execution transcripts show 0 s).
const LOCAL_GETTERS: Record<string, ReadonlySet<string>> = {
  SpreadsheetApp: new Set([
    'getActiveSpreadsheet', 'getActive', 'getActiveSheet', 'getActiveRange', 'getActiveRangeList',
    'getCurrentCell', 'getSelection', 'getUi',
  ]),
  Spreadsheet: new Set([
    'getSheetByName', 'getSheets', 'getSheetById', 'getId', 'getName', 'getUrl', 'getActiveSheet',
    'getActiveRange', 'getRange', 'getRangeByName', 'getRangeList', 'getSpreadsheetTimeZone',
    'getSpreadsheetLocale', 'getNumSheets',
  ]),
  Sheet: new Set([
    'getRange', 'getRangeList', 'getName', 'getSheetName', 'getSheetId', 'getIndex', 'getParent',
    'getType', 'getActiveRange', 'getActiveCell',
  ]),
  Range: new Set([
    'offset', 'getRow', 'getColumn', 'getRowIndex', 'getColumnIndex', 'getLastRow', 'getLastColumn',
    'getNumRows', 'getNumColumns', 'getHeight', 'getWidth', 'getA1Notation', 'getSheet', 'getGridId',
    'getCell', 'activate', 'createTextFinder',
  ]),
  RangeList: new Set(['getRanges']),
  // A text finder's options are kept by the object; only findAll / findNext / findPrevious search.
  TextFinder: new Set(['matchCase', 'matchEntireCell', 'matchFormulaText', 'ignoreDiacritics', 'useRegularExpression', 'startFrom', 'getCurrentMatch']),
};

const RANGE_STRUCTURE = new Set(['sort', 'deleteCells', 'insertCells', 'createFilter', 'protect', 'moveTo']);

// Sheet calls that change formatting, not the grid: write-cached like Range's format setters. (autoResize*
// measures the contents, insertChart / updateChart / removeChart change the sheet: the default, structure.)
const SHEET_WRITES = new Set(['setColumnWidth', 'setColumnWidths', 'setRowHeight', 'setRowHeights']);

// Local objects of embedded charts: a builder, a built chart, its options and position, the Charts enums.
// Building one reaches no service; only Sheet.insertChart and its siblings do.
const CHART_OBJECT_CLASSES = new Set([
  'Charts', 'EmbeddedChart', 'EmbeddedChartBuilder', 'EmbeddedAreaChartBuilder', 'EmbeddedBarChartBuilder',
  'EmbeddedColumnChartBuilder', 'EmbeddedComboChartBuilder', 'EmbeddedHistogramChartBuilder',
  'EmbeddedLineChartBuilder', 'EmbeddedPieChartBuilder', 'EmbeddedScatterChartBuilder', 'EmbeddedTableChartBuilder',
  'ChartOptions', 'ContainerInfo',
]);

const isGetter = (m: string) => /^(get|is|has|find)/.test(m);

function spreadsheetFamily(cls: string, m: string): CostFamily {
  if (LOCAL_GETTERS[cls]?.has(m) || m.startsWith('new')) return 'handle';
  if (cls === 'SpreadsheetApp') {
    if (m === 'flush') return 'sheetFlush';
    if (m.startsWith('open')) return 'sheetOpen';
    if (m === 'create') return 'sheetStructure';
    return isGetter(m) ? 'handle' : 'sheetStructure';
  }
  if (cls === 'Sheet' && SHEET_WRITES.has(m)) return 'sheetWrite';
  if (cls === 'Spreadsheet' || cls === 'Sheet') return isGetter(m) ? 'sheetMetadata' : 'sheetStructure';
  if (cls === 'Range' && RANGE_STRUCTURE.has(m)) return 'sheetStructure';
  return isGetter(m) ? 'sheetRead' : 'sheetWrite';
}

/** Which cost family a 'Class.method' name belongs to; unknown names get their class's default. */
export function costFamily(method: string): CostFamily {
  const dot = method.indexOf('.');
  const cls = dot < 0 ? method : method.slice(0, dot);
  const m = dot < 0 ? '' : method.slice(dot + 1);
  if (SPREADSHEET_CLASSES.has(cls)) return spreadsheetFamily(cls, m);
  if (CHART_OBJECT_CLASSES.has(cls)) return 'handle';
  switch (cls) {
    case 'PropertiesService':
    case 'CacheService':
    case 'LockService':
      return 'handle';
    case 'Properties':
      return isGetter(m) ? 'propertiesRead' : 'propertiesWrite';
    case 'Cache':
      return isGetter(m) ? 'cacheRead' : 'cacheWrite';
    case 'Lock':
      if (m === 'releaseLock') return 'lockRelease';
      return m === 'hasLock' ? 'handle' : 'lockAcquire';
    case 'UrlFetchApp':
      if (m === 'fetchAll') return 'urlFetchAll';
      return m === 'getRequest' ? 'local' : 'urlFetch';
    case 'HTTPResponse':
    case 'Blob':
    case 'Utilities':
    case 'Session':
    case 'User':
    case 'ContentService':
    case 'TextOutput':
    case 'HtmlOutput':
      return 'local';
    case 'Logger':
    case 'console':
      return 'log';
    case 'MailApp':
    case 'GmailApp':
      return /^send/.test(m) ? 'mailSend' : 'mailQuery';
    case 'HtmlService':
      return /FromFile$/.test(m) ? 'htmlFile' : 'local';
    case 'HtmlTemplate':
      return m === 'evaluate' ? 'htmlEvaluate' : 'local';
    case 'ScriptApp':
      if (m === 'getProjectTriggers' || m === 'getUserTriggers') return 'triggerList';
      if (m === 'deleteTrigger') return 'triggerChange';
      return 'handle';
    case 'TriggerBuilder':
    case 'ClockTriggerBuilder':
    case 'SpreadsheetTriggerBuilder':
      return m === 'create' ? 'triggerChange' : 'handle';
    case 'Trigger':
    case 'Service':
      return 'handle';
    case 'DriveApp':
    case 'File':
    case 'Folder':
      return 'drive';
    default:
      return 'unknown';
  }
}

// The projection runs on every counted call, so a name is classified once.
const familyMemo = new Map<string, CostFamily>();
function memoFamily(method: string): CostFamily {
  let f = familyMemo.get(method);
  if (f === undefined) {
    f = costFamily(method);
    familyMemo.set(method, f);
  }
  return f;
}

/** Base cost of one call of that name, cells excluded. */
export function callCostMs(method: string): number {
  return LATENCY_FIGURES.perCall[memoFamily(method)];
}

export interface LatencyBreakdown {
  startupMs: number;
  documentOpenMs: number;
  /** Base costs of the calls, by family (families with no calls are left out). */
  byFamily: Partial<Record<CostFamily, { calls: number; ms: number }>>;
  callsMs: number;
  cellsReadMs: number;
  cellsWrittenMs: number;
  waitMs: number;
  totalMs: number;
}

/** The projection term by term, for reports. */
export function breakdown(u: Usage): LatencyBreakdown {
  const byFamily: LatencyBreakdown['byFamily'] = {};
  let callsMs = 0;
  let touchesWorkbook = false;
  for (const [method, n] of Object.entries(u.calls)) {
    if (!(n > 0)) continue;
    const family = memoFamily(method);
    const ms = n * LATENCY_FIGURES.perCall[family];
    const entry = (byFamily[family] ??= { calls: 0, ms: 0 });
    entry.calls += n;
    entry.ms += ms;
    callsMs += ms;
    if (WORKBOOK_FAMILIES.has(family)) touchesWorkbook = true;
  }
  const startupMs = LATENCY_FIGURES.startupMs;
  const documentOpenMs = touchesWorkbook ? LATENCY_FIGURES.documentOpenMs : 0;
  const cellsReadMs = Math.max(0, u.cellsRead) * LATENCY_FIGURES.readCellMs;
  const cellsWrittenMs = Math.max(0, u.cellsWritten) * LATENCY_FIGURES.writeCellMs;
  const waitMs = Math.max(0, u.waitMs);
  return {
    startupMs,
    documentOpenMs,
    byFamily,
    callsMs,
    cellsReadMs,
    cellsWrittenMs,
    waitMs,
    totalMs: startupMs + documentOpenMs + callsMs + cellsReadMs + cellsWrittenMs + waitMs,
  };
}

/** Projected time of the execution on Google, in milliseconds. */
export function projectMs(u: Usage): number {
  return breakdown(u).totalMs;
}
