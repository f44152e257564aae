// Every earlier shape of a tab and the steps that upgrade it, one version at a time.
// A step sees one row as a record of cells keyed by column name, exactly as getValues read them, and returns
// the row of the next version; cells it does not touch are carried over untouched. setup() writes the result
// back with types preserved (cells.ts preserveCell), so no row and no value is lost.
import { TABS, type ColumnSpec, type TabName } from './schema.ts';
import type { Cell } from './port.ts';
import { sameHeader } from './records.ts';

export interface TabVersion {
  version: number;
  columns: readonly ColumnSpec[];
}

export type RawRow = Record<string, Cell>;

export interface Migration {
  tab: TabName;
  from: number;
  to: number;
  /** What changes, for the setup report and the docs. */
  summary: string;
  migrate(row: RawRow): RawRow;
}

const c = (name: string, type: ColumnSpec['type']): ColumnSpec => ({ name, type });

/** Versions older than the one in schema.ts. Keep every one forever: an old workbook may still hold it. */
export const OLDER_VERSIONS: Partial<Record<TabName, readonly TabVersion[]>> = {
  Daily: [
    {
      version: 1,
      columns: [
        c('date', 'date'), c('employee_id', 'id'), c('scheduled_min', 'number'), c('worked_min', 'number'), c('break_min', 'number'),
        c('lunch_min', 'number'), c('other_min', 'number'), c('adherence_pct', 'number'), c('conformance_pct', 'number'),
        c('violations', 'int'), c('first_in', 'datetime'), c('last_out', 'datetime'),
      ],
    },
    {
      version: 2,
      columns: [
        c('date', 'date'), c('employee_id', 'id'), c('scheduled_min', 'number'), c('worked_min', 'number'), c('break_min', 'number'),
        c('lunch_min', 'number'), c('other_min', 'number'), c('adherence_pct', 'number'), c('conformance_pct', 'number'),
        c('violations', 'int'), c('first_in', 'datetime'), c('last_out', 'datetime'), c('timeline', 'json'),
      ],
    },
  ],
  Statuses: [
    {
      version: 1,
      columns: [c('code', 'id'), c('label_ru', 'text'), c('label_en', 'text'), c('kind', 'id'), c('counts_as_work', 'bool'), c('color', 'text')],
    },
  ],
  Audit: [{ version: 1, columns: [c('at', 'datetime'), c('actor', 'email'), c('action', 'id'), c('target', 'text'), c('before', 'json'), c('after', 'json')] }],
  Devices: [
    { version: 1, columns: [c('device_id', 'id'), c('employee_id', 'id'), c('last_seq', 'int'), c('last_seen', 'datetime')] },
    { version: 2, columns: [c('device_id', 'id'), c('employee_id', 'id'), c('last_seq', 'int'), c('last_seen', 'datetime'), c('last_at', 'datetime')] },
    {
      version: 3,
      columns: [c('device_id', 'id'), c('employee_id', 'id'), c('last_seq', 'int'), c('last_seen', 'datetime'), c('last_at', 'datetime'), c('pending', 'json')],
    },
  ],
  Schedule: [{ version: 1, columns: [c('date', 'date'), c('employee_id', 'id'), c('shift_start', 'time'), c('shift_end', 'time'), c('breaks', 'text')] }],
  Current: [
    {
      version: 1,
      columns: [c('employee_id', 'id'), c('status', 'id'), c('since', 'datetime'), c('last_seen', 'datetime'), c('device_id', 'id'), c('day', 'date'), c('timeline', 'json')],
    },
    {
      version: 2,
      columns: [
        c('employee_id', 'id'), c('status', 'id'), c('since', 'datetime'), c('last_seen', 'datetime'), c('device_id', 'id'), c('day', 'date'),
        c('timeline', 'json'), c('violations', 'json'),
      ],
    },
  ],
};

