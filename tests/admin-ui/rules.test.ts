// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../appsscript/ui/features/Rules/rules-screen.ts';
import type { AdmRules } from '../../appsscript/ui/features/Rules/rules-screen.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { AdminReply } from '../../common/admin-api.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { FakeScriptRun, fail, flush, ok, rule, ruleSet } from './fake-script-run.ts';
import { choose, click, mountPage, type } from './interact.ts';

const STATUSES: AdminReply<'rules.list'>['statuses'] = [
  { code: 'work', label_ru: 'Работа', label_en: 'Working', kind: 'work' },
  { code: 'break', label_ru: 'Перерыв', label_en: 'Break', kind: 'break' },
  { code: 'lunch', label_ru: 'Обед', label_en: 'Lunch', kind: 'lunch' },
  { code: 'meeting', label_ru: 'Совещание', label_en: 'Meeting', kind: 'meeting' },
];

const SETS = [
  ruleSet({ rules: [rule({ status: 'work', max_per_shift: null, max_minutes: null, grace_minutes: 5, window_tolerance_minutes: 5, min_gap_minutes: null }), ...ruleSet().rules] }),
  ruleSet({ rule_set: 'night', rules: [rule({ max_per_shift: 3 })], groups: [], version: 'n1' }),
];

let fake: FakeScriptRun;
const open = () => mountPage<AdmRules>('adm-rules');
const previews = (el: HTMLElement) => $all(el, 'adm-rule-set-form li.rule .preview').map((p) => textOf(p));
const field = (i: number, key: string) => `adm-rule-set-form [id="rules[${i}].${key}"]`;

