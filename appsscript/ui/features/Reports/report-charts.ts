// The report's charts, for everyone in scope or for one person: time by status kind day by day, adherence
// and conformance day by day, violations by type, breaks by hour against each group's limit, and the
// groups side by side. Every date of the period gets its place on the axis: a date without data is a grey
// band (the server leaves such dates out of `days`).
import { html, css, nothing, type TemplateResult } from 'lit';
import type { ReportDay, ReportsSeries, ReportsSummary } from '../../../../common/reports.ts';
import { VIOLATION_TYPES } from '../../../../common/violations.ts';
import { statusColor } from '../../components/status-chip.ts';
import { dateText } from '../../components/zoned-time.ts';
import { numberText, type ChartSeries } from '../../components/charts/chart-kit.ts';
import { t, type Lang } from '../../i18n/locale.ts';
import { minutesText, pctText } from './report-format.ts';
import '../../components/charts/stacked-bars.ts';
import '../../components/charts/line-chart.ts';
import '../../components/charts/hbar-chart.ts';
import '../../components/charts/grouped-bars.ts';
import '../../components/charts/hour-bars.ts';

/** The kinds drawn, working ones first (offline is not time anyone spends). */
export const CHART_KINDS = ['work', 'meeting', 'training', 'break', 'lunch'] as const;
export const ADHERENCE_COLOR = '#0b57d0';
export const CONFORMANCE_COLOR = '#188038';
export const VIOLATION_COLOR = '#c5221f';

export interface ChartsInput {
  summary: ReportsSummary;
  series: ReportsSeries | null;
  /** The dates to draw: the period's, up to yesterday. */
  dates: readonly string[];
  lang: Lang;
  /**
   * One person's report: no comparison of groups, and no breaks by hour (one person against the group's
   * limit on breaks at once says nothing).
   */
  person: boolean;
  /** What to show where the day-by-day charts would be when reports.series failed. */
  seriesProblem?: TemplateResult;
}

/** Short names under the axis and full ones for the tooltip and the table. */
export function dayNames(dates: readonly string[], lang: Lang): { short: string[]; long: string[] } {
  const long = dates.map((d) => dateText(d, lang, true));
  if (dates.length <= 10) return { short: dates.map((d) => dateText(d, lang)), long };
  if (dates.length <= 35) return { short: dates.map((d) => String(Number(d.slice(8)))), long };
  return { short: dates.map((d) => `${d.slice(8)}.${d.slice(5, 7)}`), long };
}

/** The hours worth drawing: from the first with a break to the last, an hour around them, at least 8. */
export function hourRange(hours: ReportsSeries['hours']): [number, number] {
  const busy = hours.flatMap((g) => g.hours.filter((h) => h.peak > 0).map((h) => h.hour));
  if (busy.length === 0) return [8, 20];
  let lo = Math.max(0, Math.min(...busy) - 1);
  let hi = Math.min(23, Math.max(...busy) + 1);
  while (hi - lo < 7) {
    if (hi < 23) hi++;
    if (hi - lo < 7 && lo > 0) lo--;
  }
  return [lo, hi];
}

