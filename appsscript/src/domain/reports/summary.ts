// reports.summary: one row per person, one per group and the totals of a period's consolidated days.
import type { ReportCoverage, ReportGroupRow, ReportPersonRow, ReportsSummary } from '../../../../common/reports.ts';
import { addDays } from '../calendar.ts';
import type { ConsolidatedDay } from './consolidated-day.ts';
import { MeasuresSum } from './measures.ts';

export interface ReportPerson {
  id: string;
  name: string;
  /** Today's group: the group of a day consolidated before Daily kept one. */
  group: string;
}

export interface ReportPeriod {
  from: string;
  /** The last day asked for; the report covers at most up to yesterday (today is not consolidated). */
  to: string;
  today: string;
  time_zone: string;
}

/** The group a day counts in: the one it was consolidated with, else the person's group today. */
export function groupOfDay(d: ConsolidatedDay, people: ReadonlyMap<string, ReportPerson>): string {
  return d.group ?? people.get(d.employee_id)?.group ?? '';
}

export function summaryOf(
  days: readonly ConsolidatedDay[],
  people: ReadonlyMap<string, ReportPerson>,
  caps: ReadonlyMap<string, number | null>,
  period: ReportPeriod,
): ReportsSummary {
  const byPerson = new Map<string, { sum: MeasuresSum; groups: Map<string, number> }>();
  const byGroup = new Map<string, { sum: MeasuresSum; people: Set<string> }>();
  const total = new MeasuresSum();
  const dates = new Set<string>();
  let withoutBreakdown = 0;
  for (const d of days) {
    dates.add(d.date);
    if (!d.breakdown) withoutBreakdown++;
    total.add(d);
    const group = groupOfDay(d, people);
    const p = byPerson.get(d.employee_id) ?? { sum: new MeasuresSum(), groups: new Map<string, number>() };
    p.sum.add(d);
    p.groups.set(group, (p.groups.get(group) ?? 0) + 1);
    byPerson.set(d.employee_id, p);
    const g = byGroup.get(group) ?? { sum: new MeasuresSum(), people: new Set<string>() };
    g.sum.add(d);
    g.people.add(d.employee_id);
    byGroup.set(group, g);
  }
  const rows: ReportPersonRow[] = [...byPerson].map(([id, p]) => ({
    employee_id: id,
    name: people.get(id)?.name ?? id,
    // A person who moved during the period is listed in the group of most of their days.
    group: [...p.groups].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0],
    ...p.sum.result(),
  }));
  rows.sort((a, b) => a.name.localeCompare(b.name) || (a.employee_id < b.employee_id ? -1 : 1));
  const groups: ReportGroupRow[] = [...byGroup]
    .map(([group, g]) => ({ group, people: g.people.size, max_concurrent_breaks: caps.get(group) ?? null, ...g.sum.result() }))
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  return { from: period.from, to: period.to, time_zone: period.time_zone, rows, groups, totals: total.result(), coverage: coverageOf(period, dates.size, withoutBreakdown) };
}

/** How many of the period's dates can have data: today and later are not consolidated yet. */
export function coverageOf(period: ReportPeriod, datesWithData: number, withoutBreakdown: number, unavailableMonths: readonly string[] = []): ReportCoverage {
  const last = period.to < period.today ? period.to : addDays(period.today, -1);
  let dates = 0;
  for (let d = period.from; d <= last; d = addDays(d, 1)) dates++;
  return { dates_with_data: datesWithData, dates, without_breakdown: withoutBreakdown, unavailable_months: [...unavailableMonths] };
}
