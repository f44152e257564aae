// Starts the product's bundle in the local runtime with its HTTP server, over a temporary workbook,
// exactly as `npm start` does (setup + demo data on a new workbook).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Clock } from '../../emulator/clock.ts';
import { Runtime } from '../../emulator/runtime/runtime.ts';
import { createAppServer } from '../../emulator/server/app.ts';
import { bootstrapWorkbook } from '../../emulator/server/bootstrap.ts';

export interface ProductServer {
  base: string;
  runtime: Runtime;
  clock: Clock;
  dataDir: string;
  close(): Promise<void>;
  /** POST a JSON body to /exec as a browser on another origin would (text/plain), following the redirect. */
  api<T = any>(body: unknown): Promise<T>;
  dev<T = any>(path: string, body?: unknown): Promise<T>;
}

export interface ProductServerOptions {
  clock?: Clock;
  dataDir?: string;
  /** Play the demo team's last 7 days as npm start does on a new workbook (off: tests play their own days). */
  history?: boolean;
}

export async function startProductServer(o: ProductServerOptions = {}): Promise<ProductServer> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'wtt-it-'));
  const clock = o.clock ?? new Clock();
  const runtime = await Runtime.open({ workbookFile: join(dataDir, 'workbook.xlsx'), clock });
  await bootstrapWorkbook(runtime, true, { history: o.history ?? false });
  const server = createAppServer(runtime);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    runtime,
    clock,
    dataDir,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await runtime.close();
    },
    async api(body) {
      const r = await fetch(`${base}/exec`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=utf-8' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await r.text();
      try {
        return JSON.parse(text);
      } catch {
        throw new Error(`not JSON (${r.status}): ${text.slice(0, 300)}`);
      }
    },
    async dev(path, body) {
      const r = await fetch(`${base}/_dev${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
      return r.json();
    },
  };
}
