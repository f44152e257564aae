// Wires the checkBreaks and dailyRollover triggers, the bot's ops and link.code to their services with the
// Apps Script services of this execution. main.ts exposes checkBreaksTrigger, dailyRolloverTrigger and
// handleBotOp (through doPost); the run* functions take the clock and the sender, for tests. Every trigger
// (the archive's too, in triggers.ts) runs through guardedTrigger, which alerts admins when it fails.
import type { Envelope } from '../../../common/envelope.ts';
import type { DayEntry } from '../domain/model.ts';
import type { RowIssue } from '../domain/model.ts';
import { openTables, type DateWindow, type Tables } from '../store/tables.ts';
import { addDays, isTime, minutesOf } from '../domain/calendar.ts';
import { notifyRulesOf, scheduleWindow, type ReferenceData } from '../store/reference.ts';
import type { SheetPort } from '../store/port.ts';
import type { NeutralPeriod } from '../domain/rules/types.ts';
import { MissingTab } from '../store/errors.ts';
import { checkBreaks, type CarryStore, type CheckBreaksReport } from '../services/check-breaks.ts';
import { dailyRollover, MAX_CATCH_UP_DAYS, type RolloverReport } from '../services/rollover.ts';
import { botOp } from '../services/bot-ops.ts';
import { issueLinkCode, type LinkCodeDeps, type LinkCodeReply } from '../services/link-code.ts';
import type { AlertSender, OutboxIo } from '../services/alerts.ts';
import { guardTrigger } from '../services/admin-alerts.ts';
import type { TriggerName } from '../domain/alerts.ts';
import { authenticate } from '../services/login.ts';
import { gasSheetPort } from './sheet-port.ts';
import { invalidateReferenceCache, loadReference } from './reference-cache.ts';
import { calendarFor, type Calendar } from './calendar.ts';
import { spreadsheetTimeZone } from './environment.ts';
import { exclusive } from './api-wiring.ts';
import { scriptJsonCache, CACHE_MAX_TTL_SECONDS } from './cache-store.ts';
import type { JsonCache } from '../services/json-cache.ts';
import { tokenSigningKey } from './secrets.ts';
import { gasCrypto } from './crypto.ts';
import { botSharedSecret, hmacSha256Hex, urlFetchSender } from './alert-push.ts';
import { lazy } from './lazy.ts';
import { recordTriggerRun } from './doctor-facts.ts';
import { weeklySummary, type WeeklyDeps, type WeeklyReport } from '../services/weekly-summary.ts';
import { mailAlertSender, sendReportMail } from './mailer.ts';
import { dueBroadcastsStep } from './broadcast-wiring.ts';
import { gasServiceSource, recordingSender } from './service-facts.ts';
import { serviceAlertsStep } from '../services/service-alerts.ts';
import { errorText } from '../domain/alerts.ts';

/** The time-driven trigger: checks everyone's breaks, writes violations and alerts, pushes them. */
export function checkBreaksTrigger(now: number = Date.now()): CheckBreaksReport {
  const report = guardedTrigger('checkBreaks', now, () => {
    // Broadcasts whose time has come, and their e-mails to retry (gas/broadcast-wiring.ts; never throws).
    dueBroadcastsStep(now);
    return runCheckBreaks(now);
  });
  console.log(`checkBreaks: ${JSON.stringify(report)}`);
  return report;
}

/** The daily trigger (early morning): closes forgotten sessions, writes yesterday's Daily rows. */
export function dailyRolloverTrigger(now: number = Date.now()): RolloverReport {
  const report = guardedTrigger('dailyRollover', now, () => runDailyRollover(now));
  console.log(`dailyRollover: ${JSON.stringify(report)}`);
  // checkBreaks cannot tell that it stopped: the rollover runs the service alerts too (never fails the rollover).
  try {
    console.log(`dailyRollover: service alerts ${runServiceAlerts(now, 'dailyRollover')}`);
  } catch (e) {
    console.error(`dailyRollover: service alerts not checked: ${errorText(e)}`);
  }
  return report;
}

/** The daily trigger of the weekly summary (morning): on the first run on or after Monday, last week to every lead. */
export function weeklySummaryTrigger(now: number = Date.now()): WeeklyReport {
  const report = guardedTrigger('weeklySummary', now, () => runWeeklySummary(now));
  console.log(`weeklySummary: ${JSON.stringify(report)}`);
  return report;
}

