// The Rules screen's plain-language preview of a rule (common/rule-text.ts), in both languages.
import { describe, expect, it } from 'vitest';
import { ruleText, ruPlural, type RuleTextStatus } from '../../common/rule-text.ts';

const lunch: RuleTextStatus = { label_ru: 'Обед', label_en: 'Lunch', kind: 'lunch' };
const brk: RuleTextStatus = { label_ru: 'Перерыв', label_en: 'Break', kind: 'break' };
const work: RuleTextStatus = { label_ru: 'Работа', label_en: 'Working', kind: 'work' };
const rule = (over: Partial<Parameters<typeof ruleText>[0]> = {}) => ({
  status: 'lunch',
  max_per_shift: 1,
  max_minutes: 60,
  grace_minutes: 2,
  window_tolerance_minutes: 0,
  ...over,
});

describe('ruleText', () => {
  it('says the issue\'s example in English and Russian', () => {
    expect(ruleText(rule(), lunch, 'en')).toBe('Lunch: once, up to 60 min, 2 min grace');
    expect(ruleText(rule(), lunch, 'ru')).toBe('Обед: 1 раз, до 60 мин, допуск 2 мин');
  });

  it('counts in words English uses and with the Russian noun forms', () => {
    expect(ruleText(rule({ max_per_shift: 2 }), brk, 'en')).toMatch(/^Break: twice,/);
    expect(ruleText(rule({ max_per_shift: 3 }), brk, 'en')).toMatch(/^Break: 3 times,/);
    expect(ruleText(rule({ max_per_shift: 2 }), brk, 'ru')).toMatch(/^Перерыв: 2 раза,/);
    expect(ruleText(rule({ max_per_shift: 5 }), brk, 'ru')).toMatch(/^Перерыв: 5 раз,/);
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 111, 112].map((n) => ruPlural(n, 'раз', 'раза', 'раз'))).toEqual([
      'раз', 'раза', 'раза', 'раз', 'раз', 'раз', 'раз', 'раз', 'раза', 'раз', 'раз', 'раз',
    ]);
  });

  it('leaves out a blank limit and a zero grace, and says when nothing is limited', () => {
    expect(ruleText(rule({ max_per_shift: null, grace_minutes: 0 }), lunch, 'en')).toBe('Lunch: up to 60 min');
    expect(ruleText(rule({ max_per_shift: null, max_minutes: null, grace_minutes: 0 }), lunch, 'en')).toBe('Lunch: no limit');
    expect(ruleText(rule({ max_per_shift: null, max_minutes: null, grace_minutes: 0 }), lunch, 'ru')).toBe('Обед: без ограничений');
  });

  it('names the window around the planned break', () => {
    expect(ruleText(rule({ window_tolerance_minutes: 15 }), lunch, 'en')).toBe('Lunch: once, up to 60 min, 2 min grace, within 15 min of the plan');
    expect(ruleText(rule({ window_tolerance_minutes: 15 }), lunch, 'ru')).toBe('Обед: 1 раз, до 60 мин, допуск 2 мин, не дальше 15 мин от плана');
  });

  it('says a status allowed 0 times is not allowed', () => {
    expect(ruleText(rule({ max_per_shift: 0 }), brk, 'en')).toBe('Break: not allowed');
    expect(ruleText(rule({ max_per_shift: 0 }), brk, 'ru')).toBe('Перерыв: не разрешено');
  });

  it('reads a work status\'s row as the shift\'s own grace and tolerance', () => {
    const shift = rule({ status: 'work', max_per_shift: null, max_minutes: null, grace_minutes: 5, window_tolerance_minutes: 5 });
    expect(ruleText(shift, work, 'en')).toBe('Working: 5 min grace for a late start or an early leave, 5 min tolerance at the shift\'s edges');
    expect(ruleText(shift, work, 'ru')).toBe('Работа: допуск 5 мин на опоздание и ранний уход, 5 мин свободы на границах смены');
  });

  it('falls back to the code for a status Statuses does not have', () => {
    expect(ruleText(rule({ status: 'smoke' }), undefined, 'en')).toBe('smoke: once, up to 60 min, 2 min grace');
  });
});
