// The shapes of the rules domain: what one employee's day looks like to the rules, what a violation is,
// neutral periods, and the Daily row. Pure data: times are epoch ms, dates 'yyyy-MM-dd' in the
// spreadsheet's time zone, minutes are minutes.
import type { DayEntry, Rule, Shift, Status } from '../model.ts';
import type { ZonedTime } from '../calendar.ts';

export { VIOLATION_TYPES, type ViolationType } from '../../../../common/violations.ts';
import type { ViolationType } from '../../../../common/violations.ts';

/** A rule broken. `key` identifies it for good, so a trigger that runs every minute writes it once. */
export interface Violation {
  type: ViolationType;
  employee_id: string;
  date: string;
  /** The status code concerned ('' for shift-level violations: late start, early leave, forgotten session). */
  status: string;
  /** The instant the violation is about: the shift start or end, the break's start, the planned lunch's start. */
  at: number;
  /** What the schedule or the rules allowed, for people (Violations.planned). */
  planned: string;
  /** What happened, for people (Violations.actual). */
  actual: string;
  /** Whole minutes past what was allowed, grace included (started minutes count); 0 where nothing runs over. */
  over_minutes: number;
  /** type|employee_id|date|status|at: the same violation has the same key however often it is detected. */
  key: string;
  /** false while it can still change (an ongoing overrun grows); a final violation comes out the same for ever. */
  final: boolean;
}

/** An admin-marked outage: time in it counts as following the schedule, for the employees concerned. */
export interface NeutralPeriod {
  start: number;
  end: number;
  /** The employees it applies to; absent = everyone. */
  employee_ids?: readonly string[];
}

/** Turns an instant into 'HH:mm' in the spreadsheet's time zone (Utilities.formatDate in gas/). */
export type TimeText = (at: number) => string;

/** One employee's day as the rules see it. */
export interface EmployeeDay {
  employee_id: string;
  /** 'yyyy-MM-dd': the shift's date. */
  date: string;
  /** The employee's shift for the date, or null when none is planned. */
  shift: Shift | null;
  /** The merged day (mergeDay): for a night shift, every entry from the shift's start to its end. */
  day: readonly DayEntry[];
  /** The Statuses tab. */
  statuses: readonly Status[];
  /** The Rules tab (all rule sets; only `rule_set`'s rows are used). */
  rules: readonly Rule[];
  /** The rule set of the employee's group. */
  rule_set: string;
  neutral: readonly NeutralPeriod[];
  /** The server's clock: the day is known up to it. */
  now: number;
  zonedTime: ZonedTime;
  timeText: TimeText;
}

/** A member of a group as Current shows them now. */
export interface MemberNow {
  employee_id: string;
  status: string;
  since: number | null;
}

/** A group at one moment, for the concurrency rule. */
export interface GroupSnapshot {
  group: string;
  max_concurrent_breaks: number | null;
  date: string;
  now: number;
  members: readonly MemberNow[];
  statuses: readonly Status[];
  neutral: readonly NeutralPeriod[];
  timeText: TimeText;
}

/** A Daily row (tab Daily). Minutes and percentages to one decimal; percentages null when nothing was scheduled. */
export interface DailySummary {
  date: string;
  employee_id: string;
  /** Scheduled work: the shift less its planned breaks (what conformance divides by). */
  scheduled_min: number;
  /** Time in statuses that count as work. */
  worked_min: number;
  /** Time in statuses of kind break. */
  break_min: number;
  /** Time in statuses of kind lunch. */
  lunch_min: number;
  /** Time in any other status that is not offline (and not counted above). */
  other_min: number;
  adherence_pct: number | null;
  conformance_pct: number | null;
  violations: number;
  /** Start of the first working segment; null when none. */
  first_in: number | null;
  /** End of the last working segment; null when none or still working. */
  last_out: number | null;
}
