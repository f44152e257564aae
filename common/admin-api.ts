// The admin console's RPC: one exposed `adminRpc(op, payload)` behind the same dispatcher as the web-app API
// and the bot's ops (docs/admin-api.md). Each op is declared here once: its payload schema (valibot), who
// may call it, whether it writes, and its reply type. Records use their tab's column names as field names.
// JSON-safe only: times are epoch ms, dates 'yyyy-MM-dd'.
import * as v from 'valibot';
import type { ApiError } from './envelope.ts';
import { ROLES, STATUS_KINDS, type Role, type StatusKind } from './status.ts';
import { MAX_ID_CHARS } from './limits.ts';
import { storedText } from './text.ts';
import type { ReportsExport, ReportsSeries, ReportsSummary } from './reports.ts';
import { NOTIFY_HOW, NOTIFY_WHENS, NOTIFY_WHO, type NotifyRuleRecord } from './notify-rules.ts';

// ---- building blocks ----

const id = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_ID_CHARS), v.regex(/^[\w.:-]+$/, 'only letters, digits and . _ : -'));
const email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email('not an email address'));
/** Text people type, under the one text rule (common/text.ts): what is saved is what reads back. */
const typed = () => v.pipe(v.string(), v.transform(storedText), v.trim());
const name = (max: number) => v.pipe(typed(), v.minLength(1, 'required'), v.maxLength(max));
const reason = () => v.pipe(typed(), v.minLength(1, 'a reason is required'), v.maxLength(500));
const minutes = (max: number) => v.nullable(v.pipe(v.number(), v.integer('a whole number'), v.minValue(0, 'not negative'), v.maxValue(max)));
const chatId = v.pipe(v.string(), v.trim(), v.regex(/^(-?\d{1,20})?$/, 'a Telegram chat id (digits, may start with -)'));
/** What the client read (a record's `version`); a save against another version is a conflict. */
const version = v.optional(v.pipe(v.string(), v.maxLength(64)));
/** Made by the page per save; a retry of the same save (after a cut or a lost reply) repeats it. */
const requestId = v.pipe(v.string(), v.minLength(8), v.maxLength(64), v.regex(/^[\w-]+$/, 'letters, digits, - and _'));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'));
const color = v.pipe(v.string(), v.trim(), v.regex(/^(#[0-9a-fA-F]{6})?$/, 'a colour as #rrggbb'));
const timeZone = v.pipe(v.string(), v.trim(), v.maxLength(64), v.regex(/^([A-Za-z_]+(\/[A-Za-z0-9_+-]+)*)?$/, 'a time zone such as Europe/Moscow'));

// ---- records as the console sees them ----

export interface DeviceInfo {
  device_id: string;
  last_seen: number | null;
}

export interface PersonRecord {
  id: string;
  email: string;
  name: string;
  group: string;
  role: Role;
  timezone: string;
  telegram_chat_id: string;
  token_version: number;
  active: boolean;
  version: string;
  devices: DeviceInfo[];
  /** The newest last_seen of the person's devices. */
  last_seen: number | null;
}

export interface GroupRecord {
  name: string;
  lead_emails: string[];
  telegram_chat_id: string;
  max_concurrent_breaks: number | null;
  rule_set: string;
  version: string;
}

export interface StatusRecord {
  code: string;
  label_ru: string;
  label_en: string;
  kind: StatusKind;
  counts_as_work: boolean;
  color: string;
  /** Hidden statuses are not offered to employees; old entries keep their label. */
  hidden: boolean;
  /**
   * Used by Rules, the schedule around today or someone's Current status (in statuses.save's record: Rules
   * and the schedule only). Log is not looked at. Any status can be hidden; none is ever removed.
   */
  in_use: boolean;
  version: string;
}

export interface RuleRecord {
  status: string;
  max_per_shift: number | null;
  max_minutes: number | null;
  grace_minutes: number;
  window_tolerance_minutes: number;
  min_gap_minutes: number | null;
}

export interface RuleSetRecord {
  rule_set: string;
  rules: RuleRecord[];
  /** Groups using this rule set. */
  groups: string[];
  version: string;
}

export interface AuditRecord {
  at: number;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

/** Settings an admin edits in the console (the Settings tab's keys), with their current values. */
export const SETTING_KEYS = ['check_interval_minutes', 'retention_days', 'bot_url', 'alert_chat_id', 'floor_refresh_seconds', 'daily_keep_months'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
/** What a blank setting means: the server uses these, the Settings screen shows them ("Default (5 min)"). */
export const SETTING_DEFAULTS: Record<SettingKey, string> = {
  check_interval_minutes: '5',
  retention_days: '35',
  bot_url: '',
  alert_chat_id: '',
  floor_refresh_seconds: '30',
  /** Months of consolidated days (Daily) kept live before the archive moves them: a year's report stays live. */
  daily_keep_months: '13',
};
/** Secrets live in Script Properties: they can be set or replaced, never read back. */
export const SECRET_NAMES = ['TELEGRAM_BOT_TOKEN', 'BOT_SHARED_SECRET'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface DoctorCheck {
  id: string;
  /** ok, warn (works, but look), fail (something does not work). */
  state: 'ok' | 'warn' | 'fail';
  title: { ru: string; en: string };
  detail: { ru: string; en: string };
  /** What fixes it: a screen to open, or a menu action. */
  fix?: { screen?: string; action?: string; ru: string; en: string };
}

/** One person on shift now, as the live floor shows them (issue: the live floor). */
export interface FloorRow {
  employee_id: string;
  name: string;
  group: string;
  /** The status code now; '' when they have not signed in today. */
  status: string;
  /** Since when (epoch ms); null without a status today. */
  since: number | null;
  /** Minutes over the limit of the break or lunch they are on, at `at`; 0 when not over. */
  over_minutes: number;
  /** The limit in minutes of the status they are on (from Rules), so a page can count on by itself. */
  limit_minutes: number | null;
  /** The planned break or lunch the current status belongs to, if any. */
  planned: { status: string; start: number; end: number } | null;
  shift_start: number;
  shift_end: number;
  /** ok; over (a break past its limit); late (shift started, not signed in); missing (not in at all, past the grace). */
  state: 'ok' | 'over' | 'late' | 'missing';
}

export interface FloorGroup {
  name: string;
  on_break: number;
  /** Groups.max_concurrent_breaks; null: no cap. */
  cap: number | null;
  working: number;
  missing: number;
  on_shift: number;
  /** Adherence so far today over the group's people on shift (0..100); null before anyone's shift began. */
  adherence_pct: number | null;
}

export interface ViolationRecord {
  id: string;
  date: string;
  employee_id: string;
  name: string;
  group: string;
  type: string;
  planned: string;
  actual: string;
  over_minutes: number;
  detected_at: number | null;
  resolution: 'open' | 'excused' | 'confirmed';
  resolved_by: string;
  note: string;
}

// ---- the schedule: the editor, importing a roster grid, the break planner (issue 10) ----

/** A day that is not a shift, as the Schedule's `day` column says it. */
export const DAY_KINDS = ['off', 'vacation', 'sick'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** A planned break; `fixed`: placed by hand, so the planner never moves it. */
export interface ScheduleBreak {
  status: string;
  /** 'HH:mm'; on a night shift a time before the start is on the next day. */
  start: string;
  minutes: number;
  fixed: boolean;
}

/** One person's day in the Schedule: a shift, or a day off, vacation or sick leave. */
export interface ScheduleCell {
  employee_id: string;
  date: string;
  kind: 'shift' | DayKind;
  /** A shift's 'HH:mm'; an end not after the start ends the next day. */
  start?: string;
  end?: string;
  breaks: ScheduleBreak[];
  /** The cell's rows as stored; a save that sends it back is refused (`conflict`) when they changed. */
  version: string;
}

/** A Schedule row in the range that cannot be used (a typo, a second row for a day): shown so it can be fixed. */
export interface ScheduleIssue {
  row: number;
  employee_id: string;
  date: string;
  column: string;
  message: string;
  /** The version of the row's cell: a save with it replaces the row (that is how it is fixed). */
  version: string;
}

/** What importing a cell does: add, change (replaces what is there), same, clear (an empty cell removes a day), none, skip (not imported). */
export type RosterChange = 'add' | 'change' | 'same' | 'clear' | 'none' | 'skip';

/** One cell of an imported roster grid as read. */
export interface RosterCell {
  /** 1-based row and column of the grid as sent. */
  row: number;
  column: number;
  date: string;
  text: string;
  kind: 'shift' | DayKind | 'empty' | 'bad';
  start?: string;
  end?: string;
  overnight?: boolean;
  /** Why a bad cell cannot be read, "English / Русский". */
  reason?: string;
  /** Against the Schedule as it is; absent while the row's person is unknown. */
  change?: RosterChange;
}

export interface RosterCandidate {
  employee_id: string;
  name: string;
  email: string;
  group: string;
  /** 0..1: how close the name or e-mail is (docs/admin-api.md says how it is ranked). */
  score: number;
}

/** A row of the grid naming a person. */
export interface RosterPerson {
  row: number;
  /** What names them in the grid (the name cells joined, or the e-mail). */
  text: string;
  employee_id: string | null;
  matched_by: 'email' | 'name' | 'mapping' | null;
  name?: string;
  group?: string;
  /** Why a row is not imported although its person is known (inactive, another group, listed twice, ...). */
  problem?: string;
  /** For an unknown person: the closest people of Employees, best first. */
  closest: RosterCandidate[];
  cells: RosterCell[];
}

export interface RosterConflict {
  /** overlap: two shifts of one person overlap (neither is imported); night_into_day_off: a warning. */
  kind: 'overlap' | 'night_into_day_off';
  employee_id: string;
  /** The two days; a day from the Schedule outside the grid has row and column 0. */
  cells: { row: number; column: number; date: string }[];
  message: string;
}

export interface RosterBadCell {
  row: number;
  column: number;
  text: string;
  reason: string;
}

export interface RosterPreview {
  /** The row holding the dates, the weekday rows ignored, the columns naming people (1-based). */
  header_row: number;
  weekday_rows: number[];
  people_columns: number[];
  /** Where bare day numbers took their month ('YYYY-MM'); null when the headers are dates. */
  month: string | null;
  dates: { column: number; date: string }[];
  people: RosterPerson[];
  conflicts: RosterConflict[];
  bad: RosterBadCell[];
  /** Rows that name nobody and hold no shifts (a title, a section, a totals row). */
  skipped: { row: number; text: string; reason: string }[];
  counts: Record<'people' | 'matched' | 'unknown' | 'shift' | 'off' | 'vacation' | 'sick' | 'empty' | 'bad' | 'conflicts' | 'add' | 'change' | 'same' | 'clear' | 'skip', number>;
}

/** A shift with the breaks the planner gives it (its hand-fixed ones included). */
export interface PlannedShift {
  employee_id: string;
  name: string;
  group: string;
  date: string;
  start: string;
  end: string;
  breaks: ScheduleBreak[];
  /** The breaks differ from the Schedule's. */
  changed: boolean;
}

export interface UnplacedShift {
  employee_id: string;
  name: string;
  group: string;
  date: string;
  start: string;
  end: string;
  /** too_short: the breaks cannot fit in the shift at all; cap: the group's cap leaves no room. */
  reason: 'too_short' | 'cap';
  message: string;
}

export interface PlanGroup {
  name: string;
  cap: number | null;
  rule_set: string;
  shifts: number;
  /** The most of the group planned on break at once. */
  peak: number;
  /** Minutes in which hand-fixed breaks alone put more of the group on break than the cap. */
  fixed_over_cap_minutes: number;
}

// ---- broadcasts (issue 13): a message to many people, by Telegram and/or e-mail ----

export const BROADCAST_CHANNELS = ['telegram', 'email'] as const;
export type BroadcastChannel = (typeof BROADCAST_CHANNELS)[number];
/** Telegram takes 4,096 characters a message; a little is kept for the header line. */
export const BROADCAST_MAX_TEXT = 3500;
/** The most people one `{emails: [...]}` audience may list. */
export const BROADCAST_MAX_EMAILS = 1000;

/** Who gets a broadcast: everyone, some groups, whoever's shift runs now, or people by e-mail. */
export type BroadcastAudience = { all: true } | { groups: string[] } | { on_shift: true } | { emails: string[] };

/** scheduled: waits for `at`; sending: its Outbox rows are written and some are still pending; done: nothing pending. */
export type BroadcastState = 'scheduled' | 'sending' | 'done';

export interface BroadcastRecord {
  id: string;
  created_at: number;
  /** The e-mail of who sent it. */
  author: string;
  text_ru: string;
  text_en: string;
  audience: BroadcastAudience;
  channels: BroadcastChannel[];
  /** When it goes (epoch ms); null: at once. */
  at: number | null;
  state: BroadcastState;
  /** People reached or to be reached per channel, and people it cannot reach (known once it is enqueued). */
  recipients: number;
}

/** One person of a preview or a report, per channel. */
export interface BroadcastRecipientRow {
  employee_id: string;
  name: string;
  group: string;
  channel: BroadcastChannel;
  /** sent; failed (with error; `retry_at` when it is tried again, null when given up); pending; unreachable (no chat linked, no e-mail). */
  status: 'sent' | 'failed' | 'pending' | 'unreachable';
  error: string;
  sent_at: number | null;
  retry_at: number | null;
}

export interface BroadcastCounts {
  sent: number;
  failed: number;
  pending: number;
  unreachable: number;
}

// ---- payload schemas ----

const personFields = {
  email,
  name: name(200),
  group: id,
  role: v.picklist(ROLES),
  timezone: v.optional(timeZone, ''),
  active: v.optional(v.boolean(), true),
};

// The schedule's building blocks (issue 10).
const hhmm = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:mm'));
const isoMonth = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'));

// ---- notification rules (issue 13): common/notify-rules.ts ----

const quietTime = v.optional(v.union([hhmm, v.literal('')], 'a time as HH:mm, or blank'), '');
const notifyRuleFields = v.pipe(
  v.strictObject({
    id,
    enabled: v.boolean(),
    when: v.picklist(NOTIFY_WHENS, 'an event this script knows'),
    minutes: minutes(7 * 24 * 60),
    who: v.picklist(NOTIFY_WHO),
    how: v.picklist(NOTIFY_HOW),
    quiet_from: quietTime,
    quiet_to: quietTime,
    once_per_minutes: minutes(7 * 24 * 60),
    note: v.optional(v.pipe(typed(), v.maxLength(500)), ''),
  }),
  v.forward(v.partialCheck([['quiet_from'], ['quiet_to']], (r) => (r.quiet_from === '') === (r.quiet_to === ''), 'quiet hours need both ends'), ['quiet_to']),
);

/** A notification rule as the console sees it: the record and the version of its row. */
export type NotifyRuleView = NotifyRuleRecord & { version: string };
/** How big a roster grid may be, pasted or taken from the selected cells (schedule.selection). */
export const ROSTER_MAX_ROWS = 1000;
export const ROSTER_MAX_COLUMNS = 400;
export const ROSTER_MAX_CELL_CHARS = 200;
/** The grid as getDisplayValues gives a selection, or pasted TSV/CSV split into cells. */
const rosterGrid = v.pipe(
  v.array(
    v.pipe(
      v.array(v.pipe(v.string(), v.maxLength(ROSTER_MAX_CELL_CHARS))),
      v.maxLength(ROSTER_MAX_COLUMNS, 'at most 400 columns'),
    ),
  ),
  v.minLength(1, 'no rows'),
  v.maxLength(ROSTER_MAX_ROWS, 'at most 1000 rows at once'),
);
const rosterOptions = {
  rows: rosterGrid,
  /** The month of bare day-number headers. */
  month: v.optional(isoMonth),
  /** The group the grid is for: people of other groups are not imported. */
  group: v.optional(id),
  /** Rows whose person the grid does not name exactly, given by hand (grid row -> Employees id). */
  mapping: v.optional(v.pipe(v.array(v.strictObject({ row: v.pipe(v.number(), v.integer(), v.minValue(1)), employee_id: id })), v.maxLength(1000)), []),
};

/** Calendar days from `from` to `to`, both counted (0 when `to` is before `from`). */
export function daysSpanned(from: string, to: string): number {
  const utc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.max(0, Math.round((utc(to) - utc(from)) / 86_400_000) + 1);
}

/** from..to in order and at most `maxDays` days long. */
const spanOk = (r: { from: string; to: string }, maxDays: number) => r.from <= r.to && daysSpanned(r.from, r.to) <= maxDays;

/** A report's period and scope: from..to at most 366 days; a group or a person, not both (neither: all the caller sees). */
const reportFields = { from: isoDate, to: isoDate, group: v.optional(id), employee_id: v.optional(id) };
const reportSpan = 'not before from, at most 366 days';
const reportOneScope = 'a group or a person, not both';
const reportScope = v.pipe(
  v.strictObject(reportFields),
  v.forward(v.partialCheck([['from'], ['to']], (r) => spanOk(r, 366), reportSpan), ['to']),
  v.forward(v.partialCheck([['group'], ['employee_id']], (r) => r.group === undefined || r.employee_id === undefined, reportOneScope), ['employee_id']),
);
const reportExport = v.pipe(
  v.strictObject({ ...reportFields, lang: v.picklist(['ru', 'en']), request_id: requestId }),
  v.forward(v.partialCheck([['from'], ['to']], (r) => spanOk(r, 366), reportSpan), ['to']),
  v.forward(v.partialCheck([['group'], ['employee_id']], (r) => r.group === undefined || r.employee_id === undefined, reportOneScope), ['employee_id']),
);

/** A broadcast's message and audience (broadcast.preview and broadcast.send). */
const broadcastText = v.optional(v.pipe(v.string(), v.transform(storedText), v.trim(), v.maxLength(BROADCAST_MAX_TEXT, `at most ${BROADCAST_MAX_TEXT} characters`)), '');
const broadcastAudience = v.union([
  v.strictObject({ all: v.literal(true) }),
  v.strictObject({ groups: v.pipe(v.array(id), v.minLength(1, 'pick a group'), v.maxLength(100)) }),
  v.strictObject({ on_shift: v.literal(true) }),
  v.strictObject({ emails: v.pipe(v.array(email), v.minLength(1, 'name someone'), v.maxLength(BROADCAST_MAX_EMAILS)) }),
]);
const broadcastFields = {
  text_ru: broadcastText,
  text_en: broadcastText,
  audience: broadcastAudience,
  channels: v.pipe(v.array(v.picklist(BROADCAST_CHANNELS)), v.minLength(1, 'pick a channel'), v.maxLength(2)),
  /** When to send (epoch ms); absent or past: now. */
  at: v.optional(v.pipe(v.number(), v.safeInteger())),
};
const someText = (r: { text_ru?: string; text_en?: string }) => (r.text_ru ?? '') !== '' || (r.text_en ?? '') !== '';
const broadcastId = v.pipe(v.string(), v.regex(/^[0-9a-z]{1,16}$/, 'a broadcast id'));

export const adminSchemas = {
  'people.list': v.strictObject({ group: v.optional(id) }),
  'people.save': v.strictObject({ id: v.optional(id), ...personFields, version, request_id: requestId }),
  'people.deactivate': v.strictObject({ id, version, request_id: requestId }),
  'people.revoke': v.strictObject({ id, request_id: requestId }),
  'people.import': v.strictObject({
    /** Pasted rows: name, email, group (a header row is recognised and skipped). */
    rows: v.pipe(v.array(v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(20))), v.maxLength(1000, 'at most 1000 rows at once')),
    commit: v.boolean(),
    request_id: requestId,
  }),
  'groups.list': v.strictObject({}),
  'groups.save': v.strictObject({
    name: id,
    lead_emails: v.pipe(v.array(email), v.maxLength(20)),
    telegram_chat_id: v.optional(chatId, ''),
    max_concurrent_breaks: minutes(1000),
    rule_set: v.optional(v.union([id, v.literal('')]), ''),
    version,
    request_id: requestId,
  }),
  'statuses.list': v.strictObject({}),
  'statuses.save': v.strictObject({
    code: id,
    label_ru: name(60),
    label_en: name(60),
    kind: v.picklist(STATUS_KINDS),
    counts_as_work: v.boolean(),
    color: v.optional(color, ''),
    hidden: v.optional(v.boolean(), false),
    version,
    request_id: requestId,
  }),
  'rules.list': v.strictObject({}),
  'rules.save': v.strictObject({
    rule_set: id,
    rules: v.pipe(
      v.array(
        v.strictObject({
          status: id,
          max_per_shift: minutes(50),
          max_minutes: minutes(24 * 60),
          grace_minutes: v.pipe(v.number(), v.integer('a whole number'), v.minValue(0, 'not negative'), v.maxValue(240)),
          window_tolerance_minutes: v.pipe(v.number(), v.integer('a whole number'), v.minValue(0, 'not negative'), v.maxValue(24 * 60)),
          min_gap_minutes: minutes(24 * 60),
        }),
      ),
      v.maxLength(50),
    ),
    version,
    request_id: requestId,
  }),
  'settings.get': v.strictObject({}),
  'settings.save': v.strictObject({
    values: v.strictObject({
      check_interval_minutes: v.optional(v.picklist(['1', '5', '10', '15', '30'], 'one of 1, 5, 10, 15, 30')),
      retention_days: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'a number of days'))),
      bot_url: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500), v.regex(/^(https?:\/\/\S+)?$/, 'an http(s) address'))),
      alert_chat_id: v.optional(chatId),
      floor_refresh_seconds: v.optional(
        v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'a number of seconds'), v.check((n) => Number(n) >= 15, 'at least 15 seconds')),
      ),
      daily_keep_months: v.optional(
        v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'a number of months'), v.check((n) => Number(n) >= 1 && Number(n) <= 120, 'from 1 to 120 months')),
      ),
    }),
    time_zone: v.optional(timeZone),
    /** New values for secrets; an empty string leaves a secret as it is. */
    secrets: v.optional(v.strictObject({ TELEGRAM_BOT_TOKEN: v.optional(v.pipe(v.string(), v.maxLength(200))), BOT_SHARED_SECRET: v.optional(v.pipe(v.string(), v.maxLength(200))) })),
    version,
    request_id: requestId,
  }),
  'audit.list': v.strictObject({
    actor: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(254))),
    action: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64))),
    target: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
    from: v.optional(isoDate),
    to: v.optional(isoDate),
    /** Sheet row to continue above (from the previous page's `next`); absent = the newest. */
    before_row: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)), 50),
  }),
  'doctor.run': v.strictObject({ test_chat_id: v.optional(chatId) }),
  'floor.now': v.strictObject({ group: v.optional(id) }),
  'violations.list': v.strictObject({
    from: isoDate,
    to: isoDate,
    group: v.optional(id),
    employee_id: v.optional(id),
    resolution: v.optional(v.picklist(['open', 'excused', 'confirmed'])),
  }),
  /** The person's day beside a violation: today's from Current, an earlier day's from Daily. */
  'violations.day': v.strictObject({ employee_id: id, date: isoDate }),
  'violations.resolve': v.pipe(
    v.strictObject({
      /** One violation, or `ids` for many at once (one lock, one Audit row each). */
      id: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
      ids: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64))), v.minLength(1), v.maxLength(200))),
      resolution: v.picklist(['excused', 'confirmed']),
      note: reason(),
      request_id: requestId,
    }),
    v.check((r) => (r.id === undefined) !== (r.ids === undefined), 'give id or ids'),
  ),
  'status.set': v.strictObject({
    employee_id: id,
    status: id,
    note: reason(),
    /** When it happened (a forgotten break started at 11:00); default now; never in the future. */
    at: v.optional(v.pipe(v.number(), v.safeInteger())),
    request_id: requestId,
  }),
  /** People x days of the Schedule, at most 62 days. */
  'schedule.get': v.pipe(
    v.strictObject({ from: isoDate, to: isoDate, group: v.optional(id) }),
    v.forward(v.partialCheck([['from'], ['to']], (r) => spanOk(r, 62), 'not before from, at most 62 days'), ['to']),
  ),
  /** One batch of cells: all saved, or none (every problem by field, every conflict by cell). */
  'schedule.save': v.strictObject({
    changes: v.pipe(
      v.array(
        v.strictObject({
          employee_id: id,
          date: isoDate,
          kind: v.picklist(['shift', 'off', 'vacation', 'sick', 'clear']),
          start: v.optional(hhmm),
          end: v.optional(hhmm),
          breaks: v.optional(
            v.pipe(
              v.array(v.strictObject({ status: id, start: hhmm, minutes: v.pipe(v.number(), v.integer('a whole number'), v.minValue(1), v.maxValue(480)), fixed: v.optional(v.boolean(), true) })),
              v.maxLength(20),
            ),
            [],
          ),
          /** The cell's version from schedule.get; absent = the cell was empty. */
          version,
        }),
      ),
      v.minLength(1, 'no changes'),
      v.maxLength(2000, 'at most 2000 cells at once'),
    ),
    request_id: requestId,
  }),
  /** The cells selected in the spreadsheet, as the grid to import (read only). */
  'schedule.selection': v.strictObject({}),
  'schedule.import.preview': v.strictObject(rosterOptions),
  'schedule.import.commit': v.strictObject({
    ...rosterOptions,
    /** valid_only: import what can be read and skip the rest; all_or_nothing: refuse while anything is wrong. */
    mode: v.picklist(['valid_only', 'all_or_nothing']),
    request_id: requestId,
  }),
  'schedule.plan': v.pipe(
    v.strictObject({ from: isoDate, to: isoDate, group: v.optional(id), commit: v.boolean(), request_id: v.optional(requestId) }),
    v.forward(v.partialCheck([['from'], ['to']], (r) => spanOk(r, 31), 'not before from, at most 31 days'), ['to']),
    v.forward(
      v.partialCheck([['commit'], ['request_id']], (r) => !r.commit || r.request_id !== undefined, 'a commit needs a request_id'),
      ['request_id'],
    ),
  ),
  /** Consolidated days of a period (at most a year back and 366 days long), for a group, a person or everyone the caller may see. */
  'reports.summary': reportScope,
  /** The same period day by day, and breaks by hour of day per group. */
  'reports.series': reportScope,
  /** The summary as a formatted report in a new spreadsheet (locally a workbook in the data folder). */
  'reports.export': reportExport,
  /** The notification rules (Notify tab), each with its version. */
  'notify.rules.list': v.strictObject({}),
  /** Adds a rule (no version; its id must be free) or changes one (its version from the list). */
  'notify.rules.save': v.strictObject({ rule: notifyRuleFields, version, request_id: requestId }),
  /** Who a broadcast would reach, by which channel, and who it cannot reach. Nothing is written. */
  'broadcast.preview': v.pipe(
    v.strictObject(broadcastFields),
    v.forward(v.partialCheck([['text_ru'], ['text_en']], someText, 'write the message in Russian or English'), ['text_ru']),
  ),
  /** Sends a broadcast now, or at `at`: audited, one Outbox row per person and channel. */
  'broadcast.send': v.pipe(
    v.strictObject({ ...broadcastFields, request_id: requestId }),
    v.forward(v.partialCheck([['text_ru'], ['text_en']], someText, 'write the message in Russian or English'), ['text_ru']),
  ),
  /** A broadcast's delivery: counts and a row per person and channel. */
  'broadcast.report': v.strictObject({ id: broadcastId }),
  /** The latest broadcasts (a lead: their own), newest first. */
  'broadcast.list': v.strictObject({ limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 30) }),
} as const;

