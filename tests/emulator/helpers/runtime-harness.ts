// Builds the probe bundle and opens a Runtime over a temporary data folder.
import { build } from 'esbuild';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Runtime, REPO_ROOT, type RuntimeOptions } from '../../../emulator/runtime/runtime.ts';

export async function buildProbeBundle(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wtt-probe-'));
  const out = await build({
    entryPoints: [join(REPO_ROOT, 'tests/emulator/fixtures/probe-bundle.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__probe',
    platform: 'neutral',
    target: 'es2020',
    logLevel: 'warning',
  });
  const names = ['incrementLocked', 'incrementUnlocked', 'takeLockAndReturn', 'tryLockNow', 'hold', 'spin', 'globalsSeen', 'clock', 'dateRoundTrip', 'fail', 'webReply', 'appendRow', 'readKeys'];
  const wrappers = names.map((n) => `function ${n}() { return __probe.probe.${n}.apply(this, arguments); }`).join('\n');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Code.js'), `${out.outputFiles[0].text}\n${wrappers}\n`);
  copyFileSync(join(REPO_ROOT, 'appsscript/appsscript.json'), join(dir, 'appsscript.json'));
  return dir;
}

export async function openRuntime(o: Partial<RuntimeOptions> & { bundleDir: string }): Promise<{ runtime: Runtime; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wtt-data-'));
  const runtime = await Runtime.open({ workbookFile: join(dataDir, 'workbook.xlsx'), ...o });
  return { runtime, dataDir };
}
