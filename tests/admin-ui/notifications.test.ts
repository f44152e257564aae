// @vitest-environment happy-dom
// The Notifications sidebar against a fake google.script.run: the rules said in plain words (both
// languages, a rule turned off, a note, rows of the tab that cannot be used); a rule edited and one added,
// with the notify.rules.save payload each sends (the whole rule, its version when editing, a request id);
// problems found before any call and the server's at their fields; a conflict shown beside the form and
// loaded; a taken id at the id field; a system event only for admins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../appsscript/ui/features/Notifications/notifications-screen.ts';
import type { AdmNotifications } from '../../appsscript/ui/features/Notifications/notifications-screen.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { NotifyRuleView } from '../../common/admin-api.ts';
import type { NotifyRuleRecord } from '../../common/notify-rules.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { FakeScriptRun, fail, flush, ok } from './fake-script-run.ts';
import { choose, click, mountPage, type } from './interact.ts';

const NONE = { minutes: null, quiet_from: '', quiet_to: '', once_per_minutes: null, note: '' };
/** The first four defaults (common/notify-rules.ts), written out: the test is of the screen, not of them. */
const FIRST: NotifyRuleRecord[] = [
  { ...NONE, id: 'violations-lead-chat', enabled: true, when: 'violation', who: 'lead_chat', how: 'telegram' },
  { ...NONE, id: 'break-ending', enabled: true, when: 'break_ending', minutes: 2, who: 'employee', how: 'telegram' },
  { ...NONE, id: 'break-over', enabled: true, when: 'break_over', minutes: 5, who: 'employee', how: 'telegram' },
  { ...NONE, id: 'trigger-failure', enabled: true, when: 'trigger_failure', who: 'admins', how: 'telegram', once_per_minutes: 60 },
];
const RULES: NotifyRuleView[] = [
  ...FIRST.map((r, i) => ({ ...r, version: `n${i + 1}` })),
  {
    id: 'overrun-admins-mail',
    enabled: true,
    when: 'violation:break_overrun',
    minutes: null,
    who: 'admins',
    how: 'email',
    quiet_from: '22:00',
    quiet_to: '08:00',
    once_per_minutes: 60,
    note: 'Ops wants a copy',
    version: 'n5',
  },
  { id: 'late-off', enabled: false, when: 'not_signed_in', minutes: 10, who: 'employee', how: 'telegram', quiet_from: '', quiet_to: '', once_per_minutes: null, note: '', version: 'n6' },
];

let fake: FakeScriptRun;
const open = () => mountPage<AdmNotifications>('adm-notifications');
const rows = (el: HTMLElement) => $all(el, 'adm-data-table tbody tr').map((tr) => textOf(tr));
const form = 'adm-notify-rule-form';
const fieldError = (el: HTMLElement, field: string) => textOf($(el, `${form} [data-field="${field}"] .field-error`));
/** The ids in the form are the payload's paths (`rule.who`): a dot needs escaping in a selector. */
const id = (path: string) => `${form} #${path.replace('.', '\\.')}`;
const saves = () => fake.callsOf('notify.rules.save');

beforeEach(() => {
  setLang('en');
  fake = new FakeScriptRun().on('notify.rules.list', () => ok('notify.rules.list', { rows: RULES, issues: [] })).install();
});
afterEach(() => clear());

describe('Notifications: the list', () => {
  it('says every rule in plain words, in the tab\'s order, with its note; a rule turned off says so', async () => {
    const el = await open();
    expect(fake.callsOf('notify.rules.list')).toEqual([{}]);
    expect(rows(el)).toEqual([
      "Any violation → the group's leads by Telegram on",
      'A break ends in 2 min → the employee by Telegram on',
      'A break is over by 5 min → the employee by Telegram on',
      'A trigger fails → admins by Telegram; at most once per 60 min on',
      'A break overrun → admins by e-mail; quiet 22:00–08:00; at most once per 60 min Ops wants a copy on',
      "Not signed in 10 min after the shift's start → the employee by Telegram; off off",
    ]);
    // The event is what an admin scans for: it is the bold part.
    expect(textOf($(el, 'adm-data-table tr[data-key="break-over"] b'))).toBe('A break is over by 5 min');
    expect($(el, 'adm-data-table tr[data-key="late-off"] .cell-title').classList.contains('cell-muted')).toBe(true);

    setLang('ru');
    await flush();
    expect(rows(el)[0]).toBe('Любое нарушение → руководителям группы в Telegram вкл.');
    expect(rows(el)[4]).toBe('Нарушение: превышение перерыва → администраторам по почте; тишина 22:00–08:00; не чаще раза в 60 мин Ops wants a copy вкл.');
    expect(rows(el)[5]).toBe('Не вошёл через 10 мин после начала смены → сотруднику в Telegram; выключено выкл.');
  });

  it('lists the rows of the tab that cannot be used, which alert nobody', async () => {
    fake.on('notify.rules.list', () => ok('notify.rules.list', { rows: RULES.slice(0, 1), issues: [{ row: 7, column: 'who', message: 'one of employee, lead_chat, admins' }] }));
    const el = await open();
    expect(textOf($(el, 'ul.form-errors'))).toBe('Notify row 7, who: one of employee, lead_chat, admins');
    expect(rows(el)).toHaveLength(1);
  });
});

