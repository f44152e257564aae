// notify.rules.list and notify.rules.save: the notification rules of the Notify tab, one rule (one row) at a
// time, keyed by its id. A save is the console's write protocol: the Audit row first (keyed by request_id),
// then the rule's one row; its version is the row's cells as stored, so two admins editing the same rule
// conflict and two editing different rules do not. The reference data caches the rules, so a save drops
// the cache: the next checkBreaks run already alerts by the new rule.
import type { AdminParsed, AdminReplies, NotifyRuleView } from '../../../../common/admin-api.ts';
import type { NotifyRuleRecord } from '../../../../common/notify-rules.ts';
import { TABS } from '../../store/schema.ts';
import { checkNotifyRule, notifyRuleProblems, notifyRuleRecord } from '../../store/notify-rules.ts';
import { BadRequest, Conflict, NotFound } from '../../errors.ts';
import { auditOnce } from './audited.ts';
import type { AdminDeps } from './deps.ts';
import { cellsFor, readKeyedTab, rowVersion, sameCells, type KeyedRow } from './keyed-tab.ts';

const spec = TABS.Notify;

export function listNotifyRules(deps: AdminDeps): AdminReplies['notify.rules.list'] {
  const tab = readKeyedTab(deps.port, spec, deps.cells);
  const rows: NotifyRuleView[] = [];
  const issues: AdminReplies['notify.rules.list']['issues'] = [];
  for (const r of tab.rows) {
    const checked = checkNotifyRule(r.values, r.row);
    if (checked.ok) rows.push(viewOf(checked.value, r));
    else issues.push(...checked.issues.map((i) => ({ row: i.row, column: i.column, message: i.message })));
  }
  return { rows, issues };
}

export function saveNotifyRule(deps: AdminDeps, req: AdminParsed<'notify.rules.save'>): AdminReplies['notify.rules.save'] {
  const rule: NotifyRuleRecord = { ...req.rule };
  // What the schema cannot see: a number the event needs, admins only for the system's events.
  const problems = notifyRuleProblems(rule);
  if (problems.length > 0) {
    const fields = problems.map((p) => ({ field: `rule.${p.column}`, message: p.message }));
    throw new BadRequest(`Invalid rule: ${fields[0].field}: ${fields[0].message}`, `Неверное правило: ${fields[0].field}: ${fields[0].message}`, { fields });
  }
  const result = deps.withLock(() => {
    const tab = readKeyedTab(deps.port, spec, deps.cells);
    const mine = tab.rows.find((r) => String(r.values.id ?? '') === rule.id);
    const wanted = cellsFor(spec, notifyRuleRecord(rule));
    // Already as asked: a retry of a save cut after its write, or a save that changes nothing.
    if (mine && sameCells(mine.cells, wanted)) return { record: viewOf(rule, mine), created: false };
    if (req.version !== undefined && !mine) throw new NotFound(`No notification rule ${rule.id}`, `Нет правила уведомлений ${rule.id}`);
    if (mine && req.version !== rowVersion(mine.cells)) {
      const current = currentOf(mine);
      throw new Conflict(
        req.version === undefined ? `There is already a rule ${rule.id}` : 'Someone changed this rule since you opened it; here is what it is now',
        req.version === undefined ? `Правило ${rule.id} уже есть` : 'Кто-то изменил это правило, пока вы редактировали; вот текущие данные',
        { field: 'id', current },
      );
    }
    auditOnce(deps, req.request_id, {
      action: mine ? 'notify.rules.save' : 'notify.rules.add',
      target: rule.id,
      before: mine ? (currentOf(mine) ?? mine.values) : null,
      after: rule,
    });
    deps.port.writeRows(spec.name, mine ? mine.row : tab.nextRow, [wanted]);
    return { record: viewOf(rule, { row: 0, cells: wanted, values: notifyRuleRecord(rule) }), created: !mine };
  });
  deps.invalidateReference();
  return result;
}

function currentOf(r: KeyedRow): NotifyRuleView | null {
  const checked = checkNotifyRule(r.values, r.row);
  return checked.ok ? viewOf(checked.value, r) : null;
}

function viewOf(rule: NotifyRuleRecord, r: KeyedRow): NotifyRuleView {
  return { ...rule, version: rowVersion(r.cells) };
}
