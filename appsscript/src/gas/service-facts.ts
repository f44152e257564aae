// What the service alerts (services/service-alerts.ts) and the Doctor need from Apps Script: the triggers'
// recorded runs and the day's trigger time (Script Properties, one read of them all), MailApp's quota, the
// bot's latest pull (script cache) and whether pushes to bot_url have been failing (a Script Property the
// push itself keeps, written only when that changes).
import type { AlertSender } from '../services/alerts.ts';
import type { ServiceCheckSource, ServiceFacts } from '../services/service-alerts.ts';
import { TRIGGER_QUOTA_KEY } from '../services/service-alerts.ts';
import { BOT_URL_KEY } from '../services/check-breaks.ts';
import { BOT_PULL_CACHE_KEY, quotaDay, TRIGGER_QUOTA_MS } from '../domain/service-alerts.ts';
import { parseRun, triggerMsOn, TRIGGER_RUN_PROPERTY_PREFIX } from './doctor-facts.ts';
import { wantedTriggers } from './triggers.ts';
import { scriptJsonCache } from './cache-store.ts';

/** Script Property: {"since": ms, "error": "..."} while every push to bot_url fails; absent once one goes through. */
export const BOT_PUSH_PROPERTY = 'BOT_PUSH_FAILING';

const DAY_MS = 24 * 3600_000;

export function gasServiceSource(now: number, self?: string): ServiceCheckSource {
  return { self, facts: (settings) => serviceFacts(now, settings) };
}

export function serviceFacts(now: number, settings: ReadonlyMap<string, string>): ServiceFacts {
  const props = PropertiesService.getScriptProperties().getProperties();
  // The zone does not change how often a trigger runs, and asking for it would be one more call.
  const triggers = wantedTriggers(settings, 'UTC').specs.map((s) => ({
    handler: s.handler,
    everyMs: s.every === 'minutes' ? s.minutes * 60_000 : DAY_MS,
    lastAt: parseRun(props[`${TRIGGER_RUN_PROPERTY_PREFIX}${s.handler}`])?.at ?? null,
  }));
  const push = pushState(props[BOT_PUSH_PROPERTY]);
  const pulled = scriptJsonCache().getAll([BOT_PULL_CACHE_KEY])[BOT_PULL_CACHE_KEY];
  return {
    triggers,
    triggerMsToday: triggerMsOn(props, quotaDay(now)),
    triggerQuotaMs: triggerQuotaMs(settings),
    mailLeft: mailLeft(),
    bot: {
      url: (settings.get(BOT_URL_KEY) ?? '').trim(),
      pushFailSince: push?.since ?? null,
      pushError: push?.error ?? '',
      lastPullAt: typeof pulled === 'number' ? pulled : null,
    },
  };
}

export function triggerQuotaMs(settings: ReadonlyMap<string, string>): number {
  const minutes = Number(settings.get(TRIGGER_QUOTA_KEY));
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : TRIGGER_QUOTA_MS.consumer;
}

function mailLeft(): number | null {
  try {
    return MailApp.getRemainingDailyQuota();
  } catch {
    return null;
  }
}

export function pushState(raw: string | null | undefined): { since: number; error: string } | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { since?: unknown; error?: unknown };
    return typeof v.since === 'number' ? { since: v.since, error: String(v.error ?? '') } : null;
  } catch {
    return null;
  }
}

/** A receipt's error that says the bot itself was not reached or refused the push (alert-push.ts), not Telegram. */
function atBot(error: string | undefined): boolean {
  return /^(bot unreachable|HTTP \d+|the bot answered)/.test(error ?? '');
}

/**
 * The push, noting when it starts and stops failing at the bot (BOT_PUSH_PROPERTY): one Properties read per
 * push, a write only when that changes. Best effort: a note that cannot be kept never fails the push.
 */
export function recordingSender(now: number, inner: AlertSender): AlertSender {
  return (alerts) => {
    const receipts = inner(alerts);
    if (receipts.length === 0) return receipts;
    const failing = receipts.every((r) => !r.delivered && atBot(r.error));
    try {
      const props = PropertiesService.getScriptProperties();
      const state = pushState(props.getProperty(BOT_PUSH_PROPERTY));
      if (failing && !state) props.setProperty(BOT_PUSH_PROPERTY, JSON.stringify({ since: now, error: String(receipts[0].error ?? '').slice(0, 200) }));
      else if (!failing && state) props.deleteProperty(BOT_PUSH_PROPERTY);
    } catch {
      // The next push notes it.
    }
    return receipts;
  };
}
