// Typed access to the tabs. Each accessor is ONE read or ONE write of the port (plus a last-row lookup
// where an append needs it), whatever the number of rows.
// Validated tabs (people edit them) return { rows, issues }: a bad row is reported and skipped, the rest
// of the team keeps working. Machine tabs (Devices, Current, Log) are written only by the script; a cell
// someone damaged by hand reads as blank and is reported through opts.onIssue.
import { TABS, type TabName, type TabSpec } from './schema.ts';
import type { CurrentRow, DayEntry, DeviceRow, Employee, Group, LogRow, PendingWrite, Read, Rule, RowIssue, Shift, Status } from '../domain/model.ts';
import type { Cell, SheetPort } from './port.ts';
import type { CellContext } from './cells.ts';
import { checkHeader, decodeRecord, encodeRecord, isBlankRow, rowIssue, type RawRecord } from './records.ts';
import { checkEmployee, checkGroup, checkRule, checkShift, checkStatus, isAbsence, type Checked, type ScheduleRow } from './validate.ts';
import { formatBreaks } from './breaks.ts';
import { checkNeutral } from './neutral.ts';
import { checkReminder, type ReminderRow } from './reminders.ts';
import { checkNotifyRule } from './notify-rules.ts';
import type { NotifyRuleRecord } from '../../../common/notify-rules.ts';
import { dayViolationsOf } from '../domain/today.ts';
import type { NeutralPeriod } from '../domain/rules/types.ts';
import { readSettingsSnapshot, settingsMap, writeSettings, type SettingsSnapshot } from './settings.ts';
import { readSchedule, rowsInOrder } from './schedule-rows.ts';
import { UNDATED } from './schedule-index.ts';

export interface TablesOptions {
  /** The spreadsheet's time zone (dates typed by hand are read in it). */
  timeZone: string;
  /** Utilities.formatDate in that zone; only called for Date cells found in date and time columns. */
  formatDate(ms: number, pattern: string): string;
  /** Damaged cells of machine tabs (they are read as blank): for the log. */
  onIssue?: (issue: RowIssue) => void;
}

/** Inclusive range of 'yyyy-MM-dd' dates. */
export interface DateWindow {
  from: string;
  to: string;
}

export interface Tables {
  readonly timeZone: string;
  employees(): RowsRead<Employee>;
  groups(): RowsRead<Group>;
  statuses(): RowsRead<Status>;
  rules(): RowsRead<Rule>;
  /** Shifts, only those dated within `window` when given (rows outside it are neither checked nor returned). */
  schedule(window?: DateWindow): RowsRead<Shift>;
  /** The Neutral tab's outages; a row with a bad date or end <= start is an issue and skipped. */
  neutral(): RowsRead<NeutralPeriod>;
  /** The Reminders tab (store/reminders.ts); throws MissingTab on a workbook set up before it. */
  reminders(): RowsRead<ReminderRow>;
  /** The Notify tab's notification rules (ids unique); a row that cannot be used is an issue and skipped. */
  notifyRules(): RowsRead<NotifyRuleRecord>;
  devices(): DeviceRow[];
  current(): CurrentRow[];
  /**
   * Current without the columns a reader of live states does not need (violations, last_write): fewer cells
   * for a request that only reads, such as the live floor refreshed every 30 s. Never save rows read so.
   */
  currentStates(): CurrentRow[];
  /** Rewrites the whole tab from row 2 in one write (rows left over from a longer table are blanked). */
  saveDevices(rows: readonly DeviceRow[]): void;
  saveCurrent(rows: readonly CurrentRow[]): void;
  /** Appends below the last row: one last-row lookup and one write; nothing at all when `rows` is empty. */
  appendLog(rows: readonly LogRow[]): void;
  /** Log rows after sheet row `afterRow` (1 = from the first data row), with their sheet row numbers. */
  readLog(afterRow: number): { rows: { row: number; entry: LogRow }[]; lastRow: number };
  /** The sheet rows whose entry_id is exactly `entryId`, top to bottom: one search, no cells read. */
  findLogEntry(entryId: string): number[];
  /** `count` Log rows from sheet row `firstRow`, in ONE read (blank rows included, as null). */
  logRowsAt(firstRow: number, count: number): (LogRow | null)[];
  settings(): Map<string, string>;
  setSetting(key: string, value: string): void;
  /** Several settings in one write. */
  setSettings(values: ReadonlyMap<string, string>): void;
  /** Appends records keyed by column name, encoded by the tab's column types (one lookup, one write). */
  appendRecords(tab: TabName, records: readonly RawRecord[]): void;
  /** No data rows below the header. */
  isEmpty(tab: TabName): boolean;
}

