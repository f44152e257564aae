// The schedule editor's ops: schedule.get (people x days with each day's shift, breaks and version) and
// schedule.save (a batch of days, all or nothing: every problem by field, every conflict by cell).
import type { AdminParsed, AdminReplies, ScheduleCell, ScheduleIssue } from '../../../../common/admin-api.ts';
import { addDays, isDate } from '../../domain/calendar.ts';
import { personConflicts, type RosterDay } from '../../domain/roster/conflicts.ts';
import type { PlannedBreakRow } from '../../domain/model.ts';
import { breakProblems, inShiftOrder, isAbsence, type ScheduleRow } from '../../store/validate.ts';
import { BadRequest, Conflict, Forbidden } from '../../errors.ts';
import { appendAudit, auditedAlready } from './audited.ts';
import type { AdminDeps } from './deps.ts';
import { mayManage, viewerOf } from './people.ts';
import { auditList, scopeGroups } from './schedule-scope.ts';
import {
  cellHolds, cellKey, cellVersion, dateRange, datesAround, EMPTY_VERSION, entryOf, issueText, planWrite, readScheduleTab, recordOf, scheduleCellOf, writeSchedule,
  type ScheduleTab,
} from './schedule-tab.ts';
import { cellsFor, rowVersion } from './keyed-tab.ts';
import { TABS } from '../../store/schema.ts';

export function getSchedule(deps: AdminDeps, req: AdminParsed<'schedule.get'>): AdminReplies['schedule.get'] {
  const groups = new Set(scopeGroups(deps, req.group));
  const reference = deps.reference();
  const tab = readScheduleTab(deps, dateRange(req.from, req.to));
  const dates: string[] = [];
  for (let d = req.from; d <= req.to; d = addDays(d, 1)) dates.push(d);
  const inRange = (date: string) => date >= req.from && date <= req.to;
  const people = reference.employees.filter((e) => groups.has(e.group));
  const ids = new Set(people.map((e) => e.id));
  const cells: ScheduleCell[] = [];
  const issues: ScheduleIssue[] = [];
  const withDays = new Set<string>();
  for (const rows of tab.byCell.values()) {
    const { employee_id, date } = rows[0];
    if (!ids.has(employee_id) || !inRange(date)) continue;
    withDays.add(employee_id);
    const version = cellVersion(rows);
    const entry = entryOf(rows);
    if (entry) cells.push(scheduleCellOf(entry, version));
    const used = rows.find((r) => r.entry !== null);
    for (const r of rows) {
      if (r === used) continue;
      const { column, message } = r.entry ? { column: 'date', message: `a second row for this day; row ${used?.row} is the one used / вторая строка на этот день; используется строка ${used?.row}` } : issueText(r);
      issues.push({ row: r.row, employee_id, date, column, message, version });
    }
  }
  return {
    from: req.from,
    to: req.to,
    dates,
    // Someone deactivated keeps their row while they still have days in the range.
    people: people.filter((e) => e.active || withDays.has(e.id)).map((e) => ({ id: e.id, name: e.name, group: e.group, active: e.active })),
    cells: cells.sort((a, b) => (a.employee_id === b.employee_id ? (a.date < b.date ? -1 : 1) : a.employee_id < b.employee_id ? -1 : 1)),
    empty_version: EMPTY_VERSION,
    issues: issues.sort((a, b) => a.row - b.row),
    groups: reference.groups.filter((g) => groups.has(g.name)).map((g) => ({ name: g.name, max_concurrent_breaks: g.max_concurrent_breaks, rule_set: g.rule_set })),
    statuses: reference.statuses.filter((s) => s.kind === 'break' || s.kind === 'lunch').map((s) => ({ code: s.code, label_ru: s.label_ru, label_en: s.label_en, kind: s.kind })),
    viewer: viewerOf(deps),
    time_zone: deps.tables().timeZone,
  };
}

type Change = AdminParsed<'schedule.save'>['changes'][number];

