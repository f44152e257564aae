// The bot's ops on the web app (common/bot-api.ts): pull and ack alerts, link a chat, commands, and the
// excuse/confirm buttons of violation alerts. Every request is signed by the bot with the shared secret:
// the signature is checked before anything else is read, then the timestamp (ALERT_MAX_AGE_MS either way),
// then the nonce (remembered NONCE_TTL_MS in the cache, so a replayed request is refused), then the schema.
// Replies are the usual JSON envelopes; failures are the named errors of services/errors.ts.
import type * as v from 'valibot';
import { botRequestSchemas, MAX_PULL, type Alert, type AlertReceipt, type BotCommandReply, type BotLinkReply, type BotOp, type BotPullReply, type BotRemindersReply } from '../../../common/bot-api.ts';
import { dispatchBody } from '../http/dispatch.ts';
import type { Envelope } from '../../../common/envelope.ts';
import type { Employee, Group, Status } from '../domain/model.ts';
import type { ReferenceData } from '../store/reference.ts';
import type { Tables } from '../store/tables.ts';
import type { JsonCache } from './json-cache.ts';
import { BOT_PULL_CACHE_KEY } from '../domain/service-alerts.ts';
import { TABS, columnIndex } from '../store/schema.ts';
import { preserveCell, textCell } from '../store/cells.ts';
import type { Cell } from '../store/port.ts';
import { isReplay, nonceKey, nonceRecord, NONCE_TTL_MS, verifyBotBody, type HmacHex } from '../domain/bot-auth.ts';
import { languageOf, type Lang } from '../domain/alerts.ts';
import { alreadyReply, resolvedReply, scheduleReply, statusReply, switchedReply, whoReply, type Label, type WhoGroup } from '../domain/bot-replies.ts';
import { scheduleOf } from '../domain/today.ts';
import type { ViolationType } from '../domain/rules/index.ts';
import { Forbidden, NotFound, Unauthorized } from '../errors.ts';
import { leaseDue, PULL_LEASE_MS, settleReceipts, type OutboxIo, type SettleReport } from './alerts.ts';
import { redeemLinkCode, type LinkCodeDeps } from './link-code.ts';
import { decideViolations } from './violation-decisions.ts';
import { openStatusWrites, type StatusBatch } from './status-writes.ts';
import type { CalendarFns } from './check-breaks.ts';
import type { NeutralPeriod } from '../domain/rules/types.ts';
import { floorBoard } from './floor-board.ts';
import { listReminders, saveReminders } from './reminders.ts';

type Req<K extends BotOp> = v.InferOutput<(typeof botRequestSchemas)[K]>;

// ---- dependencies ----

export interface BotOpsDeps extends CalendarFns {
  now: number;
  /** BOT_SHARED_SECRET from Script Properties; null when it is not set (every bot op is then refused). */
  secret: string | null;
  hmacHex: HmacHex;
  cache: JsonCache;
  withLock<T>(work: () => T): T;
  reference(): ReferenceData;
  io: OutboxIo;
  /** Fresh tables (a fresh Settings snapshot) per lock scope. */
  openTables(): Tables;
  link: LinkCodeDeps;
  /** After Employees changed (a chat linked): cached reference data must not serve the old row. */
  invalidateReference(): void;
  /** The Neutral tab's outages, for the live board (/who); none when absent. */
  neutral?(): NeutralPeriod[];
}

export interface BotViolationReply {
  text: string;
  violation_id: string;
  resolution: 'excused' | 'confirmed';
}

export interface BotAckReply {
  settled: SettleReport;
}

// ---- the entry point ----

/** One bot request in, one envelope out, on the one dispatcher: the signature and nonce come first. */
export function botOp(body: string, deps: BotOpsDeps, log: (message: string) => void): Envelope<object> {
  return dispatchBody<BotOp>(
    body,
    {
      schemas: botRequestSchemas,
      admit: (json) => authenticateBot(json, deps),
      handle: (op, req) => {
        switch (op) {
          case 'bot.alerts.pull':
            return pull(req as Req<'bot.alerts.pull'>, deps);
          case 'bot.alerts.ack':
            return ack(req as Req<'bot.alerts.ack'>, deps);
          case 'bot.link':
            return link(req as Req<'bot.link'>, deps);
          case 'bot.command':
            return command(req as Req<'bot.command'>, deps);
          case 'bot.violation':
            return resolveViolation(req as Req<'bot.violation'>, deps);
          case 'bot.reminders':
            return reminders(req as Req<'bot.reminders'>, deps);
        }
      },
    },
    (m) => log(`bot op ${m}`),
  );
}

