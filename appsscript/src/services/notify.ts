// The notification rules put to work for one run of a trigger: for an event, the rules it sets off
// (domain/notify.ts), the people or chats each rule names (who) by its channel (how), the alert for each,
// held to the end of the rule's quiet hours, and left out when the rule already fired for the same person
// within its once-per limit. The caller writes the alerts to the Outbox and stores the marks (Settings
// `notify.last`) in the same commit as the rest of its bookkeeping.
//
// Recipients: `employee` is the person the event is about (their chat, or their address); `lead_chat` is
// their group: the group's chat by Telegram (both languages, as a group chat reads), each of the group's
// lead_emails by e-mail; `admins` is every active admin (their chat, or their address). One alert per
// recipient and event, whatever the number of rules that name it.
import type { Employee, Group } from '../domain/model.ts';
import type { ReferenceData } from '../store/reference.ts';
import { notifyRulesOf } from '../store/reference.ts';
import type { NotifyEventKind, NotifyHow, NotifyWho } from '../../../common/notify-rules.ts';
import type { ViolationType } from '../../../common/violations.ts';
import type { AlertKind } from '../../../common/bot-api.ts';
import { languageOf, type Lang } from '../domain/alerts.ts';
import { mailTarget, oncePerAllows, oncePerKey, pruneMarks, quietUntil, rulesFor, type NotifyRule } from '../domain/notify.ts';
import type { NewAlert } from './alerts.ts';

/** Settings key of the once-per marks: {"<rule id>|<subject>": epoch ms of the rule's last alert}. */
export const NOTIFY_MARKS_KEY = 'notify.last';

export interface Recipient {
  /** A Telegram chat id, or 'mailto:<address>'. */
  target: string;
  how: NotifyHow;
  /** 'both' for a group chat: Russian and English. */
  lang: Lang | 'both';
  /** Who the recipient is, for a rule that names the person an alert is about. */
  who: NotifyWho;
}

export function recipientsOf(who: NotifyWho, how: NotifyHow, subject: Employee | null, reference: { employees: readonly Employee[]; groups: readonly Group[] }): Recipient[] {
  const byEmail = new Map(reference.employees.map((e) => [e.email, e]));
  const person = (e: Employee): Recipient[] => {
    if (how === 'telegram') return e.telegram_chat_id ? [{ target: e.telegram_chat_id, how, lang: languageOf(e.name), who }] : [];
    return e.email ? [{ target: mailTarget(e.email), how, lang: languageOf(e.name), who }] : [];
  };
  if (who === 'employee') return subject ? person(subject) : [];
  if (who === 'admins') return reference.employees.filter((e) => e.active && e.role === 'admin').flatMap(person);
  const group: Group | undefined = subject ? reference.groups.find((g) => g.name === subject.group) : undefined;
  if (!group) return [];
  if (how === 'telegram') return group.telegram_chat_id ? [{ target: group.telegram_chat_id, how, lang: 'both', who }] : [];
  // A lead's mail in their language; an address not in Employees reads Russian, as the weekly summary does.
  return group.lead_emails.map((email) => ({ target: mailTarget(email), how, lang: byEmail.has(email) ? languageOf(byEmail.get(email)!.name) : 'ru', who }));
}

/** What an alert for one recipient says: null to send that recipient nothing. */
export type AlertFor = (r: Recipient, rule: NotifyRule) => { alert_id: string; kind: AlertKind; text: string } | null;

export interface NotifyEvent {
  kind: NotifyEventKind;
  violationType?: ViolationType;
  /** The person the event is about (null for the system's events). */
  employee: Employee | null;
  /** Whose once-per limit it counts against: the employee's id, or a trigger's name. */
  subject: string;
  /** A rule's own threshold decides whether it is due (break and sign-in events); absent: every rule is. */
  due?: (rule: NotifyRule) => boolean;
  build: AlertFor;
}

export interface Notifier {
  readonly rules: readonly NotifyRule[];
  /** The alerts of an event. `replay`: an alert decided earlier and rebuilt (a cut run's): no once-per limit. */
  alerts(event: NotifyEvent, o?: { replay?: boolean }): NewAlert[];
  /** The marks to store, when any changed (pruned to what can still hold something back). */
  marksUpdate(): Map<string, string>;
}

export function notifier(o: { reference: ReferenceData; settings: ReadonlyMap<string, string>; now: number; timeText: (ms: number) => string }): Notifier {
  const rules = notifyRulesOf(o.reference);
  const marks = readMarks(o.settings);
  let changed = false;
  return {
    rules,
    alerts(event, opts = {}) {
      const out: NewAlert[] = [];
      const seen = new Set<string>();
      for (const rule of rulesFor(rules, event.kind, event.violationType)) {
        if (event.due && !event.due(rule)) continue;
        const key = oncePerKey(rule, event.subject);
        if (!opts.replay && !oncePerAllows(rule, marks[key] ?? null, o.now)) continue;
        const held = quietUntil(rule, o.now, o.timeText);
        let fired = false;
        for (const r of recipientsOf(rule.who, rule.how, event.employee, o.reference)) {
          const a = event.build(r, rule);
          if (!a || seen.has(a.alert_id)) continue;
          seen.add(a.alert_id);
          fired = true;
          out.push({ alert_id: a.alert_id, kind: a.kind, chat_id: r.target, text: a.text, ...(held !== null ? { not_before: held } : {}) });
        }
        if (fired && rule.once_per_minutes) {
          marks[key] = o.now;
          changed = true;
        }
      }
      return out;
    },
    marksUpdate() {
      if (!changed) return new Map();
      return new Map([[NOTIFY_MARKS_KEY, JSON.stringify(pruneMarks(marks, rules, o.now))]]);
    },
  };
}

export function readMarks(settings: ReadonlyMap<string, string>): Record<string, number> {
  try {
    const v = JSON.parse(settings.get(NOTIFY_MARKS_KEY) || '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, number>) : {};
  } catch {
    return {};
  }
}
