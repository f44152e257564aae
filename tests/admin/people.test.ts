// People through adminRpc, as the People sidebar calls it: roles, lead scope, conflicts, audit, import.
import { beforeEach, describe, expect, it } from 'vitest';
import { adminOffice, EMPLOYEE, LEAD, OTHER_LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { cutEverywhere, expectWithinBudget } from './budget.ts';

let office: AdminOffice;
beforeEach(() => {
  office = adminOffice();
});

const newPerson = { email: 'new.person@example.com', name: 'New Person', group: 'support-l1', role: 'employee' as const };

describe('people.list', () => {
  it('gives an admin everyone, with versions and devices', () => {
    const r = office.ok(OWNER, 'people.list', {});
    expect(r.rows.length).toBe(30);
    expect(r.rows[0]).toMatchObject({ id: 'e001', email: 'anna.ivanova@example.com', group: 'support-l1', active: true });
    expect(r.rows[0].version).toMatch(/^[0-9a-f]{8}$/);
    expect(r.groups).toEqual(expect.arrayContaining(['support-l1', 'support-l2', 'billing']));
  });

  it('gives a lead only the groups they lead', () => {
    const r = office.ok(LEAD, 'people.list', {});
    expect(new Set(r.rows.map((p) => p.group))).toEqual(new Set(['support-l1']));
    expect(r.groups).toEqual(['support-l1']);
  });

  it('refuses a plain employee and an anonymous caller', () => {
    for (const as of [EMPLOYEE, '']) {
      const r = office.rpc(as, 'people.list', {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('forbidden');
    }
  });
});

describe('people.save', () => {
  it('adds a person with the next id and an Audit row, once even when the same save is retried', () => {
    const request_id = rid();
    const first = office.ok(OWNER, 'people.save', { ...newPerson, request_id });
    expect(first.created).toBe(true);
    expect(first.record.id).toBe('e031');
    const again = office.ok(OWNER, 'people.save', { ...newPerson, request_id });
    expect(again.record.id).toBe('e031');
    expect(office.rows('Employees').filter((r) => r.email === newPerson.email)).toHaveLength(1);
    const audit = office.rows('Audit').filter((r) => r.request_id === request_id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: OWNER, action: 'people.add', target: 'e031' });
  });

  it('edits with the version read; a second save from the same read is a conflict carrying the current values', () => {
    const anna = office.ok(OWNER, 'people.list', {}).rows.find((p) => p.id === 'e001')!;
    const base = { id: anna.id, email: anna.email, name: anna.name, group: anna.group, role: anna.role, version: anna.version };
    const saved = office.ok(OWNER, 'people.save', { ...base, name: 'Анна Иванова-Петрова', request_id: rid() });
    expect(saved.record.name).toBe('Анна Иванова-Петрова');
    const late = office.rpc(LEAD, 'people.save', { ...base, name: 'Anna I.', request_id: rid() });
    expect(late.ok).toBe(false);
    if (!late.ok) {
      expect(late.error.code).toBe('conflict');
      expect((late.error.details?.current as { name: string }).name).toBe('Анна Иванова-Петрова');
    }
    expect(office.rows('Employees')[0].name).toBe('Анна Иванова-Петрова');
  });

  it('says which field is wrong', () => {
    const r = office.rpc(OWNER, 'people.save', { ...newPerson, email: 'not-an-email', name: '', request_id: rid() });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      const fields = (r.error.details?.fields as { field: string }[]).map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'name']));
    }
  });

  it('keeps a lead to their groups and to employees', () => {
    const elsewhere = office.rpc(LEAD, 'people.save', { ...newPerson, group: 'support-l2', request_id: rid() });
    expect(elsewhere.ok).toBe(false);
    const promote = office.rpc(LEAD, 'people.save', { ...newPerson, role: 'admin', request_id: rid() });
    expect(promote.ok).toBe(false);
    const fine = office.rpc(LEAD, 'people.save', { ...newPerson, request_id: rid() });
    expect(fine.ok).toBe(true);
    const otherLead = office.ok(OTHER_LEAD, 'people.list', {});
    expect(otherLead.rows.some((p) => p.email === newPerson.email)).toBe(false);
  });

  it('refuses an email someone else already has', () => {
    const r = office.rpc(OWNER, 'people.save', { ...newPerson, email: 'anna.ivanova@example.com', request_id: rid() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('conflict');
  });
});

describe('deactivate and revoke', () => {
  it('deactivates (the row stays) and ends sessions; revoke bumps token_version once per request', () => {
    const james = office.ok(OWNER, 'people.list', {}).rows.find((p) => p.email === EMPLOYEE)!;
    const off = office.ok(OWNER, 'people.deactivate', { id: james.id, version: james.version, request_id: rid() });
    expect(off.record.active).toBe(false);
    expect(off.record.token_version).toBe(james.token_version + 1);
    const request_id = rid();
    const r1 = office.ok(OWNER, 'people.revoke', { id: james.id, request_id });
    const r2 = office.ok(OWNER, 'people.revoke', { id: james.id, request_id });
    expect(r1.record.token_version).toBe(james.token_version + 2);
    expect(r2.record.token_version).toBe(james.token_version + 2);
    expect(office.rows('Employees').filter((r) => r.email === EMPLOYEE)).toHaveLength(1);
  });
});