/** Signature, then age, then nonce: the nonce is remembered only for a request that is ours and fresh. */
export function authenticateBot(json: unknown, deps: Pick<BotOpsDeps, 'secret' | 'now' | 'hmacHex' | 'cache' | 'withLock'>): void {
  if (!deps.secret) {
    throw new Forbidden('The bot is not configured on the server (BOT_SHARED_SECRET)', 'Бот не настроен на сервере (BOT_SHARED_SECRET)');
  }
  const result = verifyBotBody(json, { secret: deps.secret, now: deps.now, hmacHex: deps.hmacHex });
  if (!result.ok) {
    if (result.reason === 'stale') {
      throw new Unauthorized('stale', 'The request is too old or from the future; check the bot\'s clock', 'Запрос устарел или из будущего; проверьте часы бота');
    }
    if (result.reason === 'bad_signature') throw new Unauthorized('bad_signature', 'The request signature is wrong', 'Подпись запроса неверна');
    throw new Unauthorized('malformed', 'The request carries no valid ts, nonce and sig', 'В запросе нет корректных ts, nonce и sig');
  }
  // Read and remember under the lock: two copies of one request arriving together must not both pass.
  deps.withLock(() => {
    const key = nonceKey(result.nonce);
    if (isReplay(deps.cache.getAll([key])[key])) throw new Unauthorized('replay', 'This request was already received', 'Этот запрос уже был получен');
    deps.cache.putAll({ [key]: nonceRecord(result.ts) }, NONCE_TTL_MS / 1000);
  });
}

// ---- alerts ----

function pull(req: Req<'bot.alerts.pull'>, deps: BotOpsDeps): BotPullReply {
  const alerts: Alert[] = deps.withLock(() => {
    const tables = deps.openTables();
    return leaseDue(deps.io, tables.settings(), { now: deps.now, limit: Math.min(MAX_PULL, req.limit), leaseMs: PULL_LEASE_MS }).map((l) => l.alert);
  });
  // Seen by the service alerts when there is no bot_url (bot_unreachable); the cache, not Settings: a pull
  // every few seconds must cost no sheet write.
  deps.cache.putAll({ [BOT_PULL_CACHE_KEY]: deps.now }, PULL_SEEN_TTL_SECONDS);
  return { alerts };
}

/** The script cache's longest: services/service-alerts.ts keeps the last pull seen in Settings beyond it. */
const PULL_SEEN_TTL_SECONDS = 21600;

function ack(req: Req<'bot.alerts.ack'>, deps: BotOpsDeps): BotAckReply {
  const receipts: AlertReceipt[] = req.receipts.map((r) => (r.error === undefined ? { alert_id: r.alert_id, delivered: r.delivered } : { ...r }));
  return deps.withLock(() => {
    const tables = deps.openTables();
    const { report, updates } = settleReceipts(deps.io, tables.settings(), receipts, { now: deps.now });
    if (updates.size > 0) tables.setSettings(updates);
    return { settled: report };
  });
}

// ---- linking a chat ----

function link(req: Req<'bot.link'>, deps: BotOpsDeps): BotLinkReply {
  const employeeId = redeemLinkCode(req.code, req.chat_id, deps.link);
  const person = deps.withLock(() => writeChatId(deps, employeeId, req.chat_id));
  deps.invalidateReference();
  return { employee_name: person.name, lang: languageOf(person.name) };
}

/**
 * Sets Employees.telegram_chat_id of the employee and clears the same chat from anyone else (a chat speaks
 * for one person). Reads the tab once and writes back the block of changed rows; every other cell of the
 * block is written exactly as read, so hand edits in it survive.
 */
function writeChatId(deps: BotOpsDeps, employeeId: string, chat: string): { name: string } {
  const spec = TABS.Employees;
  const { rows } = deps.io.port.readAll(spec.name, spec.columns.length);
  const idCol = columnIndex('Employees', 'id');
  const chatCol = columnIndex('Employees', 'telegram_chat_id');
  const nameCol = columnIndex('Employees', 'name');
  const cellText = (c: Cell): string => (typeof c === 'string' ? c.trim() : typeof c === 'number' ? String(c) : '');
  const changed = new Map<number, Cell[]>();
  let name: string | null = null;
  rows.forEach((cells, i) => {
    const isTarget = cellText(cells[idCol]) === employeeId;
    if (isTarget) name = cellText(cells[nameCol]);
    const has = cellText(cells[chatCol]);
    if (isTarget && has !== chat) changed.set(i, cells.map((c, j) => (j === chatCol ? textCell(chat) : preserveCell(c))));
    if (!isTarget && has === chat) changed.set(i, cells.map((c, j) => (j === chatCol ? '' : preserveCell(c))));
  });
  if (name === null) throw new NotFound('The employee of this code is no longer in Employees', 'Сотрудника этого кода больше нет во вкладке Employees');
  if (changed.size > 0) {
    const first = Math.min(...changed.keys());
    const last = Math.max(...changed.keys());
    const block: Cell[][] = [];
    for (let i = first; i <= last; i++) block.push(changed.get(i) ?? rows[i].map(preserveCell));
    deps.io.port.writeRows(spec.name, first + 2, block);
  }
  return { name };
}

