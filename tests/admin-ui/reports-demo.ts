// A made-up but believable contact centre for the Analytics dialog's screenshots: 200 people in three
// groups, a shift a weekday each (support-l1 also covers weekends in turns), a month and a few days of
// consolidated days with breaks, lunches, meetings, the odd late start, overrun and early leave. Seeded, so
// every run draws the same pictures. The replies are summed the way the server sums them (rates weighted by
// scheduled minutes), for everyone, a group or one person; `openReports` serves the built page with
// google.script.run answered from them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { ReportDay, ReportHour, ReportMeasures, ReportPersonRow, ReportsSeries, ReportsSummary } from '../../common/reports.ts';
import { emptyViolationCounts } from '../../common/reports.ts';
import { VIOLATION_TYPES, type ViolationType } from '../../common/violations.ts';
import { DEFAULT_KIND_COLORS } from '../../common/status.ts';
import { mulberry32 } from '../../emulator/seeded-random.ts';

export const ZONE = 'Europe/Moscow';
/** "Today" in the pictures: Wednesday 2 December 2026. */
export const TODAY = '2026-12-02';
/** Data begins here; earlier dates have none. */
const FIRST = '2026-10-26';
/** A public holiday nobody worked (4 November, Unity Day). */
const HOLIDAY = '2026-11-04';
/** Days counted before the rollover kept the breakdown (the upgrade's first days). */
const WITHOUT_BREAKDOWN_BEFORE = '2026-10-28';

export const GROUPS = [
  { name: 'support-l1', size: 90, cap: 24 },
  { name: 'support-l2', size: 65, cap: 18 },
  { name: 'billing', size: 45, cap: 14 },
] as const;

const RU_FIRST_F = ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Юлия', 'Анастасия', 'Екатерина', 'Дарья', 'Ксения', 'Алина', 'Виктория'];
const RU_FIRST_M = ['Алексей', 'Дмитрий', 'Сергей', 'Андрей', 'Иван', 'Максим', 'Павел', 'Никита', 'Артём', 'Михаил', 'Егор', 'Кирилл', 'Роман', 'Денис', 'Олег'];
const RU_LAST = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров'];
const EN_FIRST = ['James', 'Emily', 'Oliver', 'Sophie', 'William', 'Charlotte', 'George', 'Amelia', 'Thomas', 'Olivia', 'Harry', 'Grace', 'Jack', 'Lucy', 'Daniel'];
const EN_LAST = ['Carter', 'Walker', 'Evans', 'Turner', 'Harris', 'Clark', 'Davis', 'Brown', 'Wright', 'Hughes', 'Green', 'Baker', 'Hall', 'Wood', 'Hill'];

interface Person {
  id: string;
  name: string;
  group: string;
  /** How this person tends to do: 0 very reliable .. 1 often over. */
  slack: number;
  start: number;
}

