// Alerts (the Outbox): their ids, their texts in Russian and English, the retry schedule of a failed
// delivery, and which personal nudges are due. Pure: times are epoch ms, 'HH:mm' comes from an injected
// TimeText, and ids are hashes of what identifies the alert, so running a check twice makes the same ids.
import type { AlertButton, AlertKind } from '../../../common/bot-api.ts';
import type { OngoingBreak, TimeText, ViolationType } from './rules/index.ts';

export type Lang = 'ru' | 'en';

const MINUTE_MS = 60_000;

// ---- ids ----

/**
 * A 53-bit hash of a text as base36 (cyrb53: two multiplicative 32-bit lanes). Not cryptographic: it only
 * has to make distinct keys distinct ids, and 53 bits make a collision among a million ids about 1 in 18,000.
 */
export function shortHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const compactDate = (date: string): string => date.replace(/-/g, '');

/**
 * The Violations.id of a violation: its date (so a lookup by id reads only the rows of that date) and a hash
 * of its stable key (domain/rules violationKey). 'V-20261124-1x2y3z4w5v6u': short enough for Telegram's
 * 64-byte callback data ('v:<id>:confirm').
 */
export function violationId(date: string, key: string): string {
  return `V-${compactDate(date)}-${shortHash(key)}`;
}

