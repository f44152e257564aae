// What the doctor (services/admin/doctor.ts) reads from Apps Script besides the tabs, and the note each
// time-driven trigger leaves of its latest run: Apps Script keeps its executions to itself (no service lists
// them), so the only last run the doctor can know is one the trigger wrote down.
import type { Alert } from '../../../common/bot-api.ts';
import type { DoctorFacts, TriggerRun } from '../services/admin/doctor.ts';
import { errorText, type TriggerName } from '../domain/alerts.ts';
import { BOT_URL_KEY } from '../services/check-breaks.ts';
import { botSharedSecret, urlFetchSender } from './alert-push.ts';
import { INSTALLED_TRIGGERS_PROPERTY, specKey, wantedTriggers } from './triggers.ts';
import { spreadsheetTimeZone } from './environment.ts';
import { quotaDay } from '../domain/service-alerts.ts';
import { serviceFacts } from './service-facts.ts';

/** Script Property `TRIGGER_RUN_<handler>` = JSON TriggerRun: one key per handler, so runs never race. */
export const TRIGGER_RUN_PROPERTY_PREFIX = 'TRIGGER_RUN_';

const DAY_MS = 24 * 3600_000;

export function doctorFacts(o: { testChatId?: string; settings: ReadonlyMap<string, string>; now?: number }): DoctorFacts {
  const props = PropertiesService.getScriptProperties();
  const wanted = wantedTriggers(o.settings, spreadsheetTimeZone()).specs.map((s) => ({
    handler: s.handler,
    schedule: specKey(s),
    everyMs: s.every === 'minutes' ? s.minutes * 60_000 : DAY_MS,
  }));
  const runs: Record<string, TriggerRun> = {};
  for (const w of wanted) {
    const run = parseRun(props.getProperty(`${TRIGGER_RUN_PROPERTY_PREFIX}${w.handler}`));
    if (run) runs[w.handler] = run;
  }
  const botUrl = (o.settings.get(BOT_URL_KEY) ?? '').trim();
  return {
    triggers: {
      wanted,
      installed: ScriptApp.getProjectTriggers().map((t) => ({ handler: t.getHandlerFunction(), id: t.getUniqueId() })),
      made: parseMade(props.getProperty(INSTALLED_TRIGGERS_PROPERTY)),
      runs,
    },
    webAppUrl: ScriptApp.getService().getUrl() || null,
    mailQuota: mailQuota(),
    bot: {
      url: botUrl,
      secretSet: botSharedSecret() !== null,
      test: o.testChatId === undefined ? null : { chatId: o.testChatId, ...sendTest(botUrl, o.testChatId) },
    },
    service: serviceOf(o.now ?? Date.now(), o.settings),
  };
}

/** The service alerts' facts the Doctor shows (gas/service-facts.ts). */
function serviceOf(now: number, settings: ReadonlyMap<string, string>): DoctorFacts['service'] {
  const f = serviceFacts(now, settings);
  return { triggerMsToday: f.triggerMsToday, triggerQuotaMs: f.triggerQuotaMs, pushFailSince: f.bot.pushFailSince, pushError: f.bot.pushError, lastPullAt: f.bot.lastPullAt };
}

/**
 * Runs a trigger's work and writes down how it ended, for the doctor. Writing is best effort: a run must
 * never fail, nor lose its own error, because the note could not be kept.
 */
export function recordTriggerRun<T>(trigger: TriggerName, now: number, run: () => T): T {
  // The wall clock, not `now` (a test's or a caller's instant): the run time counts against the daily quota.
  const started = Date.now();
  try {
    const result = run();
    note(trigger, { at: now, ok: true }, Date.now() - started);
    return result;
  } catch (e) {
    note(trigger, { at: now, ok: false, error: errorText(e) }, Date.now() - started);
    throw e;
  }
}

/**
 * Also adds the run's time to the handler's total of the day, which the quota_low service alert and the
 * Doctor sum over the handlers: one more Properties read per run, and the one write it already made.
 */
function note(trigger: TriggerName, run: TriggerRun, ms: number): void {
  try {
    const props = PropertiesService.getScriptProperties();
    const key = `${TRIGGER_RUN_PROPERTY_PREFIX}${trigger}`;
    const before = parseRun(props.getProperty(key));
    const day = quotaDay(run.at);
    const took = Math.max(0, ms);
    const dayMs = (before?.day === day ? (before.day_ms ?? 0) : 0) + took;
    props.setProperty(key, JSON.stringify({ ...run, ms: took, day, day_ms: dayMs }));
  } catch {
    // The next run writes it again; the doctor then shows this run as missing, which is true enough.
  }
}

/** The day's trigger time recorded so far, over every handler's note (a properties snapshot). */
export function triggerMsOn(props: Record<string, string>, day: string): number {
  let total = 0;
  for (const [k, v] of Object.entries(props)) {
    if (!k.startsWith(TRIGGER_RUN_PROPERTY_PREFIX)) continue;
    const run = parseRun(v);
    if (run?.day === day) total += run.day_ms ?? 0;
  }
  return total;
}

/**
 * A test alert through the push the triggers use (alert-push.ts), so what it proves is what alerts need:
 * the bot at bot_url answers, accepts the signature, and Telegram takes the message with the bot's token.
 */
function sendTest(botUrl: string, chatId: string): { delivered: boolean; error?: string } {
  if (botUrl === '') return { delivered: false, error: 'bot_url is not set / не задан bot_url' };
  const secret = botSharedSecret();
  if (!secret) return { delivered: false, error: 'BOT_SHARED_SECRET is not set / не задан BOT_SHARED_SECRET' };
  const now = Date.now();
  const alert: Alert = {
    // Unique per run: the bot delivers an alert_id once, and each run must really send.
    alert_id: `doctor-${now.toString(36)}-${Utilities.getUuid().slice(0, 8)}`,
    kind: 'admin',
    chat_id: chatId,
    text: '🩺 WorkTimeTracker: тестовое сообщение диагностики — бот работает.\nWorkTimeTracker: the doctor\'s test message — the bot works.',
    created_at: now,
  };
  const [receipt] = urlFetchSender(botUrl, secret)([alert]);
  if (!receipt) return { delivered: false, error: 'the bot answered without a receipt for the test message' };
  return receipt.delivered ? { delivered: true } : { delivered: false, error: receipt.error ?? 'not delivered' };
}

function mailQuota(): number | null {
  try {
    return MailApp.getRemainingDailyQuota();
  } catch {
    return null;
  }
}

export function parseRun(raw: string | null | undefined): TriggerRun | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<TriggerRun>;
    if (typeof v.at !== 'number' || typeof v.ok !== 'boolean') return null;
    const run: TriggerRun = v.error === undefined ? { at: v.at, ok: v.ok } : { at: v.at, ok: v.ok, error: String(v.error) };
    if (typeof v.day === 'string' && typeof v.day_ms === 'number') Object.assign(run, { day: v.day, day_ms: v.day_ms });
    return run;
  } catch {
    return null;
  }
}

function parseMade(raw: string | null): DoctorFacts['triggers']['made'] {
  try {
    const v = JSON.parse(raw ?? '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as DoctorFacts['triggers']['made']) : {};
  } catch {
    return {};
  }
}
