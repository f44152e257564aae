// Making a violation: its stable key and the short texts of the Violations tab. The texts are codes,
// times and numbers only, so they read the same to Russian- and English-speaking leads.
import { MINUTE_MS, startedMinutes } from './spans.ts';
import type { TimeText, Violation, ViolationType } from './types.ts';

export interface ViolationParts {
  type: ViolationType;
  employee_id: string;
  date: string;
  status: string;
  at: number;
  planned: string;
  actual: string;
  /** Milliseconds past the limit (0 where nothing runs over). */
  overMs: number;
  final: boolean;
}

export function violation(p: ViolationParts): Violation {
  return {
    type: p.type,
    employee_id: p.employee_id,
    date: p.date,
    status: p.status,
    at: p.at,
    planned: p.planned,
    actual: p.actual,
    over_minutes: startedMinutes(p.overMs),
    key: violationKey(p.type, p.employee_id, p.date, p.status, p.at),
    final: p.final,
  };
}

/** Everything that identifies a violation and nothing that changes while it goes on. */
export function violationKey(type: ViolationType, employeeId: string, date: string, status: string, at: number): string {
  return `${type}|${employeeId}|${date}|${status}|${at}`;
}

/** 'lunch 13:10–14:25' or, while it goes on, 'lunch 13:10–…'. */
export function spanText(status: string, start: number, end: number | null, timeText: TimeText): string {
  return `${status} ${timeText(start)}–${end === null ? '…' : timeText(end)}`;
}

/** ' +5' for a grace of 5 minutes, '' for none. */
export function graceText(minutes: number, sign: '+' | '-' = '+'): string {
  return minutes > 0 ? ` ${sign}${minutes}` : '';
}

/** Whole minutes elapsed, for texts. */
export function minutesText(ms: number): string {
  return `${Math.floor(ms / MINUTE_MS)} min`;
}
