// The product in the local runtime, as `npm start` runs it: the built bundle behind the HTTP server over a
// workbook file in a temporary folder, a signed-in employee, and a restart (save, then load the file again).
import { join } from 'node:path';
import { expect } from 'vitest';
import { Runtime } from '../../emulator/runtime/runtime.ts';
import { bootstrapWorkbook } from '../../emulator/server/bootstrap.ts';
import { startProductServer, type ProductServer } from '../integration/server-harness.ts';
import type { CellValue } from '../../emulator/model/types.ts';

export const EMAIL = 'anna.ivanova@example.com';

export async function signIn(s: ProductServer, device: string, email = EMAIL): Promise<string> {
  expect((await s.api({ op: 'login.start', email, device_id: device })).ok).toBe(true);
  const mail = (await s.dev('/mail')).filter((m: { to: string }) => m.to === email).at(-1);
  const code = /\b(\d{6})\b/.exec(mail.body)![1];
  const done = await s.api({ op: 'login.finish', email, code, device_id: device });
  expect(done.ok).toBe(true);
  return done.token;
}

export { startProductServer, type ProductServer };

/** The Log tab's rows as records (header -> cell as stored), in row order. */
export function logRows(runtime: Runtime): Record<string, CellValue>[] {
  const store = runtime.deps.workbooks;
  const sheet = store.get(store.activeId)!.sheets.find((x) => x.name === 'Log')!;
  const [header, ...rows] = sheet.rows;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? ''])));
}

/**
 * Stops the server (the runtime saves the workbook on close), then starts the runtime again over the same
 * file as `npm start` would (open, then setup), and gives it to `look` before closing it.
 */
export async function restart<T>(s: ProductServer, look: (runtime: Runtime) => T | Promise<T>): Promise<T> {
  await s.close();
  const runtime = await Runtime.open({ workbookFile: join(s.dataDir, 'workbook.xlsx') });
  try {
    await bootstrapWorkbook(runtime, false);
    return await look(runtime);
  } finally {
    await runtime.close();
  }
}
