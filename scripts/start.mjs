// `npm start`: install what is missing, build, then run the local runtime.
import { spawnSync } from 'node:child_process';
import { ensureDeps } from './ensure-deps.mjs';

ensureDeps();
// Ctrl-C reaches the whole process group: let the server shut down cleanly and report, then exit with it.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
const run = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['--import', 'tsx', 'scripts/build.ts']);
// A larger young generation cuts the load of a big workbook by about a third (docs/local-runtime-persistence.md).
run(['--max-semi-space-size=64', 'dist/emulator/server.js', ...process.argv.slice(2)]);
