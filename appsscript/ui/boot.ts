// What every console page does first: the document in the page's language, no browser margin (a sidebar is
// only 300 px), and the screen's element on the page.
import { getLang, onLangChange } from './i18n/locale.ts';

export function mountScreen(tag: string): HTMLElement {
  document.documentElement.lang = getLang();
  onLangChange((lang) => (document.documentElement.lang = lang));
  document.body.style.margin = '0';
  const el = document.createElement(tag);
  document.body.append(el);
  return el;
}
