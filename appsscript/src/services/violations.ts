// The Violations tab, written once per violation however often the checks run, without ever reading the
// tab's history. The index of what was written (violation id -> row, final, minutes over, employee) for
// yesterday and today lives in Settings `checkbreaks.state` beside the checkpoints, so it is read and written
// with the Settings tab every run anyway: no extra call, and it survives a cache eviction. The same state
// records, per date, the first Violations row of that date (a lookup by id reads from there) and the Log
// row the date's entries start after (the daily rollover reads Log from there).
//
// Cut-safety (Apps Script rolls nothing back, an execution can stop between any two service calls): a run
// appends Violations rows, then their alerts to the Outbox, then commits Settings (the index, the checkpoints
// and the marks `violations.tail_row` / `outbox.tail_row`, the last row of each tab it has accounted for).
// Rows below a mark were written by a run cut before its commit. The next run that appends reads those tails
// first (readTails; nothing when they are empty, the usual case): it indexes the violations found there,
// re-enqueues the alert of any whose alert never reached the Outbox, notes the nudges and admin alerts found
// there as sent out, and moves both marks together past everything it has read. So each violation and each
// alert is written once, and none is lost, wherever the cut fell.
//
// Every function here expects the caller to hold the script lock.
import type { Violation } from '../domain/rules/index.ts';
import { addDays } from '../domain/calendar.ts';
import { adminAlertTriggerOf, dateOfViolationId, violationId, type TriggerName } from '../domain/alerts.ts';
import type { SheetPort } from '../store/port.ts';
import type { CellContext } from '../store/cells.ts';
import type { RawRecord } from '../store/records.ts';
import type { RowIssue } from '../domain/model.ts';
import { TABS } from '../store/schema.ts';
import { openRange, openWindow, type WindowRow } from './tab-window.ts';
import { appendAt, markOf, outboxRowOf, OUTBOX_TAIL_KEY } from './alerts.ts';
import { adminAlertKey } from './admin-alerts.ts';

export const CHECK_STATE_KEY = 'checkbreaks.state';
/** The last Violations row a committed run accounted for (see the cut-safety note above). */
export const VIOLATIONS_TAIL_KEY = 'violations.tail_row';
/** Dates whose first rows are remembered (a lead may excuse a violation up to a month old cheaply). */
const ROW_MEMORY_DAYS = 31;

export type Resolution = 'open' | 'excused' | 'confirmed';

/** id -> [sheet row, final (1) or still growing (0), minutes over as written (-1: withdrawn after a correction), employee id]. */
export type IndexEntry = [number, 0 | 1, number, string];

export interface DayIndex {
  /** Violations written for this date. */
  v: Record<string, IndexEntry>;
  /** Nudge alert ids already enqueued for this date. */
  n: string[];
}

export interface CheckState {
  days: Record<string, DayIndex>;
  /** date -> the first Violations row holding a violation of that date. */
  vrows: Record<string, number>;
  /** date -> the Log row that was the last one checked before the date began (its entries come after). */
  lrows: Record<string, number>;
}

export function emptyState(): CheckState {
  return { days: {}, vrows: {}, lrows: {} };
}

/** A Settings cell holds at most 50,000 characters: a larger state is kept in several keys. */
export const STATE_PIECE_CHARS = 45_000;

const pieceKey = (i: number): string => (i === 0 ? CHECK_STATE_KEY : `${CHECK_STATE_KEY}.${i}`);

/** The state kept in Settings (`checkbreaks.state`, then `checkbreaks.state.1`, ... when it is long). */
export function readState(settings: ReadonlyMap<string, string>): CheckState {
  let text = '';
  for (let i = 0; settings.get(pieceKey(i)); i++) text += settings.get(pieceKey(i));
  return parseState(text);
}

