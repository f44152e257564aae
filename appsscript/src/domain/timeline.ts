// An employee's day as one ordered list of status changes from all their devices, and the segments the
// employee page shows. THE RULE for devices that were offline at the same time (docs/sync.md): every entry
// is a status change at its corrected time; the day is all entries of all devices ordered by that time,
// and each status holds until the next entry of ANY device. Late entries slot into their place.
import type { CurrentState, TimelineSegment } from '../../../common/api.ts';
import type { DayEntry, LogRow } from './model.ts';

/**
 * The total order of a day: corrected time, then device_id, then seq, then entry_id. Within one device
 * seq order is its own order (clamping keeps its times non-decreasing); between devices at the same
 * millisecond the device_id decides, arbitrarily but the same way every time.
 */
export function compareEntries(a: DayEntry, b: DayEntry): number {
  return a.at - b.at || compareText(a.device_id, b.device_id) || a.seq - b.seq || compareText(a.entry_id, b.entry_id);
}

/**
 * The day with `added` merged in. An entry_id already present is kept as it was (entry ids are unique
 * forever, so a second copy is a re-delivery). The result does not depend on the order in which batches
 * arrive, and merging the same batch twice changes nothing.
 */
export function mergeDay(existing: readonly DayEntry[], added: readonly DayEntry[]): DayEntry[] {
  const byId = new Map<string, DayEntry>();
  for (const entry of existing) if (!byId.has(entry.entry_id)) byId.set(entry.entry_id, entry);
  for (const entry of added) if (!byId.has(entry.entry_id)) byId.set(entry.entry_id, entry);
  return [...byId.values()].sort(compareEntries);
}

/** A Log row as a timeline entry. */
export function dayEntryOf(row: LogRow): DayEntry {
  return { entry_id: row.entry_id, status: row.status, at: row.at, source: row.source, device_id: row.device_id, seq: row.seq };
}

/** The entries that belong to the day [dayStart, dayEnd). */
export function entriesInDay(entries: readonly DayEntry[], dayStart: number, dayEnd: number): DayEntry[] {
  return entries.filter((e) => e.at >= dayStart && e.at < dayEnd);
}

/**
 * Rebuilds an employee's day from Log rows (the repair path, when Current.timeline is lost or suspect).
 * Gives exactly what merging each accepted batch into the day as it arrived gives.
 */
export function dayEntriesFromLog(rows: readonly LogRow[], employeeId: string, dayStart: number, dayEnd: number): DayEntry[] {
  const mine = rows.filter((r) => r.employee_id === employeeId).map(dayEntryOf);
  return mergeDay([], entriesInDay(mine, dayStart, dayEnd));
}

/**
 * The day as segments up to `until` (now for today; entries after it are not shown). A run of entries
 * with the same status is one segment (a second device confirming the status changes nothing); entries at
 * the same millisecond leave only the last one's status (no zero-length segments). Segments follow each
 * other without gap or overlap from the first entry on; the last one is still going on (end null).
 * A segment's source is that of the entry that started it.
 */
export function segments(day: readonly DayEntry[], until: number): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  for (const entry of [...day].sort(compareEntries)) {
    if (entry.at > until) break;
    const last = out[out.length - 1];
    if (last && last.start === entry.at) {
      // The same instant: the later entry in the day's order wins; it may now equal the one before.
      out.pop();
      const before = out[out.length - 1];
      if (before && before.status === entry.status) before.end = null;
      else out.push(open(entry, before));
      continue;
    }
    if (last && last.status === entry.status) continue;
    out.push(open(entry, last));
  }
  return out;
}

/** Starts a segment at `entry`, closing the one before it. */
function open(entry: DayEntry, before: TimelineSegment | undefined): TimelineSegment {
  if (before) before.end = entry.at;
  return { status: entry.status, start: entry.at, end: null, source: entry.source };
}

/** The employee's current status from the day: the last segment, since when it started; null for an empty day. */
export function currentOf(day: readonly DayEntry[]): CurrentState | null {
  const all = segments(day, Number.POSITIVE_INFINITY);
  const last = all[all.length - 1];
  return last ? { status: last.status, since: last.start } : null;
}

/** Plain code-unit order, not locale order: the same on every runtime. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
