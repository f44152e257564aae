// The notification rules' pure parts: which rules an event sets off, quiet hours (held until they end),
// once-per limits, and the rules in plain words.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oncePerAllows, pruneMarks, quietUntil, rulesFor, violationCopyId, eventAlertId } from '../../appsscript/src/domain/notify.ts';
import { DEFAULT_NOTIFY_RULES, NOTIFY_WHENS, notifyRuleText, type NotifyRuleRecord } from '../../common/notify-rules.ts';
import { notifyRuleProblems } from '../../appsscript/src/store/notify-rules.ts';

const MIN = 60_000;
const rule = (o: Partial<NotifyRuleRecord>): NotifyRuleRecord => ({ id: 'r', enabled: true, when: 'violation', minutes: null, who: 'lead_chat', how: 'telegram', quiet_from: '', quiet_to: '', once_per_minutes: null, note: '', ...o });
/** 'HH:mm' of an instant in UTC: the tests' zone. */
const utcTime = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const day = Date.UTC(2026, 10, 24);
const t = (hhmm: string) => day + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MIN;

describe('rulesFor', () => {
  it('any violation, one type, disabled rules and other events', () => {
    const rules = [rule({ id: 'a' }), rule({ id: 'b', when: 'violation:late_start' }), rule({ id: 'c', enabled: false }), rule({ id: 'd', when: 'break_over', minutes: 5 })];
    expect(rulesFor(rules, 'violation', 'late_start').map((r) => r.id)).toEqual(['a', 'b']);
    expect(rulesFor(rules, 'violation', 'break_overrun').map((r) => r.id)).toEqual(['a']);
    expect(rulesFor(rules, 'break_over').map((r) => r.id)).toEqual(['d']);
    expect(rulesFor(rules, 'trigger_failure')).toEqual([]);
  });

  it('the defaults are the alerts of before: violations to the lead chat, two nudges, trigger failures to admins hourly', () => {
    expect(rulesFor(DEFAULT_NOTIFY_RULES, 'violation', 'missed_lunch').map((r) => [r.who, r.how])).toEqual([['lead_chat', 'telegram']]);
    expect(rulesFor(DEFAULT_NOTIFY_RULES, 'break_ending').map((r) => [r.who, r.minutes])).toEqual([['employee', 2]]);
    expect(rulesFor(DEFAULT_NOTIFY_RULES, 'break_over').map((r) => [r.who, r.minutes])).toEqual([['employee', 5]]);
    expect(rulesFor(DEFAULT_NOTIFY_RULES, 'trigger_failure').map((r) => [r.who, r.once_per_minutes])).toEqual([['admins', 60]]);
    expect(DEFAULT_NOTIFY_RULES.every((r) => notifyRuleProblems(r).length === 0)).toBe(true);
  });
});

describe('quiet hours', () => {
  it('hold an alert until they end, across midnight too', () => {
    const night = rule({ quiet_from: '22:00', quiet_to: '08:00' });
    expect(quietUntil(night, t('23:10'), utcTime)).toBe(t('08:00') + 24 * 60 * MIN);
    expect(quietUntil(night, t('03:00'), utcTime)).toBe(t('08:00'));
    expect(quietUntil(night, t('08:00'), utcTime)).toBeNull();
    expect(quietUntil(night, t('21:59'), utcTime)).toBeNull();
    const lunch = rule({ quiet_from: '13:00', quiet_to: '14:00' });
    expect(quietUntil(lunch, t('13:30') + 25_000, utcTime)).toBe(t('14:00'));
    expect(quietUntil(rule({}), t('13:30'), utcTime)).toBeNull();
  });

  it('property: the end is after now, within a day, at the quiet_to time, and never inside quiet hours itself', () => {
    const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(hhmm, hhmm, fc.integer({ min: 0, max: 24 * 60 * MIN - 1 }), (from, to, offset) => {
        const r = rule({ quiet_from: from, quiet_to: to });
        const now = day + offset;
        const until = quietUntil(r, now, utcTime);
        if (until === null) return;
        expect(until).toBeGreaterThan(now);
        expect(until - now).toBeLessThanOrEqual(24 * 60 * MIN);
        expect(utcTime(until)).toBe(to);
        expect(quietUntil(r, until, utcTime)).toBeNull();
      }),
    );
  });
});

describe('once per X', () => {
  it('lets the first through, then none until X has passed', () => {
    const r = rule({ once_per_minutes: 60 });
    expect(oncePerAllows(r, null, t('10:00'))).toBe(true);
    expect(oncePerAllows(r, t('10:00'), t('10:59'))).toBe(false);
    expect(oncePerAllows(r, t('10:00'), t('11:00'))).toBe(true);
    expect(oncePerAllows(rule({}), t('10:00'), t('10:00'))).toBe(true);
  });

  it('keeps only the marks that can still hold something back', () => {
    const marks = { 'r|e001': t('09:00'), 'r|e002': t('10:30') };
    expect(pruneMarks(marks, [rule({ once_per_minutes: 60 })], t('11:00'))).toEqual({ 'r|e002': t('10:30') });
  });
});

describe('ids and words', () => {
  it('one id per violation and recipient, dated like the violation', () => {
    expect(violationCopyId('V-20261124-abc', '333')).toMatch(/^W-20261124-[0-9a-z]+$/);
    expect(violationCopyId('V-20261124-abc', '333')).not.toBe(violationCopyId('V-20261124-abc', 'mailto:a@b.c'));
    expect(eventAlertId('2026-11-24', 'over|e001|1', 10, '-1001')).toMatch(/^N-20261124-/);
  });

  it('says every event in Russian and English', () => {
    for (const when of NOTIFY_WHENS) {
      const r = rule({ when, minutes: 10, who: 'admins' });
      // Never the stored code (`violation:late_start`, `break_over`): words only.
      for (const lang of ['ru', 'en'] as const) expect(notifyRuleText(r, lang)).not.toMatch(/[a-z]+_[a-z]+|violation:/);
    }
    expect(notifyRuleText(rule({ quiet_from: '22:00', quiet_to: '08:00', once_per_minutes: 60 }), 'en')).toBe("Any violation → the group's leads by Telegram; quiet 22:00–08:00; at most once per 60 min");
    expect(notifyRuleText(rule({ when: 'break_over', minutes: 10, who: 'employee', how: 'email' }), 'ru')).toBe('Перерыв затянулся на 10 мин → сотруднику по почте');
  });
});
