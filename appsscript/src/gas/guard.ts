// The one guard in front of every exposed function (exposed.ts says who may reach each). It gathers the
// facts Apps Script gives — the active user, the spreadsheet's owner, the Employees and Groups rows, the
// project's installed triggers — and lets domain/access.ts decide. A refused call touches nothing.
import { EXPOSED, type ExposedName } from '../exposed.ts';
import { identify, mayCall, refusalText, type Access, type Caller } from '../domain/access.ts';
import { CallerRefused } from '../errors.ts';
import { MissingTab } from '../store/errors.ts';
import { openTables } from '../store/tables.ts';
import { scheduleWindow } from '../store/reference.ts';
import { gasSheetPort } from './sheet-port.ts';
import { loadReference } from './reference-cache.ts';
import { calendarFor } from './calendar.ts';
import { spreadsheetTimeZone } from './environment.ts';
import { lazy } from './lazy.ts';

/** What a guarded function is given: the arguments as called, and who called (read only when asked). */
export interface Call {
  args: unknown[];
  caller(): Caller;
}

export type Handler = (call: Call) => unknown;

/** Every exposed name wrapped by the guard; `handlers` must provide exactly the names of EXPOSED. */
export function guardAll(handlers: Record<ExposedName, Handler>): Record<ExposedName, (...args: unknown[]) => unknown> {
  const out = {} as Record<ExposedName, (...args: unknown[]) => unknown>;
  for (const name of Object.keys(EXPOSED) as ExposedName[]) out[name] = guarded(name, handlers[name]);
  return out;
}

function guarded(name: ExposedName, handler: Handler): (...args: unknown[]) => unknown {
  const access = EXPOSED[name] as Access;
  return (...args: unknown[]) => {
    const caller = lazy(currentCaller);
    if (access === 'trigger' || access === 'admin' || access === 'staff') {
      // A real trigger needs no identity at all: checked first, so the frequent runs pay no reads for it.
      const byOwnTrigger = access === 'trigger' && firedByOwnTrigger(name, args[0]);
      if (!byOwnTrigger && !mayCall(access, { caller: caller(), byOwnTrigger })) {
        const text = refusalText(name, access);
        throw new CallerRefused(text.en, text.ru);
      }
    }
    return handler({ args, caller });
  };
}

/** The active user as Employees and Groups see them. The owner is always an admin. */
export function currentCaller(): Caller {
  const email = Session.getActiveUser().getEmail();
  if (email === '') return identify('', '', [], []);
  const owner = ownerEmail();
  // The owner needs no tab at all: a new spreadsheet is set up by its owner before Employees exists.
  if (owner !== '' && email.toLowerCase() === owner.toLowerCase()) return identify(email, owner, [], []);
  const calendar = calendarFor(spreadsheetTimeZone());
  const tables = openTables(gasSheetPort(), { timeZone: calendar.timeZone, formatDate: calendar.format });
  try {
    const reference = loadReference(tables, scheduleWindow(calendar.dateOf(Date.now())));
    return identify(email, owner, reference.employees, reference.groups);
  } catch (e) {
    // Not set up yet: nobody but the owner has a role.
    if (e instanceof MissingTab) return identify(email, owner, [], []);
    throw e;
  }
}

/**
 * The event's trigger id must be one of this project's installed triggers with this very handler. A page
 * can pass any plain object through google.script.run, but not the id of a trigger it cannot list.
 */
function firedByOwnTrigger(name: string, event: unknown): boolean {
  const uid = typeof event === 'object' && event !== null ? (event as { triggerUid?: unknown }).triggerUid : undefined;
  if (typeof uid !== 'string' && typeof uid !== 'number') return false;
  const id = String(uid);
  if (id === '') return false;
  return ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === id && t.getHandlerFunction() === name);
}

const OWNER_KEY = 'wtt.owner';
/** An owner rarely changes; asking Sheets on every console call would cost a call each time. */
const OWNER_TTL_SECONDS = 6 * 60 * 60;

/** The spreadsheet's owner ('' in a shared drive, which has none), through the script cache. */
function ownerEmail(): string {
  const cache = CacheService.getScriptCache();
  const cached = cache.get(OWNER_KEY);
  if (cached !== null) return cached;
  const owner = SpreadsheetApp.getActiveSpreadsheet().getOwner()?.getEmail() ?? '';
  try {
    cache.put(OWNER_KEY, owner, OWNER_TTL_SECONDS);
  } catch {
    // The cache is an optimisation: without it the next call asks Sheets again.
  }
  return owner;
}
