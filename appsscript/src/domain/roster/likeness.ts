// How close a name in a grid is to a person of Employees, for listing the closest matches of someone the
// grid does not name exactly. Words are compared in any order (either name first), each with its best
// counterpart by edit distance in Latin letters (typos, ё, Cyrillic against Latin), an initial counts for
// most of a word ("Иванова А."), and a word more in the grid (a patronymic) costs little, while a word
// missing from it costs its share: "Иванова Анна Сергеевна" is very close to Анна Иванова, "Иванова" half.
import { latin } from './translit.ts';

/** 0..1 between two words. */
export function wordLikeness(a: string, b: string): number {
  if (a === b) return 1;
  const [x, y] = [latin(a), latin(b)];
  if (x === y) return 0.98;
  // An initial: "а" for Анна.
  if (x.length === 1 || y.length === 1) return x[0] === y[0] ? 0.8 : 0;
  return Math.max(0, 1 - editDistance(x, y) / Math.max(x.length, y.length));
}

/** The share of the person's words the grid's words stand for, less 0.05 for each word the grid has more. */
export function namesLikeness(grid: readonly string[], person: readonly string[]): number {
  if (grid.length === 0 || person.length === 0) return 0;
  const pairs: { i: number; j: number; s: number }[] = [];
  grid.forEach((g, i) => person.forEach((p, j) => pairs.push({ i, j, s: wordLikeness(g, p) })));
  // Best pairs first, each word used once: greedy is exact enough for names of two or three words.
  pairs.sort((a, b) => b.s - a.s || a.i - b.i || a.j - b.j);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  let sum = 0;
  for (const p of pairs) {
    if (p.s <= 0 || usedG.has(p.i) || usedP.has(p.j)) continue;
    usedG.add(p.i);
    usedP.add(p.j);
    sum += p.s;
  }
  const extra = Math.max(0, grid.length - person.length);
  return Math.max(0, sum / person.length - 0.05 * extra);
}

/** Levenshtein distance with adjacent swaps counted as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}