// ---- commands ----

function employeeOfChat(chat: string, reference: ReferenceData): Employee {
  const e = reference.employees.find((x) => x.active && x.telegram_chat_id === chat);
  if (!e) {
    throw new Unauthorized('not_linked', 'This chat is not linked: open your page, get a code and send /start CODE', 'Этот чат не привязан: откройте свою страницу, получите код и отправьте /start КОД');
  }
  return e;
}

function labelOf(statuses: readonly Status[], code: string): Label {
  const s = statuses.find((x) => x.code === code);
  return { ru: s?.label_ru ?? code, en: s?.label_en ?? code };
}

function command(req: Req<'bot.command'>, deps: BotOpsDeps): BotCommandReply {
  const reference = deps.reference();
  const employee = employeeOfChat(req.chat_id, reference);
  const lang = languageOf(employee.name);
  const today = deps.dateOf(deps.now);
  switch (req.command) {
    case 'status': {
      const row = deps.openTables().current().find((c) => c.employee_id === employee.id) ?? null;
      const current = row && row.status && row.since !== null ? { status: row.status, since: row.since } : null;
      return { text: statusReply(lang, current && { label: labelOf(reference.statuses, current.status), since: current.since }, deps.timeText), current };
    }
    case 'schedule': {
      const shift = reference.schedule.find((s) => s.date === today && s.employee_id === employee.id);
      const schedule = shift ? scheduleOf(shift, deps.zonedTime) : null;
      return { text: scheduleReply(lang, schedule, (code) => labelOf(reference.statuses, code), deps.timeText), schedule };
    }
    case 'who':
      return { text: who(employee, lang, reference, deps) };
    case 'break':
    case 'lunch':
    case 'back':
      return switchStatus(employee, lang, req.command, req, reference, deps);
  }
}

/** The status a command means: the first of its kind in Statuses, the code named like the kind first. */
function statusForCommand(cmd: 'break' | 'lunch' | 'back', statuses: readonly Status[]): Status {
  const kind = cmd === 'back' ? 'work' : cmd;
  const s = statuses.find((x) => x.kind === kind && x.code === kind) ?? statuses.find((x) => x.kind === kind);
  if (!s) throw new NotFound(`No status of kind ${kind} in Statuses`, `Во вкладке Statuses нет статуса вида ${kind}`);
  return s;
}

/** A chat silent this long may see Telegram's update ids start again from a random number. */
export const UPDATE_ID_RESTART_MS = 7 * 24 * 3600_000;

/**
 * A status change from the bot is a status write like a sync's (services/status-writes.ts, cut-safe): from
 * the chat's own device 'tg-<chat id>', source 'bot', under the script lock. Its seq is the command's
 * Telegram update_id (command_id), so a command taken once is never taken again, whatever the nonce cache
 * has forgotten: a replay or a second delivery of the update writes nothing and is answered with the status
 * as it is. A new command that changes nothing (already in that status) still settles its id.
 */
