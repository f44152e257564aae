// The project's time-driven triggers: installing them (idempotently) and the archive's handler with its
// one-off continuation. The other handlers (checkBreaks, dailyRollover) live with their use cases; this
// file only decides when Apps Script runs them.
import { SETTING_DEFAULTS } from '../../../common/admin-api.ts';
import { archive, type ArchiveDeps, type ArchiveReport, type Continuation } from '../services/archive.ts';
import { archiveCutoff, monthFinder, nextMonth, retentionDaysOf } from '../domain/archive-plan.ts';
import { Busy } from '../errors.ts';
import { openTables } from '../store/tables.ts';
import { archiveShelf, liveDaily, liveLog, liveSchedule, scriptPropertiesCheckpoint } from './archive-workbooks.ts';
import { dailyCutoffDate, dailyKeepMonthsOf } from '../domain/archive-daily.ts';
import { calendarFor, type Calendar } from './calendar.ts';
import { spreadsheetTimeZone } from './environment.ts';
import { gasSheetPort } from './sheet-port.ts';
import { withScriptLock } from './script-lock.ts';
import { guardedTrigger } from './bot-wiring.ts';

/** Global function names the triggers call (main.ts exposes them). */
export const HANDLERS = {
  checkBreaks: 'checkBreaks',
  dailyRollover: 'dailyRollover',
  archive: 'archive',
  archiveContinue: 'archiveContinue',
  weeklySummary: 'weeklySummary',
} as const;

/** ClockTriggerBuilder.everyMinutes takes only these. */
export const CHECK_INTERVALS: readonly number[] = [1, 5, 10, 15, 30];
export const DEFAULT_CHECK_INTERVAL = Number(SETTING_DEFAULTS.check_interval_minutes);
/** Local hours (spreadsheet's zone) of the daily runs: rollover first, the archive after it. */
export const ROLLOVER_HOUR = 3;
export const ARCHIVE_HOUR = 4;
/** The weekly summary runs daily at this hour and sends on the first run on or after Monday (a missed Monday is caught up). */
export const WEEKLY_HOUR = 8;
/** What installTriggers made, by handler: Apps Script cannot tell a trigger's schedule, so we remember it. */
export const INSTALLED_TRIGGERS_PROPERTY = 'INSTALLED_TRIGGERS';
/** The archive waits this long for the script lock at most (it needs it twice per chunk, briefly). */
const ARCHIVE_LOCK_WAIT_MS = 10_000;

export type TriggerSpec =
  | { handler: string; every: 'minutes'; minutes: number }
  | { handler: string; every: 'day'; hour: number; timeZone: string };

/** Equal keys = the same schedule. */
export function specKey(s: TriggerSpec): string {
  return s.every === 'minutes' ? `every ${s.minutes} min` : `daily ${String(s.hour).padStart(2, '0')}:00 ${s.timeZone}`;
}

export function checkIntervalOf(raw: string | undefined): { minutes: number; warning?: string } {
  const text = (raw ?? '').trim();
  if (text === '') return { minutes: DEFAULT_CHECK_INTERVAL };
  const n = Number(text);
  if (CHECK_INTERVALS.includes(n)) return { minutes: n };
  const allowed = CHECK_INTERVALS.join(', ');
  return {
    minutes: DEFAULT_CHECK_INTERVAL,
    warning: `check_interval_minutes "${text}" is not one of ${allowed}; ${DEFAULT_CHECK_INTERVAL} is used / check_interval_minutes «${text}» — не одно из ${allowed}; используется ${DEFAULT_CHECK_INTERVAL}`,
  };
}

export function wantedTriggers(settings: ReadonlyMap<string, string>, timeZone: string): { specs: TriggerSpec[]; warnings: string[] } {
  const interval = checkIntervalOf(settings.get('check_interval_minutes'));
  return {
    specs: [
      { handler: HANDLERS.checkBreaks, every: 'minutes', minutes: interval.minutes },
      { handler: HANDLERS.dailyRollover, every: 'day', hour: ROLLOVER_HOUR, timeZone },
      { handler: HANDLERS.archive, every: 'day', hour: ARCHIVE_HOUR, timeZone },
      { handler: HANDLERS.weeklySummary, every: 'day', hour: WEEKLY_HOUR, timeZone },
    ],
    warnings: interval.warning ? [interval.warning] : [],
  };
}

