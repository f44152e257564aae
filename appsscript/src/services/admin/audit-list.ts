// The Audit screen's list: newest first, filtered by actor, action, target and period, a page at a time.
// The Audit tab only grows, so it is read from the bottom up in chunks of AUDIT_CHUNK_ROWS rows, at most
// AUDIT_MAX_CHUNKS of them per request: one request reads at most 800 rows (5,600 cells) in at most 5 sheet
// calls (the last-row lookup and 4 reads), however long the tab is. A page that the bound stops short says
// where to go on (`next`, the row to continue above), so a rare filter pages through the tab instead of
// reading all of it at once.
import type { AdminParsed, AdminReplies, AuditRecord } from '../../../../common/admin-api.ts';
import { TABS } from '../../store/schema.ts';
import { decodeRecord, isBlankRow, type RawRecord } from '../../store/records.ts';
import type { AdminDeps } from './deps.ts';

export const AUDIT_CHUNK_ROWS = 200;
export const AUDIT_MAX_CHUNKS = 4;
/**
 * Rows are appended in time order but stamped when their request began, so a save that waited for the lock
 * can sit just below a newer one. A row this far before `from` means every row above it is older too.
 */
const ORDER_SLACK_MS = 10 * 60_000;

const spec = TABS.Audit;

type Verdict = 'match' | 'skip' | 'stop';

export function listAudit(deps: AdminDeps, req: AdminParsed<'audit.list'>): AdminReplies['audit.list'] {
  const judge = filterOf(deps, req);
  const last = deps.port.lastRow(spec.name);
  let end = Math.min(last, (req.before_row ?? last + 1) - 1);
  const rows: AuditRecord[] = [];
  for (let chunk = 0; chunk < AUDIT_MAX_CHUNKS && end >= 2; chunk++) {
    const start = Math.max(2, end - AUDIT_CHUNK_ROWS + 1);
    const cells = deps.port.readRows(spec.name, start, end - start + 1, spec.columns.length);
    for (let i = cells.length - 1; i >= 0; i--) {
      if (isBlankRow(cells[i])) continue;
      const row = start + i;
      const values = decodeRecord(spec, cells[i], row, deps.cells).values;
      const verdict = judge(values);
      if (verdict === 'stop') return { rows, next: null, time_zone: deps.tables().timeZone };
      if (verdict === 'skip') continue;
      rows.push(recordOf(values));
      if (rows.length >= req.limit) return { rows, next: row > 2 ? row : null, time_zone: deps.tables().timeZone };
    }
    end = start - 1;
  }
  return { rows, next: end >= 2 ? end + 1 : null, time_zone: deps.tables().timeZone };
}

function filterOf(deps: AdminDeps, req: AdminParsed<'audit.list'>): (v: RawRecord) => Verdict {
  const actor = (req.actor ?? '').toLowerCase();
  const action = req.action ?? '';
  const target = (req.target ?? '').toLowerCase();
  const { from, to } = req;
  return (v) => {
    const at = typeof v.at === 'number' ? v.at : null;
    if (from !== undefined || to !== undefined) {
      if (at === null) return 'skip';
      // Dates in the spreadsheet's zone, as the admin reads the `at` column.
      if (from !== undefined && deps.dateOf(at + ORDER_SLACK_MS) < from) return 'stop';
      const date = deps.dateOf(at);
      if ((from !== undefined && date < from) || (to !== undefined && date > to)) return 'skip';
    }
    if (actor !== '' && !String(v.actor ?? '').toLowerCase().includes(actor)) return 'skip';
    // An area ("people") takes all its actions ("people.save", "people.add", ...).
    const a = String(v.action ?? '');
    if (action !== '' && a !== action && !a.startsWith(`${action}.`)) return 'skip';
    if (target !== '' && !String(v.target ?? '').toLowerCase().includes(target)) return 'skip';
    return 'match';
  };
}

function recordOf(v: RawRecord): AuditRecord {
  return {
    at: typeof v.at === 'number' ? v.at : 0,
    actor: String(v.actor ?? ''),
    action: String(v.action ?? ''),
    target: String(v.target ?? ''),
    before: v.before ?? null,
    after: v.after ?? null,
  };
}
