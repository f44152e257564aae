// The people of a report as the data table's columns: each sorts by its number, the default ranking is by
// minutes past the break limits (the most first), ties by violations. Widths are in rem of the page (16 px):
// the name gets what the numbers leave (about 12 rem in the 1200 px dialog), the numbers what their
// Russian headings need.
import { html } from 'lit';
import type { ReportPersonRow } from '../../../../common/reports.ts';
import type { Column, SortState } from '../../components/table-view.ts';
import { t, type Lang } from '../../i18n/locale.ts';
import { countText, minutesText, pctText } from './report-format.ts';

export const DEFAULT_SORT: SortState = { key: 'overrun_min', dir: 'desc' };

/** The rows in the default ranking; the table's sort is stable, so a tie on any column keeps this order. */
export function ranked(rows: readonly ReportPersonRow[], lang: Lang): ReportPersonRow[] {
  const collator = new Intl.Collator(lang);
  return [...rows].sort((a, b) => b.overrun_min - a.overrun_min || b.violations - a.violations || collator.compare(a.name, b.name));
}

export function peopleColumns(lang: Lang): Column<ReportPersonRow>[] {
  const r = t().reports;
  const min = (m: number) => minutesText(m, lang);
  const sub = (text: string) => html`<span class="cell-sub">${text}</span>`;
  return [
    {
      key: 'name',
      label: r.colPerson,
      value: (p) => p.name,
      render: (p) => html`<span class="cell-title">${p.name}</span>${sub(p.group)}`,
    },
    { key: 'days', label: r.colDays, width: '3rem', numeric: true, value: (p) => p.days, render: (p) => countText(p.days, lang) },
    {
      key: 'worked_min',
      label: r.colWorked,
      width: '7rem',
      numeric: true,
      value: (p) => p.worked_min,
      render: (p) => html`${min(p.worked_min)}${sub(r.ofPlanned(min(p.scheduled_min)))}`,
    },
    { key: 'adherence_pct', label: r.colAdherence, width: '7rem', numeric: true, value: (p) => p.adherence_pct, render: (p) => pctText(p.adherence_pct, lang) },
    { key: 'conformance_pct', label: r.colConformance, width: '7rem', numeric: true, value: (p) => p.conformance_pct, render: (p) => pctText(p.conformance_pct, lang) },
    {
      key: 'break_min',
      label: r.colBreaks,
      width: '6.6rem',
      numeric: true,
      value: (p) => p.break_min,
      render: (p) => html`${min(p.break_min)}${sub(r.ofPlanned(min(p.planned_break_min)))}`,
    },
    {
      key: 'lunch_min',
      label: r.colLunch,
      width: '6.2rem',
      numeric: true,
      value: (p) => p.lunch_min,
      render: (p) => html`${min(p.lunch_min)}${sub(r.ofPlanned(min(p.planned_lunch_min)))}`,
    },
    {
      // The ranking's column: minutes past the limits, with how many overruns made them.
      key: 'overrun_min',
      label: r.colOverruns,
      width: '7.6rem',
      numeric: true,
      value: (p) => p.overrun_min,
      render: (p) => html`${min(p.overrun_min)}${sub(r.times(p.overruns))}`,
    },
    {
      key: 'late_starts',
      label: r.colLate,
      width: '6rem',
      numeric: true,
      value: (p) => p.late_starts,
      render: (p) => html`${countText(p.late_starts, lang)}${p.late_starts > 0 ? sub(min(p.late_start_min)) : ''}`,
    },
    {
      key: 'early_leaves',
      label: r.colEarly,
      width: '5.6rem',
      numeric: true,
      value: (p) => p.early_leaves,
      render: (p) => html`${countText(p.early_leaves, lang)}${p.early_leaves > 0 ? sub(min(p.early_leave_min)) : ''}`,
    },
    { key: 'violations', label: r.colViolations, width: '6rem', numeric: true, value: (p) => p.violations, render: (p) => countText(p.violations, lang) },
  ];
}