export type AdminOp = keyof typeof adminSchemas;
export const ADMIN_OPS = Object.keys(adminSchemas) as AdminOp[];
export type AdminPayload<K extends AdminOp> = v.InferInput<(typeof adminSchemas)[K]>;
export type AdminParsed<K extends AdminOp> = v.InferOutput<(typeof adminSchemas)[K]>;

/** Who may call each op: admins only, or admins and leads (a lead then sees and changes only their groups). */
export const ADMIN_OP_ROLES: Record<AdminOp, 'admin' | 'staff'> = {
  'people.list': 'staff',
  'people.save': 'staff',
  'people.deactivate': 'staff',
  'people.revoke': 'staff',
  'people.import': 'admin',
  'groups.list': 'staff',
  'groups.save': 'admin',
  'statuses.list': 'staff',
  'statuses.save': 'admin',
  'rules.list': 'staff',
  'rules.save': 'admin',
  'settings.get': 'admin',
  'settings.save': 'admin',
  'audit.list': 'admin',
  'doctor.run': 'admin',
  'floor.now': 'staff',
  'violations.list': 'staff',
  'violations.day': 'staff',
  'violations.resolve': 'staff',
  'status.set': 'staff',
  'schedule.get': 'staff',
  'schedule.save': 'staff',
  'schedule.selection': 'staff',
  'schedule.import.preview': 'staff',
  'schedule.import.commit': 'staff',
  'schedule.plan': 'staff',
  'reports.summary': 'staff',
  'reports.series': 'staff',
  'reports.export': 'staff',
  'notify.rules.list': 'admin',
  'notify.rules.save': 'admin',
  'broadcast.preview': 'staff',
  'broadcast.send': 'staff',
  'broadcast.report': 'staff',
  'broadcast.list': 'staff',
};

