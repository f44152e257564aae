// The values of formula cells, as Sheets computes them, for the formulas admins type into the tabs people
// edit and the one setup puts beside the machine's columns (appsscript/src/store/names-column.ts): literals,
// arithmetic, comparison, & and CONCATENATE, references to cells and ranges (also on other tabs), the
// functions of formula-functions.ts, array literals {a, b; c, d}, ARRAYFORMULA, and results that spill.
// Google evaluates every formula and getValues gives its value; without this the emulator gave '' and a
// hand-typed =10+5 read as a blank cell.
//
// Evaluation happens when a range is read (nothing is stored), so a formula always reflects the cells it
// names, as on Google. Types follow Sheets: a blank reference is 0 in arithmetic and '' in text; text that
// reads as a number or a date counts as one in arithmetic; errors are the strings getValues gives ('#REF!',
// '#VALUE!', '#DIV/0!', '#N/A', '#NUM!'), and propagate. A result Sheets would format as a date (DATE,
// TIME, TODAY, a date plus days) is a Date, as getValues gives it.
//
// Arrays, as Sheets has them: a range is as big as the grid lets it be (B2:B runs to the last row); inside
// ARRAYFORMULA operators and one-value functions apply element by element (a single row or column is
// repeated to fit), outside it a range where one value is wanted is not guessed at. A formula whose result
// is an array spills it into the cells below and to the right: they read as the array's values (getFormulas
// gives '' there), and a spill that would overwrite a value or leave the grid reads as #REF! in the formula's
// cell ("Array result was not expanded because it would overwrite data in ..."). A formula never sees its own
// spill; overlapping spills of two formulas are not arbitrated.
//
// What the engine does not know (another function, a named range) is not guessed at: the cell keeps the
// value stored with it (a workbook saved by LibreOffice or Excel carries one), or reads as '#NAME?' as an
// unknown function does in Sheets; text that does not parse reads as '#ERROR!'.
import { cellAt, formulaKey, formulaPosition } from './apply.ts';
import { FUNCTIONS, type CallContext } from './formula-functions.ts';
import { parseFormula, Unparsable, Unsupported, type Node } from './formula-parse.ts';
import { arr, asArr, BLANK, compare, err, num, toNumber, toText, type Arr, type Res, type Val } from './formula-values.ts';
import { fromWallMs, serialFromMs, wallMsFromSerial } from './timezone.ts';
import type { CellValue, SheetModel, SpreadsheetModel } from './types.ts';

type CallNode = Extract<Node, { t: 'call' }>;

/** Functions whose result may be an array whatever their arguments. */
const ARRAY_RESULTS = new Set(['ARRAYFORMULA', 'FILTER', 'ARRAY_CONSTRAIN']);
const COMPARISONS = new Set(['=', '<>', '<', '>', '<=', '>=']);
/** Functions that hand on an argument unchanged, which may be an array. */
const PASS_ON = new Set(['IF', 'IFERROR', 'IFNA']);

/** Whether a formula can give an array (and so spill); everything else gives one value, whatever the cells. */
function mayGiveArray(node: Node): boolean {
  switch (node.t) {
    case 'array':
      return true;
    case 'ref':
      return !node.single;
    case 'call':
      return ARRAY_RESULTS.has(node.name) || (PASS_ON.has(node.name) && node.args.some(mayGiveArray));
    default:
      return false;
  }
}

interface Anchor {
  row: number;
  col: number;
  formula: string;
}

/** One read's worth of evaluation: every formula cell is computed at most once. */
export class FormulaEngine {
  private readonly memo = new Map<string, Res>();
  private readonly inProgress = new Set<string>();
  private readonly anchors = new Map<number, Anchor[]>();
  /** Ranges already read: a formula over whole columns names the same ones several times. */
  private readonly ranges = new Map<string, Arr>();
  /** Counts reads that met a formula still being computed: what they got is not kept for later. */
  private unsettled = 0;
  /** The cells being computed, innermost last: ROW() and COLUMN() without a reference name it. */
  private readonly here: { row: number; col: number }[] = [];

