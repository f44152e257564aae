// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../client/src/components/app.ts';
import type { WttApp } from '../../client/src/components/app.ts';
import { LANG_STORAGE_KEY, detectLang, getLang, resetLang, setLang } from '../../client/src/i18n/locale.ts';
import { en } from '../../client/src/i18n/strings-en.ts';
import { ru } from '../../client/src/i18n/strings-ru.ts';
import { errorText, pickLanguage } from '../../client/src/i18n/error-text.ts';
import { formatClock, formatCountdown, formatDuration } from '../../client/src/i18n/format.ts';
import { FakeModel, session } from './fake-model.ts';
import { $, $all, clear, mount, settle, textOf } from './ui-helpers.ts';

describe('language', () => {
  beforeEach(() => {
    localStorage.clear();
    setLang('en');
  });
  afterEach(() => clear());

  it('the switch changes every text on the page, marks the chosen one, and is remembered', async () => {
    const model = new FakeModel();
    model.session = session();
    model.current = { status: 'work', since: Date.now() };
    const app = await mount<WttApp>('wtt-app', { model });
    expect(textOf($(app, 'wtt-current-status h2'))).toBe('Current status');
    const ruButton = $<HTMLButtonElement>(app, 'wtt-lang-switch button[lang="ru"]');
    expect(ruButton.getAttribute('aria-label')).toBe('Русский');
    expect(ruButton.getAttribute('aria-pressed')).toBe('false');

    ruButton.click();
    await settle();
    expect(getLang()).toBe('ru');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('ru');
    expect(document.documentElement.lang).toBe('ru');
    expect($(app, 'wtt-lang-switch button[lang="ru"]').getAttribute('aria-pressed')).toBe('true');
    expect($(app, 'wtt-lang-switch button[lang="en"]').getAttribute('aria-pressed')).toBe('false');
    expect(textOf($(app, 'wtt-current-status h2'))).toBe('Текущий статус');
    expect(textOf($(app, 'wtt-break-panel h2'))).toBe('Перерывы');
    expect(textOf($(app, 'header'))).toContain('Выйти');
    expect($(app, 'wtt-status-buttons [role="group"]').getAttribute('aria-label')).toBe('Выберите статус');
    expect($all(app, 'wtt-status-buttons button').map((b) => textOf(b))).toContain('Перерыв');

    $<HTMLButtonElement>(app, 'wtt-lang-switch button[lang="en"]').click();
    await settle();
    expect(textOf($(app, 'wtt-current-status h2'))).toBe('Current status');
  });

  it('the sign-in screen switches too', async () => {
    const app = await mount<WttApp>('wtt-app', { model: new FakeModel() });
    expect(textOf($(app, 'wtt-login-form h2'))).toBe('Sign in');
    setLang('ru');
    await settle();
    expect(textOf($(app, 'wtt-login-form h2'))).toBe('Вход');
    expect(textOf($(app, 'wtt-login-form label'))).toBe('Рабочая почта');
  });

  it('defaults to the browser\'s language, a remembered choice first', () => {
    expect(detectLang(null, ['ru-RU', 'en-US'])).toBe('ru');
    expect(detectLang(null, ['de-DE', 'en-GB'])).toBe('en');
    expect(detectLang(null, ['uk-UA', 'ru'])).toBe('ru');
    expect(detectLang(null, ['fr'])).toBe('en');
    expect(detectLang('ru', ['en-US'])).toBe('ru');
    expect(detectLang('xx', ['ru'])).toBe('ru');
    localStorage.setItem(LANG_STORAGE_KEY, 'ru');
    resetLang();
    expect(getLang()).toBe('ru');
    expect(document.documentElement.lang).toBe('ru');
  });

  it('both languages have every text, none empty', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(ru)) {
      if (typeof value === 'string') expect(value.length, key).toBeGreaterThan(0);
    }
    expect(Object.keys(ru.violationTypes).sort()).toEqual(Object.keys(en.violationTypes).sort());
  });
});

describe('texts of errors, times and lengths', () => {
  it('takes the half of a bilingual server message in the page\'s language', () => {
    const m = 'Older than the retention window (2 days) / Старше срока хранения (2 дн.)';
    expect(pickLanguage(m, 'en')).toBe('Older than the retention window (2 days)');
    expect(pickLanguage(m, 'ru')).toBe('Старше срока хранения (2 дн.)');
    expect(pickLanguage('a / b / c', 'ru')).toBe('a / b / c');
    expect(pickLanguage('Нет сети', 'en')).toBe('Нет сети');
    expect(pickLanguage('and / or', 'ru')).toBe('and / or');
  });

  it('names what went wrong by the error\'s code', () => {
    expect(errorText({ code: 'internal', serverMessage: 'The code could not be sent / Код не удалось отправить' }, 'ru')).toBe(
      'Сервер не смог это сделать. Код не удалось отправить',
    );
    expect(errorText({ name: 'AuthError' }, 'en')).toBe(en.errWrongCode);
    expect(errorText(new Error('boom'), 'en')).toBe(en.errNetwork);
    // The engine's errors are already said for a person, in the page's language.
    expect(errorText(Object.assign(new Error('Сервер занят.'), { name: 'UserFacingError' }), 'ru')).toBe('Сервер занят.');
    expect(errorText({ code: 'bad_request', message: 'email: not an email address' }, 'en')).toBe('email: not an email address');
  });

  it('formats timers, countdowns and lengths', () => {
    expect(formatClock(0)).toBe('00:00:00');
    expect(formatClock(-5000)).toBe('00:00:00');
    expect(formatClock(26 * 3_600_000 + 61_000)).toBe('26:01:01');
    expect(formatCountdown(-151_000)).toBe('02:31');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatDuration(65 * 60_000, 'en')).toBe('1 h 05 min');
    expect(formatDuration(59_999, 'ru')).toBe('0 мин');
    expect(formatDuration(125 * 60_000, 'ru')).toBe('2 ч 05 мин');
  });
});