export function renderCharts(input: ChartsInput): TemplateResult {
  const { summary, series, dates, lang } = input;
  const r = t().reports;
  const names = dayNames(dates, lang);
  const byDate = new Map<string, ReportDay>((series?.days ?? []).map((d) => [d.date, d]));
  const days = dates.map((d) => byDate.get(d) ?? null);
  const hoursFmt = (h: number) => minutesText(h * 60, lang);
  const pct = (v: number) => pctText(v, lang);
  const pctAxis = (v: number) => `${numberText(v, lang, 0)}%`;

  const kinds: ChartSeries[] = CHART_KINDS.map((kind) => ({
    key: kind,
    label: t().kinds[kind],
    color: statusColor(series?.kind_colors[kind]),
    values: days.map((d) => (d ? d.minutes_by_kind[kind] / 60 : null)),
  }));
  const rates: ChartSeries[] = [
    { key: 'adherence', label: r.adherence, color: ADHERENCE_COLOR, values: days.map((d) => d?.adherence_pct ?? null) },
    { key: 'conformance', label: r.conformance, color: CONFORMANCE_COLOR, values: days.map((d) => d?.conformance_pct ?? null), dashed: true },
  ];
  // 0–100, or on to the next quarter when conformance passed 100 (overtime), so the ticks stay round.
  const rateTop = Math.max(100, Math.ceil(Math.max(0, ...rates.flatMap((s) => s.values.map((v) => v ?? 0))) / 25) * 25);

  const counts = summary.totals.violations_by_type;
  const types = [...VIOLATION_TYPES].sort((a, b) => counts[b] - counts[a] || VIOLATION_TYPES.indexOf(a) - VIOLATION_TYPES.indexOf(b));

  const dayCharts = series
    ? html`<div class="chart wide">
          <adm-stacked-bars
            class="time"
            .label=${r.timeByKind}
            .categoryHeader=${r.colDate}
            .categories=${names.short}
            .names=${names.long}
            .series=${kinds}
            .format=${hoursFmt}
            .axisFormat=${(v: number) => r.hoursAxis(numberText(v, lang))}
            .height=${230}
          ></adm-stacked-bars>
        </div>
        <div class="chart">
          <adm-line-chart
            class="adherence"
            .label=${r.adherenceByDay}
            .categoryHeader=${r.colDate}
            .categories=${names.short}
            .names=${names.long}
            .series=${rates}
            .max=${rateTop}
            .format=${pct}
            .axisFormat=${pctAxis}
          ></adm-line-chart>
        </div>`
    : (input.seriesProblem ?? nothing);

  const violations = html`<div class="chart">
    <adm-hbar-chart
      class="violations"
      .label=${r.violationsByType}
      .categoryHeader=${r.colType}
      .categories=${types.map((type) => t().violations.types[type] ?? type)}
      .series=${[{ key: 'violations', label: r.count, color: VIOLATION_COLOR, values: types.map((type) => counts[type]) }]}
      .format=${(v: number) => numberText(v, lang, 0)}
    ></adm-hbar-chart>
  </div>`;

  return html`<section class="charts" aria-label=${r.charts}>
    ${dayCharts} ${violations} ${input.person ? nothing : renderGroups(summary, lang, pct, pctAxis)} ${series && !input.person ? renderHours(series, lang) : nothing}
  </section>`;
}

function renderHours(series: ReportsSeries, lang: Lang): TemplateResult {
  const r = t().reports;
  const groups = series.hours;
  const any = groups.some((g) => g.hours.some((h) => h.peak > 0));
  const [lo, hi] = hourRange(groups);
  const range = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const color = statusColor(series.kind_colors.break);
  return html`<div class="chart wide hours">
    <h3 class="chart-title">${r.breaksByHour}</h3>
    ${!any
      ? html`<p class="muted small">${r.noBreaks}</p>`
      : html`<div class="multiples" style="grid-template-columns:repeat(${Math.min(4, groups.length)}, minmax(0, 1fr))">
          ${groups.map((g) => {
            const at = new Map(g.hours.map((h) => [h.hour, h]));
            return html`<adm-hour-bars
              data-group=${g.group}
              .label=${groups.length > 1 ? g.group : r.breaksByHourOf(g.group)}
              .categoryHeader=${r.colHour}
              .categories=${range.map((h) => String(h).padStart(2, '0'))}
              .names=${range.map((h) => `${String(h).padStart(2, '0')}:00–${String(h + 1).padStart(2, '0')}:00`)}
              .series=${[
                { key: 'peak', label: r.peak, color, values: range.map((h) => at.get(h)?.peak ?? 0) },
                { key: 'average', label: r.average, color, values: range.map((h) => at.get(h)?.average ?? 0) },
              ]}
              .limit=${g.max_concurrent_breaks}
              .format=${(v: number) => numberText(v, lang)}
            ></adm-hour-bars>`;
          })}
        </div>`}
  </div>`;
}

