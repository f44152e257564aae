// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../appsscript/ui/features/Doctor/doctor-screen.ts';
import type { AdmDoctor } from '../../appsscript/ui/features/Doctor/doctor-screen.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { DoctorCheck } from '../../common/admin-api.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { FakeScriptRun, fail, flush, ok } from './fake-script-run.ts';
import { click, mountPage, type } from './interact.ts';

const tx = (en: string, ru: string) => ({ en, ru });

const CHECKS: DoctorCheck[] = [
  { id: 'schema', state: 'ok', title: tx('Tabs and their versions', 'Вкладки и их версии'), detail: tx('All 12 tabs are at their versions', 'Все 12 вкладок в актуальной версии') },
  {
    id: 'triggers',
    state: 'fail',
    title: tx('Triggers', 'Триггеры'),
    detail: tx('checkBreaks: not installed; archive: installed 2 times', 'checkBreaks: не установлен; archive: установлен 2 раза'),
    fix: { action: 'installTriggersFromMenu', ...tx('Menu: Install triggers', 'Меню: Установить триггеры') },
  },
  {
    id: 'trigger_run.checkBreaks',
    state: 'warn',
    title: tx('Last run of checkBreaks', 'Последний запуск checkBreaks'),
    detail: tx('It has never run: it is not installed', 'Ни разу не запускался: он не установлен'),
    fix: { action: 'installTriggersFromMenu', ...tx('Menu: Install triggers', 'Меню: Установить триггеры') },
  },
  { id: 'mail_quota', state: 'warn', title: tx('Email quota today', 'Лимит писем на сегодня'), detail: tx('12 emails left', 'Осталось писем: 12') },
  {
    id: 'rows.Employees',
    state: 'warn',
    title: tx('Rows of Employees with problems: 1', 'Строки Employees с ошибками: 1'),
    detail: tx('row 7, email: not an email', 'строка 7, email: не адрес почты'),
    fix: { screen: 'People', ...tx('Open People', 'Откройте «Сотрудники»') },
  },
  {
    id: 'web_app',
    state: 'ok',
    title: tx('Web app', 'Веб-приложение'),
    detail: tx('https://script.google.com/macros/s/x/exec', 'https://script.google.com/macros/s/x/exec'),
  },
  {
    id: 'schema.newer',
    state: 'fail',
    title: tx('Script version', 'Версия скрипта'),
    detail: tx('Log: v5 is newer than this script', 'Log: v5 новее этого скрипта'),
    fix: tx('Deploy the latest version of the script', 'Разверните последнюю версию скрипта'),
  },
];

let fake: FakeScriptRun;
const open = () => mountPage<AdmDoctor>('adm-doctor');
const listed = (el: HTMLElement) => $all(el, 'ol.all li.check').map((li) => li.dataset.id);

