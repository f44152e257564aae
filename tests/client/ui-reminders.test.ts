// @vitest-environment happy-dom
// The Reminders card: loaded from the server when online, a switch and minutes per kind, saved with one
// button, the minutes checked before sending, and a clear note while offline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../client/src/components/app.ts';
import type { WttApp } from '../../client/src/components/app.ts';
import { setLang } from '../../client/src/i18n/locale.ts';
import { FakeModel, session, syncState } from './fake-model.ts';
import { $, clear, mount, settle, textOf } from './ui-helpers.ts';

function signedIn(online = true): FakeModel {
  const model = new FakeModel();
  model.session = session();
  model.sync = syncState({ online });
  model.today = { date: '2026-03-10', time_zone: 'Europe/Moscow', schedule: null, timeline: [], violations: [] };
  return model;
}

describe('the Reminders card', () => {
  beforeEach(() => setLang('en'));
  afterEach(() => clear());

  it('shows the server\'s reminders and saves a switched one with its minutes', async () => {
    const model = signedIn();
    const app = await mount<WttApp>('wtt-app', { model });
    await settle();
    const card = $(app, 'wtt-reminders');
    expect(model.reminderCalls).toContainEqual({ op: 'loadReminders' });
    expect(textOf(card)).toContain('Before a planned break or lunch');
    const toggle = $<HTMLInputElement>(card, '#rem-before_break');
    expect(toggle.getAttribute('role')).toBe('switch');
    expect(toggle.checked).toBe(false);
    toggle.click();
    const minutes = $<HTMLInputElement>(card, '#rem-before_break-min');
    minutes.value = '10';
    minutes.dispatchEvent(new Event('input'));
    await settle();
    $<HTMLButtonElement>(card, 'button[type=submit]').click();
    await settle();
    const saved = model.reminderCalls.find((c) => c.op === 'saveReminders');
    expect(saved).toEqual({
      op: 'saveReminders',
      changes: [
        { kind: 'before_break', enabled: true, minutes: 10 },
        { kind: 'break_ending', enabled: false, minutes: 5 },
        { kind: 'shift_end', enabled: false },
      ],
    });
    expect(textOf(card)).toContain('Reminders saved.');
    expect($<HTMLInputElement>(card, '#rem-before_break').checked).toBe(true);
  });

  it('refuses minutes out of range before sending, marking the field', async () => {
    const model = signedIn();
    const app = await mount<WttApp>('wtt-app', { model });
    await settle();
    const card = $(app, 'wtt-reminders');
    const minutes = $<HTMLInputElement>(card, '#rem-break_ending-min');
    minutes.value = '500';
    minutes.dispatchEvent(new Event('input'));
    await settle();
    $<HTMLButtonElement>(card, 'button[type=submit]').click();
    await settle();
    expect(model.reminderCalls.some((c) => c.op === 'saveReminders')).toBe(false);
    expect(minutes.getAttribute('aria-invalid')).toBe('true');
    expect(textOf(card)).toContain('from 1 to 120');
  });

  it('says offline that reminders need the network, and loads them when it is back; Russian too', async () => {
    const model = signedIn(false);
    const app = await mount<WttApp>('wtt-app', { model });
    await settle();
    const card = () => $(app, 'wtt-reminders');
    expect(model.reminderCalls).not.toContainEqual({ op: 'loadReminders' });
    expect(textOf(card())).toContain('connect to the network');
    model.update({ sync: syncState({ online: true }) });
    await settle();
    expect(model.reminderCalls).toContainEqual({ op: 'loadReminders' });
    setLang('ru');
    await settle();
    expect(textOf(card())).toContain('Перед перерывом или обедом по плану');
  });

  it('tells someone without a linked chat to link it', async () => {
    const model = signedIn();
    model.reminders = { ...model.reminders, telegram_linked: false };
    const app = await mount<WttApp>('wtt-app', { model });
    await settle();
    expect(textOf($(app, 'wtt-reminders'))).toContain('Link your Telegram chat');
  });
});