function renderGroups(summary: ReportsSummary, lang: Lang, pct: (v: number) => string, pctAxis: (v: number) => string): TemplateResult | typeof nothing {
  const r = t().reports;
  const groups = summary.groups;
  if (groups.length < 2) return nothing;
  const top = Math.max(100, Math.ceil(Math.max(0, ...groups.map((g) => g.conformance_pct ?? 0)) / 25) * 25);
  const min = (m: number) => minutesText(m, lang);
  // The chart compares the rates; the table beside it the sums that explain them.
  return html`<div class="chart wide side">
    <adm-grouped-bars
      class="groups"
      .label=${r.groupsSideBySide}
      .categoryHeader=${r.colGroup}
      .categories=${groups.map((g) => g.group)}
      .names=${groups.map((g) => `${g.group} (${r.peopleCount(g.people)})`)}
      .series=${[
        { key: 'adherence', label: r.adherence, color: ADHERENCE_COLOR, values: groups.map((g) => g.adherence_pct) },
        { key: 'conformance', label: r.conformance, color: CONFORMANCE_COLOR, values: groups.map((g) => g.conformance_pct) },
      ]}
      .max=${top}
      .format=${pct}
      .axisFormat=${pctAxis}
    ></adm-grouped-bars>
    <div class="table-scroll"><table class="group-table">
      <caption class="visually-hidden">${r.groupsSideBySide}</caption>
      <thead>
        <tr>
          <th scope="col">${r.colGroup}</th>
          <th scope="col" class="n">${r.people}</th>
          <th scope="col" class="n">${r.colWorked}</th>
          <th scope="col" class="n">${r.colBreaks}</th>
          <th scope="col" class="n">${r.colOverruns}</th>
          <th scope="col" class="n">${r.colViolations}</th>
          <th scope="col" class="n">${r.colAdherence}</th>
          <th scope="col" class="n">${r.colConformance}</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map(
          (g) => html`<tr data-group=${g.group}>
            <th scope="row">${g.group}</th>
            <td class="n">${numberText(g.people, lang, 0)}</td>
            <td class="n">${min(g.worked_min)}</td>
            <td class="n">${min(g.break_min)}<span class="of">${r.ofPlanned(min(g.planned_break_min))}</span></td>
            <td class="n">${numberText(g.overruns, lang, 0)}<span class="of">${min(g.overrun_min)}</span></td>
            <td class="n">${numberText(g.violations, lang, 0)}</td>
            <td class="n">${pct(g.adherence_pct ?? NaN)}</td>
            <td class="n">${pct(g.conformance_pct ?? NaN)}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>
  </div>`;
}

export const chartsStyles = css`
  section.charts { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.8rem 1.2rem; margin: 0 0 1rem; align-items: start; }
  .chart { min-width: 0; border: 1px solid var(--wtt-line); border-radius: 8px; padding: 0.45rem 0.6rem 0.5rem; }
  .chart.wide { grid-column: 1 / -1; }
  .chart-title { margin: 0 0 0.3rem; font-size: 13px; }
  .multiples { display: grid; gap: 0.6rem 1.2rem; }
  .chart.side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 2fr); gap: 1.2rem; align-items: start; }
  .table-scroll { overflow-x: auto; min-width: 0; }
  table.group-table { border-collapse: collapse; font-size: 12px; width: 100%; margin-top: 1.6rem; }
  .group-table th, .group-table td { padding: 0.25rem 0.3rem; white-space: nowrap; border-bottom: 1px solid var(--wtt-line); text-align: left; vertical-align: top; }
  .group-table .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .group-table thead th { color: var(--wtt-muted); font-weight: 600; white-space: normal; vertical-align: bottom; }
  .group-table .of { display: block; color: var(--wtt-muted); font-size: 11px; }
`;
