// People: the Employees tab as the console shows and changes it. A person is never deleted (history keeps
// the id): they are deactivated. A lead sees and changes only the people of the groups they lead, and
// cannot make anyone a lead or an admin.
import type { AdminParsed, AdminReplies, DeviceInfo, ImportRow, PersonRecord, Viewer } from '../../../../common/admin-api.ts';
import type { Role } from '../../../../common/status.ts';
import { storedText } from '../../../../common/text.ts';
import { TABS } from '../../store/schema.ts';
import type { DeviceRow } from '../../domain/model.ts';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../errors.ts';
import { appendAudit, auditedAlready, auditOnce } from './audited.ts';
import { auditedAfter } from '../audit.ts';
import type { AdminDeps } from './deps.ts';
import { cellsFor, readKeyedTab, rowVersion, sameCells, type KeyedRow, type KeyedTab } from './keyed-tab.ts';

const spec = TABS.Employees;

export function listPeople(deps: AdminDeps, req: AdminParsed<'people.list'>): AdminReplies['people.list'] {
  const tab = readKeyedTab(deps.port, spec, deps.cells);
  const devices = devicesByEmployee(deps.tables().devices());
  const visible = tab.rows.filter((r) => mayManage(deps, String(r.values.group)) && (!req.group || r.values.group === req.group));
  const groups = deps.reference().groups.map((g) => g.name).filter((g) => mayManage(deps, g));
  return { rows: visible.map((r) => personOf(r, devices)), groups, viewer: viewerOf(deps) };
}

export function viewerOf(deps: AdminDeps): Viewer {
  const { email, role, groups } = deps.caller;
  return { email, role: role === 'admin' ? 'admin' : 'lead', groups };
}

export function savePerson(deps: AdminDeps, req: AdminParsed<'people.save'>): AdminReplies['people.save'] {
  checkGroupKnown(deps, req.group);
  if (!mayManage(deps, req.group)) throw notYourGroup(req.group);
  if (deps.caller.role !== 'admin' && req.role !== 'employee') {
    throw new Forbidden('Only an admin can make someone a lead or an admin', 'Назначить руководителя или администратора может только администратор', { field: 'role' });
  }
  return deps.withLock(() => {
    const tab = readKeyedTab(deps.port, spec, deps.cells);
    const byEmail = tab.rows.find((r) => r.values.email === req.email);
    const existing = req.id === undefined ? null : findById(tab, req.id);
    if (req.id !== undefined && !existing) throw new NotFound(`No person with id ${req.id}`, `Нет сотрудника с id ${req.id}`, { id: req.id });
    if (existing && !mayManage(deps, String(existing.values.group))) throw notYourGroup(String(existing.values.group));
    if (existing && deps.caller.role !== 'admin' && existing.values.role !== 'employee') {
      throw new Forbidden('Only an admin can change a lead or an admin', 'Изменить руководителя или администратора может только администратор');
    }
    const fields = { email: req.email, name: req.name, group: req.group, role: req.role, timezone: req.timezone, active: req.active };
    if (byEmail && byEmail !== existing) {
      // Adding someone who is already there as asked: a retried add. Anyone else with that email: a conflict.
      if (!existing && sameCells(byEmail.cells, cellsFor(spec, fields, byEmail.cells))) return { record: personOf(byEmail), created: false };
      throw new Conflict(`${req.email} is already ${String(byEmail.values.name)} (${String(byEmail.values.id)})`, `${req.email} уже есть: ${String(byEmail.values.name)} (${String(byEmail.values.id)})`, {
        field: 'email',
        current: personOf(byEmail),
      });
    }
    if (existing) {
      const cells = cellsFor(spec, fields, existing.cells);
      if (sameCells(existing.cells, cells)) return finish(deps, { record: personOf(existing), created: false });
      checkVersion(existing, req.version);
      auditOnce(deps, req.request_id, { action: 'people.save', target: String(existing.values.id), before: publicFields(existing.values), after: { ...publicFields(existing.values), ...fields } });
      deps.port.writeRows(spec.name, existing.row, [cells]);
      return finish(deps, { record: personOf({ ...existing, cells, values: { ...existing.values, ...fields } }), created: false });
    }
    const id = nextId(tab);
    const values = { id, ...fields, telegram_chat_id: '', token_version: 0 };
    const cells = cellsFor(spec, values);
    auditOnce(deps, req.request_id, { action: 'people.add', target: id, before: null, after: publicFields(values) });
    // One call that also grows the grid when it is full (a write below it would fail and cost two more).
    deps.port.appendRow(spec.name, cells);
    return finish(deps, { record: personOf({ row: tab.nextRow, cells, values }), created: true });
  });
}

