// Wires the web-app ops to their use cases with the Apps Script services of this execution.
// Everything is built lazily: an op reads only what it needs, and reference data comes from the cache.
import type { Handlers } from '../http/api.ts';
import { loginFinish, loginStart, authenticate } from '../services/login.ts';
import { state, statusInfo, sync, type TrackingDeps } from '../services/tracking.ts';
import { Busy } from '../errors.ts';
import { issueLinkCode } from '../services/link-code.ts';
import { listReminders, saveReminders, type RemindersDeps } from '../services/reminders.ts';
import { openTables, type Tables } from '../store/tables.ts';
import { scheduleWindow } from '../store/reference.ts';
import type { ReferenceData } from '../store/reference.ts';
import { gasSheetPort } from './sheet-port.ts';
import { invalidateReferenceCache, loadReference } from './reference-cache.ts';
import { calendarFor, type Calendar } from './calendar.ts';
import { spreadsheetTimeZone } from './environment.ts';
import { withScriptLock } from './script-lock.ts';
import { tokenSigningKey } from './secrets.ts';
import { gasCrypto } from './crypto.ts';
import { scriptJsonCache } from './cache-store.ts';
import { emailCodeChannel } from './mailer.ts';
import { lazy } from './lazy.ts';

/** Entries older than this (after clock correction) are refused per entry: they would be archived at once. */
export const ENTRY_RETENTION_MS = 31 * 24 * 3600 * 1000;


const busy = (): never => {
  throw new Busy('The server is busy; the request will be retried', 'Сервер занят; запрос будет повторён');
};

export function exclusive<T>(fn: () => T): T {
  return withScriptLock(fn, busy);
}

export function apiHandlers(now: number): Handlers {
  const calendar = lazy<Calendar>(() => calendarFor(spreadsheetTimeZone()));
  const tables = lazy<Tables>(() => openTables(gasSheetPort(), { timeZone: calendar().timeZone, formatDate: calendar().format }));
  const reference = lazy<ReferenceData>(() => loadReference(tables(), scheduleWindow(calendar().dateOf(now))));
  const signingKey = lazy(() => tokenSigningKey());
  const base = () => ({ employees: reference().employees, now, cache: scriptJsonCache(), signingKey: signingKey(), crypto: gasCrypto, exclusive });
  const tracking = (): TrackingDeps => ({
    now,
    timeZone: calendar().timeZone,
    dateOf: calendar().dateOf,
    zonedTime: calendar().zonedTime,
    retentionMs: ENTRY_RETENTION_MS,
    authenticate: (token, deviceId) =>
      authenticate(token, deviceId, { employees: reference().employees, now, signingKey: signingKey(), crypto: gasCrypto }).employee,
    statuses: reference().statuses,
    shiftFor: (employeeId, date) => reference().schedule.find((s) => s.employee_id === employeeId && s.date === date) ?? null,
    withLock: exclusive,
    tables: tables(),
  });
  const reminderDeps = (): RemindersDeps => ({
    now,
    port: gasSheetPort(),
    ctx: { formatDate: (ms, pattern) => calendar().format(ms, pattern) },
    withLock: exclusive,
    invalidateReference: () => invalidateReferenceCache(),
  });
  return {
    'login.start': (req) => loginStart(req, { ...base(), channels: { email: emailCodeChannel } }),
    'login.finish': (req) => loginFinish(req, { ...base(), statuses: reference().statuses.map(statusInfo) }),
    sync: (req) => sync(req, tracking()),
    state: (req) => state(req, tracking()),
    'link.code': (req) =>
      issueLinkCode(tracking().authenticate(req.token, undefined), { now, cache: scriptJsonCache(), signingKey: signingKey(), crypto: gasCrypto, exclusive }),
    'reminders.list': (req) => listReminders(tracking().authenticate(req.token, undefined), reminderDeps()),
    'reminders.save': (req) => saveReminders(tracking().authenticate(req.token, undefined), req.request_id, req.reminders, reminderDeps()),
  };
}
