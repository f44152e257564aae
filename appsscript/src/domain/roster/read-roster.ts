// A roster grid as the admin pasted or selected it, read whole: the date row, the people, every cell,
// who is unknown (with the closest matches), the conflicts and the bad cells. Pure: the service brings
// Employees, the options and the Schedule days next to the grid's dates.
import type { RosterCell, RosterPerson, RosterPreview } from '../../../../common/admin-api.ts';
import { findDateRow } from './date-row.ts';
import { findPeopleColumns } from './people-columns.ts';
import { PeopleIndex, type RosterEmployee } from './people.ts';
import { personConflicts, type RosterDay } from './conflicts.ts';
import { readCell } from './shift-cell.ts';
import { cleanText, foldText, isEmailText } from './text.ts';

/** What the grid says, before a commit is weighed against the tab: the preview without its counts. */
export type RosterReading = Omit<RosterPreview, 'counts'>;

export interface ReadRosterOptions {
  /** 'YYYY-MM' for bare day numbers. */
  month?: string;
  /** 'yyyy-MM-dd': dates without a year go to the year nearest to it. */
  today: string;
  /** Grid rows (1-based) the admin matched by hand: row -> Employees id. */
  mapping?: ReadonlyMap<number, string>;
  /** A person's Schedule day for a date next to the grid's, for conflicts across its edges. */
  outside?: (employeeId: string, date: string) => RosterDay | null;
}

export type ReadRosterResult = { ok: true; value: RosterReading } | { ok: false; field: 'rows' | 'month'; en: string; ru: string };

// \b knows no Cyrillic letters, so the end of the word is spelled out.
const TOTALS = /^(итого|всего|итог|total|totals|sum|на смене|on shift|кол-во|количество|count)(?=$|[\s:.,])/;

export function readRoster(rows: readonly (readonly string[])[], employees: readonly RosterEmployee[], o: ReadRosterOptions): ReadRosterResult {
  const found = findDateRow(rows, { month: o.month, today: o.today });
  if (!found.ok) return found;
  const header = found.value;
  const dateColumns = new Set(header.columns.map((c) => c.column));
  const width = Math.max(0, ...rows.map((r) => r.length));
  const otherColumns = Array.from({ length: width }, (_, c) => c).filter((c) => !dateColumns.has(c));
  const weekday = new Set(header.weekdayRows);
  const dataRows = rows.map((_, r) => r).filter((r) => r > header.row && !weekday.has(r));
  const index = new PeopleIndex(employees);
  const columns = findPeopleColumns(rows, dataRows, otherColumns, index);
  if (!columns) {
    return { ok: false, field: 'rows', en: 'No column of names or e-mails found beside the dates', ru: 'Рядом с датами не найден столбец с именами или адресами почты' };
  }
  const byId = new Map(employees.map((e) => [e.id, e]));
  const people: RosterPerson[] = [];
  const skipped: RosterReading['skipped'] = [];
  for (const r of dataRows) {
    const cells = rows[r];
    const name = columns.name.map((c) => cleanText(cells[c] ?? '')).filter(Boolean).join(' ');
    const emailCell = columns.email === null ? '' : cleanText(cells[columns.email] ?? '');
    const email = isEmailText(emailCell) ? emailCell : '';
    const readings: RosterCell[] = header.columns.map(({ column, date }) => {
      const text = cells[column] ?? '';
      const reading = readCell(text);
      return { row: r + 1, column: column + 1, date, text, ...reading };
    });
    const blank = readings.every((c) => c.kind === 'empty');
    const shown = name || email;
    if (shown === '') {
      if (!blank) skipped.push({ row: r + 1, text: '', reason: 'days without a name or e-mail / дни без имени и почты' });
      continue;
    }
    if (TOTALS.test(foldText(shown))) {
      skipped.push({ row: r + 1, text: shown, reason: 'a totals row / строка итогов' });
      continue;
    }
    const person = identify(index, byId, o.mapping?.get(r + 1), email, name);
    if (!person.employee_id && !person.ambiguous && blank) {
      skipped.push({ row: r + 1, text: shown, reason: 'names nobody and holds no days (a title?) / никого не называет и без дней (заголовок?)' });
      continue;
    }
    people.push({
      row: r + 1,
      text: shown,
      employee_id: person.employee_id,
      matched_by: person.by,
      ...(person.employee_id ? { name: byId.get(person.employee_id)?.name, group: byId.get(person.employee_id)?.group } : {}),
      ...(person.problem ? { problem: person.problem } : {}),
      closest: person.employee_id ? [] : person.closest(shown),
      cells: readings,
    });
  }
  markProblems(people, byId);
  const conflicts = people
    .filter((p) => p.employee_id && !p.problem)
    .flatMap((p) => {
      const days = new Map(p.cells.map((c) => [c.date, c as RosterDay]));
      return personConflicts(p.employee_id as string, days, (date) => o.outside?.(p.employee_id as string, date) ?? null);
    });
  const bad = people.flatMap((p) => p.cells.filter((c) => c.kind === 'bad').map((c) => ({ row: c.row, column: c.column, text: c.text, reason: c.reason ?? '' })));
  const peopleColumns = [...columns.name, ...(columns.email === null ? [] : [columns.email])].sort((a, b) => a - b).map((c) => c + 1);
  return {
    ok: true,
    value: {
      header_row: header.row + 1,
      weekday_rows: header.weekdayRows.map((r) => r + 1),
      people_columns: peopleColumns,
      month: header.month,
      dates: header.columns.map((c) => ({ column: c.column + 1, date: c.date })),
      people,
      conflicts,
      bad,
      skipped,
    },
  };
}