export function saveSchedule(deps: AdminDeps, req: AdminParsed<'schedule.save'>): AdminReplies['schedule.save'] {
  const entries = checkChanges(deps, req.changes);
  const written = deps.withLock(() => {
    // The changed days and the days beside them (a night shift may run into the next day), never the rest.
    const tab = readScheduleTab(deps, datesAround(req.changes.map((c) => c.date)));
    const retry = auditedAlready(deps, req.request_id);
    // A retry after a cut finds its own Audit row: its first try may have moved the versions already.
    if (!retry) checkVersions(tab, req.changes, entries);
    checkOverlaps(tab, req.changes, entries);
    const changes = new Map(req.changes.map((c, i) => [cellKey(c.employee_id, c.date), entries[i]]));
    const planned = planWrite(deps, tab, changes);
    const write = planned.write;
    if (!write) return 0;
    if (!retry) {
      const items = req.changes.flatMap((c, i) => (cellHolds(tab.byCell.get(cellKey(c.employee_id, c.date)), entries[i]) ? [] : [`${c.employee_id} ${c.date} ${describe(entries[i])}`]));
      appendAudit(deps, req.request_id, { action: 'schedule.save', target: `${items.length} cells`, before: null, after: auditList(items) });
    }
    writeSchedule(deps, planned.tab, write);
    return write.cells;
  });
  // Also after a retry that found everything written: the cache may predate the first try.
  deps.invalidateReference();
  const cells = entries.flatMap((e) => (e === null ? [] : [scheduleCellOf(e, rowVersion(cellsFor(TABS.Schedule, recordOf(e))))]));
  return { cells, written };
}

/** Each change as the day it asks for (null: clear), or every problem by field at once. */
function checkChanges(deps: AdminDeps, changes: readonly Change[]): (ScheduleRow | null)[] {
  const reference = deps.reference();
  const employees = new Map(reference.employees.map((e) => [e.id, e]));
  const statuses = new Set(reference.statuses.map((s) => s.code));
  const fields: { field: string; message: string }[] = [];
  const forbidden: { field: string; message: string }[] = [];
  const seen = new Map<string, number>();
  const entries = changes.map((c, i): ScheduleRow | null => {
    const at = `changes[${i}]`;
    const problem = (field: string, en: string, ru: string) => fields.push({ field: `${at}${field}`, message: `${en} / ${ru}` });
    const employee = employees.get(c.employee_id);
    if (!employee) problem('.employee_id', `no one has the id ${c.employee_id}`, `нет сотрудника с id ${c.employee_id}`);
    else if (!mayManage(deps, employee.group)) forbidden.push({ field: `${at}.employee_id`, message: `${employee.name} is in ${employee.group}, a group you do not lead / ${employee.name} в группе ${employee.group}, которой вы не руководите` });
    if (!isDate(c.date)) problem('.date', `no such date: ${c.date}`, `такой даты нет: ${c.date}`);
    const key = cellKey(c.employee_id, c.date);
    if (seen.has(key)) problem('', `the same day as changes[${seen.get(key)}]`, `тот же день, что и changes[${seen.get(key)}]`);
    seen.set(key, i);
    if (c.kind !== 'shift') {
      if (c.start !== undefined || c.end !== undefined || c.breaks.length > 0) {
        problem('.kind', `a ${c.kind} has no times or breaks`, `у «${c.kind}» нет времени и перерывов`);
      }
      return c.kind === 'clear' ? null : { date: c.date, employee_id: c.employee_id, day: c.kind };
    }
    if (c.start === undefined) problem('.start', 'a shift needs its start', 'у смены должно быть начало');
    if (c.end === undefined) problem('.end', 'a shift needs its end', 'у смены должен быть конец');
    if (c.start === undefined || c.end === undefined) return null;
    if (c.start === c.end) problem('.end', 'the shift ends when it starts', 'смена заканчивается, когда начинается');
    const breaks: PlannedBreakRow[] = c.breaks.map((b) => (b.fixed ? { status: b.status, start: b.start, minutes: b.minutes } : { status: b.status, start: b.start, minutes: b.minutes, auto: true }));
    c.breaks.forEach((b, j) => {
      if (!statuses.has(b.status)) problem(`.breaks[${j}].status`, `no status "${b.status}" in Statuses`, `статуса «${b.status}» нет во вкладке Statuses`);
    });
    if (c.start !== c.end) for (const p of breakProblems(breaks, c.start, c.end)) problem('.breaks', p.en, p.ru);
    return { date: c.date, employee_id: c.employee_id, shift_start: c.start, shift_end: c.end, breaks: inShiftOrder(breaks, c.start) };
  });
  if (forbidden.length > 0) throw new Forbidden(`Not your group: ${forbidden[0].field}`, `Не ваша группа: ${forbidden[0].field}`, { fields: forbidden });
  if (fields.length > 0) {
    throw new BadRequest(`Invalid schedule.save: ${fields[0].field}: ${fields[0].message}`, `Неверный запрос schedule.save: ${fields[0].field}: ${fields[0].message}`, { fields });
  }
  return entries;
}