describe('Break rules', () => {
  beforeEach(() => {
    setLang('en');
    fake = new FakeScriptRun().on('rules.list', () => ok('rules.list', { rows: SETS, statuses: STATUSES })).install();
  });
  afterEach(() => clear());

  it('shows the first set: the groups using it and each rule in plain words', async () => {
    const el = await open();
    expect([...$<HTMLSelectElement>(el, '#rule-set-pick').options].map((o) => o.value)).toEqual(['support', 'night']);
    expect(textOf($(el, 'adm-rule-set-form .used'))).toBe('Used by: support-l1');
    expect(previews(el)).toEqual([
      'Working: 5 min grace for a late start or an early leave, 5 min tolerance at the shift\'s edges',
      'Break: twice, up to 15 min, 2 min grace, within 15 min of the plan',
      'Lunch: once, up to 60 min, 5 min grace, within 30 min of the plan',
    ]);
    // A work status's row holds only the shift's grace and tolerance.
    expect($all(el, 'adm-rule-set-form li.rule[data-status="work"] input').map((i) => i.id)).toEqual(['rules[0].grace_minutes', 'rules[0].window_tolerance_minutes']);
    setLang('ru');
    await flush();
    expect(previews(el)[2]).toBe('Обед: 1 раз, до 60 мин, допуск 5 мин, не дальше 30 мин от плана');
  });

  it('the preview follows the typing; blank is no limit', async () => {
    const el = await open();
    type(el, field(1, 'max_minutes'), '20');
    type(el, field(1, 'max_per_shift'), '');
    await flush();
    expect(previews(el)[1]).toBe('Break: up to 20 min, 2 min grace, within 15 min of the plan');
  });

  it('adds a rule for a status, removes one, and saves the whole set', async () => {
    fake.on('rules.save', (p) => ok('rules.save', { record: { ...SETS[0], rules: p.rules, version: 'r2' } }));
    const el = await open();
    expect([...$<HTMLSelectElement>(el, 'adm-rule-set-form #add-status').options].map((o) => o.value)).toEqual(['meeting']);
    await click(el, 'adm-rule-set-form button.add-rule');
    expect(previews(el)[3]).toBe('Meeting: no limit');
    type(el, field(3, 'max_per_shift'), '1');
    type(el, field(3, 'max_minutes'), '30');
    await click(el, 'adm-rule-set-form li.rule[data-status="lunch"] button.remove');
    expect($all(el, 'adm-rule-set-form li.rule').map((li) => li.dataset.status)).toEqual(['work', 'break', 'meeting']);
    await click(el, 'adm-rule-set-form button.save');
    const [sent] = fake.callsOf('rules.save');
    expect(sent).toMatchObject({ rule_set: 'support', version: 'r1' });
    expect(sent.rules).toEqual([
      { status: 'work', max_per_shift: null, max_minutes: null, grace_minutes: 5, window_tolerance_minutes: 5, min_gap_minutes: null },
      { status: 'break', max_per_shift: 2, max_minutes: 15, grace_minutes: 2, window_tolerance_minutes: 15, min_gap_minutes: 60 },
      { status: 'meeting', max_per_shift: 1, max_minutes: 30, grace_minutes: 0, window_tolerance_minutes: 0, min_gap_minutes: null },
    ]);
    expect(textOf($(el, 'adm-toast'))).toContain('Rule set support saved.');
    expect(previews(el)[2]).toBe('Meeting: once, up to 30 min');
  });

  it('shows a server problem like rules[2].max_minutes at that very field', async () => {
    fake.on('rules.save', () =>
      fail('bad_request', 'Invalid rules / Неверные правила', { fields: [{ field: 'rules[2].max_minutes', message: 'at least 1; leave it blank for no limit / не меньше 1; пусто — без ограничения' }] }),
    );
    setLang('ru');
    const el = await open();
    type(el, field(2, 'max_minutes'), '0');
    await click(el, 'adm-rule-set-form button.save');
    expect(textOf($(el, 'adm-rule-set-form [data-field="rules[2].max_minutes"] .field-error'))).toBe('⚠ Не меньше 1; пусто — без ограничения');
    expect($(el, field(2, 'max_minutes')).getAttribute('aria-invalid')).toBe('true');
    expect($all(el, 'adm-rule-set-form .field-error')).toHaveLength(1);
    expect($(el, 'adm-rule-set-form li.rule[data-status="lunch"]').classList.contains('bad')).toBe(true);
  });

  it('a number that is not a whole one, or too large, is refused at its field without a call', async () => {
    const el = await open();
    type(el, field(1, 'grace_minutes'), '2.5');
    type(el, field(2, 'min_gap_minutes'), 'x');
    await click(el, 'adm-rule-set-form button.save');
    expect(textOf($(el, 'adm-rule-set-form [data-field="rules[1].grace_minutes"] .field-error'))).toBe('⚠ A whole number');
    expect(textOf($(el, 'adm-rule-set-form [data-field="rules[2].min_gap_minutes"] .field-error'))).toBe('⚠ A whole number');
    type(el, field(1, 'grace_minutes'), '300');
    type(el, field(2, 'min_gap_minutes'), '');
    await click(el, 'adm-rule-set-form button.save');
    expect(textOf($(el, 'adm-rule-set-form [data-field="rules[1].grace_minutes"] .field-error'))).toBe('⚠ At most 240');
    expect(fake.callsOf('rules.save')).toEqual([]);
  });

  it('a conflict shows the set as it is now, rule by rule, and loads it', async () => {
    const now = ruleSet({ rules: [rule({ max_minutes: 20 })], version: 'r2' });
    fake.on('rules.save', () => fail('conflict', 'Someone changed this rule set / Кто-то изменил набор правил', { field: 'rule_set', current: now }));
    const el = await open();
    type(el, field(1, 'max_per_shift'), '3');
    await click(el, 'adm-rule-set-form button.save');
    const items = $all(el, 'adm-rule-set-form adm-conflict .item').map((i) => textOf(i));
    expect(items).toEqual([
      'Break Now: twice, up to 20 min, 2 min grace, within 15 min of the plan Yours: 3 times, up to 15 min, 2 min grace, within 15 min of the plan',
      'Working Now: — Yours: 5 min grace for a late start or an early leave, 5 min tolerance at the shift\'s edges',
      'Lunch Now: — Yours: once, up to 60 min, 5 min grace, within 30 min of the plan',
    ]);
    await click(el, 'adm-rule-set-form adm-conflict button.reload');
    expect($all(el, 'adm-rule-set-form adm-conflict')).toEqual([]);
    expect($all(el, 'adm-rule-set-form li.rule').map((li) => li.dataset.status)).toEqual(['break']);
    expect($<HTMLInputElement>(el, field(0, 'max_minutes')).value).toBe('20');
    await click(el, 'adm-rule-set-form button.save');
    expect(fake.callsOf('rules.save')[1].version).toBe('r2');
  });

  it('makes a new set: named, with at least one rule; a name in use is a problem of the name', async () => {
    let answer: (p: any) => unknown = () => fail('conflict', 'There is already a rule set night / Набор правил night уже есть', { field: 'rule_set', current: SETS[1] });
    fake.on('rules.save', (p) => answer(p));
    const el = await open();
    await click(el, 'button.new-set');
    type(el, 'adm-rule-set-form #rule_set', 'night');
    await click(el, 'adm-rule-set-form button.save');
    expect(textOf($(el, 'adm-rule-set-form .form-errors'))).toBe('Add at least one rule: a set is made by its rules.');
    expect(fake.callsOf('rules.save')).toEqual([]);

    choose(el, 'adm-rule-set-form #add-status', 'lunch');
    await click(el, 'adm-rule-set-form button.add-rule');
    type(el, field(0, 'max_per_shift'), '1');
    await click(el, 'adm-rule-set-form button.save');
    expect(fake.callsOf('rules.save')[0]).not.toHaveProperty('version');
    expect($all(el, 'adm-rule-set-form adm-conflict')).toEqual([]);
    expect(textOf($(el, 'adm-rule-set-form [data-field="rule_set"] .field-error'))).toBe('⚠ There is already a rule set night');

    answer = (p) => ok('rules.save', { record: { rule_set: p.rule_set, rules: p.rules, groups: [], version: 'x1' } });
    type(el, 'adm-rule-set-form #rule_set', 'evening');
    await click(el, 'adm-rule-set-form button.save');
    expect($<HTMLSelectElement>(el, '#rule-set-pick').value).toBe('evening');
    expect(textOf($(el, 'adm-rule-set-form .used'))).toBe('No group uses this set yet (choose it in Groups).');
  });

  it('asks before leaving a set with unsaved changes, and before saving one with no rules', async () => {
    fake.on('rules.save', (p) => ok('rules.save', { record: { ...SETS[1], rules: p.rules, version: 'n2' } }));
    const el = await open();
    type(el, field(1, 'max_per_shift'), '4');
    choose(el, '#rule-set-pick', 'night');
    await flush();
    expect(textOf($(el, 'adm-confirm'))).toContain('Your changes to support are not saved. Discard them?');
    expect($<HTMLSelectElement>(el, '#rule-set-pick').value).toBe('support');
    await click(el, 'adm-confirm button.cancel');
    expect($<HTMLInputElement>(el, field(1, 'max_per_shift')).value).toBe('4');

    choose(el, '#rule-set-pick', 'night');
    await flush();
    await click(el, 'adm-confirm button.confirm');
    expect(previews(el)).toEqual(['Break: 3 times, up to 15 min, 2 min grace, within 15 min of the plan']);

    await click(el, 'adm-rule-set-form button.remove');
    await click(el, 'adm-rule-set-form button.save');
    expect(fake.callsOf('rules.save')).toEqual([]);
    expect(textOf($(el, 'adm-rule-set-form adm-confirm'))).toContain('Save night with no rules?');
    await click(el, 'adm-rule-set-form adm-confirm button.confirm');
    expect(fake.callsOf('rules.save')[0]).toMatchObject({ rule_set: 'night', rules: [], version: 'n1' });
  });

  it('no rule set yet: says so and offers a new one', async () => {
    fake.on('rules.list', () => ok('rules.list', { rows: [], statuses: STATUSES }));
    const el = await open();
    expect(textOf($(el, '.state.empty p'))).toBe('No rule sets yet. Make the first one.');
    await click(el, '.state.empty button.new-set');
    expect(textOf($(el, 'adm-rule-set-form h2'))).toBe('New rule set');
  });

  it('a list that cannot be read says why and tries again', async () => {
    let answer: () => unknown = () => fail('not_found', 'There is no Rules tab / Нет вкладки Rules');
    fake.on('rules.list', () => answer());
    const el = await open();
    expect(textOf($(el, '.state.failed p'))).toBe('There is no Rules tab');
    answer = () => ok('rules.list', { rows: SETS, statuses: STATUSES });
    await click(el, '.state.failed button.retry');
    expect(previews(el)).toHaveLength(3);
  });
});
