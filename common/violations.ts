// The kinds of rule violation (Violations tab, column type), shared by the rules and the employee page.
export const VIOLATION_TYPES = [
  'late_start',
  'early_leave',
  'break_overrun',
  'too_many_breaks',
  'break_outside_window',
  'missed_lunch',
  'group_concurrency',
  'forgotten_session',
] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];
