// Statuses: code, ru/en labels, kind, colour, counts as work, hidden. A status is never removed, only hidden:
// Log rows, the Daily tab and the archives keep its code for ever, and an entry whose code vanished from
// Statuses would lose its label, its kind and with them every measure of that day. Hidden statuses are not
// offered to employees (the employee page shows no button for them) but still read as before. A status is keyed
// by its code, so a code is never changed here either: add the new status and hide the old one.
import type { AdminParsed, AdminReplies, StatusRecord } from '../../../../common/admin-api.ts';
import { STATUS_KINDS, type StatusKind } from '../../../../common/status.ts';
import { TABS } from '../../store/schema.ts';
import { WORKING_KINDS } from '../../../../common/status.ts';
import { Conflict } from '../../errors.ts';
import { auditOnce } from './audited.ts';
import type { AdminDeps } from './deps.ts';
import { cellsFor, readKeyedTab, rowVersion, sameCells, type KeyedRow } from './keyed-tab.ts';

const spec = TABS.Statuses;

export function listStatuses(deps: AdminDeps): AdminReplies['statuses.list'] {
  const tab = readKeyedTab(deps.port, spec, deps.cells);
  const used = statusesInUse(deps, { current: true });
  return { rows: tab.rows.filter((r) => codeOf(r) !== '').map((r) => statusOf(r, used)) };
}

export function saveStatus(deps: AdminDeps, req: AdminParsed<'statuses.save'>): AdminReplies['statuses.save'] {
  const fields = {
    code: req.code,
    label_ru: req.label_ru,
    label_en: req.label_en,
    kind: req.kind,
    counts_as_work: req.counts_as_work,
    color: req.color,
    hidden: req.hidden,
  };
  // Before the save drops the cached reference data: read after it, the cache would be rebuilt from five tabs.
  const used = statusesInUse(deps, { current: false });
  const saved = deps.withLock((): { row: KeyedRow; created: boolean } => {
    const tab = readKeyedTab(deps.port, spec, deps.cells);
    const existing = tab.rows.find((r) => codeOf(r) === req.code);
    if (existing) {
      const cells = cellsFor(spec, fields, existing.cells);
      // Already as asked: a retry of a save that was cut after its write, or a save that changes nothing.
      if (sameCells(existing.cells, cells)) return { row: existing, created: false };
      if (req.version === undefined || req.version !== rowVersion(existing.cells)) {
        // Without a version this was meant as a new status: the code is taken.
        throw new Conflict(
          req.version === undefined ? `There is already a status ${req.code}` : 'Someone changed this status since you opened it; here is what it is now',
          req.version === undefined ? `Статус ${req.code} уже есть` : 'Кто-то изменил этот статус, пока вы редактировали; вот текущие данные',
          { field: 'code', current: statusOf(existing, null) },
        );
      }
      auditOnce(deps, req.request_id, { action: 'statuses.save', target: req.code, before: existing.values, after: { ...existing.values, ...fields } });
      deps.port.writeRows(spec.name, existing.row, [cells]);
      return { row: { ...existing, cells, values: { ...existing.values, ...fields } }, created: false };
    }
    const cells = cellsFor(spec, fields);
    auditOnce(deps, req.request_id, { action: 'statuses.add', target: req.code, before: null, after: fields });
    // One call that also grows the grid when it is full (a write below it would fail and cost two more).
    deps.port.appendRow(spec.name, cells);
    return { row: { row: tab.nextRow, cells, values: fields }, created: true };
  });
  // Also after a save that found its change already made: the cache may predate the cut-short try.
  deps.invalidateReference();
  return { record: statusOf(saved.row, used), created: saved.created };
}

/**
 * The codes someone or something uses now: the Rules (as the reference cache holds them), the planned breaks
 * of the schedule around today (the cache's window) and, with `current`, every employee's Current status and
 * today's timeline. Log is never read: it grows with history, and a code used only in old rows is exactly
 * what hiding is for. A save leaves Current out: its six sheet calls are spent (the guard, the read, the
 * Audit row's three, the write), so its record's in_use counts Rules and the schedule only.
 */
function statusesInUse(deps: AdminDeps, o: { current: boolean }): Set<string> {
  const reference = deps.reference();
  const used = new Set<string>(reference.rules.map((r) => r.status));
  for (const shift of reference.schedule) for (const b of shift.breaks) used.add(b.status);
  if (!o.current) return used;
  for (const c of deps.tables().current()) {
    if (c.status) used.add(c.status);
    for (const e of c.timeline) used.add(e.status);
  }
  return used;
}

function codeOf(r: KeyedRow): string {
  return String(r.values.code ?? '');
}

/** `used` null: not worked out (a conflict's current values, where it does not matter). */
function statusOf(r: KeyedRow, used: Set<string> | null): StatusRecord {
  const v = r.values;
  const kind = (STATUS_KINDS as readonly string[]).includes(String(v.kind)) ? (v.kind as StatusKind) : 'offline';
  return {
    code: codeOf(r),
    label_ru: String(v.label_ru ?? ''),
    label_en: String(v.label_en ?? ''),
    kind,
    // A blank cell reads as the kind's default, as the requests read it (store/validate.ts).
    counts_as_work: typeof v.counts_as_work === 'boolean' ? v.counts_as_work : WORKING_KINDS.includes(kind),
    // As stored: blank means the kind's own colour, so a form saved unchanged writes nothing.
    color: String(v.color ?? ''),
    hidden: v.hidden === true,
    in_use: used?.has(codeOf(r)) ?? false,
    version: rowVersion(r.cells),
  };
}