  constructor(
    private readonly ss: SpreadsheetModel,
    private readonly nowMs: number,
  ) {}

  /** The cell's value as getValues gives it: a formula's result, a spilled value, else what is stored. */
  valueAt(sheet: SheetModel, row: number, col: number): CellValue {
    if (!sheet.formulas.has(formulaKey(row, col))) {
      const stored = cellAt(sheet, row, col);
      if (stored !== '') return stored;
      const spilled = this.spilledAt(sheet, row, col);
      return spilled ? this.toCell(spilled) : '';
    }
    return this.toCell(this.cell(sheet, row, col));
  }

  /**
   * Whether a spill could reach a cell at or above-left of (row, col): only formulas that can give an array
   * count, decided from their text, so a read that no spill can reach costs nothing more.
   */
  reaches(sheet: SheetModel, row: number, col: number): boolean {
    return this.anchorsOf(sheet).some((a) => a.row <= row && a.col <= col);
  }

  /** The last row and column any spill of the sheet reaches (0 when none spills). */
  spillExtent(sheet: SheetModel): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const a of this.anchorsOf(sheet)) {
      const res = this.result(sheet, a);
      if (res.t !== 'arr') continue;
      rows = Math.max(rows, a.row + res.rows - 1);
      cols = Math.max(cols, a.col + res.cols - 1);
    }
    return { rows, cols };
  }

  private toCell(v: Val): CellValue {
    switch (v.t) {
      case 'n':
        return v.date ? new Date(fromWallMs(wallMsFromSerial(v.v), this.ss.timeZone)) : v.v;
      case 's':
      case 'b':
      case 'e':
        return v.v;
      case 'blank':
        return '';
    }
  }

  private fromCell(v: CellValue): Val {
    if (v === '') return BLANK;
    if (typeof v === 'number') return num(v);
    if (typeof v === 'string') return { t: 's', v };
    if (typeof v === 'boolean') return { t: 'b', v };
    return num(serialFromMs(v.getTime(), this.ss.timeZone), true);
  }

  /** A cell's value as formulas see it: a formula's (top-left) value, what is stored, or a spilled value. */
  private cell(sheet: SheetModel, row: number, col: number): Val {
    const formula = sheet.formulas.get(formulaKey(row, col));
    if (formula === undefined) {
      const stored = cellAt(sheet, row, col);
      if (stored !== '') return this.fromCell(stored);
      return this.spilledAt(sheet, row, col) ?? BLANK;
    }
    const res = this.result(sheet, { row, col, formula });
    return res.t === 'arr' ? res.v[0] : res;
  }

  /** A formula's result: one value, or an array that fits where it spills (else #REF!). */
  private result(sheet: SheetModel, at: Anchor): Res {
    const id = `${sheet.id}:${formulaKey(at.row, at.col)}`;
    const known = this.memo.get(id);
    if (known) return known;
    // Sheets reports a circular dependency as #REF!.
    if (this.inProgress.has(id)) {
      this.unsettled++;
      return err('#REF!');
    }
    this.inProgress.add(id);
    this.here.push(at);
    let v: Res;
    try {
      const res = this.eval(parseFormula(at.formula), sheet, false);
      v = res.t === 'arr' ? this.place(sheet, at, res) : res;
    } catch (e) {
      if (!(e instanceof Unsupported) && !(e instanceof Unparsable)) throw e;
      const stored = cellAt(sheet, at.row, at.col);
      v = stored !== '' ? this.fromCell(stored) : err(e instanceof Unsupported ? '#NAME?' : '#ERROR!');
    } finally {
      this.here.pop();
      this.inProgress.delete(id);
    }
    this.memo.set(id, v);
    return v;
  }

  /** Where an array goes: one value stays in its cell; a bigger one needs the grid and empty cells. */
  private place(sheet: SheetModel, at: Anchor, a: Arr): Res {
    if (a.rows * a.cols === 1) return a.v[0];
    // "Result was not automatically expanded, please insert more rows" when it would leave the grid.
    if (at.row + a.rows - 1 > sheet.maxRows || at.col + a.cols - 1 > sheet.maxColumns) return err('#REF!');
    const lastStored = sheet.rows.length;
    for (let i = 0; i < a.rows; i++) {
      const r = at.row + i;
      for (let j = 0; j < a.cols; j++) {
        if (i === 0 && j === 0) continue;
        const c = at.col + j;
        if ((r <= lastStored && cellAt(sheet, r, c) !== '') || sheet.formulas.has(formulaKey(r, c))) return err('#REF!');
      }
    }
    return a;
  }

  /** The value a spill puts into a cell that holds nothing itself, if any reaches it. */
  private spilledAt(sheet: SheetModel, row: number, col: number): Val | undefined {
    for (const a of this.anchorsOf(sheet)) {
      if (a.row > row || a.col > col || (a.row === row && a.col === col)) continue;
      // A formula never sees its own spill (its size is what is being computed).
      if (this.inProgress.has(`${sheet.id}:${formulaKey(a.row, a.col)}`)) {
        this.unsettled++;
        continue;
      }
      const res = this.result(sheet, a);
      if (res.t !== 'arr') continue;
      const i = row - a.row;
      const j = col - a.col;
      if (i < res.rows && j < res.cols) return res.v[i * res.cols + j];
    }
    return undefined;
  }

  private formulaInRow(sheet: SheetModel, row: number, c1: number, c2: number): boolean {
    if (sheet.formulas.size === 0) return false;
    for (let c = c1; c <= c2; c++) if (sheet.formulas.has(formulaKey(row, c))) return true;
    return false;
  }

  /** The sheet's formulas that can give an array, top to bottom. */
  private anchorsOf(sheet: SheetModel): Anchor[] {
    let list = this.anchors.get(sheet.id);
    if (!list) {
      list = [];
      for (const [key, formula] of sheet.formulas) {
        let node: Node;
        try {
          node = parseFormula(formula);
        } catch {
          continue;
        }
        if (mayGiveArray(node)) list.push({ ...formulaPosition(key), formula });
      }
      list.sort((a, b) => a.row - b.row || a.col - b.col);
      this.anchors.set(sheet.id, list);
    }
    return list;
  }

  private sheetOf(from: SheetModel, name: string | undefined): SheetModel | null {
    if (name === undefined) return from;
    const lower = name.toLowerCase();
    return this.ss.sheets.find((s) => s.name.toLowerCase() === lower) ?? null;
  }

  /**
   * A reference evaluates to the cells it names (a range: an array) or one cell's value. `am` is array mode
   * (inside ARRAYFORMULA, or an argument that is an array by nature): operators and one-value functions
   * then apply element by element.
   */
  private eval(node: Node, sheet: SheetModel, am: boolean): Res {
    switch (node.t) {
      case 'lit':
        return node.v;
      case 'ref': {
        const target = this.sheetOf(sheet, node.ref.sheet);
        if (!target) return err('#REF!');
        const { r1, c1 } = node.ref;
        if (r1 > target.maxRows || c1 > target.maxColumns) return err('#REF!');
        if (node.single) return this.cell(target, r1, c1);
        const r2 = Math.min(node.ref.r2, target.maxRows);
        const c2 = Math.min(node.ref.c2, target.maxColumns);
        const id = `${target.id}:${r1}:${c1}:${r2}:${c2}`;
        const known = this.ranges.get(id);
        if (known) return known;
        const unsettled = this.unsettled;
        const out: Val[] = new Array((r2 - r1 + 1) * (c2 - c1 + 1));
        // Below the last stored row only formulas' spills can put a value.
        const stored = target.rows.length;
        const spills = this.reaches(target, r2, c2);
        let k = 0;
        for (let r = r1; r <= r2; r++) {
          if (r > stored && !spills && !this.formulaInRow(target, r, c1, c2)) {
            for (let c = c1; c <= c2; c++) out[k++] = BLANK;
            continue;
          }
          for (let c = c1; c <= c2; c++) out[k++] = this.cell(target, r, c);
        }
        const a = arr(r2 - r1 + 1, c2 - c1 + 1, out);
        if (this.unsettled === unsettled) this.ranges.set(id, a);
        return a;
      }
      case 'array':
        return this.literal(node.rows, sheet, am);
      case 'unary': {
        const op = node.op;
        const unary = (x: Val): Val => {
          const a = toNumber(x, this.ss.timeZone);
          if (a.t !== 'n') return a;
          return num(op === '-' ? -a.v : op === '%' ? a.v / 100 : a.v, op === '+' && a.date);
        };
        const a = this.eval(node.a, sheet, am);
        return am ? this.lift([a], ([x]) => unary(x)) : unary(this.scalar(a));
      }
      case 'binary': {
        const a = this.eval(node.a, sheet, am);
        const b = this.eval(node.b, sheet, am);
        if (!am) return this.binary(node.op, this.scalar(a), this.scalar(b));
        return this.lift([a, b], ([x, y]) => this.binary(node.op, x, y));
      }
      case 'call':
        return this.call(node, sheet, am);
    }
  }

  /** One value where one is wanted: a 1 x 1 array is its value; a bigger one is not guessed at. */
  private scalar(v: Res): Val {
    if (v.t !== 'arr') return v;
    if (v.rows * v.cols === 1) return v.v[0];
    throw new Unsupported('a range where one value is wanted');
  }

  /**
   * Applies `f` element by element. Arrays must agree in size, except that a single row or column (or one
   * value) is repeated to fit, as Sheets does; otherwise the result is #VALUE!.
   */
  private lift(inputs: Res[], f: (xs: Val[]) => Val): Res {
    let rows = 1;
    let cols = 1;
    for (const x of inputs) {
      if (x.t !== 'arr') continue;
      if (x.rows !== 1) {
        if (rows !== 1 && rows !== x.rows) return err('#VALUE!');
        rows = x.rows;
      }
      if (x.cols !== 1) {
        if (cols !== 1 && cols !== x.cols) return err('#VALUE!');
        cols = x.cols;
      }
    }
    if (rows * cols === 1 && !inputs.some((x) => x.t === 'arr')) return f(inputs as Val[]);
    // Per element: no closure or array made (a whole column is thousands of elements).
    const n = inputs.length;
    const xs: Val[] = new Array(n);
    const out: Val[] = new Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        for (let k = 0; k < n; k++) {
          const x = inputs[k];
          xs[k] = x.t !== 'arr' ? x : x.v[(x.rows === 1 ? 0 : i) * x.cols + (x.cols === 1 ? 0 : j)];
        }
        out[i * cols + j] = f(xs);
      }
    }
    return rows * cols === 1 ? out[0] : arr(rows, cols, out);
  }

  /** {a, b; c, d}: elements side by side must be as tall as each other, rows as wide. */
  private literal(rows: Node[][], sheet: SheetModel, am: boolean): Res {
    const stacked: Arr[] = [];
    for (const row of rows) {
      const parts = row.map((n) => asArr(this.eval(n, sheet, am)));
      const height = parts[0].rows;
      if (parts.some((p) => p.rows !== height)) return err('#VALUE!');
      const width = parts.reduce((w, p) => w + p.cols, 0);
      const v: Val[] = new Array(height * width);
      let left = 0;
      for (const p of parts) {
        for (let i = 0; i < height; i++) for (let j = 0; j < p.cols; j++) v[i * width + left + j] = p.v[i * p.cols + j];
        left += p.cols;
      }
      stacked.push(arr(height, width, v));
    }
    const width = stacked[0].cols;
    if (stacked.some((p) => p.cols !== width)) return err('#VALUE!');
    const v = stacked.flatMap((p) => p.v);
    return arr(v.length / width, width, v);
  }

  private binary(op: string, a: Val, b: Val): Val {
    if (op === '&') {
      if (a.t === 'e') return a;
      if (b.t === 'e') return b;
      return { t: 's', v: toText(a) + toText(b) };
    }
    if (COMPARISONS.has(op)) {
      if (a.t === 'e') return a;
      if (b.t === 'e') return b;
      const c = compare(a, b);
      const r = op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
      return { t: 'b', v: r };
    }
    const x = toNumber(a, this.ss.timeZone);
    if (x.t !== 'n') return x;
    const y = toNumber(b, this.ss.timeZone);
    if (y.t !== 'n') return y;
    switch (op) {
      case '+':
        // A date plus days is a date; Sheets carries the date format over.
        return num(x.v + y.v, !!x.date !== !!y.date);
      case '-':
        return num(x.v - y.v, !!x.date && !y.date);
      case '*':
        return num(x.v * y.v);
      case '/':
        return y.v === 0 ? err('#DIV/0!') : num(x.v / y.v);
      case '^':
        return num(x.v ** y.v);
    }
    throw new Unparsable(`unknown operator ${op}`);
  }

  /** ROW and COLUMN: of the reference (a column or row of numbers in array mode), or of the formula's cell. */
  private position(node: CallNode, sheet: SheetModel, am: boolean): Res {
    const isRow = node.name === 'ROW';
    if (node.args.length > 1) return err('#N/A');
    const ref = node.args[0];
    if (ref === undefined) {
      const here = this.here[this.here.length - 1];
      return num(isRow ? here.row : here.col);
    }
    if (ref.t !== 'ref') return err('#VALUE!');
    const target = this.sheetOf(sheet, ref.ref.sheet);
    if (!target) return err('#REF!');
    const first = isRow ? ref.ref.r1 : ref.ref.c1;
    if (!am || ref.single) return num(first);
    const last = isRow ? Math.min(ref.ref.r2, target.maxRows) : Math.min(ref.ref.c2, target.maxColumns);
    const v: Val[] = [];
    for (let k = first; k <= last; k++) v.push(num(k));
    return isRow ? arr(v.length, 1, v) : arr(1, v.length, v);
  }

  private call(node: CallNode, sheet: SheetModel, am: boolean): Res {
    const { name, args } = node;
    if (name === 'ARRAYFORMULA') return args.length === 1 ? this.eval(args[0], sheet, true) : err('#N/A');
    if (name === 'ROW' || name === 'COLUMN') return this.position(node, sheet, am);
    const fn = FUNCTIONS[name];
    if (!fn) throw new Unsupported(`function ${name}`);
    if (args.length < fn.min || args.length > fn.max) return err('#N/A');
    const isWhole = (i: number) => fn.whole === 'all' || (fn.whole?.includes(i) ?? false);
    const wholes = new Map<number, Arr>();
    const array = (i: number): Arr => {
      let a = wholes.get(i);
      if (!a) wholes.set(i, (a = asArr(i < args.length ? this.eval(args[i], sheet, true) : BLANK)));
      return a;
    };
    const common = {
      timeZone: this.ss.timeZone,
      now: this.nowMs,
      count: args.length,
      array,
      values: () =>
        args.flatMap((a): { v: Val; fromRange: boolean }[] => {
          const v = this.eval(a, sheet, am);
          return v.t === 'arr' ? v.v.map((x) => ({ v: x, fromRange: true })) : [{ v, fromRange: false }];
        }),
    };
    if (fn.aggregate || !am) {
      // Arguments are evaluated only when the function asks (IF is lazy).
      const res = (i: number): Res => (i < args.length ? this.eval(args[i], sheet, am) : BLANK);
      return fn.run({ ...common, arg: (i) => this.scalar(res(i)), res });
    }
    // Array mode: every argument at once, then the function once per element of the arrays among them.
    const given = args.map((a, i): Res => (isWhole(i) ? BLANK : this.eval(a, sheet, true)));
    if (!given.some((x) => x.t === 'arr' && x.rows * x.cols > 1)) {
      const one = (i: number): Val => (i < given.length ? this.scalar(given[i]) : BLANK);
      return fn.run({ ...common, arg: one, res: one });
    }
    let element: Val[] = [];
    const one = (i: number): Val => (i < element.length ? element[i] : BLANK);
    const ctx: CallContext = { ...common, arg: one, res: one };
    return this.lift(given, (xs) => {
      element = xs;
      const r = fn.run(ctx);
      return r.t === 'arr' ? r.v[0] : r;
    });
  }
}
