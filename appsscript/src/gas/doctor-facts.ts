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

/** Script Property `TRIGGER_RUN_<handler>` = JSON TriggerRun: one key per handler, so runs never race. */
export const TRIGGER_RUN_PROPERTY_PREFIX = 'TRIGGER_RUN_';

const DAY_MS = 24 * 3600_000;

export function doctorFacts(o: { testChatId?: string; settings: ReadonlyMap<string, string> }): DoctorFacts {
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
  };
}

/**
 * Runs a trigger's work and writes down how it ended, for the doctor. Writing is best effort: a run must
 * never fail, nor lose its own error, because the note could not be kept.
 */
export function recordTriggerRun<T>(trigger: TriggerName, now: number, run: () => T): T {
  try {
    const result = run();
    note(trigger, { at: now, ok: true });
    return result;
  } catch (e) {
    note(trigger, { at: now, ok: false, error: errorText(e) });
    throw e;
  }
}

function note(trigger: TriggerName, run: TriggerRun): void {
  try {
    PropertiesService.getScriptProperties().setProperty(`${TRIGGER_RUN_PROPERTY_PREFIX}${trigger}`, JSON.stringify(run));
  } catch {
    // The next run writes it again; the doctor then shows this run as missing, which is true enough.
  }
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

function parseRun(raw: string | null): TriggerRun | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<TriggerRun>;
    if (typeof v.at !== 'number' || typeof v.ok !== 'boolean') return null;
    return v.error === undefined ? { at: v.at, ok: v.ok } : { at: v.at, ok: v.ok, error: String(v.error) };
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
