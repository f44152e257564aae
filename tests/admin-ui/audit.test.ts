// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../appsscript/ui/features/Audit/audit-screen.ts';
import type { AdmAudit } from '../../appsscript/ui/features/Audit/audit-screen.ts';
import { auditDiff } from '../../appsscript/ui/features/Audit/audit-diff.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { AuditRecord } from '../../common/admin-api.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { FakeScriptRun, fail, flush, ok, rule } from './fake-script-run.ts';
import { choose, click, mountPage, type } from './interact.ts';

const AT = Date.UTC(2025, 4, 12, 9, 30);

function entry(over: Partial<AuditRecord> = {}): AuditRecord {
  return { at: AT, actor: 'olga@example.com', action: 'people.save', target: 'e001', before: { name: 'Anna', group: 'support' }, after: { name: 'Anna Orlova', group: 'support' }, ...over };
}

let fake: FakeScriptRun;
const open = () => mountPage<AdmAudit>('adm-audit');
const changes = (el: HTMLElement) => $all(el, 'adm-data-table tbody tr').map((tr) => textOf(tr.lastElementChild!));

describe('what an Audit row changed', () => {
  it('field by field, only what changed', () => {
    expect(auditDiff({ name: 'Anna', group: 'support', active: true }, { name: 'Anna Orlova', group: 'support', active: false })).toEqual([
      { path: 'name', change: 'changed', before: 'Anna', after: 'Anna Orlova' },
      { path: 'active', change: 'changed', before: true, after: false },
    ]);
  });

  it('an add lists the new record\'s fields', () => {
    expect(auditDiff(null, { code: 'smoke', kind: 'break' })).toEqual([
      { path: 'code', change: 'added', after: 'smoke' },
      { path: 'kind', change: 'added', after: 'break' },
    ]);
  });

  it('a list of records is matched by key, not by position: one changed rule is one line', () => {
    const before = [rule({ status: 'work' }), rule(), rule({ status: 'lunch', max_minutes: 60 })];
    const after = [rule(), rule({ status: 'lunch', max_minutes: 45 }), rule({ status: 'meeting' })];
    expect(auditDiff(before, after)).toEqual([
      { path: 'work', change: 'removed', before: before[0] },
      { path: 'lunch.max_minutes', change: 'changed', before: 60, after: 45 },
      { path: 'meeting', change: 'added', after: after[2] },
    ]);
  });

  it('a list of plain values is one value', () => {
    expect(auditDiff({ lead_emails: ['a@x.com'] }, { lead_emails: ['a@x.com', 'b@x.com'] })).toEqual([
      { path: 'lead_emails', change: 'changed', before: ['a@x.com'], after: ['a@x.com', 'b@x.com'] },
    ]);
  });
});

describe('Audit', () => {
  beforeEach(() => {
    setLang('en');
    fake = new FakeScriptRun()
      .on('audit.list', (p) =>
        p.before_row === undefined
          ? ok('audit.list', {
              rows: [
                entry(),
                entry({ action: 'settings.save', target: 'settings', before: { check_interval_minutes: '5' }, after: { check_interval_minutes: '10', secrets: { BOT_SHARED_SECRET: 'replaced' } } }),
              ],
              next: 40,
              time_zone: 'Europe/Moscow',
            })
          : ok('audit.list', { rows: [entry({ action: 'statuses.add', target: 'smoke', before: null, after: { code: 'smoke', hidden: false } })], next: null, time_zone: 'Europe/Moscow' }),
      )
      .install();
  });
  afterEach(() => clear());

  it('shows the newest rows with who, what and a readable change; "Load more" goes on from `next`', async () => {
    const el = await open();
    expect(fake.callsOf('audit.list')).toEqual([{}]);
    const first = $(el, 'adm-data-table tbody tr');
    expect(textOf(first)).toContain('olga@example.com');
    expect(textOf(first)).toContain('Person edited people.save');
    expect(changes(el)).toEqual(['name: Anna → Anna Orlova', 'check_interval_minutes: 5 → 10 secrets.BOT_SHARED_SECRET: replaced']);

    await click(el, 'button.load-more');
    expect(fake.callsOf('audit.list')[1]).toEqual({ before_row: 40 });
    expect(changes(el)[2]).toBe('code: smoke hidden: No');
    expect($all(el, 'button.load-more')).toEqual([]);
    expect(textOf($(el, '.the-end'))).toBe('No more changes.');
  });

  it('filters by who, action, record and dates; "Load more" keeps the filters of the rows shown', async () => {
    const el = await open();
    type(el, '#actor', ' olga ');
    choose(el, '#action', 'people');
    type(el, '#target', 'e001');
    type(el, '#from', '2025-05-01');
    type(el, '#to', '2025-05-31');
    await click(el, 'button.apply');
    expect(fake.callsOf('audit.list')[1]).toEqual({ actor: 'olga', action: 'people', target: 'e001', from: '2025-05-01', to: '2025-05-31' });
    type(el, '#actor', 'someone else');
    await click(el, 'button.load-more');
    expect(fake.callsOf('audit.list')[2]).toEqual({ actor: 'olga', action: 'people', target: 'e001', from: '2025-05-01', to: '2025-05-31', before_row: 40 });
    await click(el, 'button.clear');
    expect(fake.callsOf('audit.list')[3]).toEqual({});
    expect($<HTMLInputElement>(el, '#actor').value).toBe('');
  });

  it('a row opens whole: every field before and after, the changed ones marked', async () => {
    const el = await open();
    await click(el, 'adm-data-table tbody tr');
    const rows = $all(el, 'table.whole tbody tr');
    expect(rows.map((r) => textOf(r))).toEqual(['name Anna Anna Orlova', 'group support support']);
    expect(rows.map((r) => r.className)).toEqual(['changed', '']);
    await click(el, 'button.back');
    expect($all(el, 'table.whole')).toEqual([]);
    expect(changes(el)).toHaveLength(2);
  });

  it('says when nothing matches, and when the rows read so far held no match but there are more', async () => {
    fake.on('audit.list', (p) => (p.actor === 'nobody' ? ok('audit.list', { rows: [], next: null, time_zone: 'Europe/Moscow' }) : ok('audit.list', { rows: [], next: 900, time_zone: 'Europe/Moscow' })));
    setLang('ru');
    const el = await open();
    expect(textOf($(el, '.cut-short'))).toContain('«Показать ещё» ищет дальше');
    type(el, '#actor', 'nobody');
    await click(el, 'button.apply');
    expect(textOf($(el, '.state.empty'))).toBe('Нет изменений по этим фильтрам.');
  });

  it('an empty log says so; a failure can be tried again', async () => {
    let answer: () => unknown = () => fail('not_found', 'There is no Audit tab / Нет вкладки Audit');
    fake.on('audit.list', () => answer());
    const el = await open();
    expect(textOf($(el, '.state.failed p'))).toBe('There is no Audit tab');
    answer = () => ok('audit.list', { rows: [], next: null, time_zone: 'Europe/Moscow' });
    await click(el, '.state.failed button.retry');
    expect(textOf($(el, '.state.empty'))).toBe('No changes recorded yet.');
  });

  it('a date the server refuses is shown at its filter', async () => {
    fake.on('audit.list', () => fail('bad_request', 'Bad request / Неверный запрос', { fields: [{ field: 'from', message: 'a date as YYYY-MM-DD' }] }));
    const el = await open();
    await flush();
    expect(textOf($(el, '[data-field="from"] .field-error'))).toBe('⚠ A date as YYYY-MM-DD');
    expect($all(el, '.state.failed')).toEqual([]);
  });
});
