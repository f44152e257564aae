// How a roster's text is compared: what Sheets' display values and pasted text do to the same word (spaces,
// no-break spaces, ё for е, letter case, the dash a keyboard or Word put in) must not change its reading.

/** Every dash a spreadsheet or a word processor may put between two times. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Trimmed, inner runs of white space (no-break ones too) as one space, dashes as '-'. Case is kept. */
export function cleanText(s: string): string {
  return s.replace(DASHES, '-').replace(/[\s\u00A0\u2007\u202F]+/g, ' ').trim();
}

/** cleanText, lower-cased, ё as е: the form marks, weekdays and names are compared in. */
export function foldText(s: string): string {
  return cleanText(s).toLowerCase().replace(/ё/g, 'е');
}

/** The words of a name: folded, punctuation as spaces ("Иванова А.С." -> иванова, а, с). */
export function nameWords(s: string): string[] {
  return foldText(s)
    .replace(/[.,;:()"'«»!?_/\\]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && w !== '-');
}

export function isEmailText(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(cleanText(s));
}
