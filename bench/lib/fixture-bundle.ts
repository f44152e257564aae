// Bench-only Apps Script code, bundled with esbuild as the product's build does (an IIFE plus one
// top-level function per exposed name), into a temporary bundle folder a Runtime can open.
// With `withProduct`, the folder holds the product's built bundle too, as a second script file of the
// same project would: both share the global scope, the workbook, Script Properties and the lock.
import { build } from 'esbuild';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../emulator/runtime/runtime.ts';

export interface FixtureBundleOptions {
  /** The fixture's entry file, relative to the repository (e.g. bench/fixtures/naive-sync.ts). */
  entry: string;
  /** Top-level function name -> the fixture's export it calls. */
  expose: Record<string, string>;
  /** Put the product's dist/appsscript beside the fixture (build it first). */
  withProduct: boolean;
}

const FIXTURE_GLOBAL = '__benchFixture';

export async function buildFixtureBundle(o: FixtureBundleOptions): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wtt-bench-bundle-'));
  const out = await build({
    entryPoints: [join(REPO_ROOT, o.entry)],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: FIXTURE_GLOBAL,
    platform: 'neutral',
    target: 'es2020',
    charset: 'utf8',
    logLevel: 'warning',
  });
  const wrappers = Object.entries(o.expose)
    .map(([name, exported]) => `function ${name}() {\n  return ${FIXTURE_GLOBAL}.${exported}.apply(this, arguments);\n}`)
    .join('\n');
  const code = `${out.outputFiles[0].text}\n${wrappers}\n`;
  if (o.withProduct) {
    const product = join(REPO_ROOT, 'dist', 'appsscript');
    if (!existsSync(join(product, 'Code.js'))) throw new Error('No built product bundle in dist/appsscript: run `npm run build` first.');
    cpSync(product, dir, { recursive: true });
    appendFileSync(join(dir, 'Code.js'), `\n${code}`);
  } else {
    copyFileSync(join(REPO_ROOT, 'appsscript', 'appsscript.json'), join(dir, 'appsscript.json'));
    writeFileSync(join(dir, 'Code.js'), code);
  }
  return dir;
}
