// The promise of the outbox: whatever the network does, every status change lands on the server exactly
// once, in the order it was made. 300 changes, about 30% of requests failing at random (network errors
// before and after the server did the work, HTML pages, HTTP 500, busy), with the network switching off
// and on, the tab hidden and shown, time passing and the page reloaded now and then.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineAppModel } from '../../client/src/app-model.ts';
import { newWorld, settle, signIn } from './engine-harness.ts';
import { ANNA, FAILURES } from './fake-server.ts';
import { mulberry32 } from '../../emulator/seeded-random.ts';

const CHANGES = 300;
const STATUSES = ['work', 'break', 'lunch'];

async function run(seed: number): Promise<void> {
  const random = mulberry32(seed);
  const world = newWorld();
  world.server.random = mulberry32(seed ^ 0x5eed);
  let model: EngineAppModel = await world.open({ random: mulberry32(seed ^ 0xbac0) });
  await signIn(model, world.server);
  world.server.failRate = 0.3;
  world.server.failKinds = FAILURES;
  world.server.planned.push(...FAILURES); // every kind at least once, whatever the draws

  const made: string[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const r = random();
    if (r < 0.04) {
      if (world.browser.navigator.onLine) world.browser.goOffline();
      else world.browser.goOnline();
    } else if (r < 0.1) {
      world.clock.advance(Math.floor(random() * 5 * 60_000));
    } else if (r < 0.13) {
      if (world.browser.document.visibilityState === 'visible') world.browser.hide();
      else world.browser.show();
    } else if (r < 0.14) {
      await model.close(); // a reload, or the browser closed and opened again
      model = await world.open({ random: mulberry32(seed ^ i) });
    }
    const comment = `change ${i}`;
    await model.setStatus(STATUSES[Math.floor(random() * STATUSES.length)], comment);
    made.push(comment);
    // Sometimes the next click comes before the sync of this one has finished.
    if (random() < 0.5) await settle(model);
  }
  // The run did go through every kind of failure, and plenty of them.
  const failures = [...world.server.failed.values()].reduce((a, b) => a + b, 0);
  expect(failures).toBeGreaterThan(FAILURES.length + 10);
  expect([...world.server.failed.keys()].sort()).toEqual([...FAILURES].sort());

  // The network heals; the engine gets there by itself (retries, the online event, the timer).
  world.server.failRate = 0;
  world.browser.goOnline();
  for (let round = 0; round < 50 && model.sync.pending > 0; round++) {
    world.clock.advance(model.sync.nextRetryAt !== null ? model.sync.nextRetryAt - world.clock.now : 60_000);
    await settle(model);
  }

  const log = world.server.log;
  expect(model.sync.pending).toBe(0);
  expect(model.sync.refused).toEqual([]);
  expect(model.sync.needsLogin).toBe(false);
  expect(log.map((row) => row.comment)).toEqual(made);
  expect(log.map((row) => row.seq)).toEqual(made.map((_, i) => i + 1));
  expect(new Set(log.map((row) => row.entry_id)).size).toBe(CHANGES);
  expect(new Set(log.map((row) => row.device_id)).size).toBe(1);
  expect(log.every((row) => row.employee_id === ANNA.id)).toBe(true);
  // Accepted times never go backwards for one device (the server clamps; the client never reorders).
  expect(log.every((row, i) => i === 0 || row.at >= log[i - 1].at)).toBe(true);
  expect(world.server.maxInFlight).toBe(1);
  await model.close();
}

describe('exactly once, in order, through an unreliable network', () => {
  it('300 status changes with ~30% of requests failing end with exactly those 300 entries on the server', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), run), { numRuns: 4 });
  }, 120_000);
});
