// A report's consolidated days over live and archived months. The archive moves whole months of Daily to
// the month's archive workbook (tab Daily); the live tab then starts later. The period's dates from the live
// tab's first date on are read from Daily (services/reports/consolidated.ts); the earlier ones from each
// month's archive (one read of its Daily tab, filtered to the period). Never Log. Only dates before the live
// tab's first date are taken from an archive, so a block copied to an archive and not yet deleted from the
// live tab (an archive run in progress) is counted once. A month whose workbook cannot be read is named in
// the coverage instead of failing the report.
import type { Cell } from '../../store/port.ts';
import type { ConsolidatedDay } from '../../domain/reports/consolidated-day.ts';
import { addDays } from '../../domain/calendar.ts';
import { monthsBetween } from '../../domain/archive-daily.ts';
import { daysOf, readConsolidated, sameDayFormats, type ConsolidatedRead, type DailyReadIo } from './consolidated.ts';

export type ArchivedMonth =
  /** No archive of that month's days: the tracker had none then. */
  | { kind: 'none' }
  /** Every row of the month's Daily tab in its archive workbook. */
  | { kind: 'rows'; rows: Cell[][] }
  /** The archive moved the month's days but its workbook (or tab) cannot be read now. */
  | { kind: 'unavailable'; reason: string };

/** The archive workbooks' Daily tabs (gas/archive-workbooks.ts dailyArchiveReader; opening one is Apps Script's). */
export interface DailyArchive {
  month(month: string): ArchivedMonth;
}

export interface PeriodRead extends ConsolidatedRead {
  /** Months read from archive workbooks. */
  archived_months: string[];
  /** Months whose archived days could not be read ('yyyy-MM'): the report leaves them out and says so. */
  unavailable_months: string[];
}

export function readPeriod(io: DailyReadIo, settings: ReadonlyMap<string, string>, from: string, to: string, archive?: DailyArchive): PeriodRead {
  const live = readConsolidated(io, settings, from, to);
  const out: PeriodRead = { ...live, archived_months: [], unavailable_months: [] };
  if (!archive) return out;
  // No live date at all: every date of the period can only be in an archive.
  const before = live.first ?? addDays(to, 1);
  if (from >= before) return out;
  const last = to < before ? to : addDays(before, -1);
  const ctx = sameDayFormats(io.ctx);
  const older: ConsolidatedDay[] = [];
  for (const month of monthsBetween(from, last)) {
    const got = archive.month(month);
    if (got.kind === 'none') continue;
    if (got.kind === 'unavailable') {
      out.unavailable_months.push(month);
      continue;
    }
    out.archived_months.push(month);
    older.push(...daysOf({ ctx }, 2, got.rows, from, last));
  }
  out.days = [...older, ...live.days];
  return out;
}