/** A Read that also says which sheet row each returned row came from (parallel to rows). */
export interface RowsRead<T> extends Read<T> {
  sheetRows: number[];
}

interface UniqueKey<T> {
  column: string;
  key(row: T): string;
  what: string;
}

export function openTables(port: SheetPort, opts: TablesOptions): Tables {
  const ctx: CellContext = { formatDate: opts.formatDate };
  /** Data rows each tab had when last read or written here: a shorter rewrite blanks the rest. */
  const knownRows = new Map<string, number>();
  let settingsSnapshot: SettingsSnapshot | null = null;

  function readTab(spec: TabSpec, width = spec.columns.length): Cell[][] {
    const { header, rows } = port.readAll(spec.name, width);
    checkHeader({ ...spec, columns: spec.columns.slice(0, width) }, header);
    knownRows.set(spec.name, rows.length);
    if (width === spec.columns.length) return rows;
    const rest = spec.columns.slice(width).map((): Cell => '');
    return rows.map((r) => [...r, ...rest]);
  }

  function readValidated<T>(
    spec: TabSpec,
    check: (v: RawRecord, row: number) => Checked<T>,
    keys: UniqueKey<T>[],
    keep: (v: RawRecord) => boolean = () => true,
    rows: [number, Cell[]][] = readTab(spec).map((cells, i) => [i + 2, cells]),
  ): RowsRead<T> {
    const out: T[] = [];
    const sheetRows: number[] = [];
    const issues: RowIssue[] = [];
    const seen = keys.map(() => new Map<string, number>());
    rows.forEach(([row, cells]) => {
      if (isBlankRow(cells)) return;
      const decoded = decodeRecord(spec, cells, row, ctx);
      if (!keep(decoded.values)) return;
      const checked = check(decoded.values, row);
      if (decoded.issues.length || !checked.ok) {
        // Everything wrong with the row at once, so the admin fixes it in one go (one issue per column).
        const columns = new Set(decoded.issues.map((x) => x.column));
        const more = checked.ok ? [] : checked.issues.filter((x) => !columns.has(x.column));
        issues.push(...[...decoded.issues, ...more].sort((a, b) => columnOrder(spec, a.column) - columnOrder(spec, b.column)));
        return;
      }
      const dup = keys.findIndex((k, j) => seen[j].has(k.key(checked.value)));
      if (dup >= 0) {
        const k = keys[dup];
        const first = seen[dup].get(k.key(checked.value));
        issues.push(rowIssue(spec.name, row, k.column, `the same ${k.what} as row ${first}; this row is ignored / ${k.what} как в строке ${first}; эта строка не учитывается`));
        return;
      }
      keys.forEach((k, j) => seen[j].set(k.key(checked.value), row));
      out.push(checked.value);
      sheetRows.push(row);
    });
    return { rows: out, issues, sheetRows };
  }

  function readMachine(spec: TabSpec, keyColumn: string, width?: number): { row: number; values: RawRecord }[] {
    const out: { row: number; values: RawRecord }[] = [];
    readTab(spec, width).forEach((cells, i) => {
      if (isBlankRow(cells)) return;
      const decoded = decodeRecord(spec, cells, i + 2, ctx);
      decoded.issues.forEach((issue) => opts.onIssue?.(issue));
      if (decoded.values[keyColumn] !== '') out.push({ row: i + 2, values: decoded.values });
    });
    return out;
  }

  function rewrite(spec: TabSpec, records: readonly RawRecord[]): void {
    const cells = records.map((r) => encodeRecord(spec, r));
    const before = knownRows.get(spec.name) ?? port.lastRow(spec.name) - 1;
    const blank = spec.columns.map((): Cell => '');
    while (cells.length < before) cells.push([...blank]);
    if (cells.length) port.writeRows(spec.name, 2, cells);
    knownRows.set(spec.name, records.length);
  }

  function append(spec: TabSpec, records: readonly RawRecord[]): void {
    if (records.length === 0) return;
    const cells = records.map((r) => encodeRecord(spec, r));
    const last = port.lastRow(spec.name);
    port.writeRows(spec.name, last + 1, cells);
    knownRows.set(spec.name, last - 1 + records.length);
  }

  function currentRows(width?: number): CurrentRow[] {
    return readMachine(TABS.Current, 'employee_id', width).map(({ row, values: v }) => ({
      employee_id: v.employee_id as string,
      status: v.status as string,
      since: v.since as number | null,
      last_seen: v.last_seen as number | null,
      device_id: v.device_id as string,
      day: v.day as string,
      timeline: timelineOf(v.timeline, row, opts.onIssue),
      violations: dayViolationsOf(v.violations),
      last_write: v.last_write as string,
    }));
  }

  function logRowOf(cells: Cell[], row: number): LogRow | null {
    if (isBlankRow(cells)) return null;
    const decoded = decodeRecord(TABS.Log, cells, row, ctx);
    decoded.issues.forEach((issue) => opts.onIssue?.(issue));
    const v = decoded.values;
    return {
      entry_id: v.entry_id as string,
      employee_id: v.employee_id as string,
      status: v.status as string,
      at: (v.at as number | null) ?? 0,
      client_at: (v.client_at as number | null) ?? 0,
      received_at: (v.received_at as number | null) ?? 0,
      device_id: v.device_id as string,
      seq: (v.seq as number | null) ?? 0,
      source: v.source as LogRow['source'],
      offline: (v.offline as boolean | null) ?? false,
      comment: v.comment as string,
    };
  }

  function settingsRows(): SettingsSnapshot {
    if (!settingsSnapshot) settingsSnapshot = readSettingsSnapshot(port);
    return settingsSnapshot;
  }

  return {
    timeZone: opts.timeZone,

    employees: () =>
      readValidated(TABS.Employees, checkEmployee, [
        { column: 'id', key: (e) => e.id, what: 'id' },
        // Emails are lower-cased on read, so Anna@X and anna@x are the same person.
        { column: 'email', key: (e) => e.email, what: 'email' },
      ]),

    groups: () => readValidated(TABS.Groups, checkGroup, [{ column: 'name', key: (g) => g.name, what: 'group name' }]),

    statuses: () => readValidated(TABS.Statuses, checkStatus, [{ column: 'code', key: (s) => s.code, what: 'status code' }]),

    rules: () =>
      readValidated(TABS.Rules, checkRule, [{ column: 'status', key: (r) => `${r.rule_set}\u0000${r.status}`, what: 'rule set and status' }]),

    schedule: (window) =>
      onlyShifts(
        readValidated(
          TABS.Schedule,
          checkShift,
          [{ column: 'employee_id', key: (s) => `${s.date}\u0000${s.employee_id}`, what: 'employee and date' }],
          // A row whose date cannot be read is checked (and reported) whatever the window.
          (v) => !window || v.date === '' || (String(v.date) >= window.from && String(v.date) <= window.to),
          // A window is read through the tab's row index: its dates' rows, not the tab's whole history.
          window ? rowsInOrder(readSchedule(port, ctx, (cls) => cls === UNDATED || (cls >= window.from && cls <= window.to))) : undefined,
        ),
      ),

    // Overlapping periods are fine: the rules merge them.
    neutral: () => readValidated(TABS.Neutral, checkNeutral, []),

    reminders: () =>
      readValidated(TABS.Reminders, checkReminder, [{ column: 'kind', key: (r) => `${r.employee_id}\u0000${r.kind}`, what: 'employee and kind' }]),

    notifyRules: () => readValidated(TABS.Notify, checkNotifyRule, [{ column: 'id', key: (r) => r.id, what: 'rule id' }]),

    devices: () =>
      readMachine(TABS.Devices, 'device_id').map(({ row, values: v }) => ({
        device_id: v.device_id as string,
        employee_id: v.employee_id as string,
        last_seq: (v.last_seq as number | null) ?? 0,
        last_seen: v.last_seen as number | null,
        last_at: v.last_at as number | null,
        pending: pendingOf(v.pending, row, opts.onIssue),
        backlog_count: (v.backlog_count as number | null) ?? null,
        backlog_oldest_at: (v.backlog_oldest_at as number | null) ?? null,
      })),

    current: () => currentRows(),

    currentStates: () => currentRows(columnOrder(TABS.Current, 'timeline') + 1),

    saveDevices: (rows) => rewrite(TABS.Devices, rows as unknown as RawRecord[]),

    saveCurrent: (rows) => rewrite(TABS.Current, rows as unknown as RawRecord[]),

    appendLog: (rows) => append(TABS.Log, rows as unknown as RawRecord[]),

    readLog(afterRow) {
      const spec = TABS.Log;
      const lastRow = port.lastRow(spec.name);
      const from = Math.max(2, afterRow + 1);
      const cells = port.readRows(spec.name, from, Math.max(0, lastRow - from + 1), spec.columns.length);
      const rows: { row: number; entry: LogRow }[] = [];
      cells.forEach((c, i) => {
        const entry = logRowOf(c, from + i);
        if (entry) rows.push({ row: from + i, entry });
      });
      return { rows, lastRow };
    },

    findLogEntry: (entryId) => port.findInColumn(TABS.Log.name, columnOrder(TABS.Log, 'entry_id') + 1, entryId),

    logRowsAt(firstRow, count) {
      if (count <= 0) return [];
      return port.readRows(TABS.Log.name, firstRow, count, TABS.Log.columns.length).map((c, i) => logRowOf(c, firstRow + i));
    },

    settings: () => settingsMap(settingsRows(), opts.formatDate),

    setSetting: (key, value) => void writeSettings(port, settingsRows(), new Map([[key, value]])),

    setSettings: (values) => void writeSettings(port, settingsRows(), values),

    appendRecords: (tab, records) => append(TABS[tab], records),

    isEmpty: (tab) => port.lastRow(TABS[tab].name) <= 1,
  };
}

