// schedule.plan: the break planner (domain/planner) over the Schedule's shifts of some days, per group
// (each group has its own rule set and cap). Without commit it only answers the plan; with commit it writes
// the planned breaks in one write, audited. The shifts of the days just before and after still hold their
// breaks and count against the cap, so a night shift's breaks and the next morning's never pile up.
import type { AdminParsed, AdminReplies, PlanGroup, PlannedShift, ScheduleBreak, UnplacedShift } from '../../../../common/admin-api.ts';
import { addDays } from '../../domain/calendar.ts';
import { planGroup } from '../../domain/planner/plan-group.ts';
import type { PlannedBreakRow, Shift } from '../../domain/model.ts';
import { formatBreaks } from '../../store/breaks.ts';
import { isAbsence, type ScheduleRow } from '../../store/validate.ts';
import { auditOnce } from './audited.ts';
import type { AdminDeps } from './deps.ts';
import { scopeGroups } from './schedule-scope.ts';
import { cellKey, dateRange, planWrite, readScheduleTab, writeSchedule, type ScheduleTab } from './schedule-tab.ts';

export function planSchedule(deps: AdminDeps, req: AdminParsed<'schedule.plan'>): AdminReplies['schedule.plan'] {
  const groups = scopeGroups(deps, req.group);
  if (!req.commit) return planned(deps, req, groups, readDays(deps, req)).reply;
  const reply = deps.withLock(() => {
    const p = planned(deps, req, groups, readDays(deps, req));
    const { tab, write } = planWrite(deps, p.tab, p.changes);
    if (!write) return p.reply;
    auditOnce(deps, req.request_id as string, {
      action: 'schedule.plan',
      target: `${req.from}..${req.to}${req.group ? ` ${req.group}` : ''}`,
      before: null,
      after: { placed: p.reply.shifts.length, unplaced: p.reply.unplaced.map((u) => `${u.employee_id} ${u.date} ${u.reason}`), changed: write.cells },
    });
    writeSchedule(deps, tab, write);
    return { ...p.reply, written: write.cells };
  });
  deps.invalidateReference();
  return reply;
}

/** The days planned and the day on either side (their breaks count against the cap). */
function readDays(deps: AdminDeps, req: AdminParsed<'schedule.plan'>): ScheduleTab {
  return readScheduleTab(deps, dateRange(addDays(req.from, -1), addDays(req.to, 1)));
}

function planned(deps: AdminDeps, req: AdminParsed<'schedule.plan'>, groups: readonly string[], tab: ScheduleTab) {
  const reference = deps.reference();
  const employees = new Map(reference.employees.map((e) => [e.id, e]));
  const before = addDays(req.from, -1);
  const after = addDays(req.to, 1);
  const shiftsOf = (group: string, inside: boolean): Shift[] => {
    const out: Shift[] = [];
    for (const rows of tab.byCell.values()) {
      const entry = rows.find((r) => r.entry !== null)?.entry as ScheduleRow | undefined;
      if (!entry || isAbsence(entry) || employees.get(entry.employee_id)?.group !== group) continue;
      const within = entry.date >= req.from && entry.date <= req.to;
      if (inside ? within : entry.date === before || entry.date === after) out.push(entry);
    }
    return out;
  };
  const shifts: PlannedShift[] = [];
  const unplaced: UnplacedShift[] = [];
  const planGroups: PlanGroup[] = [];
  const changes = new Map<string, ScheduleRow | null>();
  for (const name of groups) {
    const group = reference.groups.find((g) => g.name === name);
    if (!group) continue;
    const mine = shiftsOf(name, true);
    const result = planGroup({ shifts: mine, around: shiftsOf(name, false), ruleSet: group.rule_set, rules: reference.rules, statuses: reference.statuses, cap: group.max_concurrent_breaks });
    const person = (id: string) => employees.get(id);
    for (const { shift, breaks } of result.placed) {
      const changed = formatBreaks(breaks) !== formatBreaks(shift.breaks);
      if (changed) changes.set(cellKey(shift.employee_id, shift.date), { ...shift, breaks });
      shifts.push({ employee_id: shift.employee_id, name: person(shift.employee_id)?.name ?? '', group: name, date: shift.date, start: shift.shift_start, end: shift.shift_end, breaks: breaks.map(breakOf), changed });
    }
    for (const u of result.unplaced) {
      // The planner's own earlier breaks go: they were placed under other rules or another team, and the
      // cap holds only for what is planned now. Hand-fixed ones stay.
      const kept = u.shift.breaks.filter((b) => !b.auto);
      if (kept.length !== u.shift.breaks.length) changes.set(cellKey(u.shift.employee_id, u.shift.date), { ...u.shift, breaks: kept });
      unplaced.push({ employee_id: u.shift.employee_id, name: person(u.shift.employee_id)?.name ?? '', group: name, date: u.shift.date, start: u.shift.shift_start, end: u.shift.shift_end, reason: u.reason, message: `${u.en} / ${u.ru}` });
    }
    planGroups.push({ name, cap: group.max_concurrent_breaks, rule_set: group.rule_set, shifts: mine.length, peak: result.peak, fixed_over_cap_minutes: result.fixedOverCap });
  }
  const order = <T extends { date: string; employee_id: string }>(a: T, b: T) => (a.date === b.date ? (a.employee_id < b.employee_id ? -1 : 1) : a.date < b.date ? -1 : 1);
  return {
    tab,
    changes,
    reply: { from: req.from, to: req.to, shifts: shifts.sort(order), unplaced: unplaced.sort(order), groups: planGroups, written: 0 },
  };
}

function breakOf(b: PlannedBreakRow): ScheduleBreak {
  return { status: b.status, start: b.start, minutes: b.minutes, fixed: !b.auto };
}
