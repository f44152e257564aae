// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../client/src/components/app.ts';
import type { WttApp } from '../../client/src/components/app.ts';
import { setLang } from '../../client/src/i18n/locale.ts';
import { FakeModel, session, syncState } from './fake-model.ts';
import { $, clear, mount, settle, textOf } from './ui-helpers.ts';

describe('linking Telegram', () => {
  beforeEach(() => setLang('en'));
  afterEach(() => clear());

  it('asks the model for a code and shows the /start command to send the bot', async () => {
    const model = new FakeModel();
    model.session = session();
    model.sync = syncState({});
    model.today = { date: '2026-03-10', time_zone: 'Europe/Moscow', schedule: null, timeline: [], violations: [] };
    const app = await mount<WttApp>('wtt-app', { model });
    const link = $(app, 'wtt-telegram-link');
    const button = $<HTMLButtonElement>(link, 'button');
    expect(textOf(link)).not.toContain('/start');
    button.click();
    await settle();
    expect(model.calls).toContainEqual({ op: 'telegramLinkCode' });
    expect(textOf(link)).toContain('/start K7Q2XM');
    setLang('ru');
    await settle();
    expect(textOf(link)).toContain('Отправьте боту /start K7Q2XM');
  });
});
