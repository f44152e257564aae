// Status tracking use cases: `sync` (take a device's entries) and `state` (today's picture).
// One script lock around the status write (services/status-writes.ts: Devices, Log, Current, cut-safe);
// everything else (token, reference data, validation) happens before the lock so it is held briefly.
import type { CurrentState, StateReply, SyncReply, SyncRequest, StateRequest, TodayBlock } from '../../../common/api.ts';
import type { StatusInfo } from '../../../common/status.ts';
import type { CurrentRow, Employee, Shift, Status } from '../domain/model.ts';
import { buildToday, type ZonedTime } from '../domain/today.ts';
import { openStatusWrites, type StatusTables } from './status-writes.ts';

export interface TrackingDeps {
  now: number;
  timeZone: string;
  dateOf(ms: number): string;
  zonedTime: ZonedTime;
  /** How far back an entry may be: older ones are refused per entry. */
  retentionMs: number;
  /** Verifies the token (and, when given, that it belongs to this device); the active employee. */
  authenticate(token: string, deviceId: string | undefined): Employee;
  statuses: Status[];
  shiftFor(employeeId: string, date: string): Shift | null;
  withLock<T>(work: () => T): T;
  tables: StatusTables;
}

export function sync(req: SyncRequest, deps: TrackingDeps): SyncReply {
  const employee = deps.authenticate(req.token, req.device_id);
  const known = new Set(deps.statuses.map((s) => s.code));
  // An unknown status or an entry naming someone else is refused per entry, with its code, and its seq is
  // used up: a whole-request refusal would jam the device's queue for good behind one entry that can
  // never be accepted (docs/sync.md).
  return deps.withLock(() => {
    const now = deps.now;
    const writes = openStatusWrites({ now, dateOf: deps.dateOf, tables: deps.tables }, [req.device_id]);
    // A shared desk PC moves to whoever signs in on it; its seq counter stays the device's.
    const { plans, rows } = writes.write(
      [{ deviceId: req.device_id, employeeId: employee.id, source: 'web', entries: req.entries, sentAt: req.sent_at, retentionMs: deps.retentionMs, isKnownStatus: (code) => known.has(code), backlog: req.backlog ?? null }],
      // Even an empty batch moves last_seen (docs/sync.md, "Devices row").
      { touch: true },
    );
    const [plan] = plans;
    const row = rows[0];
    return {
      accepted_through_seq: plan.acceptedThroughSeq,
      results: plan.results,
      server_time: now,
      current: currentStateOf(row),
      today: today(employee, row, deps),
    };
  });
}

export function state(req: StateRequest, deps: TrackingDeps): StateReply {
  const employee = deps.authenticate(req.token, undefined);
  const row = deps.tables.current().find((r) => r.employee_id === employee.id) ?? null;
  return {
    server_time: deps.now,
    current: currentStateOf(row),
    today: today(employee, row, deps),
    statuses: deps.statuses.map(statusInfo),
  };
}

export function statusInfo(s: Status): StatusInfo {
  const info: StatusInfo = { code: s.code, label_ru: s.label_ru, label_en: s.label_en, kind: s.kind, counts_as_work: s.counts_as_work, color: s.color };
  // Only said when true: the page offers every status it is not told is hidden.
  return s.hidden ? { ...info, hidden: true } : info;
}

function currentStateOf(row: CurrentRow | null): CurrentState | null {
  return row && row.status && row.since !== null ? { status: row.status, since: row.since } : null;
}

function today(employee: Employee, row: CurrentRow | null, deps: TrackingDeps): TodayBlock {
  const date = deps.dateOf(deps.now);
  return buildToday({
    date,
    timeZone: deps.timeZone,
    shift: deps.shiftFor(employee.id, date),
    day: row && row.day === date ? row.timeline : [],
    now: deps.now,
    zonedTime: deps.zonedTime,
    // Kept in Current by checkBreaks: no read of the Violations tab, which grows with history.
    violations: row?.violations ?? null,
  });
}
