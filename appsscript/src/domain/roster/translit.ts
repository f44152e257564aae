// Cyrillic in Latin letters, so that "Anna Ivanova" in an English grid can be found near "Анна Иванова" in
// Employees. Only for ranking closest matches: a name is never matched on a transliteration alone.
const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Lower-case Latin: Cyrillic transliterated, and the spellings that vary between systems made one (ia/ya, ks/x). */
export function latin(word: string): string {
  const out = [...word.toLowerCase()].map((ch) => LATIN[ch] ?? ch).join('');
  return out.replace(/iy$/, 'y').replace(/ia/g, 'ya').replace(/iu/g, 'yu').replace(/x/g, 'ks').replace(/j/g, 'y');
}
