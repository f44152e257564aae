// Admin alerts: system health only. When a time-driven trigger's run fails, every active admin with a linked
// Telegram chat gets one Outbox alert (in their language) saying which trigger failed, when, and why; then the
// error is thrown on, so Apps Script still records the failed execution. Admins do not get the violation
// alerts of the lead chats: those belong to the groups' leads.
//
// At most one alert per trigger per hour: Settings `admin_alert.<trigger>` keeps the time of the last one,
// read and written under the script lock together with the Outbox rows (a trigger failing every minute makes
// one message an hour, not sixty). Reporting is best effort: if it fails too (the Outbox or Settings tab is
// what broke, the lock is busy), the trigger's own error is what propagates.
//
// Cut-safety: the alerts are appended, then the time is stored. An execution cut between the two leaves
// alerts with no time noted; they sit below the Outbox mark `outbox.tail_row` (services/alerts.ts), which
// only checkBreaks and the rollover move (noting the admin alerts they pass). So the quiet hour is judged on
// the stored time and on the admin alerts of the same trigger found below the mark: a cut never doubles an
// alert. One cut before the append writes nothing: the next failure is alerted as if it were the first.
import type { Employee } from '../domain/model.ts';
import type { Tables } from '../store/tables.ts';
import { adminAlertId, adminAlertTriggerOf, errorText, triggerFailureText, type TriggerName } from '../domain/alerts.ts';
import { oncePerAllows, quietUntil, rulesFor } from '../domain/notify.ts';
import { DEFAULT_NOTIFY_RULES, type NotifyRuleRecord } from '../../../common/notify-rules.ts';
import { recipientsOf } from './notify.ts';
import { enqueueAlerts, readOutboxTail, type NewAlert, type OutboxIo } from './alerts.ts';

export const ADMIN_ALERT_KEY_PREFIX = 'admin_alert.';

export interface AdminAlertDeps {
  now: number;
  /** Formats an instant in the spreadsheet's zone (Utilities.formatDate pattern). */
  formatDate(ms: number, pattern: string): string;
  /** Everyone on the Employees tab (the reference data). */
  employees(): readonly Employee[];
  /** The notification rules (Notify tab, via the reference data); absent: the default rules. */
  notifyRules?(): readonly NotifyRuleRecord[];
  io: OutboxIo;
  openTables(): Tables;
  withLock<T>(work: () => T): T;
}

export interface AdminAlertReport {
  /** Alerts written (0 when held back or when no admin has a linked chat). */
  enqueued: number;
  /** Held back: the same trigger was alerted less than an hour ago. */
  quiet: boolean;
}

/** Settings key of the last alert time of a trigger (epoch ms). */
export function adminAlertKey(trigger: TriggerName): string {
  return `${ADMIN_ALERT_KEY_PREFIX}${trigger}`;
}

/** The admins an alert reaches: active, role admin, with a linked chat; one alert per chat. */
export function adminChats(employees: readonly Employee[]): { chat_id: string; name: string }[] {
  const byChat = new Map<string, string>();
  for (const e of employees) {
    if (e.active && e.role === 'admin' && e.telegram_chat_id !== '' && !byChat.has(e.telegram_chat_id)) byChat.set(e.telegram_chat_id, e.name);
  }
  return [...byChat].map(([chat_id, name]) => ({ chat_id, name }));
}

/**
 * Writes the failure alerts of a trigger (under the lock) as the notification rules of `trigger_failure`
 * say (by default: every admin's chat, at most once an hour per trigger), unless held back by a rule's
 * once-per limit. Throws if it cannot.
 */
export function alertTriggerFailure(deps: AdminAlertDeps, trigger: TriggerName, error: unknown): AdminAlertReport {
  const employees = deps.employees();
  const plans = rulesFor(deps.notifyRules?.() ?? DEFAULT_NOTIFY_RULES, 'trigger_failure')
    .map((rule) => ({ rule, recipients: recipientsOf(rule.who, rule.how, null, { employees, groups: [] }) }))
    .filter((p) => p.recipients.length > 0);
  if (plans.length === 0) return { enqueued: 0, quiet: false };
  return deps.withLock(() => {
    const tables = deps.openTables();
    const settings = tables.settings();
    const key = adminAlertKey(trigger);
    const raw = (settings.get(key) ?? '').trim();
    const stored = raw === '' ? NaN : Number(raw);
    const dueAfter = (last: number | null) => plans.filter((p) => oncePerAllows(p.rule, last, deps.now));
    if (dueAfter(Number.isFinite(stored) ? stored : null).length === 0) return { enqueued: 0, quiet: true };
    const tail = readOutboxTail(deps.io, settings);
    const written = tail.rows.filter((a) => a.kind === 'admin' && a.created_at !== null && adminAlertTriggerOf(a.alert_id, a.created_at, a.target) === trigger);
    const last = Math.max(Number.isFinite(stored) ? stored : -Infinity, ...written.map((a) => a.created_at ?? -Infinity));
    const due = dueAfter(Number.isFinite(last) ? last : null);
    if (due.length === 0) {
      tables.setSettings(new Map([[key, String(last)]]));
      return { enqueued: 0, quiet: true };
    }
    if (tail.established.size > 0) tables.setSettings(tail.established);
    const date = deps.formatDate(deps.now, 'yyyy-MM-dd');
    const facts = { trigger, when: deps.formatDate(deps.now, 'yyyy-MM-dd HH:mm'), error: errorText(error) };
    const alerts: NewAlert[] = [];
    const seen = new Set<string>();
    for (const { rule, recipients } of due) {
      const held = quietUntil(rule, deps.now, (ms) => deps.formatDate(ms, 'HH:mm'));
      for (const r of recipients) {
        const id = adminAlertId(date, trigger, deps.now, r.target);
        if (seen.has(id)) continue;
        seen.add(id);
        alerts.push({ alert_id: id, kind: 'admin', chat_id: r.target, text: triggerFailureText(facts, r.lang === 'both' ? 'ru' : r.lang), ...(held !== null ? { not_before: held } : {}) });
      }
    }
    const updates = enqueueAlerts(deps.io, alerts, settings, deps.now, tail.lastRow + 1);
    updates.set(key, String(deps.now));
    tables.setSettings(updates);
    return { enqueued: alerts.length, quiet: false };
  });
}

/**
 * Runs a trigger's work; if it throws, alerts the admins (best effort) and throws the same error on.
 * `deps` is made only on failure, so a healthy run pays nothing for this.
 */
export function guardTrigger<T>(trigger: TriggerName, run: () => T, deps: () => AdminAlertDeps, log: (line: string) => void = () => {}): T {
  try {
    return run();
  } catch (e) {
    try {
      const r = alertTriggerFailure(deps(), trigger, e);
      log(`${trigger} failed; admin alerts: ${r.quiet ? 'held back (alerted within the hour)' : r.enqueued}`);
    } catch (alertError) {
      log(`${trigger} failed and the admin alert could not be written: ${errorText(alertError)}`);
    }
    throw e;
  }
}
