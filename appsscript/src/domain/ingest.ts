// The plan for one sync request of one device: which entries are accepted, which are duplicates, which are
// refused, the Log rows to append and the device's new state. Pure: the service reads Devices, calls this
// under the script lock and writes what it returns. The protocol is written down in docs/sync.md.
import type { EntryResult, SyncEntry } from '../../../common/api.ts';
import type { EntrySource } from '../../../common/status.ts';
import type { DayEntry, DeviceRow, LogRow } from './model.ts';
import { CLIENT_TIME_MAX_MS, CLIENT_TIME_MIN_MS } from '../../../common/limits.ts';
import { storedText } from '../../../common/text.ts';

export interface IngestInput {
  /** The server's clock for this request. */
  now: number;
  /** The client's clock when it sent the request. */
  sentAt: number;
  /** The employee of the session token. */
  employeeId: string;
  deviceId: string;
  source: EntrySource;
  /** Schema-valid entries, in any order, possibly with repeats. */
  entries: readonly SyncEntry[];
  /** The device's stored state; null for a device never seen. */
  device: DeviceRow | null;
  /** Entries whose corrected time is older than now - retentionMs are refused for good. */
  retentionMs: number;
  /**
   * Optional: the status codes the Statuses tab knows. An entry with another code is refused for good
   * (its seq is consumed). Without it every code is taken as is.
   */
  isKnownStatus?: (code: string) => boolean;
  /**
   * 'consecutive' (the default, the web client's devices): the next seq is exactly last_seq + 1 and an entry
   * after a gap waits. 'increasing' (a bot chat, whose seqs are Telegram's update ids): any seq above
   * last_seq is the next one; the ones skipped are never coming.
   */
  seqs?: 'consecutive' | 'increasing';
}

export interface IngestPlan {
  /** One result per entry of the request, in the REQUEST's order (results[i] answers entries[i]). */
  results: EntryResult[];
  /** Every seq up to this one is settled: the device's last_seq after the plan. */
  acceptedThroughSeq: number;
  /** Rows to append to Log, in seq order. */
  logRows: LogRow[];
  /** The device's new state, to store whether or not anything was accepted (last_seen moves). */
  device: DeviceRow;
  /** The accepted entries as timeline entries, in seq order (the same entries as logRows). */
  accepted: DayEntry[];
}

export function planIngest(input: IngestInput): IngestPlan {
  const { now, employeeId, deviceId, source } = input;
  const clockOffset = now - input.sentAt;
  let lastSeq = input.device?.last_seq ?? 0;
  let lastAt = input.device?.last_at ?? null;
  /** The first missing seq once a gap is found: everything after it waits. */
  let missingSeq: number | null = null;

  const results: EntryResult[] = new Array(input.entries.length);
  const logRows: LogRow[] = [];
  const accepted: DayEntry[] = [];

  for (const index of seqOrder(input.entries)) {
    const entry = input.entries[index];
    const { seq, entry_id } = entry;

    // Seen before (in an earlier request, or earlier in this batch): settled already, nothing changes.
    if (seq <= lastSeq) {
      results[index] = { seq, entry_id, result: 'duplicate' };
      continue;
    }
    if (missingSeq === null && seq !== lastSeq + 1 && input.seqs !== 'increasing') missingSeq = lastSeq + 1;
    if (missingSeq !== null) {
      results[index] = { seq, entry_id, result: 'refused', code: 'conflict', message: waitingMessage(seq, missingSeq) };
      continue;
    }

    // From here on this seq is settled one way or the other: it is consumed so the client's queue moves on.
    lastSeq = seq;
    const at = correctedTime(entry.at, clockOffset, now, lastAt);
    const refusal = refusalOf(entry, at, input);
    if (refusal) {
      results[index] = { seq, entry_id, result: 'refused', code: refusal.code, message: refusal.message };
      continue;
    }

    lastAt = at;
    // The comment as every store keeps it; the reply says so when that is not what was sent (docs/sync.md, "Text").
    const sentComment = entry.comment ?? '';
    const comment = storedText(sentComment);
    results[index] = comment === sentComment ? { seq, entry_id, result: 'accepted', at } : { seq, entry_id, result: 'accepted', at, comment };
    logRows.push({
      entry_id,
      employee_id: employeeId,
      status: entry.status,
      at,
      client_at: entry.at,
      received_at: now,
      device_id: deviceId,
      seq,
      source,
      offline: entry.offline ?? false,
      comment,
    });
    accepted.push({ entry_id, status: entry.status, at, source, device_id: deviceId, seq });
  }

  return {
    results,
    acceptedThroughSeq: lastSeq,
    logRows,
    // The device row follows whoever uses the device now (a shared desk): its seq counter stays the device's.
    device: { device_id: deviceId, employee_id: employeeId, last_seq: lastSeq, last_seen: now, last_at: lastAt },
    accepted,
  };
}

