// Notification rules (the Notify tab): when an alert goes out, to whom and how. Shared by the server (which
// validates, stores and applies them), the console (which edits them and says each in plain words) and the
// docs. JSON-safe: times of day are 'HH:mm' in the spreadsheet's zone, durations whole minutes.
import { VIOLATION_TYPES, type ViolationType } from './violations.ts';

/**
 * What a rule listens to. `violation` is any violation, `violation:<type>` one type. The break events carry
 * their own N: `break_ending` N minutes before the allowed end, `break_over` N minutes past it,
 * `not_signed_in` N minutes after the shift's start with no work status yet. `trigger_failure` is a
 * time-driven trigger's run that failed. The service alerts (services/service-alerts.ts): `sync_backlog` a
 * device whose oldest unsent entry is N minutes old, `quota_low` an Apps Script quota near its limit,
 * `trigger_stale` a trigger that has not run for two of its intervals, `bot_unreachable` the bot not
 * reached (pushes failing, or no pull seen) for N minutes.
 */
export const NOTIFY_EVENTS = ['violation', 'break_ending', 'break_over', 'not_signed_in', 'sync_backlog', 'trigger_failure', 'quota_low', 'trigger_stale', 'bot_unreachable'] as const;
export type NotifyEventKind = (typeof NOTIFY_EVENTS)[number];
export type NotifyWhen = NotifyEventKind | `violation:${ViolationType}`;
export const NOTIFY_WHENS: readonly NotifyWhen[] = [...NOTIFY_EVENTS, ...VIOLATION_TYPES.map((t) => `violation:${t}` as const)];

/** employee: the person the event is about; lead_chat: their group's leads (the group's chat, or the leads' addresses); admins: every active admin. */
export const NOTIFY_WHO = ['employee', 'lead_chat', 'admins'] as const;
export type NotifyWho = (typeof NOTIFY_WHO)[number];
export const NOTIFY_HOW = ['telegram', 'email'] as const;
export type NotifyHow = (typeof NOTIFY_HOW)[number];

/** Events about the system rather than a person: only admins can be told. */
export const SYSTEM_EVENTS: readonly NotifyEventKind[] = ['trigger_failure', 'quota_low', 'trigger_stale', 'bot_unreachable'];
/** Events whose N is required (the minutes of `when`). */
export const EVENTS_WITH_MINUTES: readonly NotifyEventKind[] = ['break_ending', 'break_over', 'not_signed_in', 'sync_backlog', 'bot_unreachable'];

export interface NotifyRuleRecord {
  id: string;
  enabled: boolean;
  when: NotifyWhen;
  /** The N of `when` (minutes: for sync_backlog, how old the oldest unsent entry is); null where the event has none. */
  minutes: number | null;
  who: NotifyWho;
  how: NotifyHow;
  /** Quiet hours 'HH:mm'–'HH:mm' (may wrap midnight); both blank = none. An alert due then is held until they end. */
  quiet_from: string;
  quiet_to: string;
  /** At most one alert of this rule per this many minutes per person (or per trigger); null = no limit. */
  once_per_minutes: number | null;
  note: string;
}

/** The kind of event a `when` names. */
export function eventOf(when: NotifyWhen): NotifyEventKind {
  return when.startsWith('violation') ? 'violation' : (when as NotifyEventKind);
}

export function isNotifyWhen(x: string): x is NotifyWhen {
  return (NOTIFY_WHENS as readonly string[]).includes(x);
}

/**
 * The rules a workbook starts with: exactly the alerts that were fixed in code before the rules existed, so a
 * workbook that never edits them alerts as it always did.
 */
export const DEFAULT_NOTIFY_RULES: readonly NotifyRuleRecord[] = [
  { id: 'violations-lead-chat', enabled: true, when: 'violation', minutes: null, who: 'lead_chat', how: 'telegram', quiet_from: '', quiet_to: '', once_per_minutes: null, note: '' },
  { id: 'break-ending', enabled: true, when: 'break_ending', minutes: 2, who: 'employee', how: 'telegram', quiet_from: '', quiet_to: '', once_per_minutes: null, note: '' },
  { id: 'break-over', enabled: true, when: 'break_over', minutes: 5, who: 'employee', how: 'telegram', quiet_from: '', quiet_to: '', once_per_minutes: null, note: '' },
  { id: 'trigger-failure', enabled: true, when: 'trigger_failure', minutes: null, who: 'admins', how: 'telegram', quiet_from: '', quiet_to: '', once_per_minutes: 60, note: '' },
  ...serviceDefaultRules(),
];

/**
 * The service alerts' defaults (issue 13), added after the first four: Setup appends them to a Notify tab
 * made before them (services/setup.ts, Settings `notify.seeded`). The bot's own trouble goes by e-mail: a
 * Telegram message about the bot being unreachable would wait for the bot.
 */
