// Reading roster grids as call centres keep them, Russian and English: the date row in its many forms,
// weekday rows, the people column(s), every kind of cell, who is unknown and who is near, conflicts and
// bad cells. Each test is one real-looking grid.
import { describe, expect, it } from 'vitest';
import { readRoster, type ReadRosterOptions, type RosterReading } from '../../appsscript/src/domain/roster/read-roster.ts';
import { demoTeam } from '../../appsscript/src/domain/demo-team.ts';
import { splitPasted } from '../../common/pasted-grid.ts';
import type { RosterPerson } from '../../common/admin-api.ts';

const TODAY = '2026-11-24';
const EMPLOYEES = demoTeam(TODAY).employees.map((e) => ({ id: e.id, email: e.email, name: e.name, group: e.group, active: e.active }));

function read(rows: string[][], o: Partial<ReadRosterOptions> = {}): RosterReading {
  const r = readRoster(rows, EMPLOYEES, { today: TODAY, ...o });
  if (!r.ok) throw new Error(`${r.field}: ${r.en}`);
  return r.value;
}
const person = (r: RosterReading, id: string): RosterPerson => {
  const p = r.people.find((x) => x.employee_id === id);
  if (!p) throw new Error(`${id} not read; people: ${r.people.map((x) => x.text).join(', ')}`);
  return p;
};
/** A person's days as short text: 2026-12-01 09:00-18:00, 2026-12-02 off, ... */
const days = (p: RosterPerson) => p.cells.map((c) => `${c.date.slice(5)} ${c.kind === 'shift' ? `${c.start}-${c.end}` : c.kind}`);