/** A day someone changed since it was read is a conflict, unless it already holds what this save asks. */
function checkVersions(tab: ScheduleTab, changes: readonly Change[], entries: readonly (ScheduleRow | null)[]): void {
  const cells = changes.flatMap((c, i) => {
    const rows = tab.byCell.get(cellKey(c.employee_id, c.date));
    const current = cellVersion(rows);
    if (cellHolds(rows, entries[i]) || (c.version ?? EMPTY_VERSION) === current) return [];
    const entry = entryOf(rows);
    return [{ index: i, employee_id: c.employee_id, date: c.date, version: current, current: entry ? scheduleCellOf(entry, current) : null }];
  });
  if (cells.length > 0) {
    throw new Conflict(
      `${cells.length} of these days were changed by someone else since you opened them; here is what they are now`,
      `${cells.length} из этих дней кто-то изменил, пока вы редактировали; вот какие они сейчас`,
      { cells },
    );
  }
}

/** A night shift may not run into the next day's shift of the same person, in the save or in the tab. */
function checkOverlaps(tab: ScheduleTab, changes: readonly Change[], entries: readonly (ScheduleRow | null)[]): void {
  const byPerson = new Map<string, Map<string, RosterDay>>();
  const indexOf = new Map<string, number>();
  changes.forEach((c, i) => {
    const days = byPerson.get(c.employee_id) ?? new Map<string, RosterDay>();
    days.set(c.date, dayOf(entries[i]));
    byPerson.set(c.employee_id, days);
    indexOf.set(cellKey(c.employee_id, c.date), i);
  });
  const fields: { field: string; message: string }[] = [];
  for (const [employee, days] of byPerson) {
    const outside = (date: string) => {
      const e = entryOf(tab.byCell.get(cellKey(employee, date)));
      return e ? dayOf(e) : null;
    };
    for (const c of personConflicts(employee, days, outside)) {
      if (c.kind !== 'overlap') continue;
      const i = c.cells.map((x) => indexOf.get(cellKey(employee, x.date))).find((x) => x !== undefined);
      if (i !== undefined) fields.push({ field: `changes[${i}]`, message: c.message });
    }
  }
  if (fields.length > 0) {
    throw new BadRequest(`Invalid schedule.save: ${fields[0].field}: ${fields[0].message}`, `Неверный запрос schedule.save: ${fields[0].field}: ${fields[0].message}`, { fields });
  }
}

function dayOf(entry: ScheduleRow | null): RosterDay {
  if (entry === null) return { kind: 'empty', row: 0, column: 0 };
  if (isAbsence(entry)) return { kind: entry.day, row: 0, column: 0 };
  return { kind: 'shift', start: entry.shift_start, end: entry.shift_end, row: 0, column: 0 };
}

function describe(entry: ScheduleRow | null): string {
  if (entry === null) return 'clear';
  if (isAbsence(entry)) return entry.day;
  const breaks = entry.breaks.length > 0 ? ` [${recordOf(entry).breaks as string}]` : '';
  return `${entry.shift_start}-${entry.shift_end}${breaks}`;
}