export const MIGRATIONS: readonly Migration[] = [
  {
    tab: 'Statuses',
    from: 1,
    to: 2,
    summary: 'adds hidden (a status no longer offered to employees), unticked: every status stays offered',
    migrate: (row) => ({ ...row, hidden: false }),
  },
  {
    tab: 'Audit',
    from: 1,
    to: 2,
    summary: 'adds request_id (the console save an audit row records), blank for older rows',
    migrate: (row) => ({ ...row, request_id: '' }),
  },
  {
    tab: 'Devices',
    from: 1,
    to: 2,
    summary: 'adds last_at (the time of the newest accepted entry), first set to last_seen',
    // last_seen is the latest a device can have sent anything, so clamping to it never moves a later
    // entry backwards by more than the old behaviour did.
    migrate: (row) => ({ ...row, last_at: row.last_seen ?? '' }),
  },
  {
    tab: 'Current',
    from: 1,
    to: 2,
    summary: "adds violations (the day's violations for the employee page), first blank",
    // Blank reads as none kept; the next checkBreaks run fills in the day's list from the Violations tab.
    migrate: (row) => ({ ...row, violations: '' }),
  },
  {
    tab: 'Devices',
    from: 2,
    to: 3,
    summary: 'adds pending (the status write in progress for the device), blank: none in progress',
    migrate: (row) => ({ ...row, pending: '' }),
  },
  {
    tab: 'Devices',
    from: 3,
    to: 4,
    summary: 'adds backlog_count and backlog_oldest_at (what the page still held unsent after its last sync), blank: not reported yet',
    // Blank reads as not reported, which no service alert fires on; the next sync of a current page fills them.
    migrate: (row) => ({ ...row, backlog_count: '', backlog_oldest_at: '' }),
  },
  {
    tab: 'Schedule',
    from: 1,
    to: 2,
    summary: 'adds day (blank: a shift; off, vacation or sick: no shift that day), blank: every row stays the shift it was',
    // Rows v1 refused (a mark typed as a time) stay refused, and breaks typed before stay fixed by hand:
    // nothing typed before changes meaning.
    migrate: (row) => ({ ...row, day: '' }),
  },
  {
    tab: 'Daily',
    from: 1,
    to: 2,
    summary: "adds timeline (the day's segments and planned shift, for reviewing an earlier day), blank for days already written",
    // Blank reads as an unknown timeline: the review shows the day's figures without its segments.
    migrate: (row) => ({ ...row, timeline: '' }),
  },
  {
    tab: 'Current',
    from: 2,
    to: 3,
    summary: 'adds last_write (the last status write that finished on the row), blank',
    // Blank matches no pending write: a device with one in progress checks the Log once and repairs.
    migrate: (row) => ({ ...row, last_write: '' }),
  },
  {
    tab: 'Daily',
    from: 2,
    to: 3,
    summary: 'adds group, planned break and lunch minutes, overruns, late start and early leave minutes and violations by type, blank for days already written',
    // Blank reads as "no breakdown": reports count such days in their sums and say how many lack the breakdown.
    migrate: (row) => ({
      ...row,
      group: '',
      planned_break_min: '',
      planned_lunch_min: '',
      overruns: '',
      overrun_min: '',
      late_start_min: '',
      early_leave_min: '',
      violation_types: '',
    }),
  },
];

export function versionsOf(tab: TabName): TabVersion[] {
  return [...(OLDER_VERSIONS[tab] ?? []), { version: TABS[tab].version, columns: TABS[tab].columns }];
}

export function columnsOf(tab: TabName, version: number): readonly ColumnSpec[] {
  const v = versionsOf(tab).find((x) => x.version === version);
  if (!v) throw new Error(`${tab} has no version ${version}`);
  return v.columns;
}

/**
 * The versions a header row can be: those whose columns start the row, longest first wins (columns an admin
 * added to the right are allowed). Several only when versions share a header; [] when none fits.
 */
export function versionsWithHeader(tab: TabName, header: readonly string[]): number[] {
  const fitting = versionsOf(tab).filter((v) => sameHeader(v.columns.map((col) => col.name), header.slice(0, v.columns.length)));
  const longest = Math.max(0, ...fitting.map((v) => v.columns.length));
  return fitting.filter((v) => v.columns.length === longest).map((v) => v.version);
}

/** The steps from `from` up to the current version, or null if one is missing. */
export function migrationPath(tab: TabName, from: number): Migration[] | null {
  const path: Migration[] = [];
  for (let v = from; v < TABS[tab].version; ) {
    const step = MIGRATIONS.find((m) => m.tab === tab && m.from === v);
    if (!step || step.to <= v) return null;
    path.push(step);
    v = step.to;
  }
  return path;
}

/**
 * Upgrades data rows (cells in the `from` version's column order) to the current version's column order.
 * Row count and order never change.
 */
export function migrateRows(tab: TabName, from: number, rows: readonly Cell[][]): Cell[][] {
  const path = migrationPath(tab, from);
  if (!path) throw new Error(`${tab}: no migration path from version ${from} to ${TABS[tab].version}`);
  const fromColumns = columnsOf(tab, from);
  const toColumns = TABS[tab].columns;
  return rows.map((cells) => {
    let record: RawRow = {};
    fromColumns.forEach((col, i) => (record[col.name] = cells[i] ?? ''));
    for (const step of path) record = step.migrate(record);
    return toColumns.map((col) => record[col.name] ?? '');
  });
}
