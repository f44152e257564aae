// What the page shows before the server has answered: queued changes laid over the server's last picture.
// The server's answer replaces it as soon as it comes; nothing here is ever sent.
import type { CurrentState, TimelineSegment, TodayBlock } from '../../../common/api.ts';
import type { OutboxEntry } from '../outbox/entry.ts';

/** The last queued change wins unless the server already knows of a later one (from another device). */
export function optimisticCurrent(server: CurrentState | null, queued: readonly OutboxEntry[], clockOffsetMs: number): CurrentState | null {
  const last = queued.at(-1);
  if (!last) return server;
  if (server && server.since > last.at + clockOffsetMs) return server;
  // A status holds from the first change of its run: clicking "break" twice does not restart the timer.
  let first = queued.length - 1;
  while (first > 0 && queued[first - 1].status === last.status) first -= 1;
  if (first === 0 && server && server.status === last.status) return server;
  return { status: last.status, since: queued[first].at + clockOffsetMs };
}

/**
 * Today's timeline with the queued changes of today appended, on the server's clock. A queued change
 * earlier than the timeline's last segment is left to the server to place (another device was later).
 */
export function optimisticToday(today: TodayBlock | null, queued: readonly OutboxEntry[], clockOffsetMs: number): TodayBlock | null {
  if (!today || queued.length === 0) return today;
  const timeline: TimelineSegment[] = today.timeline.map((s) => ({ ...s }));
  const dateOf = dateInZone(today.time_zone);
  let changed = false;
  for (const entry of queued) {
    const at = entry.at + clockOffsetMs;
    if (dateOf && dateOf(at) !== today.date) continue;
    let last = timeline.at(-1);
    if (last && at < last.start) continue;
    if (last && at === last.start) {
      timeline.pop(); // the later change at the same millisecond wins; no zero-length segment
      last = timeline.at(-1);
      changed = true;
    }
    if (last && last.status === entry.status) {
      last.end = null; // the same status goes on
      continue;
    }
    if (last) last.end = at;
    timeline.push({ status: entry.status, start: at, end: null, source: 'web' });
    changed = true;
  }
  return changed ? { ...today, timeline } : today;
}

/** 'yyyy-MM-dd' of an instant in a time zone, or null if the zone is unknown to this browser. */
function dateInZone(timeZone: string): ((ms: number) => string) | null {
  try {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    return (ms) => {
      const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
      return `${parts.year}-${parts.month}-${parts.day}`;
    };
  } catch {
    return null;
  }
}
