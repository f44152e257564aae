// `npm run bench [-- NAME ...]`: builds the bundle and the runtime, runs the chosen benchmarks (all by
// default) one after another, prints a table per benchmark and writes bench/results/<name>.json.
// Benchmarks print figures; none of them passes or fails on a time.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from '../scripts/build.ts';
import { reportProblem, type Bench, type BenchReport } from './lib/report.ts';
import { formatTable } from './lib/table.ts';
import { BENCHES } from './benches.ts';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

function usage(): string {
  return [
    'Usage: npm run bench [-- [--no-build] [--smoke] NAME ...]',
    '',
    ...BENCHES.map((b) => `  ${b.name.padEnd(8)} ${b.title} (${b.expected})`),
    '',
    'Without a name every benchmark runs. Results go to bench/results/<name>.json.',
    '--no-build skips the build (dist/ must be current); --smoke runs the tiny inputs the tests use and saves nothing.',
  ].join('\n');
}

function choose(args: string[]): Bench[] {
  const names = args.filter((a) => !a.startsWith('--'));
  if (names.length === 0) return [...BENCHES];
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length) throw new Error(`No benchmark named ${unknown.join(', ')}.\n\n${usage()}`);
  return BENCHES.filter((b) => names.includes(b.name));
}

function save(report: BenchReport, durationMs: number): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${report.name}.json`);
  const body = { name: report.name, title: report.title, ranAt: new Date().toISOString(), durationMs: Math.round(durationMs), tables: report.tables, data: report.data };
  // Written beside and renamed, so an interrupted run never leaves half a file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(body, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage());
    return 0;
  }
  const chosen = choose(args);
  const smoke = args.includes('--smoke');
  if (!args.includes('--no-build')) {
    const t = Date.now();
    await buildAll();
    console.log(`Built dist/appsscript and dist/emulator in ${Date.now() - t} ms`);
  }
  let failed = 0;
  for (const bench of chosen) {
    console.log(`\n=== ${bench.name}: ${bench.title} (${bench.expected})`);
    const t = Date.now();
    try {
      const report = await bench.run({ size: smoke ? 'smoke' : 'full', log: (m) => console.log(`  … ${m}`) });
      const problem = reportProblem(report);
      if (problem) throw new Error(`malformed report: ${problem}`);
      console.log('');
      for (const table of report.tables) console.log(`${formatTable(table)}\n`);
      const seconds = ((Date.now() - t) / 1000).toFixed(1);
      console.log(smoke ? `(${seconds} s; smoke run, not saved)` : `(${seconds} s; saved to ${save(report, Date.now() - t)})`);
    } catch (e) {
      failed++;
      console.error(`${bench.name} failed: ${(e as Error).stack ?? e}`);
    }
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.message);
    process.exit(2);
  },
);
