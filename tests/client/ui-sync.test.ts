// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../client/src/components/app.ts';
import type { WttApp } from '../../client/src/components/app.ts';
import { setLang } from '../../client/src/i18n/locale.ts';
import type { RefusedEntry } from '../../client/src/model.ts';
import { FakeModel, session, syncState } from './fake-model.ts';
import { $, $all, clear, deepActiveElement, mount, settle, textOf } from './ui-helpers.ts';

const NOW = Date.UTC(2026, 2, 10, 9, 0, 0);

function refused(entryId: string, status: string, at: number, message: string): RefusedEntry {
  return { seq: 1, entryId, status, at, code: 'bad_request', message };
}

async function appWith(sync: Parameters<typeof syncState>[0]): Promise<{ app: WttApp; model: FakeModel }> {
  const model = new FakeModel();
  model.session = session();
  model.sync = syncState(sync);
  model.today = { date: '2026-03-10', time_zone: 'Europe/Moscow', schedule: null, timeline: [], violations: [] };
  const app = await mount<WttApp>('wtt-app', { model });
  return { app, model };
}

describe('sync state', () => {
  beforeEach(() => {
    setLang('en');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    clear();
    vi.useRealTimers();
  });

  it('shows the pending count and the last sync in a polite live region', async () => {
    const { app, model } = await appWith({ pending: 2, lastSyncAt: NOW - 60_000 });
    const live = $(app, 'wtt-sync-state [role="status"]');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(textOf($(live, '[data-testid="pending"]'))).toBe('2 changes waiting to be sent');
    expect(textOf($(app, 'wtt-sync-state [data-testid="last-sync"]'))).toMatch(/^Last sync \d\d:\d\d$/);
    model.update({ sync: syncState({ pending: 0, lastSyncAt: NOW }) });
    await settle();
    expect(textOf($(app, 'wtt-sync-state [data-testid="pending"]'))).toBe('All changes sent');
  });

  it('shows the offline badge only while offline, and the error text', async () => {
    const { app, model } = await appWith({ pending: 1 });
    expect($all(app, 'wtt-sync-state [data-testid="offline"]')).toEqual([]);
    expect(textOf($(app, 'wtt-sync-state [data-testid="last-sync"]'))).toBe('Not synced yet');
    model.update({ sync: syncState({ pending: 1, online: false, error: 'No connection to the server.', nextRetryAt: NOW + 8_000 }) });
    await settle();
    const badge = $(app, 'wtt-sync-state [data-testid="offline"]');
    expect(textOf(badge)).toBe('No network');
    // The badge is inside the live region, so going offline is announced.
    expect(badge.closest('[role="status"]')).not.toBeNull();
    expect(textOf($(app, 'wtt-sync-state [data-testid="sync-error"]'))).toBe('No connection to the server.');
    expect(textOf($(app, 'wtt-sync-state'))).toContain('Next try in 8 s');
    await vi.advanceTimersByTimeAsync(3_000);
    await settle();
    expect(textOf($(app, 'wtt-sync-state'))).toContain('Next try in 5 s');
  });

  it('"Sync now" asks the model', async () => {
    const { app, model } = await appWith({ pending: 1 });
    $all<HTMLButtonElement>(app, 'wtt-sync-state button').find((b) => textOf(b) === 'Sync now')!.click();
    await settle();
    expect(model.calls).toEqual([{ op: 'syncNow' }]);
  });

  it('refused entries are listed with their reason in the page\'s language, until dismissed', async () => {
    const { app, model } = await appWith({
      refused: [
        refused('e-1', 'break', NOW - 3 * 86_400_000, 'Older than the retention window (2 days) / Старше срока хранения (2 дн.)'),
        refused('e-2', 'gone', NOW, 'Unknown status "gone" / Неизвестный статус «gone»'),
      ],
    });
    const items = $all(app, 'wtt-sync-state .refused li');
    expect(items.map((li) => li.getAttribute('data-entry'))).toEqual(['e-1', 'e-2']);
    expect(textOf(items[0])).toBe('Break at 12:00 Older than the retention window (2 days) Dismiss');
    expect(textOf(items[1])).toContain('Unknown status "gone"');
    const dismiss = $<HTMLButtonElement>(items[0], 'button');
    expect(dismiss.getAttribute('aria-label')).toBe('Dismiss: Break at 12:00');

    setLang('ru');
    await settle();
    expect(textOf($all(app, 'wtt-sync-state .refused li')[0])).toContain('Старше срока хранения (2 дн.)');
    setLang('en');
    await settle();

    $<HTMLButtonElement>($all(app, 'wtt-sync-state .refused li')[0], 'button').click();
    await settle();
    expect(model.calls).toEqual([{ op: 'dismissRefused', entryId: 'e-1' }]);
    const left = $all(app, 'wtt-sync-state .refused li');
    expect(left.map((li) => li.getAttribute('data-entry'))).toEqual(['e-2']);
    // The focus is not lost with the removed button: it moves to the next one.
    expect(deepActiveElement()).toBe($(left[0], 'button'));
  });

  it('stays on screen before sign-in when something is still queued', async () => {
    const model = new FakeModel();
    model.sync = syncState({ pending: 4, online: false });
    const app = await mount<WttApp>('wtt-app', { model });
    expect(textOf($(app, 'wtt-sync-state [data-testid="pending"]'))).toBe('4 changes waiting to be sent');
    expect($all(app, 'wtt-sync-state [data-testid="offline"]').length).toBe(1);
  });

  it('Russian plural forms for the pending count', async () => {
    setLang('ru');
    const { app, model } = await appWith({ pending: 1 });
    const pending = () => textOf($(app, 'wtt-sync-state [data-testid="pending"]'));
    expect(pending()).toBe('1 изменение ждёт отправки');
    for (const [n, text] of [[3, '3 изменения ждут отправки'], [5, '5 изменений ждут отправки'], [21, '21 изменение ждёт отправки']] as const) {
      model.update({ sync: syncState({ pending: n }) });
      await settle();
      expect(pending()).toBe(text);
    }
  });
});
