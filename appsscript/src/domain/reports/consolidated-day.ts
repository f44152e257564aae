// A Daily row as the reports read it: the day's sums, its timeline, and (for days consolidated since Daily v3)
// the breakdown of planned breaks, overruns and violations by type the rollover worked out that night.
import type { TimelineSegment, TodaySchedule } from '../../../../common/api.ts';
import type { ViolationCounts } from '../../../../common/reports.ts';

export interface DayBreakdown {
  planned_break_min: number;
  planned_lunch_min: number;
  overruns: number;
  overrun_min: number;
  late_starts: number;
  late_start_min: number;
  early_leaves: number;
  early_leave_min: number;
  violations_by_type: ViolationCounts;
}

export interface ConsolidatedDay {
  date: string;
  employee_id: string;
  /** The group the person was in that day (Daily v3); null on older rows, which take today's group. */
  group: string | null;
  scheduled_min: number;
  worked_min: number;
  break_min: number;
  lunch_min: number;
  other_min: number;
  adherence_pct: number | null;
  conformance_pct: number | null;
  violations: number;
  /** The day's segments and planned shift; null when the row has none. */
  timeline: { schedule: TodaySchedule | null; segments: TimelineSegment[] } | null;
  /** null on rows consolidated before Daily v3. */
  breakdown: DayBreakdown | null;
}
