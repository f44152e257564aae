// The alerts about one person's day that checkBreaks sends as the notification rules say: a break ending in
// N minutes, a break over by N minutes, and not signed in N minutes after the shift's start. Each is sent
// once per event (per break, or per shift) and recipient: its id goes into the day's list of sent nudges
// (checkbreaks.state), and a run cut before its commit finds it in the Outbox's tail (readTails).
//
// The two default rules give the two nudges exactly as before: "ends in N minutes" from max(N, the check
// interval) before the allowed end, so a check every 5 minutes still catches it once; "you are over" from N
// minutes past it, both to the employee's own chat with the ids they always had.
import type { Employee, Status } from '../domain/model.ts';
import { ongoingBreak, type EmployeeDay, type TimeText } from '../domain/rules/index.ts';
import { languageOf, nudgeAlertId, nudgeText, type Lang, type NudgeKind } from '../domain/alerts.ts';
import { eventAlertId, type NotifyRule } from '../domain/notify.ts';
import { scheduleOf } from '../domain/today.ts';
import type { NewAlert } from './alerts.ts';
import type { Notifier, Recipient } from './notify.ts';

const MINUTE_MS = 60_000;
/** The N of the two nudges before the rules: an alert of that N to the employee's chat keeps its old id. */
const LEGACY_N: Record<NudgeKind, number> = { ending: 2, over: 5 };

export interface PersonAlertDeps {
  now: number;
  checkIntervalMs: number;
  statuses: readonly Status[];
  timeText: TimeText;
}

/** The alerts due now for one person's day; `sent` is the day's list of alert ids already written (updated). */
export function personAlerts(notify: Notifier, deps: PersonAlertDeps, employee: Employee, day: EmployeeDay, sent: string[]): NewAlert[] {
  const out: NewAlert[] = [];
  const keep = (alerts: NewAlert[]) => {
    for (const a of alerts) {
      sent.push(a.alert_id);
      out.push(a);
    }
  };
  const ongoing = ongoingBreak(day);
  if (ongoing) {
    const status = deps.statuses.find((s) => s.code === ongoing.status);
    const label = { ru: status?.label_ru ?? ongoing.status, en: status?.label_en ?? ongoing.status };
    const left = ongoing.allowed_end - deps.now;
    const over = deps.now - ongoing.allowed_end;
    for (const kind of ['ending', 'over'] as const) {
      const n = (rule: NotifyRule) => rule.minutes ?? LEGACY_N[kind];
      const due = (rule: NotifyRule) =>
        kind === 'ending' ? left > 0 && left <= Math.max(n(rule) * MINUTE_MS, deps.checkIntervalMs) : over >= n(rule) * MINUTE_MS;
      const minutes = kind === 'ending' ? Math.ceil(left / MINUTE_MS) : Math.floor(over / MINUTE_MS);
      keep(
        notify.alerts({
          kind: kind === 'ending' ? 'break_ending' : 'break_over',
          employee,
          subject: employee.id,
          due,
          build: (r, rule) => {
            const id =
              r.who === 'employee' && r.how === 'telegram' && n(rule) === LEGACY_N[kind]
                ? nudgeAlertId(day.date, employee.id, ongoing.start, kind)
                : eventAlertId(day.date, `${kind}|${employee.id}|${ongoing.start}`, n(rule), r.target);
            if (sent.includes(id)) return null;
            const facts = { kind, minutes, allowed_end: ongoing.allowed_end };
            const text = r.who === 'employee' ? nudgeText(facts, label, langOf(r, employee), deps.timeText) : breakTextAbout(employee, facts, label, r.lang, deps.timeText);
            return { alert_id: id, kind: 'nudge', text };
          },
        }),
      );
    }
  }
  if (day.shift) keep(notSignedIn(notify, deps, employee, day, sent));
  return out;
}

function notSignedIn(notify: Notifier, deps: PersonAlertDeps, employee: Employee, day: EmployeeDay, sent: string[]): NewAlert[] {
  if (!day.shift) return [];
  const plan = scheduleOf(day.shift, day.zonedTime);
  if (deps.now >= plan.shift_end) return [];
  const working = new Set(deps.statuses.filter((s) => s.counts_as_work).map((s) => s.code));
  if (day.day.some((e) => working.has(e.status) && e.at <= deps.now)) return [];
  const since = deps.now - plan.shift_start;
  const start = deps.timeText(plan.shift_start);
  return notify.alerts({
    kind: 'not_signed_in',
    employee,
    subject: employee.id,
    due: (rule) => rule.minutes !== null && since >= rule.minutes * MINUTE_MS,
    build: (r, rule) => {
      const id = eventAlertId(day.date, `absent|${employee.id}`, rule.minutes ?? 0, r.target);
      if (sent.includes(id)) return null;
      return { alert_id: id, kind: 'nudge', text: notSignedInText(employee, Math.floor(since / MINUTE_MS), start, r.lang, r.who === 'employee') };
    },
  });
}

function langOf(r: Recipient, e: Employee): Lang {
  return r.lang === 'both' ? languageOf(e.name) : r.lang;
}

function both(lang: Lang | 'both', ru: string, en: string): string {
  return lang === 'both' ? `${ru}\n${en}` : lang === 'ru' ? ru : en;
}

/** A break event told to someone else (a lead chat, admins): the person is named. */
export function breakTextAbout(e: Employee, n: { kind: NudgeKind; minutes: number; allowed_end: number }, label: { ru: string; en: string }, lang: Lang | 'both', timeText: TimeText): string {
  const end = timeText(n.allowed_end);
  return n.kind === 'ending'
    ? both(lang, `⏳ ${e.name}: ${label.ru} — осталось ${n.minutes} мин, до ${end}.`, `⏳ ${e.name}: ${label.en} — ${n.minutes} min left, until ${end}.`)
    : both(lang, `⏰ ${e.name}: ${label.ru} — ${n.minutes} мин сверх (время вышло в ${end}).`, `⏰ ${e.name}: ${label.en} — ${n.minutes} min over (it ended at ${end}).`);
}

export function notSignedInText(e: Employee, minutes: number, start: string, lang: Lang | 'both', toThemselves: boolean): string {
  const l = lang === 'both' ? 'both' : lang;
  if (toThemselves) {
    return both(l === 'both' ? languageOf(e.name) : l, `👋 Смена началась в ${start}, а вы ещё не отметились (${minutes} мин).`, `👋 Your shift began at ${start} and you have not signed in yet (${minutes} min).`);
  }
  return both(l, `⚠️ ${e.name}: нет на месте через ${minutes} мин после начала смены (${start}).`, `⚠️ ${e.name}: not signed in ${minutes} min after the shift's start (${start}).`);
}