interface PersonDay {
  date: string;
  person: Person;
  m: ReportMeasures;
  kinds: ReportDay['minutes_by_kind'];
  /** Minutes from midnight: break or lunch spans. */
  breaks: [number, number][];
  breakdown: boolean;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function makePeople(): Person[] {
  const rnd = mulberry32(7);
  const people: Person[] = [];
  const used = new Set<string>();
  let n = 0;
  for (const g of GROUPS) {
    for (let i = 0; i < g.size; i++) {
      let name = '';
      while (!name || used.has(name)) {
        const r = rnd();
        if (r < 0.18) name = `${EN_FIRST[Math.floor(rnd() * EN_FIRST.length)]} ${EN_LAST[Math.floor(rnd() * EN_LAST.length)]}`;
        else if (r < 0.6) name = `${RU_FIRST_F[Math.floor(rnd() * RU_FIRST_F.length)]} ${RU_LAST[Math.floor(rnd() * RU_LAST.length)]}а`;
        else name = `${RU_FIRST_M[Math.floor(rnd() * RU_FIRST_M.length)]} ${RU_LAST[Math.floor(rnd() * RU_LAST.length)]}`;
      }
      used.add(name);
      n++;
      const slack = rnd() ** 2.2;
      people.push({ id: `e${String(n).padStart(3, '0')}`, name, group: g.name, slack, start: [8 * 60, 9 * 60, 9 * 60, 10 * 60][Math.floor(rnd() * 4)] });
    }
  }
  return people;
}

function makeDays(people: readonly Person[]): PersonDay[] {
  const rnd = mulberry32(42);
  const out: PersonDay[] = [];
  for (let date = FIRST; date < TODAY; date = addDays(date, 1)) {
    if (date === HOLIDAY) continue;
    const wd = weekday(date);
    // Some days go worse for everyone: Mondays a little, 17 November (the phone system was down) a lot.
    const rough = (wd === 0 ? 0.6 : 0) + (date === '2026-11-17' ? 3 : 0) + mulberry32(Number(date.replaceAll('-', '')))() * 0.5;
    for (const p of people) {
      const weekend = wd >= 5;
      // support-l1 covers weekends with a fifth of its people in turns; the others rest.
      if (weekend && (p.group !== 'support-l1' || (Number(p.id.slice(1)) + Number(date.slice(8))) % 5 !== 0)) continue;
      // Now and then someone is off (vacation, sick): no row that day.
      if (rnd() < 0.06) continue;
      const shift = 540;
      const plannedBreak = 30;
      const plannedLunch = 60;
      const scheduled = shift - plannedBreak - plannedLunch;
      const late = rnd() < 0.05 + 0.15 * p.slack + 0.1 * rough ? Math.round(3 + rnd() * 25 * (0.4 + p.slack)) : 0;
      const early = rnd() < 0.03 + 0.08 * p.slack ? Math.round(5 + rnd() * 40) : 0;
      const over1 = rnd() < 0.08 + 0.4 * p.slack ? Math.round(1 + rnd() * 14 * (0.5 + p.slack)) : 0;
      const over2 = rnd() < 0.05 + 0.25 * p.slack ? Math.round(1 + rnd() * 10) : 0;
      const lunchOver = rnd() < 0.04 + 0.2 * p.slack ? Math.round(2 + rnd() * 18) : 0;
      const breakMin = plannedBreak + over1 + over2 - (rnd() < 0.1 ? 5 : 0);
      const lunchMin = plannedLunch + lunchOver - (rnd() < 0.08 ? Math.round(rnd() * 15) : 0);
      const meeting = rnd() < 0.35 ? [15, 30, 45, 60][Math.floor(rnd() * 4)] : 0;
      const training = rnd() < 0.08 ? [60, 90, 120][Math.floor(rnd() * 3)] : 0;
      const worked = Math.max(0, scheduled - late - early - (breakMin - plannedBreak) - (lunchMin - plannedLunch) + (rnd() < 0.1 ? Math.round(rnd() * 25) : 0));
      const out_ = late + early + over1 + over2 + lunchOver + 6 + Math.round(rnd() * 40 * (0.3 + p.slack + rough));
      const adherence = Math.max(40, Math.min(100, 100 * (1 - out_ / shift)));
      const conformance = (100 * worked) / scheduled;
      const counts = emptyViolationCounts();
      if (late) counts.late_start++;
      if (early) counts.early_leave++;
      if (over1) counts.break_overrun++;
      if (over2) counts.break_overrun++;
      if (lunchOver > 5) counts.break_overrun++;
      if (rnd() < 0.03 * (1 + p.slack)) counts.too_many_breaks++;
      if (rnd() < 0.05 * (1 + p.slack)) counts.break_outside_window++;
      if (rnd() < 0.01) counts.missed_lunch++;
      if (rnd() < 0.015) counts.forgotten_session++;
      if (rnd() < 0.02 * (1 + rough)) counts.group_concurrency++;
      const b1 = p.start + 60 + Math.floor(rnd() * 80);
      const lunchAt = p.start + 150 + 30 * Math.floor(rnd() * 8);
      const b2 = p.start + 390 + Math.floor(rnd() * 90);
      const breaks: [number, number][] = [
        [b1, b1 + 15 + over1],
        [lunchAt, lunchAt + lunchMin],
        [b2, b2 + 15 + over2],
      ];
      const breakdown = date >= WITHOUT_BREAKDOWN_BEFORE;
      const overruns = counts.break_overrun;
      const violations = VIOLATION_TYPES.reduce((n, t) => n + counts[t], 0);
      out.push({
        date,
        person: p,
        breakdown,
        breaks,
        kinds: { work: Math.max(0, worked - meeting - training), meeting, training, break: breakMin, lunch: lunchMin },
        m: {
          days: 1,
          scheduled_min: scheduled,
          worked_min: worked,
          break_min: breakMin,
          lunch_min: lunchMin,
          other_min: meeting + training,
          planned_break_min: breakdown ? plannedBreak : 0,
          planned_lunch_min: breakdown ? plannedLunch : 0,
          overruns: breakdown ? overruns : 0,
          overrun_min: breakdown ? over1 + over2 + (lunchOver > 5 ? lunchOver : 0) : 0,
          late_starts: breakdown && late ? 1 : 0,
          late_start_min: breakdown ? late : 0,
          early_leaves: breakdown && early ? 1 : 0,
          early_leave_min: breakdown ? early : 0,
          violations,
          violations_by_type: breakdown ? counts : emptyViolationCounts(),
          adherence_pct: Math.round(adherence * 10) / 10,
          conformance_pct: Math.round(conformance * 10) / 10,
        },
      });
    }
  }
  return out;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function sum(days: readonly PersonDay[]): ReportMeasures {
  const m: ReportMeasures = {
    days: 0, scheduled_min: 0, worked_min: 0, break_min: 0, lunch_min: 0, other_min: 0, planned_break_min: 0, planned_lunch_min: 0,
    overruns: 0, overrun_min: 0, late_starts: 0, late_start_min: 0, early_leaves: 0, early_leave_min: 0, violations: 0,
    violations_by_type: emptyViolationCounts(), adherence_pct: null, conformance_pct: null,
  };
  let aw = 0;
  let cw = 0;
  let w = 0;
  for (const d of days) {
    const x = d.m;
    for (const k of ['days', 'scheduled_min', 'worked_min', 'break_min', 'lunch_min', 'other_min', 'planned_break_min', 'planned_lunch_min', 'overruns', 'overrun_min', 'late_starts', 'late_start_min', 'early_leaves', 'early_leave_min', 'violations'] as const) {
      m[k] += x[k];
    }
    for (const t of VIOLATION_TYPES) m.violations_by_type[t as ViolationType] += x.violations_by_type[t];
    aw += (x.adherence_pct ?? 0) * x.scheduled_min;
    cw += (x.conformance_pct ?? 0) * x.scheduled_min;
    w += x.scheduled_min;
  }
  m.adherence_pct = w > 0 ? round1(aw / w) : null;
  m.conformance_pct = w > 0 ? round1(cw / w) : null;
  return m;
}

export interface Scope {
  from: string;
  to: string;
  group?: string;
  employee_id?: string;
}

export class DemoReports {
  readonly people = makePeople();
  private readonly days = makeDays(this.people);

  private select(s: Scope): PersonDay[] {
    const last = s.to < TODAY ? s.to : addDays(TODAY, -1);
    return this.days.filter(
      (d) => d.date >= s.from && d.date <= last && (!s.group || d.person.group === s.group) && (!s.employee_id || d.person.id === s.employee_id),
    );
  }

  summary(s: Scope): ReportsSummary {
    const days = this.select(s);
    const byPerson = new Map<string, PersonDay[]>();
    const byGroup = new Map<string, PersonDay[]>();
    for (const d of days) {
      byPerson.set(d.person.id, [...(byPerson.get(d.person.id) ?? []), d]);
      byGroup.set(d.person.group, [...(byGroup.get(d.person.group) ?? []), d]);
    }
    const rows: ReportPersonRow[] = [...byPerson.values()].map((list) => ({ employee_id: list[0].person.id, name: list[0].person.name, group: list[0].person.group, ...sum(list) }));
    rows.sort((a, b) => a.name.localeCompare(b.name));
    const last = s.to < TODAY ? s.to : addDays(TODAY, -1);
    let dates = 0;
    for (let d = s.from; d <= last; d = addDays(d, 1)) dates++;
    return {
      from: s.from,
      to: s.to,
      time_zone: ZONE,
      rows,
      groups: [...byGroup]
        .map(([group, list]) => ({ group, people: new Set(list.map((d) => d.person.id)).size, max_concurrent_breaks: GROUPS.find((g) => g.name === group)?.cap ?? null, ...sum(list) }))
        .sort((a, b) => (a.group < b.group ? -1 : 1)),
      totals: sum(days),
      coverage: { dates_with_data: new Set(days.map((d) => d.date)).size, dates, without_breakdown: days.filter((d) => !d.breakdown).length, unavailable_months: [] },
    };
  }

  series(s: Scope): ReportsSeries {
    const days = this.select(s);
    const byDate = new Map<string, PersonDay[]>();
    for (const d of days) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d]);
    const out: ReportDay[] = [...byDate.keys()].sort().map((date) => {
      const list = byDate.get(date)!;
      const m = sum(list);
      const kinds = { work: 0, meeting: 0, training: 0, break: 0, lunch: 0 };
      for (const d of list) for (const k of Object.keys(kinds) as (keyof typeof kinds)[]) kinds[k] += d.kinds[k];
      return {
        date,
        people: list.length,
        scheduled_min: m.scheduled_min,
        worked_min: m.worked_min,
        minutes_by_kind: kinds,
        adherence_pct: m.adherence_pct,
        conformance_pct: m.conformance_pct,
        overruns: m.overruns,
        violations_by_type: m.violations_by_type,
      };
    });
    const groups = [...new Set(days.map((d) => d.person.group))].sort();
    return {
      from: s.from,
      to: s.to,
      time_zone: ZONE,
      days: out,
      hours: groups.map((group) => ({
        group,
        max_concurrent_breaks: GROUPS.find((g) => g.name === group)?.cap ?? null,
        hours: hoursOf(days.filter((d) => d.person.group === group)),
      })),
      kind_colors: { work: DEFAULT_KIND_COLORS.work, meeting: DEFAULT_KIND_COLORS.meeting, training: DEFAULT_KIND_COLORS.training, break: DEFAULT_KIND_COLORS.break, lunch: DEFAULT_KIND_COLORS.lunch },
    };
  }
}

