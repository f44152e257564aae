// A status code as a person sees it: its label in the page's language, its colour and kind. Codes the
// session does not know (a status removed from the tab, an entry made by an admin) still show, by code.
import type { StatusInfo } from '../../../common/status.ts';
import type { Lang } from '../i18n/locale.ts';

export function findStatus(statuses: readonly StatusInfo[], code: string): StatusInfo | undefined {
  return statuses.find((s) => s.code === code);
}

export function statusLabel(statuses: readonly StatusInfo[], code: string, lang: Lang): string {
  const s = findStatus(statuses, code);
  if (!s) return code;
  return (lang === 'ru' ? s.label_ru : s.label_en) || s.label_en || s.label_ru || code;
}

/** Break-like statuses: the break panel counts and times these. */
export function isBreakKind(statuses: readonly StatusInfo[], code: string): boolean {
  const kind = findStatus(statuses, code)?.kind;
  return kind === 'break' || kind === 'lunch';
}
