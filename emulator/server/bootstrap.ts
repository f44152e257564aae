// First start of a workbook: create the tabs (setup) and, when the workbook is new, seed the demo team
// so `npm start` is usable at once. Later starts only run setup (it upgrades older tabs and is idempotent).
import type { Runtime } from '../runtime/runtime.ts';

export async function bootstrapWorkbook(runtime: Runtime, isNew: boolean): Promise<string[]> {
  const notes: string[] = [];
  const setup = await runtime.run('setup', [], { kind: 'manual' });
  // A bundle without setup (the runtime's own probe project) has nothing to prepare.
  if (setup.error?.message === 'Script function not found: setup') return notes;
  if (setup.error) throw new Error(`setup failed: ${setup.error.message}`);
  if (isNew) {
    const seeded = await runtime.run('seedDemoData', [], { kind: 'manual' });
    if (seeded.error) throw new Error(`seeding the demo data failed: ${seeded.error.message}`);
    notes.push('A new workbook was created and seeded with a demo team.');
  }
  return notes;
}