/** The Settings values that store `state`; pieces left over from a longer state are emptied. */
export function stateSettings(state: CheckState, settings: ReadonlyMap<string, string>): Map<string, string> {
  const text = JSON.stringify(state);
  const out = new Map<string, string>();
  let i = 0;
  for (let at = 0; at < text.length || i === 0; at += STATE_PIECE_CHARS, i++) out.set(pieceKey(i), text.slice(at, at + STATE_PIECE_CHARS));
  for (; settings.get(pieceKey(i)); i++) out.set(pieceKey(i), '');
  return out;
}

/** A damaged or missing state is an empty one: at worst a violation of today is written a second time. */
export function parseState(text: string | undefined): CheckState {
  if (!text) return emptyState();
  try {
    const v = JSON.parse(text) as Partial<CheckState>;
    const obj = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? x : {});
    return { days: obj(v.days) as CheckState['days'], vrows: obj(v.vrows) as CheckState['vrows'], lrows: obj(v.lrows) as CheckState['lrows'] };
  } catch {
    return emptyState();
  }
}

/** Keeps the index of yesterday and today, and a month of first rows. */
export function pruneState(s: CheckState, today: string): CheckState {
  const yesterday = addDays(today, -1);
  const oldest = addDays(today, -ROW_MEMORY_DAYS);
  const keep = <T>(r: Record<string, T>, from: string): Record<string, T> => Object.fromEntries(Object.entries(r).filter(([d]) => d >= from));
  return { days: keep(s.days, yesterday), vrows: keep(s.vrows, oldest), lrows: keep(s.lrows, oldest) };
}

export function dayIndex(s: CheckState, date: string): DayIndex {
  if (!s.days[date]) s.days[date] = { v: {}, n: [] };
  return s.days[date];
}

// ---- writing what the rules found ----

export interface Found {
  violation: Violation;
  id: string;
}

export interface RecordedViolations {
  /** Written for the first time now: each gets its alert. */
  fresh: Found[];
  /** Written before and updated now (minutes over grew, or it became final). */
  updated: Found[];
}

export interface ViolationsIo {
  port: SheetPort;
  ctx: CellContext;
  onIssue?: (issue: RowIssue) => void;
}

/** Whether some of what the rules found is not in the index yet (it would be appended). */
export function hasUnindexed(state: CheckState, found: readonly Violation[]): boolean {
  return found.some((v) => !state.days[v.date]?.v[violationId(v.date, v.key)]);
}

/**
 * Writes what the rules found: a violation not in the index is appended at row `appendAt` (one write for
 * all; the caller has read the tails, so the index is complete and that row is the one below the last); one
 * written before that was still growing is updated in place when its minutes or its finality changed (one
 * read and one write of the block of those rows). `alertIdOf` names the lead-chat alert of a new one ('' for
 * none). The state is updated in memory; the caller stores it.
 */
export function recordViolations(
  io: ViolationsIo,
  state: CheckState,
  found: readonly Violation[],
  o: { now: number; alertIdOf: (f: Found) => string; appendAt: number | null },
): RecordedViolations {
  const fresh: Found[] = [];
  const updated: Found[] = [];
  const seen = new Set<string>();
  for (const v of found) {
    const id = violationId(v.date, v.key);
    if (seen.has(id)) continue;
    seen.add(id);
    const entry = dayIndex(state, v.date).v[id];
    if (!entry) fresh.push({ violation: v, id });
    else if (entry[1] === 0 && (v.final || v.over_minutes !== entry[2])) updated.push({ violation: v, id });
  }

  if (fresh.length > 0) {
    if (o.appendAt === null) throw new Error('recordViolations: new violations but the tails were not read');
    const records = fresh.map((f) => violationRecord(f, o.now, o.alertIdOf(f)));
    const first = appendAt(io.port, 'Violations', o.appendAt, records);
    fresh.forEach((f, i) => {
      const row = first + i;
      dayIndex(state, f.violation.date).v[f.id] = [row, f.violation.final ? 1 : 0, f.violation.over_minutes, f.violation.employee_id];
      if (!(f.violation.date in state.vrows) || state.vrows[f.violation.date] > row) state.vrows[f.violation.date] = row;
    });
  }

  if (updated.length > 0) {
    const rows = updated.map((u) => dayIndex(state, u.violation.date).v[u.id][0]);
    const window = openRange(io.port, 'Violations', Math.min(...rows), Math.max(...rows), io.ctx, io.onIssue);
    for (const u of updated) {
      const entry = dayIndex(state, u.violation.date).v[u.id];
      const r = window.rows.find((x) => x.row === entry[0] && x.values.id === u.id);
      // A row moved or deleted by hand is left alone: the index forgets it being open, nothing else.
      if (r) window.update(r.row, { ...r.values, planned: u.violation.planned, actual: u.violation.actual, over_minutes: u.violation.over_minutes });
      entry[1] = u.violation.final ? 1 : 0;
      entry[2] = u.violation.over_minutes;
    }
    window.flush();
  }
  return { fresh, updated };
}

