// Status tracking use cases: `sync` (take a device's entries) and `state` (today's picture).
// One script lock around the read-modify-write of Devices, Current and Log; everything else (token,
// reference data, validation) happens before the lock so the lock is held as briefly as possible.
import type { CurrentState, StateReply, SyncReply, SyncRequest, StateRequest, TodayBlock } from '../../../common/api.ts';
import type { StatusInfo } from '../../../common/status.ts';
import type { CurrentRow, DayEntry, DeviceRow, Employee, LogRow, Shift, Status } from '../store/rows.ts';
import { planIngest } from '../domain/ingest.ts';
import { currentOf, mergeDay } from '../domain/timeline.ts';
import { buildToday, type ZonedTime } from '../domain/today.ts';

export interface TrackingTables {
  devices(): DeviceRow[];
  current(): CurrentRow[];
  appendLog(rows: LogRow[]): void;
  saveDevices(rows: DeviceRow[]): void;
  saveCurrent(rows: CurrentRow[]): void;
}

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
  tables: TrackingTables;
}

export function sync(req: SyncRequest, deps: TrackingDeps): SyncReply {
  const employee = deps.authenticate(req.token, req.device_id);
  const known = new Set(deps.statuses.map((s) => s.code));
  // An unknown status or an entry naming someone else is refused per entry, with its code, and its seq is
  // used up: a whole-request refusal would jam the device's queue for good behind one entry that can
  // never be accepted (docs/sync.md).
  return deps.withLock(() => {
    const now = deps.now;
    const devices = deps.tables.devices();
    const index = devices.findIndex((d) => d.device_id === req.device_id);
    // A shared desk PC moves to whoever signs in on it; its seq counter stays the device's.
    const device = index >= 0 ? devices[index] : null;
    const plan = planIngest({
      now,
      sentAt: req.sent_at,
      employeeId: employee.id,
      deviceId: req.device_id,
      source: 'web',
      entries: req.entries,
      device,
      retentionMs: deps.retentionMs,
      isKnownStatus: (code) => known.has(code),
    });
    // Log first: if the execution died between the two writes, the entries are kept and the device's
    // seq is behind, never the other way round (which would lose acknowledged entries).
    deps.tables.appendLog(plan.logRows);
    if (index >= 0) devices[index] = plan.device;
    else devices.push(plan.device);
    const currents = deps.tables.current();
    const row = updateCurrent(currents, employee.id, plan.accepted, req.device_id, now, deps.dateOf);
    deps.tables.saveCurrent(currents);
    deps.tables.saveDevices(devices);
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
  return { code: s.code, label_ru: s.label_ru, label_en: s.label_en, kind: s.kind, counts_as_work: s.counts_as_work, color: s.color };
}

/** Merges the accepted entries into the employee's day; a new day starts an empty timeline. */
function updateCurrent(rows: CurrentRow[], employeeId: string, accepted: DayEntry[], deviceId: string, now: number, dateOf: (ms: number) => string): CurrentRow {
  const date = dateOf(now);
  let row = rows.find((r) => r.employee_id === employeeId);
  if (!row) {
    row = { employee_id: employeeId, status: '', since: null, last_seen: null, device_id: deviceId, day: date, timeline: [] };
    rows.push(row);
  }
  if (row.day !== date) {
    row.day = date;
    row.timeline = [];
  }
  // Entries of an earlier day (sent late after a night offline) go to Log but not into today's timeline.
  row.timeline = mergeDay(row.timeline, accepted.filter((e) => dateOf(e.at) === date));
  const newest = [...accepted].sort((a, b) => a.at - b.at).at(-1);
  if (newest && (row.since === null || newest.at >= row.since)) {
    const latest = currentOf(row.timeline) ?? { status: newest.status, since: newest.at };
    row.status = latest.status;
    row.since = latest.since;
    row.device_id = deviceId;
  }
  row.last_seen = now;
  return row;
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
  });
}
