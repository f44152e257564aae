// The admin console's RPC: one exposed `adminRpc(op, payload)` behind the same dispatcher as the web-app API
// and the bot's ops (docs/admin-api.md). Each op is declared here once: its payload schema (valibot), who
// may call it, whether it writes, and its reply type. Records use their tab's column names as field names.
// JSON-safe only: times are epoch ms, dates 'yyyy-MM-dd'.
import * as v from 'valibot';
import type { ApiError } from './envelope.ts';
import { ROLES, STATUS_KINDS, type Role, type StatusKind } from './status.ts';
import { MAX_ID_CHARS } from './limits.ts';

// ---- building blocks ----

const id = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_ID_CHARS), v.regex(/^[\w.:-]+$/, 'only letters, digits and . _ : -'));
const email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email('not an email address'));
const name = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(max));
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
export const SETTING_KEYS = ['check_interval_minutes', 'retention_days', 'bot_url', 'alert_chat_id'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
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

// ---- payload schemas ----

const personFields = {
  email,
  name: name(200),
  group: id,
  role: v.picklist(ROLES),
  timezone: v.optional(timeZone, ''),
  active: v.optional(v.boolean(), true),
};

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
  'audit.list': { rows: AuditRecord[]; next: number | null };
  'doctor.run': { checks: DoctorCheck[]; at: number };
}

export type AdminReply<K extends AdminOp> = AdminReplies[K];
export type AdminEnvelope<K extends AdminOp> = ({ ok: true } & AdminReply<K>) | { ok: false; error: ApiError };
