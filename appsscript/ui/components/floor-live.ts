// The live floor's arithmetic (Floor and FloorBoard): what each row means at this very second. The server's
// board is a picture taken at its `at`; between two refreshes the page counts on by itself, so a break
// crosses its limit on screen when it does, not at the next refresh or the next trigger run. Pure: the
// same answer for the same rows and clock, whatever draws it.
import type { AdminReply, FloorGroup, FloorRow } from '../../../common/admin-api.ts';
import type { StatusKind } from '../../../common/status.ts';
import { normalise } from './table-view.ts';

const MINUTE = 60_000;

export type FloorReply = AdminReply<'floor.now'>;
export type FloorStatus = FloorReply['statuses'][number];

export interface LiveRow {
  row: FloorRow;
  status: FloorStatus | undefined;
  kind: StatusKind | null;
  state: FloorRow['state'];
  /** How long in the current status; null without one. */
  elapsedMs: number | null;
  /** When the current break becomes an overrun (its minutes and grace), from its start; null without a limit. */
  limitMs: number | null;
  /** How far past the limit; 0 when not over. */
  overMs: number;
  /** How long since the shift began, for someone late or missing; 0 otherwise. */
  lateMs: number;
}

/** Break-like kinds: what "on break" counts and what a cap limits. */
export function isBreakKind(kind: StatusKind | null): boolean {
  return kind === 'break' || kind === 'lunch';
}

export function liveRow(row: FloorRow, statuses: ReadonlyMap<string, FloorStatus>, now: number): LiveRow {
  const status = row.status ? statuses.get(row.status) : undefined;
  const elapsedMs = row.since === null ? null : Math.max(0, now - row.since);
  const limitMs = row.limit_minutes === null ? null : row.limit_minutes * MINUTE;
  // The page's own count from the limit (the rule's minutes and grace); the server's figure only when there
  // is no limit to count from. Time only moves on from the server's `at`: what was over then is over now.
  const counted = elapsedMs !== null && limitMs !== null ? elapsedMs - limitMs : null;
  const overMs = counted !== null ? Math.max(0, counted) : row.over_minutes * MINUTE;
  let state = row.state;
  if (overMs > 0) state = 'over';
  // Not signed in when the shift began, between two refreshes: late from that second on.
  if (state === 'ok' && row.status === '' && now >= row.shift_start) state = 'late';
  const lateMs = (state === 'late' || state === 'missing') && row.status === '' ? Math.max(0, now - row.shift_start) : 0;
  return { row, status, kind: status?.kind ?? null, state, elapsedMs, limitMs, overMs, lateMs };
}

const RANK: Record<LiveRow['state'], number> = { over: 0, missing: 1, late: 2, ok: 3 };

/**
 * Every row at `now`, the ones needing a lead first: over the limit (the longest over first), missing,
 * late, then those on a break (the one ending soonest first), then the rest by name.
 */
export function liveRows(reply: Pick<FloorReply, 'rows' | 'statuses'>, now: number, lang: string): LiveRow[] {
  const statuses = new Map(reply.statuses.map((s) => [s.code, s]));
  const collator = new Intl.Collator(lang, { sensitivity: 'base' });
  const remaining = (r: LiveRow) => (r.limitMs !== null && r.elapsedMs !== null ? r.limitMs - r.elapsedMs : Number.POSITIVE_INFINITY);
  return reply.rows
    .map((row) => liveRow(row, statuses, now))
    .sort((a, b) => {
      if (RANK[a.state] !== RANK[b.state]) return RANK[a.state] - RANK[b.state];
      if (a.state === 'over' && a.overMs !== b.overMs) return b.overMs - a.overMs;
      if (a.state === 'late' || a.state === 'missing') {
        if (a.lateMs !== b.lateMs) return b.lateMs - a.lateMs;
      } else if (a.state === 'ok') {
        const ab = isBreakKind(a.kind);
        const bb = isBreakKind(b.kind);
        if (ab !== bb) return ab ? -1 : 1;
        if (ab && remaining(a) !== remaining(b)) return remaining(a) - remaining(b);
      }
      return collator.compare(a.row.name, b.row.name);
    });
}

/** The status filter's choices besides a status code ('@' is never in a code). */
export const ATTENTION = '@attention';
export const OVER = '@over';
export const ABSENT = '@absent';
export const ON_BREAK = '@break';
export const NOT_IN = '@none';

export interface FloorFilters {
  group: string;
  status: string;
  query: string;
}

export const NO_FLOOR_FILTERS: FloorFilters = { group: '', status: '', query: '' };

/** Whether a row passes the group and status filters (the search is the table's). */
export function floorFilter(f: Pick<FloorFilters, 'group' | 'status'>): ((r: LiveRow) => boolean) | null {
  if (!f.group && !f.status) return null;
  return (r) => (!f.group || r.row.group === f.group) && statusMatches(r, f.status);
}

function statusMatches(r: LiveRow, status: string): boolean {
  switch (status) {
    case '':
      return true;
    case ATTENTION:
      return r.state !== 'ok';
    case OVER:
      return r.state === 'over';
    case ABSENT:
      return r.state === 'late' || r.state === 'missing';
    case ON_BREAK:
      return isBreakKind(r.kind);
    case NOT_IN:
      return r.row.status === '';
    default:
      return r.row.status === status;
  }
}

/** What a row is searched by: the person's name, id and group. */
export function floorSearchText(r: LiveRow): string {
  return `${r.row.name} ${r.row.employee_id} ${r.row.group}`;
}

/** The rows the filters and the search let through (the big screen draws them itself, not in a table). */
export function filterRows(rows: readonly LiveRow[], f: FloorFilters): LiveRow[] {
  const keep = floorFilter(f);
  const words = normalise(f.query).split(' ').filter(Boolean);
  return rows.filter((r) => (!keep || keep(r)) && words.every((w) => normalise(floorSearchText(r)).includes(w)));
}

export interface LiveGroup extends FloorGroup {
  /** Over the limit now, counted on the page. */
  over: number;
  /** On break now against the cap: at it, or past it. */
  capState: 'ok' | 'full' | 'over';
}

/** The server's counters per group, with the page's live count of those over the limit. */
export function liveGroups(groups: readonly FloorGroup[], rows: readonly LiveRow[]): LiveGroup[] {
  return groups.map((g) => {
    const over = rows.filter((r) => r.row.group === g.name && r.state === 'over').length;
    const capState = g.cap === null ? 'ok' : g.on_break > g.cap ? 'over' : g.on_break === g.cap ? 'full' : 'ok';
    return { ...g, over, capState };
  });
}