/** A day off, vacation or sick leave is no shift: whoever reads shifts sees none that day. */
function onlyShifts(read: RowsRead<ScheduleRow>): RowsRead<Shift> {
  const keep = read.rows.map((r) => !isAbsence(r));
  return { rows: read.rows.filter((_, i) => keep[i]) as Shift[], sheetRows: read.sheetRows.filter((_, i) => keep[i]), issues: read.issues };
}

function columnOrder(spec: TabSpec, column: string): number {
  return spec.columns.findIndex((c) => c.name === column);
}

/** Devices.pending as written by services/status-writes.ts; anything else is reported and read as none. */
function pendingOf(v: unknown, row: number, onIssue?: (issue: RowIssue) => void): PendingWrite | null {
  if (v === null) return null;
  const p = v as Partial<PendingWrite> | null;
  const int = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x);
  if (
    p && typeof p === 'object' && typeof p.write === 'string' && typeof p.employee_id === 'string' && int(p.prev_seq) &&
    (p.prev_at === null || int(p.prev_at)) && typeof p.entry_id === 'string' && int(p.seq) && int(p.rows) && (p.rows ?? 0) > 0
  ) {
    return p as PendingWrite;
  }
  onIssue?.(rowIssue('Devices', row, 'pending', 'not a pending write; it is read as none / не незавершённая запись; читается как пустое'));
  return null;
}

function timelineOf(v: unknown, row: number, onIssue?: (issue: RowIssue) => void): DayEntry[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v as DayEntry[];
  onIssue?.(rowIssue('Current', row, 'timeline', 'the timeline is not a list; it is read as empty / таймлайн — не список; читается как пустой'));
  return [];
}

/** The Groups row as written (lead emails as one text cell). */
export function groupRecord(g: Group): RawRecord {
  return { ...g, lead_emails: g.lead_emails.join(', ') };
}

/** The Schedule row as written (breaks as "break 11:00 15; lunch 13:00 60"). */
export function shiftRecord(s: Shift): RawRecord {
  return { ...s, breaks: formatBreaks(s.breaks) };
}
