// Formula text -> syntax tree, for the formulas model/formula.ts evaluates (Sheets' grammar, en-US: ","
// between arguments, "." in numbers).
import { columnToLetters, lettersToColumn } from './a1.ts';
import { BLANK, num } from './formula-values.ts';
import { MAX_COLUMNS } from './types.ts';
import type { Val } from './formula-values.ts';

export interface Ref {
  sheet?: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export type Node =
  | { t: 'lit'; v: Val }
  | { t: 'ref'; ref: Ref; single: boolean }
  | { t: 'unary'; op: '-' | '+' | '%'; a: Node }
  | { t: 'binary'; op: string; a: Node; b: Node }
  | { t: 'call'; name: string; args: Node[] }
  /** An array literal {1, 2; 3, 4}: rows of elements, each a value, a range or another array. */
  | { t: 'array'; rows: Node[][] };

/** Beyond what the engine knows: the cell keeps its stored value. */

export class Unsupported extends Error {}
/** Text that is not a formula Sheets would accept. */
export class Unparsable extends Error {}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const WORD = /^[A-Za-z_$][A-Za-z0-9_.$]*/;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const OPERATORS = ['<>', '<=', '>=', '=', '<', '>', '+', '-', '*', '/', '^', '&', '%', '(', ')', ',', ';', '{', '}'];

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    const node = this.comparison();
    this.space();
    if (this.i < this.s.length) throw new Unparsable(`unexpected "${this.s.slice(this.i, this.i + 10)}"`);
    return node;
  }

  private space(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  private peekOp(): string | null {
    this.space();
    for (const op of OPERATORS) if (this.s.startsWith(op, this.i)) return op;
    return null;
  }

  private take(op: string): boolean {
    if (this.peekOp() !== op) return false;
    this.i += op.length;
    return true;
  }

  private binaryLevel(ops: string[], next: () => Node): Node {
    let a = next();
    for (;;) {
      const op = this.peekOp();
      if (op === null || !ops.includes(op)) return a;
      this.i += op.length;
      a = { t: 'binary', op, a, b: next() };
    }
  }

  private comparison = (): Node => this.binaryLevel(['=', '<>', '<', '>', '<=', '>='], this.concat);
  private concat = (): Node => this.binaryLevel(['&'], this.additive);
  private additive = (): Node => this.binaryLevel(['+', '-'], this.multiplicative);
  private multiplicative = (): Node => this.binaryLevel(['*', '/'], this.power);
  // Negation binds tighter than ^ in Sheets: =-2^2 is 4.
  private power = (): Node => this.binaryLevel(['^'], this.unary);

  private unary = (): Node => {
    const op = this.peekOp();
    if (op === '-' || op === '+') {
      this.i++;
      return { t: 'unary', op, a: this.unary() };
    }
    let node = this.primary();
    while (this.take('%')) node = { t: 'unary', op: '%', a: node };
    return node;
  };

  private primary(): Node {
    this.space();
    const rest = this.s.slice(this.i);
    if (rest === '') throw new Unparsable('the formula ends too early');
    if (rest[0] === '(') {
      this.i++;
      const inner = this.comparison();
      if (!this.take(')')) throw new Unparsable('a ")" is missing');
      return inner;
    }
    if (rest[0] === '"') return { t: 'lit', v: { t: 's', v: this.string() } };
    if (rest[0] === '{') return this.arrayLiteral();
    const n = NUMBER.exec(rest);
    if (n) {
      // "1:3" (whole rows) is a range the engine does not read.
      if (rest[n[0].length] === ':') throw new Unsupported('row range');
      this.i += n[0].length;
      return { t: 'lit', v: num(Number(n[0])) };
    }
    if (rest[0] === "'") return this.reference(this.quotedSheet());
    const w = WORD.exec(rest);
    if (!w) throw new Unparsable(`unexpected "${rest.slice(0, 10)}"`);
    const word = w[0];
    const after = rest.slice(word.length);
    if (after[0] === '!') {
      this.i += word.length + 1;
      return this.reference(word);
    }
    if (/^\s*\(/.test(after)) {
      this.i += word.length;
      this.take('(');
      return { t: 'call', name: word.toUpperCase().replace(/^_XLFN\./, ''), args: this.args() };
    }
    if (CELL.test(word) || (COLUMN.test(word) && after[0] === ':')) return this.reference(undefined);
    if (/^(TRUE|FALSE)$/i.test(word)) {
      this.i += word.length;
      return { t: 'lit', v: { t: 'b', v: word.toUpperCase() === 'TRUE' } };
    }
    throw new Unsupported(`named range ${word}`);
  }

  /** {a, b; c, d}: "," starts a new column and ";" a new row (en-US, the syntax setFormula takes). */
  private arrayLiteral(): Node {
    this.i++;
    const rows: Node[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(this.comparison());
      if (this.take(',')) continue;
      if (this.take(';')) {
        rows.push([]);
        continue;
      }
      if (this.take('}')) return { t: 'array', rows };
      throw new Unparsable('a "," ";" or "}" is missing');
    }
  }

  private string(): string {
    let out = '';
    let j = this.i + 1;
    for (;;) {
      if (j >= this.s.length) throw new Unparsable('a text is not closed with "');
      if (this.s[j] === '"') {
        if (this.s[j + 1] === '"') {
          out += '"';
          j += 2;
          continue;
        }
        break;
      }
      out += this.s[j++];
    }
    this.i = j + 1;
    return out;
  }

  private quotedSheet(): string {
    let name = '';
    let j = this.i + 1;
    for (;;) {
      if (j >= this.s.length) throw new Unparsable("a tab name is not closed with '");
      if (this.s[j] === "'") {
        if (this.s[j + 1] === "'") {
          name += "'";
          j += 2;
          continue;
        }
        break;
      }
      name += this.s[j++];
    }
    if (this.s[j + 1] !== '!') throw new Unparsable('a quoted tab name must be followed by !');
    this.i = j + 2;
    return name;
  }

  /** A1, $A$1, A1:B3, A:B (the sheet prefix already read). */
  private reference(sheet: string | undefined): Node {
    const first = this.refPart();
    let ref: Ref;
    let single = false;
    if (this.s[this.i] === ':') {
      this.i++;
      const second = this.refPart();
      const r1 = first.row ?? 1;
      const r2 = second.row ?? Infinity;
      // A2:A is open below (to the grid's last row); A:A2 is not something people write.
      if (first.row === undefined && second.row !== undefined) throw new Unsupported('mixed range');
      ref = { r1: Math.min(r1, r2), r2: Math.max(r1, r2), c1: Math.min(first.col, second.col), c2: Math.max(first.col, second.col) };
    } else {
      if (first.row === undefined) throw new Unparsable(`"${columnToLetters(first.col)}" is not a cell`);
      ref = { r1: first.row, r2: first.row, c1: first.col, c2: first.col };
      single = true;
    }
    if (sheet !== undefined) ref.sheet = sheet;
    return { t: 'ref', ref, single };
  }

  private refPart(): { col: number; row?: number } {
    const w = /^\$?[A-Za-z]{1,3}(?:\$?\d+)?/.exec(this.s.slice(this.i));
    if (!w) throw new Unparsable('a cell reference is expected');
    this.i += w[0].length;
    const cell = CELL.exec(w[0]);
    const col = lettersToColumn((cell ?? COLUMN.exec(w[0]))![1]);
    if (col > MAX_COLUMNS) throw new Unparsable('no such column');
    return cell ? { col, row: Number(cell[2]) } : { col };
  }

  private args(): Node[] {
    const args: Node[] = [];
    if (this.take(')')) return args;
    for (;;) {
      // An empty argument (=IF(A1,,1)) is a blank.
      const op = this.peekOp();
      args.push(op === ',' || op === ')' ? { t: 'lit', v: BLANK } : this.comparison());
      if (this.take(',')) continue;
      if (this.take(')')) return args;
      throw new Unparsable('a "," or ")" is missing');
    }
  }
}

const parsed = new Map<string, Node | Error>();
const PARSED_LIMIT = 2000;

export function parseFormula(formula: string): Node {
  let p = parsed.get(formula);
  if (p === undefined) {
    try {
      p = new Parser(formula.replace(/^=/, '')).parse();
    } catch (e) {
      p = e as Error;
    }
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(formula, p);
  }
  if (p instanceof Error) throw p;
  return p;
}
