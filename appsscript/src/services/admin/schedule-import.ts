// Importing a roster grid: schedule.import.preview reads it (domain/roster) against Employees and the
// Schedule and says per cell what a commit would do; schedule.import.commit does it in one write, under the
// lock, audited. A commit replaces the named people's days on the grid's dates: a shift, a day off,
// vacation or sick leave, and an empty cell clears the day. A day already as the grid says is left alone
// (its breaks too), so the same grid imported twice changes nothing the second time; a shift whose times
// change keeps the hand-fixed breaks that still fit it and loses the planner's (plan again).
import type { AdminParsed, AdminReplies, RosterPreview } from '../../../../common/admin-api.ts';
import { readRoster, type RosterReading } from '../../domain/roster/read-roster.ts';
import type { RosterDay } from '../../domain/roster/conflicts.ts';
import type { Shift } from '../../domain/model.ts';
import { breakProblems, isAbsence, type ScheduleRow } from '../../store/validate.ts';
import { BadRequest } from '../../errors.ts';
import { auditOnce } from './audited.ts';
import type { AdminDeps } from './deps.ts';
import { mayManage } from './people.ts';
import { auditList, scopeGroups } from './schedule-scope.ts';
import { cellKey, datesAround, entryOf, planWrite, readScheduleTab, writeSchedule, type ScheduleTab } from './schedule-tab.ts';

type ImportRequest = AdminParsed<'schedule.import.preview'>;

export function previewImport(deps: AdminDeps, req: ImportRequest): AdminReplies['schedule.import.preview'] {
  return plan(deps, req).preview;
}

export function commitImport(deps: AdminDeps, req: AdminParsed<'schedule.import.commit'>): AdminReplies['schedule.import.commit'] {
  const result = deps.withLock(() => {
    // Read under the lock: what the Schedule holds now decides what changes.
    const planned = plan(deps, req);
    if (req.mode === 'all_or_nothing') refuseUnlessClean(planned.preview);
    const { tab, write } = planWrite(deps, planned.tab, planned.changes);
    if (!write) return { ...planned.preview, written: 0 };
    const items = [...planned.changes].map(([key, entry]) => `${key.replace('|', ' ')} ${describe(entry)}`);
    const dates = planned.preview.dates.map((d) => d.date);
    auditOnce(deps, req.request_id, {
      action: 'schedule.import',
      target: `${dates[0]}..${dates[dates.length - 1]}${req.group ? ` ${req.group}` : ''}`,
      before: null,
      after: { counts: planned.preview.counts, ...auditList(items) },
    });
    writeSchedule(deps, tab, write);
    return { ...planned.preview, written: write.cells };
  });
  deps.invalidateReference();
  return result;
}

interface Planned {
  preview: RosterPreview;
  tab: ScheduleTab;
  /** Each day to write (null: clear it), only those that change. */
  changes: Map<string, ScheduleRow | null>;
}

/** What the grid would do to the Schedule: the grid's dates (and the days beside them) are read, no others. */
function plan(deps: AdminDeps, req: ImportRequest): Planned {
  const groups = new Set(scopeGroups(deps, req.group));
  const reference = deps.reference();
  const employees = reference.employees.map((e) => ({ id: e.id, email: e.email, name: e.name, group: e.group, active: e.active }));
  const known = new Set(employees.map((e) => e.id));
  const unknownIds = req.mapping.flatMap((m, i) => (known.has(m.employee_id) ? [] : [{ field: `mapping[${i}].employee_id`, message: `no one has the id ${m.employee_id} / нет сотрудника с id ${m.employee_id}` }]));
  if (unknownIds.length > 0) throw new BadRequest(`Invalid mapping: ${unknownIds[0].message}`, `Неверное сопоставление: ${unknownIds[0].message}`, { fields: unknownIds });
  const options = { month: req.month, today: deps.dateOf(deps.now), mapping: new Map(req.mapping.map((m) => [m.row, m.employee_id])) };
  // The grid read once for its dates, then again with the Schedule's days beside them (for conflicts).
  const first = readRoster(req.rows, employees, options);
  if (!first.ok) throw new BadRequest(first.en, first.ru, { fields: [{ field: first.field, message: `${first.en} / ${first.ru}` }] });
  const tab: ScheduleTab = readScheduleTab(deps, datesAround(first.value.dates.map((d) => d.date)));
  const read = readRoster(req.rows, employees, { ...options, outside: (employeeId, date) => dayOf(entryOf(tab.byCell.get(cellKey(employeeId, date)))) });
  if (!read.ok) throw new BadRequest(read.en, read.ru, { fields: [{ field: read.field, message: `${read.en} / ${read.ru}` }] });
  const reading = read.value;
  for (const p of reading.people) {
    if (!p.employee_id || p.problem || !p.group) continue;
    if (!groups.has(p.group)) {
      p.problem = !mayManage(deps, p.group)
        ? `in ${p.group}, a group you do not lead / в группе ${p.group}, которой вы не руководите`
        : `in ${p.group}, not in ${req.group} / в группе ${p.group}, а не ${req.group}`;
    }
  }
  const changes = new Map<string, ScheduleRow | null>();
  const counts = countsOf(reading);
  const overlapping = new Set(reading.conflicts.filter((c) => c.kind === 'overlap').flatMap((c) => c.cells.filter((x) => x.row > 0).map((x) => `${x.row}|${x.column}`)));
  for (const p of reading.people) {
    if (!p.employee_id) continue;
    for (const cell of p.cells) {
      if (p.problem || cell.kind === 'bad' || overlapping.has(`${cell.row}|${cell.column}`)) {
        cell.change = 'skip';
        counts.skip++;
        continue;
      }
      const key = cellKey(p.employee_id, cell.date);
      const rows = tab.byCell.get(key);
      const existing = entryOf(rows);
      const wanted = wantedEntry(p.employee_id, cell, existing);
      if (wanted === null) cell.change = rows && rows.length > 0 ? 'clear' : 'none';
      else if (!existing) cell.change = rows && rows.length > 0 ? 'change' : 'add';
      else cell.change = sameDay(existing, wanted) && rows?.length === 1 ? 'same' : 'change';
      if (cell.change === 'add' || cell.change === 'change' || cell.change === 'clear') {
        counts[cell.change]++;
        changes.set(key, wanted);
      } else if (cell.change === 'same') counts.same++;
    }
  }
  return { preview: { ...reading, counts }, tab, changes };
}

