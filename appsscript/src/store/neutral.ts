// The Neutral tab: outages an admin marks by hand. A row becomes the rules' NeutralPeriod
// (domain/rules/types.ts); a row that cannot be one is reported and skipped by tables.ts.
import type { NeutralPeriod } from '../domain/rules/types.ts';
import type { RawRecord } from './records.ts';
import { rowIssue } from './records.ts';
import type { Checked } from './validate.ts';

/** A decoded Neutral row (start and end already read as Date cells, required). */
export function checkNeutral(v: RawRecord, row: number): Checked<NeutralPeriod> {
  const start = v.start as number;
  const end = v.end as number;
  if (end <= start) {
    return { ok: false, issues: [rowIssue('Neutral', row, 'end', 'the end must be after the start; this row is ignored / конец должен быть позже начала; эта строка не учитывается')] };
  }
  const ids = String(v.employee_ids)
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  // A blank list means everyone, which the rules express by leaving employee_ids out.
  return { ok: true, value: ids.length ? { start, end, employee_ids: ids } : { start, end } };
}
