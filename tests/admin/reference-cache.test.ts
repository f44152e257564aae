// A save in the console is seen at once by the requests that serve reference data from the cache (the
// employee page, the bot): every admin save drops the cached copy.
import { describe, expect, it } from 'vitest';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { loadReference } from '../../appsscript/src/gas/reference-cache.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';
import { scheduleWindow } from '../../appsscript/src/store/reference.ts';
import { adminOffice, DATE, OWNER, rid, type AdminOffice } from './helpers.ts';

/** Reference data as a request of the web app or the bot reads it: from the cache when it is there. */
function cached(o: AdminOffice) {
  o.world.newExecution();
  const tables = openTables(gasSheetPort(), { timeZone: 'Europe/Moscow', formatDate: (ms) => new Date(ms).toISOString().slice(0, 10) });
  return loadReference(tables, scheduleWindow(DATE));
}

describe('saves drop the cached reference data', () => {
  it('a renamed person, a relabelled status and a changed rule reach the next request', () => {
    const o = adminOffice();
    cached(o); // the cache is warm
    const anna = o.ok(OWNER, 'people.list', {}).rows.find((p) => p.id === 'e001')!;
    o.ok(OWNER, 'people.save', { id: 'e001', email: anna.email, name: 'Anna I.', group: anna.group, role: anna.role, version: anna.version, request_id: rid() });
    expect(cached(o).employees.find((e) => e.id === 'e001')?.name).toBe('Anna I.');
    const brk = o.ok(OWNER, 'statuses.list', {}).rows.find((s) => s.code === 'break')!;
    o.ok(OWNER, 'statuses.save', { code: 'break', label_ru: 'Перерывчик', label_en: 'Short break', kind: 'break', counts_as_work: false, color: brk.color, version: brk.version, request_id: rid() });
    expect(cached(o).statuses.find((s) => s.code === 'break')?.label_en).toBe('Short break');
    const support = o.ok(OWNER, 'rules.list', {}).rows.find((r) => r.rule_set === 'support')!;
    const rules = support.rules.map((r) => (r.status === 'break' ? { ...r, max_minutes: 25 } : r));
    o.ok(OWNER, 'rules.save', { rule_set: 'support', rules, version: support.version, request_id: rid() });
    expect(cached(o).rules.find((r) => r.rule_set === 'support' && r.status === 'break')?.max_minutes).toBe(25);
  });
});
