// The sums and rates of a set of consolidated days. Rates are weighted by scheduled minutes, so a person with
// one short shift does not weigh as much as a full-time colleague, and a day with nothing scheduled does not
// pull the rate down to zero.
import { VIOLATION_TYPES } from '../../../../common/violations.ts';
import { emptyViolationCounts, type ReportMeasures } from '../../../../common/reports.ts';
import type { ConsolidatedDay } from './consolidated-day.ts';

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

export function emptyMeasures(): ReportMeasures {
  return {
    days: 0,
    scheduled_min: 0,
    worked_min: 0,
    break_min: 0,
    lunch_min: 0,
    other_min: 0,
    planned_break_min: 0,
    planned_lunch_min: 0,
    overruns: 0,
    overrun_min: 0,
    late_starts: 0,
    late_start_min: 0,
    early_leaves: 0,
    early_leave_min: 0,
    violations: 0,
    violations_by_type: emptyViolationCounts(),
    adherence_pct: null,
    conformance_pct: null,
  };
}

/** Adds days one by one; `result()` rounds once at the end, so sums of many days do not drift. */
export class MeasuresSum {
  private readonly m = emptyMeasures();
  private adherenceWeighted = 0;
  private adherenceWeight = 0;
  private conformanceWeighted = 0;
  private conformanceWeight = 0;

  add(d: ConsolidatedDay): void {
    const m = this.m;
    m.days++;
    m.scheduled_min += d.scheduled_min;
    m.worked_min += d.worked_min;
    m.break_min += d.break_min;
    m.lunch_min += d.lunch_min;
    m.other_min += d.other_min;
    m.violations += d.violations;
    const b = d.breakdown;
    if (b) {
      m.planned_break_min += b.planned_break_min;
      m.planned_lunch_min += b.planned_lunch_min;
      m.overruns += b.overruns;
      m.overrun_min += b.overrun_min;
      m.late_starts += b.late_starts;
      m.late_start_min += b.late_start_min;
      m.early_leaves += b.early_leaves;
      m.early_leave_min += b.early_leave_min;
      for (const t of VIOLATION_TYPES) m.violations_by_type[t] += b.violations_by_type[t] ?? 0;
    }
    if (d.scheduled_min > 0) {
      if (d.adherence_pct !== null) {
        this.adherenceWeighted += d.adherence_pct * d.scheduled_min;
        this.adherenceWeight += d.scheduled_min;
      }
      if (d.conformance_pct !== null) {
        this.conformanceWeighted += d.conformance_pct * d.scheduled_min;
        this.conformanceWeight += d.scheduled_min;
      }
    }
  }

  result(): ReportMeasures {
    const m = this.m;
    return {
      ...m,
      scheduled_min: oneDecimal(m.scheduled_min),
      worked_min: oneDecimal(m.worked_min),
      break_min: oneDecimal(m.break_min),
      lunch_min: oneDecimal(m.lunch_min),
      other_min: oneDecimal(m.other_min),
      planned_break_min: oneDecimal(m.planned_break_min),
      planned_lunch_min: oneDecimal(m.planned_lunch_min),
      overrun_min: oneDecimal(m.overrun_min),
      late_start_min: oneDecimal(m.late_start_min),
      early_leave_min: oneDecimal(m.early_leave_min),
      violations_by_type: { ...m.violations_by_type },
      adherence_pct: this.adherenceWeight > 0 ? oneDecimal(this.adherenceWeighted / this.adherenceWeight) : null,
      conformance_pct: this.conformanceWeight > 0 ? oneDecimal(this.conformanceWeighted / this.conformanceWeight) : null,
    };
  }
}

export function measuresOf(days: Iterable<ConsolidatedDay>): ReportMeasures {
  const sum = new MeasuresSum();
  for (const d of days) sum.add(d);
  return sum.result();
}