interface Identified {
  employee_id: string | null;
  by: RosterPerson['matched_by'];
  ambiguous?: boolean;
  problem?: string;
  closest(text: string): RosterPerson['closest'];
}

function identify(index: PeopleIndex, byId: ReadonlyMap<string, RosterEmployee>, mapped: string | undefined, email: string, name: string): Identified {
  const none = (closest: Identified['closest'], extra: Partial<Identified> = {}): Identified => ({ employee_id: null, by: null, closest, ...extra });
  if (mapped !== undefined) {
    if (byId.has(mapped)) return { employee_id: mapped, by: 'mapping', closest: () => [] };
    return none((t) => index.closest(t), { problem: `no one in Employees has the id ${mapped} / в Employees нет id ${mapped}` });
  }
  for (const text of [email, name]) {
    if (text === '') continue;
    const m = index.exact(text);
    if (m && 'employee' in m) return { employee_id: m.employee.id, by: m.by, closest: () => [] };
    if (m) {
      const list = m.ambiguous.map((e) => ({ employee_id: e.id, name: e.name, email: e.email, group: e.group, score: 1 }));
      return none(() => list, {
        ambiguous: true,
        problem: `${list.length} people are called ${text}: choose one / ${list.length} сотрудника с именем ${text}: выберите одного`,
      });
    }
  }
  return none((t) => index.closest(t));
}

/** A person listed twice cannot be imported from either row (which is right?); an inactive one not at all. */
function markProblems(people: RosterPerson[], byId: ReadonlyMap<string, RosterEmployee>): void {
  const rowsOf = new Map<string, number[]>();
  for (const p of people) if (p.employee_id) rowsOf.set(p.employee_id, [...(rowsOf.get(p.employee_id) ?? []), p.row]);
  for (const p of people) {
    if (!p.employee_id || p.problem) continue;
    const rows = rowsOf.get(p.employee_id) ?? [];
    if (rows.length > 1) {
      p.problem = `listed on rows ${rows.join(', ')}: keep one / указан в строках ${rows.join(', ')}: оставьте одну`;
    } else if (byId.get(p.employee_id)?.active === false) {
      p.problem = 'deactivated: no shifts are imported / деактивирован: смены не загружаются';
    }
  }
}
