// ScriptApp against developers.google.com/apps-script/reference/script (script-app, clock-trigger-builder,
// trigger) and guides/services/quotas.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import type { ExecutionInfo } from '../../emulator/runtime/contracts.ts';
import type { HostDeps, HostService } from '../../emulator/host/deps.ts';
import { MemoryWorkbookStore } from '../../emulator/model/memory-store.ts';
import { ProjectState } from '../../emulator/project-state.ts';
import { createTriggersHost, TOO_MANY_TRIGGERS } from '../../emulator/host/triggers.ts';
import { createScriptApp, EVERY_HOURS_INVALID, EVERY_MINUTES_INVALID } from '../../emulator/gas/script-app.ts';

function crossing(service: HostService): HostService {
  const out: HostService = {};
  for (const [m, fn] of Object.entries(service)) out[m] = (exec, ...args) => structuredClone(fn(exec, ...structuredClone(args)));
  return out;
}

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

function setup(webAppUrl = 'http://127.0.0.1:8080/exec') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wtt-triggers-'));
  const clock = new Clock();
  clock.set(T0, { frozen: true });
  const deps: HostDeps = {
    clock,
    workbooks: new MemoryWorkbookStore(),
    dataDir,
    bundleDir: dataDir,
    ownerEmail: 'owner@example.com',
    mailbox: [],
    fetches: [],
    webAppUrl,
  };
  const state = ProjectState.open(dataDir);
  const host = { triggers: crossing(createTriggersHost(deps, state)) };
  const execution = (exec: Partial<ExecutionInfo> = {}) => {
    const ctx = createDirectContext(host, { exec, clock });
    return { ctx, ScriptApp: createScriptApp(ctx) };
  };
  return { dataDir, state, clock, execution, ...execution() };
}

describe('ScriptApp', () => {
  it('creates a time-driven trigger that getProjectTriggers lists (script-app#newTrigger, clock-trigger-builder#create)', () => {
    const { ScriptApp } = setup();
    const t = ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create();
    expect(t.getHandlerFunction()).toBe('tick');
    expect(t.getUniqueId()).toMatch(/^\d{19}$/);
    expect(t.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    expect(String(ScriptApp.EventType.CLOCK)).toBe('CLOCK');
    const listed = ScriptApp.getProjectTriggers();
    expect(listed.map((x) => [x.getHandlerFunction(), x.getUniqueId()])).toEqual([['tick', t.getUniqueId()]]);
  });

  it('everyMinutes accepts only 1, 5, 10, 15 or 30 (clock-trigger-builder#everyMinutes: "Must be 1, 5, 10, 15 or 30")', () => {
    const { ScriptApp } = setup();
    for (const n of [1, 5, 10, 15, 30]) ScriptApp.newTrigger('f').timeBased().everyMinutes(n);
    for (const n of [2, 60, 0, -5]) {
      expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(n)).toThrow(EVERY_MINUTES_INVALID);
    }
    expect(EVERY_MINUTES_INVALID).toBe('The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.');
    expect(ScriptApp.getProjectTriggers()).toEqual([]);
  });

  it('everyHours accepts only 1, 2, 4, 6, 8 or 12 (clock-trigger-builder#everyHours)', () => {
    const { ScriptApp } = setup();
    for (const n of [1, 2, 4, 6, 8, 12]) ScriptApp.newTrigger('f').timeBased().everyHours(n);
    for (const n of [3, 24, 0]) expect(() => ScriptApp.newTrigger('f').timeBased().everyHours(n)).toThrow(EVERY_HOURS_INVALID);
  });

  it('stores a daily schedule at an hour in a time zone (atHour, nearMinute, everyDays, inTimezone)', () => {
    const { ScriptApp, state } = setup();
    ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(23).nearMinute(30).inTimezone('America/New_York').create();
    ScriptApp.newTrigger('script-zone').timeBased().atHour(6).everyDays(2).create();
    expect(state.data.triggers.map((t) => [t.handler, t.schedule, t.timeZone])).toEqual([
      ['daily', { kind: 'days', every: 1, hour: 23, minute: 30 }, 'America/New_York'],
      ['script-zone', { kind: 'days', every: 2, hour: 6, minute: 0 }, 'Europe/Moscow'],
    ]);
    expect(() => ScriptApp.newTrigger('f').timeBased().atHour(24)).toThrow();
    expect(() => ScriptApp.newTrigger('f').timeBased().inTimezone('Mars/Olympus')).toThrow('Invalid argument: timezone');
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(5).atHour(3).create()).toThrow();
    expect(() => ScriptApp.newTrigger('f').timeBased().create()).toThrow();
  });

  it('after(ms) and at(date) make one-off triggers (clock-trigger-builder#after, #at)', () => {
    const { ScriptApp, state } = setup();
    ScriptApp.newTrigger('later').timeBased().after(10 * 60 * 1000).create();
    ScriptApp.newTrigger('then').timeBased().at(new Date(Date.UTC(2026, 1, 1))).create();
    expect(state.data.triggers.map((t) => t.schedule)).toEqual([
      { kind: 'once', at: T0 + 600000 },
      { kind: 'once', at: Date.UTC(2026, 1, 1) },
    ]);
  });

  it('refuses a 21st trigger for the same user (quotas: "Triggers 20 / user / script")', () => {
    const { ScriptApp, execution } = setup();
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('f20').timeBased().everyHours(1).create()).toThrow(TOO_MANY_TRIGGERS);
    expect(TOO_MANY_TRIGGERS).toBe('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    // Another user has their own 20, and sees only their own triggers.
    const ann = execution({ activeUser: 'ann@example.com', effectiveUser: 'ann@example.com' }).ScriptApp;
    ann.newTrigger('mine').timeBased().everyHours(1).create();
    expect(ann.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['mine']);
    // Deleting one makes room again.
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    ScriptApp.newTrigger('f20').timeBased().everyHours(1).create();
  });

  it('deleteTrigger removes it, durably; deleting it again does nothing (script-app#deleteTrigger)', () => {
    const { ScriptApp, dataDir } = setup();
    const keep = ScriptApp.newTrigger('keep').timeBased().everyMinutes(1).create();
    const drop = ScriptApp.newTrigger('drop').timeBased().everyMinutes(1).create();
    ScriptApp.deleteTrigger(drop);
    ScriptApp.deleteTrigger(drop);
    expect(ScriptApp.getProjectTriggers().map((t) => t.getUniqueId())).toEqual([keep.getUniqueId()]);
    expect(ProjectState.open(dataDir).data.triggers.map((t) => t.id)).toEqual([keep.getUniqueId()]);
  });

  it('getScriptId is stable and getService().getUrl() is the web app URL (script-app#getScriptId, service#getUrl)', () => {
    const { ScriptApp } = setup('http://127.0.0.1:9999/exec');
    expect(ScriptApp.getScriptId()).toMatch(/^1[\w-]{56}$/);
    expect(ScriptApp.getScriptId()).toBe(ScriptApp.getScriptId());
    expect(ScriptApp.getService().getUrl()).toBe('http://127.0.0.1:9999/exec');
    expect(setup('').ScriptApp.getService().getUrl()).toBeNull();
  });

  it('counts one service call per public method', () => {
    const { ctx, ScriptApp } = setup();
    ScriptApp.newTrigger('f').timeBased().everyMinutes(10).create();
    expect(ctx.meter.calls).toEqual({
      'ScriptApp.newTrigger': 1,
      'TriggerBuilder.timeBased': 1,
      'ClockTriggerBuilder.everyMinutes': 1,
      'ClockTriggerBuilder.create': 1,
    });
  });
});