describe('Russian grids', () => {
  it('1. ФИО surname first, dd.mm dates, a weekday row below, В/О/Б marks, totals row and column', () => {
    const r = read([
      ['График работы, декабрь', '', '', '', '', ''],
      ['ФИО', '01.12', '02.12', '03.12', '04.12', 'Часы'],
      ['', 'вт', 'ср', 'чт', 'пт', ''],
      ['Иванова Анна', '9-18', '9-18', 'В', 'О', '18'],
      ['Петров Дмитрий', '10-19', 'Б', 'б/л', 'вых', '9'],
      ['Итого на смене', '2', '1', '0', '0', ''],
    ]);
    expect(r.header_row).toBe(2);
    expect(r.weekday_rows).toEqual([3]);
    expect(r.people_columns).toEqual([1]);
    expect(r.dates.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(days(person(r, 'e001'))).toEqual(['12-01 09:00-18:00', '12-02 09:00-18:00', '12-03 off', '12-04 vacation']);
    expect(days(person(r, 'e002'))).toEqual(['12-01 10:00-19:00', '12-02 sick', '12-03 sick', '12-04 off']);
    expect(r.skipped.map((s) => s.row)).toEqual([6]);
    expect(r.bad).toEqual([]);
  });

  it('2. bare day numbers with the month chosen, a weekday row above, full words выходной/отпуск/больничный', () => {
    const r = read(
      [
        ['', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'],
        ['Сотрудник', '1', '2', '3', '4', '5', '6', '7'],
        ['Кузнецова Мария', '8:30-17:30', '8:30-17:30', 'выходной', 'отпуск', 'отпуск', 'больничный', ''],
      ],
      { month: '2027-03' },
    );
    expect(r.month).toBe('2027-03');
    expect(r.weekday_rows).toEqual([1]);
    expect(days(person(r, 'e005'))).toEqual(['03-01 08:30-17:30', '03-02 08:30-17:30', '03-03 off', '03-04 vacation', '03-05 vacation', '03-06 sick', '03-07 empty']);
  });

  it('3. bare day numbers whose month comes from the title above', () => {
    const r = read([
      ['График работы на декабрь 2026 г.'],
      ['ФИО', '29', '30', '31'],
      ['Иванова Анна', '9-18', '9-18', 'В'],
    ]);
    expect(r.month).toBe('2026-12');
    expect(person(r, 'e001').cells.map((c) => c.date)).toEqual(['2026-12-29', '2026-12-30', '2026-12-31']);
  });

  it('4. bare day numbers and no month anywhere: asks for the month', () => {
    const r = readRoster([['ФИО', '1', '2', '3'], ['Иванова Анна', '9-18', '9-18', 'В']], EMPLOYEES, { today: TODAY });
    expect(r).toMatchObject({ ok: false, field: 'month' });
  });

  it('5. surname and name in two columns, ё written as е, a position column, full dates 1.12.2026', () => {
    const r = read([
      ['Фамилия', 'Имя', 'Должность', '1.12.2026', '2.12.2026', '3.12.2026'],
      ['Семенова', 'Светлана', 'оператор', '9:00-18:00', '9:00-18:00', 'В'],
      ['Федорова', 'Татьяна', 'старший оператор', '10:00–19:00', 'В', '10:00–19:00'],
    ]);
    expect(r.people_columns).toEqual([1, 2]);
    expect(days(person(r, 'e025'))).toEqual(['12-01 09:00-18:00', '12-02 09:00-18:00', '12-03 off']);
    expect(days(person(r, 'e018'))).toEqual(['12-01 10:00-19:00', '12-02 off', '12-03 10:00-19:00']);
  });

  it('6. weekday and date in one cell ("пн 01.12", "01.12 (вт)"), and ranges written с 9 до 18, 9.00-18.00', () => {
    const r = read([
      ['ФИО', 'пн 30.11', '01.12 (вт)', 'ср, 02.12'],
      ['Соколов Алексей', 'с 9 до 18', '9.00-18.00', '9 - 18'],
    ]);
    expect(r.dates.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(days(person(r, 'e007'))).toEqual(['11-30 09:00-18:00', '12-01 09:00-18:00', '12-02 09:00-18:00']);
  });

  it('7. a grid across the new year: dates without a year go to the nearest one', () => {
    const r = read([
      ['ФИО', '30.12', '31.12', '01.01', '02.01'],
      ['Лебедев Иван', '9-18', 'В', 'В', '9-18'],
    ]);
    expect(r.dates.map((d) => d.date)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('8. date cells shown as "1 дек. 2026 г." and "01.12.2026 0:00:00"', () => {
    const long = read([['ФИО', '1 дек. 2026 г.', '2 декабря 2026'], ['Попова Екатерина', '9-18', 'отп']]);
    expect(long.dates.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02']);
    const timed = read([['ФИО', '01.12.2026 0:00:00', '02.12.2026 0:00:00'], ['Попова Екатерина', '9-18', 'отп.']]);
    expect(days(person(timed, 'e008'))).toEqual(['12-01 09:00-18:00', '12-02 vacation']);
  });

  it('9. night shifts: 21-09 into a day off is a warning, into a morning shift an overlap', () => {
    const r = read([
      ['ФИО', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'],
      ['Новиков Сергей', '21-09', 'В', '21-09', '08-17'],
    ]);
    const p = person(r, 'e013');
    expect(p.cells[0]).toMatchObject({ kind: 'shift', start: '21:00', end: '09:00', overnight: true });
    expect(r.conflicts.map((c) => [c.kind, c.cells.map((x) => x.date)])).toEqual([
      ['night_into_day_off', ['2026-12-01', '2026-12-02']],
      ['overlap', ['2026-12-03', '2026-12-04']],
    ]);
    expect(r.conflicts[0].message).toContain(' / Ночная смена 01.12.2026 (21:00–09:00) заходит на выходной 02.12.2026');
    expect(r.conflicts[1].message).toContain('overlaps the shift of 2026-12-04 (08:00–17:00)');
  });

  it('10. a name with the patronymic is the person; a typo, initials or a surname alone are only close', () => {
    const r = read([
      ['ФИО', '01.12'],
      ['Иванова Анна Сергеевна', '9-18'],
      ['Петрв Дмитрий', '9-18'],
      ['Козлова Н.', '9-18'],
      ['Волков', '9-18'],
    ]);
    expect(person(r, 'e001').matched_by).toBe('name');
    const unknown = r.people.filter((p) => p.employee_id === null);
    expect(unknown.map((p) => [p.text, p.closest[0]?.employee_id])).toEqual([
      ['Петрв Дмитрий', 'e002'],
      ['Козлова Н.', 'e012'],
      ['Волков', 'e016'],
    ]);
    const [typo, initials, surname] = unknown.map((p) => p.closest[0].score);
    expect(typo).toBeGreaterThan(initials);
    expect(initials).toBeGreaterThan(surname);
    expect(surname).toBe(0.5);
  });

  it('11. bad cells say where and why, in both languages', () => {
    const r = read([
      ['ФИО', '01.12', '02.12', '03.12', '04.12', '05.12', '06.12'],
      ['Иванова Анна', '9-25', '12', 'обучение', '9-9', 'B', 'Я'],
    ]);
    expect(r.bad.map((b) => [b.row, b.column, b.text])).toEqual([
      [2, 2, '9-25'], [2, 3, '12'], [2, 4, 'обучение'], [2, 5, '9-9'], [2, 6, 'B'], [2, 7, 'Я'],
    ]);
    expect(r.bad[0].reason).toBe('25 is not a time of day / 25 — не время суток');
    expect(r.bad[1].reason).toContain('one number is not a shift');
    expect(r.bad[3].reason).toContain('смена заканчивается, когда начинается');
    expect(r.bad[4].reason).toContain('латинская B');
    for (const b of r.bad) expect(b.reason).toMatch(/ \/ .*[а-я]/);
  });

  it('12. the same person twice, a deactivated person, two people of one name: nobody of them imported', () => {
    const r = read([
      ['ФИО', '01.12'],
      ['Иванова Анна', '9-18'],
      ['Богданов Роман', '9-18'],
      ['Анна Иванова', '10-19'],
    ]);
    expect(r.people.map((p) => [p.row, p.employee_id, p.problem?.split(' / ')[0]])).toEqual([
      [2, 'e001', 'listed on rows 2, 4: keep one'],
      [3, 'e030', 'deactivated: no shifts are imported'],
      [4, 'e001', 'listed on rows 2, 4: keep one'],
    ]);
    const twins = readRoster([['ФИО', '01.12'], ['Анна Иванова', '9-18']], [...EMPLOYEES, { id: 'e099', email: 'anna.i@example.com', name: 'Иванова Анна', group: 'billing', active: true }], { today: TODAY });
    expect(twins.ok && twins.value.people[0]).toMatchObject({ employee_id: null, closest: [{ employee_id: 'e001' }, { employee_id: 'e099' }] });
  });

  it('13. a section title without days is skipped, a row of days without a name is reported', () => {
    const r = read([
      ['ФИО', '01.12', '02.12'],
      ['Группа поддержки 1', '', ''],
      ['Иванова Анна', '9-18', 'В'],
      ['', '9-18', '9-18'],
      ['', '', ''],
    ]);
    expect(r.people.map((p) => p.employee_id)).toEqual(['e001']);
    expect(r.skipped.map((s) => s.row)).toEqual([2, 4]);
  });
});

describe('English grids', () => {
  it('14. Name first, dates shown as "1-Dec", times 09:00-18:00, off / vac / sick', () => {
    const r = read([
      ['Agent', '1-Dec', '2-Dec', '3-Dec', '4-Dec'],
      ['James Carter', '09:00-18:00', 'OFF', 'Vac', 'Sick'],
      ['Emily Johnson', '12:00-21:00', '12:00-21:00', 'day off', 'sick leave'],
    ]);
    expect(days(person(r, 'e004'))).toEqual(['12-01 09:00-18:00', '12-02 off', '12-03 vacation', '12-04 sick']);
    expect(days(person(r, 'e006'))).toEqual(['12-01 12:00-21:00', '12-02 12:00-21:00', '12-03 off', '12-04 sick']);
  });

  it('15. a US locale shows real date cells month first (12/1/2026), marks PTO / SL / RD', () => {
    const r = read([
      ['Employee', '12/1/2026', '12/2/2026', '12/3/2026', '12/4/2026'],
      ['Carter, James', '7-15', 'PTO', 'SL', 'RD'],
    ]);
    expect(r.dates.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(days(person(r, 'e004'))).toEqual(['12-01 07:00-15:00', '12-02 vacation', '12-03 sick', '12-04 off']);
    // A day over 12 settles it the other way: 13/12 is the 13th of December.
    expect(read([['Name', '13/12', '14/12'], ['James Carter', '9-17', '9-17']]).dates.map((d) => d.date)).toEqual(['2026-12-13', '2026-12-14']);
  });

  it('16. e-mails instead of names, and an e-mail column beside the name', () => {
    const r = read([
      ['Email', 'Mon Dec 7', 'Tue Dec 8'],
      ['daniel.wilson@example.com', '8-16', '8-16'],
      ['OLIVIA.DAVIS@example.com', '16-24', 'off'],
    ]);
    expect(days(person(r, 'e015'))).toEqual(['12-07 08:00-16:00', '12-08 08:00-16:00']);
    expect(person(r, 'e017')).toMatchObject({ matched_by: 'email' });
    expect(days(person(r, 'e017'))[0]).toBe('12-07 16:00-00:00');
    const both = read([
      ['Name', 'E-mail', '2026-12-07'],
      ['Dan Wilson', 'daniel.wilson@example.com', '8-16'],
    ]);
    expect(both.people_columns).toEqual([1, 2]);
    expect(person(both, 'e015').matched_by).toBe('email');
  });

  it('17. a Latin spelling of a Russian name is unknown, with the person it transliterates to first', () => {
    const r = read([['Name', '2026-12-01'], ['Anna Ivanova', '9-18'], ['Pavel Volkov', '9-18']]);
    expect(r.people.map((p) => [p.employee_id, p.closest[0]?.employee_id])).toEqual([[null, 'e001'], [null, 'e016']]);
    expect(r.people[0].closest[0].score).toBeGreaterThan(0.9);
  });

  it('18. a CSV paste (Excel, Russian locale: semicolons, a quoted name with a comma)', () => {
    const csv = 'ФИО;01.12.2026;02.12.2026\r\n"Иванова, Анна";9-18;В\r\nЛебедев Иван;21-09;"отп"\r\n';
    const r = read(splitPasted(csv));
    expect(days(person(r, 'e001'))).toEqual(['12-01 09:00-18:00', '12-02 off']);
    expect(days(person(r, 'e010'))).toEqual(['12-01 21:00-09:00', '12-02 vacation']);
  });

  it('19. a TSV copy from Sheets with a weekday row above and an English totals row', () => {
    const tsv = 'Week 49\t\t\n\tMon\tTue\nName\t07.12\t08.12\nSophie Turner\t9:00-17:30\t9:00-17:30\nTotal\t1\t1\n';
    const r = read(splitPasted(tsv));
    expect(r.weekday_rows).toEqual([2]);
    expect(days(person(r, 'e011'))).toEqual(['12-07 09:00-17:30', '12-08 09:00-17:30']);
    expect(r.skipped.map((s) => s.text)).toEqual(['Total']);
  });

  it('20. no dates at all, or no names: says what is missing', () => {
    expect(readRoster([['Name', 'Monday'], ['James Carter', '9-18']], EMPLOYEES, { today: TODAY })).toMatchObject({ ok: false, field: 'rows' });
    expect(readRoster([['', '01.12'], ['', '9-18']], EMPLOYEES, { today: TODAY })).toMatchObject({ ok: false, field: 'rows' });
  });

  it('21. a row matched by hand (mapping) is that person', () => {
    const r = read([['Name', '2026-12-01'], ['A. Ivanova (new)', '9-18']], { mapping: new Map([[2, 'e001']]) });
    expect(r.people[0]).toMatchObject({ employee_id: 'e001', matched_by: 'mapping' });
  });
});

describe('pasted text', () => {
  it('splits TSV, CSV with commas or semicolons, quotes with delimiters, doubled quotes and line breaks', () => {
    expect(splitPasted('a\tb\nc\td\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(splitPasted('a,"b, c","say ""hi"""\n1,2,3')).toEqual([['a', 'b, c', 'say "hi"'], ['1', '2', '3']]);
    expect(splitPasted('a;b,c;d')).toEqual([['a', 'b,c', 'd']]);
    expect(splitPasted('"two\nlines"\tx')).toEqual([['two\nlines', 'x']]);
    expect(splitPasted('')).toEqual([]);
  });
});
