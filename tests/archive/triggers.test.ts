// installTriggers: exactly one time-driven trigger per handler on its schedule; idempotent; a changed
// schedule replaces only that handler's trigger. Over the emulated ScriptApp, in this process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeInstall, installTriggersNow, planTriggers, specKey, wantedTriggers, type TriggerSpec } from '../../appsscript/src/gas/triggers.ts';
import type { ProjectData, TriggerRecord } from '../../emulator/project-state.ts';
import { storeWorld, type StoreWorld } from '../store/helpers.ts';

function triggers(w: StoreWorld): TriggerRecord[] {
  const data = JSON.parse(readFileSync(join(w.world.deps.dataDir, 'project.json'), 'utf8')) as ProjectData;
  return data.triggers;
}

const byHandler = (w: StoreWorld) => Object.fromEntries(triggers(w).map((t) => [t.handler, t]));

describe('installTriggers', () => {
  it('creates one trigger per handler: checks every 5 minutes, rollover near 03:00, archive near 04:00, the weekly summary near 08:00 local time', () => {
    const w = storeWorld();
    const report = installTriggersNow();
    expect(report.created.sort()).toEqual(['archive', 'checkBreaks', 'dailyRollover', 'weeklySummary']);
    const t = byHandler(w);
    expect(triggers(w)).toHaveLength(4);
    expect(t.checkBreaks.schedule).toEqual({ kind: 'minutes', every: 5 });
    expect(t.dailyRollover.schedule).toEqual({ kind: 'days', every: 1, hour: 3, minute: 0 });
    expect(t.archive.schedule).toEqual({ kind: 'days', every: 1, hour: 4, minute: 0 });
    expect(t.archive.timeZone).toBe('Europe/Moscow');
    expect(t.weeklySummary.schedule).toEqual({ kind: 'days', every: 1, hour: 8, minute: 0 });
  });

  it('changes nothing when run again', () => {
    const w = storeWorld();
    installTriggersNow();
    const before = triggers(w);
    w.world.newExecution();
    const again = installTriggersNow();
    expect(again).toMatchObject({ created: [], replaced: [] });
    expect(again.kept.sort()).toEqual(['archive', 'checkBreaks', 'dailyRollover', 'weeklySummary']);
    expect(triggers(w)).toEqual(before);
    const calls = w.world.stats().calls;
    expect(calls['ClockTriggerBuilder.create'] ?? 0).toBe(0);
    expect(calls['ScriptApp.deleteTrigger'] ?? 0).toBe(0);
  });

  it('replaces only the handler whose schedule changed', () => {
    const w = storeWorld();
    installTriggersNow();
    const before = byHandler(w);
    w.open().tables.setSetting('check_interval_minutes', '1');
    w.world.newExecution();
    const r = installTriggersNow();
    expect(r.replaced).toEqual(['checkBreaks']);
    const after = byHandler(w);
    expect(triggers(w)).toHaveLength(4);
    expect(after.checkBreaks.schedule).toEqual({ kind: 'minutes', every: 1 });
    expect(after.checkBreaks.id).not.toBe(before.checkBreaks.id);
    expect(after.dailyRollover.id).toBe(before.dailyRollover.id);
    expect(after.archive.id).toBe(before.archive.id);
  });

  it('falls back to 5 minutes, with a warning in both languages, for an interval Apps Script does not take', () => {
    const w = storeWorld();
    w.open().tables.setSetting('check_interval_minutes', '7');
    const r = installTriggersNow();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/1, 5, 10, 15, 30.* \/ .*используется 5/);
    expect(byHandler(w).checkBreaks.schedule).toEqual({ kind: 'minutes', every: 5 });
    expect(describeInstall(r)).toMatch(/Created \/ Создан: checkBreaks/);
  });

  it('leaves exactly one trigger of a handler someone duplicated by hand, and leaves other handlers alone', () => {
    const w = storeWorld();
    installTriggersNow();
    ScriptApp.newTrigger('checkBreaks').timeBased().everyMinutes(5).create();
    ScriptApp.newTrigger('archiveContinue').timeBased().after(60_000).create();
    w.world.newExecution();
    const r = installTriggersNow();
    expect(r.replaced).toEqual(['checkBreaks']);
    const handlers = triggers(w).map((t) => t.handler).sort();
    expect(handlers).toEqual(['archive', 'archiveContinue', 'checkBreaks', 'dailyRollover', 'weeklySummary']);
  });
});

describe('planTriggers', () => {
  const wanted = wantedTriggers(new Map([['check_interval_minutes', '5']]), 'Europe/Moscow').specs;
  const installed = (spec: TriggerSpec, id: string) => ({ [spec.handler]: { id, spec: specKey(spec) } });

  it('keeps a trigger only when it is the one we made, alone, with the same schedule', () => {
    const check = wanted[0];
    expect(planTriggers([check], [{ id: '1', handler: 'checkBreaks' }], installed(check, '1')).kept).toEqual([check]);
    // made by someone else (not remembered): its schedule is unknown, so it is replaced
    expect(planTriggers([check], [{ id: '1', handler: 'checkBreaks' }], {}).create).toEqual([{ spec: check, replacing: ['1'] }]);
    // remembered with another schedule
    expect(planTriggers([{ ...check, minutes: 1 } as TriggerSpec], [{ id: '1', handler: 'checkBreaks' }], installed(check, '1')).create).toHaveLength(1);
    // the remembered one was deleted by hand
    expect(planTriggers([check], [], installed(check, '1')).create).toEqual([{ spec: check, replacing: [] }]);
  });

  it('the daily schedules follow the spreadsheet\'s time zone', () => {
    const moscow = wantedTriggers(new Map(), 'Europe/Moscow').specs.map(specKey);
    const berlin = wantedTriggers(new Map(), 'Europe/Berlin').specs.map(specKey);
    expect(moscow[0]).toBe(berlin[0]);
    expect(moscow[1]).not.toBe(berlin[1]);
  });
});
