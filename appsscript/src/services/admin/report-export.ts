// reports.export: the summary of a period as a formatted report in a new spreadsheet (people, groups, and
// the days with native charts), and its link. The Audit row carries the new spreadsheet's id and link, so a
// retry of the same request answers that spreadsheet instead of making a second one. A run cut after the
// spreadsheet was made and before its Audit row leaves a report nobody was told about (a copy: no data of
// the workbook is in question), and the retry makes another.
import type { AdminParsed, AdminReplies } from '../../../../common/admin-api.ts';
import { REPORT_COLUMN_TITLES, REPORT_CSV_COLUMNS, reportRowValues, type ReportMeasures, type ReportsExport } from '../../../../common/reports.ts';
import type { Cell } from '../../store/port.ts';
import type { ReportSheet } from '../reports/report-book.ts';
import { auditedAfter } from '../audit.ts';
import { appendAudit } from './audited.ts';
import type { AdminDeps } from './deps.ts';
import { reportsSeries, reportsSummary } from './reports.ts';

type Lang = 'ru' | 'en';

const T = {
  report: { ru: 'Отчёт WorkTimeTracker', en: 'WorkTimeTracker report' },
  people: { ru: 'Сотрудники', en: 'People' },
  groups: { ru: 'Группы', en: 'Groups' },
  days: { ru: 'По дням', en: 'Days' },
  total: { ru: 'Итого', en: 'Total' },
  everyone: { ru: 'все группы', en: 'all groups' },
  date: { ru: 'Дата', en: 'Date' },
  people_n: { ru: 'Сотрудников', en: 'People' },
  hoursByKind: { ru: 'Часы по видам статусов', en: 'Hours by kind of status' },
  adherence: { ru: 'Соблюдение графика, %', en: 'Adherence, %' },
  kinds: {
    work: { ru: 'Работа, ч', en: 'Work, h' },
    meeting: { ru: 'Встречи, ч', en: 'Meetings, h' },
    training: { ru: 'Обучение, ч', en: 'Training, h' },
    break: { ru: 'Перерывы, ч', en: 'Breaks, h' },
    lunch: { ru: 'Обед, ч', en: 'Lunch, h' },
  },
} as const;

const MINUTES = '#,##0.0';
const COUNT = '0';
const PERCENT = '0.0';

export function exportReport(deps: AdminDeps, req: AdminParsed<'reports.export'>): AdminReplies['reports.export'] {
  const earlier = auditedAfter(deps.port, req.request_id);
  if (earlier && isExport(earlier.after)) return earlier.after;
  const scope = { from: req.from, to: req.to, ...(req.group !== undefined ? { group: req.group } : {}), ...(req.employee_id !== undefined ? { employee_id: req.employee_id } : {}) };
  const summary = reportsSummary(deps, scope);
  const series = reportsSeries(deps, scope);
  const lang: Lang = req.lang;
  const who = req.employee_id !== undefined ? summary.rows[0]?.name ?? req.employee_id : req.group ?? T.everyone[lang];
  const book = deps.newReportBook(`${T.report[lang]} ${req.from} – ${req.to} (${who})`);

  const formatOf = (column: string): string =>
    column.endsWith('_pct') ? PERCENT : column.endsWith('_min') ? MINUTES : ['employee_id', 'name', 'group'].includes(column) ? '' : COUNT;
  const people: ReportSheet = {
    title: T.people[lang],
    header: REPORT_CSV_COLUMNS.map((c) => REPORT_COLUMN_TITLES[c][lang]),
    rows: [...summary.rows.map((r) => cells(reportRowValues(r))), cells(reportRowValues({ employee_id: '', name: T.total[lang], group: '', ...summary.totals }))],
    formats: REPORT_CSV_COLUMNS.map(formatOf),
  };
  book.addSheet(people);

  const groupColumns = ['group', 'days', 'scheduled_min', 'worked_min', 'break_min', 'lunch_min', 'overruns', 'overrun_min', 'violations', 'adherence_pct', 'conformance_pct'] as const;
  book.addSheet({
    title: T.groups[lang],
    header: [REPORT_COLUMN_TITLES.group[lang], T.people_n[lang], ...groupColumns.slice(1).map((c) => REPORT_COLUMN_TITLES[c][lang])],
    rows: summary.groups.map((g) => cells([g.group, g.people, ...groupColumns.slice(1).map((c) => (g as ReportMeasures & { group: string })[c] as number | null)])),
    formats: ['', COUNT, ...groupColumns.slice(1).map(formatOf)],
  });

  const kinds = ['work', 'meeting', 'training', 'break', 'lunch'] as const;
  const dayRows = series.days.map((d) => cells([d.date, ...kinds.map((k) => Math.round((d.minutes_by_kind[k] / 60) * 10) / 10), d.adherence_pct]));
  book.addSheet({
    title: T.days[lang],
    header: [T.date[lang], ...kinds.map((k) => T.kinds[k][lang]), T.adherence[lang]],
    rows: dayRows,
    formats: ['', ...kinds.map(() => '0.0'), PERCENT],
  });
  if (dayRows.length > 0) {
    book.addChart({ sheet: T.days[lang], title: T.hoursByKind[lang], type: 'column', stacked: true, columns: [1, 2, 3, 4, 5, 6], rows: dayRows.length + 1, anchorColumn: 9 });
    book.addChart({ sheet: T.days[lang], title: T.adherence[lang], type: 'line', stacked: false, columns: [1, 7], rows: dayRows.length + 1, anchorColumn: 17 });
  }

  const result: ReportsExport = { id: book.id, name: book.name, url: book.url, rows: summary.rows.length };
  deps.withLock(() => {
    if (!auditedAfter(deps.port, req.request_id)) {
      appendAudit(deps, req.request_id, { action: 'reports.export', target: `${req.from}..${req.to} ${who}`, before: null, after: result });
    }
  });
  return result;
}

function cells(values: readonly (string | number | null)[]): Cell[] {
  return values.map((v) => (v === null ? '' : v));
}

function isExport(x: unknown): x is ReportsExport {
  const r = x as Partial<ReportsExport> | null;
  return !!r && typeof r.id === 'string' && typeof r.url === 'string' && typeof r.name === 'string' && typeof r.rows === 'number';
}
