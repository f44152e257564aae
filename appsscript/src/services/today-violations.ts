// Today's violations of each employee, kept in their Current row for the employee page. sync and state
// read Current anyway and may read no tab that grows with history (Violations does), so checkBreaks,
// which writes the violations, also keeps this copy: on every run it rebuilds each employee's list from
// today's Violations rows. Rebuilding rather than adding what it found means a lead's decision (taken in
// the bot, a sidebar or typed into the tab) reaches the page on the next run, whoever wrote it, and a run
// cut anywhere is repaired by the next one.
//
// The read is bounded by one day: from the first Violations row of today (remembered in the checkBreaks
// state) to the end. Nothing is read on a day without violations, and Current is written only when a
// list changed.
//
// Expects the caller to hold the script lock.
import { dayViolationsByEmployee, type DayViolations } from '../domain/today.ts';
import type { CurrentRow } from '../domain/model.ts';
import { openWindow } from './tab-window.ts';
import type { CheckState, ViolationsIo } from './violations.ts';

/**
 * Puts each employee's violations of `today` into `currents` (adding a row for an employee who has none
 * yet: they may have a late start before their first status). Returns whether anything changed, i.e.
 * whether the caller must save Current.
 */
export function refreshTodayViolations(io: ViolationsIo, state: CheckState, today: string, currents: CurrentRow[]): boolean {
  const from = state.vrows[today];
  if (from === undefined) return false;
  const window = openWindow(io.port, 'Violations', from, io.ctx, io.onIssue);
  const lists = dayViolationsByEmployee(
    window.rows.map((r) => r.values),
    today,
  );
  let changed = false;
  const put = (row: CurrentRow, value: DayViolations) => {
    if (JSON.stringify(row.violations ?? null) === JSON.stringify(value)) return;
    row.violations = value;
    changed = true;
  };
  for (const row of currents) {
    const items = lists.get(row.employee_id);
    lists.delete(row.employee_id);
    // A list of another day is left as it is: it is not shown (buildToday) and costs no write.
    if (items) put(row, { date: today, items });
    else if (row.violations?.date === today && row.violations.items.length > 0) put(row, { date: today, items: [] });
  }
  for (const [employeeId, items] of lists) {
    currents.push({ employee_id: employeeId, status: '', since: null, last_seen: null, device_id: '', day: '', timeline: [], violations: { date: today, items } });
    changed = true;
  }
  return changed;
}
