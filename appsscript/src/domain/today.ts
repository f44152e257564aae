// The `today` block of the sync and state replies: the employee's shift for the date as instants, and
// the day's timeline. Wall-clock times come from the Schedule tab ('HH:mm' in the spreadsheet's time
// zone); the injected ZonedTime turns them into instants so daylight-saving days come out right.
import type { PlannedBreak, TodayBlock, TodaySchedule } from '../../../common/api.ts';
import type { DayEntry, Shift } from '../store/rows.ts';
import { addDays, minutesOf, type ZonedTime } from './calendar.ts';
import { segments } from './timeline.ts';

export { dayBounds, type DayBounds, type ZonedTime } from './calendar.ts';

export interface TodayInput {
  /** 'yyyy-MM-dd' in the spreadsheet's time zone. */
  date: string;
  timeZone: string;
  /** The employee's shift for the date, or null when none is planned. */
  shift: Shift | null;
  /** The merged day (mergeDay) of that date. */
  day: readonly DayEntry[];
  /** The server's clock: the timeline runs up to it. */
  now: number;
  zonedTime: ZonedTime;
}

export function buildToday(input: TodayInput): TodayBlock {
  return {
    date: input.date,
    time_zone: input.timeZone,
    schedule: input.shift ? scheduleOf(input.shift, input.zonedTime) : null,
    timeline: segments(input.day, input.now),
  };
}

/**
 * A shift as instants. A shift whose end is not after its start (22:00-06:00) ends the next day; on such
 * a night shift a planned break earlier than the start (a 02:00 lunch) is on the next day too. On a day
 * shift every break is on the shift's date, even one typed outside the shift: it is shown where it was put.
 * Breaks come out in time order.
 */
export function scheduleOf(shift: Shift, zonedTime: ZonedTime): TodaySchedule {
  const startMin = minutesOf(shift.shift_start);
  const overnight = minutesOf(shift.shift_end) <= startMin;
  const nextDate = addDays(shift.date, 1);
  const breaks: PlannedBreak[] = shift.breaks
    .map((b) => ({
      status: b.status,
      start: zonedTime(overnight && minutesOf(b.start) < startMin ? nextDate : shift.date, b.start),
      minutes: b.minutes,
    }))
    .sort((a, b) => a.start - b.start);
  return {
    shift_start: zonedTime(shift.date, shift.shift_start),
    shift_end: zonedTime(overnight ? nextDate : shift.date, shift.shift_end),
    breaks,
  };
}
