// Groups: name, leads, the leads' Telegram chat, how many may be on break at once, the rule set. A group is
// keyed by its name (Employees.group points at it), so a name is never changed here: add the new group and
// move people to it.
import type { AdminParsed, AdminReplies, GroupRecord } from '../../../../common/admin-api.ts';
import { TABS } from '../../store/schema.ts';
import { Conflict } from '../../errors.ts';
import { auditOnce } from './audited.ts';
import type { AdminDeps } from './deps.ts';
import { cellsFor, readKeyedTab, rowVersion, sameCells, type KeyedRow } from './keyed-tab.ts';
import { mayManage, viewerOf } from './people.ts';

const spec = TABS.Groups;

export function listGroups(deps: AdminDeps): AdminReplies['groups.list'] {
  const tab = readKeyedTab(deps.port, spec, deps.cells);
  const ruleSets = new Set(deps.tables().rules().rows.map((r) => r.rule_set));
  for (const r of tab.rows) if (r.values.rule_set) ruleSets.add(String(r.values.rule_set));
  return {
    rows: tab.rows.filter((r) => mayManage(deps, String(r.values.name))).map(groupOf),
    rule_sets: [...ruleSets].sort(),
    viewer: viewerOf(deps),
  };
}

export function saveGroup(deps: AdminDeps, req: AdminParsed<'groups.save'>): AdminReplies['groups.save'] {
  const fields = {
    name: req.name,
    lead_emails: [...new Set(req.lead_emails)].join(', '),
    telegram_chat_id: req.telegram_chat_id,
    max_concurrent_breaks: req.max_concurrent_breaks,
    rule_set: req.rule_set,
  };
  return deps.withLock(() => {
    const tab = readKeyedTab(deps.port, spec, deps.cells);
    const existing = tab.rows.find((r) => r.values.name === req.name);
    if (existing) {
      const cells = cellsFor(spec, fields, existing.cells);
      if (sameCells(existing.cells, cells)) return finish(deps, { record: groupOf(existing), created: false });
      if (req.version === undefined || req.version !== rowVersion(existing.cells)) {
        // Without a version this was meant as a new group: the name is taken.
        throw new Conflict(
          req.version === undefined ? `There is already a group ${req.name}` : 'Someone changed this group since you opened it; here is what it is now',
          req.version === undefined ? `Группа ${req.name} уже есть` : 'Кто-то изменил эту группу, пока вы редактировали; вот текущие данные',
          { field: 'name', current: groupOf(existing) },
        );
      }
      auditOnce(deps, req.request_id, { action: 'groups.save', target: req.name, before: existing.values, after: { ...existing.values, ...fields } });
      deps.port.writeRows(spec.name, existing.row, [cells]);
      return finish(deps, { record: groupOf({ ...existing, cells, values: { ...existing.values, ...fields } }), created: false });
    }
    const cells = cellsFor(spec, fields);
    auditOnce(deps, req.request_id, { action: 'groups.add', target: req.name, before: null, after: fields });
    // One call that also grows the grid when it is full (a write below it would fail and cost two more).
    deps.port.appendRow(spec.name, cells);
    return finish(deps, { record: groupOf({ row: tab.nextRow, cells, values: fields }), created: true });
  });
}

function finish<T>(deps: AdminDeps, reply: T): T {
  deps.invalidateReference();
  return reply;
}

function groupOf(r: KeyedRow): GroupRecord {
  const v = r.values;
  const max = v.max_concurrent_breaks;
  return {
    name: String(v.name),
    lead_emails: String(v.lead_emails ?? '')
      .split(/[,;\s]+/)
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e !== ''),
    telegram_chat_id: String(v.telegram_chat_id ?? ''),
    max_concurrent_breaks: typeof max === 'number' ? max : null,
    rule_set: String(v.rule_set ?? ''),
    version: rowVersion(r.cells),
  };
}
