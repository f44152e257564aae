// A violation's "planned" and "actual" as the rules wrote them for leads of either language: status codes,
// 'HH:mm' times and numbers ("break 11:02–11:21, 19 min"). On the page the codes become the statuses' names
// and "min" the page's word, so the line reads in the page's language.
import type { Lang } from '../../i18n/locale.ts';
import { stringsFor } from '../../i18n/locale.ts';
import { chipLabel, type ChipStatus } from '../../components/status-chip.ts';

// "19 min", or a word made of letters, digits, '_' and '-' (a status code is one such word).
const TOKEN = /(\d+) min(?![\p{L}\p{N}_])|[\p{L}\p{N}_-]+/gu;

export function violationText(text: string, statuses: readonly ChipStatus[], lang: Lang): string {
  const s = stringsFor(lang).violations;
  return text.replace(TOKEN, (token: string, minutes: string | undefined) => {
    if (minutes !== undefined) return s.minutes(Number(minutes));
    const status = statuses.find((st) => st.code === token);
    return status ? chipLabel(status, token, lang) : token;
  });
}

/** A length as "19 min" or "1 h 05 min". */
export function durationText(ms: number, lang: Lang): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  return stringsFor(lang).violations.duration(Math.floor(minutes / 60), minutes % 60);
}