export function isAdminOp(op: unknown): op is AdminOp {
  return typeof op === 'string' && Object.prototype.hasOwnProperty.call(adminSchemas, op);
}

// ---- replies ----

export interface ImportRow {
  /** 1-based row of what was pasted. */
  row: number;
  name: string;
  email: string;
  group: string;
  /** What is wrong with this row; empty when it can be added. */
  errors: { field: string; message: string }[];
  /** After a commit: the id given. */
  id?: string;
}

/** Who the console is talking to: pages hide what the caller may not do (the server refuses it anyway). */
export interface Viewer {
  email: string;
  role: 'admin' | 'lead';
  /** The groups the caller may see and change (every group for an admin). */
  groups: string[];
}

export interface AdminReplies {
  'people.list': { rows: PersonRecord[]; groups: string[]; viewer: Viewer };
  'people.save': { record: PersonRecord; created: boolean };
  'people.deactivate': { record: PersonRecord };
  'people.revoke': { record: PersonRecord };
  'people.import': { rows: ImportRow[]; valid: number; invalid: number; added: number };
  'groups.list': { rows: GroupRecord[]; rule_sets: string[]; viewer: Viewer };
  'groups.save': { record: GroupRecord; created: boolean };
  'statuses.list': { rows: StatusRecord[] };
  'statuses.save': { record: StatusRecord; created: boolean };
  'rules.list': { rows: RuleSetRecord[]; statuses: { code: string; label_ru: string; label_en: string; kind: StatusKind }[] };
  'rules.save': { record: RuleSetRecord };
  'settings.get': {
    values: Record<SettingKey, string>;
    time_zone: string;
    secrets: Record<SecretName, boolean>;
    version: string;
  };
  'settings.save': AdminReplies['settings.get'];
  /** `time_zone`: the spreadsheet's, in which the page shows `at` and reads `from`/`to`. */
  'audit.list': { rows: AuditRecord[]; next: number | null; time_zone: string };
  'doctor.run': { checks: DoctorCheck[]; at: number };
  'floor.now': {
    /** The server's clock when the board was made: pages count on from it. */
    at: number;
    /** The spreadsheet's time zone: the pages show times in it. */
    time_zone: string;
    /** How often the page asks again (Settings floor_refresh_seconds, never under 15). */
    refresh_s: number;
    rows: FloorRow[];
    groups: FloorGroup[];
    statuses: { code: string; label_ru: string; label_en: string; kind: StatusKind; color: string }[];
    viewer: Viewer;
  };
  'violations.list': { rows: ViolationRecord[]; viewer: Viewer; time_zone: string };
  'violations.day': {
    date: string;
    time_zone: string;
    timeline: { status: string; start: number; end: number | null; source: string }[];
    schedule: { shift_start: number; shift_end: number; breaks: { status: string; start: number; minutes: number }[] } | null;
  };
  'violations.resolve': { rows: ViolationRecord[] };
  'status.set': { current: { status: string; since: number } | null };
  'schedule.get': {
    from: string;
    to: string;
    dates: string[];
    /** The spreadsheet's: the page's "today" and the dates are in it. */
    time_zone: string;
    /** The people shown: the group's (or the caller's groups'), and anyone with a day in the range. */
    people: { id: string; name: string; group: string; active: boolean }[];
    /** Only the days that hold something; every other cell is empty, with `empty_version`. */
    cells: ScheduleCell[];
    empty_version: string;
    issues: ScheduleIssue[];
    groups: { name: string; max_concurrent_breaks: number | null; rule_set: string }[];
    /** The statuses a break can have (kinds break and lunch), for the editor's choice. */
    statuses: { code: string; label_ru: string; label_en: string; kind: StatusKind }[];
    viewer: Viewer;
  };
  'schedule.save': { cells: ScheduleCell[]; written: number };
  /** `tab` and `a1` of the selected range ('Roster', 'A1:AG31'); `rows` its display values, trailing blanks dropped. */
  'schedule.selection': { tab: string; a1: string; rows: string[][] };
  'schedule.import.preview': RosterPreview;
  'schedule.import.commit': RosterPreview & { written: number };
  'schedule.plan': { from: string; to: string; shifts: PlannedShift[]; unplaced: UnplacedShift[]; groups: PlanGroup[]; written: number };
  'reports.summary': ReportsSummary & { viewer: Viewer };
  'reports.series': ReportsSeries;
  'reports.export': ReportsExport;
  /** `issues`: rows of the tab that cannot be used (they alert nobody), for the admin to fix. */
  'notify.rules.list': { rows: NotifyRuleView[]; issues: { row: number; column: string; message: string }[] };
  'notify.rules.save': { record: NotifyRuleView; created: boolean };
  'broadcast.preview': {
    /** People the audience names (active ones), and per channel how many it reaches. */
    people: number;
    reach: Record<BroadcastChannel, number>;
    /** How many get the Russian text and how many the English one. */
    languages: { ru: number; en: number };
    /** People a chosen channel cannot reach: no Telegram linked, no e-mail. */
    unreachable: BroadcastRecipientRow[];
    /** When it would go (null: now); the spreadsheet's time zone, in which the page shows times. */
    at: number | null;
    time_zone: string;
  };
  'broadcast.send': { id: string; state: BroadcastState; counts: BroadcastCounts; recipients: number };
  'broadcast.report': {
    broadcast: BroadcastRecord;
    counts: BroadcastCounts;
    rows: BroadcastRecipientRow[];
    /** Nothing pending any more (sent, failed for good or unreachable): the page stops asking. */
    done: boolean;
    time_zone: string;
  };
  'broadcast.list': { rows: BroadcastRecord[]; viewer: Viewer; time_zone: string };
}

export type AdminReply<K extends AdminOp> = AdminReplies[K];
export type AdminEnvelope<K extends AdminOp> = ({ ok: true } & AdminReply<K>) | { ok: false; error: ApiError };
