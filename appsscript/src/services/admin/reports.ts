// reports.summary, reports.series and reports.export: a period's consolidated days (the Daily tab through its
// index, and the archived months' Daily tabs: services/reports/archived-days.ts; never Log), limited to what the caller may see: an admin every
// group, a lead the days their people spent in the groups they lead.
import type { AdminParsed, AdminReplies } from '../../../../common/admin-api.ts';
import { DEFAULT_KIND_COLORS, type StatusKind } from '../../../../common/status.ts';
import { BadRequest, Forbidden } from '../../errors.ts';
import type { ConsolidatedDay } from '../../domain/reports/consolidated-day.ts';
import { groupOfDay, summaryOf, type ReportPerson } from '../../domain/reports/summary.ts';
import { CHART_KINDS, daysOf, hoursOf, type ChartKind } from '../../domain/reports/series.ts';
import { readPeriod } from '../reports/archived-days.ts';
import type { AdminDeps } from './deps.ts';
import { mayManage, viewerOf } from './people.ts';
import { scopeGroups } from './schedule-scope.ts';

type Scope = AdminParsed<'reports.summary'>;

interface ScopedDays {
  days: ConsolidatedDay[];
  people: Map<string, ReportPerson>;
  caps: Map<string, number | null>;
  today: string;
  timeZone: string;
  unavailableMonths: string[];
}

/** The period's days the caller may see, within the group or for the person asked for. */
function scopedDays(deps: AdminDeps, req: Scope): ScopedDays {
  const reference = deps.reference();
  const people = new Map(reference.employees.map((e) => [e.id, { id: e.id, name: e.name, group: e.group }]));
  let keep: (d: ConsolidatedDay) => boolean;
  if (req.employee_id !== undefined) {
    const person = people.get(req.employee_id);
    if (!person) {
      throw new BadRequest(`There is no employee ${req.employee_id}`, `Нет сотрудника ${req.employee_id}`, {
        fields: [{ field: 'employee_id', message: `no employee "${req.employee_id}" / нет сотрудника «${req.employee_id}»` }],
      });
    }
    if (!mayManage(deps, person.group)) throw new Forbidden(`You do not lead the group of ${person.name}`, `Вы не руководите группой сотрудника ${person.name}`, { field: 'employee_id' });
    keep = (d) => d.employee_id === req.employee_id && (deps.caller.role === 'admin' || mayManage(deps, groupOfDay(d, people)));
  } else if (req.group !== undefined || deps.caller.role !== 'admin') {
    const groups = new Set(scopeGroups(deps, req.group));
    keep = (d) => groups.has(groupOfDay(d, people));
  } else {
    keep = () => true;
  }
  const tables = deps.tables();
  const read = readPeriod({ port: deps.port, ctx: deps.cells }, tables.settings(), req.from, req.to, deps.dailyArchive?.());
  return {
    days: read.days.filter(keep),
    people,
    caps: new Map(reference.groups.map((g) => [g.name, g.max_concurrent_breaks ?? null])),
    today: deps.dateOf(deps.now),
    timeZone: tables.timeZone,
    unavailableMonths: read.unavailable_months,
  };
}

export function reportsSummary(deps: AdminDeps, req: Scope): AdminReplies['reports.summary'] {
  const s = scopedDays(deps, req);
  const summary = summaryOf(s.days, s.people, s.caps, { from: req.from, to: req.to, today: s.today, time_zone: s.timeZone });
  return { ...summary, coverage: { ...summary.coverage, unavailable_months: s.unavailableMonths }, viewer: viewerOf(deps) };
}

export function reportsSeries(deps: AdminDeps, req: Scope): AdminReplies['reports.series'] {
  const s = scopedDays(deps, req);
  const statuses = deps.reference().statuses;
  const kinds = new Map(statuses.map((x) => [x.code, x.kind]));
  const kindOf = (status: string): StatusKind | undefined => kinds.get(status);
  const { zonedTime } = deps.calendarFns();
  const byGroup = new Map<string, ConsolidatedDay[]>();
  for (const d of s.days) {
    const g = groupOfDay(d, s.people);
    byGroup.set(g, [...(byGroup.get(g) ?? []), d]);
  }
  return {
    from: req.from,
    to: req.to,
    time_zone: s.timeZone,
    days: daysOf(s.days, kindOf),
    hours: [...byGroup.keys()].sort().map((group) => ({ group, max_concurrent_breaks: s.caps.get(group) ?? null, hours: hoursOf(byGroup.get(group) ?? [], kindOf, zonedTime) })),
    kind_colors: Object.fromEntries(
      CHART_KINDS.map((k) => [k, statuses.find((x) => x.kind === k && x.color)?.color ?? DEFAULT_KIND_COLORS[k]]),
    ) as Record<ChartKind, string>,
  };
}
