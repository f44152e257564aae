// Violation review: the violations of the days asked for, the person's timeline of a day beside them, and a
// lead's decision on one or many (the same decision as the bot's buttons: services/violation-decisions.ts).
// A lead sees and decides only for the groups they lead.
//
// Reads stay bounded by the days asked for: Violations from the first row of the oldest date (the checkBreaks
// state in Settings keeps it for 31 days, so that is how far back a list may reach); a day's timeline from
// Current (today, or a day nobody has synced past yet) or from its Daily row (found with one search on the
// date column). Never Log.
import type { AdminParsed, AdminReplies } from '../../../../common/admin-api.ts';
import { addDays } from '../../domain/calendar.ts';
import { scheduleOf } from '../../domain/today.ts';
import { segments } from '../../domain/timeline.ts';
import { TABS, columnIndex } from '../../store/schema.ts';
import { decodeRecord } from '../../store/records.ts';
import { BadRequest, Forbidden, NotFound } from '../../errors.ts';
import { openWindow } from '../tab-window.ts';
import { readState } from '../violations.ts';
import { decideViolations, recordOf } from '../violation-decisions.ts';
import { readDailyTimeline } from '../day-timeline.ts';
import type { AdminDeps } from './deps.ts';
import { mayManage, viewerOf } from './people.ts';

export { setStatus } from './corrections.ts';

/** How far back a list reaches: the checkBreaks state remembers each date's first row this long. */
export const REVIEW_DAYS = 31;

export function listViolations(deps: AdminDeps, req: AdminParsed<'violations.list'>): AdminReplies['violations.list'] {
  const reference = deps.reference();
  const today = deps.dateOf(deps.now);
  if (req.to < req.from) throw fieldError('to', 'The period ends before it starts', 'Период заканчивается раньше, чем начинается');
  if (req.from < addDays(today, -REVIEW_DAYS)) {
    throw fieldError('from', `Violations can be listed for the last ${REVIEW_DAYS} days`, `Нарушения можно посмотреть за последние ${REVIEW_DAYS} дн.`);
  }
  if (req.group !== undefined) checkGroup(deps, req.group);
  const people = new Map(reference.employees.map((e) => [e.id, e]));
  if (req.employee_id !== undefined) {
    const person = people.get(req.employee_id);
    if (person && !mayManage(deps, person.group)) throw notYours(person.group, 'employee_id');
  }

  const state = readState(deps.tables().settings());
  const firsts = Object.entries(state.vrows).filter(([d]) => d >= req.from && d <= req.to).map(([, row]) => row);
  if (firsts.length === 0) return { rows: [], viewer: viewerOf(deps), time_zone: deps.tables().timeZone };
  // Rows of a later date may lie between (the rollover writes a day's last ones the next morning): filtered out.
  const window = openWindow(deps.port, 'Violations', Math.min(...firsts), deps.cells);
  const rows = window.rows
    .map((r) => recordOf(r.values, people))
    .filter(
      (v) =>
        v.id !== '' &&
        v.date >= req.from &&
        v.date <= req.to &&
        mayManage(deps, v.group) &&
        (req.group === undefined || v.group === req.group) &&
        (req.employee_id === undefined || v.employee_id === req.employee_id) &&
        (req.resolution === undefined || v.resolution === req.resolution),
    )
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : (b.detected_at ?? 0) - (a.detected_at ?? 0)));
  return { rows, viewer: viewerOf(deps), time_zone: deps.tables().timeZone };
}

export function violationDay(deps: AdminDeps, req: AdminParsed<'violations.day'>): AdminReplies['violations.day'] {
  const reference = deps.reference();
  const person = reference.employees.find((e) => e.id === req.employee_id);
  if (!person) throw new NotFound(`No person with id ${req.employee_id}`, `Нет сотрудника с id ${req.employee_id}`, { field: 'employee_id' });
  if (!mayManage(deps, person.group)) throw notYours(person.group, 'employee_id');
  const cal = deps.calendarFns();
  const today = cal.dateOf(deps.now);
  if (req.date > today) return { date: req.date, time_zone: deps.tables().timeZone, timeline: [], schedule: null };

  // Current holds the person's latest day: today's, or an earlier one they have not synced past yet.
  const c = deps.tables().current().find((x) => x.employee_id === person.id);
  if (req.date === today || c?.day === req.date) {
    const shift = reference.schedule.find((s) => s.date === req.date && s.employee_id === person.id);
    const until = req.date === today ? deps.now : cal.zonedTime(addDays(req.date, 1), '00:00');
    return {
      date: req.date,
      time_zone: deps.tables().timeZone,
      timeline: c && c.day === req.date ? segments(c.timeline, until) : [],
      schedule: shift ? scheduleOf(shift, cal.zonedTime) : null,
    };
  }

  // An earlier day: its Daily row, written by the rollover in one block with the rest of that date's rows.
  const spec = TABS.Daily;
  const found = deps.port.findInColumn(spec.name, columnIndex('Daily', 'date') + 1, req.date);
  if (found.length === 0) return { date: req.date, time_zone: deps.tables().timeZone, timeline: [], schedule: null };
  const first = Math.min(...found);
  const cells = deps.port.readRows(spec.name, first, Math.max(...found) - first + 1, spec.columns.length);
  const mine = cells
    .map((row, i) => decodeRecord(spec, row, first + i, deps.cells).values)
    .filter((v) => v.employee_id === person.id && v.date === req.date)
    .pop();
  const day = readDailyTimeline(mine?.timeline);
  return { date: req.date, time_zone: deps.tables().timeZone, timeline: day?.segments ?? [], schedule: day?.schedule ?? null };
}

export function resolveViolations(deps: AdminDeps, req: AdminParsed<'violations.resolve'>): AdminReplies['violations.resolve'] {
  const ids = req.ids ?? (req.id !== undefined ? [req.id] : []);
  const reference = deps.reference();
  const people = new Map(reference.employees.map((e) => [e.id, e]));
  return deps.withLock(() => {
    const decided = decideViolations(
      { now: deps.now, io: { port: deps.port, ctx: deps.cells }, reference, settings: deps.tables().settings() },
      { email: deps.caller.email, name: deps.caller.employee?.name ?? deps.caller.email, groups: reference.groups.map((g) => g.name).filter((g) => mayManage(deps, g)) },
      { ids, resolution: req.resolution, note: req.note, notify: true },
    );
    return { rows: decided.map((d) => recordOf(d.values, people)) };
  });
}

function checkGroup(deps: AdminDeps, group: string): void {
  if (!deps.reference().groups.some((g) => g.name === group)) throw fieldError('group', `There is no group ${group}`, `Нет группы ${group}`);
  if (!mayManage(deps, group)) throw notYours(group, 'group');
}

function notYours(group: string, field: string): Forbidden {
  return new Forbidden(`You do not lead the group ${group}`, `Вы не руководите группой ${group}`, { field });
}

function fieldError(field: string, english: string, russian: string): BadRequest {
  return new BadRequest(english, russian, { fields: [{ field, message: `${english} / ${russian}` }] });
}
