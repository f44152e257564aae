// Seeds a new workbook with the demo team (domain/demo-team.ts). It only ever writes into empty tabs, so it
// never touches real data and a second run does nothing. Statuses and Rules are useful to any team and are
// filled whenever they are empty; the team itself (Groups, Employees, Schedule) only when all three are
// empty, since demo shifts for real people, or real groups without their people, would make no sense.
import { TABS, type TabName } from '../store/schema.ts';
import type { SheetPort } from '../store/port.ts';
import { checkHeader, encodeRecord, isBlankRow, type RawRecord } from '../store/records.ts';
import { groupRecord, shiftRecord } from '../store/tables.ts';
import { demoTeam, type DemoOptions } from '../domain/demo-team.ts';

export interface SeedReport {
  seeded: { tab: string; rows: number }[];
  /** Tabs left alone because they already hold data (or, for the team, a sibling tab does). */
  skipped: string[];
}

const TEAM_TABS: readonly TabName[] = ['Groups', 'Employees', 'Schedule'];

export function seedDemoData(port: SheetPort, today: string, o: DemoOptions = {}): SeedReport {
  const team = demoTeam(today, o);
  const rows: Partial<Record<TabName, RawRecord[]>> = {
    Statuses: team.statuses as unknown as RawRecord[],
    Rules: team.rules as unknown as RawRecord[],
    Groups: team.groups.map(groupRecord),
    Employees: team.employees as unknown as RawRecord[],
    Schedule: team.shifts.map(shiftRecord),
  };
  const empty = new Map<TabName, boolean>();
  for (const tab of Object.keys(rows) as TabName[]) empty.set(tab, isEmptyTab(port, tab));
  const teamFree = TEAM_TABS.every((t) => empty.get(t));

  const report: SeedReport = { seeded: [], skipped: [] };
  for (const tab of Object.keys(rows) as TabName[]) {
    const records = rows[tab] ?? [];
    const allowed = empty.get(tab) && (!TEAM_TABS.includes(tab) || teamFree);
    if (!allowed) {
      report.skipped.push(tab);
      continue;
    }
    port.writeRows(TABS[tab].name, 2, records.map((r) => encodeRecord(TABS[tab], r)));
    report.seeded.push({ tab, rows: records.length });
  }
  return report;
}

/** Empty = the right header and nothing below it (a misshapen tab is an error, never written into). */
function isEmptyTab(port: SheetPort, tab: TabName): boolean {
  const spec = TABS[tab];
  const { header, rows } = port.readAll(spec.name, spec.columns.length);
  checkHeader(spec, header);
  return rows.every(isBlankRow);
}
