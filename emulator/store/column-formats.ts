// Number formats down each column, for writing a sheet row by row.
// The model keeps formats as rectangles (FormatRule); xlsx keeps one format per cell plus a default per
// column for the cells that do not exist. This turns the rectangles into, per column, a sorted list of row
// spans so that a writer walking the rows downwards finds each cell's format in O(1).
import type { FormatRule } from '../model/types.ts';

interface Span {
  from: number;
  to: number; // inclusive, may be Infinity
  format: string;
}

export class ColumnFormats {
  private readonly spans: Span[][] = [];
  private readonly cursors: number[] = [];

  /** `width`: columns to resolve (a rule open to the right covers columns up to it). */
  constructor(rules: readonly FormatRule[], width: number) {
    for (let c = 1; c <= width; c++) {
      const covering = rules.filter((f) => f.c1 <= c && c <= f.c2);
      this.spans[c] = covering.length ? paint(covering) : [];
      this.cursors[c] = 0;
    }
  }

  /** The format of (row, col); '' is automatic. Rows must be asked in non-decreasing order per column. */
  at(row: number, col: number): string {
    const spans = this.spans[col];
    if (!spans || spans.length === 0) return '';
    let i = this.cursors[col];
    while (i < spans.length && spans[i].to < row) i++;
    this.cursors[col] = i;
    const s = spans[i];
    return s && s.from <= row ? s.format : '';
  }

  /** The format the column gives rows below any data: that of a rule open downwards, if one covers it. */
  openEnded(col: number): string {
    const spans = this.spans[col];
    const last = spans?.[spans.length - 1];
    return last && last.to === Infinity ? last.format : '';
  }
}

/**
 * Row spans of the rules covering one column. apply.ts keeps rules disjoint; if they ever overlap, the
 * first rule wins, as numberFormatAt() reads them.
 */
function paint(rules: FormatRule[]): Span[] {
  let spans: Span[] = [];
  for (let i = rules.length - 1; i >= 0; i--) {
    const f = rules[i];
    const next: Span[] = [];
    for (const s of spans) {
      if (s.to < f.r1 || s.from > f.r2) next.push(s);
      else {
        if (s.from < f.r1) next.push({ ...s, to: f.r1 - 1 });
        if (s.to > f.r2) next.push({ ...s, from: f.r2 + 1 });
      }
    }
    next.push({ from: f.r1, to: f.r2, format: f.format });
    spans = next;
  }
  return spans.filter((s) => s.format !== '').sort((a, b) => a.from - b.from);
}

/**
 * The inverse, for a sheet read from xlsx: builds disjoint rules from each column's runs of equal format.
 * Feed cells top to bottom per column; the column's default covers the rows without a cell.
 */
export class FormatRuleBuilder {
  private readonly runs = new Map<number, { start: number; format: string; lastRow: number; done: [number, number, string][] }>();

  constructor(private readonly columnDefault: (col: number) => string) {}

  cell(row: number, col: number, format: string): void {
    let run = this.runs.get(col);
    if (!run) {
      run = { start: 1, format: this.columnDefault(col), lastRow: 0, done: [] };
      this.runs.set(col, run);
    }
    if (row > run.lastRow + 1) this.switchTo(run, run.lastRow + 1, this.columnDefault(col));
    this.switchTo(run, row, format);
    run.lastRow = row;
  }

  private switchTo(run: { start: number; format: string; done: [number, number, string][] }, row: number, format: string): void {
    if (format === run.format) return;
    if (row > run.start) run.done.push([run.start, row - 1, run.format]);
    run.start = row;
    run.format = format;
  }

  /** `defaultColumns`: the columns with a non-automatic default, whether or not they hold cells. */
  build(defaultColumns: Iterable<number>): FormatRule[] {
    for (const col of defaultColumns) {
      if (!this.runs.has(col)) this.runs.set(col, { start: 1, format: this.columnDefault(col), lastRow: 0, done: [] });
    }
    // Per column: closed runs, then the open one continuing with the default below the last cell.
    const perColumn = new Map<number, [number, number, string][]>();
    for (const [col, run] of this.runs) {
      const spans = [...run.done];
      const def = this.columnDefault(col);
      if (run.format === def) spans.push([run.start, Infinity, def]);
      else {
        spans.push([run.start, run.lastRow, run.format]);
        spans.push([run.lastRow + 1, Infinity, def]);
      }
      perColumn.set(col, spans.filter((s) => s[2] !== ''));
    }
    // Neighbouring columns with the same span become one rule.
    const rules: FormatRule[] = [];
    const open = new Map<string, FormatRule>();
    for (const col of [...perColumn.keys()].sort((a, b) => a - b)) {
      for (const [r1, r2, format] of perColumn.get(col)!) {
        const key = `${r1}:${r2}:${format}`;
        const prev = open.get(key);
        if (prev && prev.c2 === col - 1) prev.c2 = col;
        else {
          const rule = { r1, c1: col, r2, c2: col, format };
          rules.push(rule);
          open.set(key, rule);
        }
      }
    }
    return rules;
  }
}