/**
 * Runs a trigger's work; when it throws, admins with a linked chat get an Outbox alert (one per trigger per
 * hour) and the error is thrown on, so Apps Script records the failed execution. The archive uses it too.
 */
export function guardedTrigger<T>(trigger: TriggerName, now: number, run: () => T): T {
  return guardTrigger(
    trigger,
    // Each run leaves a note of how it ended, which the doctor shows as the trigger's last run.
    () => recordTriggerRun(trigger, now, run),
    () => {
      const env = environment(now);
      return {
        now,
        formatDate: env.io.ctx.formatDate,
        employees: () => env.reference().employees,
        notifyRules: () => notifyRulesOf(env.reference()),
        io: env.io,
        openTables: env.freshTables,
        withLock: exclusive,
      };
    },
    (line) => console.error(line),
  );
}

/** A bot op (op 'bot.*') posted to the web app: doPost sends such bodies here. */
export function handleBotOp(body: string): Envelope<object> {
  return runBotOp(body, Date.now());
}

/** Whether a web-app body is a bot op (cheap: doPost asks before parsing). */
export function isBotRequest(body: string): boolean {
  return /"op"\s*:\s*"bot\./.test(body);
}

/** The link.code op of the employee page: a short code to send the bot as `/start CODE`. */
export function handleLinkCode(req: { token: string }, now: number): LinkCodeReply {
  const env = environment(now);
  const employee = authenticate(req.token, undefined, { employees: env.reference().employees, now, signingKey: env.signingKey(), crypto: gasCrypto }).employee;
  return issueLinkCode(employee, env.linkDeps());
}

// ---- with the clock given (tests drive these) ----

export function runCheckBreaks(now: number, o: { senderFor?: (botUrl: string) => AlertSender; sendMail?: AlertSender } = {}): CheckBreaksReport {
  const env = environment(now);
  return checkBreaks({
    now,
    ...env.calendarFns(),
    reference: env.reference(),
    io: env.io,
    openTables: env.freshTables,
    withLock: exclusive,
    // A missing secret fails the push (recorded on each alert, retried later), not the whole check.
    // The default push notes when it starts and stops failing, for the bot_unreachable service alert.
    senderFor: o.senderFor ?? ((url) => recordingSender(now, (alerts) => urlFetchSender(url, requireSecret())(alerts))),
    carry: cacheCarry(scriptJsonCache()),
    neutral: env.neutral(),
    sendMail: o.sendMail ?? mailAlertSender,
    service: gasServiceSource(now, 'checkBreaks'),
  });
}

/** The service alerts on their own (services/service-alerts.ts serviceAlertsStep): the alerts written. */
export function runServiceAlerts(now: number, self?: string): number {
  const env = environment(now);
  return serviceAlertsStep({
    now,
    ...env.calendarFns(),
    reference: env.reference(),
    io: env.io,
    openTables: env.freshTables,
    withLock: exclusive,
    service: gasServiceSource(now, self),
  });
}

export function runDailyRollover(now: number): RolloverReport {
  const env = environment(now);
  // The schedule of the days a missed rollover left behind, too (a once-a-day read).
  const reference = env.referenceFor(scheduleWindow(env.calendarFns().dateOf(now), MAX_CATCH_UP_DAYS, 1));
  return dailyRollover({ now, ...env.calendarFns(), reference, io: env.io, openTables: env.freshTables, withLock: exclusive, neutral: env.neutral() });
}

export function runWeeklySummary(now: number, o: { sendMail?: WeeklyDeps['sendMail'] } = {}): WeeklyReport {
  const env = environment(now);
  return weeklySummary({
    now,
    dateOf: env.calendarFns().dateOf,
    reference: env.reference(),
    io: env.io,
    openTables: env.freshTables,
    withLock: exclusive,
    sendMail: o.sendMail ?? sendReportMail,
  });
}

export function runBotOp(body: string, now: number): Envelope<object> {
  const env = environment(now);
  return botOp(
    body,
    {
      now,
      ...env.calendarFns(),
      secret: botSharedSecret(),
      hmacHex: hmacSha256Hex,
      cache: env.cache,
      withLock: exclusive,
      reference: env.reference,
      io: env.io,
      openTables: env.freshTables,
      link: env.linkDeps(),
      invalidateReference: () => invalidateReferenceCache(),
      neutral: env.neutral,
    },
    (m) => console.error(m),
  );
}

// ---- the pieces ----


