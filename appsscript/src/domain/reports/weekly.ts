// The weekly summary a lead gets on Monday morning: last week's (Monday to Sunday) KPIs of the group and its
// top issues, as one short text for Telegram and the body of an e-mail, in the lead's language.
import type { ReportGroupRow, ReportPersonRow } from '../../../../common/reports.ts';
import { addDays } from '../calendar.ts';

export type Lang = 'ru' | 'en';

/** The week before the one `today` is in (ISO weeks: Monday first); `today` as 'yyyy-MM-dd'. */
export function lastWeek(today: string): { from: string; to: string } {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  const monday = addDays(today, -weekday - 7);
  return { from: monday, to: addDays(monday, 6) };
}

const hours = (min: number, lang: Lang) => {
  const h = Math.round(min / 6) / 10;
  return lang === 'ru' ? `${String(h).replace('.', ',')} ч` : `${h} h`;
};
const pct = (x: number | null, lang: Lang) => (x === null ? '—' : `${lang === 'ru' ? String(x).replace('.', ',') : x}%`);

/** At most this many people under each top list. */
export const TOP = 3;

export function weeklySubject(group: string, week: { from: string; to: string }, lang: Lang): string {
  return lang === 'ru' ? `WorkTimeTracker: итоги недели ${week.from} – ${week.to}, ${group}` : `WorkTimeTracker: week ${week.from} – ${week.to}, ${group}`;
}

export function weeklyText(g: ReportGroupRow, people: readonly ReportPersonRow[], week: { from: string; to: string }, lang: Lang): string {
  const ru = lang === 'ru';
  const lines = [
    ru ? `📊 Итоги недели ${week.from} – ${week.to}, группа ${g.group}` : `📊 Week ${week.from} – ${week.to}, group ${g.group}`,
    ru
      ? `Отработано ${hours(g.worked_min, lang)} из ${hours(g.scheduled_min, lang)} по графику; соблюдение графика ${pct(g.adherence_pct, lang)}, выполнение ${pct(g.conformance_pct, lang)}`
      : `Worked ${hours(g.worked_min, lang)} of ${hours(g.scheduled_min, lang)} scheduled; adherence ${pct(g.adherence_pct, lang)}, conformance ${pct(g.conformance_pct, lang)}`,
    ru
      ? `Перерывы ${hours(g.break_min, lang)} (план ${hours(g.planned_break_min, lang)}), обед ${hours(g.lunch_min, lang)} (план ${hours(g.planned_lunch_min, lang)})`
      : `Breaks ${hours(g.break_min, lang)} (planned ${hours(g.planned_break_min, lang)}), lunch ${hours(g.lunch_min, lang)} (planned ${hours(g.planned_lunch_min, lang)})`,
    ru
      ? `Превышения перерывов: ${g.overruns} (${g.overrun_min} мин), опоздания: ${g.late_starts}, ранние уходы: ${g.early_leaves}, нарушений всего: ${g.violations}`
      : `Break overruns: ${g.overruns} (${g.overrun_min} min), late starts: ${g.late_starts}, early leaves: ${g.early_leaves}, violations in all: ${g.violations}`,
  ];
  const top = (pick: (p: ReportPersonRow) => number, label: string, item: (p: ReportPersonRow) => string) => {
    const ranked = people.filter((p) => pick(p) > 0).sort((a, b) => pick(b) - pick(a) || a.name.localeCompare(b.name)).slice(0, TOP);
    if (ranked.length > 0) lines.push(`${label}: ${ranked.map(item).join(', ')}`);
  };
  top((p) => p.overrun_min, ru ? 'Больше всего сверх перерывов' : 'Most over their breaks', (p) => `${p.name} (${p.overruns}, ${p.overrun_min} ${ru ? 'мин' : 'min'})`);
  top((p) => p.late_start_min, ru ? 'Больше всего опозданий' : 'Latest starts', (p) => `${p.name} (${p.late_starts}, ${p.late_start_min} ${ru ? 'мин' : 'min'})`);
  if (g.days === 0) lines.push(ru ? 'За неделю нет сведённых дней.' : 'No consolidated days this week.');
  return lines.join('\n');
}
