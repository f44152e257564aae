// The one status-change write: every path that records status changes (sync from the employee page, the
// bot's /break /lunch /back, a lead's correction from the console (status.set), and system entries) reads
// Devices and Current, plans each device's entries with domain/ingest.ts and writes Devices, Log and Current
// here, under the caller's script lock. Today's date and the live status are decided here only (applyEntries).
//
// Apps Script rolls nothing back, so the write is ordered to survive a stop between any two service calls:
//   1. read Devices, read Current;
//   2. write Devices: each device's new last_seq WITH its `pending` write (the seqs it settles, the last
//      Log row it appends and how many rows, and the device's state before);
//   3. append the Log rows (one setValues);
//   4. write Current, each touched row marked `last_write` = the write's id: the write is finished.
// Six sheet calls, as before. A device's pending write is finished when its employee's Current.last_write
// says so (read anyway in step 1), so the normal path checks nothing more. Only a device whose last write was
// cut pays for a check: ONE search of Log's entry_id column for the pending's last row. Found: the rows are
// read back (one read) and merged into Current (one write); not found: the device's row is put back as it
// was, so the client's retry (same seqs) is planned afresh. Either way nothing is lost or doubled
// (docs/sync.md, "Cut at any point"; tests/cut/).
import type { SyncBacklog, SyncEntry } from '../../../common/api.ts';
import type { EntrySource } from '../../../common/status.ts';
import type { CurrentRow, DayEntry, DeviceRow, LogRow, PendingWrite } from '../domain/model.ts';
import { planIngest, type IngestPlan } from '../domain/ingest.ts';
import { compareEntries, currentOf, dayEntryOf, mergeDay } from '../domain/timeline.ts';
import { backlogAfter } from '../domain/service-alerts.ts';

/** What the write needs of the tables (store/tables.ts gives them all). */
export interface StatusTables {
  devices(): DeviceRow[];
  current(): CurrentRow[];
  saveDevices(rows: readonly DeviceRow[]): void;
  saveCurrent(rows: readonly CurrentRow[]): void;
  appendLog(rows: readonly LogRow[]): void;
  findLogEntry(entryId: string): number[];
  logRowsAt(firstRow: number, count: number): (LogRow | null)[];
}

export interface StatusWriteDeps {
  now: number;
  /** 'yyyy-MM-dd' of an instant in the spreadsheet's time zone. */
  dateOf(ms: number): string;
  tables: StatusTables;
}

/** One device's entries for one employee. */
export interface StatusBatch {
  deviceId: string;
  employeeId: string;
  source: EntrySource;
  entries: readonly SyncEntry[];
  /** The sender's clock when it sent them (the server's own `now` for server-made entries). */
  sentAt: number;
  retentionMs: number;
  isKnownStatus?: (code: string) => boolean;
  seqs?: 'consecutive' | 'increasing';
  /**
   * A device silent this long may have restarted its numbering (Telegram picks the next update_id at random
   * after a week without updates): its last_seq then no longer bounds the next seq.
   */
  restartAfterMs?: number;
  /** A seq settled without an entry (a command that changed nothing): last_seq moves up to it. */
  settle?: number;
  /**
   * false: the entries' times are taken as given, not clamped to the device's previous entry. For a lead's
   * correction, which states when something happened (a forgotten break ended at 11:10) whatever was
   * corrected before; the time is still never in the future.
   */
  clamp?: boolean;
  /**
   * The page's queue when it sent the batch (sync only): what is left of it after the batch goes into the
   * device's row, in this same Devices write. null: not reported (an older page), stored blank; absent: the
   * row's backlog is kept (the bot's and the console's writes).
   */
  backlog?: SyncBacklog | null;
}

export interface StatusWriteResult {
  /** One plan per batch, in the batches' order. */
  plans: IngestPlan[];
  /** Each batch's employee's Current row after the write (null when the write left it alone). */
  rows: (CurrentRow | null)[];
}

export interface StatusWrites {
  /** The employee's Current row as it stands, a cut write of the devices opened for repaired. */
  current(employeeId: string): CurrentRow | null;
  /** Whether `seq` is still to come from the batch's device (above last_seq). */
  isNew(batch: Pick<StatusBatch, 'deviceId' | 'restartAfterMs'>, seq: number): boolean;
  /** The next seq of a device numbered 1, 2, 3, ... (a cut write of it repaired). */
  nextSeq(deviceId: string): number;
  /**
   * Plans the batches and writes them (steps 2-4). With `touch`, Devices and Current are written even when
   * nothing changed (last_seen moves, as a sync does); without, a write that changes nothing writes nothing.
   */
  write(batches: readonly StatusBatch[], o?: { touch?: boolean }): StatusWriteResult;
}

