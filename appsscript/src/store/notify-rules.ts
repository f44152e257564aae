// The Notify tab: a row is a notification rule (common/notify-rules.ts). Validated like Rules: a row that
// cannot be used is reported and skipped, the other rules keep working. A workbook whose tab is missing
// (set up before it existed, Setup not run since) alerts by the default rules, as it did before.
import { EVENTS_WITH_MINUTES, NOTIFY_HOW, NOTIFY_WHO, SYSTEM_EVENTS, eventOf, isNotifyWhen, type NotifyHow, type NotifyRuleRecord, type NotifyWho } from '../../../common/notify-rules.ts';
import type { RowIssue } from '../domain/model.ts';
import type { RawRecord } from './records.ts';
import { rowIssue } from './records.ts';

export type CheckedRule = { ok: true; value: NotifyRuleRecord } | { ok: false; issues: RowIssue[] };

/** The problems of a rule, by column, in English / Russian (the save's per-field errors say the same). */
export function notifyRuleProblems(r: Pick<NotifyRuleRecord, 'when' | 'minutes' | 'who' | 'how' | 'quiet_from' | 'quiet_to' | 'once_per_minutes'>): { column: string; message: string }[] {
  const out: { column: string; message: string }[] = [];
  const add = (column: string, en: string, ru: string) => out.push({ column, message: `${en} / ${ru}` });
  if (!isNotifyWhen(r.when)) {
    add('when', `"${r.when}" is not an event this script knows`, `«${r.when}» — неизвестное событие`);
    return out;
  }
  const kind = eventOf(r.when);
  if (EVENTS_WITH_MINUTES.includes(kind) && (r.minutes === null || r.minutes < 1)) add('minutes', 'this event needs its number (at least 1)', 'для этого события нужно число (не меньше 1)');
  if (r.minutes !== null && r.minutes < 0) add('minutes', 'cannot be negative', 'не может быть отрицательным');
  if (!(NOTIFY_WHO as readonly string[]).includes(r.who)) add('who', 'one of employee, lead_chat, admins', 'одно из employee, lead_chat, admins');
  else if (SYSTEM_EVENTS.includes(kind) && r.who !== 'admins') add('who', 'only admins can be told about the system', 'о работе системы можно сообщать только администраторам');
  if (!(NOTIFY_HOW as readonly string[]).includes(r.how)) add('how', 'telegram or email', 'telegram или email');
  if ((r.quiet_from === '') !== (r.quiet_to === '')) add(r.quiet_from === '' ? 'quiet_from' : 'quiet_to', 'quiet hours need both ends', 'у тихих часов должны быть начало и конец');
  if (r.once_per_minutes !== null && r.once_per_minutes < 1) add('once_per_minutes', 'at least 1 minute; leave it blank for no limit', 'не меньше 1 минуты; пусто — без ограничения');
  return out;
}

export function checkNotifyRule(v: RawRecord, row: number): CheckedRule {
  const n = (c: string) => (v[c] as number | null) ?? null;
  const rule: NotifyRuleRecord = {
    id: String(v.id ?? ''),
    enabled: v.enabled === null || v.enabled === undefined ? true : Boolean(v.enabled),
    when: String(v.when ?? '').trim().toLowerCase() as NotifyRuleRecord['when'],
    minutes: n('minutes'),
    who: String(v.who ?? '').trim().toLowerCase() as NotifyWho,
    how: (String(v.how ?? '').trim().toLowerCase() || 'telegram') as NotifyHow,
    quiet_from: String(v.quiet_from ?? ''),
    quiet_to: String(v.quiet_to ?? ''),
    once_per_minutes: n('once_per_minutes'),
    note: String(v.note ?? ''),
  };
  const problems = notifyRuleProblems(rule);
  if (problems.length > 0) return { ok: false, issues: problems.map((p) => rowIssue('Notify', row, p.column, p.message)) };
  return { ok: true, value: rule };
}

/** A rule as the tab stores it. */
export function notifyRuleRecord(r: NotifyRuleRecord): RawRecord {
  return { ...r };
}
