// Runs the local runtime's server as `npm start` does (node dist/emulator/server.js), in its own process,
// on a loopback port, over a workbook in a folder of the caller's choosing.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../../emulator/runtime/runtime.ts';

export interface ServerProcess {
  base: string;
  pid: number;
  /** Everything the server printed (stdout and stderr), for error reports. */
  output(): string;
  /** SIGTERM (the server saves the workbook and exits), then SIGKILL if it takes too long. */
  stop(): Promise<number | null>;
}

const READY = 'Press Ctrl-C';

/** A port the OS had free a moment ago (the server binds it right after). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(o: { workbookFile: string; startTimeoutMs?: number; stopTimeoutMs?: number }): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'emulator', 'server.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), WTT_DATA: o.workbookFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(`the server did not start within ${o.startTimeoutMs ?? 60_000} ms`), o.startTimeoutMs ?? 60_000);
    const onData = () => {
      if (output.includes(READY)) done();
    };
    const onExit = (code: number | null) => fail(`the server exited (code ${code}) before it was ready`);
    function done() {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      resolve();
    }
    function fail(why: string) {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      if (child.exitCode === null) child.kill('SIGKILL');
      reject(new Error(`${why}:\n${output}`));
    }
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });

  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), o.stopTimeoutMs ?? 60_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
