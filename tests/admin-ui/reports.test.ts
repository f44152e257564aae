// @vitest-environment happy-dom
// The Analytics dialog against a fake google.script.run: the periods each choice asks for (on a fixed
// clock, in the spreadsheet's calendar), the key figures and what the period lacks, the ranked and sortable
// table of people, a person's days and the way back, the CSV and the export to a spreadsheet, a lead's
// groups, and the failures.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../appsscript/ui/features/Reports/reports-screen.ts';
import { addMonths, daysIn, periodOf, periodProblem, stepAnchor } from '../../appsscript/ui/features/Reports/period.ts';
import { minutesText, pctText } from '../../appsscript/ui/features/Reports/report-format.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { Viewer } from '../../common/admin-api.ts';
import { REPORT_CSV_COLUMNS, emptyViolationCounts, type ReportDay, type ReportMeasures, type ReportPersonRow, type ReportsSeries, type ReportsSummary } from '../../common/reports.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { ADMIN, FakeScriptRun, LEAD, fail, flush } from './fake-script-run.ts';
import { choose, click, mountPage, type } from './interact.ts';

const ZONE = 'Europe/Moscow';
/** Wednesday 2 December 2026, 10:00 in Moscow (07:00 UTC: the same date in the test's own zone). */
const NOW = Date.parse('2026-12-02T10:00:00+03:00');

function measures(over: Partial<ReportMeasures> = {}): ReportMeasures {
  return {
    days: 5,
    scheduled_min: 2250,
    worked_min: 2200,
    break_min: 160,
    lunch_min: 300,
    other_min: 30,
    planned_break_min: 150,
    planned_lunch_min: 300,
    overruns: 2,
    overrun_min: 10,
    late_starts: 1,
    late_start_min: 7,
    early_leaves: 0,
    early_leave_min: 0,
    violations: 3,
    violations_by_type: { ...emptyViolationCounts(), break_overrun: 2, late_start: 1 },
    adherence_pct: 94.5,
    conformance_pct: 97.8,
    ...over,
  };
}

function person(id: string, name: string, group: string, over: Partial<ReportMeasures> = {}): ReportPersonRow {
  return { employee_id: id, name, group, ...measures(over) };
}

const ROWS: ReportPersonRow[] = [
  person('e001', 'Анна Иванова', 'support', { overrun_min: 12, violations: 4, worked_min: 2300 }),
  person('e002', 'James Carter', 'support', { overrun_min: 31, violations: 2, worked_min: 2100 }),
  person('e003', 'Мария Кузнецова', 'sales', { overrun_min: 12, violations: 6, worked_min: 2000 }),
  person('e004', '=Olivia Davis', 'sales', { overrun_min: 0, violations: 0, overruns: 0, worked_min: 2400 }),
];

function summary(p: { from: string; to: string; group?: string; employee_id?: string }, viewer: Viewer = ADMIN): ReportsSummary & { viewer: Viewer } {
  const rows = ROWS.filter((r) => (!p.group || r.group === p.group) && (!p.employee_id || r.employee_id === p.employee_id));
  const dates = Math.min(daysIn(p.from, p.to), Math.max(0, daysIn(p.from, '2026-12-01')));
  return {
    from: p.from,
    to: p.to,
    time_zone: ZONE,
    rows,
    groups: [...new Set(rows.map((r) => r.group))].sort().map((g) => ({ group: g, people: rows.filter((r) => r.group === g).length, max_concurrent_breaks: 2, ...measures() })),
    totals: measures({ days: rows.length * 5, worked_min: 465, scheduled_min: 480, violations: 7 }),
    coverage: { dates_with_data: Math.max(0, dates - 1), dates, without_breakdown: 0, unavailable_months: [] },
    viewer,
  };
}

function day(date: string, over: Partial<ReportDay> = {}): ReportDay {
  return {
    date,
    people: 4,
    scheduled_min: 1800,
    worked_min: 1750,
    minutes_by_kind: { work: 1500, meeting: 60, training: 0, break: 120, lunch: 240 },
    adherence_pct: 93,
    conformance_pct: 97,
    overruns: 1,
    violations_by_type: { ...emptyViolationCounts(), break_overrun: 1, late_start: 1 },
    ...over,
  };
}

