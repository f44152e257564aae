// A consolidated day's timeline, kept in its Daily row (column `timeline`) by the rollover, so that looking
// at an earlier day (the violation review) never reads Log: today's is in Current, every earlier day's here.
// It holds the shift as it was planned that day too, since the reference data only covers the days around
// today.
import type { TimelineSegment, TodaySchedule } from '../../../common/api.ts';
import type { DayEntry } from '../domain/model.ts';
import { segments } from '../domain/timeline.ts';

export interface DailyTimeline {
  schedule: TodaySchedule | null;
  segments: TimelineSegment[];
  /** The oldest segments were left out to fit the cell. */
  truncated?: boolean;
}

/** A Sheets cell holds at most 50,000 characters; keep well under it. */
const MAX_CHARS = 45_000;

/** The day as segments up to `until`, with its shift. */
export function dailyTimeline(schedule: TodaySchedule | null, entries: readonly DayEntry[], until: number): DailyTimeline {
  const all = segments(entries, until);
  const out: DailyTimeline = { schedule, segments: all };
  // A day of thousands of switches (a script gone wrong) keeps its latest part rather than breaking the row.
  while (JSON.stringify(out).length > MAX_CHARS && out.segments.length > 0) {
    out.segments = out.segments.slice(Math.ceil(out.segments.length / 10));
    out.truncated = true;
  }
  return out;
}

/** The column as read (JSON already parsed by the store); anything else is an empty day. */
export function readDailyTimeline(value: unknown): DailyTimeline | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Partial<DailyTimeline>;
  if (!Array.isArray(v.segments)) return null;
  return { schedule: v.schedule ?? null, segments: v.segments, ...(v.truncated ? { truncated: true } : {}) };
}
