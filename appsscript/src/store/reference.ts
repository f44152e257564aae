// The reference data every request needs (Employees, Groups, Statuses, Rules and the Schedule around today),
// read from the tabs and checked against each other. gas/reference-cache.ts keeps the result in CacheService.
import type { Employee, Group, RowIssue, Rule, Shift, Status } from '../domain/model.ts';
import type { DateWindow, RowsRead, Tables } from './tables.ts';
import { rowIssue } from './records.ts';
import { addDays } from '../domain/calendar.ts';
import { MissingTab } from './errors.ts';
import type { ReminderRow } from './reminders.ts';
import { DEFAULT_NOTIFY_RULES, type NotifyRuleRecord } from '../../../common/notify-rules.ts';

export interface ReferenceData {
  employees: Employee[];
  groups: Group[];
  statuses: Status[];
  rules: Rule[];
  /** Only the shifts dated within `window`. */
  schedule: Shift[];
  window: DateWindow;
  /** Every row that was skipped or looks wrong, for the admin (tab, row, column, message). */
  issues: RowIssue[];
  /**
   * The notification rules (Notify tab). Absent in data cached before the tab existed, and for a workbook
   * without the tab: then the default rules apply (notifyRulesOf).
   */
  notify?: NotifyRuleRecord[];
  /**
   * The personal reminders that are on (Reminders tab, store/reminders.ts), for checkBreaks: cached with the
   * rest, so a run on a warm cache reads no sheet for them. Absent in data cached before: none.
   */
  reminders?: ReminderRow[];
}

/** The rules that apply: the tab's, or the defaults (today's fixed alerts) when the workbook has no tab. */
export function notifyRulesOf(reference: Pick<ReferenceData, 'notify'>): readonly NotifyRuleRecord[] {
  return reference.notify ?? DEFAULT_NOTIFY_RULES;
}

/** 'yyyy-MM-dd' plus whole days (calendar arithmetic, no time zone involved). */

/** Yesterday (a night shift started then may still run) to tomorrow, unless told otherwise. */
export function scheduleWindow(today: string, daysBefore = 1, daysAfter = 1): DateWindow {
  return { from: addDays(today, -daysBefore), to: addDays(today, daysAfter) };
}

export function readReference(tables: Tables, window: DateWindow): ReferenceData {
  const data = crossCheck(tables.employees(), tables.groups(), tables.statuses(), tables.rules(), tables.schedule(window), window);
  const notify = readNotifyRules(tables);
  if (notify) {
    data.notify = notify.rows;
    data.issues.push(...notify.issues);
  }
  data.reminders = enabledReminders(tables, data.issues);
  return data;
}

/** One read of the Reminders tab; none on a workbook whose Setup has not added it yet (rather than failing every request). */
function enabledReminders(tables: Tables, issues: RowIssue[]): ReminderRow[] {
  try {
    const read = tables.reminders();
    issues.push(...read.issues);
    return read.rows.filter((r) => r.enabled);
  } catch (e) {
    if (e instanceof MissingTab) return [];
    throw e;
  }
}

/** null when the workbook has no Notify tab yet: its alerts follow the defaults until Setup adds it. */
function readNotifyRules(tables: Tables): RowsRead<NotifyRuleRecord> | null {
  try {
    return tables.notifyRules();
  } catch (e) {
    if (e instanceof MissingTab) return null;
    throw e;
  }
}

/**
 * Rules between tabs. Rows that cannot be used are dropped (a shift of nobody, a rule or a planned break of
 * an unknown status); rows that still work are kept and reported (an employee in an unknown group).
 */
export function crossCheck(
  employees: RowsRead<Employee>,
  groups: RowsRead<Group>,
  statuses: RowsRead<Status>,
  rules: RowsRead<Rule>,
  schedule: RowsRead<Shift>,
  window: DateWindow,
): ReferenceData {
  const issues: RowIssue[] = [...employees.issues, ...groups.issues, ...statuses.issues, ...rules.issues, ...schedule.issues];
  const groupNames = new Set(groups.rows.map((g) => g.name));
  const employeeIds = new Set(employees.rows.map((e) => e.id));
  const employeeEmails = new Set(employees.rows.map((e) => e.email));
  const statusCodes = new Set(statuses.rows.map((s) => s.code));

  employees.rows.forEach((e, i) => {
    if (!groupNames.has(e.group)) {
      issues.push(rowIssue('Employees', employees.sheetRows[i], 'group', `group "${e.group}" is not in Groups (the employee is kept) / группы «${e.group}» нет во вкладке Groups (сотрудник учитывается)`));
    }
  });
  groups.rows.forEach((g, i) => {
    for (const email of g.lead_emails) {
      if (!employeeEmails.has(email)) {
        issues.push(rowIssue('Groups', groups.sheetRows[i], 'lead_emails', `${email} is not in Employees / ${email} нет во вкладке Employees`));
      }
    }
  });
  const keptRules = rules.rows.filter((r, i) => {
    if (statusCodes.has(r.status)) return true;
    issues.push(rowIssue('Rules', rules.sheetRows[i], 'status', `status "${r.status}" is not in Statuses; the rule is ignored / статуса «${r.status}» нет во вкладке Statuses; правило не учитывается`));
    return false;
  });
  const keptShifts = schedule.rows.filter((s, i) => {
    const row = schedule.sheetRows[i];
    if (!employeeIds.has(s.employee_id)) {
      issues.push(rowIssue('Schedule', row, 'employee_id', `employee "${s.employee_id}" is not in Employees; the shift is ignored / сотрудника «${s.employee_id}» нет во вкладке Employees; смена не учитывается`));
      return false;
    }
    const unknown = s.breaks.find((b) => !statusCodes.has(b.status));
    if (unknown) {
      issues.push(rowIssue('Schedule', row, 'breaks', `status "${unknown.status}" is not in Statuses; the shift is ignored / статуса «${unknown.status}» нет во вкладке Statuses; смена не учитывается`));
      return false;
    }
    return true;
  });
  return {
    employees: employees.rows,
    groups: groups.rows,
    statuses: statuses.rows,
    rules: keptRules,
    schedule: keptShifts,
    window,
    issues,
  };
}
