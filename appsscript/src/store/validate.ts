// What makes a hand-edited row usable, tab by tab. Input: a record whose cells all decoded (records.ts);
// output: the typed row, or the issues that make the row unusable. Rules between rows (duplicates) are in
// tables.ts, rules between tabs (an unknown group) in reference.ts.
import type { Absence, Employee, Group, PlannedBreakRow, Rule, RowIssue, Shift, Status } from '../domain/model.ts';
import type { DayKind } from '../../../common/admin-api.ts';
import { readMark } from '../domain/roster/marks.ts';
import type { RawRecord } from './records.ts';
import { rowIssue } from './records.ts';
import { DEFAULT_KIND_COLORS, ROLES, STATUS_KINDS, WORKING_KINDS, type Role, type StatusKind } from '../../../common/status.ts';
import { decodeCell, timeToMinutes } from './cells.ts';
import { parseBreaks } from './breaks.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: RowIssue[] };

const TIME_ZONE = /^(?:[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+|UTC|GMT|Etc\/[A-Za-z0-9+-]+)$/;
const CHAT_ID = /^-?\d+$/;
const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const NO_DATE = { formatDate: () => '' };

/**
 * What a cell whose formula fails reads as: getValues gives the error's text, on Google as in the local
 * runtime. A text column would take it as a name or a label; it is reported instead.
 */
const FORMULA_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#ERROR!']);

class IssueList {
  readonly issues: RowIssue[] = [];
  /** Columns showing a formula's error: that is their one issue (the other checks would only echo it). */
  private readonly formulaErrors = new Set<string>();
  constructor(
    private readonly tab: string,
    private readonly row: number,
    values: RawRecord,
  ) {
    for (const [column, value] of Object.entries(values)) {
      if (typeof value !== 'string' || !FORMULA_ERRORS.has(value.trim())) continue;
      this.add(column, `the formula in this cell shows the error ${value.trim()}`, `формула в этой ячейке даёт ошибку ${value.trim()}`);
      this.formulaErrors.add(column);
    }
  }
  add(column: string, english: string, russian: string): void {
    this.addMessage(column, `${english} / ${russian}`);
  }
  /** A message already in both languages. */
  addMessage(column: string, message: string): void {
    if (this.formulaErrors.has(column)) return;
    this.issues.push(rowIssue(this.tab, this.row, column, message));
  }
  result<T>(value: T): Checked<T> {
    return this.issues.length ? { ok: false, issues: this.issues } : { ok: true, value };
  }
}

function oneOf<T extends string>(list: readonly T[], value: string): T | null {
  const v = value.trim().toLowerCase();
  return (list as readonly string[]).includes(v) ? (v as T) : null;
}

function nonNegative(out: IssueList, column: string, n: number | null): void {
  if (n !== null && n < 0) out.add(column, `${column} cannot be negative`, `${column} не может быть отрицательным`);
}

export function checkEmployee(v: RawRecord, row: number): Checked<Employee> {
  const out = new IssueList('Employees', row, v);
  const role = oneOf<Role>(ROLES, String(v.role));
  if (!role) out.add('role', `role "${String(v.role)}" is not one of ${ROLES.join(', ')}`, `роль «${String(v.role)}» должна быть одной из: ${ROLES.join(', ')}`);
  const timezone = String(v.timezone).trim();
  if (timezone && !TIME_ZONE.test(timezone)) out.add('timezone', `"${timezone}" is not a time zone like Europe/Moscow`, `«${timezone}» — не часовой пояс вида Europe/Moscow`);
  const chat = String(v.telegram_chat_id).trim();
  if (chat && !CHAT_ID.test(chat)) out.add('telegram_chat_id', `"${chat}" is not a Telegram chat id (digits)`, `«${chat}» — не номер чата Telegram (цифры)`);
  const tokenVersion = (v.token_version as number | null) ?? 0;
  nonNegative(out, 'token_version', tokenVersion);
  const name = String(v.name).trim();
  return out.result<Employee>({
    id: v.id as string,
    email: v.email as string,
    name,
    group: v.group as string,
    role: role ?? 'employee',
    timezone,
    telegram_chat_id: chat,
    token_version: tokenVersion,
    // A new row with active left blank is someone who should be able to work.
    active: (v.active as boolean | null) ?? true,
  });
}

export function checkGroup(v: RawRecord, row: number): Checked<Group> {
  const out = new IssueList('Groups', row, v);
  const leadEmails: string[] = [];
  for (const part of String(v.lead_emails).split(/[\s,;]+/).filter(Boolean)) {
    const email = decodeCell('email', part, NO_DATE);
    if (email.ok) leadEmails.push(email.value);
    else out.add('lead_emails', `"${part}" is not an email address`, `«${part}» — не адрес почты`);
  }
  const chat = String(v.telegram_chat_id).trim();
  if (chat && !CHAT_ID.test(chat)) out.add('telegram_chat_id', `"${chat}" is not a Telegram chat id (digits)`, `«${chat}» — не номер чата Telegram (цифры)`);
  const maxBreaks = v.max_concurrent_breaks as number | null;
  nonNegative(out, 'max_concurrent_breaks', maxBreaks);
  return out.result<Group>({
    name: v.name as string,
    lead_emails: leadEmails,
    telegram_chat_id: chat,
    max_concurrent_breaks: maxBreaks,
    rule_set: v.rule_set as string,
  });
}

export function checkStatus(v: RawRecord, row: number): Checked<Status> {
  const out = new IssueList('Statuses', row, v);
  const kind = oneOf<StatusKind>(STATUS_KINDS, String(v.kind));
  if (!kind) out.add('kind', `kind "${String(v.kind)}" is not one of ${STATUS_KINDS.join(', ')}`, `вид «${String(v.kind)}» должен быть одним из: ${STATUS_KINDS.join(', ')}`);
  const color = String(v.color).trim();
  if (color && !COLOR.test(color)) out.add('color', `"${color}" is not a colour like #34a853`, `«${color}» — не цвет вида #34a853`);
  const k = kind ?? 'offline';
  return out.result<Status>({
    code: v.code as string,
    label_ru: String(v.label_ru).trim(),
    label_en: String(v.label_en).trim(),
    kind: k,
    counts_as_work: (v.counts_as_work as boolean | null) ?? WORKING_KINDS.includes(k),
    color: color || DEFAULT_KIND_COLORS[k],
    // Only said when ticked, as the employee page is told (common/status.ts).
    ...(v.hidden === true ? { hidden: true } : {}),
  });
}

export function checkRule(v: RawRecord, row: number): Checked<Rule> {
  const out = new IssueList('Rules', row, v);
  const n = (c: string) => v[c] as number | null;
  for (const c of ['max_per_shift', 'max_minutes', 'grace_minutes', 'window_tolerance_minutes', 'min_gap_minutes']) nonNegative(out, c, n(c));
  if (n('max_minutes') === 0) out.add('max_minutes', 'max_minutes must be at least 1 (leave it blank for no limit)', 'max_minutes не меньше 1 (пусто — без ограничения)');
  return out.result<Rule>({
    rule_set: v.rule_set as string,
    status: v.status as string,
    max_per_shift: n('max_per_shift'),
    max_minutes: n('max_minutes'),
    grace_minutes: n('grace_minutes') ?? 0,
    window_tolerance_minutes: n('window_tolerance_minutes') ?? 0,
    min_gap_minutes: n('min_gap_minutes'),
  });
}

/** A Schedule row: a shift, or a day that is none (every reader of shifts skips those: no shift that day). */
export type ScheduleRow = Shift | Absence;

export function isAbsence(row: ScheduleRow): row is Absence {
  return 'day' in row;
}

/** The Schedule's `day` column: blank (or shift, смена) is a shift; otherwise the marks a roster uses. */
export function dayOfText(text: string): 'shift' | DayKind | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'shift' || t === 'смена' || t === 'work' || t === 'работа') return 'shift';
  const mark = readMark(t);
  return mark && 'kind' in mark ? mark.kind : null;
}