function environment(now: number) {
  const calendar = lazy<Calendar>(() => calendarFor(spreadsheetTimeZone()));
  const port: SheetPort = gasSheetPort();
  const onIssue = (i: RowIssue) => console.warn(`${i.tab} row ${i.row}, ${i.column}: ${i.message}`);
  const freshTables = (): Tables => openTables(port, { timeZone: calendar().timeZone, formatDate: calendar().format, onIssue });
  const referenceFor = (window: DateWindow): ReferenceData => loadReference(freshTables(), window);
  const reference = lazy<ReferenceData>(() => referenceFor(scheduleWindow(calendar().dateOf(now))));
  const signingKey = lazy(() => tokenSigningKey());
  const cache = scriptJsonCache();
  const io: OutboxIo = { port, ctx: { formatDate: (ms, pattern) => calendar().format(ms, pattern) }, onIssue };
  return {
    io,
    cache,
    reference,
    referenceFor,
    signingKey,
    freshTables,
    neutral: lazy(() => neutralPeriods(freshTables(), onIssue)),
    calendarFns: lazy(() => fewCallsCalendar(calendar(), calendar().dateOf(now))),
    linkDeps: (): LinkCodeDeps => ({ now, cache, signingKey: signingKey(), crypto: gasCrypto, exclusive }),
  };
}

/**
 * The calendar the rules need (dates, wall-clock times, 'HH:mm'), with a constant number of Utilities calls
 * per run instead of a few per employee: the midnights of yesterday to the day after tomorrow are asked for
 * once, and on a day 24 hours long (no daylight-saving change) the zone's offset is the same all day, so
 * times within it are plain arithmetic. Anything else is asked of Utilities as before.
 */
export function fewCallsCalendar(cal: Calendar, today: string): { dateOf(ms: number): string; zonedTime(date: string, time: string): number; timeText(ms: number): string } {
  const midnights = new Map<string, number>();
  const midnight = (date: string): number => {
    let m = midnights.get(date);
    if (m === undefined) {
      m = cal.zonedTime(date, '00:00');
      midnights.set(date, m);
    }
    return m;
  };
  const known = [-1, 0, 1].map((d) => addDays(today, d));
  /** The date whose day is 24 hours long and holds `ms`, if one of the known dates. */
  const uniformDayOf = (ms: number): string | null => {
    for (const date of known) {
      const start = midnight(date);
      const end = midnight(addDays(date, 1));
      if (ms >= start && ms < end) return end - start === DAY_MS ? date : null;
    }
    return null;
  };
  const isUniform = (date: string): boolean => known.includes(date) && midnight(addDays(date, 1)) - midnight(date) === DAY_MS;
  return {
    dateOf: (ms) => uniformDayOf(ms) ?? cal.dateOf(ms),
    zonedTime: (date, time) => (isUniform(date) && isTime(time) ? midnight(date) + minutesOf(time) * 60_000 : cal.zonedTime(date, time)),
    timeText: (ms) => {
      const date = uniformDayOf(ms);
      if (date === null) return cal.format(ms, 'HH:mm');
      const minutes = Math.floor((ms - midnight(date)) / 60_000);
      return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    },
  };
}

const DAY_MS = 24 * 3600_000;

/** The Neutral tab in one read; bad rows are logged and skipped. */
export function neutralPeriods(tables: Tables, onIssue: (i: RowIssue) => void): NeutralPeriod[] {
  try {
    const read = tables.neutral();
    read.issues.forEach(onIssue);
    return read.rows;
  } catch (e) {
    // A workbook set up before the tab existed: no outages until Setup adds it, rather than failing every check.
    if (!(e instanceof MissingTab)) throw e;
    console.warn(e.message);
    return [];
  }
}

function requireSecret(): string {
  const secret = botSharedSecret();
  if (!secret) throw new Error('bot_url is set but Script Property BOT_SHARED_SECRET is not: alerts cannot be signed / задан bot_url, но нет BOT_SHARED_SECRET');
  return secret;
}

/** The part of tonight's shifts before midnight, in the script cache (losing it only skips live checks). */
function cacheCarry(cache: JsonCache): CarryStore {
  const key = (date: string) => `wtt.checks.carry.${date}`;
  return {
    get(date) {
      const v = cache.getAll([key(date)])[key(date)];
      return v && typeof v === 'object' ? (v as Record<string, DayEntry[]>) : null;
    },
    put(date, entries) {
      try {
        cache.putAll({ [key(date)]: entries }, CACHE_MAX_TTL_SECONDS);
      } catch {
        // Too large or refused: the night shift is then judged by the daily rollover instead.
      }
    },
  };
}