/**
 * Step 1, under the caller's lock: reads Devices and Current and repairs a cut write of any of `deviceIds`
 * (the devices about to write; another device's cut write is repaired by its own next request).
 */
export function openStatusWrites(deps: StatusWriteDeps, deviceIds: readonly string[]): StatusWrites {
  const { tables, now } = deps;
  const devices = tables.devices();
  const currents = tables.current();
  const currentOfEmployee = (id: string) => currents.find((c) => c.employee_id === id) ?? null;
  const finished = (p: PendingWrite) => currentOfEmployee(p.employee_id)?.last_write === p.write;

  // A finished write's record is dropped in the next Devices write, whoever makes it: so the mark in Current
  // may be overwritten later by another device of the same employee without making this one look unfinished.
  for (const d of devices) if (d.pending && finished(d.pending)) d.pending = null;

  for (const id of new Set(deviceIds)) {
    const device = devices.find((d) => d.device_id === id);
    if (device?.pending) repair(device, device.pending);
  }

  function repair(device: DeviceRow, p: PendingWrite): void {
    const rows = appendedRows(device.device_id, p);
    if (rows) {
      // The Log has the rows; Current may not: merge them (merging is idempotent) and mark it finished.
      const row = applyEntries(currents, p.employee_id, rows.map(dayEntryOf), now, deps.dateOf);
      row.last_write = p.write;
      tables.saveCurrent(currents);
    } else {
      // Nothing reached the Log: the device is as before, and its retry is planned afresh.
      device.last_seq = p.prev_seq;
      device.last_at = p.prev_at;
    }
    device.pending = null;
  }

  /** The rows the pending write appended, where they are now (archiving deletes rows above), or null. */
  function appendedRows(deviceId: string, p: PendingWrite): LogRow[] | null {
    const hits = tables.findLogEntry(p.entry_id);
    // The newest first; an entry_id is the client's and could repeat, so a hit counts only when the block
    // ending at it is this device's rows with the pending seqs.
    for (let i = hits.length - 1; i >= 0; i--) {
      const first = hits[i] - p.rows + 1;
      if (first < 2) continue;
      const block = tables.logRowsAt(first, p.rows);
      const last = block[block.length - 1];
      const ours = block.every((r) => r !== null && r.device_id === deviceId && r.seq > p.prev_seq && r.seq <= p.seq);
      if (ours && last && last.entry_id === p.entry_id && last.seq === p.seq) return block as LogRow[];
    }
    return null;
  }

  /** The device as a batch plans from it: with no seq bound after a restart of its numbering. */
  function baseOf(batch: Pick<StatusBatch, 'deviceId' | 'restartAfterMs'>): DeviceRow | null {
    const device = devices.find((d) => d.device_id === batch.deviceId) ?? null;
    if (!device || batch.restartAfterMs === undefined) return device;
    const silent = device.last_seen === null || now - device.last_seen >= batch.restartAfterMs;
    return silent ? { ...device, last_seq: 0 } : device;
  }

  return {
    current: currentOfEmployee,

    isNew: (batch, seq) => seq > (baseOf(batch)?.last_seq ?? 0),

    nextSeq: (deviceId) => (devices.find((d) => d.device_id === deviceId)?.last_seq ?? 0) + 1,

    write(batches, o = {}) {
      if (new Set(batches.map((b) => b.deviceId)).size !== batches.length) throw new Error('status write: one batch per device');
      const bases = batches.map(baseOf);
      const plans = batches.map((b, i) =>
        planIngest({
          now,
          sentAt: b.sentAt,
          employeeId: b.employeeId,
          deviceId: b.deviceId,
          source: b.source,
          entries: b.entries,
          device: b.clamp === false && bases[i] ? { ...(bases[i] as DeviceRow), last_at: null } : bases[i],
          retentionMs: b.retentionMs,
          isKnownStatus: b.isKnownStatus,
          seqs: b.seqs,
        }),
      );
      const first = plans.findIndex((p) => p.logRows.length > 0);
      // Unique: the device, its seq and the time (a bot chat's seqs may start again from a random number).
      const writeId = first < 0 ? '' : `${batches[first].deviceId}:${plans[first].acceptedThroughSeq}:${now.toString(36)}`;

      let changed = o.touch === true;
      const logRows: LogRow[] = [];
      batches.forEach((b, i) => {
        const plan = plans[i];
        const base = bases[i];
        const next: DeviceRow = { ...plan.device, pending: null, ...backlogOf(b, base, plan.acceptedThroughSeq, now) };
        if (b.settle !== undefined && b.settle > next.last_seq) next.last_seq = b.settle;
        if (plan.logRows.length > 0) {
          const last = plan.logRows[plan.logRows.length - 1];
          next.pending = {
            write: writeId,
            employee_id: b.employeeId,
            prev_seq: base?.last_seq ?? 0,
            prev_at: base?.last_at ?? null,
            entry_id: last.entry_id,
            seq: last.seq,
            rows: plan.logRows.length,
          };
          // Each device's rows stay together in the one append, so a repair finds them as a block.
          logRows.push(...plan.logRows);
        }
        if (next.last_seq !== (base?.last_seq ?? 0) || plan.logRows.length > 0) changed = true;
        const index = devices.findIndex((d) => d.device_id === b.deviceId);
        if (index >= 0) devices[index] = next;
        else devices.push(next);
      });
      if (!changed) return { plans, rows: batches.map(() => null) };

      tables.saveDevices(devices);
      tables.appendLog(logRows);
      const rows = batches.map((b, i) => {
        const plan = plans[i];
        if (!o.touch && plan.accepted.length === 0) return null;
        const row = applyEntries(currents, b.employeeId, plan.accepted, now, deps.dateOf);
        if (plan.logRows.length > 0) row.last_write = writeId;
        return row;
      });
      if (rows.some((r) => r !== null)) tables.saveCurrent(currents);
      return { plans, rows };
    },
  };
}

