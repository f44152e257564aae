// The service alerts (issue 13), pure: what is left of a device's backlog after a sync, which devices have
// had entries waiting too long, which triggers stopped running, which quota runs low, whether the bot is
// reachable, the texts (ru/en) and the alert ids. The caller (services/service-alerts.ts) gives the facts
// and the clock; Apps Script is never touched here.
import type { SyncBacklog, SyncEntry } from '../../../common/api.ts';
import type { DeviceRow } from './model.ts';
import { shortHash, type Lang } from './alerts.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// ---- the backlog a sync leaves ----

/**
 * What is left of a device's backlog once this request is settled: the page counts its whole queue, this
 * request's entries included, and the server knows which of them it settled (seq <= accepted_through_seq).
 * The oldest left is the oldest unsettled entry of the request when there is one; when every entry sent was
 * settled but the queue was longer than one request, the rest were made after the newest sent, so that one's
 * time stands for them (an upper bound of their age). Times are moved to the server's clock as ingest does.
 */
export function backlogAfter(b: SyncBacklog, entries: readonly Pick<SyncEntry, 'seq' | 'at'>[], acceptedThroughSeq: number, now: number, sentAt: number): { count: number; oldest_at: number | null } {
  const corrected = (at: number) => Math.min(now, at + (now - sentAt));
  const settledSeqs = new Set(entries.filter((e) => e.seq <= acceptedThroughSeq).map((e) => e.seq));
  const count = Math.max(0, b.count - settledSeqs.size);
  if (count === 0) return { count, oldest_at: null };
  const waiting = entries.filter((e) => e.seq > acceptedThroughSeq);
  if (waiting.length > 0) return { count, oldest_at: corrected(Math.min(...waiting.map((e) => e.at))) };
  if (entries.length > 0) return { count, oldest_at: corrected(Math.max(...entries.map((e) => e.at))) };
  return { count, oldest_at: b.oldest_at === null ? null : corrected(b.oldest_at) };
}

// ---- the findings ----

/** A device silent longer than this is left out: its page may be gone for good (a wiped browser, a retired PC). */
export const BACKLOG_FORGET_MS = DAY_MS;

export interface DeviceBacklog {
  device_id: string;
  employee_id: string;
  count: number;
  oldest_at: number;
}

/** The devices that still held entries after their last sync, seen within a day, oldest backlog first. */
export function deviceBacklogs(devices: readonly DeviceRow[], now: number): DeviceBacklog[] {
  const out: DeviceBacklog[] = [];
  for (const d of devices) {
    const count = d.backlog_count ?? 0;
    const oldest = d.backlog_oldest_at ?? null;
    if (count <= 0 || oldest === null || d.last_seen === null || now - d.last_seen > BACKLOG_FORGET_MS) continue;
    out.push({ device_id: d.device_id, employee_id: d.employee_id, count, oldest_at: oldest });
  }
  return out.sort((a, b) => a.oldest_at - b.oldest_at);
}

/** Whether a backlog's oldest entry has waited at least `minutes`. */
export function backlogOver(b: Pick<DeviceBacklog, 'oldest_at'>, minutes: number, now: number): boolean {
  return now - b.oldest_at >= minutes * MINUTE_MS;
}

export interface TriggerWatch {
  handler: string;
  /** How often it should run (a daily trigger: a day). */
  everyMs: number;
  /** Its latest recorded run (gas/doctor-facts.ts recordTriggerRun); null = never recorded. */
  lastAt: number | null;
}

/** A trigger is stale when it has not run for two of its intervals (a run may start minutes late). */
export const STALE_INTERVALS = 2;

/**
 * The triggers that ran once and then not for two of their intervals. One never recorded is left to the
 * Doctor (not installed, or installed moments ago), and `self`, the trigger asking, is running right now.
 */
export function staleTriggers(watch: readonly TriggerWatch[], now: number, self?: string): (TriggerWatch & { lastAt: number })[] {
  return watch.filter((w): w is TriggerWatch & { lastAt: number } => w.handler !== self && w.lastAt !== null && now - w.lastAt > STALE_INTERVALS * w.everyMs);
}

/** Daily trigger run time of a consumer account (90 min) and of Google Workspace (6 h): Apps Script quotas. */
export const TRIGGER_QUOTA_MS = { consumer: 90 * MINUTE_MS, workspace: 6 * HOUR_MS } as const;
/** Today's trigger time above this share of the quota is low on quota. */
export const TRIGGER_TIME_SHARE = 0.8;
/** Below this many e-mails left today, mail (login codes, e-mail alerts) may run out. */
export const LOW_MAIL_LEFT = 20;

export type QuotaFinding = { quota: 'mail'; left: number } | { quota: 'trigger_time'; usedMs: number; quotaMs: number };

export function quotaFindings(f: { mailLeft: number | null; triggerMsToday: number; triggerQuotaMs: number }): QuotaFinding[] {
  const out: QuotaFinding[] = [];
  if (f.mailLeft !== null && f.mailLeft < LOW_MAIL_LEFT) out.push({ quota: 'mail', left: f.mailLeft });
  if (f.triggerQuotaMs > 0 && f.triggerMsToday > TRIGGER_TIME_SHARE * f.triggerQuotaMs) out.push({ quota: 'trigger_time', usedMs: f.triggerMsToday, quotaMs: f.triggerQuotaMs });
  return out;
}

