// The trigger scheduler: when time-driven triggers fire on the emulated clock
// (reference/script/clock-trigger-builder; guides/triggers/events "Time-driven events").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { defaultExecution } from '../../emulator/runtime/direct.ts';
import type { HostDeps } from '../../emulator/host/deps.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import { ProjectState, type TriggerRecord, type TriggerSchedule } from '../../emulator/project-state.ts';
import { createTriggersHost, type NewTrigger } from '../../emulator/host/triggers.ts';
import { createScheduler, nextOccurrence, timeDrivenEvent, type Scheduler, type TimeDrivenEvent } from '../../emulator/host/scheduler.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0); // a Thursday

interface Fired {
  handler: string;
  at: number;
  event: TimeDrivenEvent;
}

const schedulers: Scheduler[] = [];
afterEach(() => {
  for (const s of schedulers.splice(0)) s.stop();
});

function setup(opts: { frozen?: boolean; fire?: (t: TriggerRecord) => Promise<void> } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-sched-'));
  const clock = new Clock();
  clock.set(T0, { frozen: opts.frozen ?? true });
  const deps: HostDeps = {
    clock,
    workbooks: new MemoryWorkbookStore(),
    dataDir,
    bundleDir: dataDir,
    ownerEmail: 'owner@example.com',
    mailbox: [],
    fetches: [],
    webAppUrl: '',
  };
  const state = ProjectState.open(dataDir);
  const triggersHost = createTriggersHost(deps, state);
  const fired: Fired[] = [];
  const scheduler = createScheduler({
    clock,
    state,
    fire: async (t, event) => {
      fired.push({ handler: t.handler, at: clock.now(), event });
      await opts.fire?.(t);
    },
  });
  schedulers.push(scheduler);
  const add = (handler: string, schedule: TriggerSchedule, timeZone = 'Europe/Moscow'): TriggerRecord => {
    const spec: NewTrigger = { handler, schedule, timeZone };
    return triggersHost.create(defaultExecution(), spec) as TriggerRecord;
  };
  return { clock, state, scheduler, fired, add };
}

const record = (schedule: TriggerSchedule, createdAt: number, timeZone = 'UTC'): TriggerRecord => ({
  id: '1',
  handler: 'f',
  owner: 'owner@example.com',
  createdAt,
  timeZone,
  schedule,
});

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('when a trigger is due (nextOccurrence)', () => {
  it('everyMinutes(n) and everyHours(n) count from the trigger\'s creation', () => {
    const m = record({ kind: 'minutes', every: 5 }, T0);
    expect(nextOccurrence(m, T0)).toBe(T0 + 5 * MIN);
    expect(nextOccurrence(m, T0 + 5 * MIN)).toBe(T0 + 10 * MIN);
    expect(nextOccurrence(m, T0 + 7 * MIN)).toBe(T0 + 10 * MIN);
    expect(nextOccurrence(m, T0 - HOUR)).toBe(T0 + 5 * MIN);
    const h = record({ kind: 'hours', every: 4 }, T0 + 123);
    expect(nextOccurrence(h, T0 + 123)).toBe(T0 + 123 + 4 * HOUR);
    expect(nextOccurrence(h, T0 + 9 * HOUR)).toBe(T0 + 123 + 12 * HOUR);
  });

  it('everyDays(n).atHour(h) runs at h local time in the trigger\'s time zone', () => {
    // 09:00 UTC is 12:00 in Moscow: 09:00 Moscow has passed today, so tomorrow 06:00 UTC.
    const daily = record({ kind: 'days', every: 1, hour: 9, minute: 0 }, T0, 'Europe/Moscow');
    expect(new Date(nextOccurrence(daily, T0)).toISOString()).toBe('2026-01-16T06:00:00.000Z');
    expect(new Date(nextOccurrence(daily, Date.UTC(2026, 0, 16, 6))).toISOString()).toBe('2026-01-17T06:00:00.000Z');
    const evening = record({ kind: 'days', every: 1, hour: 23, minute: 30 }, T0, 'Europe/Moscow');
    expect(new Date(nextOccurrence(evening, T0)).toISOString()).toBe('2026-01-15T20:30:00.000Z');
    const everyThird = record({ kind: 'days', every: 3, hour: 9, minute: 0 }, T0, 'Europe/Moscow');
    expect(new Date(nextOccurrence(everyThird, Date.UTC(2026, 0, 16, 7))).toISOString()).toBe('2026-01-19T06:00:00.000Z');
  });

  it('follows daylight saving time: a skipped 02:30 runs at 03:30, a repeated 01:30 in standard time (Java calendar)', () => {
    const created = Date.UTC(2024, 2, 9, 12); // 07:00 EST, the day before the spring change
    const spring = record({ kind: 'days', every: 1, hour: 2, minute: 30 }, created, 'America/New_York');
    expect(new Date(nextOccurrence(spring, created)).toISOString()).toBe('2024-03-10T07:30:00.000Z'); // 03:30 EDT
    expect(new Date(nextOccurrence(spring, Date.UTC(2024, 2, 10, 8))).toISOString()).toBe('2024-03-11T06:30:00.000Z'); // 02:30 EDT
    const fallCreated = Date.UTC(2024, 10, 2, 12);
    const fall = record({ kind: 'days', every: 1, hour: 1, minute: 30 }, fallCreated, 'America/New_York');
    expect(new Date(nextOccurrence(fall, fallCreated)).toISOString()).toBe('2024-11-03T06:30:00.000Z'); // 01:30 EST
  });
});