/** Deactivating also ends the person's sessions: their tokens carry the old token_version. */
export function deactivatePerson(deps: AdminDeps, req: AdminParsed<'people.deactivate'>): AdminReplies['people.deactivate'] {
  return changePerson(deps, req.id, req.request_id, 'people.deactivate', req.version, (v) =>
    v.active === false ? null : { active: false, token_version: Number(v.token_version ?? 0) + 1 },
  );
}

/**
 * Ends every session of the person (their page asks them to sign in again). Not idempotent by value, so a
 * retry is recognised by its Audit row: once the row is there, the change was made or is being made.
 */
export function revokeSessions(deps: AdminDeps, req: AdminParsed<'people.revoke'>): AdminReplies['people.revoke'] {
  return changePerson(deps, req.id, req.request_id, 'people.revoke', undefined, (v) => ({ token_version: Number(v.token_version ?? 0) + 1 }), true);
}

function changePerson(
  deps: AdminDeps,
  id: string,
  requestId: string,
  action: string,
  version: string | undefined,
  change: (values: Record<string, unknown>) => Record<string, unknown> | null,
  byRequest = false,
): { record: PersonRecord } {
  return deps.withLock(() => {
    const tab = readKeyedTab(deps.port, spec, deps.cells);
    const row = findById(tab, id);
    if (!row) throw new NotFound(`No person with id ${id}`, `Нет сотрудника с id ${id}`, { id });
    if (!mayManage(deps, String(row.values.group))) throw notYourGroup(String(row.values.group));
    if (deps.caller.role !== 'admin' && row.values.role !== 'employee') {
      throw new Forbidden('Only an admin can change a lead or an admin', 'Изменить руководителя или администратора может только администратор');
    }
    if (byRequest) {
      // Not idempotent by value: a retry knows itself by its Audit row, whose `after` is what the record must
      // become (a cut may have come before or after the record's write).
      const found = auditedAfter(deps.port, requestId);
      if (found) {
        const target = (found.after ?? {}) as Record<string, unknown>;
        const cells = cellsFor(spec, target, row.cells);
        if (!sameCells(row.cells, cells)) deps.port.writeRows(spec.name, row.row, [cells]);
        return finish(deps, { record: personOf({ ...row, cells, values: { ...row.values, ...target } }) });
      }
    }
    const already = !byRequest && auditedAlready(deps, requestId);
    const fields = change(row.values);
    if (!fields) return finish(deps, { record: personOf(row) });
    checkVersion(row, version);
    const cells = cellsFor(spec, fields, row.cells);
    if (!already) appendAudit(deps, requestId, { action, target: id, before: pick(row.values, Object.keys(fields)), after: fields });
    deps.port.writeRows(spec.name, row.row, [cells]);
    return finish(deps, { record: personOf({ ...row, cells, values: { ...row.values, ...fields } }) });
  });
}

/**
 * Adding many: pasted rows of name, email, group (either order of the first two is fine: the one with an @ is
 * the email; a header row is skipped). The preview says per row what is wrong; a commit adds the rows that
 * are right, once: an email already in Employees is never added again, so a retried commit adds nothing.
 */
export function importPeople(deps: AdminDeps, req: AdminParsed<'people.import'>): AdminReplies['people.import'] {
  const groups = new Set(deps.reference().groups.map((g) => g.name));
  const plan = (tab: KeyedTab): ImportRow[] => {
    const known = new Set(tab.rows.map((r) => String(r.values.email)));
    const seen = new Map<string, number>();
    return req.rows
      .map((cells, i) => ({ cells: cells.map((c) => storedText(c).trim()), row: i + 1 }))
      .filter(({ cells, row }) => cells.some((c) => c !== '') && !(row === 1 && isHeader(cells)))
      .map(({ cells, row }) => {
        const [a = '', b = '', group = ''] = cells;
        const [name, email] = a.includes('@') && !b.includes('@') ? [b, a.toLowerCase()] : [a, b.toLowerCase()];
        const errors: ImportRow['errors'] = [];
        if (name === '') errors.push({ field: 'name', message: 'a name is required / нужно имя' });
        else if (name.length > 200) errors.push({ field: 'name', message: 'at most 200 characters / не длиннее 200 символов' });
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ field: 'email', message: `not an email address: "${email}" / это не адрес почты: «${email}»` });
        else if (known.has(email)) errors.push({ field: 'email', message: `${email} is already in Employees / ${email} уже есть во вкладке Employees` });
        else if (seen.has(email)) errors.push({ field: 'email', message: `the same email as row ${seen.get(email)} / такой же адрес, как в строке ${seen.get(email)}` });
        if (!groups.has(group)) errors.push({ field: 'group', message: `no group "${group}" / нет группы «${group}»` });
        else if (!mayManage(deps, group)) errors.push({ field: 'group', message: `not a group you lead: ${group} / вы не руководите группой ${group}` });
        if (!seen.has(email)) seen.set(email, row);
        return { row, name, email, group, errors };
      });
  };
  const summary = (rows: ImportRow[], added: number) => ({
    rows,
    valid: rows.filter((r) => r.errors.length === 0).length,
    invalid: rows.filter((r) => r.errors.length > 0).length,
    added,
  });
  if (!req.commit) return summary(plan(readKeyedTab(deps.port, spec, deps.cells)), 0);
  return deps.withLock(() => {
    const tab = readKeyedTab(deps.port, spec, deps.cells);
    const rows = plan(tab);
    const good = rows.filter((r) => r.errors.length === 0);
    if (good.length === 0) return summary(rows, 0);
    let n = maxIdNumber(tab);
    const records = good.map((r) => {
      r.id = formatId(++n);
      return { id: r.id, email: r.email, name: r.name, group: r.group, role: 'employee' as Role, timezone: '', telegram_chat_id: '', token_version: 0, active: true };
    });
    auditOnce(deps, req.request_id, { action: 'people.import', target: `${records.length}`, before: null, after: records.map(publicFields) });
    deps.port.writeRows(spec.name, tab.nextRow, records.map((r) => cellsFor(spec, r)));
    deps.invalidateReference();
    return summary(rows, records.length);
  });
}