/** The day a trigger's run time counts against: Google's daily quotas are not in the spreadsheet's zone. */
export function quotaDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface BotFacts {
  /** Settings bot_url ('' = the bot pulls). */
  url: string;
  /** Since when every push to bot_url has failed (null = the last push went through, or none yet). */
  pushFailSince: number | null;
  pushError: string;
  /** The bot's latest pull seen (null = none seen). */
  lastPullAt: number | null;
}

/** Script cache key of the bot's latest pull (epoch ms), noted by bot.alerts.pull (services/bot-ops.ts). */
export const BOT_PULL_CACHE_KEY = 'bot.pull_at';

export type BotFinding = { kind: 'push'; since: number; error: string } | { kind: 'pull'; since: number };

/**
 * The bot as the triggers see it: with bot_url, the pushes failing since `since`; without, the pulls stopped
 * since `since`. null when it looks fine, or when nothing was ever seen (a bot never started: the Doctor).
 */
export function botFinding(b: BotFacts): BotFinding | null {
  if (b.url !== '') return b.pushFailSince === null ? null : { kind: 'push', since: b.pushFailSince, error: b.pushError };
  return b.lastPullAt === null ? null : { kind: 'pull', since: b.lastPullAt };
}

// ---- texts ----

function minutesText(ms: number, lang: Lang): string {
  const m = Math.max(0, Math.round(ms / MINUTE_MS));
  if (m < 120) return lang === 'ru' ? `${m} мин` : `${m} min`;
  const h = Math.round(m / 60);
  return lang === 'ru' ? `${h} ч` : `${h} h`;
}

export function backlogText(b: DeviceBacklog & { name: string }, now: number, lang: Lang): string {
  const age = minutesText(now - b.oldest_at, lang);
  return lang === 'ru'
    ? `⚠️ Устройство ${b.device_id} (${b.name}) не может отправить записи: ${b.count} ждут, самая старая — ${age}.`
    : `⚠️ Device ${b.device_id} (${b.name}) cannot send its entries: ${b.count} waiting, the oldest for ${age}.`;
}

export function staleTriggerText(t: TriggerWatch & { lastAt: number }, now: number, lang: Lang): string {
  const ago = minutesText(now - t.lastAt, lang);
  return lang === 'ru'
    ? `⚠️ Триггер ${t.handler} не запускался ${ago}. Проверьте «Диагностику» и переустановите триггеры из меню.`
    : `⚠️ Trigger ${t.handler} has not run for ${ago}. Check the Doctor and reinstall the triggers from the menu.`;
}

export function quotaText(q: QuotaFinding, lang: Lang): string {
  if (q.quota === 'mail') {
    return lang === 'ru'
      ? `⚠️ Лимит писем на сегодня почти исчерпан: осталось ${q.left}. Коды входа и оповещения по почте могут не дойти до завтра.`
      : `⚠️ Today's e-mail quota is nearly used up: ${q.left} left. Login codes and e-mail alerts may not go out until tomorrow.`;
  }
  const pct = Math.round((100 * q.usedMs) / q.quotaMs);
  return lang === 'ru'
    ? `⚠️ Триггеры сегодня работали ${minutesText(q.usedMs, lang)} из ${minutesText(q.quotaMs, lang)} (${pct}%). Увеличьте check_interval_minutes до 5.`
    : `⚠️ Triggers ran ${minutesText(q.usedMs, lang)} of ${minutesText(q.quotaMs, lang)} today (${pct}%). Set check_interval_minutes to 5.`;
}

export function botText(f: BotFinding, now: number, lang: Lang): string {
  const ago = minutesText(now - f.since, lang);
  if (f.kind === 'push') {
    return lang === 'ru'
      ? `⚠️ Бот недоступен ${ago}: оповещения не отправляются (${f.error}). Проверьте, что бот запущен и bot_url верен.`
      : `⚠️ The bot has been unreachable for ${ago}: alerts are not delivered (${f.error}). Check that the bot runs and bot_url is right.`;
  }
  return lang === 'ru'
    ? `⚠️ Бот не забирал оповещения ${ago}. Проверьте, что бот запущен.`
    : `⚠️ The bot has not pulled alerts for ${ago}. Check that the bot runs.`;
}

// ---- ids ----

/**
 * A service alert's id: 'S-<date>-<hash>' of the rule, what it is about, the episode (the same backlog, the
 * same stopped trigger, ...), the rule's previous once-per mark and the recipient. A run cut before its
 * commit leaves the mark as it was, so its retry makes the same ids and finds them in the Outbox's tail.
 */
export function serviceAlertId(date: string, ruleId: string, subject: string, episode: string, prevMark: number | null, target: string): string {
  return `S-${date.replace(/-/g, '')}-${shortHash(`${ruleId}|${subject}|${episode}|${prevMark ?? ''}|${target}`)}`;
}