/**
 * Marks every violation of `date` that is still open in the index as final: the day is over, nothing can
 * change it any more (group concurrency, for one, is never final while it is being watched).
 */
export function finaliseDate(state: CheckState, date: string): number {
  const day = state.days[date];
  if (!day) return 0;
  let n = 0;
  for (const entry of Object.values(day.v)) {
    if (entry[1] === 0) {
      entry[1] = 1;
      n++;
    }
  }
  return n;
}

/** How many violations of `date` each employee has in the index. */
export function countsByEmployee(state: CheckState, date: string): Map<string, number> {
  const out = new Map<string, number>();
  // -1 minutes: withdrawn after a correction (check-breaks.ts withdrawVanished), not a violation any more.
  for (const entry of Object.values(state.days[date]?.v ?? {})) if (entry[2] >= 0) out.set(entry[3], (out.get(entry[3]) ?? 0) + 1);
  return out;
}

function violationRecord(f: Found, now: number, alertId: string): RawRecord {
  const v = f.violation;
  return {
    id: f.id,
    date: v.date,
    employee_id: v.employee_id,
    type: v.type,
    planned: v.planned,
    actual: v.actual,
    over_minutes: v.over_minutes,
    detected_at: now,
    alert_id: alertId,
    resolution: 'open',
    resolved_by: '',
    note: '',
  };
}

// ---- the tails a cut run left ----

export interface Tails {
  /** The last rows of Violations and Outbox now: appends go below them. */
  violationsLast: number;
  outboxLast: number;
  /** Alert ids in the Outbox's tail: written already, never enqueued again. */
  outboxIds: Set<string>;
  /** Violations of the tail (now indexed) whose alert never reached the Outbox: it is to be enqueued. */
  orphans: RawRecord[];
  /** Settings to store with the commit: both marks at the last rows read (moved again past what is appended), admin alert times found in the tail. */
  updates: Map<string, string>;
  /** Marks that were missing (a workbook from before them): the caller stores these BEFORE appending anything. */
  established: Map<string, string>;
}

/**
 * Reads what runs cut before their commit left below the marks, and folds it into `state`: violations not in
 * the index are indexed; nudges in the Outbox's tail are noted as enqueued; admin alerts there count as sent
 * for their trigger's quiet hour. With `alsoFrom`, Violations is read from that row (if above the mark), and
 * every row read is indexed: the rollover rebuilds the index of a date that was pruned that way.
 * Two last-row lookups, and a read only for a tail that is not empty.
 */
