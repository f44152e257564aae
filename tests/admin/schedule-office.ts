// The admin office for the schedule ops' tests, with the test process's clock at 10:00 Moscow on DATE
// (in-process adminRpc takes `now` from Date.now), so "today" and dates without a year never depend on
// the day the tests run. Call vi.useRealTimers() after each test.
import { vi } from 'vitest';
import { adminOffice, OWNER, type AdminOffice } from './helpers.ts';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { encodeRecord } from '../../appsscript/src/store/records.ts';
import { TABS } from '../../appsscript/src/store/schema.ts';

export const NOW = Date.UTC(2026, 10, 24, 7, 0);

export function scheduleOffice(): AdminOffice {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  return adminOffice();
}

/** Employees topped up to `n`: Agent31 Tester, ... (e031, ...), all in support-l1. */
export function growTeam(o: AdminOffice, n: number): void {
  const have = o.rows('Employees').length;
  o.world.newExecution({ activeUser: OWNER });
  const rows = Array.from({ length: n - have }, (_, i) => {
    const k = have + i + 1;
    return encodeRecord(TABS.Employees, { id: `e${String(k).padStart(3, '0')}`, email: `agent.${k}@example.com`, name: `Agent${k} Tester`, group: 'support-l1', role: 'employee', timezone: '', telegram_chat_id: '', token_version: 0, active: true });
  });
  gasSheetPort().writeRows('Employees', have + 2, rows);
  o.world.newExecution({ activeUser: OWNER });
}

/** December 2026 for `n` of the people growTeam added, by name: shifts, days off and some vacation. */
export function monthGrid(n: number): string[][] {
  const header = ['Сотрудник', ...Array.from({ length: 31 }, (_, d) => `${String(d + 1).padStart(2, '0')}.12.2026`)];
  const people = Array.from({ length: n }, (_, i) => [
    `Agent${i + 31} Tester`,
    ...Array.from({ length: 31 }, (_, d) => ((d + i) % 7 >= 5 ? 'В' : (d + i) % 11 === 0 ? 'О' : i % 3 === 0 ? '8-17' : '9:00-18:00')),
  ]);
  return [header, ...people];
}
