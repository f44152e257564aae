// The reference data: read from the tabs on a miss, served from CacheService with no sheet call when warm.
import { beforeEach, describe, expect, it } from 'vitest';
import { storeWorld, sheetCalls, typeRows, type StoreWorld } from './helpers.ts';
import { loadReference, invalidateReferenceCache, REFERENCE_TTL_SECONDS } from '../../appsscript/src/gas/reference-cache.ts';
import { scheduleWindow } from '../../appsscript/src/store/reference.ts';
import { addDays } from '../../appsscript/src/domain/calendar.ts';
import { seedDemoData } from '../../appsscript/src/services/demo-data.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';

const TODAY = '2026-11-24';
const WINDOW = scheduleWindow(TODAY);

let w: StoreWorld;
beforeEach(() => {
  w = storeWorld();
  seedDemoData(gasSheetPort(), TODAY);
  w.world.newExecution();
});

describe('loadReference', () => {
  // The four tabs once each; the Schedule in two reads: its row 1 (header, row index, edit mark), then the
  // rows of the window (here the whole tab: the seeded workbook has no index yet, store/schedule-rows.ts);
  // then the Notify and Reminders tabs once each.
  const READS = 8;

  it('cold: reads the five tabs once each (the Schedule in two reads) and fills the cache with one putAll', () => {
    const data = loadReference(w.open().tables, WINDOW);
    expect(data.employees).toHaveLength(30);
    expect(data.schedule.every((s) => s.date >= WINDOW.from && s.date <= WINDOW.to)).toBe(true);
    expect(data.schedule.length).toBeGreaterThan(0);
    expect(data.issues).toEqual([]);
    const calls = w.world.stats().calls;
    expect(calls['Range.getValues']).toBe(READS);
    expect(calls['Cache.getAll']).toBe(1);
    expect(calls['Cache.putAll']).toBe(1);
  });

  it('warm: one getAll and not a single spreadsheet call, same data', () => {
    const cold = loadReference(w.open().tables, WINDOW);
    w.world.newExecution();
    const warm = loadReference(w.open().tables, WINDOW);
    expect(warm).toEqual(cold);
    const stats = w.world.stats();
    expect(sheetCalls(stats.calls)).toEqual({});
    expect(stats.calls['Cache.getAll']).toBe(1);
    expect(stats.calls['Cache.putAll'] ?? 0).toBe(0);
  });

  it('invalidation makes the next request read the sheet (and see the edit)', () => {
    loadReference(w.open().tables, WINDOW);
    w.sheet('Employees').getRange(2, 3).setValue("'Анна Иванова-Петрова");
    w.world.newExecution();
    expect(loadReference(w.open().tables, WINDOW).employees[0].name).toBe('Анна Иванова'); // still cached
    invalidateReferenceCache();
    w.world.newExecution();
    const fresh = loadReference(w.open().tables, WINDOW);
    expect(fresh.employees[0].name).toBe('Анна Иванова-Петрова');
    expect(w.world.stats().calls['Range.getValues']).toBe(READS);
  });

  it('data read before an invalidation and stored after it is never served', () => {
    const tables = w.open().tables;
    const cache = CacheService.getScriptCache();
    // A request read the sheet, then the admin edited it (and invalidated) before the request stored its data.
    const slow = {
      getAll: (keys: string[]) => cache.getAll(keys),
      putAll: (v: Record<string, string>, ttl: number) => {
        w.sheet('Employees').getRange(2, 3).setValue("'Edited");
        invalidateReferenceCache();
        cache.putAll(v, ttl);
      },
      put: (k: string, v: string, ttl: number) => cache.put(k, v, ttl),
    };
    expect(loadReference(tables, WINDOW, slow).employees[0].name).toBe('Анна Иванова');
    w.world.newExecution();
    expect(loadReference(w.open().tables, WINDOW).employees[0].name).toBe('Edited');
  });

  it('expires after the TTL', () => {
    loadReference(w.open().tables, WINDOW);
    w.world.clock.advance((REFERENCE_TTL_SECONDS + 1) * 1000);
    w.world.newExecution();
    loadReference(w.open().tables, WINDOW);
    expect(w.world.stats().calls['Range.getValues']).toBe(READS);
  });

  it('a different window is cached separately', () => {
    loadReference(w.open().tables, WINDOW);
    w.world.newExecution();
    const week = loadReference(w.open().tables, { from: TODAY, to: addDays(TODAY, 6) });
    expect(w.world.stats().calls['Range.getValues']).toBe(READS);
    expect(new Set(week.schedule.map((s) => s.date)).size).toBe(7);
  });

  it('chunks data larger than one cache value (Cyrillic counted in bytes) and reassembles it', () => {
    // ~400 employees with long Cyrillic names: well over 100 KB of JSON.
    const rows = Array.from({ length: 400 }, (_, i) => [
      `x${i}`, `person${i}@example.com`, 'Ж'.repeat(150) + i, 'support-l1', 'employee', '', '', 0, true,
    ]);
    w.sheet('Employees').getRange(32, 1, rows.length, 9).setValues(rows);
    w.world.newExecution();
    const cold = loadReference(w.open().tables, WINDOW);
    expect(cold.employees).toHaveLength(430);
    const base = `wtt.ref.${WINDOW.from}.${WINDOW.to}`;
    const stored = CacheService.getScriptCache().getAll([`${base}.0`, `${base}.1`, `${base}.2`]);
    expect(Object.keys(stored).length).toBeGreaterThanOrEqual(2); // really split
    w.world.newExecution();
    const warm = loadReference(w.open().tables, WINDOW);
    expect(sheetCalls(w.world.stats().calls)).toEqual({});
    expect(warm).toEqual(cold);
  });

  it('cross-checks tabs: unknown employees, statuses and groups are reported', () => {
    typeRows(w.sheet('Rules'), [['support', 'nap', 1, 10, '', '', '']]); // overwrites the first rule
    const schedule = w.sheet('Schedule');
    const last = schedule.getLastRow();
    schedule.getRange(last + 1, 1, 2, 5).setValues([
      [TODAY, 'e999', '09:00', '18:00', ''],
      [TODAY, 'e006', '09:00', '18:00', 'nap 11:00 15'], // e006 is off today in the demo
    ]);
    w.sheet('Employees').getRange(2, 4).setValue('support-l9');
    w.world.newExecution();
    const data = loadReference(w.open().tables, WINDOW);
    expect(data.issues.map((i) => `${i.tab}:${i.row}:${i.column}`).sort()).toEqual(
      ['Employees:2:group', 'Rules:2:status', `Schedule:${last + 1}:employee_id`, `Schedule:${last + 2}:breaks`].sort(),
    );
    expect(data.employees[0].group).toBe('support-l9'); // kept
    expect(data.rules.some((r) => r.status === 'nap')).toBe(false);
    expect(data.schedule.some((s) => s.employee_id === 'e999')).toBe(false);
  });
});