/** The day a cell asks for: a shift keeps the hand-fixed breaks of the day's shift that still fit it. */
function wantedEntry(employeeId: string, cell: RosterPreview['people'][number]['cells'][number], existing: ScheduleRow | null): ScheduleRow | null {
  if (cell.kind === 'empty' || cell.kind === 'bad') return null;
  if (cell.kind !== 'shift') return { date: cell.date, employee_id: employeeId, day: cell.kind };
  const start = cell.start as string;
  const end = cell.end as string;
  if (existing && !isAbsence(existing) && existing.shift_start === start && existing.shift_end === end) return existing;
  const kept = existing && !isAbsence(existing) ? existing.breaks.filter((b) => !b.auto) : [];
  const breaks = kept.filter((b) => breakProblems([b], start, end).length === 0);
  const shift: Shift = { date: cell.date, employee_id: employeeId, shift_start: start, shift_end: end, breaks: breakProblems(breaks, start, end).length === 0 ? breaks : [] };
  return shift;
}

function sameDay(a: ScheduleRow, b: ScheduleRow): boolean {
  if (isAbsence(a) || isAbsence(b)) return isAbsence(a) && isAbsence(b) && a.day === b.day;
  return a.shift_start === b.shift_start && a.shift_end === b.shift_end;
}

function countsOf(r: RosterReading): RosterPreview['counts'] {
  const cells = r.people.flatMap((p) => p.cells);
  const kinds = (k: string) => cells.filter((c) => c.kind === k).length;
  return {
    people: r.people.length,
    matched: r.people.filter((p) => p.employee_id).length,
    unknown: r.people.filter((p) => !p.employee_id).length,
    shift: kinds('shift'),
    off: kinds('off'),
    vacation: kinds('vacation'),
    sick: kinds('sick'),
    empty: kinds('empty'),
    bad: kinds('bad'),
    conflicts: r.conflicts.length,
    add: 0,
    change: 0,
    same: 0,
    clear: 0,
    skip: 0,
  };
}

/** all_or_nothing: a grid with a bad cell, an overlap or a row that cannot be imported is refused whole. */
function refuseUnlessClean(p: RosterPreview): void {
  const unknown = p.people.filter((x) => !x.employee_id).map((x) => x.row);
  const problems = p.people.filter((x) => x.employee_id && x.problem).map((x) => ({ row: x.row, problem: x.problem }));
  const overlaps = p.conflicts.filter((c) => c.kind === 'overlap');
  if (p.bad.length === 0 && overlaps.length === 0 && unknown.length === 0 && problems.length === 0) return;
  throw new BadRequest(
    `Nothing imported: ${p.bad.length} bad cells, ${overlaps.length} overlapping shifts, ${unknown.length} unknown people, ${problems.length} rows that cannot be imported; fix them or import only the valid cells`,
    `Ничего не загружено: неверных ячеек ${p.bad.length}, пересечений смен ${overlaps.length}, неизвестных людей ${unknown.length}, строк, которые нельзя загрузить, ${problems.length}; исправьте их или загрузите только верные ячейки`,
    { bad: p.bad, conflicts: overlaps, unknown_rows: unknown, problems },
  );
}

function dayOf(entry: ScheduleRow | null): RosterDay | null {
  if (entry === null) return null;
  if (isAbsence(entry)) return { kind: entry.day, row: 0, column: 0 };
  return { kind: 'shift', start: entry.shift_start, end: entry.shift_end, row: 0, column: 0 };
}

function describe(entry: ScheduleRow | null): string {
  if (entry === null) return 'clear';
  return isAbsence(entry) ? entry.day : `${entry.shift_start}-${entry.shift_end}`;
}
