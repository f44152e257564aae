// The analytics contract: what reports.summary, reports.series and reports.export answer. The numbers come
// only from consolidated days (the Daily tab, one row per person and day, written by the rollover); a person's
// fields are named like Daily's columns so a CSV of the table reads like the tab.
import { VIOLATION_TYPES, type ViolationType } from './violations.ts';
import type { StatusKind } from './status.ts';

/** Counts per violation type; every type is present (0 when none). */
export type ViolationCounts = Record<ViolationType, number>;

export const emptyViolationCounts = (): ViolationCounts =>
  Object.fromEntries(VIOLATION_TYPES.map((t) => [t, 0])) as ViolationCounts;

/** The sums and rates of a set of person-days: one person's, a group's, or everyone's in the period. */
export interface ReportMeasures {
  /** Person-days consolidated in the period. */
  days: number;
  /** Scheduled work: shifts less their planned breaks. */
  scheduled_min: number;
  worked_min: number;
  break_min: number;
  lunch_min: number;
  other_min: number;
  /** What the shifts planned for breaks and lunch. */
  planned_break_min: number;
  planned_lunch_min: number;
  /** Breaks (or lunches) longer than the rules allow, and the minutes past the limit. */
  overruns: number;
  overrun_min: number;
  late_starts: number;
  late_start_min: number;
  early_leaves: number;
  early_leave_min: number;
  /** Violations as the rules found them (the rollover's count: a later excuse does not take one out). */
  violations: number;
  violations_by_type: ViolationCounts;
  /** Weighted by scheduled minutes; null when nothing was scheduled. */
  adherence_pct: number | null;
  conformance_pct: number | null;
}

export interface ReportPersonRow extends ReportMeasures {
  employee_id: string;
  name: string;
  group: string;
}

export interface ReportGroupRow extends ReportMeasures {
  group: string;
  /** People with at least one day in the period. */
  people: number;
  max_concurrent_breaks: number | null;
}

/** What a report could not see, so a KPI is never silently partial. */
export interface ReportCoverage {
  /** Dates in the period with at least one consolidated row. */
  dates_with_data: number;
  /** Dates in the period (from..to, capped at yesterday: today is not consolidated yet). */
  dates: number;
  /** Person-days consolidated before the rollover kept planned breaks, overruns and violations by type. */
  without_breakdown: number;
  /**
   * Months of the period ('yyyy-MM') whose days were moved to an archive workbook that cannot be read now
   * (deleted, no longer shared): their days are left out of the report.
   */
  unavailable_months: string[];
}

export interface ReportsSummary {
  from: string;
  to: string;
  time_zone: string;
  /** Ranked by the caller's choice in the page; the server sorts by name. */
  rows: ReportPersonRow[];
  groups: ReportGroupRow[];
  totals: ReportMeasures;
  coverage: ReportCoverage;
}

export interface ReportDay {
  date: string;
  /** People with a consolidated row that day. */
  people: number;
  scheduled_min: number;
  worked_min: number;
  /** Minutes per status kind, from the day's timelines (offline left out). */
  minutes_by_kind: Record<Exclude<StatusKind, 'offline'>, number>;
  adherence_pct: number | null;
  conformance_pct: number | null;
  overruns: number;
  violations_by_type: ViolationCounts;
}

/** One hour of the day over the period: how many of the scope were on break or lunch at once. */
export interface ReportHour {
  hour: number;
  /** The most at any minute of this hour on any day. */
  peak: number;
  /** The average over the period's days of each day's most in this hour. */
  average: number;
}

export interface ReportsSeries {
  from: string;
  to: string;
  time_zone: string;
  days: ReportDay[];
  /** Breaks by hour of day, per group (the cap is per group). */
  hours: { group: string; max_concurrent_breaks: number | null; hours: ReportHour[] }[];
  /** The colour of each kind (the first status of that kind in Statuses, else the default). */
  kind_colors: Record<Exclude<StatusKind, 'offline'>, string>;
}

export interface ReportsExport {
  /** The new spreadsheet: its id, name and link (locally a workbook in the data folder). */
  id: string;
  name: string;
  url: string;
  rows: number;
}

