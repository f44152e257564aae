// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../appsscript/ui/features/Groups/groups-screen.ts';
import type { AdmGroups } from '../../appsscript/ui/features/Groups/groups-screen.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { ADMIN, FakeScriptRun, LEAD, fail, flush, group, ok } from './fake-script-run.ts';

let fake: FakeScriptRun;

async function open(): Promise<AdmGroups> {
  const el = document.createElement('adm-groups');
  document.body.append(el);
  await flush();
  return el;
}

function type(el: HTMLElement, selector: string, value: string): void {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function click(el: HTMLElement, selector: string): Promise<void> {
  $<HTMLElement>(el, selector).click();
  await flush();
}

describe('Groups', () => {
  beforeEach(() => {
    setLang('en');
    fake = new FakeScriptRun()
      .on('groups.list', () => ok('groups.list', { rows: [group(), group({ name: 'sales', lead_emails: [], max_concurrent_breaks: null, rule_set: '' })], rule_sets: ['default', 'night'], viewer: ADMIN }))
      .install();
  });
  afterEach(() => clear());

  it('lists the groups with their leads, break limit and rule set', async () => {
    const el = await open();
    const rows = $all(el, 'adm-data-table tbody tr').map((tr) => textOf(tr));
    expect(rows).toEqual(['sales No leads Rule set: (none) no limit', 'support lead@example.com Rule set: default 2']);
  });

  it('a lead sees their groups\' settings but is offered no change: only admins save groups', async () => {
    fake.on('groups.list', () => ok('groups.list', { rows: [group()], rule_sets: ['default'], viewer: LEAD }));
    const el = await open();
    expect($all(el, 'button.add')).toEqual([]);
    await click(el, 'adm-data-table tr[data-key="support"]');
    expect($<HTMLTextAreaElement>(el, 'adm-group-form #lead_emails').disabled).toBe(true);
    expect($all(el, 'adm-group-form button.save')).toEqual([]);
    expect(textOf($(el, 'adm-group-form .read-only'))).toBe('Only an admin can change a group.');
  });

  it('adds a group with its leads typed one a line or with commas', async () => {
    fake.on('groups.save', (p) => ok('groups.save', { record: group({ ...p, version: 'g9' }), created: true }));
    const el = await open();
    await click(el, 'button.add');
    type(el, 'adm-group-form #name', 'night-shift');
    type(el, 'adm-group-form #lead_emails', 'Olga@example.com\nivan@example.com, petr@example.com');
    type(el, 'adm-group-form #telegram_chat_id', '-100123');
    type(el, 'adm-group-form #max_concurrent_breaks', '3');
    const ruleSet = $<HTMLSelectElement>(el, 'adm-group-form #rule_set');
    expect([...ruleSet.options].map((o) => o.value)).toEqual(['', 'default', 'night']);
    ruleSet.value = 'night';
    ruleSet.dispatchEvent(new Event('change'));
    await click(el, 'adm-group-form button.save');
    expect(fake.callsOf('groups.save')[0]).toMatchObject({
      name: 'night-shift',
      lead_emails: ['Olga@example.com', 'ivan@example.com', 'petr@example.com'],
      telegram_chat_id: '-100123',
      max_concurrent_breaks: 3,
      rule_set: 'night',
    });
    expect(fake.callsOf('groups.save')[0]).not.toHaveProperty('version');
    expect($all(el, 'adm-data-table tbody tr').map((tr) => tr.dataset.key)).toContain('night-shift');
  });

  it('a bad lead address shows at the leads field, naming the address', async () => {
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="support"]');
    type(el, 'adm-group-form #lead_emails', 'lead@example.com\nolga.example.com');
    await click(el, 'adm-group-form button.save');
    expect(textOf($(el, 'adm-group-form [data-field="lead_emails"] .field-error'))).toBe('⚠ olga.example.com: Not an email address');
    expect(fake.callsOf('groups.save')).toEqual([]);
  });

  it('a break limit that is not a whole number is refused at its field', async () => {
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="support"]');
    type(el, 'adm-group-form #max_concurrent_breaks', 'two');
    await click(el, 'adm-group-form button.save');
    expect(textOf($(el, 'adm-group-form [data-field="max_concurrent_breaks"] .field-error'))).toBe('⚠ A whole number');
  });

  it('a name already taken is a problem of the name when adding', async () => {
    fake.on('groups.save', () => fail('conflict', 'There is already a group support / Группа support уже есть', { field: 'name', current: group() }));
    setLang('ru');
    const el = await open();
    await click(el, 'button.add');
    type(el, 'adm-group-form #name', 'support');
    await click(el, 'adm-group-form button.save');
    expect($all(el, 'adm-group-form adm-conflict')).toEqual([]);
    expect(textOf($(el, 'adm-group-form [data-field="name"] .field-error'))).toBe('⚠ Группа support уже есть');
  });

  it('a conflict when editing shows the current values and loads them', async () => {
    const now = group({ lead_emails: ['new.lead@example.com'], max_concurrent_breaks: 4, version: 'g2' });
    fake.on('groups.save', () => fail('conflict', 'Someone changed this group / Кто-то изменил группу', { field: 'name', current: now }));
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="support"]');
    type(el, 'adm-group-form #max_concurrent_breaks', '1');
    await click(el, 'adm-group-form button.save');
    const rows = $all(el, 'adm-group-form adm-conflict .item').map((item) => textOf(item));
    expect(rows).toContain('Lead emails Now: new.lead@example.com Yours: lead@example.com');
    expect(rows).toContain('At most on break at once Now: 4 Yours: 1');
    await click(el, 'adm-group-form adm-conflict button.reload');
    expect($<HTMLInputElement>(el, 'adm-group-form #max_concurrent_breaks').value).toBe('4');
    expect($<HTMLTextAreaElement>(el, 'adm-group-form #lead_emails').value).toBe('new.lead@example.com');
  });
});
