// What the page shows before the server has answered: queued changes laid over the server's last picture.
// The server's answer replaces it as soon as it comes; nothing here is ever sent.
import type { CurrentState, TimelineSegment, TodayBlock } from '../../../common/api.ts';
import type { OutboxEntry } from '../outbox/entry.ts';

/**
 * The last queued change wins: it is this person's newest press, and the server has not seen it yet. (Comparing
 * its time with the server's `since` is unreliable: the server corrects times by the request's send time and
 * this page estimates its offset from a round trip, so a slow upload made an older server status look newer
 * and a press was shown, and then ignored, wrongly.) A later change from another device shows after the sync.
 */
export function optimisticCurrent(server: CurrentState | null, queued: readonly OutboxEntry[], clockOffsetMs: number): CurrentState | null {
  const last = queued.at(-1);
  if (!last) return server;
  // A status holds from the first change of its run: clicking "break" twice does not restart the timer.
  let first = queued.length - 1;
  while (first > 0 && queued[first - 1].status === last.status) first -= 1;
  if (first === 0 && server && server.status === last.status) return server;
  return { status: last.status, since: queued[first].at + clockOffsetMs };
}

/**
 * Today's timeline with the queued changes of today appended, on the server's clock. A queued change that
 * looks earlier than the timeline's last segment (the two clocks' estimates differ) is placed at that
 * segment's start, as the server clamps a device's entries to never go back in time.
 */
export function optimisticToday(today: TodayBlock | null, queued: readonly OutboxEntry[], clockOffsetMs: number): TodayBlock | null {
  if (!today || queued.length === 0) return today;
  const timeline: TimelineSegment[] = today.timeline.map((s) => ({ ...s }));
  const dateOf = dateInZone(today.time_zone);
  let changed = false;
  for (const entry of queued) {
    const entryAt = entry.at + clockOffsetMs;
    if (dateOf && dateOf(entryAt) !== today.date) continue;
    let last = timeline.at(-1);
    const at = last ? Math.max(entryAt, last.start) : entryAt;
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
