// The admin console's one RPC: adminRpc(op, payload) from every sidebar and dialog, on the one dispatcher
// (http/dispatch.ts), with the Apps Script services of this execution. The guard (gas/guard.ts) has already
// let only admins and leads in; here each op's own role (common/admin-api.ts ADMIN_OP_ROLES) is checked.
import { adminSchemas, ADMIN_OP_ROLES, type AdminOp } from '../../../common/admin-api.ts';
import type { Envelope } from '../../../common/envelope.ts';
import type { Caller } from '../domain/access.ts';
import { dispatchValue } from '../http/dispatch.ts';
import { Forbidden } from '../errors.ts';
import { ADMIN_HANDLERS } from '../services/admin/ops.ts';
import type { AdminDeps, SelectedRange } from '../services/admin/deps.ts';
import { openTables, type Tables } from '../store/tables.ts';
import { scheduleWindow, type ReferenceData } from '../store/reference.ts';
import { gasSheetPort } from './sheet-port.ts';
import { invalidateReferenceCache, loadReference } from './reference-cache.ts';
import { calendarFor, type Calendar } from './calendar.ts';
import { spreadsheetTimeZone } from './environment.ts';
import { exclusive } from './api-wiring.ts';
import { installTriggersNow } from './triggers.ts';
import { doctorFacts } from './doctor-facts.ts';
import { lazy } from './lazy.ts';
import { fewCallsCalendar, neutralPeriods } from './bot-wiring.ts';
import { newReportBook } from './report-books.ts';
import { dailyArchiveReader } from './archive-workbooks.ts';
import { broadcastSender, mailPort } from './broadcast-wiring.ts';

export function adminRpc(caller: Caller, op: unknown, payload: unknown): Envelope<object> {
  const deps = adminDeps(caller, Date.now());
  return dispatchValue<AdminOp>(
    op,
    payload,
    {
      schemas: adminSchemas,
      authorize: (known) => {
        if (ADMIN_OP_ROLES[known] === 'admin' && caller.role !== 'admin') {
          throw new Forbidden(`Only an admin may use ${known}`, `${known} доступно только администратору`, { op: known });
        }
      },
      handle: (known, req) => (ADMIN_HANDLERS[known] as (d: AdminDeps, r: unknown) => object)(deps, req),
    },
    (m) => console.error(m),
  );
}

export function adminDeps(caller: Caller, now: number): AdminDeps {
  const calendar = lazy<Calendar>(() => calendarFor(spreadsheetTimeZone()));
  const port = lazy(() => gasSheetPort());
  const tables = (): Tables => openTables(port(), { timeZone: calendar().timeZone, formatDate: calendar().format });
  const reference = lazy<ReferenceData>(() => loadReference(tables(), scheduleWindow(calendar().dateOf(now))));
  const props = lazy(() => PropertiesService.getScriptProperties());
  return {
    caller,
    now,
    get port() {
      return port();
    },
    cells: { formatDate: (ms, pattern) => calendar().format(ms, pattern) },
    tables,
    reference,
    withLock: exclusive,
    invalidateReference: () => invalidateReferenceCache(),
    dateOf: (ms) => calendar().dateOf(ms),
    calendarFns: lazy(() => fewCallsCalendar(calendar(), calendar().dateOf(now))),
    neutral: lazy(() => neutralPeriods(tables(), (i) => console.warn(`${i.tab} row ${i.row}, ${i.column}: ${i.message}`))),
    secrets: {
      isSet: (name) => (props().getProperty(name) ?? '') !== '',
      set: (name, value) => void props().setProperty(name, value),
    },
    spreadsheet: {
      timeZone: () => SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(),
      setTimeZone: (zone) => void SpreadsheetApp.getActiveSpreadsheet().setSpreadsheetTimeZone(zone),
    },
    reinstallTriggers: (settings) => void installTriggersNow(settings),
    doctorFacts: (o) => doctorFacts(o),
    selection: () => selectedRange(),
    newReportBook: (name) => newReportBook(name),
    dailyArchive: () => dailyArchiveReader(),
    senderFor: (url) => broadcastSender(url),
    mail: mailPort,
  };
}

/** The active range of the caller's window (a dialog's google.script.run runs in it). */
function selectedRange(): SelectedRange | null {
  const range = SpreadsheetApp.getActiveRange();
  if (!range) return null;
  return {
    tab: range.getSheet().getName(),
    a1: range.getA1Notation(),
    row: range.getRow(),
    column: range.getColumn(),
    rows: range.getNumRows(),
    columns: range.getNumColumns(),
    displayValues: () => range.getDisplayValues(),
  };
}
