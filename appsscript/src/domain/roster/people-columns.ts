// Which columns name the people: the column (or two or three side by side: surname | name | patronymic)
// whose text names the most people of Employees exactly, else the one that most looks like names; and
// the column of e-mails, if there is one. Columns of dates are never looked at.
import type { PeopleIndex } from './people.ts';
import { cleanText, isEmailText, nameWords } from './text.ts';

export interface PeopleColumns {
  /** Columns whose cells, joined, are a name (0-based, left to right); [] when only e-mails name people. */
  name: number[];
  email: number | null;
}

const NAME_LIKE = /^[\p{L}'-]+$/u;

export function findPeopleColumns(
  rows: readonly (readonly string[])[],
  dataRows: readonly number[],
  otherColumns: readonly number[],
  index: PeopleIndex,
): PeopleColumns | null {
  const cell = (r: number, c: number) => cleanText(rows[r][c] ?? '');
  const email = bestEmailColumn(dataRows, otherColumns, cell);
  const others = new Set(otherColumns.filter((c) => c !== email));
  const candidates: number[][] = [];
  for (const c of others) {
    for (let width = 1; width <= 3; width++) {
      const run = Array.from({ length: width }, (_, i) => c + i);
      if (run.every((x) => others.has(x))) candidates.push(run);
    }
  }
  let best: { columns: number[]; score: number[] } | null = null;
  for (const columns of candidates) {
    // Names of people in Employees, then texts shaped like a full name, then any words (surnames alone).
    const score = [0, 0, 0];
    for (const r of dataRows) {
      const text = columns.map((c) => cell(r, c)).filter(Boolean).join(' ');
      if (text === '' || isEmailText(text)) continue;
      const m = index.exact(text);
      if (m && 'employee' in m) score[0]++;
      const words = nameWords(text);
      const lettered = words.length > 0 && words.every((w) => NAME_LIKE.test(w));
      if (lettered && words.length >= 2 && words.length <= 4) score[1]++;
      if (lettered) score[2]++;
    }
    // Ties go to fewer columns, then the leftmost.
    const key = [...score, -columns.length, -columns[0]];
    const bestKey = best ? [...best.score, -best.columns.length, -best.columns[0]] : null;
    if (!bestKey || isGreater(key, bestKey)) best = { columns, score };
  }
  if (best && (best.score[0] > 0 || best.score[2] > 0)) return { name: best.columns, email };
  return email === null ? null : { name: [], email };
}

function isGreater(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

function bestEmailColumn(dataRows: readonly number[], columns: readonly number[], cell: (r: number, c: number) => string): number | null {
  let best: { column: number; count: number } | null = null;
  for (const c of columns) {
    const count = dataRows.filter((r) => isEmailText(cell(r, c))).length;
    if (count > 0 && (!best || count > best.count)) best = { column: c, count };
  }
  return best ? best.column : null;
}