/** The CSV's columns, in order: Daily's names where Daily has them. */
export const REPORT_CSV_COLUMNS = [
  'employee_id', 'name', 'group', 'days', 'scheduled_min', 'worked_min', 'break_min', 'planned_break_min', 'lunch_min',
  'planned_lunch_min', 'other_min', 'overruns', 'overrun_min', 'late_starts', 'late_start_min', 'early_leaves', 'early_leave_min',
  'violations', ...VIOLATION_TYPES.map((t) => `violations_${t}` as const), 'adherence_pct', 'conformance_pct',
] as const;

/**
 * The table as CSV (RFC 4180, CRLF, UTF-8 with a BOM so Excel reads Cyrillic names). A text cell that a
 * spreadsheet would take for a formula (= + - @ first) is prefixed with an apostrophe.
 */
export function reportCsv(rows: readonly ReportPersonRow[]): string {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return String(value);
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [REPORT_CSV_COLUMNS.join(','), ...rows.map((r) => reportRowValues(r).map(cell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Column titles of the exported report, in both languages (the CSV keeps the machine names). */
export const REPORT_COLUMN_TITLES: Record<(typeof REPORT_CSV_COLUMNS)[number], { ru: string; en: string }> = {
  employee_id: { ru: 'ID', en: 'ID' },
  name: { ru: 'Сотрудник', en: 'Name' },
  group: { ru: 'Группа', en: 'Group' },
  days: { ru: 'Дней', en: 'Days' },
  scheduled_min: { ru: 'По графику, мин', en: 'Scheduled, min' },
  worked_min: { ru: 'Отработано, мин', en: 'Worked, min' },
  break_min: { ru: 'Перерывы, мин', en: 'Breaks, min' },
  planned_break_min: { ru: 'Перерывы по плану, мин', en: 'Planned breaks, min' },
  lunch_min: { ru: 'Обед, мин', en: 'Lunch, min' },
  planned_lunch_min: { ru: 'Обед по плану, мин', en: 'Planned lunch, min' },
  other_min: { ru: 'Прочее, мин', en: 'Other, min' },
  overruns: { ru: 'Превышения', en: 'Overruns' },
  overrun_min: { ru: 'Превышения, мин', en: 'Overrun, min' },
  late_starts: { ru: 'Опоздания', en: 'Late starts' },
  late_start_min: { ru: 'Опоздания, мин', en: 'Late, min' },
  early_leaves: { ru: 'Ранние уходы', en: 'Early leaves' },
  early_leave_min: { ru: 'Ранние уходы, мин', en: 'Early leave, min' },
  violations: { ru: 'Нарушения', en: 'Violations' },
  violations_late_start: { ru: 'Опоздание', en: 'Late start' },
  violations_early_leave: { ru: 'Ранний уход', en: 'Early leave' },
  violations_break_overrun: { ru: 'Превышение перерыва', en: 'Break overrun' },
  violations_too_many_breaks: { ru: 'Лишние перерывы', en: 'Too many breaks' },
  violations_break_outside_window: { ru: 'Перерыв вне окна', en: 'Break outside window' },
  violations_missed_lunch: { ru: 'Пропущен обед', en: 'Missed lunch' },
  violations_group_concurrency: { ru: 'Много на перерыве сразу', en: 'Too many on break' },
  violations_forgotten_session: { ru: 'Забытая сессия', en: 'Forgotten session' },
  adherence_pct: { ru: 'Соблюдение графика, %', en: 'Adherence, %' },
  conformance_pct: { ru: 'Выполнение, %', en: 'Conformance, %' },
};

/** A person's row as the CSV and the export lay it out (REPORT_CSV_COLUMNS' order). */
export function reportRowValues(row: ReportPersonRow): (string | number | null)[] {
  return REPORT_CSV_COLUMNS.map((column) => {
    if (column.startsWith('violations_')) return row.violations_by_type[column.slice('violations_'.length) as ViolationType];
    return row[column as Exclude<keyof ReportPersonRow, 'violations_by_type'>];
  });
}