export function checkShift(v: RawRecord, row: number): Checked<ScheduleRow> {
  const out = new IssueList('Schedule', row, v);
  const start = v.shift_start as string;
  const end = v.shift_end as string;
  const dayText = String(v.day ?? '');
  const day = dayOfText(dayText);
  if (day === null) {
    out.add('day', `"${dayText.trim()}" is not a day: leave it blank for a shift, or write off, vacation or sick`, `«${dayText.trim()}» — не вид дня: для смены оставьте пустым, иначе off (выходной), vacation (отпуск) или sick (больничный)`);
    // Whether the times are missing depends on what the day was meant to be: that one issue says it.
    return out.result<ScheduleRow>({ date: v.date as string, employee_id: v.employee_id as string, day: 'off' });
  } else if (day !== 'shift') {
    // Times beside a day off would leave the day meaning two things; the admin says which.
    if (start !== '' || end !== '' || String(v.breaks).trim() !== '') {
      out.add('day', `a day marked ${day} has no shift: clear shift_start, shift_end and breaks, or clear day`, `у дня с отметкой ${day} нет смены: очистите shift_start, shift_end и breaks или очистите day`);
    }
    return out.result<ScheduleRow>({ date: v.date as string, employee_id: v.employee_id as string, day });
  }
  if (start === '') out.add('shift_start', 'a shift needs its start (or mark the day off, vacation or sick in day)', 'у смены должно быть начало (или отметьте в day выходной, отпуск или больничный)');
  if (end === '') out.add('shift_end', 'a shift needs its end', 'у смены должен быть конец');
  let breaks: PlannedBreakRow[] = [];
  const parsed = parseBreaks(String(v.breaks));
  if (!parsed.ok) out.addMessage('breaks', parsed.message);
  else if (start !== '' && end !== '') {
    // An end earlier than the start is a night shift ending the next day; equal times are no shift at all.
    if (start === end) out.add('shift_end', `the shift ends when it starts (${start})`, `смена заканчивается, когда начинается (${start})`);
    else {
      for (const p of breakProblems(parsed.breaks, start, end)) out.add('breaks', p.en, p.ru);
      breaks = inShiftOrder(parsed.breaks, start);
    }
  }
  return out.result<ScheduleRow>({ date: v.date as string, employee_id: v.employee_id as string, shift_start: start, shift_end: end, breaks });
}

