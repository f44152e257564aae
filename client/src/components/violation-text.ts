// A violation's "planned" and "actual" as the rules wrote them for leads of either language: status
// codes, 'HH:mm' times and numbers ("break 11:02–11:21, 19 min"). For the employee the codes become the
// statuses' labels and "min" the page's word for minutes, so the line reads in the page's language.
import type { StatusInfo } from '../../../common/status.ts';
import type { Lang } from '../i18n/locale.ts';
import type { Strings } from '../i18n/strings-en.ts';
import { findStatus, statusLabel } from './status-lookup.ts';

// "19 min", or a word made of letters, digits, '_' and '-' (a status code is one such word).
const TOKEN = /(\d+) min(?![\p{L}\p{N}_])|[\p{L}\p{N}_-]+/gu;

export function violationText(text: string, statuses: readonly StatusInfo[], lang: Lang, s: Strings): string {
  return text.replace(TOKEN, (token: string, minutes: string | undefined) => {
    if (minutes !== undefined) return s.minutes(Number(minutes));
    return findStatus(statuses, token) ? statusLabel(statuses, token, lang) : token;
  });
}