describe('Notifications: a rule\'s form', () => {
  it('edits a rule: the sentence follows the choices; Save sends the whole rule with its version and a request id', async () => {
    fake.on('notify.rules.save', (p) => ok('notify.rules.save', { record: { ...p.rule, version: 'n9' }, created: false }));
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="violations-lead-chat"]');
    expect(textOf($(el, `${form} h2`))).toBe('violations-lead-chat');
    // The id is the key: typed once, when the rule is added.
    expect($all(el, id('rule.id'))).toEqual([]);
    expect($<HTMLSelectElement>(el, id('rule.when')).value).toBe('violation');

    choose(el, id('rule.who'), 'admins');
    choose(el, id('rule.how'), 'email');
    type(el, id('rule.quiet_from'), '22:00');
    type(el, id('rule.quiet_to'), '07:30');
    type(el, id('rule.once_per_minutes'), '30');
    type(el, id('rule.note'), '  Night shift leads asked for it ');
    await flush();
    expect(textOf($(el, `${form} .preview`))).toBe('Any violation → admins by e-mail; quiet 22:00–07:30; at most once per 30 min');

    await click(el, `${form} button.save`);
    expect(saves()).toHaveLength(1);
    const [sent] = saves();
    expect(sent).toEqual({
      rule: {
        id: 'violations-lead-chat',
        enabled: true,
        when: 'violation',
        minutes: null,
        who: 'admins',
        how: 'email',
        quiet_from: '22:00',
        quiet_to: '07:30',
        once_per_minutes: 30,
        note: 'Night shift leads asked for it',
      },
      version: 'n1',
      request_id: expect.stringMatching(/^[\w-]{8,64}$/),
    });
    // The form closed on the list, the row says the rule as saved.
    expect($all(el, form)).toEqual([]);
    expect(rows(el)[0]).toBe('Any violation → admins by e-mail; quiet 22:00–07:30; at most once per 30 min Night shift leads asked for it on');
    expect(textOf($(el, 'adm-toast'))).toContain('Rule violations-lead-chat saved.');
  });

  it('turns a rule off with its box: the same rule, enabled false', async () => {
    fake.on('notify.rules.save', (p) => ok('notify.rules.save', { record: { ...p.rule, version: 'n9' }, created: false }));
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="break-ending"]');
    $<HTMLInputElement>(el, id('rule.enabled')).click();
    await click(el, `${form} button.save`);
    expect(saves()[0]).toEqual({ rule: { ...FIRST[1], enabled: false }, version: 'n2', request_id: expect.any(String) });
    expect(rows(el)[1]).toBe('A break ends in 2 min → the employee by Telegram; off off');
  });

  it('adds a rule: its id typed, N asked only for an event that has one, no version sent', async () => {
    fake.on('notify.rules.save', (p) => ok('notify.rules.save', { record: { ...p.rule, version: 'n7' }, created: true }));
    const el = await open();
    await click(el, 'button.add');
    expect(textOf($(el, `${form} h2`))).toBe('New rule');
    expect($all(el, id('rule.minutes'))).toEqual([]);
    type(el, id('rule.id'), 'long-break-admins');
    choose(el, id('rule.when'), 'break_over');
    await flush();
    expect(textOf($(el, `${form} [data-field="rule.minutes"] label`))).toBe('N, minutes *');
    type(el, id('rule.minutes'), '10');
    choose(el, id('rule.who'), 'admins');
    await click(el, `${form} button.save`);
    const [sent] = saves();
    expect(sent.rule).toMatchObject({ id: 'long-break-admins', when: 'break_over', minutes: 10, who: 'admins', how: 'telegram', once_per_minutes: null });
    expect(sent).not.toHaveProperty('version');
    expect(rows(el).at(-1)).toBe('A break is over by 10 min → admins by Telegram on');
    expect(textOf($(el, 'adm-toast'))).toContain('Rule long-break-admins added.');
  });

  it('offers "When" as the events, then each violation type by a short name', async () => {
    setLang('ru');
    const el = await open();
    await click(el, 'button.add');
    const options = $all<HTMLOptionElement>(el, `${id('rule.when')} option`);
    expect(options.slice(0, 3).map((o) => [o.value, textOf(o)])).toEqual([
      ['violation', 'Любое нарушение'],
      ['break_ending', 'До конца перерыва N мин'],
      ['break_over', 'Перерыв затянулся на N мин'],
    ]);
    expect($(el, `${id('rule.when')} optgroup`).getAttribute('label')).toBe('Нарушение одного типа');
    expect($all<HTMLOptionElement>(el, `${id('rule.when')} optgroup option`).map((o) => o.value)).toContain('violation:break_overrun');
    choose(el, id('rule.when'), 'violation:break_overrun');
    await flush();
    expect(textOf($(el, `${form} .preview`))).toBe('Нарушение: превышение перерыва → руководителям группы в Telegram');
  });

  it('a system event can only be told to admins: the choice follows the event', async () => {
    const el = await open();
    await click(el, 'button.add');
    expect($<HTMLSelectElement>(el, id('rule.who')).value).toBe('lead_chat');
    choose(el, id('rule.when'), 'trigger_failure');
    await flush();
    expect($<HTMLSelectElement>(el, id('rule.who')).value).toBe('admins');
    expect($all<HTMLOptionElement>(el, `${id('rule.who')} option`).map((o) => o.value)).toEqual(['admins']);
  });

  it('a number that is not whole and a time that is not HH:mm are shown at their fields before any call', async () => {
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="break-over"]');
    type(el, id('rule.minutes'), '5.5');
    await click(el, `${form} button.save`);
    expect(fieldError(el, 'rule.minutes')).toBe('⚠ A whole number');
    expect($(el, id('rule.minutes')).getAttribute('aria-invalid')).toBe('true');

    type(el, id('rule.minutes'), '5');
    type(el, id('rule.quiet_from'), '25:00');
    type(el, id('rule.quiet_to'), '08:00');
    await click(el, `${form} button.save`);
    expect(fieldError(el, 'rule.quiet_from')).toBe('⚠ A time as HH:mm');
    expect($all(el, `${form} [data-field="rule.minutes"] .field-error`)).toEqual([]);
    expect(saves()).toEqual([]);
  });

  it('the server\'s problem is shown at its field, in the page\'s language', async () => {
    setLang('ru');
    fake.on('notify.rules.save', () =>
      fail('bad_request', 'Invalid rule: rule.who: only admins can be told about the system / Неверное правило', {
        fields: [{ field: 'rule.who', message: 'only admins can be told about the system / о работе системы можно сообщать только администраторам' }],
      }),
    );
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="break-ending"]');
    await click(el, `${form} button.save`);
    expect(fieldError(el, 'rule.who')).toBe('⚠ О работе системы можно сообщать только администраторам');
    expect($(el, id('rule.who')).getAttribute('aria-invalid')).toBe('true');
    expect($all(el, `${form} .form-errors`)).toEqual([]);
    // Changing the field takes its problem away.
    choose(el, id('rule.who'), 'admins');
    await flush();
    expect($all(el, `${form} [data-field="rule.who"] .field-error`)).toEqual([]);
  });

  it('a conflict shows the rule as it is now beside the admin\'s; loaded, the next save sends its version', async () => {
    const now: NotifyRuleView = { ...RULES[0], quiet_from: '23:00', quiet_to: '07:00', version: 'n1b' };
    fake.on('notify.rules.save', (p) =>
      p.version === 'n1' ? fail('conflict', 'Someone changed this rule since you opened it; here is what it is now / Кто-то изменил это правило', { field: 'id', current: now }) : ok('notify.rules.save', { record: { ...p.rule, version: 'n1c' }, created: false }),
    );
    const el = await open();
    await click(el, 'adm-data-table tr[data-key="violations-lead-chat"]');
    choose(el, id('rule.how'), 'email');
    await click(el, `${form} button.save`);
    expect(textOf($(el, `${form} adm-conflict .item`))).toBe(
      "Rule Now: Any violation → the group's leads by Telegram; quiet 23:00–07:00 Yours: Any violation → the group's leads by e-mail",
    );
    await click(el, `${form} adm-conflict button.reload`);
    expect($all(el, `${form} adm-conflict`)).toEqual([]);
    expect($<HTMLInputElement>(el, id('rule.quiet_from')).value).toBe('23:00');
    expect($<HTMLSelectElement>(el, id('rule.how')).value).toBe('telegram');

    choose(el, id('rule.how'), 'email');
    await click(el, `${form} button.save`);
    expect(saves()[1]).toMatchObject({ rule: { how: 'email', quiet_from: '23:00', quiet_to: '07:00' }, version: 'n1b' });
    // A new save after the conflict: a new request id.
    expect(saves()[1].request_id).not.toBe(saves()[0].request_id);
    expect(textOf($(el, 'adm-toast'))).toContain('Rule violations-lead-chat saved.');
  });

  it('an id already taken, when adding, is a problem of the id field', async () => {
    fake.on('notify.rules.save', (p) => fail('conflict', `There is already a rule ${p.rule.id} / Правило ${p.rule.id} уже есть`, { field: 'id', current: RULES[1] }));
    const el = await open();
    await click(el, 'button.add');
    type(el, id('rule.id'), 'break-ending');
    await click(el, `${form} button.save`);
    expect($all(el, `${form} adm-conflict`)).toEqual([]);
    expect(fieldError(el, 'rule.id')).toBe('⚠ There is already a rule break-ending');
    expect($all(el, `${form} .form-errors`)).toEqual([]);
  });
});