/** Breaks in time order within a shift starting at `shiftStart` (a night shift's 02:00 comes after its 23:00). */
export function inShiftOrder(breaks: readonly PlannedBreakRow[], shiftStart: string): PlannedBreakRow[] {
  const offset = (b: PlannedBreakRow) => (timeToMinutes(b.start) - timeToMinutes(shiftStart) + 1440) % 1440;
  return [...breaks].sort((a, b) => offset(a) - offset(b));
}

/** What is wrong with a shift's breaks: each must lie inside the shift and overlap no other. */
export function breakProblems(breaks: readonly PlannedBreakRow[], shiftStart: string, shiftEnd: string): { en: string; ru: string }[] {
  const length = (timeToMinutes(shiftEnd) - timeToMinutes(shiftStart) + 1440) % 1440;
  const offset = (b: PlannedBreakRow) => (timeToMinutes(b.start) - timeToMinutes(shiftStart) + 1440) % 1440;
  const out: { en: string; ru: string }[] = [];
  let previousEnd = 0;
  let previous: PlannedBreakRow | null = null;
  for (const b of inShiftOrder(breaks, shiftStart)) {
    const from = offset(b);
    if (from + b.minutes > length) {
      out.push({ en: `"${b.status} ${b.start} ${b.minutes}" does not fit in the shift`, ru: `«${b.status} ${b.start} ${b.minutes}» не помещается в смену` });
    } else if (previous && from < previousEnd) {
      out.push({ en: `"${b.status} ${b.start}" overlaps "${previous.status} ${previous.start}"`, ru: `«${b.status} ${b.start}» пересекается с «${previous.status} ${previous.start}»` });
    }
    previousEnd = Math.max(previousEnd, from + b.minutes);
    previous = b;
  }
  return out;
}
