// The service alerts (issue 13): a device whose oldest unsent entry is N minutes old, a trigger that stopped
// running, a quota near its limit (MailApp's daily e-mails, the day's trigger time), the bot unreachable.
// Each goes out as the notification rules say (Notify tab: events sync_backlog, trigger_stale, quota_low,
// bot_unreachable; by default to admins), and what was found is kept in Settings `service.state` for the
// Doctor (services/admin/doctor.ts), which so needs no read of Devices.
//
// Where it runs: checkBreaks makes ONE call (serviceAlerts, inside its lock scope, its alerts appended with
// the nudges and its Settings in the run's one commit write), at most every SERVICE_CHECK_EVERY_MS, so most
// runs pay nothing. A checkBreaks that stopped cannot say so itself: the daily rollover's handler runs the
// same checks on its own (serviceAlertsStep, gas/bot-wiring.ts), and the Doctor shows every trigger's last run.
//
// What a due check costs: one read of Devices and the Apps Script facts (gas/service-facts.ts: one read of
// the Script Properties, MailApp's quota, one script-cache read). Nothing per device or per trigger.
//
// Exactly once: an alert's id is fixed by the rule, the subject, the episode (this backlog, this stop, this
// day's quota, this outage) and the rule's previous once-per mark. A run cut after its Outbox write and before
// its commit leaves the marks as they were, so the retry makes the same ids and finds them in the Outbox tail.
// A rule without once-per alerts once per episode (Settings `service.state` keeps which were alerted).
import type { Employee } from '../domain/model.ts';
import type { ReferenceData } from '../store/reference.ts';
import type { Tables } from '../store/tables.ts';
import type { NotifyRule } from '../domain/notify.ts';
import { oncePerKey } from '../domain/notify.ts';
import {
  backlogOver,
  backlogText,
  botFinding,
  botText,
  deviceBacklogs,
  quotaDay,
  quotaFindings,
  quotaText,
  serviceAlertId,
  staleTriggerText,
  staleTriggers,
  type BotFacts,
  type DeviceBacklog,
  type TriggerWatch,
} from '../domain/service-alerts.ts';
import type { Lang } from '../domain/alerts.ts';
import { notifier, readMarks, type NotifyEvent, type Notifier, type Recipient } from './notify.ts';
import { enqueueAlerts, readOutboxTail, type NewAlert, type OutboxIo } from './alerts.ts';

const MINUTE_MS = 60_000;
/** A due check runs at most this often: its facts do not change by the minute, and it costs a few calls. */
export const SERVICE_CHECK_EVERY_MS = 10 * MINUTE_MS;
/** Settings: when the checks last ran (epoch ms). */
export const SERVICE_CHECKED_KEY = 'service.checked_at';
/** Settings: what they found (ServiceState as JSON), for the Doctor and for the next run. */
export const SERVICE_STATE_KEY = 'service.state';
/** Settings: the day's trigger quota in minutes (90 consumer, 360 Workspace); blank = 90. */
export const TRIGGER_QUOTA_KEY = 'trigger_quota_minutes';
/** The Doctor lists this many devices at most; Settings keeps no more. */
const KEPT_BACKLOGS = 20;

/** What Apps Script says besides the tabs (gas/service-facts.ts gathers it). */
export interface ServiceFacts {
  triggers: TriggerWatch[];
  /** The day's trigger run time recorded so far (every handler). */
  triggerMsToday: number;
  triggerQuotaMs: number;
  /** MailApp.getRemainingDailyQuota(); null when Apps Script would not say. */
  mailLeft: number | null;
  bot: BotFacts;
}

export interface ServiceCheckSource {
  facts(settings: ReadonlyMap<string, string>): ServiceFacts;
  /** The trigger running the checks: it is running, so it is not stale. */
  self?: string;
}

export interface ServiceState {
  at: number;
  backlogs: DeviceBacklog[];
  /** The bot's latest pull seen (the script cache forgets it after 6 hours; this does not). */
  pull: number | null;
  /** Per "<rule id>|<subject>": the episode alerted, for rules without once-per. */
  alerted: Record<string, string>;
}

export interface ServiceAlertDeps {
  now: number;
  dateOf(ms: number): string;
  timeText(ms: number): string;
  reference: ReferenceData;
  openTables(): Tables;
  /** Absent: no service checks (a caller that does not wire them). */
  service?: ServiceCheckSource;
}

export function readServiceState(settings: ReadonlyMap<string, string>): ServiceState | null {
  try {
    const v = JSON.parse(settings.get(SERVICE_STATE_KEY) || 'null') as Partial<ServiceState> | null;
    if (!v || typeof v !== 'object' || typeof v.at !== 'number') return null;
    return {
      at: v.at,
      backlogs: Array.isArray(v.backlogs) ? v.backlogs : [],
      pull: typeof v.pull === 'number' ? v.pull : null,
      alerted: v.alerted && typeof v.alerted === 'object' ? v.alerted : {},
    };
  } catch {
    return null;
  }
}

/**
 * The service alerts due now, under the caller's lock; their Settings (the check's time, its findings, the
 * episodes alerted) go into `updates`, which the caller writes in its commit with the rules' once-per marks
 * (notify.marksUpdate()). Nothing (and no call) when the checks are not wired or ran less than
 * SERVICE_CHECK_EVERY_MS ago, unless `always` (a trigger that runs them once a day).
 */
