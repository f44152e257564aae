// The key figures of a report, a card each: the total, and under it what it is set against (the schedule,
// the plan, the limits) or what it is made of.
import { html, css, type TemplateResult } from 'lit';
import type { ReportMeasures } from '../../../../common/reports.ts';
import { VIOLATION_TYPES } from '../../../../common/violations.ts';
import { t, type Lang } from '../../i18n/locale.ts';
import { countText, minutesText, pctText } from './report-format.ts';

interface Card {
  key: string;
  label: string;
  value: string;
  sub: string;
  /** The figure is past what was planned. */
  warn?: boolean;
}

/** Who the figures are of: a report of many people says how many, a person's how many dates had data. */
export interface KpiContext {
  people: number | null;
  datesWithData: number;
}

export function kpiCards(m: ReportMeasures, lang: Lang, context: KpiContext): Card[] {
  const r = t().reports;
  const min = (x: number) => minutesText(x, lang);
  const against = (actual: number, planned: number) =>
    planned > 0 ? (actual > planned ? `${r.planned(min(planned))} · ${r.overPlan(min(actual - planned))}` : r.planned(min(planned))) : r.planned(min(0));
  const top = VIOLATION_TYPES.map((type) => ({ type, n: m.violations_by_type[type] })).sort((a, b) => b.n - a.n)[0];
  return [
    {
      key: 'worked',
      label: r.worked,
      value: min(m.worked_min),
      sub: m.scheduled_min > 0 ? r.ofScheduled(min(m.scheduled_min), pctText((100 * m.worked_min) / m.scheduled_min, lang)) : r.nothingScheduled,
    },
    { key: 'adherence', label: r.adherence, value: pctText(m.adherence_pct, lang), sub: r.adherenceHint },
    { key: 'conformance', label: r.conformance, value: pctText(m.conformance_pct, lang), sub: r.conformanceHint },
    { key: 'breaks', label: r.breaks, value: min(m.break_min), sub: against(m.break_min, m.planned_break_min), warn: m.planned_break_min > 0 && m.break_min > m.planned_break_min },
    { key: 'lunch', label: r.lunch, value: min(m.lunch_min), sub: against(m.lunch_min, m.planned_lunch_min), warn: m.planned_lunch_min > 0 && m.lunch_min > m.planned_lunch_min },
    { key: 'overruns', label: r.overruns, value: countText(m.overruns, lang), sub: r.overrunMinutes(min(m.overrun_min)), warn: m.overruns > 0 },
    {
      key: 'violations',
      label: r.violations,
      value: countText(m.violations, lang),
      sub: top && top.n > 0 ? r.mostly(t().violations.types[top.type] ?? top.type, countText(top.n, lang)) : r.noViolations,
      warn: m.violations > 0,
    },
    { key: 'late', label: r.lateStarts, value: countText(m.late_starts, lang), sub: r.inAll(min(m.late_start_min)) },
    { key: 'early', label: r.earlyLeaves, value: countText(m.early_leaves, lang), sub: r.inAll(min(m.early_leave_min)) },
    {
      key: 'days',
      label: r.personDays,
      value: countText(m.days, lang),
      sub: context.people === null ? r.datesWithData(context.datesWithData) : r.peopleCount(context.people),
    },
  ];
}

export function renderKpis(m: ReportMeasures, lang: Lang, context: KpiContext): TemplateResult {
  return html`<ul class="kpis" aria-label=${t().reports.kpis}>
    ${kpiCards(m, lang, context).map(
      (c) => html`<li class="kpi ${c.warn ? 'warn' : ''}" data-kpi=${c.key}>
        <span class="label">${c.label}</span>
        <span class="value">${c.value}</span>
        <span class="sub">${c.sub}</span>
      </li>`,
    )}
  </ul>`;
}

export const kpiStyles = css`
  ul.kpis { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 0.5rem; margin: 0 0 0.8rem; }
  .kpi { border: 1px solid var(--wtt-line); border-radius: 8px; padding: 0.4rem 0.6rem 0.45rem; min-width: 0; background: var(--wtt-bg); }
  .kpi .label { display: block; color: var(--wtt-muted); font-size: 12px; font-weight: 600; }
  .kpi .value { display: block; font-size: 1.3rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.25; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .kpi .sub { display: block; color: var(--wtt-muted); font-size: 12px; line-height: 1.3; }
  .kpi.warn { border-color: #e0a800; background: var(--wtt-warn-bg); }
  .kpi.warn .sub { color: var(--wtt-warn-text); }
`;