describe('the scheduler', () => {
  it('fires a trigger ONCE when a clock jump skipped several of its occurrences, with the time-driven event object', async () => {
    const { clock, scheduler, fired, add } = setup();
    const t = add('tick', { kind: 'minutes', every: 5 });
    scheduler.start();
    clock.advance(4 * MIN);
    await scheduler.runDue();
    expect(fired).toHaveLength(0);
    clock.advance(56 * MIN); // an hour after creation: 12 occurrences passed
    await scheduler.runDue();
    expect(fired.map((f) => f.handler)).toEqual(['tick']);
    // guides/triggers/events: authMode, triggerUid, calendar fields (UTC), day-of-week 1 (Monday) - 7 (Sunday).
    expect(fired[0].event).toEqual({
      authMode: 'FULL',
      triggerUid: t.id,
      year: 2026,
      month: 1,
      'day-of-month': 15,
      'day-of-week': 4,
      hour: 10,
      minute: 0,
      second: 0,
      timezone: 'UTC',
      'week-of-year': 3,
    });
    // And goes on from there.
    expect(scheduler.upcoming()[0].due).toBe(T0 + 65 * MIN);
    clock.advance(5 * MIN);
    await scheduler.runDue();
    expect(fired).toHaveLength(2);
  });

  it('fires the triggers that became due in the order they fell due', async () => {
    const { clock, scheduler, fired, add } = setup();
    add('quarter', { kind: 'minutes', every: 15 }); // due T0+15
    clock.set(T0 + 8 * MIN);
    add('five', { kind: 'minutes', every: 5 }); // due T0+13
    add('later', { kind: 'minutes', every: 30 }); // due T0+38
    scheduler.start();
    clock.set(T0 + 20 * MIN);
    await scheduler.runDue();
    expect(fired.map((f) => f.handler)).toEqual(['five', 'quarter']);
  });

  it('never overlaps a trigger with itself: due again while running, it fires once more after it ends', async () => {
    let release!: () => void;
    let running = 0;
    let maxRunning = 0;
    const { clock, scheduler, fired, add } = setup({
      fire: () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        return new Promise<void>((r) => {
          release = () => {
            running--;
            r();
          };
        });
      },
    });
    add('slow', { kind: 'minutes', every: 1 });
    scheduler.start();
    clock.advance(MIN);
    await flush();
    expect(fired).toHaveLength(1);
    clock.advance(MIN);
    clock.advance(MIN);
    await flush();
    expect(fired).toHaveLength(1);
    release();
    await flush();
    await flush();
    expect(fired).toHaveLength(2);
    release();
    await scheduler.idle();
    expect(maxRunning).toBe(1);
    expect(fired).toHaveLength(2);
  });

  it('runs a one-off trigger (after) once and then deletes it (clock-trigger-builder#after)', async () => {
    const { clock, scheduler, fired, add, state } = setup();
    add('once', { kind: 'once', at: T0 + 10 * MIN });
    scheduler.start();
    clock.advance(9 * MIN);
    await scheduler.runDue();
    expect(fired).toHaveLength(0);
    clock.advance(MIN);
    await scheduler.runDue();
    expect(fired.map((f) => f.handler)).toEqual(['once']);
    expect(state.data.triggers).toEqual([]);
    clock.advance(HOUR);
    await scheduler.runDue();
    expect(fired).toHaveLength(1);
  });

  it('fires at start a one-off trigger whose time passed while the emulator was down; recurring ones go on from now', async () => {
    const { clock, scheduler, fired, add } = setup();
    add('missed', { kind: 'once', at: T0 + MIN });
    add('recurring', { kind: 'minutes', every: 1 });
    clock.advance(10 * MIN);
    scheduler.start();
    await scheduler.idle();
    expect(fired.map((f) => f.handler)).toEqual(['missed']);
    expect(scheduler.upcoming().map((u) => [u.trigger.handler, u.due])).toEqual([['recurring', T0 + 11 * MIN]]);
  });

  it('picks up triggers created while it runs (ScriptApp.newTrigger through the host)', async () => {
    const { clock, scheduler, fired, add } = setup();
    scheduler.start();
    add('new', { kind: 'hours', every: 1 });
    clock.advance(HOUR);
    await scheduler.runDue();
    expect(fired.map((f) => f.handler)).toEqual(['new']);
  });

  it('waits in real time while the clock runs', async () => {
    const { clock, scheduler, fired, add } = setup({ frozen: false });
    clock.set(T0 - MIN + 150, { frozen: true });
    add('soon', { kind: 'minutes', every: 1 }); // due at T0 + 150 ms
    clock.set(T0, { frozen: false });
    scheduler.start();
    expect(fired).toHaveLength(0);
    const started = Date.now();
    while (fired.length === 0 && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(fired.map((f) => f.handler)).toEqual(['soon']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('fires by hand with runDue() without being started (tests that drive the clock themselves)', async () => {
    const { clock, scheduler, fired, add } = setup();
    add('tick', { kind: 'minutes', every: 10 });
    await scheduler.runDue();
    expect(fired).toHaveLength(0);
    clock.advance(25 * MIN);
    expect(fired).toHaveLength(0);
    await scheduler.runDue();
    expect(fired.map((f) => f.at)).toEqual([T0 + 25 * MIN]);
    clock.advance(5 * MIN);
    await scheduler.runDue();
    expect(fired.map((f) => f.at)).toEqual([T0 + 25 * MIN, T0 + 30 * MIN]);
  });

  it('stops firing after stop()', async () => {
    const { clock, scheduler, fired, add } = setup();
    add('tick', { kind: 'minutes', every: 1 });
    scheduler.start();
    scheduler.stop();
    clock.advance(HOUR);
    await flush();
    expect(fired).toHaveLength(0);
  });
});

describe('the time-driven event object', () => {
  it('gives the calendar fields in UTC, Sunday as day-of-week 7, and US week numbers', () => {
    const t = record({ kind: 'minutes', every: 1 }, T0);
    const sunday = timeDrivenEvent(t, Date.UTC(2026, 0, 4, 23, 59, 58)); // Sunday Jan 4, 2026
    expect(sunday).toMatchObject({ year: 2026, month: 1, 'day-of-month': 4, 'day-of-week': 7, hour: 23, minute: 59, second: 58, 'week-of-year': 2 });
    // December 31, 2025 (a Wednesday) is in the week that holds January 1, 2026: week 1.
    expect(timeDrivenEvent(t, Date.UTC(2025, 11, 31, 12))['week-of-year']).toBe(1);
  });
});