/** The date a violation id carries ('yyyy-MM-dd'), or null when it is not one of ours. */
export function dateOfViolationId(id: string): string | null {
  const m = /^V-(\d{4})(\d{2})(\d{2})-[0-9a-z]{1,12}$/.exec(id);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The lead-chat alert of a violation: one per violation, so its id follows from the violation's. */
export function violationAlertId(violationIdText: string): string {
  return `L${violationIdText.slice(1)}`;
}

/** The violation behind a lead-chat alert id, or null. */
export function violationOfAlertId(alertId: string): string | null {
  return /^L-\d{8}-[0-9a-z]{1,12}$/.test(alertId) ? `V${alertId.slice(1)}` : null;
}

/**
 * The alert that rewrites a violation's lead-chat alert once a lead decided on it in the console: one per
 * violation (a decision is final), so its id follows from the violation's, like the alert's own.
 */
export function resolutionAlertId(violationIdText: string): string {
  return `R${violationIdText.slice(1)}`;
}

/** The alert whose message an alert rewrites (common/bot-api.ts Alert.edit_of), or null for a new message. */
export function editedAlertOf(kind: AlertKind, alertId: string): string | null {
  return kind === 'violation' && /^R-\d{8}-[0-9a-z]{1,12}$/.test(alertId) ? `L${alertId.slice(1)}` : null;
}

/** The line added under a violation's alert once decided: how, by whom, why; both languages (a group chat). */
export function resolutionText(r: { resolution: 'excused' | 'confirmed'; by: string; note: string }): string {
  const how = r.resolution === 'excused' ? '✅ Уважительная причина / Excused' : '☑️ Подтверждено / Confirmed';
  const why = r.note.trim() === '' ? '' : `: ${r.note.trim()}`;
  return `${how} — ${r.by}${why}`;
}

export type NudgeKind = 'ending' | 'over';

/** A nudge is about one break of one employee: once per kind, however often the check runs. */
export function nudgeAlertId(date: string, employeeId: string, breakStart: number, kind: NudgeKind): string {
  return `N-${compactDate(date)}-${shortHash(`${kind}|${employeeId}|${breakStart}`)}`;
}

/** The excuse and confirm buttons of a lead-chat alert (Telegram callback data: 'v:<violation_id>:<action>'). */
export function violationButtons(violationIdText: string): AlertButton[] {
  return [
    { text: 'Уважительная / Excuse', data: `v:${violationIdText}:excuse` },
    { text: 'Подтвердить / Confirm', data: `v:${violationIdText}:confirm` },
  ];
}

/** Buttons follow from the alert's kind and id, so the Outbox needs no column for them. */
export function buttonsOf(kind: AlertKind, alertId: string): AlertButton[] | undefined {
  if (kind !== 'violation') return undefined;
  const v = violationOfAlertId(alertId);
  return v ? violationButtons(v) : undefined;
}

// ---- language ----

/**
 * Employees has no language column: a name written in Cyrillic reads Russian, any other English. Group
 * chats get both languages.
 */
export function languageOf(name: string): Lang {
  return /[\u0400-\u04FF]/.test(name) ? 'ru' : 'en';
}

// ---- violation alerts (to the group's lead chat, both languages) ----

export const VIOLATION_LABELS: Record<ViolationType, { ru: string; en: string }> = {
  late_start: { ru: 'Опоздание', en: 'Late start' },
  early_leave: { ru: 'Ранний уход', en: 'Early leave' },
  break_overrun: { ru: 'Превышение перерыва', en: 'Break overrun' },
  too_many_breaks: { ru: 'Лишний перерыв', en: 'Too many breaks' },
  break_outside_window: { ru: 'Перерыв вне окна', en: 'Break outside its window' },
  missed_lunch: { ru: 'Пропущен обед', en: 'Missed lunch' },
  group_concurrency: { ru: 'Слишком много на перерыве', en: 'Too many on break at once' },
  forgotten_session: { ru: 'Не закрыта смена', en: 'Forgotten session' },
};

export interface ViolationAlertFacts {
  type: ViolationType;
  employee_name: string;
  group: string;
  date: string;
  planned: string;
  actual: string;
  over_minutes: number;
}

export function violationAlertText(v: ViolationAlertFacts): string {
  const label = VIOLATION_LABELS[v.type];
  const lines = [
    `⚠️ ${label.ru} / ${label.en}`,
    `${v.employee_name} · ${v.group} · ${v.date}`,
    `План / Planned: ${v.planned}`,
    `Факт / Actual: ${v.actual}`,
  ];
  if (v.over_minutes > 0) lines.push(`Сверх / Over: ${v.over_minutes} мин / min`);
  return lines.join('\n');
}

// ---- personal nudges (to the employee's chat, in their language) ----

export interface DueNudge {
  kind: NudgeKind;
  alert_id: string;
  /** Minutes left (ending) or minutes over (over), whole minutes as people read them. */
  minutes: number;
  /** When the allowed time ends. */
  allowed_end: number;
}

/** "Your break ends in N minutes" is sent this long before the end (or the check interval, if longer). */
export const NUDGE_BEFORE_END_MS = 2 * MINUTE_MS;
/** "You are N minutes over" is sent once the break has run this long past its allowed end. */
export const NUDGE_OVER_MS = 5 * MINUTE_MS;

/**
 * The nudges due now for the break going on. The "ends soon" nudge is due from max(2 min, the check
 * interval) before the end, so a check that runs every 5 minutes still catches it once; the "over" nudge
 * from 5 minutes past the allowed end. Which of them were already sent is the caller's record (by alert_id).
 */
export function dueNudges(o: { date: string; employee_id: string; ongoing: OngoingBreak | null; now: number; checkIntervalMs: number }): DueNudge[] {
  const b = o.ongoing;
  if (!b) return [];
  const lead = Math.max(NUDGE_BEFORE_END_MS, o.checkIntervalMs);
  const left = b.allowed_end - o.now;
  if (left > 0 && left <= lead) {
    return [{ kind: 'ending', alert_id: nudgeAlertId(o.date, o.employee_id, b.start, 'ending'), minutes: Math.ceil(left / MINUTE_MS), allowed_end: b.allowed_end }];
  }
  const over = o.now - b.allowed_end;
  if (over >= NUDGE_OVER_MS) {
    return [{ kind: 'over', alert_id: nudgeAlertId(o.date, o.employee_id, b.start, 'over'), minutes: Math.floor(over / MINUTE_MS), allowed_end: b.allowed_end }];
  }
  return [];
}

export function nudgeText(n: Pick<DueNudge, 'kind' | 'minutes' | 'allowed_end'>, statusLabel: { ru: string; en: string }, lang: Lang, timeText: TimeText): string {
  const end = timeText(n.allowed_end);
  if (n.kind === 'ending') {
    return lang === 'ru'
      ? `⏳ ${statusLabel.ru}: осталось ${n.minutes} мин, до ${end}.`
      : `⏳ ${statusLabel.en}: ${n.minutes} min left, until ${end}.`;
  }
  return lang === 'ru'
    ? `⏰ ${statusLabel.ru}: вы задерживаетесь на ${n.minutes} мин (время вышло в ${end}).`
    : `⏰ ${statusLabel.en}: you are ${n.minutes} min over (it ended at ${end}).`;
}

// ---- admin alerts (system health only, to each admin's own chat) ----

export function adminAlertText(english: string, russian: string): string {
  return `🛠 ${russian}\n${english}`;
}

/** The time-driven triggers whose failures admins hear about. */
export const TRIGGER_NAMES = ['checkBreaks', 'dailyRollover', 'archive', 'weeklySummary'] as const;
export type TriggerName = (typeof TRIGGER_NAMES)[number];

/** One alert about the same trigger per this long at most: a trigger failing every minute must not flood admins. */
export const ADMIN_ALERT_QUIET_MS = 60 * MINUTE_MS;
/** Error messages are cut to this length in the alert (a stack of nested causes can be long). */
const MAX_ERROR_TEXT = 300;

/** Whether a failure of a trigger last alerted at `lastAt` (epoch ms, null = never) is alerted now. */
export function adminAlertDue(lastAt: number | null, now: number): boolean {
  return lastAt === null || now - lastAt >= ADMIN_ALERT_QUIET_MS;
}

/**
 * One alert per admin chat and failure: the bot refuses an alert_id it has delivered, so the id holds the
 * trigger, the instant and the chat. 'A-20261124-<hash>'.
 */
export function adminAlertId(date: string, trigger: TriggerName, at: number, chatId: string): string {
  return `A-${compactDate(date)}-${shortHash(`${trigger}|${at}|${chatId}`)}`;
}

/**
 * The trigger an admin alert is about, recognised from its id, creation time and chat (the id is their
 * hash), or null for any other alert: an execution cut after writing the alert but before noting its time
 * in Settings is known by the alert itself.
 */
export function adminAlertTriggerOf(alertId: string, at: number, chatId: string): TriggerName | null {
  const m = /^A-(\d{4})(\d{2})(\d{2})-/.exec(alertId);
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return TRIGGER_NAMES.find((t) => adminAlertId(date, t, at, chatId) === alertId) ?? null;
}

/** The message of a thrown value, one line or a few, cut to a readable length. */
export function errorText(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).trim() || (e instanceof Error ? e.name : 'unknown error');
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT - 1)}…` : text;
}

/** "Trigger X failed at <when>: <error>", in the admin's language (`when` is 'yyyy-MM-dd HH:mm', the sheet's zone). */
export function triggerFailureText(f: { trigger: TriggerName; when: string; error: string }, lang: Lang): string {
  return lang === 'ru'
    ? `🛠 Сбой триггера ${f.trigger} в ${f.when}.\nОшибка: ${f.error}\nО новых сбоях ${f.trigger} сообщу не раньше чем через час; журнал — в «Выполнения» Apps Script.`
    : `🛠 Trigger ${f.trigger} failed at ${f.when}.\nError: ${f.error}\nFurther failures of ${f.trigger} are held back for an hour; see Executions in Apps Script.`;
}

// ---- delivery retries ----

export const RETRY_BASE_MS = MINUTE_MS;
export const RETRY_MAX_MS = 60 * MINUTE_MS;
/** After this many failed deliveries an alert is given up ('failed'): about 7 hours of retrying. */
export const MAX_DELIVERY_ATTEMPTS = 12;

/** The wait after the n-th failed attempt (n >= 1): 1, 2, 4, 8, 16, 32, then 60 minutes. */
export function retryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(n - 1, 30));
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** An alert's state after a failed attempt: retried later, or given up after MAX_DELIVERY_ATTEMPTS. */
export function afterFailure(attempts: number, now: number): { status: DeliveryStatus; next_try_at: number | null } {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed', next_try_at: null };
  return { status: 'pending', next_try_at: now + retryDelayMs(attempts) };
}
