// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../client/src/components/app.ts';
import type { WttApp } from '../../client/src/components/app.ts';
import { setLang } from '../../client/src/i18n/locale.ts';
import { FakeModel, session, syncState } from './fake-model.ts';
import { $, $all, clear, deepActiveElement, mount, settle, textOf } from './ui-helpers.ts';

async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle();
}

async function submit(app: Element): Promise<void> {
  $<HTMLButtonElement>(app, 'wtt-login-form button[type="submit"]').click();
  await settle();
  await new Promise((r) => setTimeout(r, 0));
  await settle();
}

describe('sign-in', () => {
  beforeEach(() => setLang('en'));
  afterEach(() => clear());

  it('starts with a labelled email field that has the focus', async () => {
    const app = await mount<WttApp>('wtt-app', { model: new FakeModel() });
    const input = $<HTMLInputElement>(app, 'wtt-login-form input#email');
    const label = $(app, 'wtt-login-form label[for="email"]');
    expect(textOf(label)).toBe('Work email');
    expect(input.getAttribute('autocomplete')).toBe('email');
    expect(input.getAttribute('aria-describedby')).toContain('login-error');
    expect(deepActiveElement()).toBe(input);
    expect($all(app, 'wtt-status-buttons')).toEqual([]);
  });

  it('refuses a malformed email without asking the server, and says why', async () => {
    const model = new FakeModel();
    const app = await mount<WttApp>('wtt-app', { model });
    await type($(app, 'wtt-login-form input#email'), 'anna');
    await submit(app);
    expect(model.calls).toEqual([]);
    expect(textOf($(app, 'wtt-login-form #login-error'))).toContain('Enter an email address');
    expect($(app, 'wtt-login-form #login-error').getAttribute('role')).toBe('alert');
    expect($(app, 'wtt-login-form input#email').getAttribute('aria-invalid')).toBe('true');
  });

  it('email, then code: the model is called with both, the focus follows, and the day appears', async () => {
    const model = new FakeModel();
    const app = await mount<WttApp>('wtt-app', { model });
    await type($(app, 'wtt-login-form input#email'), ' anna.ivanova@example.com ');
    await submit(app);
    expect(model.calls).toEqual([{ op: 'loginStart', email: 'anna.ivanova@example.com' }]);
    const code = $<HTMLInputElement>(app, 'wtt-login-form input#code');
    expect(deepActiveElement()).toBe(code);
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(textOf($(app, 'wtt-login-form #code-hint'))).toContain('anna.ivanova@example.com');

    code.value = '123 456';
    await submit(app);
    expect(model.calls[1]).toEqual({ op: 'loginFinish', email: 'anna.ivanova@example.com', code: '123456' });
    expect($all(app, 'wtt-login-form')).toEqual([]);
    expect($all(app, 'wtt-status-buttons button').length).toBe(4);
    expect(textOf($(app, 'header'))).toContain('Signed in as Anna Ivanova');
    expect(deepActiveElement()).toBe($(app, 'main'));
  });

  it('a wrong code is said, the field is emptied and focused again', async () => {
    const model = new FakeModel();
    model.loginFinishError = Object.assign(new Error('unauthorized: Wrong code / Неверный код'), { name: 'AuthError', reason: 'wrong_code', serverMessage: 'Wrong code / Неверный код' });
    const app = await mount<WttApp>('wtt-app', { model });
    await type($(app, 'wtt-login-form input#email'), 'anna.ivanova@example.com');
    await submit(app);
    const code = $<HTMLInputElement>(app, 'wtt-login-form input#code');
    code.value = '000000';
    await submit(app);
    expect(textOf($(app, 'wtt-login-form #login-error'))).toBe('Wrong or expired code. Check it, or ask for a new one.');
    expect(code.value).toBe('');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(deepActiveElement()).toBe(code);
  });

  it('a code that is not 6 digits is refused before the server', async () => {
    const model = new FakeModel();
    const app = await mount<WttApp>('wtt-app', { model });
    await type($(app, 'wtt-login-form input#email'), 'anna.ivanova@example.com');
    await submit(app);
    $<HTMLInputElement>(app, 'wtt-login-form input#code').value = '12a4';
    await submit(app);
    expect(model.calls.map((c) => c.op)).toEqual(['loginStart']);
    expect(textOf($(app, 'wtt-login-form #login-error'))).toBe('The code is 6 digits.');
  });

  it('rate limiting shows the server\'s words in the page\'s language', async () => {
    const model = new FakeModel();
    model.loginStartError = Object.assign(new Error('rate_limited'), {
      code: 'rate_limited',
      serverMessage: 'Too many codes asked: try again in 10 min / Слишком много запросов кода: повторите через 10 мин.',
    });
    setLang('ru');
    const app = await mount<WttApp>('wtt-app', { model });
    await type($(app, 'wtt-login-form input#email'), 'anna.ivanova@example.com');
    await submit(app);
    expect(textOf($(app, 'wtt-login-form #login-error'))).toBe('Слишком много попыток. Слишком много запросов кода: повторите через 10 мин.');
    expect($all(app, 'wtt-login-form input#code')).toEqual([]);
  });

  it('a network failure says the server could not be reached', async () => {
    const model = new FakeModel();
    model.loginStartError = new TypeError('Failed to fetch');
    const app = await mount<WttApp>('wtt-app', { model });
    await type($(app, 'wtt-login-form input#email'), 'anna.ivanova@example.com');
    await submit(app);
    expect(textOf($(app, 'wtt-login-form #login-error'))).toBe('No connection to the server. Check the network and try again.');
  });

  it('"Use another email" goes back to the email, and a new code can be asked for', async () => {
    const model = new FakeModel();
    const app = await mount<WttApp>('wtt-app', { model });
    await type($(app, 'wtt-login-form input#email'), 'anna.ivanova@example.com');
    await submit(app);
    $all<HTMLButtonElement>(app, 'wtt-login-form button.link').find((b) => textOf(b) === 'Send a new code')!.click();
    await settle();
    await new Promise((r) => setTimeout(r, 0));
    await settle();
    expect(model.calls.map((c) => c.op)).toEqual(['loginStart', 'loginStart']);
    expect(textOf($(app, 'wtt-login-form form'))).toContain('A new code is on its way.');
    $all<HTMLButtonElement>(app, 'wtt-login-form button.link').find((b) => textOf(b) === 'Use another email')!.click();
    await settle();
    expect(deepActiveElement()).toBe($(app, 'wtt-login-form input#email'));
  });

  it('a refused session asks to sign in again, with the email filled in and the queue shown', async () => {
    const model = new FakeModel();
    model.session = session();
    model.sync = syncState({ needsLogin: true, pending: 3 });
    const app = await mount<WttApp>('wtt-app', { model });
    expect(textOf($(app, 'wtt-login-form .notice'))).toContain('sign in again');
    expect($<HTMLInputElement>(app, 'wtt-login-form input#email').value).toBe('anna.ivanova@example.com');
    expect(textOf($(app, 'wtt-sync-state [data-testid="pending"]'))).toBe('3 changes waiting to be sent');
  });

  it('log out calls the model and returns to the sign-in', async () => {
    const model = new FakeModel();
    model.session = session();
    const app = await mount<WttApp>('wtt-app', { model });
    $all<HTMLButtonElement>(app, 'header button').find((b) => textOf(b) === 'Log out')!.click();
    await settle();
    expect(model.calls).toEqual([{ op: 'logout' }]);
    expect($all(app, 'wtt-login-form').length).toBe(1);
  });
});
