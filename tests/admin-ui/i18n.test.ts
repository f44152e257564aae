// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { en } from '../../appsscript/ui/i18n/strings-en.ts';
import { ru } from '../../appsscript/ui/i18n/strings-ru.ts';
import { LANG_STORAGE_KEY, detectLang, getLang, resetLang, setLang } from '../../appsscript/ui/i18n/locale.ts';
import { fieldMessage, pickLanguage } from '../../appsscript/ui/i18n/server-text.ts';
import { formatAgo } from '../../appsscript/ui/i18n/format.ts';
import '../../appsscript/ui/components/screen-header.ts';
import { $, clear, mount, settle, textOf } from '../client/ui-helpers.ts';

/** Every key path of a catalog with its value: nested groups of texts are walked into. */
function entries(catalog: object, prefix = ''): [string, unknown][] {
  return Object.entries(catalog).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null && k !== 'schemaMessages' ? entries(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

describe('the console\'s catalogs', () => {
  it('have every key in both languages, none empty', () => {
    const ruKeys = entries(ru).map(([k]) => k).sort();
    expect(ruKeys).toEqual(entries(en).map(([k]) => k).sort());
    for (const [key, value] of [...entries(ru), ...entries(en)]) {
      const text = typeof value === 'function' ? (value as (...a: unknown[]) => string)(1, 2, 3) : value;
      if (key === 'schemaMessages') continue;
      expect(typeof text, key).toBe('string');
      expect((text as string).trim(), key).not.toBe('');
    }
  });

  it('say every message of the admin schemas in Russian', () => {
    // The messages given to valibot in common/admin-api.ts: the last string argument of a check.
    const source = readFileSync('common/admin-api.ts', 'utf8');
    const messages = new Set([...source.matchAll(/v\.(?:email|integer|regex|minLength|maxLength|minValue|maxValue|picklist)\((?:[^()]*?,\s*)?'([^']+)'\)/g)].map((m) => m[1]));
    expect(messages.size).toBeGreaterThan(5);
    for (const m of messages) expect(ru.schemaMessages[m], m).toBeTruthy();
  });
});

describe('server messages', () => {
  it('show the half in the page\'s language', () => {
    expect(pickLanguage('No group sales / Нет группы sales', 'ru')).toBe('Нет группы sales');
    expect(pickLanguage('No group sales / Нет группы sales', 'en')).toBe('No group sales');
    expect(pickLanguage('a / b', 'ru')).toBe('a / b');
  });

  it('say schema and valibot messages in Russian, capitalised', () => {
    expect(fieldMessage('not an email address', 'ru')).toBe('Это не адрес почты');
    expect(fieldMessage('not an email address', 'en')).toBe('Not an email address');
    expect(fieldMessage('Invalid length: Expected <=200 but received 250', 'ru')).toBe('Слишком длинно: не больше 200');
    expect(fieldMessage('Invalid value: Expected <=1000 but received 1200', 'en')).toBe('At most 1000');
    expect(fieldMessage('Invalid type: Expected string but received undefined', 'ru')).toBe('Недопустимое значение');
  });

  it('last seen as a time ago, in either language', () => {
    const now = Date.UTC(2025, 0, 10, 12);
    expect(formatAgo(null, now, 'ru')).toBe('никогда');
    expect(formatAgo(now - 20_000, now, 'en')).toBe('just now');
    expect(formatAgo(now - 3 * 3_600_000, now, 'en')).toBe('3 hr. ago');
    expect(formatAgo(now - 3 * 86_400_000, now, 'ru')).toBe('3 дн. назад');
    expect(formatAgo(now - 3 * 86_400_000, now, 'ru', true)).toBe('3 дн назад');
    expect(formatAgo(now - 90 * 60_000, now, 'en', true)).toBe('1h ago');
  });
});

describe('the language', () => {
  beforeEach(() => {
    localStorage.clear();
    setLang('en');
  });
  afterEach(() => clear());

  it('switches every screen heading, is remembered, and marks the chosen button', async () => {
    const header = await mount<HTMLElement>('adm-screen-header', { page: 'People' } as Partial<HTMLElement>);
    expect(textOf($(header, 'h1'))).toBe('People');
    $<HTMLButtonElement>(header, 'adm-lang-switch button[lang="ru"]').click();
    await settle();
    expect(getLang()).toBe('ru');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('ru');
    expect(textOf($(header, 'h1'))).toBe('Сотрудники');
    expect($(header, 'adm-lang-switch button[lang="ru"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('defaults to the browser\'s language, a remembered choice first', () => {
    expect(detectLang(null, ['ru-RU', 'en-US'])).toBe('ru');
    expect(detectLang(null, ['de-DE'])).toBe('en');
    expect(detectLang('en', ['ru-RU'])).toBe('en');
    localStorage.setItem(LANG_STORAGE_KEY, 'ru');
    resetLang();
    expect(getLang()).toBe('ru');
  });
});