function hoursOf(days: readonly PersonDay[]): ReportHour[] {
  const byDate = new Map<string, PersonDay[]>();
  for (const d of days) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d]);
  const peak = new Array<number>(24).fill(0);
  const sums = new Array<number>(24).fill(0);
  for (const list of byDate.values()) {
    const diff = new Int32Array(24 * 60 + 1);
    for (const d of list) for (const [a, b] of d.breaks) {
      diff[Math.min(a, 1440)]++;
      diff[Math.min(b, 1440)]--;
    }
    const dayPeak = new Array<number>(24).fill(0);
    let level = 0;
    for (let minute = 0; minute < 1440; minute++) {
      level += diff[minute];
      const h = Math.floor(minute / 60);
      if (level > dayPeak[h]) dayPeak[h] = level;
    }
    for (let h = 0; h < 24; h++) {
      peak[h] = Math.max(peak[h], dayPeak[h]);
      sums[h] += dayPeak[h];
    }
  }
  return peak.map((p, hour) => ({ hour, peak: p, average: byDate.size === 0 ? 0 : round1(sums[hour] / byDate.size) }));
}

const PAGE = fileURLToPath(new URL('../../dist/appsscript/Reports.html', import.meta.url));
const BASE = 'http://wtt.test';
const VIEWER = { email: 'olga.smirnova@example.com', role: 'admin', groups: ['billing', 'support-l1', 'support-l2'] };