describe('Doctor', () => {
  beforeEach(() => {
    setLang('en');
    fake = new FakeScriptRun().on('doctor.run', () => ok('doctor.run', { checks: CHECKS, at: Date.UTC(2025, 4, 12, 9, 30) })).install();
  });
  afterEach(() => clear());

  it('runs on open and shows problems first, each with its detail line by line', async () => {
    const el = await open();
    expect(fake.callsOf('doctor.run')).toEqual([{}]);
    expect(textOf($(el, '.summary'))).toBe('2 problems, 3 warnings.');
    expect(listed(el)).toEqual(['triggers', 'schema.newer', 'trigger_run.checkBreaks', 'mail_quota', 'rows.Employees', 'schema', 'web_app']);
    const triggers = $(el, 'li.check[data-id="triggers"]');
    expect(textOf($(triggers, '.badge'))).toBe('Problem');
    expect($all(triggers, 'ul.detail li').map((li) => textOf(li))).toEqual(['checkBreaks: not installed', 'archive: installed 2 times']);
    // A fix that is neither a screen nor a menu item is said in words.
    expect(textOf($(el, 'li.check[data-id="schema.newer"] .fix'))).toBe('Fix: Deploy the latest version of the script');
    setLang('ru');
    await flush();
    expect(textOf($(el, '.summary'))).toBe('Ошибки: 2, предупреждения: 3.');
    expect(textOf($(el, 'li.check[data-id="mail_quota"] .badge'))).toBe('Внимание');
  });

  it('a fix on a screen opens it through google.script.run.show<Page>()', async () => {
    fake.onFunction('showPeople');
    const el = await open();
    const button = $(el, 'li.check[data-id="rows.Employees"] button.open-screen');
    expect(textOf(button)).toBe('Open People');
    await click(el, 'li.check[data-id="rows.Employees"] button.open-screen');
    expect(fake.calls.filter((c) => c.op === 'showPeople')).toHaveLength(1);
    setLang('ru');
    await flush();
    expect(textOf($(el, 'li.check[data-id="rows.Employees"] button.open-screen'))).toBe('Открыть «Сотрудники»');
  });

  it('a fix from the menu runs it, then checks again; one button serves the checks it fixes', async () => {
    fake.onFunction('installTriggersFromMenu');
    const el = await open();
    expect(textOf($(el, 'li.check[data-id="triggers"] button.run-action'))).toBe('Install triggers');
    expect($all(el, 'li.check[data-id="trigger_run.checkBreaks"] button')).toEqual([]);
    expect(textOf($(el, 'li.check[data-id="trigger_run.checkBreaks"] .fix'))).toBe('Install triggers: the button above');
    await click(el, 'li.check[data-id="triggers"] button.run-action');
    expect(fake.calls.map((c) => c.op)).toEqual(['doctor.run', 'installTriggersFromMenu', 'doctor.run']);
    expect(textOf($(el, 'adm-toast'))).toContain('Done; checking again.');
  });

  it('a menu action that fails says why at its check', async () => {
    fake.onFunction('installTriggersFromMenu', () => {
      throw new Error('forbidden: Only an admin may do this / Только администратор может это сделать');
    });
    const el = await open();
    await click(el, 'li.check[data-id="triggers"] button.run-action');
    expect(textOf($(el, 'li.check[data-id="triggers"] .fix-error'))).toBe('Only an admin may do this');
    expect(fake.callsOf('doctor.run')).toHaveLength(1);
  });

  it('"Run again" checks again without a test message; the test chat sends one and shows its result', async () => {
    const el = await open();
    await click(el, 'button.run-again');
    expect(fake.callsOf('doctor.run')).toEqual([{}, {}]);
    fake.on('doctor.run', (p) =>
      ok('doctor.run', {
        checks: [...CHECKS, { id: 'bot_test', state: 'fail', title: tx(`Test message to chat ${p.test_chat_id}`, ''), detail: tx('Not delivered: bot unreachable', ''), fix: { screen: 'Settings', ...tx('Open Settings', '') } }],
        at: Date.now(),
      }),
    );
    type(el, '#test_chat_id', ' -100123 ');
    await click(el, 'button.send-test');
    expect(fake.callsOf('doctor.run')[2]).toEqual({ test_chat_id: '-100123' });
    const result = $(el, 'ol.test-result li.check');
    expect(textOf(result)).toContain('Test message to chat -100123');
    expect(textOf(result)).toContain('Not delivered: bot unreachable');
    expect(textOf($(result, 'button.open-screen'))).toBe('Open Settings');
    expect(listed(el)).not.toContain('bot_test');
  });

  it('a test chat that is not an id is refused at its field', async () => {
    const el = await open();
    await click(el, 'button.send-test');
    expect(textOf($(el, '[data-field="test_chat_id"] .field-error'))).toBe('⚠ Required');
    type(el, '#test_chat_id', 'my chat');
    await click(el, 'button.send-test');
    expect(textOf($(el, '[data-field="test_chat_id"] .field-error'))).toBe('⚠ A Telegram chat id (digits, may start with -)');
    expect(fake.callsOf('doctor.run')).toHaveLength(1);
    expect(listed(el)).toHaveLength(7);
  });

  it('loading, then a failure that can be tried again; everything right says so', async () => {
    let answer: () => unknown = () => fail('not_found', 'There is no Settings tab / Нет вкладки Settings');
    fake.on('doctor.run', () => answer());
    const el = document.createElement('adm-doctor');
    document.body.append(el);
    await el.updateComplete;
    expect(textOf($(el, '.state.loading'))).toBe('Checking…');
    await flush();
    expect(textOf($(el, '.state.failed p'))).toBe('There is no Settings tab');
    answer = () => ok('doctor.run', { checks: CHECKS.filter((c) => c.state === 'ok'), at: Date.now() });
    await click(el, '.state.failed button.retry');
    expect(textOf($(el, '.summary'))).toBe('Everything is right.');
    expect($all(el, '.state.failed')).toEqual([]);
  });
});
