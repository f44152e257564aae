// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../client/src/components/app.ts';
import type { WttApp } from '../../client/src/components/app.ts';
import type { CurrentStatus } from '../../client/src/components/current-status.ts';
import { contrastRatio, statusColor, textOn } from '../../client/src/components/status-colors.ts';
import { setLang } from '../../client/src/i18n/locale.ts';
import { FakeModel, STATUSES, session } from './fake-model.ts';
import { $, $all, clear, mount, settle, textOf } from './ui-helpers.ts';

const NOW = Date.UTC(2026, 2, 10, 7, 30, 0); // 10:30 in Moscow

async function signedInApp(model = new FakeModel()): Promise<{ app: WttApp; model: FakeModel }> {
  model.session = session();
  model.current = { status: 'work', since: NOW - 65_000 };
  const app = await mount<WttApp>('wtt-app', { model });
  return { app, model };
}

describe('status buttons', () => {
  beforeEach(() => setLang('en'));
  afterEach(() => clear());

  it('shows one button per status, labelled and coloured, with the current one pressed', async () => {
    const { app } = await signedInApp();
    const buttons = $all<HTMLButtonElement>(app, 'wtt-status-buttons button');
    expect(buttons.map((b) => textOf(b))).toEqual(['✓ Working', 'Break', 'Lunch', 'Meeting']);
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'false', 'false', 'false']);
    expect(buttons[1].getAttribute('style')).toContain('#fbbc04');
    expect($(app, 'wtt-status-buttons [role="group"]').getAttribute('aria-label')).toBe('Set your status');
  });

  it('a press calls the model, and the new status shows as pressed and is announced', async () => {
    const { app, model } = await signedInApp();
    $<HTMLButtonElement>(app, 'wtt-status-buttons button[data-code="break"]').click();
    await settle();
    expect(model.calls).toEqual([{ op: 'setStatus', code: 'break' }]);
    expect($(app, 'wtt-status-buttons button[data-code="break"]').getAttribute('aria-pressed')).toBe('true');
    expect($(app, 'wtt-status-buttons button[data-code="work"]').getAttribute('aria-pressed')).toBe('false');
    const live = $(app, 'wtt-current-status [role="status"]');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(textOf(live)).toBe('Status: Break');
  });

  it('follows the model only while on the page', async () => {
    const { app, model } = await signedInApp();
    expect(model.listenerCount).toBe(1);
    app.remove();
    expect(model.listenerCount).toBe(0);
    document.body.append(app);
    await settle();
    expect(model.listenerCount).toBe(1);
    model.update({ current: { status: 'lunch', since: NOW } });
    await settle();
    expect($(app, 'wtt-status-buttons button[data-code="lunch"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('pressing the status one already has does not queue a duplicate', async () => {
    const { app, model } = await signedInApp();
    $<HTMLButtonElement>(app, 'wtt-status-buttons button[data-code="work"]').click();
    await settle();
    expect(model.calls).toEqual([]);
  });

  it('labels follow the language', async () => {
    const { app } = await signedInApp();
    setLang('ru');
    await settle();
    expect($all(app, 'wtt-status-buttons button').map((b) => textOf(b))).toEqual(['✓ Работа', 'Перерыв', 'Обед', 'Встреча']);
  });

  it('the text on every status colour has at least 4.5:1 contrast, whatever the colour', () => {
    for (const color of [...STATUSES.map((s) => s.color), '#ffffff', '#000000', '#777777', '#808080', '#ff0', 'not a colour']) {
      const bg = statusColor(color);
      expect(contrastRatio(bg, textOn(bg)), color).toBeGreaterThanOrEqual(4.5);
    }
    expect(textOn('#fbbc04')).toBe('#000000');
    expect(textOn('#0b57d0')).toBe('#ffffff');
  });
});

describe('current status timer', () => {
  beforeEach(() => {
    setLang('en');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    clear();
    vi.useRealTimers();
  });

  const timer = (el: Element) => textOf($(el, '[role="timer"]'));

  it('counts hh:mm:ss since the status began, and keeps ticking', async () => {
    const el = await mount<CurrentStatus>('wtt-current-status', {
      current: { status: 'break', since: NOW - 5_000 },
      statuses: STATUSES,
      timeZone: 'Europe/Moscow',
    });
    expect(timer(el)).toBe('00:00:05');
    expect(textOf(el)).toContain('since 10:29');
    await vi.advanceTimersByTimeAsync(2_000);
    await settle();
    expect(timer(el)).toBe('00:00:07');
    await vi.advanceTimersByTimeAsync(3_600_000);
    await settle();
    expect(timer(el)).toBe('01:00:07');
  });

  it('counts on the server clock: the offset of the last reply is added', async () => {
    const el = await mount<CurrentStatus>('wtt-current-status', {
      current: { status: 'work', since: NOW },
      statuses: STATUSES,
      clockOffsetMs: 90_000, // this device is 90 s behind the server
    });
    expect(timer(el)).toBe('00:01:30');
  });

  it('stops its timer when it leaves the page', async () => {
    const el = await mount<CurrentStatus>('wtt-current-status', { current: { status: 'work', since: NOW }, statuses: STATUSES });
    expect(vi.getTimerCount()).toBe(1);
    el.remove();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says so when there is no status yet', async () => {
    const el = await mount<CurrentStatus>('wtt-current-status', { current: null, statuses: STATUSES });
    expect(textOf(el)).toContain('No status yet today');
    expect(el.shadowRoot!.querySelector('[role="timer"]')).toBeNull();
  });
});