/** google.script.run as the page sees it, answering from the test's data a moment later. */
const BRIDGE = `<script>
(() => {
  const runner = (ok, fail) => ({
    withSuccessHandler: (f) => runner(f, fail),
    withFailureHandler: (f) => runner(ok, f),
    adminRpc: (op, payload) => {
      window.demoRpc(op, JSON.parse(JSON.stringify(payload))).then(
        (reply) => setTimeout(() => ok && ok(reply), 40),
        (e) => fail && fail(e),
      );
    },
  });
  window.google = { script: { run: runner() } };
})();
</script>`;

/** The built Reports page in `page`, its google.script.run answered from `demo` (as an admin). */
export async function openReports(page: Page, demo: DemoReports): Promise<void> {
  await page.exposeFunction('demoRpc', (op: string, payload: Record<string, string>) => {
    if (op === 'reports.summary') return { ok: true, ...demo.summary(payload as never), viewer: VIEWER };
    if (op === 'reports.series') return { ok: true, ...demo.series(payload as never) };
    if (op === 'reports.export') {
      const rows = demo.summary(payload as never).rows.length;
      return { ok: true, id: '1AbCdEf', name: `WorkTimeTracker ${payload.from} – ${payload.to}`, url: 'https://docs.google.com/spreadsheets/d/1AbCdEf/edit', rows };
    }
    return { ok: false, error: { code: 'not_found', message: `no op ${op}` } };
  });
  await page.route(`${BASE}/**`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(PAGE, 'utf8').replace('<head>', `<head>${BRIDGE}`) }),
  );
  await page.goto(`${BASE}/Reports`);
}
