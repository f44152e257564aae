// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../appsscript/ui/features/Settings/settings-screen.ts';
import type { AdmSettings } from '../../appsscript/ui/features/Settings/settings-screen.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { AdminReply } from '../../common/admin-api.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { FakeScriptRun, fail, flush, ok } from './fake-script-run.ts';
import { choose, click, mountPage, type } from './interact.ts';

const NOW: AdminReply<'settings.get'> = {
  values: { check_interval_minutes: '5', retention_days: '', bot_url: 'https://bot.example.com/push', alert_chat_id: '-100200', floor_refresh_seconds: '', daily_keep_months: '' },
  time_zone: 'Europe/Moscow',
  secrets: { TELEGRAM_BOT_TOKEN: true, BOT_SHARED_SECRET: false },
  version: 'st1',
};

let fake: FakeScriptRun;
const open = () => mountPage<AdmSettings>('adm-settings');
const input = (el: HTMLElement, id: string) => $<HTMLInputElement | HTMLSelectElement>(el, `[id="${id}"]`);
const errorAt = (el: HTMLElement, id: string) => textOf($(el, `[data-field="${id}"] .field-error`));

describe('Settings', () => {
  beforeEach(() => {
    setLang('en');
    fake = new FakeScriptRun().on('settings.get', () => ok('settings.get', NOW)).install();
  });
  afterEach(() => clear());

  it('shows the values, says the triggers are re-installed, and shows secrets only as set or not', async () => {
    const el = await open();
    expect(input(el, 'values.check_interval_minutes').value).toBe('5');
    expect([...(input(el, 'values.check_interval_minutes') as HTMLSelectElement).options].map((o) => o.textContent?.trim())).toEqual(['1 min', '5 min', '10 min', '15 min', '30 min']);
    expect(textOf($(el, '.triggers-note'))).toBe('Changing the interval (or the time zone) re-installs the triggers.');
    expect(input(el, 'time_zone').value).toBe('Europe/Moscow');
    expect(input(el, 'values.bot_url').value).toBe('https://bot.example.com/push');
    const token = input(el, 'secrets.TELEGRAM_BOT_TOKEN') as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    expect(textOf($(el, '[data-field="secrets.TELEGRAM_BOT_TOKEN"] .hint'))).toBe('Set. A value typed here replaces it.');
    expect(textOf($(el, '[data-field="secrets.BOT_SHARED_SECRET"] .hint'))).toBe('Not set yet.');
  });

  it('saves: the values typed, a replaced secret, never a blank one; the secret is not kept on the page', async () => {
    fake.on('settings.save', (p) => ok('settings.save', { ...NOW, values: { ...NOW.values, ...p.values }, secrets: { TELEGRAM_BOT_TOKEN: true, BOT_SHARED_SECRET: true }, version: 'st2' }));
    const el = await open();
    choose(el, '[id="values.check_interval_minutes"]', '10');
    type(el, '[id="values.retention_days"]', '60');
    type(el, '[id="secrets.BOT_SHARED_SECRET"]', 's3cret-value');
    await click(el, 'button.save');
    const [sent] = fake.callsOf('settings.save');
    expect(sent).toMatchObject({
      values: { check_interval_minutes: '10', retention_days: '60', bot_url: 'https://bot.example.com/push', alert_chat_id: '-100200' },
      time_zone: 'Europe/Moscow',
      secrets: { BOT_SHARED_SECRET: 's3cret-value' },
      version: 'st1',
    });
    expect(sent.secrets).not.toHaveProperty('TELEGRAM_BOT_TOKEN');
    expect((input(el, 'secrets.BOT_SHARED_SECRET') as HTMLInputElement).value).toBe('');
    expect(textOf($(el, '[data-field="secrets.BOT_SHARED_SECRET"] .hint'))).toBe('Set. A value typed here replaces it.');
    expect(textOf($(el, 'adm-toast'))).toContain('Settings saved; the triggers were re-installed.');

    // A blank retention that was never set stays "the default": not sent.
    type(el, '[id="values.retention_days"]', '');
    fake.on('settings.save', (p) => ok('settings.save', { ...NOW, values: { ...NOW.values, ...p.values, retention_days: '60', check_interval_minutes: '10' }, version: 'st3' }));
    await click(el, 'button.save');
    expect(errorAt(el, 'values.retention_days')).toBe('⚠ Type a number of days');
    expect(fake.callsOf('settings.save')).toHaveLength(1);
  });

  it('a bad bot address is refused at its field before any call; a zone the server refuses at the zone', async () => {
    fake.on('settings.save', () =>
      fail('bad_request', 'The time zone cannot change once statuses are recorded / Часовой пояс нельзя менять, когда статусы уже записаны', {
        fields: [{ field: 'time_zone', message: 'the time zone can only change before the first status is recorded / часовой пояс меняется только до первой записи статуса' }],
      }),
    );
    setLang('ru');
    const el = await open();
    type(el, '[id="values.bot_url"]', 'bot.example.com');
    await click(el, 'button.save');
    expect(errorAt(el, 'values.bot_url')).toBe('⚠ Адрес, начинающийся с http:// или https://');
    expect(input(el, 'values.bot_url').getAttribute('aria-invalid')).toBe('true');
    expect(fake.callsOf('settings.save')).toEqual([]);

    type(el, '[id="values.bot_url"]', 'https://bot.example.com/push');
    type(el, '[id="time_zone"]', 'Asia/Tokyo');
    await click(el, 'button.save');
    expect(errorAt(el, 'time_zone')).toBe('⚠ Часовой пояс меняется только до первой записи статуса');
    expect($all(el, '[data-field="values.bot_url"] .field-error')).toEqual([]);
  });

  it('a conflict shows the settings as they are now and loads them', async () => {
    const now = { ...NOW, values: { ...NOW.values, check_interval_minutes: '15' }, version: 'st9' };
    fake.on('settings.save', () => fail('conflict', 'Someone changed the settings / Кто-то изменил настройки', { current: now }));
    const el = await open();
    type(el, '[id="values.alert_chat_id"]', '-100300');
    await click(el, 'button.save');
    const items = $all(el, 'adm-conflict .item').map((i) => textOf(i));
    expect(items).toContain('Check breaks every Now: 15 min Yours: 5 min');
    expect(items).toContain('Chat for admin alerts Now: -100200 Yours: -100300');
    await click(el, 'adm-conflict button.reload');
    expect($all(el, 'adm-conflict')).toEqual([]);
    expect(input(el, 'values.check_interval_minutes').value).toBe('15');
    expect(input(el, 'values.alert_chat_id').value).toBe('-100200');
    fake.on('settings.save', (p) => ok('settings.save', { ...now, version: p.version === 'st9' ? 'st10' : 'bad' }));
    await click(el, 'button.save');
    expect(fake.callsOf('settings.save')[1].version).toBe('st9');
    expect(textOf($(el, 'adm-toast'))).toContain('Settings saved.');
  });

  it('an interval never set shows "Default" until one is chosen', async () => {
    fake.on('settings.get', () => ok('settings.get', { ...NOW, values: { ...NOW.values, check_interval_minutes: '' } }));
    fake.on('settings.save', (p) => ok('settings.save', { ...NOW, values: { ...NOW.values, ...p.values } }));
    const el = await open();
    expect(input(el, 'values.check_interval_minutes').value).toBe('');
    expect(textOf($(el, '[id="values.check_interval_minutes"] option'))).toBe('Default');
    await click(el, 'button.save');
    expect(fake.callsOf('settings.save')[0].values).not.toHaveProperty('check_interval_minutes');
  });

  it('loading, then a failure that can be tried again', async () => {
    let answer: () => unknown = () => fail('not_found', 'There is no Settings tab / Нет вкладки Settings');
    fake.on('settings.get', () => answer());
    const el = document.createElement('adm-settings');
    document.body.append(el);
    await el.updateComplete;
    expect(textOf($(el, '.state.loading'))).toBe('Loading…');
    await flush();
    expect(textOf($(el, '.state.failed p'))).toBe('There is no Settings tab');
    answer = () => ok('settings.get', NOW);
    await click(el, '.state.failed button.retry');
    expect(input(el, 'time_zone').value).toBe('Europe/Moscow');
  });
});
