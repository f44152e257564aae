// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../appsscript/ui/features/People/people-screen.ts';
import type { AdmPeople } from '../../appsscript/ui/features/People/people-screen.ts';
import { parsePastedRows } from '../../appsscript/ui/features/People/paste-rows.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { PersonRecord } from '../../common/admin-api.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { ADMIN, FakeScriptRun, LEAD, fail, flush, ok, person } from './fake-script-run.ts';

const TEAM: PersonRecord[] = [
  person(),
  person({ id: 'e002', name: 'Boris Smirnov', email: 'boris@example.com', group: 'sales', role: 'lead', telegram_chat_id: '123' }),
  person({ id: 'e003', name: 'Vera Kuznetsova', email: 'vera@example.com', active: false }),
];

let fake: FakeScriptRun;

async function open(): Promise<AdmPeople> {
  const el = document.createElement('adm-people');
  document.body.append(el);
  await flush();
  return el;
}

function rowNames(el: HTMLElement): string[] {
  return $all(el, 'adm-data-table tbody .who').map((n) => textOf(n));
}

function type(el: HTMLElement, selector: string, value: string): void {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function choose(el: HTMLElement, selector: string, value: string): void {
  const select = $<HTMLSelectElement>(el, selector);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function click(el: HTMLElement, selector: string): Promise<void> {
  $<HTMLElement>(el, selector).click();
  await flush();
}

async function openPerson(el: HTMLElement, id: string): Promise<void> {
  await click(el, `adm-data-table tr[data-key="${id}"]`);
}

describe('People', () => {
  beforeEach(() => {
    setLang('en');
    fake = new FakeScriptRun().on('people.list', () => ok('people.list', { rows: TEAM, groups: ['sales', 'support'], viewer: ADMIN })).install();
  });
  afterEach(() => clear());

  it('lists everyone, searched by name or email and filtered by group, role, active and Telegram', async () => {
    const el = await open();
    expect(rowNames(el)).toEqual(['Anna Ivanova', 'Boris Smirnov', 'Vera Kuznetsova']);
    type(el, 'adm-people-list #q', 'VERA@');
    await flush();
    expect(rowNames(el)).toEqual(['Vera Kuznetsova']);
    type(el, 'adm-people-list #q', '');
    choose(el, 'adm-people-list #f-active', 'active');
    await flush();
    expect(rowNames(el)).toEqual(['Anna Ivanova', 'Boris Smirnov']);
    choose(el, 'adm-people-list #f-telegram', 'linked');
    await flush();
    expect(rowNames(el)).toEqual(['Boris Smirnov']);
    expect(textOf($(el, 'adm-people-list summary'))).toBe('Filters (2)');
    await click(el, 'adm-people-list button.clear');
    choose(el, 'adm-people-list #f-role', 'employee');
    choose(el, 'adm-people-list #f-group', 'support');
    await flush();
    expect(rowNames(el)).toEqual(['Anna Ivanova', 'Vera Kuznetsova']);
  });

  it('shows a field\'s problem at that field, and the rest of the form as typed', async () => {
    fake.on('people.save', () =>
      fail('bad_request', 'There is no group sale / Нет группы sale', { fields: [{ field: 'group', message: 'no group "sale" / нет группы «sale»' }] }),
    );
    const el = await open();
    await click(el, 'adm-people-list button.add');
    type(el, 'adm-person-form #name', 'Gleb Orlov');
    type(el, 'adm-person-form #email', 'gleb@example.com');
    await click(el, 'adm-person-form button.save');
    const groupError = $(el, 'adm-person-form [data-field="group"] .field-error');
    expect(textOf(groupError)).toBe('⚠ No group "sale"');
    expect($(el, 'adm-person-form #group').getAttribute('aria-invalid')).toBe('true');
    expect($(el, 'adm-person-form #group').getAttribute('aria-describedby')).toBe('group-error');
    expect($all(el, 'adm-person-form [data-field="email"] .field-error')).toEqual([]);
    expect($<HTMLInputElement>(el, 'adm-person-form #name').value).toBe('Gleb Orlov');

    setLang('ru');
    await click(el, 'adm-person-form button.save');
    expect(textOf($(el, 'adm-person-form [data-field="group"] .field-error'))).toBe('⚠ Нет группы «sale»');
  });

  it('finds a bad email before asking the server, said in the page\'s language', async () => {
    setLang('ru');
    const el = await open();
    await click(el, 'adm-people-list button.add');
    type(el, 'adm-person-form #name', 'Глеб');
    type(el, 'adm-person-form #email', 'gleb');
    await click(el, 'adm-person-form button.save');
    expect(textOf($(el, 'adm-person-form [data-field="email"] .field-error'))).toBe('⚠ Это не адрес почты');
    expect(fake.callsOf('people.save')).toEqual([]);
  });

  it('adds a person and shows them in the list', async () => {
    fake.on('people.save', (p) => ok('people.save', { record: person({ id: 'e004', name: p.name, email: p.email, group: p.group, version: 'v9' }), created: true }));
    const el = await open();
    await click(el, 'adm-people-list button.add');
    type(el, 'adm-person-form #name', 'Gleb Orlov');
    type(el, 'adm-person-form #email', 'gleb@example.com');
    choose(el, 'adm-person-form #group', 'sales');
    await click(el, 'adm-person-form button.save');
    const [sent] = fake.callsOf('people.save');
    expect(sent).toMatchObject({ name: 'Gleb Orlov', email: 'gleb@example.com', group: 'sales', role: 'employee', active: true });
    expect(sent).not.toHaveProperty('id');
    expect(rowNames(el)).toContain('Gleb Orlov');
    expect(textOf($(el, 'adm-toast'))).toContain('Gleb Orlov added.');
  });

  it('a conflict shows the values as they are now beside the admin\'s, and reloads them to redo the change', async () => {
    const now = person({ name: 'Anna Petrova', group: 'sales', version: 'v2' });
    fake.on('people.save', (p) => (p.version === 'v1' ? fail('conflict', 'Someone changed this person / Кто-то изменил сотрудника', { current: now }) : ok('people.save', { record: { ...now, timezone: p.timezone, version: 'v3' }, created: false })));
    const el = await open();
    await openPerson(el, 'e001');
    type(el, 'adm-person-form #timezone', 'Asia/Yekaterinburg');
    await click(el, 'adm-person-form button.save');
    const conflict = $(el, 'adm-person-form adm-conflict');
    const rows = $all(conflict, '.item').map((item) => textOf(item));
    expect(rows).toContain('Name Now: Anna Petrova Yours: Anna Ivanova');
    expect(rows).toContain('Group Now: sales Yours: support');
    expect(rows).toContain('Time zone Now: — Yours: Asia/Yekaterinburg');
    expect(rows).toContain('Email anna.ivanova@example.com');
    expect($all(conflict, '.differs').length).toBe(3);

    await click(conflict, 'button.reload');
    expect($all(el, 'adm-person-form adm-conflict')).toEqual([]);
    expect($<HTMLInputElement>(el, 'adm-person-form #name').value).toBe('Anna Petrova');
    expect($<HTMLInputElement>(el, 'adm-person-form #timezone').value).toBe('');
    type(el, 'adm-person-form #timezone', 'Asia/Yekaterinburg');
    await click(el, 'adm-person-form button.save');
    expect(fake.callsOf('people.save').map((p) => p.version)).toEqual(['v1', 'v2']);
    expect(rowNames(el)).toContain('Anna Petrova');
  });

  it('another person\'s email is a problem of the email field, not a conflict of this record', async () => {
    fake.on('people.save', () => fail('conflict', 'boris@example.com is already Boris / boris@example.com уже есть', { field: 'email', current: TEAM[1] }));
    const el = await open();
    await openPerson(el, 'e001');
    type(el, 'adm-person-form #email', 'boris@example.com');
    await click(el, 'adm-person-form button.save');
    expect($all(el, 'adm-person-form adm-conflict')).toEqual([]);
    expect(textOf($(el, 'adm-person-form [data-field="email"] .field-error'))).toBe('⚠ Already used by Boris Smirnov (e002)');
  });

  it('retrying a failed save sends the same request_id; the next save a new one', async () => {
    let n = 0;
    fake.on('people.save', (p) => (++n <= 4 ? fail('busy', 'Busy / Занято') : ok('people.save', { record: person({ name: p.name, version: `v${n}` }), created: false })));
    const el = await open();
    await openPerson(el, 'e001');
    type(el, 'adm-person-form #name', 'Anna I.');
    // The client's own retries wait between tries: the fake clock lets them run out at once.
    vi.useFakeTimers();
    try {
      $<HTMLElement>(el, 'adm-person-form button.save').click();
      await vi.runAllTimersAsync();
    } finally {
      vi.useRealTimers();
    }
    await flush();
    expect(fake.callsOf('people.save')).toHaveLength(4);
    expect(textOf($(el, 'adm-person-form .form-errors'))).toContain('busy');
    await click(el, 'adm-person-form button.save');
    const ids = fake.callsOf('people.save').map((p) => p.request_id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(1);
    expect(textOf($(el, 'adm-toast'))).toContain('Anna I. saved.');

    await openPerson(el, 'e001');
    type(el, 'adm-person-form #name', 'Anna Ivanova');
    await click(el, 'adm-person-form button.save');
    const next = fake.callsOf('people.save')[5];
    expect(next.request_id).not.toBe(ids[0]);
  });

  it('deactivates only after a confirm, keeping the person in the list', async () => {
    fake.on('people.deactivate', () => ok('people.deactivate', { record: person({ active: false, version: 'v2' }) }));
    const el = await open();
    await openPerson(el, 'e001');
    await click(el, 'adm-person-form button.deactivate');
    expect(fake.callsOf('people.deactivate')).toEqual([]);
    const confirm = $(el, 'adm-person-form adm-confirm');
    expect(textOf(confirm)).toContain('Deactivate Anna Ivanova?');
    expect(textOf(confirm)).toContain('same ID');
    await click(confirm, 'button.cancel');
    expect(fake.callsOf('people.deactivate')).toEqual([]);

    await click(el, 'adm-person-form button.deactivate');
    await click(el, 'adm-person-form adm-confirm button.confirm');
    expect(fake.callsOf('people.deactivate')).toEqual([expect.objectContaining({ id: 'e001', version: 'v1' })]);
    expect($<HTMLInputElement>(el, 'adm-person-form #active').checked).toBe(false);
    expect($all(el, 'adm-person-form button.deactivate')).toEqual([]);
    expect(rowNames(el)).toContain('Anna Ivanova');
  });

  it('revokes sessions after a confirm and shows devices and last seen', async () => {
    const now = Date.now();
    fake.on('people.list', () =>
      ok('people.list', { rows: [person({ devices: [{ device_id: 'dev-phone', last_seen: now - 5 * 60_000 }], last_seen: now - 5 * 60_000, telegram_chat_id: '42' })], groups: ['support'], viewer: ADMIN }),
    );
    fake.on('people.revoke', () => ok('people.revoke', { record: person({ token_version: 1, version: 'v2' }) }));
    const el = await open();
    expect(textOf($(el, 'adm-data-table tbody tr'))).toContain('5m ago');
    await openPerson(el, 'e001');
    expect(textOf($(el, 'adm-person-form ul.devices'))).toContain('5 min. ago');
    expect(textOf($(el, 'adm-person-form ul.devices'))).toContain('dev-phone');
    expect(textOf($(el, 'adm-person-form .facts'))).toContain('Telegram linked');
    await click(el, 'adm-person-form button.revoke');
    await click(el, 'adm-person-form adm-confirm button.confirm');
    expect(fake.callsOf('people.revoke')).toEqual([expect.objectContaining({ id: 'e001' })]);
    expect(textOf($(el, 'adm-toast'))).toContain('signed out everywhere');
  });

  it('adds many: a preview with each row\'s problems, then a commit of the good rows', async () => {
    fake.on('people.import', (p) => {
      expect(p.rows).toEqual([
        ['name', 'email', 'group'],
        ['Gleb Orlov', 'gleb@example.com', 'sales'],
        ['Dan', 'dan@', 'support'],
      ]);
      const rows = [
        { row: 2, name: 'Gleb Orlov', email: 'gleb@example.com', group: 'sales', errors: [], ...(p.commit ? { id: 'e004' } : {}) },
        { row: 3, name: 'Dan', email: 'dan@', group: 'support', errors: [{ field: 'email', message: 'not an email address: "dan@" / это не адрес почты: «dan@»' }] },
      ];
      return ok('people.import', { rows, valid: 1, invalid: 1, added: p.commit ? 1 : 0 });
    });
    const el = await open();
    await click(el, 'adm-people-list button.add-many');
    type(el, 'adm-people-import #rows', 'name\temail\tgroup\nGleb Orlov\tgleb@example.com\tsales\n"Dan",dan@,support\n\n');
    await click(el, 'adm-people-import button.check');
    expect(fake.callsOf('people.import')[0].commit).toBe(false);
    expect(textOf($(el, 'adm-people-import .summary'))).toBe('1 can be added, 1 has errors.');
    expect(textOf($(el, 'adm-people-import li[data-row="3"] .errs'))).toBe('Not an email address: "dan@"');
    expect($all(el, 'adm-people-import li[data-row="2"] .errs')).toEqual([]);

    await click(el, 'adm-people-import button.commit');
    const commit = fake.callsOf('people.import')[1];
    expect(commit.commit).toBe(true);
    expect(commit.request_id).toMatch(/^[0-9a-f]{32}$/);
    expect(textOf($(el, 'adm-people-import .summary'))).toBe('1 person added.');
    // the list is read again
    expect(fake.callsOf('people.list')).toHaveLength(2);
  });

  it('a preview is dropped when the rows change: only checked rows are committed', async () => {
    fake.on('people.import', () => ok('people.import', { rows: [{ row: 1, name: 'A', email: 'a@example.com', group: 'sales', errors: [] }], valid: 1, invalid: 0, added: 0 }));
    const el = await open();
    await click(el, 'adm-people-list button.add-many');
    type(el, 'adm-people-import #rows', 'A, a@example.com, sales');
    await click(el, 'adm-people-import button.check');
    expect($all(el, 'adm-people-import button.commit')).toHaveLength(1);
    type(el, 'adm-people-import #rows', 'B, b@example.com, sales');
    await flush();
    expect($all(el, 'adm-people-import button.commit')).toEqual([]);
  });

  it('offers an admin every role and "Add many"; a lead neither (the server refuses them anyway)', async () => {
    const roles = (el: HTMLElement) => [...$<HTMLSelectElement>(el, 'adm-person-form #role').options].map((o) => o.value);
    const admin = await open();
    expect($all(admin, 'adm-people-list button.add-many')).toHaveLength(1);
    await click(admin, 'adm-people-list button.add');
    expect(roles(admin)).toEqual(['employee', 'lead', 'admin']);
    clear();

    fake.on('people.list', () => ok('people.list', { rows: TEAM, groups: ['support'], viewer: LEAD }));
    const lead = await open();
    expect($all(lead, 'adm-people-list button.add-many')).toEqual([]);
    expect($all(lead, 'adm-people-list button.add')).toHaveLength(1);
    await click(lead, 'adm-people-list button.add');
    expect(roles(lead)).toEqual(['employee']);
    await click(lead, 'button.back');
    // Someone who is a lead already keeps reading as one.
    await openPerson(lead, 'e002');
    expect(roles(lead)).toEqual(['employee', 'lead']);
    expect($<HTMLSelectElement>(lead, 'adm-person-form #role').value).toBe('lead');
  });

  it('a list that cannot be read says why and tries again on request', async () => {
    let answer: () => unknown = () => fail('internal', 'Something went wrong on the server; try again / Ошибка на сервере; повторите попытку');
    fake.on('people.list', () => answer());
    // The client tries an internal failure again after a wait: the fake clock lets the tries run out at once.
    vi.useFakeTimers();
    const el = document.createElement('adm-people');
    try {
      document.body.append(el);
      await vi.runAllTimersAsync();
    } finally {
      vi.useRealTimers();
    }
    await flush();
    expect(fake.callsOf('people.list')).toHaveLength(4);
    expect(textOf($(el, '.state.failed'))).toContain('Something went wrong on the server. Try again.');
    answer = () => ok('people.list', { rows: TEAM, groups: [], viewer: ADMIN });
    await click(el, '.state.failed button.retry');
    expect(rowNames(el)).toHaveLength(3);
    expect($all(el, '.state.failed')).toEqual([]);
  });

  it('a refusal says why, with nothing to try again', async () => {
    fake.on('people.list', () => fail('forbidden', 'Only an admin or a group lead may use adminRpc / adminRpc доступно только администратору или руководителю группы'));
    setLang('ru');
    const el = await open();
    expect(textOf($(el, '.state.failed'))).toBe('adminRpc доступно только администратору или руководителю группы');
    expect($all(el, '.state.failed button')).toEqual([]);
  });
});

describe('pasted rows', () => {
  it('splits at tabs, or at commas when a line has no tab, with quotes as a sheet writes them', () => {
    expect(parsePastedRows('a\tb, c\td\r\n"x, y",z,"q ""w"""\n\n\n')).toEqual([
      ['a', 'b, c', 'd'],
      ['x, y', 'z', 'q "w"'],
    ]);
    expect(parsePastedRows('"two\nlines"\tb\n\nc\td')).toEqual([['two\nlines', 'b'], [''], ['c', 'd']]);
  });
});
