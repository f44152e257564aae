// Sidebar text in Russian and English; the browser's language picks, English otherwise.
export type Lang = 'ru' | 'en';
export const lang: Lang = typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
export function t(text: { ru: string; en: string }): string {
  return text[lang];
}
