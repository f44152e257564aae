// A lead's decision on violations: excused or confirmed, with a reason. ONE path for the bot's buttons
// (bot.violation, services/bot-ops.ts) and the console's violations.resolve, one violation or many at once,
// under the caller's script lock.
//
// The rule a decision follows, whoever asks: only a lead of the employee's group (or an admin) decides; a
// violation already decided the same way by the same person is answered as it is (a retried press or save
// writes nothing); decided otherwise, or by someone else, it is a conflict. Every change is audited first,
// keyed per decision (`violation:<id>:<resolution>`, the bot's key too), then the Violations rows are written
// in one write. A decision taken in the console then reaches the lead chat: the alert there is rewritten to
// show who decided and how (an Outbox alert 'R-…' that the bot turns into an edit of the 'L-…' message it
// sent, or a follow-up message when it cannot; the bot's own buttons edit their message themselves).
//
// Reads: Settings (given by the caller), the Violations rows from the first row of the oldest date decided
// on (checkbreaks.state keeps it) to the mark violations.tail_row, in one read; only an id not found there
// (rows moved by hand, or left below the mark by a cut trigger run) costs a read of the whole tab, once.
//
// Cut-safety: the Audit rows of one request are written in one call (appendRow for one, one block for
// several), so a retry that finds the first open decision's row knows the rest are there too; the Violations
// rows in one write; the alerts in one call. A retry that finds its decisions made (by itself) checks the
// Outbox for the first one's alert and enqueues them only when it is missing.
import type { ViolationRecord } from '../../../common/admin-api.ts';
import type { Employee } from '../domain/model.ts';
import type { ReferenceData } from '../store/reference.ts';
import type { RawRecord } from '../store/records.ts';
import { encodeRecord } from '../store/records.ts';
import { TABS, columnIndex } from '../store/schema.ts';
import { dateOfViolationId, resolutionAlertId, resolutionText, violationAlertText } from '../domain/alerts.ts';
import type { ViolationType } from '../domain/rules/index.ts';
import { Conflict, Forbidden, NotFound } from '../errors.ts';
import { appendAudit, audited } from './audit.ts';
import { markOf } from './alerts.ts';
import { openRange, openWindow, type TabWindow, type WindowRow } from './tab-window.ts';
import { readState, VIOLATIONS_TAIL_KEY, type Resolution, type ViolationsIo } from './violations.ts';

export type Decision = 'excused' | 'confirmed';

export interface DecisionDeps {
  now: number;
  io: ViolationsIo;
  reference: ReferenceData;
  /** Settings as read in this lock scope. */
  settings: ReadonlyMap<string, string>;
}

export interface Decider {
  /** Who decides (Audit actor, Violations.resolved_by). */
  email: string;
  /** Shown in the lead chat. */
  name: string;
  /** The groups they may decide for. */
  groups: readonly string[];
}

export interface DecisionRequest {
  ids: readonly string[];
  resolution: Decision;
  /** The reason ('' from the bot's buttons, which have none). */
  note: string;
  /** Rewrite the lead chat's alert (the console); the bot edits the message pressed itself. */
  notify: boolean;
}

export interface Decided {
  id: string;
  /** The row after the decision. */
  values: RawRecord;
  /** false: it was already decided so (a retry). */
  changed: boolean;
}

/** The Audit key of a decision: the same for the bot and the console, so neither doubles the other's row. */
export function decisionKey(id: string, resolution: Decision): string {
  return `violation:${id}:${resolution}`;
}

export function decideViolations(deps: DecisionDeps, by: Decider, req: DecisionRequest): Decided[] {
  const ids = [...new Set(req.ids)];
  const window = violationsWindow(deps, ids);
  const people = new Map(deps.reference.employees.map((e) => [e.id, e]));
  const rows = ids.map((id) => {
    const row = window.rows.find((r) => r.values.id === id);
    if (!row) throw new NotFound(`No violation ${id}`, `Нет нарушения ${id}`, { violation_id: id });
    const subject = people.get(String(row.values.employee_id));
    if (!subject || !by.groups.includes(subject.group)) {
      throw new Forbidden('Only a lead of the employee\'s group can excuse or confirm this', 'Отметить это может только руководитель группы сотрудника', { violation_id: id });
    }
    return row;
  });

  const open = rows.filter((r) => resolutionOf(r.values) === 'open');
  const taken = rows.filter((r) => resolutionOf(r.values) !== 'open');
  const stale = taken.find((r) => !(r.values.resolution === req.resolution && r.values.resolved_by === by.email));
  if (stale) {
    const was = String(stale.values.resolution);
    const who = String(stale.values.resolved_by || '?');
    throw new Conflict(`Already ${was} by ${who}`, `Уже отмечено (${was}): ${who}`, {
      violation_id: String(stale.values.id),
      resolution: was,
      current: recordOf(stale.values, people),
    });
  }

  if (open.length > 0) {
    const entries = open.map((r) => ({
      key: decisionKey(String(r.values.id), req.resolution),
      entry: {
        action: req.resolution === 'excused' ? 'violation.excuse' : 'violation.confirm',
        target: String(r.values.id),
        before: { resolution: 'open', resolved_by: String(r.values.resolved_by ?? ''), note: String(r.values.note ?? '') },
        after: { resolution: req.resolution, resolved_by: by.email, note: req.note },
      },
    }));
    if (!audited(deps.io.port, entries[0].key)) {
      if (entries.length === 1) appendAudit({ port: deps.io.port, now: deps.now, actor: by.email }, entries[0].key, entries[0].entry);
      else {
        const spec = TABS.Audit;
        const first = deps.io.port.lastRow(spec.name) + 1;
        deps.io.port.writeRows(spec.name, first, entries.map((e) => encodeRecord(spec, { at: deps.now, actor: by.email, ...e.entry, request_id: e.key })));
      }
    }
    for (const r of open) window.update(r.row, { ...r.values, resolution: req.resolution, resolved_by: by.email, note: req.note });
    window.flush();
  }

  if (req.notify) {
    const fresh = open.flatMap((r) => resolutionAlert(deps, r, people, by, req));
    if (fresh.length > 0) enqueue(deps, fresh);
    else if (open.length === 0) {
      // A retry whose decisions were all made already: their alerts went out in one call, or none did.
      const again = taken.flatMap((r) => resolutionAlert(deps, r, people, by, req).map((cells) => ({ id: resolutionAlertId(String(r.values.id)), cells })));
      if (again.length > 0 && !outboxHas(deps, again[0].id)) enqueue(deps, again.map((a) => a.cells));
    }
  }
  return rows.map((r) => ({ id: String(r.values.id), values: r.values, changed: open.includes(r) }));
}

