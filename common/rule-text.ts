// A break rule in plain words, for the Rules screen's preview ("Lunch: once, up to 60 min, 2 min grace").
// Pure, so the sidebar can run it on every keystroke. It says what the rules of
// docs/rules.md do with the numbers, nothing more: min_gap_minutes is left out because no rule checks it,
// and a blank limit is no limit.
import type { RuleRecord } from './admin-api.ts';
import type { StatusKind } from './status.ts';

export type RuleTextLang = 'ru' | 'en';

/** What the preview needs of the rule's status; undefined when the code is not in Statuses. */
export interface RuleTextStatus {
  label_ru: string;
  label_en: string;
  kind: StatusKind;
}

export type RuleTextInput = Pick<RuleRecord, 'status' | 'max_per_shift' | 'max_minutes' | 'grace_minutes' | 'window_tolerance_minutes'>;

/** "1 раз", "2 раза", "5 раз", "21 раз": Russian picks the noun form by the last digits. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

function times(n: number, lang: RuleTextLang): string {
  if (lang === 'en') return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
  return `${n} ${ruPlural(n, 'раз', 'раза', 'раз')}`;
}

function min(n: number, lang: RuleTextLang): string {
  return lang === 'en' ? `${n} min` : `${n} мин`;
}

/** One rule as a sentence in `lang`; the status's label leads, or its code when Statuses lacks it. */
export function ruleText(rule: RuleTextInput, status: RuleTextStatus | undefined, lang: RuleTextLang): string {
  const label = status ? (lang === 'en' ? status.label_en : status.label_ru) || rule.status : rule.status;
  const grace = rule.grace_minutes;
  const tolerance = rule.window_tolerance_minutes;
  // A work status's row carries the shift's own grace and tolerance (docs/rules.md), not a break's limits.
  if (status?.kind === 'work') {
    const parts: string[] = [];
    if (grace > 0) parts.push(lang === 'en' ? `${min(grace, lang)} grace for a late start or an early leave` : `допуск ${min(grace, lang)} на опоздание и ранний уход`);
    if (tolerance > 0) parts.push(lang === 'en' ? `${min(tolerance, lang)} tolerance at the shift's edges` : `${min(tolerance, lang)} свободы на границах смены`);
    if (parts.length === 0) parts.push(lang === 'en' ? 'on time to the minute' : 'точно по расписанию');
    return `${label}: ${parts.join(', ')}`;
  }
  if (rule.max_per_shift === 0) return `${label}: ${lang === 'en' ? 'not allowed' : 'не разрешено'}`;
  const parts: string[] = [];
  if (rule.max_per_shift !== null) parts.push(times(rule.max_per_shift, lang));
  if (rule.max_minutes !== null) parts.push(lang === 'en' ? `up to ${min(rule.max_minutes, lang)}` : `до ${min(rule.max_minutes, lang)}`);
  if (parts.length === 0) parts.push(lang === 'en' ? 'no limit' : 'без ограничений');
  if (grace > 0) parts.push(lang === 'en' ? `${min(grace, lang)} grace` : `допуск ${min(grace, lang)}`);
  if (tolerance > 0) parts.push(lang === 'en' ? `within ${min(tolerance, lang)} of the plan` : `не дальше ${min(tolerance, lang)} от плана`);
  return `${label}: ${parts.join(', ')}`;
}
