// The console's language: Russian or English, the browser's language by default, a person's choice
// remembered in localStorage (the same key as the employee page's, so one choice serves both where they
// share an origin). Storage can be unavailable in a sandboxed frame: then the choice lasts as long as the page.
import { en, type Strings } from './strings-en.ts';
import { ru } from './strings-ru.ts';

export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const STRINGS: Record<Lang, Strings> = { ru, en };
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

/** The texts in the current language. */
export function t(): Strings {
  return STRINGS[current];
}

export function stringsFor(lang: Lang): Strings {
  return STRINGS[lang];
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
