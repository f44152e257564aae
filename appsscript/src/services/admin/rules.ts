// Rules: each rule set's break rules, edited a whole set at a time (the Rules screen shows one set as a
// form). A set is the Rules rows sharing a rule_set; a group points at it by name (Groups.rule_set). A save
// replaces the set's rows in ONE write of the tab from row 2 down, every other row written back exactly as
// it was read, so the set can never be left half replaced; its version covers all the set's rows, so two
// admins editing the same set conflict and two editing different sets do not.
import type { AdminParsed, AdminReplies, RuleRecord, RuleSetRecord } from '../../../../common/admin-api.ts';
import { TABS } from '../../store/schema.ts';
import type { Cell } from '../../store/port.ts';
import { preserveCell } from '../../store/cells.ts';
import type { Group } from '../../domain/model.ts';
import { BadRequest, Conflict } from '../../errors.ts';
import { auditOnce } from './audited.ts';
import type { AdminDeps } from './deps.ts';
import { cellsFor, readKeyedTab, rowVersion, sameCells, type KeyedRow } from './keyed-tab.ts';

const spec = TABS.Rules;

export function listRules(deps: AdminDeps): AdminReplies['rules.list'] {
  const tab = readKeyedTab(deps.port, spec, deps.cells);
  const tables = deps.tables();
  const groups = tables.groups().rows;
  const statuses = tables.statuses().rows;
  const sets = new Map<string, KeyedRow[]>();
  for (const r of tab.rows) {
    const name = setOf(r);
    if (name !== '') sets.set(name, [...(sets.get(name) ?? []), r]);
  }
  // A set a group names but that has no rows yet is still a set to fill in.
  for (const g of groups) if (g.rule_set !== '' && !sets.has(g.rule_set)) sets.set(g.rule_set, []);
  return {
    rows: [...sets.keys()].sort().map((name) => ruleSetOf(name, sets.get(name) ?? [], groups)),
    statuses: statuses.map((s) => ({ code: s.code, label_ru: s.label_ru, label_en: s.label_en, kind: s.kind })),
  };
}

export function saveRules(deps: AdminDeps, req: AdminParsed<'rules.save'>): AdminReplies['rules.save'] {
  checkRules(deps, req.rules);
  const wanted = req.rules.map((r) => cellsFor(spec, { rule_set: req.rule_set, ...r }));
  const record = deps.withLock((): RuleSetRecord => {
    const tab = readKeyedTab(deps.port, spec, deps.cells);
    const mine = tab.rows.filter((r) => setOf(r) === req.rule_set);
    const groups = deps.reference().groups;
    // Already as asked: a retry of a save cut after its write, or a save that changes nothing.
    if (mine.length === wanted.length && mine.every((r, i) => sameCells(r.cells, wanted[i]))) return ruleSetOf(req.rule_set, mine, groups);
    const version = setVersion(mine);
    if (req.version === undefined ? mine.length > 0 : req.version !== version) {
      // Without a version this was meant as a new set: the name is taken.
      throw new Conflict(
        req.version === undefined ? `There is already a rule set ${req.rule_set}` : 'Someone changed this rule set since you opened it; here is what it is now',
        req.version === undefined ? `Набор правил ${req.rule_set} уже есть` : 'Кто-то изменил этот набор правил, пока вы редактировали; вот текущие данные',
        { field: 'rule_set', current: ruleSetOf(req.rule_set, mine, groups) },
      );
    }
    auditOnce(deps, req.request_id, {
      action: 'rules.save',
      target: req.rule_set,
      before: mine.map((r) => ruleOf(r)),
      after: req.rules,
    });
    const rows = replaceSet(tab.rows, tab.nextRow, new Set(mine.map((r) => r.row)), wanted);
    if (rows.length > 0) deps.port.writeRows(spec.name, 2, rows);
    const written: KeyedRow[] = wanted.map((cells, i) => ({ row: 0, cells, values: { rule_set: req.rule_set, ...req.rules[i] } }));
    return ruleSetOf(req.rule_set, written, groups);
  });
  deps.invalidateReference();
  return { record };
}

/**
 * The tab from row 2 down with the set's rows replaced: the new rows go where the set's first row was (at the
 * end for a new set), every other row keeps its cells as read, blank rows included, and rows the tab no
 * longer needs are blanked so nothing of the old set is left below.
 */
function replaceSet(rows: readonly KeyedRow[], nextRow: number, setRows: ReadonlySet<number>, wanted: readonly Cell[][]): Cell[][] {
  const blank = (): Cell[] => spec.columns.map((): Cell => '');
  const grid: Cell[][] = Array.from({ length: nextRow - 2 }, blank);
  for (const r of rows) grid[r.row - 2] = r.cells.map(preserveCell);
  const out: Cell[][] = [];
  let placed = false;
  grid.forEach((cells, i) => {
    if (!setRows.has(i + 2)) return void out.push(cells);
    if (!placed) out.push(...wanted);
    placed = true;
  });
  if (!placed) out.push(...wanted);
  while (out.length < grid.length) out.push(blank());
  return out;
}

/** Per rule, what the form marks: an unknown status, a status twice, a zero limit the rules would drop. */
function checkRules(deps: AdminDeps, rules: AdminParsed<'rules.save'>['rules']): void {
  const known = new Set(deps.reference().statuses.map((s) => s.code));
  const seen = new Map<string, number>();
  const fields: { field: string; message: string }[] = [];
  rules.forEach((r, i) => {
    if (!known.has(r.status)) fields.push({ field: `rules[${i}].status`, message: `no status "${r.status}" in Statuses / статуса «${r.status}» нет во вкладке Statuses` });
    else if (seen.has(r.status)) {
      const first = (seen.get(r.status) ?? 0) + 1;
      fields.push({ field: `rules[${i}].status`, message: `${r.status} already has rule ${first} in this set / для ${r.status} в этом наборе уже есть правило ${first}` });
    }
    if (!seen.has(r.status)) seen.set(r.status, i);
    // store/validate.ts refuses a 0 on read (the rule would be dropped): blank is how "no limit" is written.
    if (r.max_minutes === 0) fields.push({ field: `rules[${i}].max_minutes`, message: 'at least 1; leave it blank for no limit / не меньше 1; пусто — без ограничения' });
  });
  if (fields.length > 0) {
    const first = fields[0];
    throw new BadRequest(`Invalid rules: ${first.field}: ${first.message}`, `Неверные правила: ${first.field}: ${first.message}`, { fields });
  }
}

function setOf(r: KeyedRow): string {
  return String(r.values.rule_set ?? '');
}

/** Of the set's rows as stored, in tab order: any change to any of them changes it. */
function setVersion(rows: readonly KeyedRow[]): string {
  return rowVersion(rows.flatMap((r) => r.cells));
}

function ruleSetOf(name: string, rows: readonly KeyedRow[], groups: readonly Group[]): RuleSetRecord {
  return {
    rule_set: name,
    rules: rows.map(ruleOf),
    groups: groups.filter((g) => g.rule_set === name).map((g) => g.name),
    version: setVersion(rows),
  };
}

function ruleOf(r: KeyedRow): RuleRecord {
  const v = r.values;
  const n = (x: unknown): number | null => (typeof x === 'number' ? x : null);
  return {
    status: String(v.status ?? ''),
    max_per_shift: n(v.max_per_shift),
    max_minutes: n(v.max_minutes),
    grace_minutes: n(v.grace_minutes) ?? 0,
    window_tolerance_minutes: n(v.window_tolerance_minutes) ?? 0,
    min_gap_minutes: n(v.min_gap_minutes),
  };
}
