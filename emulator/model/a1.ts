// A1 notation: "B2", "A1:C10", "A:B", "2:5", "A2:C" and an optional sheet prefix ("'My tab'!A1:B2").
import { MAX_COLUMNS } from './types.ts';

export interface A1Ref {
  sheetName?: string;
  r1: number;
  c1: number;
  /** Infinity for open ends ("A:B", "A2:C"); the caller closes them with the sheet's grid size. */
  r2: number;
  c2: number;
}

export function columnToLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "A1" for one cell, "A1:B3" otherwise, as Range.getA1Notation. */
export function a1Notation(row: number, col: number, numRows: number, numCols: number): string {
  const start = columnToLetters(col) + row;
  if (numRows === 1 && numCols === 1) return start;
  return `${start}:${columnToLetters(col + numCols - 1)}${row + numRows - 1}`;
}

const PART = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

interface Part {
  col?: number;
  row?: number;
}

function parsePart(text: string): Part | null {
  const m = PART.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const part: Part = {};
  if (m[1]) part.col = lettersToColumn(m[1]);
  if (m[2]) part.row = Number(m[2]);
  if (part.row === 0 || (part.col !== undefined && part.col > MAX_COLUMNS)) return null;
  return part;
}

/** null when the text is not A1 notation (Apps Script then says "Range not found"). */
export function parseA1(text: string): A1Ref | null {
  let rest = text.trim();
  let sheetName: string | undefined;
  const bang = rest.lastIndexOf('!');
  if (bang >= 0) {
    const prefix = rest.slice(0, bang);
    rest = rest.slice(bang + 1);
    sheetName = /^'.*'$/.test(prefix) ? prefix.slice(1, -1).replace(/''/g, "'") : prefix;
    if (!sheetName) return null;
  }
  const [a, b, extra] = rest.split(':');
  if (extra !== undefined || !a) return null;
  const start = parsePart(a);
  const end = b === undefined ? start : parsePart(b);
  if (!start || !end) return null;
  if (b === undefined && (start.row === undefined || start.col === undefined)) return null;
  // A column-only part is open downwards, a row-only part is open to the right.
  const r1 = start.row ?? 1;
  const c1 = start.col ?? 1;
  const r2 = end.row ?? Infinity;
  const c2 = end.col ?? Infinity;
  const ref: A1Ref = { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
  if (sheetName !== undefined) ref.sheetName = sheetName;
  return ref;
}