// ---- helpers ----

function finish<T>(deps: AdminDeps, reply: T): T {
  // Also after a save that found its change already made (a retry after a cut): the cache may predate it.
  deps.invalidateReference();
  return reply;
}

function checkVersion(row: KeyedRow, version: string | undefined): void {
  if (version !== undefined && version !== rowVersion(row.cells)) {
    throw new Conflict('Someone changed this person since you opened it; here is what it is now', 'Кто-то изменил этого сотрудника, пока вы редактировали; вот текущие данные', {
      current: personOf(row),
    });
  }
}

export function mayManage(deps: AdminDeps, group: string): boolean {
  return deps.caller.role === 'admin' || deps.caller.groups.includes(group);
}

function notYourGroup(group: string): Forbidden {
  return new Forbidden(`You do not lead the group ${group}`, `Вы не руководите группой ${group}`, { field: 'group' });
}

function checkGroupKnown(deps: AdminDeps, group: string): void {
  if (!deps.reference().groups.some((g) => g.name === group)) {
    throw new BadRequest(`There is no group ${group}`, `Нет группы ${group}`, { fields: [{ field: 'group', message: `no group "${group}" / нет группы «${group}»` }] });
  }
}

function findById(tab: KeyedTab, id: string): KeyedRow | undefined {
  return tab.rows.find((r) => r.values.id === id);
}

function maxIdNumber(tab: KeyedTab): number {
  return Math.max(0, ...tab.rows.map((r) => /^e(\d+)$/.exec(String(r.values.id))).map((m) => (m ? Number(m[1]) : 0)));
}

function formatId(n: number): string {
  return `e${String(n).padStart(3, '0')}`;
}

function nextId(tab: KeyedTab): string {
  return formatId(maxIdNumber(tab) + 1);
}

function isHeader(cells: string[]): boolean {
  return cells.some((c) => /^(name|имя|фио|e-?mail|почта|group|группа)$/i.test(c));
}

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, values[k]]));
}

/** What the Audit keeps of a person: everything but the Telegram chat. */
function publicFields(v: Record<string, unknown>): Record<string, unknown> {
  return pick(v, ['id', 'email', 'name', 'group', 'role', 'timezone', 'active', 'token_version'].filter((k) => k in v));
}

function devicesByEmployee(rows: readonly DeviceRow[]): Map<string, DeviceInfo[]> {
  const out = new Map<string, DeviceInfo[]>();
  for (const d of rows) {
    const list = out.get(d.employee_id) ?? [];
    list.push({ device_id: d.device_id, last_seen: d.last_seen });
    out.set(d.employee_id, list);
  }
  return out;
}

export function personOf(r: KeyedRow, devices: Map<string, DeviceInfo[]> = new Map()): PersonRecord {
  const v = r.values;
  const own = (devices.get(String(v.id)) ?? []).sort((a, b) => (b.last_seen ?? 0) - (a.last_seen ?? 0));
  return {
    id: String(v.id),
    email: String(v.email),
    name: String(v.name),
    group: String(v.group),
    role: (['employee', 'lead', 'admin'].includes(String(v.role)) ? v.role : 'employee') as Role,
    timezone: String(v.timezone ?? ''),
    telegram_chat_id: String(v.telegram_chat_id ?? ''),
    token_version: Number(v.token_version ?? 0),
    active: v.active !== false,
    version: rowVersion(r.cells),
    devices: own,
    last_seen: own[0]?.last_seen ?? null,
  };
}
