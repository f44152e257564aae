// The notification rules applied: which rules an event sets off, whether a rule is in its quiet hours (and
// until when), whether its once-per limit lets it fire, and the alert ids of what it sends. Pure: the
// caller gives the clock, 'HH:mm' of an instant in the spreadsheet's zone, and what was sent when.
//
// Quiet hours HOLD an alert rather than drop it: it is written at once with `next_try_at` at the end of the
// quiet hours, so it is delivered then (the Outbox hands out nothing before its next_try_at). Nothing is
// lost and a retried run writes the same alert id, never a second message.
import { eventOf, type NotifyEventKind, type NotifyRuleRecord } from '../../../common/notify-rules.ts';
import type { ViolationType } from '../../../common/violations.ts';
import { shortHash } from './alerts.ts';

export type NotifyRule = NotifyRuleRecord;

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** The enabled rules an event sets off, in tab order. */
export function rulesFor(rules: readonly NotifyRule[], kind: NotifyEventKind, violationType?: ViolationType): NotifyRule[] {
  return rules.filter((r) => {
    if (!r.enabled || eventOf(r.when) !== kind) return false;
    if (kind !== 'violation' || r.when === 'violation') return true;
    return r.when === `violation:${violationType}`;
  });
}

function minutesOfDay(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  return h < 24 && mi < 60 ? h * 60 + mi : null;
}

/**
 * When the rule's quiet hours around `now` end (epoch ms), or null when `now` is not in them. The hours
 * are [quiet_from, quiet_to) on the wall clock of the spreadsheet's zone and wrap midnight when from > to
 * (22:00–08:00). `timeText` gives 'HH:mm' of an instant in that zone.
 */
export function quietUntil(rule: Pick<NotifyRule, 'quiet_from' | 'quiet_to'>, now: number, timeText: (ms: number) => string): number | null {
  const from = minutesOfDay(rule.quiet_from);
  const to = minutesOfDay(rule.quiet_to);
  if (from === null || to === null || from === to) return null;
  const local = minutesOfDay(timeText(now));
  if (local === null) return null;
  const inside = from < to ? local >= from && local < to : local >= from || local < to;
  if (!inside) return null;
  const left = (to - local + DAY_MINUTES) % DAY_MINUTES;
  // Whole minutes on the wall clock: the seconds already gone in this minute are taken off.
  return now - (now % MINUTE_MS) + left * MINUTE_MS;
}

/** Whether a rule limited to once per X may fire now, its last alert for the same person having gone at `lastAt`. */
export function oncePerAllows(rule: Pick<NotifyRule, 'once_per_minutes'>, lastAt: number | null, now: number): boolean {
  if (!rule.once_per_minutes || lastAt === null) return true;
  return now - lastAt >= rule.once_per_minutes * MINUTE_MS;
}

/** The key of a rule's once-per limit: per rule and per person (or trigger, or device) the event is about. */
export function oncePerKey(rule: Pick<NotifyRule, 'id'>, subject: string): string {
  return `${rule.id}|${subject}`;
}

/** Keeps the once-per marks still able to hold something back (the longest limit of the rules), so the state stays small. */
export function pruneMarks(marks: Record<string, number>, rules: readonly NotifyRule[], now: number): Record<string, number> {
  const longest = Math.max(0, ...rules.map((r) => r.once_per_minutes ?? 0)) * MINUTE_MS;
  const out: Record<string, number> = {};
  for (const [k, at] of Object.entries(marks)) if (typeof at === 'number' && now - at < longest) out[k] = at;
  return out;
}

const compactDate = (date: string): string => date.replace(/-/g, '');

/**
 * The id of a violation's alert to anyone but its group's lead chat by Telegram (that one keeps 'L-…', which
 * carries the excuse and confirm buttons): one per violation and recipient.
 */
export function violationCopyId(violationIdText: string, target: string): string {
  const m = /^V-(\d{8})-(.*)$/.exec(violationIdText);
  return `W-${m ? m[1] : '00000000'}-${shortHash(`${violationIdText}|${target}`)}`;
}

/**
 * The id of a person-event alert (break ending or over, not signed in) other than the two nudges as they were
 * before the rules: once per event, rule threshold and recipient. The 'N-' prefix makes checkBreaks note it
 * with the nudges, so it is never written twice (services/violations.ts readTails).
 */
export function eventAlertId(date: string, key: string, minutes: number, target: string): string {
  return `N-${compactDate(date)}-${shortHash(`${key}|${minutes}|${target}`)}`;
}

/** An e-mail alert's target in the Outbox: the bot's pull and push never hand these out. */
export function mailTarget(address: string): string {
  return `mailto:${address}`;
}

export function isMailTarget(target: string): boolean {
  return target.startsWith('mailto:');
}