/** The backlog columns of a batch's device row after the write (services/service-alerts.ts reads them). */
function backlogOf(b: StatusBatch, base: DeviceRow | null, acceptedThroughSeq: number, now: number): Pick<DeviceRow, 'backlog_count' | 'backlog_oldest_at'> {
  if (b.backlog === undefined) return { backlog_count: base?.backlog_count ?? null, backlog_oldest_at: base?.backlog_oldest_at ?? null };
  if (b.backlog === null) return { backlog_count: null, backlog_oldest_at: null };
  const left = backlogAfter(b.backlog, b.entries, acceptedThroughSeq, now, b.sentAt);
  return { backlog_count: left.count, backlog_oldest_at: left.oldest_at };
}

/**
 * Merges an employee's entries into their Current row (made when missing) and sets the live status. The
 * rule, in one place: the row holds today's timeline (today = the date of `now` in the spreadsheet's zone;
 * a new day starts an empty one); entries of an earlier day (sent late after a night offline) are in Log but
 * not in today's timeline. The status is that of the timeline's last entry since the start of its run; with
 * no entry today yet, the newest entry of an earlier day is carried when it is not older than the status held.
 * The result depends only on the set of entries, not the order they arrive in.
 */
export function applyEntries(rows: CurrentRow[], employeeId: string, entries: readonly DayEntry[], now: number, dateOf: (ms: number) => string): CurrentRow {
  const today = dateOf(now);
  let row = rows.find((r) => r.employee_id === employeeId);
  if (!row) {
    row = { employee_id: employeeId, status: '', since: null, last_seen: null, device_id: '', day: today, timeline: [], last_write: '' };
    rows.push(row);
  }
  if (row.day !== today) {
    row.day = today;
    row.timeline = [];
  }
  const todays: DayEntry[] = [];
  let newestEarlier: DayEntry | null = null;
  for (const e of entries) {
    if (dateOf(e.at) === today) todays.push(e);
    else if (!newestEarlier || compareEntries(e, newestEarlier) > 0) newestEarlier = e;
  }
  row.timeline = mergeDay(row.timeline, todays);
  const latest = currentOf(row.timeline);
  if (latest) {
    row.status = latest.status;
    row.since = latest.since;
    row.device_id = row.timeline[row.timeline.length - 1].device_id;
  } else if (newestEarlier && (row.since === null || newestEarlier.at >= row.since)) {
    row.status = newestEarlier.status;
    row.since = newestEarlier.at;
    row.device_id = newestEarlier.device_id;
  }
  row.last_seen = now;
  return row;
}