export function readTails(io: ViolationsIo, state: CheckState, settings: ReadonlyMap<string, string>, o: { alsoFrom?: number } = {}): Tails {
  const established = new Map<string, string>();
  const updates = new Map<string, string>();

  const violationsLast = io.port.lastRow(TABS.Violations.name);
  let vMark = markOf(settings, VIOLATIONS_TAIL_KEY);
  if (vMark === null) established.set(VIOLATIONS_TAIL_KEY, String((vMark = violationsLast)));
  // Fewer rows than the mark: some were deleted by hand; nothing below the last row is unaccounted for.
  vMark = Math.min(vMark, violationsLast);
  const vFrom = Math.min(vMark + 1, o.alsoFrom ?? Infinity);
  const vRows = vFrom <= violationsLast ? openRange(io.port, 'Violations', vFrom, violationsLast, io.ctx, io.onIssue).rows : [];
  const orphanCandidates: RawRecord[] = [];
  for (const r of vRows) {
    const id = String(r.values.id ?? '');
    const date = dateOfViolationId(id);
    // A row typed in by hand, or of another date read only because it lies between: not ours to index.
    if (!date || String(r.values.date) !== date) continue;
    const inTail = r.row > vMark;
    const day = dayIndex(state, date);
    if (day.v[id]) continue;
    day.v[id] = [r.row, 0, Number(r.values.over_minutes) || 0, String(r.values.employee_id ?? '')];
    if (!(date in state.vrows) || state.vrows[date] > r.row) state.vrows[date] = r.row;
    if (inTail && String(r.values.alert_id ?? '') !== '') orphanCandidates.push(r.values);
  }

  const outboxLast = io.port.lastRow(TABS.Outbox.name);
  let oMark = markOf(settings, OUTBOX_TAIL_KEY);
  if (oMark === null) established.set(OUTBOX_TAIL_KEY, String((oMark = outboxLast)));
  oMark = Math.min(oMark, outboxLast);
  const outboxIds = new Set<string>();
  if (oMark < outboxLast) {
    const adminLast = new Map<TriggerName, number>();
    for (const r of openRange(io.port, 'Outbox', oMark + 1, outboxLast, io.ctx, io.onIssue).rows) {
      const a = outboxRowOf(r.values);
      if (a.alert_id === '') continue;
      outboxIds.add(a.alert_id);
      const nudge = /^N-(\d{4})(\d{2})(\d{2})-/.exec(a.alert_id);
      if (nudge) {
        const sent = dayIndex(state, `${nudge[1]}-${nudge[2]}-${nudge[3]}`).n;
        if (!sent.includes(a.alert_id)) sent.push(a.alert_id);
      }
      const trigger = a.created_at === null ? null : adminAlertTriggerOf(a.alert_id, a.created_at, a.target);
      if (trigger && a.created_at !== null) adminLast.set(trigger, Math.max(adminLast.get(trigger) ?? 0, a.created_at));
    }
    for (const [trigger, at] of adminLast) {
      const key = adminAlertKey(trigger);
      const known = Number(settings.get(key));
      if (!(Number.isFinite(known) && known >= at)) updates.set(key, String(at));
    }
  }
  updates.set(VIOLATIONS_TAIL_KEY, String(violationsLast));
  updates.set(OUTBOX_TAIL_KEY, String(outboxLast));
  const orphans = orphanCandidates.filter((v) => !outboxIds.has(String(v.alert_id)));
  return { violationsLast, outboxLast, outboxIds, orphans, updates, established };
}

// ---- finding one violation by id (bot buttons) ----

export interface ViolationHit {
  row: WindowRow;
  /** Writes changed values back (one write). */
  save(values: RawRecord): void;
}

/**
 * The row of a violation id. Reads from the first row of its date (kept in the state for a month) to the
 * end: a couple of days of violations. An id older than that, or whose date was never recorded, costs a
 * read of the whole tab, once.
 */
export function findViolation(io: ViolationsIo, state: CheckState, id: string): ViolationHit | null {
  const date = dateOfViolationId(id);
  if (!date) return null;
  const from = state.vrows[date] ?? 2;
  let window = openWindow(io.port, 'Violations', from, io.ctx, io.onIssue);
  let row = window.rows.find((r) => r.values.id === id);
  if (!row && from > 2) {
    // The remembered row is wrong (rows deleted or moved by hand): look everywhere.
    window = openWindow(io.port, 'Violations', 2, io.ctx, io.onIssue);
    row = window.rows.find((r) => r.values.id === id);
  }
  if (!row) return null;
  const found = row;
  const w = window;
  return {
    row: found,
    save(values) {
      w.update(found.row, values);
      w.flush();
    },
  };
}