/** A Violations row as the console shows it. */
export function recordOf(v: RawRecord, people: ReadonlyMap<string, Employee>): ViolationRecord {
  const person = people.get(String(v.employee_id ?? ''));
  return {
    id: String(v.id ?? ''),
    date: String(v.date ?? ''),
    employee_id: String(v.employee_id ?? ''),
    name: person?.name ?? String(v.employee_id ?? ''),
    group: person?.group ?? '',
    type: String(v.type ?? ''),
    planned: String(v.planned ?? ''),
    actual: String(v.actual ?? ''),
    over_minutes: Number(v.over_minutes) || 0,
    detected_at: (v.detected_at as number | null) ?? null,
    resolution: resolutionOf(v),
    resolved_by: String(v.resolved_by ?? ''),
    note: String(v.note ?? ''),
  };
}

export function resolutionOf(v: RawRecord): Resolution {
  return v.resolution === 'excused' || v.resolution === 'confirmed' ? v.resolution : 'open';
}

// ---- reading ----

/** The rows of the ids' dates: from the first row of the oldest to the committed mark (one read). */
function violationsWindow(deps: DecisionDeps, ids: readonly string[]): TabWindow {
  const state = readState(deps.settings);
  const dates = ids.map((id) => dateOfViolationId(id));
  const from = dates.some((d) => d === null || state.vrows[d] === undefined) ? 2 : Math.min(...dates.map((d) => state.vrows[d as string]));
  const mark = markOf(deps.settings, VIOLATIONS_TAIL_KEY);
  const io = deps.io;
  const window = mark !== null && mark >= from ? openRange(io.port, 'Violations', from, mark, io.ctx, io.onIssue) : openWindow(io.port, 'Violations', from, io.ctx, io.onIssue);
  const complete = (w: TabWindow) => ids.every((id) => w.rows.some((r) => r.values.id === id));
  if (complete(window) || (from === 2 && mark === null)) return window;
  // Rows moved by hand, or below the mark after a cut trigger run: look everywhere, once.
  return openWindow(io.port, 'Violations', 2, io.ctx, io.onIssue);
}

// ---- the lead chat ----

function leadChatOf(deps: DecisionDeps, people: ReadonlyMap<string, Employee>, v: RawRecord): string {
  const group = people.get(String(v.employee_id ?? ''))?.group ?? '';
  return deps.reference.groups.find((g) => g.name === group)?.telegram_chat_id ?? '';
}

/** The Outbox row that rewrites the violation's alert in the lead chat; none when no alert was sent there. */
function resolutionAlert(deps: DecisionDeps, r: WindowRow, people: ReadonlyMap<string, Employee>, by: Decider, req: DecisionRequest): ReturnType<typeof encodeRecord>[] {
  const chat = leadChatOf(deps, people, r.values);
  if (chat === '' || String(r.values.alert_id ?? '') === '') return [];
  const v = r.values;
  const person = people.get(String(v.employee_id ?? ''));
  const original = violationAlertText({
    type: v.type as ViolationType,
    employee_name: person?.name ?? String(v.employee_id ?? ''),
    group: person?.group ?? '',
    date: String(v.date ?? ''),
    planned: String(v.planned ?? ''),
    actual: String(v.actual ?? ''),
    over_minutes: Number(v.over_minutes) || 0,
  });
  const text = `${original}\n\n${resolutionText({ resolution: req.resolution, by: by.name, note: req.note })}`;
  return [
    encodeRecord(TABS.Outbox, {
      alert_id: resolutionAlertId(String(v.id)),
      created_at: deps.now,
      kind: 'violation',
      target: chat,
      text,
      status: 'pending',
      attempts: 0,
      next_try_at: deps.now,
      sent_at: null,
      error: '',
    }),
  ];
}

function outboxHas(deps: DecisionDeps, alertId: string): boolean {
  return deps.io.port.findInColumn(TABS.Outbox.name, columnIndex('Outbox', 'alert_id') + 1, alertId).length > 0;
}

/**
 * Appends below the last row, pending: one call for one alert (appendRow), two for several. Rows appended
 * here sit below outbox.tail_row, where checkBreaks expects alerts it did not write (services/alerts.ts).
 */
function enqueue(deps: DecisionDeps, rows: ReturnType<typeof encodeRecord>[]): void {
  const port = deps.io.port;
  if (rows.length === 0) return;
  if (rows.length === 1) return port.appendRow(TABS.Outbox.name, rows[0]);
  port.writeRows(TABS.Outbox.name, port.lastRow(TABS.Outbox.name) + 1, rows);
}
