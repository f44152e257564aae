// Break rules through adminRpc, as the Rules sidebar calls it: a whole rule set replaced in one write, the
// other sets untouched, field errors per rule, conflicts, the Audit row once, cut-safety and cost.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RuleRecord } from '../../common/admin-api.ts';
import { adminOffice, LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { cutEverywhere, expectWithinBudget } from './budget.ts';

let office: AdminOffice;
beforeEach(() => {
  office = adminOffice();
});

const r = (status: string, max_per_shift: number | null, max_minutes: number | null, grace: number, tolerance: number, gap: number | null = null): RuleRecord => ({
  status,
  max_per_shift,
  max_minutes,
  grace_minutes: grace,
  window_tolerance_minutes: tolerance,
  min_gap_minutes: gap,
});

/** The Rules tab as [rule_set, status, max_per_shift, max_minutes, grace, tolerance, gap] rows. */
const tab = (o: AdminOffice) => o.rows('Rules').map((x) => Object.values(x));

const BILLING_ROWS = [
  ['billing', 'work', '', '', 5, 5, ''],
  ['billing', 'break', 2, 15, 3, 20, 90],
  ['billing', 'lunch', 1, 45, 5, 30, ''],
];

describe('rules.list', () => {
  it('gives each rule set with its rules, the groups using it and a version, and the statuses for the form', () => {
    const list = office.ok(OWNER, 'rules.list', {});
    expect(list.rows.map((s) => s.rule_set)).toEqual(['billing', 'support']);
    const support = list.rows[1];
    expect(support.groups).toEqual(['support-l1', 'support-l2']);
    expect(support.rules).toEqual([r('work', null, null, 5, 5), r('break', 2, 15, 2, 15, 60), r('lunch', 1, 60, 5, 30)]);
    expect(support.version).toMatch(/^[0-9a-f]{8}$/);
    expect(list.statuses.map((s) => s.code)).toEqual(['work', 'break', 'lunch', 'meeting', 'training', 'offline']);
    expect(list.statuses[2]).toEqual({ code: 'lunch', label_ru: 'Обед', label_en: 'Lunch', kind: 'lunch' });
  });

  it('is open to a lead; rules.save is not', () => {
    expect(office.rpc(LEAD, 'rules.list', {}).ok).toBe(true);
    const save = office.rpc(LEAD, 'rules.save', { rule_set: 'support', rules: [], request_id: rid() });
    expect(save.ok).toBe(false);
    if (!save.ok) expect(save.error.code).toBe('forbidden');
  });
});

describe('rules.save', () => {
  it('replaces one set where it stood, keeps the other sets as they were, and audits it once', () => {
    const support = office.ok(OWNER, 'rules.list', {}).rows.find((s) => s.rule_set === 'support')!;
    const rules = [r('work', null, null, 5, 5), r('break', 3, 10, 1, 15, 60)];
    const request_id = rid();
    const saved = office.ok(OWNER, 'rules.save', { rule_set: 'support', rules, version: support.version, request_id });
    expect(saved.record).toMatchObject({ rule_set: 'support', rules, groups: ['support-l1', 'support-l2'] });
    expect(saved.record.version).not.toBe(support.version);
    // The set's rows go where its first row was; rows the tab no longer needs are left blank.
    expect(tab(office)).toEqual([['support', 'work', '', '', 5, 5, ''], ['support', 'break', 3, 10, 1, 15, 60], ...BILLING_ROWS]);
    const again = office.ok(OWNER, 'rules.save', { rule_set: 'support', rules, version: support.version, request_id });
    expect(again.record.version).toBe(saved.record.version);
    const audit = office.rows('Audit').filter((a) => a.request_id === request_id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: OWNER, action: 'rules.save', target: 'support' });
    expect(JSON.parse(String(audit[0].after))).toEqual(rules);
    // What a list reads back is what the save answered.
    expect(office.ok(OWNER, 'rules.list', {}).rows.find((s) => s.rule_set === 'support')).toEqual(saved.record);
  });

  it('adds a new set below the others and grows a set in place', () => {
    office.ok(OWNER, 'rules.save', { rule_set: 'night', rules: [r('break', 4, 10, 0, 0)], request_id: rid() });
    const billing = office.ok(OWNER, 'rules.list', {}).rows.find((s) => s.rule_set === 'billing')!;
    const more = [...billing.rules, r('meeting', 1, 30, 0, 0)];
    office.ok(OWNER, 'rules.save', { rule_set: 'billing', rules: more, version: billing.version, request_id: rid() });
    const rows = tab(office);
    expect(rows.map((x) => `${x[0]}/${x[1]}`)).toEqual(['support/work', 'billing/work', 'billing/break', 'billing/lunch', 'billing/meeting', 'support/break', 'support/lunch', 'night/break']);
  });

  it('marks each rule that is wrong: an unknown status, a status twice, a zero limit, a negative grace', () => {
    const bad = office.rpc(OWNER, 'rules.save', {
      rule_set: 'support',
      rules: [r('break', 2, 0, 2, 15), r('smoke', 1, 10, 0, 0), r('break', 1, 10, 0, 0)],
      request_id: rid(),
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('bad_request');
      expect((bad.error.details?.fields as { field: string }[]).map((f) => f.field)).toEqual(['rules[0].max_minutes', 'rules[1].status', 'rules[2].status']);
    }
    const negative = office.rpc(OWNER, 'rules.save', { rule_set: 'support', rules: [r('break', 2, 10, -1, 15)], request_id: rid() });
    expect(negative.ok).toBe(false);
    if (!negative.ok) expect((negative.error.details?.fields as { field: string }[])[0].field).toBe('rules[0].grace_minutes');
    expect(office.rows('Audit')).toHaveLength(0);
  });

  it('refuses a save from a stale read with the set as it is now, and a new set under a name in use', () => {
    const support = office.ok(OWNER, 'rules.list', {}).rows.find((s) => s.rule_set === 'support')!;
    office.ok(OWNER, 'rules.save', { rule_set: 'support', rules: [r('lunch', 1, 45, 5, 30)], version: support.version, request_id: rid() });
    const late = office.rpc(OWNER, 'rules.save', { rule_set: 'support', rules: support.rules.slice(0, 1), version: support.version, request_id: rid() });
    expect(late.ok).toBe(false);
    if (!late.ok) {
      expect(late.error.code).toBe('conflict');
      expect((late.error.details?.current as { rules: RuleRecord[] }).rules).toEqual([r('lunch', 1, 45, 5, 30)]);
    }
    const taken = office.rpc(OWNER, 'rules.save', { rule_set: 'billing', rules: [], request_id: rid() });
    expect(taken.ok).toBe(false);
    if (!taken.ok) expect(taken.error).toMatchObject({ code: 'conflict', details: { field: 'rule_set' } });
    expect(tab(office).filter((x) => x[0] === 'billing')).toEqual(BILLING_ROWS);
  });

  it('cut after any service call and retried, replaces the set once and audits it once', () => {
    const request_id = rid();
    const rules = [r('lunch', 1, 50, 5, 30), r('break', 3, 10, 1, 15, 45), r('meeting', 2, 60, 0, 0)];
    const cuts = cutEverywhere('rules.save', { rule_set: 'support', rules, request_id, version: supportVersion() }, (o) => {
      expect(tab(o)).toEqual([
        ['support', 'lunch', 1, 50, 5, 30, ''],
        ['support', 'break', 3, 10, 1, 15, 45],
        ['support', 'meeting', 2, 60, 0, 0, ''],
        ...BILLING_ROWS,
      ]);
      expect(o.rows('Audit').filter((a) => a.request_id === request_id)).toHaveLength(1);
    });
    expect(cuts).toBeGreaterThan(5);
  });
});

describe('cost', () => {
  it('rules.list and rules.save stay within 6 sheet calls and never read Log', () => {
    expectWithinBudget('rules.list', () => ({}));
    const request_id = rid();
    const version = supportVersion();
    expectWithinBudget('rules.save', () => ({ rule_set: 'support', rules: [r('break', 2, 20, 2, 15)], version, request_id }));
  });
});

/** The version of the demo's support set (every office starts from the same workbook). */
function supportVersion(): string {
  return adminOffice().ok(OWNER, 'rules.list', {}).rows.find((s) => s.rule_set === 'support')!.version;
}