describe('people.import', () => {
  const pasted = [
    ['Name', 'Email', 'Group'],
    ['Пётр Сидоров', 'petr.sidorov@example.com', 'support-l1'],
    ['kate.lee@example.com', 'Kate Lee', 'billing'],
    ['Nobody', 'not an email', 'support-l1'],
    ['Anna Again', 'anna.ivanova@example.com', 'support-l1'],
    ['Ghost', 'ghost@example.com', 'no-such-group'],
  ];

  it('previews per row without writing, then adds the valid rows once', () => {
    const before = office.rows('Employees').length;
    const preview = office.ok(OWNER, 'people.import', { rows: pasted, commit: false, request_id: rid() });
    expect(preview).toMatchObject({ valid: 2, invalid: 3, added: 0 });
    expect(preview.rows.find((r) => r.row === 3)).toMatchObject({ name: 'Kate Lee', email: 'kate.lee@example.com', errors: [] });
    expect(preview.rows.find((r) => r.row === 4)!.errors[0].field).toBe('email');
    expect(preview.rows.find((r) => r.row === 6)!.errors[0].field).toBe('group');
    expect(office.rows('Employees').length).toBe(before);
    const request_id = rid();
    const commit = office.ok(OWNER, 'people.import', { rows: pasted, commit: true, request_id });
    expect(commit.added).toBe(2);
    const again = office.ok(OWNER, 'people.import', { rows: pasted, commit: true, request_id });
    expect(again.added).toBe(0);
    expect(office.rows('Employees').length).toBe(before + 2);
    expect(office.rows('Audit').filter((r) => r.request_id === request_id)).toHaveLength(1);
  });
});

describe('cut after any service call and retried', () => {
  it('people.save adds the person and its Audit row exactly once', () => {
    const request_id = rid();
    const cuts = cutEverywhere('people.save', { ...newPerson, request_id }, (o) => {
      expect(o.rows('Employees').filter((r) => r.email === newPerson.email)).toHaveLength(1);
      expect(o.rows('Audit').filter((r) => r.request_id === request_id)).toHaveLength(1);
    });
    expect(cuts).toBeGreaterThan(5);
  });

  it('people.revoke ends the sessions once (token_version + 1) with one Audit row', () => {
    const request_id = rid();
    const cuts = cutEverywhere('people.revoke', { id: 'e004', request_id }, (o) => {
      expect(o.rows('Employees').find((r) => r.id === 'e004')?.token_version).toBe(1);
      expect(o.rows('Audit').filter((r) => r.request_id === request_id)).toHaveLength(1);
    });
    expect(cuts).toBeGreaterThan(5);
  });

  it('people.import adds each valid row once', () => {
    const request_id = rid();
    const rows = [['Пётр Сидоров', 'petr.sidorov@example.com', 'support-l1'], ['Kate Lee', 'kate.lee@example.com', 'billing']];
    const cuts = cutEverywhere('people.import', { rows, commit: true, request_id }, (o) => {
      const emails = o.rows('Employees').map((r) => r.email);
      expect(emails.filter((e) => e === 'petr.sidorov@example.com')).toHaveLength(1);
      expect(emails.filter((e) => e === 'kate.lee@example.com')).toHaveLength(1);
      expect(o.rows('Audit').filter((r) => r.request_id === request_id)).toHaveLength(1);
    });
    expect(cuts).toBeGreaterThan(5);
  });

  it('groups.save adds the group once', () => {
    const request_id = rid();
    const cuts = cutEverywhere('groups.save', { name: 'night-shift', lead_emails: [LEAD], telegram_chat_id: '', max_concurrent_breaks: 2, rule_set: 'support', request_id }, (o) => {
      expect(o.rows('Groups').filter((r) => r.name === 'night-shift')).toHaveLength(1);
      expect(o.rows('Audit').filter((r) => r.request_id === request_id)).toHaveLength(1);
    });
    expect(cuts).toBeGreaterThan(5);
  });
});

describe('cost', () => {
  it('people and groups ops stay within 6 sheet calls and never read Log', () => {
    expectWithinBudget('people.list', () => ({}));
    expectWithinBudget('people.save', () => ({ ...newPerson, request_id: rid() }));
    expectWithinBudget('people.revoke', () => ({ id: 'e004', request_id: rid() }));
    expectWithinBudget('people.import', () => ({ rows: [['Kate Lee', 'kate.lee@example.com', 'billing']], commit: true, request_id: rid() }));
    expectWithinBudget('groups.list', () => ({}));
    expectWithinBudget('groups.save', () => ({ name: 'night-shift', lead_emails: [], telegram_chat_id: '', max_concurrent_breaks: null, rule_set: '', request_id: rid() }));
  });
});