/** Why an entry whose turn has come is refused for good, or null when it is accepted. */
function refusalOf(entry: SyncEntry, at: number, input: IngestInput): { code: 'bad_request' | 'forbidden'; message: string } | null {
  if (entry.employee_id !== undefined && entry.employee_id !== input.employeeId) {
    return { code: 'forbidden', message: 'The entry names another employee / Запись указывает другого сотрудника' };
  }
  // Both times come from the device's clock and the raw one is kept (Log client_at): outside the window the
  // clock is wrong beyond correcting, and the value may not even be a date a sheet can hold.
  if (!isClientTime(input.sentAt)) {
    return {
      code: 'bad_request',
      message:
        `The device's clock is not plausible (sent_at ${input.sentAt} is not between 1970 and 2100): set the clock right / ` +
        `Часы устройства показывают неправдоподобное время (sent_at ${input.sentAt} не между 1970 и 2100 годами): исправьте часы`,
    };
  }
  if (!isClientTime(entry.at)) {
    return {
      code: 'bad_request',
      message:
        `The entry's time is not plausible (at ${entry.at} is not between 1970 and 2100) / ` +
        `Время записи неправдоподобно (at ${entry.at} не между 1970 и 2100 годами)`,
    };
  }
  if (input.isKnownStatus && !input.isKnownStatus(entry.status)) {
    return { code: 'bad_request', message: `Unknown status "${entry.status}" / Неизвестный статус «${entry.status}»` };
  }
  if (at < input.now - input.retentionMs) {
    const days = formatDays(input.retentionMs);
    return {
      code: 'bad_request',
      message: `Older than the retention window (${days} days) / Старше срока хранения (${days} дн.)`,
    };
  }
  return null;
}

/** A time from a client's clock inside the window every such time must fall in (common/limits.ts). */
export function isClientTime(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= CLIENT_TIME_MIN_MS && ms < CLIENT_TIME_MAX_MS;
}

/**
 * The client's time moved onto the server's clock, then clamped: never after `now` (a clock running fast
 * cannot put an entry in the future) and never before the device's previous accepted entry (a clock set
 * back cannot reorder what the device did). If the server's own clock is behind `floor` (two servers a
 * moment apart), the device's order wins: that keeps its entries in the order they were made.
 */
export function correctedTime(clientAt: number, clockOffset: number, now: number, floor: number | null): number {
  const notInFuture = Math.min(clientAt + clockOffset, now);
  return floor === null ? notInFuture : Math.max(notInFuture, floor);
}

/** Indices of the entries by seq; equal seqs keep the request's order, so the first copy is the one used. */
function seqOrder(entries: readonly SyncEntry[]): number[] {
  return entries.map((_, i) => i).sort((a, b) => entries[a].seq - entries[b].seq || a - b);
}

function waitingMessage(seq: number, missing: number): string {
  return `Entry ${seq} waits: seq ${missing} has not arrived yet, send it first / ` +
    `Запись ${seq} ждёт: запись seq ${missing} ещё не пришла, сначала отправьте её`;
}

function formatDays(ms: number): string {
  return String(Math.round((ms / 86_400_000) * 10) / 10);
}
