// domain/alerts.ts: ids, buttons, texts, the retry schedule and which nudges are due.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  afterFailure,
  buttonsOf,
  dateOfViolationId,
  dueNudges,
  languageOf,
  MAX_DELIVERY_ATTEMPTS,
  nudgeAlertId,
  nudgeText,
  retryDelayMs,
  shortHash,
  violationAlertId,
  violationAlertText,
  violationId,
  violationOfAlertId,
} from '../../appsscript/src/domain/alerts.ts';
import type { OngoingBreak } from '../../appsscript/src/domain/rules/index.ts';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 24, 8, 0); // 11:00 in Moscow
const hhmm = (ms: number) => new Date(ms + 3 * 3600_000).toISOString().slice(11, 16);

describe('ids', () => {
  it('makes the same id for the same key and different ids for different keys', () => {
    const key = 'break_overrun|e001|2026-11-24|break|1764000000000';
    expect(violationId('2026-11-24', key)).toBe(violationId('2026-11-24', key));
    expect(violationId('2026-11-24', key)).toMatch(/^V-20261124-[0-9a-z]{1,11}$/);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => a === b || shortHash(a) !== shortHash(b)));
  });

  it('leads from a violation to its alert and back, and carries the date for lookups', () => {
    const v = violationId('2026-11-24', 'k');
    expect(violationOfAlertId(violationAlertId(v))).toBe(v);
    expect(dateOfViolationId(v)).toBe('2026-11-24');
    expect(dateOfViolationId('nope')).toBeNull();
    expect(violationOfAlertId(nudgeAlertId('2026-11-24', 'e001', T, 'over'))).toBeNull();
  });

  it('gives violation alerts their two buttons within Telegram\'s 64 bytes, and other alerts none', () => {
    const v = violationId('2026-11-24', 'x'.repeat(500));
    const buttons = buttonsOf('violation', violationAlertId(v))!;
    expect(buttons.map((b) => b.data)).toEqual([`v:${v}:excuse`, `v:${v}:confirm`]);
    expect(buttons.every((b) => Buffer.byteLength(b.data) <= 64)).toBe(true);
    expect(buttonsOf('nudge', nudgeAlertId('2026-11-24', 'e001', T, 'ending'))).toBeUndefined();
  });
});

describe('texts', () => {
  it('speaks Russian to a Cyrillic name and English to any other', () => {
    expect(languageOf('Анна Иванова')).toBe('ru');
    expect(languageOf('James Carter')).toBe('en');
    expect(languageOf('Фёдор')).toBe('ru');
  });

  it('writes a violation alert in both languages for the group chat', () => {
    const text = violationAlertText({ type: 'break_overrun', employee_name: 'Анна Иванова', group: 'support-l1', date: '2026-11-24', planned: 'break 11:00, 15 min +2', actual: 'break 11:00–…, 18 min', over_minutes: 1 });
    expect(text).toBe(
      ['⚠️ Превышение перерыва / Break overrun', 'Анна Иванова · support-l1 · 2026-11-24', 'План / Planned: break 11:00, 15 min +2', 'Факт / Actual: break 11:00–…, 18 min', 'Сверх / Over: 1 мин / min'].join('\n'),
    );
  });

  it('writes nudges in the employee\'s language', () => {
    const label = { ru: 'Обед', en: 'Lunch' };
    expect(nudgeText({ kind: 'ending', minutes: 2, allowed_end: T }, label, 'en', hhmm)).toBe('⏳ Lunch: 2 min left, until 11:00.');
    expect(nudgeText({ kind: 'over', minutes: 5, allowed_end: T }, label, 'ru', hhmm)).toBe('⏰ Обед: вы задерживаетесь на 5 мин (время вышло в 11:00).');
  });
});

describe('retries', () => {
  it('doubles the wait from a minute up to an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n) / MIN)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('gives up after MAX_DELIVERY_ATTEMPTS', () => {
    expect(afterFailure(1, T)).toEqual({ status: 'pending', next_try_at: T + MIN });
    expect(afterFailure(MAX_DELIVERY_ATTEMPTS - 1, T).status).toBe('pending');
    expect(afterFailure(MAX_DELIVERY_ATTEMPTS, T)).toEqual({ status: 'failed', next_try_at: null });
  });
});

describe('dueNudges', () => {
  // A 15-minute break from 11:00: allowed until 11:15, an overrun from 11:17 with 2 minutes of grace.
  const ongoing: OngoingBreak = { status: 'break', start: T, allowed_end: T + 15 * MIN, overrun_at: T + 17 * MIN };
  const due = (minutesIn: number, intervalMin = 1) =>
    dueNudges({ date: '2026-11-24', employee_id: 'e001', ongoing, now: T + minutesIn * MIN, checkIntervalMs: intervalMin * MIN }).map((n) => [n.kind, n.minutes]);

  it('is "ends soon" in the last 2 minutes (or the last check interval), then "over" from 5 minutes past the end', () => {
    expect(due(12)).toEqual([]);
    expect(due(13)).toEqual([['ending', 2]]);
    expect(due(14.5)).toEqual([['ending', 1]]);
    expect(due(10, 5)).toEqual([['ending', 5]]);
    expect(due(9, 5)).toEqual([]);
    expect(due(15)).toEqual([]);
    expect(due(19)).toEqual([]);
    expect(due(20)).toEqual([['over', 5]]);
    expect(due(31)).toEqual([['over', 16]]);
  });

  it('has one id per break and kind, so the caller sends each once', () => {
    const ids = [13, 14, 20, 25].map((m) => dueNudges({ date: '2026-11-24', employee_id: 'e001', ongoing, now: T + m * MIN, checkIntervalMs: MIN })[0].alert_id);
    expect(new Set(ids).size).toBe(2);
    expect(dueNudges({ date: '2026-11-24', employee_id: 'e001', ongoing: null, now: T, checkIntervalMs: MIN })).toEqual([]);
  });
});
