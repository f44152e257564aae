// Issue "Trust", point 1: every exposed function, called by someone who may not, is refused and changes
// nothing. Runs the real bundle (dist/appsscript) in the local runtime, each call its own execution with
// Session.getActiveUser() set as Apps Script sets it: '' for an anonymous web-app visitor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../../emulator/clock.ts';
import { Runtime } from '../../emulator/runtime/runtime.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import { defaultExecution } from '../../emulator/runtime/direct.ts';
import { EXPOSED, EXPOSED_NAMES, type ExposedName } from '../../appsscript/src/exposed.ts';

const OWNER = 'owner@example.com';
const LEAD = 'dmitry.petrov@example.com'; // leads support-l1
const EMPLOYEE = 'james.carter@example.com'; // a plain employee
const OUTSIDER = 'stranger@example.org'; // not in Employees

let runtime: Runtime;
let store: MemoryWorkbookStore;

async function run(fn: string, as: string, args: unknown[] = [], kind: 'rpc' | 'manual' | 'trigger' = 'rpc') {
  return runtime.run(fn, args, { kind, activeUser: as });
}

/** Everything a call could change: every cell op, the script properties, the installed triggers. */
function fingerprint(): string {
  const exec = defaultExecution({ activeUser: OWNER });
  const services = runtime.host.services as Record<string, Record<string, (...a: unknown[]) => unknown>>;
  return JSON.stringify({
    ops: store.ops.length,
    props: services.props.getAll(exec, 'script'),
    triggers: services.triggers.list(exec),
  });
}

beforeAll(async () => {
  const clock = new Clock();
  clock.set(Date.UTC(2026, 10, 24, 7, 0), { frozen: true }); // 10:00 in Moscow, a working day
  store = new MemoryWorkbookStore('Europe/Moscow');
  runtime = await Runtime.open({ workbookFile: join(mkdtempSync(join(tmpdir(), 'wtt-guard-')), 'workbook.xlsx'), clock, workbooks: store });
  for (const fn of ['setup', 'seedDemoData', 'installTriggers']) {
    const r = await run(fn, OWNER, [], 'manual');
    expect(r.error, fn).toBeUndefined();
  }
});

afterAll(async () => {
  await runtime?.close();
});

const guardedNames = EXPOSED_NAMES.filter((n) => EXPOSED[n] !== 'web' && EXPOSED[n] !== 'simple');
const simpleNames = EXPOSED_NAMES.filter((n) => EXPOSED[n] === 'simple');

describe('every exposed function checks its caller', () => {
  it('lists every name with an access kind (a new name cannot skip the guard)', () => {
    for (const name of EXPOSED_NAMES) expect(['web', 'simple', 'admin', 'trigger', 'staff']).toContain(EXPOSED[name]);
    expect(guardedNames.length).toBeGreaterThan(8);
  });

  for (const [who, as] of [
    ['an anonymous web-app visitor', ''],
    ['a plain employee', EMPLOYEE],
    ['someone not in Employees', OUTSIDER],
  ] as const) {
    it(`refuses ${who} everywhere, with a coded forbidden error and no change`, async () => {
      const refused: ExposedName[] = [];
      for (const name of guardedNames) {
        const before = fingerprint();
        // A forged trigger event: a page can pass any plain object through google.script.run.
        const r = await run(name, as, [{ triggerUid: '1', authMode: 'FULL' }]);
        expect(r.error?.message, `${name} as ${who}`).toMatch(/^forbidden: .+ \/ .+/);
        expect(fingerprint(), `${name} as ${who} changed something`).toBe(before);
        refused.push(name);
      }
      expect(refused).toEqual(guardedNames);
    });
  }

  it('lets simple triggers do nothing privileged for anyone', async () => {
    for (const name of simpleNames) {
      for (const as of ['', EMPLOYEE]) {
        const before = fingerprint();
        await run(name, as, [{ authMode: 'LIMITED', range: { getSheet: 'not a Range' } }]);
        expect(fingerprint(), `${name} as ${as || 'anonymous'}`).toBe(before);
      }
    }
  });

  it('lets the owner (the demo team\'s admin row) use the console', async () => {
    const r = await run('adminRpc', OWNER, ['settings.get', {}]);
    expect(r.error).toBeUndefined();
    expect(r.result?.kind === 'json' && JSON.parse(r.result.json).ok).toBe(true);
  });

  it('refuses a lead an admin-only function', async () => {
    const r = await run('setup', LEAD);
    expect(r.error?.message).toMatch(/^forbidden: /);
  });

  it('runs a trigger handler for the project\'s own installed trigger, and not for a made-up trigger id', async () => {
    const exec = defaultExecution({ activeUser: OWNER });
    const triggers = (runtime.host.services as Record<string, Record<string, (...a: unknown[]) => unknown>>).triggers.list(exec) as { id: string; handler: string }[];
    const mine = triggers.find((t) => t.handler === 'dailyRollover');
    expect(mine).toBeDefined();
    const real = await run('dailyRollover', '', [{ triggerUid: mine!.id, authMode: 'FULL' }], 'trigger');
    expect(real.error).toBeUndefined();
    const other = triggers.find((t) => t.handler === 'checkBreaks')!;
    // Another handler's trigger id does not open this one.
    const wrong = await run('dailyRollover', '', [{ triggerUid: other.id }]);
    expect(wrong.error?.message).toMatch(/^forbidden: /);
  });
});