function serviceDefaultRules(): NotifyRuleRecord[] {
  const rule = (id: string, when: NotifyEventKind, minutes: number | null, how: NotifyHow, once: number): NotifyRuleRecord => ({
    id, enabled: true, when, minutes, who: 'admins', how, quiet_from: '', quiet_to: '', once_per_minutes: once, note: '',
  });
  return [
    rule('sync-backlog', 'sync_backlog', 30, 'telegram', 240),
    rule('trigger-stale', 'trigger_stale', null, 'telegram', 240),
    rule('quota-low', 'quota_low', null, 'telegram', 720),
    rule('bot-unreachable', 'bot_unreachable', 30, 'email', 240),
  ];
}

/** The ids of the defaults a Notify tab made before the service alerts already had. */
export const FIRST_DEFAULT_RULE_IDS: readonly string[] = ['violations-lead-chat', 'break-ending', 'break-over', 'trigger-failure'];

// ---- in plain words ----

export type NotifyLang = 'ru' | 'en';

const VIOLATION_NAMES: Record<ViolationType, { ru: string; en: string }> = {
  late_start: { ru: 'опоздание', en: 'a late start' },
  early_leave: { ru: 'ранний уход', en: 'an early leave' },
  break_overrun: { ru: 'превышение перерыва', en: 'a break overrun' },
  too_many_breaks: { ru: 'лишний перерыв', en: 'too many breaks' },
  break_outside_window: { ru: 'перерыв вне окна', en: 'a break outside its window' },
  missed_lunch: { ru: 'пропущенный обед', en: 'a missed lunch' },
  group_concurrency: { ru: 'слишком много на перерыве', en: 'too many on break at once' },
  forgotten_session: { ru: 'незакрытую смену', en: 'a forgotten session' },
};

function min(n: number, lang: NotifyLang): string {
  return lang === 'en' ? `${n} min` : `${n} мин`;
}

/** "When …" part: what happened. */
export function whenText(r: Pick<NotifyRuleRecord, 'when' | 'minutes'>, lang: NotifyLang): string {
  const n = r.minutes ?? 0;
  const en = lang === 'en';
  if (r.when === 'violation') return en ? 'any violation' : 'любое нарушение';
  if (r.when.startsWith('violation:')) {
    const t = VIOLATION_NAMES[r.when.slice('violation:'.length) as ViolationType];
    return en ? (t?.en ?? r.when) : `нарушение: ${t?.ru ?? r.when}`;
  }
  switch (r.when) {
    case 'break_ending':
      return en ? `a break ends in ${min(n, lang)}` : `до конца перерыва ${min(n, lang)}`;
    case 'break_over':
      return en ? `a break is over by ${min(n, lang)}` : `перерыв затянулся на ${min(n, lang)}`;
    case 'not_signed_in':
      return en ? `not signed in ${min(n, lang)} after the shift's start` : `не вошёл через ${min(n, lang)} после начала смены`;
    case 'sync_backlog':
      return en ? `a device's oldest unsent entry is ${min(n, lang)} old` : `у устройства неотправленная запись старше ${min(n, lang)}`;
    case 'trigger_failure':
      return en ? 'a trigger fails' : 'сбой триггера';
    case 'quota_low':
      return en ? 'a quota is near its limit' : 'квота близка к пределу';
    case 'trigger_stale':
      return en ? 'a trigger has not run for two of its intervals' : 'триггер не запускался два своих интервала';
    case 'bot_unreachable':
      return en ? `the bot is unreachable for ${min(n, lang)}` : `бот недоступен ${min(n, lang)}`;
    default:
      return r.when;
  }
}

const WHO_TEXT: Record<NotifyWho, { ru: string; en: string }> = {
  employee: { ru: 'сотруднику', en: 'the employee' },
  lead_chat: { ru: 'руководителям группы', en: "the group's leads" },
  admins: { ru: 'администраторам', en: 'admins' },
};

/** The rule as one sentence: "Any violation → the group's leads by Telegram; quiet 22:00–08:00; at most once per 60 min". */
export function notifyRuleText(r: Omit<NotifyRuleRecord, 'id' | 'note'>, lang: NotifyLang): string {
  const en = lang === 'en';
  const when = whenText(r, lang);
  const how = r.how === 'email' ? (en ? 'by e-mail' : 'по почте') : en ? 'by Telegram' : 'в Telegram';
  const parts = [`${when.charAt(0).toUpperCase()}${when.slice(1)} → ${WHO_TEXT[r.who][lang]} ${how}`];
  if (r.quiet_from && r.quiet_to && r.quiet_from !== r.quiet_to) parts.push(en ? `quiet ${r.quiet_from}–${r.quiet_to}` : `тишина ${r.quiet_from}–${r.quiet_to}`);
  if (r.once_per_minutes) parts.push(en ? `at most once per ${min(r.once_per_minutes, lang)}` : `не чаще раза в ${min(r.once_per_minutes, lang)}`);
  if (!r.enabled) parts.push(en ? 'off' : 'выключено');
  return parts.join('; ');
}
