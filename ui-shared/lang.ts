// The language of a page, Russian or English, for both browser apps (the employee page and the admin
// console): the browser's language by default, a person's choice remembered in localStorage under one key,
// so one choice serves both where they share an origin. Storage can be unavailable (a sandboxed iframe,
// private mode): then the choice lasts as long as the page. Each app keeps its own texts (`catalogs`).

export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const LANG_STORAGE_KEY = 'wtt.lang';

function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}

/** The stored choice, else the first of the browser's languages we speak, else English. */
export function detectLang(stored: string | null, browserLanguages: readonly string[]): Lang {
  if (isLang(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANG_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function browserLanguages(): readonly string[] {
  const nav = globalThis.navigator;
  if (!nav) return [];
  return nav.languages?.length ? nav.languages : nav.language ? [nav.language] : [];
}

let current: Lang = detectLang(readStored(), browserLanguages());
const listeners = new Set<(lang: Lang) => void>();

export function getLang(): Lang {
  return current;
}

/** Switches the language, remembers it, and tells the listeners (components re-render). */
export function setLang(lang: Lang): void {
  if (!isLang(lang)) return;
  try {
    globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // not remembered, but still switched
  }
  if (globalThis.document) globalThis.document.documentElement.lang = lang;
  if (lang === current) return;
  current = lang;
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Re-reads the stored choice and the browser's languages (a fresh page, and tests). */
export function resetLang(): void {
  const lang = detectLang(readStored(), browserLanguages());
  const changed = lang !== current;
  current = lang;
  if (globalThis.document) globalThis.document.documentElement.lang = lang;
  if (changed) for (const fn of listeners) fn(lang);
}

/** An app's texts by language: `t()` in the current one, `stringsFor(lang)` in any. */
export function catalogs<S>(byLang: Record<Lang, S>): { t: () => S; stringsFor: (lang: Lang) => S } {
  return { t: () => byLang[current], stringsFor: (lang) => byLang[lang] };
}
