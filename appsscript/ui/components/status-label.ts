// A status's name as the console shows it: in the page's language, else in the other one, else its code
// (a row typed by hand may have either name empty).
import { getLang, type Lang } from '../i18n/locale.ts';

export interface Labelled {
  code: string;
  label_ru: string;
  label_en: string;
}

export function statusLabel(s: Labelled, lang: Lang = getLang()): string {
  const [mine, other] = lang === 'en' ? [s.label_en, s.label_ru] : [s.label_ru, s.label_en];
  return mine.trim() || other.trim() || s.code;
}
