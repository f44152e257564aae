// First start of a workbook: create the tabs (setup) and, when the workbook is new, seed the demo team,
// install the triggers and let checkBreaks catch up once, so `npm start` is usable at once. Every start makes
// sure the script and the bot share a secret and that Settings says where to push alerts (unless an admin
// already set bot_url). Later starts run setup again: it upgrades older tabs and is idempotent.
import { randomBytes } from 'node:crypto';
import type { Runtime } from '../runtime/runtime.ts';
import { cellAt, lastRow } from '../model/apply.ts';
import { playDemoHistory, type DemoHistoryReport } from './demo-history.ts';

export const BOT_SECRET_PROPERTY = 'BOT_SHARED_SECRET';

export interface BootstrapOptions {
  /** Where checkBreaks pushes alerts: the bot's intake, or the runtime's own sink when no bot runs. */
  botUrl?: string;
  /** On a new workbook, install the triggers and let checkBreaks catch up (npm start does; tests drive triggers themselves). */
  triggers?: boolean;
  /** On a new workbook, play the demo team's last 7 days through the product (emulator/server/demo-history.ts), so Analytics has days to show. npm start does; tests ask for it. */
  history?: boolean;
  /** Told what the history played. */
  onHistory?: (report: DemoHistoryReport) => void;
}

export async function bootstrapWorkbook(runtime: Runtime, isNew: boolean, o: BootstrapOptions = {}): Promise<string[]> {
  const notes: string[] = [];
  const setup = await runtime.run('setup', [], { kind: 'manual' });
  // A bundle without setup (the runtime's own probe project) has nothing to prepare.
  if (setup.error?.message === 'Script function not found: setup') return notes;
  if (setup.error) throw new Error(`setup failed: ${setup.error.message}`);
  botSecret(runtime);
  // Played before bot_url is set and the triggers are installed: no push is tried at a past hour, and no
  // scheduled trigger fires while the clock is in the past. Its alerts wait in the Outbox like any others.
  if (isNew && o.history) await seedAndPlayHistory(runtime, notes, o.onHistory);
  if (o.botUrl && addSettingIfMissing(runtime, 'bot_url', o.botUrl)) notes.push(`Alerts are pushed to ${o.botUrl} (Settings bot_url).`);
  if (isNew) {
    if (!o.history) await seed(runtime);
    if (!o.triggers) return [...notes, 'A new workbook was created and seeded with a demo team.'];
    const installed = await runtime.run('installTriggers', [], { kind: 'manual' });
    if (installed.error) throw new Error(`installing the triggers failed: ${installed.error.message}`);
    // The first run only records what already happened today; alerts start from the next one.
    const caughtUp = await runtime.run('checkBreaks', [], { kind: 'trigger' });
    if (caughtUp.error) throw new Error(`the first checkBreaks failed: ${caughtUp.error.message}`);
    notes.push('A new workbook was created and seeded with a demo team; the triggers are installed.');
  }
  return notes;
}

async function seed(runtime: Runtime): Promise<void> {
  const seeded = await runtime.run('seedDemoData', [], { kind: 'manual' });
  if (seeded.error) throw new Error(`seeding the demo data failed: ${seeded.error.message}`);
}

async function seedAndPlayHistory(runtime: Runtime, notes: string[], onHistory?: (report: DemoHistoryReport) => void): Promise<void> {
  await seed(runtime);
  const h = await playDemoHistory(runtime);
  onHistory?.(h);
  notes.push(`Demo history: ${h.days} days played for ${h.people} people, ${h.dailyRows} Daily rows (${(h.ms / 1000).toFixed(1)} s).`);
}

/** The secret the bot and the script sign with, made once and kept in the script's properties. */
export function botSecret(runtime: Runtime): string {
  return runtime.host.state.update((d) => (d.scriptProperties[BOT_SECRET_PROPERTY] ??= randomBytes(32).toString('hex')));
}

/** As an admin would type a row into Settings. False when the key is already there. */
function addSettingIfMissing(runtime: Runtime, key: string, value: string): boolean {
  const store = runtime.deps.workbooks;
  const ss = store.get(store.activeId);
  const sheet = ss?.sheets.find((s) => s.name === 'Settings');
  if (!ss || !sheet) return false;
  const last = lastRow(sheet);
  for (let r = 2; r <= last; r++) if (cellAt(sheet, r, 1) === key) return false;
  store.apply({ t: 'setValues', ss: ss.id, sheetId: sheet.id, row: last + 1, col: 1, values: [[key, value]] });
  store.sync();
  return true;
}
