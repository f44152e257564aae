// `npm test`: install what is missing, lint, type-check, build, then run every test suite.
import { spawnSync } from 'node:child_process';
import { ensureDeps } from './ensure-deps.mjs';
import { ensureChromium } from './ensure-chromium.mjs';

ensureDeps();
ensureChromium();
const step = (title, cmd, args) => {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${title} failed.`);
    process.exit(r.status ?? 1);
  }
};
const bin = (name) => `node_modules/.bin/${name}`;
step('lint', bin('eslint'), ['.', '--max-warnings=0']);
step('type-check', process.execPath, ['scripts/typecheck.mjs']);
step('build', process.execPath, ['--import', 'tsx', 'scripts/build.ts']);
step('tests', bin('vitest'), ['run', ...process.argv.slice(2)]);