function series(p: { from: string; to: string }): ReportsSeries {
  // The first date has no data (the server leaves such dates out).
  const days: ReportDay[] = [];
  for (let i = 1; i < Math.min(daysIn(p.from, p.to), 3); i++) days.push(day(addDays(p.from, i), { worked_min: 1700 + i }));
  return {
    from: p.from,
    to: p.to,
    time_zone: ZONE,
    days,
    hours: [{ group: 'support', max_concurrent_breaks: 2, hours: Array.from({ length: 24 }, (_, hour) => ({ hour, peak: hour === 13 ? 3 : hour === 11 ? 1 : 0, average: hour === 13 ? 1.5 : 0 })) }],
    kind_colors: { work: '#34a853', meeting: '#4285f4', training: '#a142f4', break: '#fbbc04', lunch: '#ff6d01' },
  };
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

let fake: FakeScriptRun;
const open = () => mountPage<HTMLElement>('adm-reports');
const scopeOf = (p: Record<string, unknown>) => ({ from: p.from, to: p.to, group: p.group, employee_id: p.employee_id });
const lastSummary = () => fake.callsOf('reports.summary').at(-1);
const lastSeries = () => fake.callsOf('reports.series').at(-1);
const peopleShown = (el: HTMLElement) => $all(el, 'adm-data-table.people tbody tr').map((tr) => tr.getAttribute('data-key'));

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  setLang('en');
  fake = new FakeScriptRun()
    .on('reports.summary', (p) => ({ ok: true, ...summary(p) }))
    .on('reports.series', (p) => ({ ok: true, ...series(p) }))
    .on('reports.export', (p) => ({ ok: true, id: 'x1', name: `WorkTimeTracker ${p.from} – ${p.to}`, url: 'https://docs.google.com/spreadsheets/d/x1/edit', rows: 4 }))
    .install();
});

