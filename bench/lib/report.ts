// What every benchmark hands back: tables to print and the same figures as data for bench/results/<name>.json.
// A benchmark only measures; printing and saving are done once, in bench/run.ts.

export type CellValue = string | number | null;

export interface Table {
  title: string;
  columns: string[];
  rows: CellValue[][];
  /** Lines printed under the table: targets, verdicts, what a column means. */
  notes?: string[];
}

export interface BenchReport {
  name: string;
  title: string;
  tables: Table[];
  /** The raw figures, for the JSON file (and for tests that check them). */
  data: Record<string, unknown>;
}

/** How big a run is: `full` for `npm run bench`, `smoke` for the fast tests (tiny inputs, same code paths). */
export type BenchSize = 'full' | 'smoke';

export interface BenchContext {
  size: BenchSize;
  /** Progress lines while a benchmark runs (they are not results). */
  log(message: string): void;
}

export interface Bench {
  name: string;
  title: string;
  /** A rough duration of the full run on 2 cores, shown before it starts. */
  expected: string;
  run(ctx: BenchContext): Promise<BenchReport>;
}

/** Machine facts saved beside figures that depend on this machine (wall-clock times). */
export async function machineInfo(): Promise<Record<string, unknown>> {
  const os = await import('node:os');
  return { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?' };
}

/** A problem with a report's shape, or '' when it is well formed (used by run.ts and the smoke tests). */
export function reportProblem(r: BenchReport): string {
  if (!r.name || !r.title) return 'report without name or title';
  if (r.tables.length === 0) return `${r.name}: no table`;
  for (const t of r.tables) {
    if (t.columns.length === 0) return `${r.name}/${t.title}: no columns`;
    if (t.rows.length === 0) return `${r.name}/${t.title}: no rows`;
    for (const [i, row] of t.rows.entries()) {
      if (row.length !== t.columns.length) return `${r.name}/${t.title}: row ${i} has ${row.length} cells for ${t.columns.length} columns`;
      for (const cell of row) {
        if (typeof cell === 'number' && !Number.isFinite(cell)) return `${r.name}/${t.title}: row ${i} holds ${cell}`;
      }
    }
  }
  try {
    JSON.stringify(r.data);
  } catch (e) {
    return `${r.name}: data is not JSON (${(e as Error).message})`;
  }
  return '';
}