export interface ExistingTrigger {
  id: string;
  handler: string;
}

export type InstalledTriggers = Record<string, { id: string; spec: string }>;

export interface TriggerPlan {
  kept: TriggerSpec[];
  /** New triggers; `replacing` are the ids of the handler's triggers removed for it. */
  create: { spec: TriggerSpec; replacing: string[] }[];
}

/**
 * Keeps a handler's trigger when it is the only one of that handler and is the one we made with the same
 * schedule; otherwise every trigger of that handler gives way to one new trigger. Handlers not wanted here
 * (the archive's continuation, anything else) are left alone.
 */
export function planTriggers(wanted: readonly TriggerSpec[], existing: readonly ExistingTrigger[], installed: InstalledTriggers): TriggerPlan {
  const plan: TriggerPlan = { kept: [], create: [] };
  for (const spec of wanted) {
    const mine = existing.filter((t) => t.handler === spec.handler);
    const known = installed[spec.handler];
    if (mine.length === 1 && known && known.id === mine[0].id && known.spec === specKey(spec)) plan.kept.push(spec);
    else plan.create.push({ spec, replacing: mine.map((t) => t.id) });
  }
  return plan;
}

export interface InstallReport {
  created: string[];
  replaced: string[];
  kept: string[];
  /** "handler: schedule" of every trigger now installed. */
  schedules: string[];
  warnings: string[];
}

function createTrigger(spec: TriggerSpec): GoogleAppsScript.Script.Trigger {
  const builder = ScriptApp.newTrigger(spec.handler).timeBased();
  if (spec.every === 'minutes') return builder.everyMinutes(spec.minutes).create();
  return builder.everyDays(1).atHour(spec.hour).nearMinute(0).inTimezone(spec.timeZone).create();
}

function readInstalled(props: GoogleAppsScript.Properties.Properties): InstalledTriggers {
  try {
    const v = JSON.parse(props.getProperty(INSTALLED_TRIGGERS_PROPERTY) ?? '{}') as unknown;
    return v && typeof v === 'object' ? (v as InstalledTriggers) : {};
  } catch {
    return {}; // forgotten: every trigger is then replaced once, which is safe
  }
}

/**
 * installTriggers: exactly one time-driven trigger per handler, on its schedule. Running it again changes
 * nothing; a handler whose schedule changed (the check interval, the spreadsheet's time zone) is replaced.
 * `known`: the Settings as a caller has just written them (settings.save), which spares reading them again.
 */
export function installTriggersNow(known?: ReadonlyMap<string, string>): InstallReport {
  const timeZone = spreadsheetTimeZone();
  const calendar = calendarFor(timeZone);
  const settings = known ?? openTables(gasSheetPort(), { timeZone, formatDate: calendar.format }).settings();
  const { specs, warnings } = wantedTriggers(settings, timeZone);
  // Two admins pressing the menu item at once must not make two triggers each.
  return withScriptLock(
    () => {
      const props = PropertiesService.getScriptProperties();
      const triggers = ScriptApp.getProjectTriggers();
      const existing = triggers.map((t) => ({ id: t.getUniqueId(), handler: t.getHandlerFunction() }));
      const installed = readInstalled(props);
      const plan = planTriggers(specs, existing, installed);
      const report: InstallReport = { created: [], replaced: [], kept: plan.kept.map((s) => s.handler), schedules: [], warnings };
      for (const { spec, replacing } of plan.create) {
        triggers.filter((_, i) => replacing.includes(existing[i].id)).forEach((t) => ScriptApp.deleteTrigger(t));
        const made = createTrigger(spec);
        installed[spec.handler] = { id: made.getUniqueId(), spec: specKey(spec) };
        (replacing.length ? report.replaced : report.created).push(spec.handler);
      }
      if (plan.create.length) props.setProperty(INSTALLED_TRIGGERS_PROPERTY, JSON.stringify(installed));
      report.schedules = specs.map((s) => `${s.handler}: ${specKey(s)}`);
      return report;
    },
    () => {
      throw new Busy('Another script is running; try again in a minute', 'Выполняется другой сценарий; повторите через минуту');
    },
  );
}

