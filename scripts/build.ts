// `npm run build`: the Apps Script bundle (Code.js + manifest + sidebar pages) into dist/appsscript,
// and the local runtime into dist/emulator.
import { build, type BuildOptions } from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPOSED_NAMES } from '../appsscript/src/exposed.ts';
import { buildClient } from './build-client.ts';
import { buildPages } from './build-pages.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'appsscript');
const BUNDLE_GLOBAL = '__wtt';

/** One top-level function declaration per exposed name: what triggers and google.script.run need. */
export function exposedWrappers(names: readonly string[]): string {
  return names
    .map((n) => `function ${n}() {\n  return ${BUNDLE_GLOBAL}.globals.${n}.apply(this, arguments);\n}`)
    .join('\n');
}

async function buildBundle(): Promise<void> {
  const result = await build({
    entryPoints: [join(ROOT, 'appsscript/src/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    platform: 'neutral',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  writeFileSync(join(OUT, 'Code.js'), `${code}\n${exposedWrappers(EXPOSED_NAMES)}\n`);
}

async function buildEmulator(): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    outdir: join(ROOT, 'dist', 'emulator'),
  };
  await build({
    ...common,
    entryPoints: {
      server: join(ROOT, 'scripts/local-server.ts'),
      worker: join(ROOT, 'emulator/runtime/worker.ts'),
    },
  });
}

export async function buildAll(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await buildBundle();
  copyFileSync(join(ROOT, 'appsscript/appsscript.json'), join(OUT, 'appsscript.json'));
  await buildPages();
  await buildClient();
  await buildEmulator();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = Date.now();
  await buildAll();
  console.log(`Built dist/appsscript and dist/emulator in ${Date.now() - t0} ms`);
}
