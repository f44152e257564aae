// Texts in two languages that both browser apps say the same way.
import type { Lang } from './lang.ts';

/**
 * The half of a server message "English / Русский" (the project's convention for what the server says) in
 * the given language; any other text as it is.
 */
export function pickLanguage(message: string, lang: Lang): string {
  const cut = message.indexOf(' / ');
  if (cut < 0) return message;
  const english = message.slice(0, cut).trim();
  const russian = message.slice(cut + 3).trim();
  // Only a real pair: the second half is Russian (a code or an id never holds Cyrillic).
  if (!english || !/[А-Яа-яЁё]/.test(russian)) return message;
  return lang === 'ru' ? russian : english;
}

/** The Russian word for a count: `one` (1, 21), `few` (2–4, 22) or `many` (5–20, 11). */
export function plural(n: number, one: string, few: string, many: string): string {
  const form = new Intl.PluralRules('ru').select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
}
