// One tsc run per environment: Node side, Apps Script bundle, browser pages.
import { spawnSync } from 'node:child_process';
const projects = ['tsconfig.json', 'appsscript/tsconfig.json', 'appsscript/ui/tsconfig.json', 'client/tsconfig.json'];
let failed = false;
for (const p of projects) {
  const r = spawnSync('node_modules/.bin/tsc', ['-p', p], { stdio: 'inherit' });
  if (r.status !== 0) { console.error(`tsc -p ${p} failed`); failed = true; }
}
process.exit(failed ? 1 : 0);