afterEach(() => {
  clear();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('periods', () => {
  const none = { from: '', to: '' };
  it('end before today: the last 7 days, yesterday, last week Monday to Sunday, last month', () => {
    expect(periodOf('last7', '2026-12-02', '', none)).toEqual({ from: '2026-11-25', to: '2026-12-01' });
    expect(periodOf('yesterday', '2026-12-02', '', none)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(periodOf('lastWeek', '2026-12-02', '', none)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    // A Sunday is still in its week: last week is the one before.
    expect(periodOf('lastWeek', '2026-12-06', '', none)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodOf('lastMonth', '2026-12-02', '', none)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    // Across a new year.
    expect(periodOf('lastMonth', '2026-01-05', '', none)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(periodOf('lastWeek', '2026-01-05', '', none)).toEqual({ from: '2025-12-29', to: '2026-01-04' });
  });

  it('a day, a week or a month by any date in it, stepped back and forth', () => {
    expect(periodOf('day', '2026-12-02', '2026-11-18', none)).toEqual({ from: '2026-11-18', to: '2026-11-18' });
    expect(periodOf('week', '2026-12-02', '2026-11-18', none)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodOf('month', '2026-12-02', '2024-02-10', none)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(stepAnchor('week', '2026-11-18', -1)).toBe('2026-11-11');
    expect(stepAnchor('month', '2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('are checked before asking: both dates, the end not first, at most 366 days', () => {
    expect(periodProblem({ from: '', to: '2026-11-01' })).toEqual({ field: 'from', problem: 'required' });
    expect(periodProblem({ from: '2026-11-02', to: '2026-11-01' })).toEqual({ field: 'to', problem: 'order' });
    expect(periodProblem({ from: '2025-01-01', to: '2026-01-02' })).toEqual({ field: 'to', problem: 'length' });
    expect(periodProblem({ from: '2025-01-01', to: '2025-12-31' })).toBeNull();
  });

  it('minutes as hours and minutes, percentages, in the page\'s language', () => {
    expect(minutesText(465, 'en')).toBe('7 h 45 min');
    expect(minutesText(465, 'ru')).toBe('7 ч 45 мин');
    expect(minutesText(45.4, 'en')).toBe('45 min');
    expect(minutesText(120, 'ru')).toBe('2 ч');
    expect(minutesText(125_000, 'en')).toBe('2,083 h 20 min');
    expect(pctText(97.5, 'en')).toBe('97.5%');
    expect(pctText(97.5, 'ru')).toBe('97,5\u00a0%');
    expect(pctText(null, 'en')).toBe('—');
  });
});

describe('Analytics', () => {
  it('opens on the last 7 days up to yesterday for everyone, with the key figures, and what the period lacks', async () => {
    const el = await open();
    const period = { from: '2026-11-25', to: '2026-12-01' };
    expect(fake.callsOf('reports.summary')).toEqual([period]);
    expect(fake.callsOf('reports.series')).toEqual([period]);
    expect(textOf($(el, '.line .what'))).toBe('25 Nov – 1 Dec 2026');
    expect(textOf($(el, '.line .zone'))).toBe('Dates are the spreadsheet’s (Europe/Moscow).');
    const kpi = (key: string) => textOf($(el, `li.kpi[data-kpi="${key}"]`));
    expect(kpi('worked')).toBe('Worked 7 h 45 min of 8 h scheduled (96.9%)');
    expect(kpi('breaks')).toBe('Breaks 2 h 40 min planned 2 h 30 min · 10 min over the plan');
    expect($(el, 'li.kpi[data-kpi="breaks"]').classList.contains('warn')).toBe(true);
    expect(kpi('lunch')).toBe('Lunch 5 h planned 5 h');
    expect(kpi('overruns')).toBe('Overruns 2 10 min past the limits');
    expect(kpi('violations')).toBe('Violations 7 most: Break too long (2)');
    expect(kpi('adherence')).toBe('Adherence 94.5% time in the planned status');
    expect(kpi('conformance')).toBe('Conformance 97.8% worked against scheduled work');
    expect(kpi('late')).toBe('Late starts 1 7 min in all');
    expect(kpi('early')).toBe('Early leaves 0 0 min in all');
    expect(kpi('days')).toBe('Person-days 20 4 people');
    expect(textOf($(el, 'ul.coverage'))).toBe('1 of 7 dates has no data (grey in the charts).');
  });

  it('draws the charts from the replies: a place for every date, kind colours, violations by type, hours against the limit, groups', async () => {
    const el = await open();
    const time = $(el, 'adm-stacked-bars.time') as HTMLElement & { categories: string[]; series: { key: string; color: string; values: (number | null)[] }[] };
    expect(time.categories).toEqual(['25 Nov', '26 Nov', '27 Nov', '28 Nov', '29 Nov', '30 Nov', '1 Dec']);
    expect(time.series.map((s) => [s.key, s.color])).toEqual([
      ['work', '#34a853'],
      ['meeting', '#4285f4'],
      ['training', '#a142f4'],
      ['break', '#fbbc04'],
      ['lunch', '#ff6d01'],
    ]);
    // In hours; the first date and those after the two with data have none.
    expect(time.series[0].values).toEqual([null, 25, 25, null, null, null, null]);
    expect($all(el, 'adm-stacked-bars.time rect.gap').map((r) => r.getAttribute('data-i'))).toEqual(['0', '3', '4', '5', '6']);
    expect($all(el, 'adm-stacked-bars.time table tbody tr')[1].textContent).toContain('25 h');
    const adherence = $(el, 'adm-line-chart.adherence') as HTMLElement & { series: { values: (number | null)[] }[] };
    expect(adherence.series[0].values.slice(0, 3)).toEqual([null, 93, 93]);
    const violations = $all(el, 'adm-hbar-chart.violations table tbody tr').map((tr) => textOf(tr));
    expect(violations.slice(0, 2)).toEqual(['Break too long 2', 'Late start 1']);
    const hours = $(el, 'adm-hour-bars[data-group="support"]') as HTMLElement & { limit: number | null; categories: string[] };
    expect(hours.limit).toBe(2);
    // The hours around the breaks (11:00 and 13:00), eight at least.
    expect(hours.categories).toEqual(['09', '10', '11', '12', '13', '14', '15', '16']);
    expect(textOf($(el, 'adm-hour-bars text.limit-text'))).toBe('limit 2');
    expect($all(el, 'table.group-table tbody tr').map((tr) => tr.getAttribute('data-group'))).toEqual(['sales', 'support']);
  });

  it('asks for each preset\'s dates, a day, a week or a month stepped, and typed dates once they are right', async () => {
    const el = await open();
    const periods = () => fake.callsOf('reports.summary').map((p) => [p.from, p.to]);
    choose(el, '#preset', 'yesterday');
    await flush();
    choose(el, '#preset', 'lastWeek');
    await flush();
    choose(el, '#preset', 'lastMonth');
    await flush();
    // A month by its month, starting from the one shown.
    choose(el, '#preset', 'month');
    await flush();
    await click(el, 'button.earlier');
    choose(el, '#preset', 'week');
    await flush();
    await click(el, 'button.later');
    choose(el, '#preset', 'day');
    await flush();
    expect(periods()).toEqual([
      ['2026-11-25', '2026-12-01'],
      ['2026-12-01', '2026-12-01'],
      ['2026-11-23', '2026-11-29'],
      ['2026-11-01', '2026-11-30'],
      ['2026-11-01', '2026-11-30'],
      ['2026-10-01', '2026-10-31'],
      ['2026-10-26', '2026-11-01'],
      ['2026-11-02', '2026-11-08'],
      ['2026-11-08', '2026-11-08'],
    ]);
    expect(fake.callsOf('reports.series').map((p) => [p.from, p.to])).toEqual(periods());

    // Dates: the ones shown to start from; nothing asked until "Show", nor while they are wrong.
    choose(el, '#preset', 'range');
    await flush();
    expect($(el, '#from') as HTMLInputElement).toHaveProperty('value', '2026-11-08');
    type(el, '#from', '2026-11-20');
    type(el, '#to', '2026-11-10');
    await click(el, 'button[type="submit"]');
    expect(textOf($(el, '[data-field="to"] .field-error'))).toBe('⚠ Not before “From”');
    expect($(el, '#to').getAttribute('aria-invalid')).toBe('true');
    type(el, '#from', '2025-01-01');
    type(el, '#to', '2026-11-10');
    await click(el, 'button[type="submit"]');
    expect(textOf($(el, '[data-field="to"] .field-error'))).toBe('⚠ At most 366 days');
    expect(fake.callsOf('reports.summary')).toHaveLength(9);
    type(el, '#from', '2026-11-02');
    type(el, '#to', '2026-11-06');
    await click(el, 'button[type="submit"]');
    expect(scopeOf(lastSummary())).toEqual({ from: '2026-11-02', to: '2026-11-06' });
    expect($all(el, '.field-error')).toEqual([]);
  });

  it('says when the period reaches today, which is not counted yet', async () => {
    const el = await open();
    choose(el, '#preset', 'range');
    await flush();
    type(el, '#from', '2026-11-30');
    type(el, '#to', '2026-12-06');
    await click(el, 'button[type="submit"]');
    expect(textOf($(el, 'ul.coverage'))).toContain('Today and later are not in the report yet');
    fake.on('reports.summary', (p) => ({ ok: true, ...summary(p), coverage: { dates: 2, dates_with_data: 2, without_breakdown: 3 } }));
    await click(el, 'button[type="submit"]');
    expect($all(el, 'ul.coverage li').map((li) => textOf(li))).toEqual([
      'Today and later are not in the report yet: a day is counted after its end (the nightly rollover).',
      '3 person-days were counted before the report kept planned breaks, overruns and violations by type: those numbers leave them out.',
    ]);
  });

  it('says there is nothing to count rather than showing a wall of zeros', async () => {
    fake.on('reports.summary', (p) => {
      const base = summary(p);
      return { ok: true, ...base, rows: [], groups: [], totals: measures({ days: 0 }), coverage: { ...base.coverage, dates_with_data: 0 } };
    });
    const el = await open();
    expect($all(el, 'ul.coverage li').map((li) => textOf(li))).toEqual(['No consolidated days in this period.']);
    expect($all(el, 'ul.kpis')).toEqual([]);
    expect($all(el, 'adm-data-table')).toEqual([]);
    // Today alone: not counted before tonight.
    choose(el, '#preset', 'day');
    await flush();
    await click(el, 'button.later');
    expect(scopeOf(lastSummary())).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    expect($all(el, 'ul.coverage li').map((li) => textOf(li))).toEqual(['This period has not ended yet: there is nothing to count before tonight’s rollover.']);
  });

  it('goes by the spreadsheet\'s calendar once a reply names its zone', async () => {
    // 10:30 UTC on 2 December is already 3 December on Kiritimati (UTC+14).
    vi.setSystemTime(Date.parse('2026-12-02T10:30:00Z'));
    fake.on('reports.summary', (p) => ({ ok: true, ...summary(p), time_zone: 'Pacific/Kiritimati' }));
    const el = await open();
    expect(fake.callsOf('reports.summary').map((p) => [p.from, p.to])).toEqual([
      ['2026-11-25', '2026-12-01'],
      ['2026-11-26', '2026-12-02'],
    ]);
    expect(textOf($(el, '.line .zone'))).toContain('Pacific/Kiritimati');
  });

  it('ranks people by minutes past the limits, then violations; sorts by any column; finds by name', async () => {
    const el = await open();
    expect(peopleShown(el)).toEqual(['e002', 'e003', 'e001', 'e004']);
    expect(textOf($(el, '.people-head .ranked'))).toContain('Ranked by minutes past the break limits, then by violations.');
    const head = $(el, 'adm-data-table.people th[aria-sort="descending"]');
    expect(textOf(head)).toBe('Overruns ▼');
    await click(el, 'adm-data-table.people th button[data-key="worked_min"]');
    expect(peopleShown(el)).toEqual(['e003', 'e002', 'e001', 'e004']);
    await click(el, 'adm-data-table.people th button[data-key="worked_min"]');
    expect(peopleShown(el)).toEqual(['e004', 'e001', 'e002', 'e003']);
    await click(el, 'adm-data-table.people th button[data-key="name"]');
    expect(peopleShown(el)).toEqual(['e004', 'e002', 'e001', 'e003']);
    type(el, '#search', 'иван');
    await flush();
    expect(peopleShown(el)).toEqual(['e001']);
    type(el, '#search', 'sales');
    await flush();
    expect(peopleShown(el)).toEqual(['e004', 'e003']);
    expect(textOf($(el, 'adm-data-table.people tbody tr'))).toContain('=Olivia Davis sales');
    expect(fake.callsOf('reports.summary')).toHaveLength(1);
  });

  it('downloads the table as CSV: the columns of common/reports.ts, the rows as the table has them', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:report';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: { download: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.getAttribute('href') ?? '' });
    });
    const el = await open();
    await click(el, 'button.csv');
    expect(clicked).toEqual([{ download: 'wtt-report-2026-11-25-2026-12-01.csv', href: 'blob:report' }]);
    expect(blobs[0].type).toBe('text/csv;charset=utf-8');
    const text = await blobs[0].text();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(REPORT_CSV_COLUMNS.join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['e002', 'e003', 'e001', 'e004']);
    // A name a spreadsheet would read as a formula is written as text.
    expect(lines[4]).toMatch(/^e004,'=Olivia Davis,sales,5,/);
    // The search narrows what is saved too.
    type(el, '#search', 'Анна');
    await flush();
    await click(el, 'button.csv');
    const second = (await blobs[1].text()).trimEnd().split('\r\n');
    expect(second.slice(1).map((l) => l.split(',')[0])).toEqual(['e001']);
  });

  it('opens a person\'s days on a click, with their figures and charts, and goes back to the same report', async () => {
    const el = await open();
    await click(el, 'adm-data-table.people tbody tr[data-key="e001"]');
    const period = { from: '2026-11-25', to: '2026-12-01', employee_id: 'e001' };
    expect(lastSummary()).toEqual(period);
    expect(lastSeries()).toEqual(period);
    expect(textOf($(el, '.person-head h2'))).toBe('Анна Иванова · support');
    expect(($(el, '#person') as HTMLInputElement).value).toBe('Анна Иванова');
    expect(textOf($(el, 'li.kpi[data-kpi="days"] .sub'))).toBe('6 dates with data');
    // A day table with a row per date, those without data said so.
    const rows = $all(el, 'table.days tbody tr');
    expect(rows.map((r) => r.getAttribute('data-date'))).toEqual(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
    expect(textOf(rows[0])).toBe('Wed 25 Nov No data');
    expect(textOf(rows[1])).toBe('Thu 26 Nov 30 h 28 h 21 min 2 h 4 h 1 h 93% 97% 1 2');
    expect($all(el, 'adm-stacked-bars.time')).toHaveLength(1);
    // No comparison of groups for one person, nor their breaks against the group's limit.
    expect($all(el, 'adm-grouped-bars.groups')).toEqual([]);
    expect($all(el, 'adm-hour-bars')).toEqual([]);

    await click(el, 'button.back');
    expect($all(el, 'button.back')).toEqual([]);
    expect(peopleShown(el)).toEqual(['e002', 'e003', 'e001', 'e004']);
    expect(fake.callsOf('reports.summary')).toHaveLength(2);
  });

  it('opens a person from the keyboard and from the person field; a name not in the report is said so', async () => {
    const el = await open();
    const row = $(el, 'adm-data-table.people tbody tr[data-key="e003"]');
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await flush();
    expect(lastSummary()).toEqual({ from: '2026-11-25', to: '2026-12-01', employee_id: 'e003' });
    await click(el, 'button.back');

    expect($all<HTMLOptionElement>(el, 'datalist#people option').map((o) => o.value)).toEqual(['Анна Иванова', 'James Carter', 'Мария Кузнецова', '=Olivia Davis']);
    const input = $(el, '#person') as HTMLInputElement;
    input.value = 'Nobody Here';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    expect(textOf($(el, '[data-field="person"] .field-error'))).toBe('⚠ No one of that name has days in this report');
    input.value = 'james carter';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    expect(lastSummary()).toEqual({ from: '2026-11-25', to: '2026-12-01', employee_id: 'e002' });
    expect(textOf($(el, '.person-head h2'))).toBe('James Carter · support');
    // Another period while a person is open: still theirs.
    choose(el, '#preset', 'yesterday');
    await flush();
    expect(lastSeries()).toEqual({ from: '2026-12-01', to: '2026-12-01', employee_id: 'e002' });
    // Back to a report of another period: asked for again.
    await click(el, 'button.back');
    expect(lastSummary()).toEqual({ from: '2026-12-01', to: '2026-12-01' });
  });

  it('offers a lead only their groups, and reads the group chosen', async () => {
    fake.on('reports.summary', (p) => ({ ok: true, ...summary(p, LEAD) }));
    const el = await open();
    const options = $all<HTMLOptionElement>(el, '#group option').map((o) => [o.value, textOf(o)]);
    expect(options).toEqual([
      ['', 'All my groups'],
      ['support', 'support'],
    ]);
    choose(el, '#group', 'support');
    await flush();
    expect(lastSummary()).toEqual({ from: '2026-11-25', to: '2026-12-01', group: 'support' });
    expect(lastSeries()).toEqual({ from: '2026-11-25', to: '2026-12-01', group: 'support' });
    // A person opened from the group goes back to it.
    await click(el, 'adm-data-table.people tbody tr[data-key="e001"]');
    expect(textOf($(el, 'button.back'))).toBe('← Back to support');
  });

  it('exports the report to a new spreadsheet and shows its link; a failed export is tried again with the same request', async () => {
    const el = await open();
    let answer: () => unknown = () => fail('bad_request', 'The spreadsheet could not be made / Не удалось создать таблицу');
    fake.on('reports.export', () => answer());
    await click(el, 'button.export');
    const first = fake.callsOf('reports.export')[0];
    expect(first).toMatchObject({ from: '2026-11-25', to: '2026-12-01', lang: 'en' });
    expect(first.request_id).toMatch(/^[0-9a-f]{32}$/);
    expect(textOf($(el, '.state.failed'))).toContain('The spreadsheet could not be made');
    answer = () => ({ ok: true, id: 'x1', name: 'WorkTimeTracker 2026-11-25 – 2026-12-01', url: 'https://docs.google.com/spreadsheets/d/x1/edit', rows: 4 });
    await click(el, '.state.failed button.retry');
    expect(fake.callsOf('reports.export')[1].request_id).toBe(first.request_id);
    const link = $(el, '.exported a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://docs.google.com/spreadsheets/d/x1/edit');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(textOf($(el, '.exported'))).toBe('The report is ready: 4 rows. Open the report: WorkTimeTracker 2026-11-25 – 2026-12-01');
    // Another report: the link of the last one goes.
    choose(el, '#preset', 'yesterday');
    await flush();
    expect($all(el, '.exported')).toEqual([]);
    await click(el, 'button.export');
    expect(fake.callsOf('reports.export')[2]).toMatchObject({ from: '2026-12-01', to: '2026-12-01', lang: 'en' });
    expect(fake.callsOf('reports.export')[2].request_id).not.toBe(first.request_id);
  });

  it('shows a refusal without "Try again", and a failed read with it', async () => {
    fake.on('reports.summary', () => fail('forbidden', 'Only admins and leads / Только администраторы и руководители'));
    let el = await open();
    expect(textOf($(el, '.state.failed'))).toBe('Only admins and leads');
    expect($all(el, '.state.failed button.retry')).toEqual([]);
    expect($all(el, 'ul.kpis')).toEqual([]);
    clear();

    fake.on('reports.summary', () => fail('bad_request', 'The Daily tab cannot be read / Не читается лист Daily'));
    el = await open();
    expect(textOf($(el, '.state.failed p'))).toBe('The Daily tab cannot be read');
    fake.on('reports.summary', (p) => ({ ok: true, ...summary(p) }));
    await click(el, '.state.failed button.retry');
    expect($all(el, '.state.failed')).toEqual([]);
    expect($all(el, 'ul.kpis')).toHaveLength(1);

    // The period refused: a preset has no date on screen to mark, so the problem itself is said.
    fake.on('reports.summary', () => fail('bad_request', 'Check the fields / Проверьте поля', { fields: [{ field: 'from', message: 'at most a year back / не больше чем на год назад' }] }));
    choose(el, '#preset', 'lastMonth');
    await flush();
    expect(textOf($(el, '.state.failed p'))).toBe('At most a year back');
    // The report shown before stays under it.
    expect($all(el, 'ul.kpis')).toHaveLength(1);

    // Typed dates the server refuses: the problem at the date.
    fake.on('reports.summary', () => fail('bad_request', 'Check the fields / Проверьте поля', { fields: [{ field: 'from', message: 'at most a year back / не больше чем на год назад' }] }));
    choose(el, '#preset', 'range');
    await flush();
    await click(el, 'button[type="submit"]');
    expect(textOf($(el, '[data-field="from"] .field-error'))).toBe('⚠ At most a year back');
    expect($all(el, '.state.failed')).toEqual([]);
  });

  it('keeps the figures and the people when only the day-by-day series failed, and tries it again alone', async () => {
    let broken = true;
    fake.on('reports.series', (p) => (broken ? fail('bad_request', 'The Daily tab cannot be read / Не читается лист Daily') : { ok: true, ...series(p) }));
    const el = await open();
    expect($all(el, 'ul.kpis')).toHaveLength(1);
    expect(peopleShown(el)).toHaveLength(4);
    expect(textOf($(el, 'section.charts .state.failed'))).toContain('The Daily tab cannot be read');
    expect($all(el, 'adm-stacked-bars')).toEqual([]);
    // Violations by type come from the summary: still drawn.
    expect($all(el, 'adm-hbar-chart.violations')).toHaveLength(1);
    broken = false;
    await click(el, 'section.charts .state.failed button.retry');
    expect(fake.callsOf('reports.summary')).toHaveLength(1);
    expect(fake.callsOf('reports.series')).toHaveLength(2);
    expect($all(el, 'adm-stacked-bars.time')).toHaveLength(1);
  });

  it('speaks Russian', async () => {
    setLang('ru');
    const el = await open();
    expect(textOf($(el, 'li.kpi[data-kpi="worked"]'))).toBe('Отработано 7 ч 45 мин из 8 ч по графику (96,9 %)');
    expect(textOf($(el, 'ul.coverage'))).toBe('Нет данных за 1 дату из 7 (серым на графиках).');
    expect(textOf($(el, 'adm-data-table.people th[aria-sort="descending"]'))).toBe('Превышения ▼');
    expect($all<HTMLOptionElement>(el, '#preset option').map((o) => textOf(o))).toEqual([
      'Последние 7 дней',
      'Вчера',
      'Прошлая неделя',
      'Прошлый месяц',
      'День…',
      'Неделя…',
      'Месяц…',
      'Даты…',
    ]);
  });
});