/** The report as lines for an alert, in both languages. */
export function describeInstall(r: InstallReport): string {
  return [
    ...r.created.map((h) => `Created / Создан: ${h}`),
    ...r.replaced.map((h) => `Replaced / Заменён: ${h}`),
    ...r.kept.map((h) => `Unchanged / Без изменений: ${h}`),
    ...r.schedules,
    ...r.warnings,
  ].join('\n');
}

// ---- the archive ----

/** The archive's one-off continuation trigger: never more than one pending. */
export function archiveContinuation(): Continuation {
  let pending: GoogleAppsScript.Script.Trigger[] | null = null;
  const removeAll = () => {
    pending ??= ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === HANDLERS.archiveContinue);
    for (const t of pending) ScriptApp.deleteTrigger(t);
    pending = [];
  };
  return {
    clear: removeAll,
    schedule(afterMs) {
      removeAll();
      pending = [ScriptApp.newTrigger(HANDLERS.archiveContinue).timeBased().after(afterMs).create()];
    },
  };
}

/** The script lock for the archive's short critical sections; null when Log writers keep it busy. */
export function archiveLock<T>(work: () => T): T | null {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(ARCHIVE_LOCK_WAIT_MS)) return null;
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}

/** 'yyyy-MM' of an instant in the calendar's zone (a couple of Utilities calls per month met). */
export function monthOfIn(calendar: Calendar): (ms: number) => string {
  return monthFinder((ms) => {
    const month = calendar.format(ms, 'yyyy-MM');
    return { month, start: calendar.zonedTime(`${month}-01`, '00:00'), end: calendar.zonedTime(`${nextMonth(month)}-01`, '00:00') };
  });
}

/** Overrides for tests and benchmarks; the triggers use the defaults. */
export type ArchiveOptions = Pick<ArchiveDeps, 'chunkRows' | 'budgetMs' | 'onStep'>;

export function runArchive(options: ArchiveOptions = {}): ArchiveReport {
  const now = Date.now();
  const calendar = calendarFor(spreadsheetTimeZone());
  const settings = openTables(gasSheetPort(), { timeZone: calendar.timeZone, formatDate: calendar.format }).settings();
  const retention = retentionDaysOf(settings.get('retention_days'));
  if (retention.warning) console.warn(`[archive] ${retention.warning}`);
  const keep = dailyKeepMonthsOf(settings.get('daily_keep_months'));
  if (keep.warning) console.warn(`[archive] ${keep.warning}`);
  return archive({
    now: () => Date.now(),
    runId: Utilities.getUuid(),
    cutoff: archiveCutoff(calendar.dateOf(now), retention.days, (date) => calendar.zonedTime(date, '00:00')),
    monthOf: monthOfIn(calendar),
    log: liveLog(),
    schedule: liveSchedule(calendar),
    daily: liveDaily(calendar, dailyCutoffDate(calendar.dateOf(now), keep.months)),
    shelf: archiveShelf(calendar.timeZone),
    checkpoint: scriptPropertiesCheckpoint(),
    withLock: archiveLock,
    continuation: archiveContinuation(),
    report: (line) => console.log(`[archive] ${line}`),
    ...options,
  });
}

/** The handler of both 'archive' (daily) and 'archiveContinue' (its one-off continuation); a failure alerts admins. */
export function archiveTrigger(): ArchiveReport {
  return guardedTrigger('archive', Date.now(), () => runArchive());
}