function switchStatus(employee: Employee, lang: Lang, cmd: 'break' | 'lunch' | 'back', req: Req<'bot.command'>, reference: ReferenceData, deps: BotOpsDeps): BotCommandReply {
  const target = statusForCommand(cmd, reference.statuses);
  const label = labelOf(reference.statuses, target.code);
  const deviceId = `tg-${req.chat_id}`;
  const seq = req.command_id;
  return deps.withLock(() => {
    const writes = openStatusWrites({ now: deps.now, dateOf: deps.dateOf, tables: deps.openTables() }, [deviceId]);
    const batch: StatusBatch = {
      deviceId,
      employeeId: employee.id,
      source: 'bot',
      // The time makes the id unique even if a restarted update_id repeats an old one.
      entries: [{ seq, entry_id: `${deviceId}-${seq}-${deps.now.toString(36)}`, status: target.code, at: deps.now }],
      sentAt: deps.now,
      retentionMs: 24 * 3600_000,
      isKnownStatus: (code) => reference.statuses.some((s) => s.code === code),
      seqs: 'increasing',
      restartAfterMs: UPDATE_ID_RESTART_MS,
    };
    const mine = writes.current(employee.id);
    const held = mine && mine.status && mine.since !== null ? { status: mine.status, since: mine.since } : null;
    if (!writes.isNew(batch, seq)) {
      const text = held?.status === target.code
        ? alreadyReply(lang, label, held.since, deps.timeText)
        : statusReply(lang, held && { label: labelOf(reference.statuses, held.status), since: held.since }, deps.timeText);
      return { text, current: held };
    }
    if (held?.status === target.code) {
      writes.write([{ ...batch, entries: [], settle: seq }]);
      return { text: alreadyReply(lang, label, held.since, deps.timeText), current: held };
    }
    const { plans, rows } = writes.write([batch]);
    const row = rows[0];
    const current = row && row.status && row.since !== null ? { status: row.status, since: row.since } : held;
    return { text: switchedReply(lang, label, plans[0].accepted[0]?.at ?? deps.now, deps.timeText), current };
  });
}

/** Groups the employee leads (listed in Groups.lead_emails); an admin sees every group. */
function ledGroups(e: Employee, groups: readonly Group[]): Group[] {
  if (e.role === 'admin') return [...groups];
  return groups.filter((g) => g.lead_emails.includes(e.email));
}

/** The same board as the console's floor (services/floor-board.ts), as text in the lead's language. */
function who(employee: Employee, lang: Lang, reference: ReferenceData, deps: BotOpsDeps): string {
  const groups = ledGroups(employee, reference.groups);
  if (groups.length === 0) throw new Forbidden('Only a group lead can see who is where', 'Видеть, кто где, может только руководитель группы');
  const board = floorBoard(
    { now: deps.now, dateOf: deps.dateOf, zonedTime: deps.zonedTime, timeText: deps.timeText, reference, neutral: deps.neutral?.() ?? [] },
    deps.openTables().currentStates(),
    groups.map((g) => g.name),
  );
  const text: WhoGroup[] = board.groups.map((g) => ({
    name: g.name,
    counts: g,
    members: board.rows
      .filter((r) => r.group === g.name)
      .map((r) => ({ name: r.name, label: r.status ? labelOf(reference.statuses, r.status) : null, since: r.since, state: r.state, over_minutes: r.over_minutes })),
  }));
  return whoReply(lang, text, deps.timeText);
}

// ---- personal reminders ----

/** /reminders and its buttons: the sender's own reminders, changed first when the request says so (services/reminders.ts). */
function reminders(req: Req<'bot.reminders'>, deps: BotOpsDeps): BotRemindersReply {
  const employee = employeeOfChat(req.chat_id, deps.reference());
  const io = { now: deps.now, port: deps.io.port, ctx: deps.io.ctx, withLock: deps.withLock, invalidateReference: deps.invalidateReference };
  // The schema lets changes through only with a request_id.
  const reply = req.changes && req.request_id ? saveReminders(employee, req.request_id, req.changes, io) : listReminders(employee, io);
  return { reminders: reply.reminders };
}

// ---- excuse / confirm ----

/** The buttons under a lead-chat alert: the same decision as the console's (services/violation-decisions.ts). */
function resolveViolation(req: Req<'bot.violation'>, deps: BotOpsDeps): BotViolationReply {
  const reference = deps.reference();
  const actor = employeeOfChat(req.chat_id, reference);
  const lang = languageOf(actor.name);
  const led = ledGroups(actor, reference.groups);
  if (led.length === 0) {
    throw new Forbidden('Only a lead of the employee\'s group can excuse or confirm this', 'Отметить это может только руководитель группы сотрудника', { violation_id: req.violation_id });
  }
  const resolution = req.action === 'excuse' ? 'excused' : 'confirmed';
  return deps.withLock(() => {
    const settings = deps.openTables().settings();
    const [decided] = decideViolations(
      { now: deps.now, io: deps.io, reference, settings },
      { email: actor.email, name: actor.name, groups: led.map((g) => g.name) },
      { ids: [req.violation_id], resolution, note: '', notify: false },
    );
    const subject = reference.employees.find((e) => e.id === decided.values.employee_id);
    const text = resolvedReply(lang, req.action, subject?.name ?? String(decided.values.employee_id), decided.values.type as ViolationType);
    return { text, violation_id: req.violation_id, resolution };
  });
}