export function serviceAlerts(deps: ServiceAlertDeps, notify: Notifier, settings: ReadonlyMap<string, string>, updates: Map<string, string>, always = false): NewAlert[] {
  const { now, service } = deps;
  if (!service) return [];
  const last = Number(settings.get(SERVICE_CHECKED_KEY));
  if (!always && Number.isFinite(last) && last > 0 && now - last < SERVICE_CHECK_EVERY_MS && last <= now) return [];

  const prev = readServiceState(settings);
  const backlogs = deviceBacklogs(deps.openTables().devices(), now);
  const facts = service.facts(settings);
  const pull = Math.max(facts.bot.lastPullAt ?? -Infinity, prev?.pull ?? -Infinity);
  const lastPullAt = Number.isFinite(pull) ? pull : null;
  const marks = readMarks(settings);
  const date = deps.dateOf(now);
  const byId = new Map(deps.reference.employees.map((e) => [e.id, e]));
  const alerted: Record<string, string> = {};
  const out: NewAlert[] = [];

  const raise = (o: { kind: NotifyEvent['kind']; subject: string; episode: string; employee: Employee | null; over: (rule: NotifyRule) => boolean; text: (lang: Lang) => string }) => {
    const key = (rule: NotifyRule) => `${rule.id}|${o.subject}`;
    // Kept while the episode lasts, so a rule without once-per stays quiet about it.
    for (const rule of notify.rules) if (prev?.alerted[key(rule)] === o.episode) alerted[key(rule)] = o.episode;
    out.push(
      ...notify.alerts({
        kind: o.kind,
        employee: o.employee,
        subject: o.subject,
        due: (rule) => o.over(rule) && (rule.once_per_minutes !== null || prev?.alerted[key(rule)] !== o.episode),
        build: (r: Recipient, rule: NotifyRule) => {
          alerted[key(rule)] = o.episode;
          return {
            alert_id: serviceAlertId(date, rule.id, o.subject, o.episode, marks[oncePerKey(rule, o.subject)] ?? null, r.target),
            kind: 'admin',
            text: r.lang === 'both' ? `${o.text('ru')}\n${o.text('en')}` : o.text(r.lang),
          };
        },
      }),
    );
  };

  for (const b of backlogs) {
    const employee = byId.get(b.employee_id) ?? null;
    raise({
      kind: 'sync_backlog',
      subject: `device:${b.device_id}`,
      episode: String(b.oldest_at),
      employee,
      over: (rule) => backlogOver(b, rule.minutes ?? 0, now),
      text: (lang) => backlogText({ ...b, name: employee?.name ?? b.employee_id }, now, lang),
    });
  }
  for (const t of staleTriggers(facts.triggers, now, service.self)) {
    raise({ kind: 'trigger_stale', subject: `trigger:${t.handler}`, episode: String(t.lastAt), employee: null, over: () => true, text: (lang) => staleTriggerText(t, now, lang) });
  }
  for (const q of quotaFindings(facts)) {
    raise({ kind: 'quota_low', subject: `quota:${q.quota}`, episode: quotaDay(now), employee: null, over: () => true, text: (lang) => quotaText(q, lang) });
  }
  const bot = botFinding({ ...facts.bot, lastPullAt });
  if (bot) {
    raise({
      kind: 'bot_unreachable',
      subject: 'bot',
      episode: `${bot.kind}:${bot.since}`,
      employee: null,
      over: (rule) => now - bot.since >= (rule.minutes ?? 0) * MINUTE_MS,
      text: (lang) => botText(bot, now, lang),
    });
  }

  const state: ServiceState = { at: now, backlogs: backlogs.slice(0, KEPT_BACKLOGS), pull: lastPullAt, alerted };
  updates.set(SERVICE_CHECKED_KEY, String(now));
  updates.set(SERVICE_STATE_KEY, JSON.stringify(state));
  return out;
}

export interface ServiceStepDeps extends ServiceAlertDeps {
  io: OutboxIo;
  withLock<T>(work: () => T): T;
}

/**
 * The checks on their own, for a trigger other than checkBreaks (the daily rollover's handler): one lock
 * scope, the alerts appended below the Outbox's tail (those a cut run left there are not written again),
 * then one Settings write. Returns how many alerts it wrote.
 */
export function serviceAlertsStep(deps: ServiceStepDeps): number {
  return deps.withLock(() => {
    const tables = deps.openTables();
    const settings = tables.settings();
    const notify = notifier({ reference: deps.reference, settings, now: deps.now, timeText: deps.timeText });
    const updates = new Map<string, string>();
    const alerts = serviceAlerts(deps, notify, settings, updates, true);
    if (updates.size === 0) return 0;
    let fresh: NewAlert[] = [];
    if (alerts.length > 0) {
      const tail = readOutboxTail(deps.io, settings);
      if (tail.established.size > 0) tables.setSettings(tail.established);
      const written = new Set(tail.rows.map((r) => r.alert_id));
      fresh = alerts.filter((a) => !written.has(a.alert_id));
      enqueueAlerts(deps.io, fresh, settings, deps.now, tail.lastRow + 1).forEach((v, k) => updates.set(k, v));
    }
    notify.marksUpdate().forEach((v, k) => updates.set(k, v));
    tables.setSettings(updates);
    return fresh.length;
  });
}
