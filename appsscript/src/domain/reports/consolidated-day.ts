// A Daily row as the reports read it: the day's sums, its timeline, and (for days consolidated since Daily v3)
// the breakdown of planned breaks, overruns and violations by type the rollover worked out that night.
import type { TimelineSegment, TodaySchedule } from '../../../../common/api.ts';
import type { ReportMeasures } from '../../../../common/reports.ts';
import type { DailySummary } from '../rules/types.ts';

/** The measures the rollover adds to a Daily row (v3), named as the reports name them. */
export type DayBreakdown = Pick<
  ReportMeasures,
  'planned_break_min' | 'planned_lunch_min' | 'overruns' | 'overrun_min' | 'late_starts' | 'late_start_min' | 'early_leaves' | 'early_leave_min' | 'violations_by_type'
>;

/** A Daily row's sums (the rollover's DailySummary less first in and last out), with what the reports add. */
export interface ConsolidatedDay extends Omit<DailySummary, 'first_in' | 'last_out'> {
  /** The group the person was in that day (Daily v3); null on older rows, which take today's group. */
  group: string | null;
  /** The day's segments and planned shift; null when the row has none. */
  timeline: { schedule: TodaySchedule | null; segments: TimelineSegment[] } | null;
  /** null on rows consolidated before Daily v3. */
  breakdown: DayBreakdown | null;
}
