// The bot's answers to commands, in the employee's language. Pure: labels come from the Statuses tab and
// 'HH:mm' from an injected TimeText.
import type { TodaySchedule } from '../../../common/api.ts';
import type { Lang } from './alerts.ts';
import { VIOLATION_LABELS } from './alerts.ts';
import type { TimeText, ViolationType } from './rules/index.ts';

export interface Label {
  ru: string;
  en: string;
}

const say = (lang: Lang, ru: string, en: string): string => (lang === 'ru' ? ru : en);

export function statusReply(lang: Lang, status: { label: Label; since: number } | null, timeText: TimeText): string {
  if (!status) return say(lang, 'Сегодня статус ещё не отмечен.', 'No status recorded yet today.');
  const since = timeText(status.since);
  return say(lang, `Сейчас: ${status.label.ru} с ${since}.`, `Now: ${status.label.en} since ${since}.`);
}

export function switchedReply(lang: Lang, label: Label, at: number, timeText: TimeText): string {
  const t = timeText(at);
  return say(lang, `Готово: ${label.ru} с ${t}.`, `Done: ${label.en} since ${t}.`);
}

export function alreadyReply(lang: Lang, label: Label, since: number, timeText: TimeText): string {
  const t = timeText(since);
  return say(lang, `Вы уже в статусе «${label.ru}» с ${t}.`, `You are already on "${label.en}" since ${t}.`);
}

export function scheduleReply(lang: Lang, schedule: TodaySchedule | null, labelOf: (code: string) => Label, timeText: TimeText): string {
  if (!schedule) return say(lang, 'Сегодня смены нет.', 'No shift today.');
  const head = say(
    lang,
    `Смена сегодня: ${timeText(schedule.shift_start)}–${timeText(schedule.shift_end)}`,
    `Today's shift: ${timeText(schedule.shift_start)}–${timeText(schedule.shift_end)}`,
  );
  const lines = schedule.breaks.map((b) => {
    const l = labelOf(b.status);
    return say(lang, `• ${l.ru} ${timeText(b.start)}, ${b.minutes} мин`, `• ${l.en} ${timeText(b.start)}, ${b.minutes} min`);
  });
  return [head, ...lines].join('\n');
}

export interface WhoGroup {
  name: string;
  members: { name: string; label: Label | null; since: number | null; state?: 'ok' | 'over' | 'late' | 'missing'; over_minutes?: number }[];
  /** The group's counters as the live floor shows them (services/floor-board.ts). */
  counts?: { working: number; on_break: number; cap: number | null; missing: number; adherence_pct: number | null };
}

/**
 * The live board of a lead's groups, the same as the console's floor: per group its counters, then each
 * person on shift with their status and since when, and what is wrong now (over a limit, not in yet, gone).
 */
export function whoReply(lang: Lang, groups: readonly WhoGroup[], timeText: TimeText): string {
  const blocks = groups.map((g) => {
    const lines = g.members.map((m) => {
      const mark = memberMark(lang, m.state ?? 'ok', m.over_minutes ?? 0);
      if (!m.label) return `• ${m.name}: ${say(lang, 'нет отметки', 'no status')}${mark}`;
      const label = lang === 'ru' ? m.label.ru : m.label.en;
      return `• ${m.name}: ${label}${m.since === null ? '' : say(lang, ` с ${timeText(m.since)}`, ` since ${timeText(m.since)}`)}${mark}`;
    });
    const head = g.counts ? [countsLine(lang, g.counts)] : [];
    return [`${g.name}:`, ...head, ...(lines.length ? lines : [say(lang, '• никого', '• nobody')])].join('\n');
  });
  return blocks.join('\n\n');
}

function memberMark(lang: Lang, state: 'ok' | 'over' | 'late' | 'missing', over: number): string {
  if (state === 'over') return say(lang, ` ⚠️ сверх ${over} мин`, ` ⚠️ ${over} min over`);
  if (state === 'late') return say(lang, ' — ещё не пришёл(а)', ' — not in yet');
  if (state === 'missing') return say(lang, ' ⚠️ нет на месте', ' ⚠️ missing');
  return '';
}

function countsLine(lang: Lang, c: NonNullable<WhoGroup['counts']>): string {
  const cap = c.cap === null ? '' : `/${c.cap}`;
  const adherence = c.adherence_pct === null ? '' : say(lang, ` · соблюдение ${c.adherence_pct}%`, ` · adherence ${c.adherence_pct}%`);
  return say(
    lang,
    `работают ${c.working} · перерыв ${c.on_break}${cap} · нет ${c.missing}${adherence}`,
    `working ${c.working} · on break ${c.on_break}${cap} · missing ${c.missing}${adherence}`,
  );
}

export function resolvedReply(lang: Lang, action: 'excuse' | 'confirm', who: string, type: ViolationType): string {
  const v = VIOLATION_LABELS[type];
  return action === 'excuse'
    ? say(lang, `Принято как уважительное: ${v.ru}, ${who}.`, `Excused: ${v.en}, ${who}.`)
    : say(lang, `Подтверждено: ${v.ru}, ${who}.`, `Confirmed: ${v.en}, ${who}.`);
}
