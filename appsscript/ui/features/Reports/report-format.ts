// The numbers of a report as the page's language says them: minutes as hours and minutes ("7 h 45 min",
// "7 ч 45 мин"), percentages ("97.5%", "97,5 %"), counts with the language's grouping ("1 234").
import { numberText } from '../../components/charts/chart-kit.ts';
import { stringsFor, type Lang } from '../../i18n/locale.ts';

export { numberText };

/** Whole minutes, as hours and minutes; "—" when there is nothing to say. */
export function minutesText(minutes: number | null | undefined, lang: Lang): string {
  const s = stringsFor(lang).reports;
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return stringsFor(lang).none;
  const total = Math.round(Math.abs(minutes));
  const text = s.duration(numberText(Math.floor(total / 60), lang, 0), total % 60);
  return minutes < 0 && total > 0 ? `−${text}` : text;
}

const percents = new Map<Lang, Intl.NumberFormat>();

/** A percentage given as 0..100; "—" for none (nothing was scheduled). */
export function pctText(pct: number | null | undefined, lang: Lang): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return stringsFor(lang).none;
  let f = percents.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 });
    percents.set(lang, f);
  }
  return f.format(pct / 100);
}

export function countText(n: number, lang: Lang): string {
  return numberText(n, lang, 0);
}
