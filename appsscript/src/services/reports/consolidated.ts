// The consolidated days of a period, read from the Daily tab and nothing else (never Log): the rows of the
// period's dates in ONE read through the index the rollover keeps (store/daily-index.ts), every row checked
// against it; without an index, or when the rows are not where it says, the date column tells where they are.
import type { CellContext } from '../../store/cells.ts';
import { decodeCell } from '../../store/cells.ts';
import type { Cell, SheetPort } from '../../store/port.ts';
import { decodeRecord } from '../../store/records.ts';
import { TABS } from '../../store/schema.ts';
import { blockMatches, DAILY_INDEX_KEY, indexFromDates, parseDailyIndex, rowsOf, type DailyIndex } from '../../store/daily-index.ts';
import type { ConsolidatedDay } from '../../domain/reports/consolidated-day.ts';
import { parseViolationTypes } from '../../domain/reports/breakdown.ts';
import { readDailyTimeline } from '../day-timeline.ts';

const spec = TABS.Daily;

export interface DailyReadIo {
  port: SheetPort;
  ctx: CellContext;
}

export interface ConsolidatedRead {
  days: ConsolidatedDay[];
  /** How the rows were found: through the index, or from the date column (the index was missing or wrong). */
  via: 'index' | 'dates';
  /**
   * The first date the live tab holds (null: none), as the trusted index or the date column says: earlier
   * dates were moved to the archive workbooks (services/reports/archived-days.ts reads them).
   */
  first: string | null;
}

export function readConsolidated(given: DailyReadIo, settings: ReadonlyMap<string, string>, from: string, to: string): ConsolidatedRead {
  const io = { ...given, ctx: sameDayFormats(given.ctx) };
  const index = parseDailyIndex(settings.get(DAILY_INDEX_KEY));
  if (index) {
    // A stale index (rows deleted from the top since) fails the check below whenever the period meets it;
    // a period wholly before its first date is before the live tab's first date too.
    const first = firstDate(index);
    const block = rowsOf(index, from, to);
    if (!block) return { days: [], via: 'index', first };
    const rows = io.port.readRows(spec.name, block.first, block.last - block.first + 1, spec.columns.length);
    if (blockMatches(index, block.first, rows, (cells) => dateOf(cells[0], io.ctx))) return { days: daysOf(io, block.first, rows, from, to), via: 'index', first };
  }
  const found = indexFromColumn(io);
  const first = firstDate(found);
  const block = rowsOf(found, from, to);
  if (!block) return { days: [], via: 'dates', first };
  const rows = io.port.readRows(spec.name, block.first, block.last - block.first + 1, spec.columns.length);
  return { days: daysOf(io, block.first, rows, from, to), via: 'dates', first };
}

function firstDate(index: DailyIndex): string | null {
  let first: string | null = null;
  for (const date of index.keys()) if (first === null || date < first) first = date;
  return first;
}

/**
 * A year of Daily is 73,000 date cells but only 365 dates: each distinct instant is formatted once (a
 * Utilities.formatDate call each on Apps Script), not once per row.
 */
export function sameDayFormats(ctx: CellContext): CellContext {
  const seen = new Map<string, string>();
  return {
    formatDate(ms, pattern) {
      const key = `${ms}|${pattern}`;
      let text = seen.get(key);
      if (text === undefined) seen.set(key, (text = ctx.formatDate(ms, pattern)));
      return text;
    },
  };
}

/** The index as the tab's date column says it (ONE read of one column). */
export function indexFromColumn(given: DailyReadIo): DailyIndex {
  const io = { ...given, ctx: sameDayFormats(given.ctx) };
  const { rows } = io.port.readAll(spec.name, 1);
  return indexFromDates(rows.map((r) => dateOf(r[0], io.ctx)));
}

function dateOf(cell: Cell | undefined, cells: CellContext): string {
  const d = decodeCell('date', cell ?? '', cells);
  return d.ok && typeof d.value === 'string' ? d.value : '';
}

/** The days of rows read from sheet row `first` dated from..to (an archive's rows too: the same columns). */
export function daysOf(io: Pick<DailyReadIo, 'ctx'>, first: number, rows: readonly Cell[][], from: string, to: string): ConsolidatedDay[] {
  const out: ConsolidatedDay[] = [];
  rows.forEach((cells, i) => {
    const v = decodeRecord(spec, cells, first + i, io.ctx).values;
    const date = String(v.date ?? '');
    const employee = String(v.employee_id ?? '');
    if (date < from || date > to || employee === '') return;
    out.push(consolidatedDayOf(v));
  });
  return out;
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const pct = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** A Daily row's values as the reports take them; a day without v3's cells has no breakdown. */
export function consolidatedDayOf(v: Record<string, unknown>): ConsolidatedDay {
  const timeline = readDailyTimeline(v.timeline);
  const types = typeof v.planned_break_min === 'number' ? parseViolationTypes(String(v.violation_types ?? '')) : null;
  return {
    date: String(v.date),
    employee_id: String(v.employee_id),
    group: typeof v.group === 'string' && v.group !== '' ? v.group : null,
    scheduled_min: num(v.scheduled_min),
    worked_min: num(v.worked_min),
    break_min: num(v.break_min),
    lunch_min: num(v.lunch_min),
    other_min: num(v.other_min),
    adherence_pct: pct(v.adherence_pct),
    conformance_pct: pct(v.conformance_pct),
    violations: num(v.violations),
    timeline: timeline ? { schedule: timeline.schedule, segments: timeline.segments } : null,
    breakdown: types
      ? {
          planned_break_min: num(v.planned_break_min),
          planned_lunch_min: num(v.planned_lunch_min),
          overruns: num(v.overruns),
          overrun_min: num(v.overrun_min),
          late_starts: types.late_start,
          late_start_min: num(v.late_start_min),
          early_leaves: types.early_leave,
          early_leave_min: num(v.early_leave_min),
          violations_by_type: types,
        }
      : null,
  };
}
