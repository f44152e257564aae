// What every admin operation is given: who calls, the clock, the sheet, the script lock and the caches.
// gas/admin-wiring.ts builds it from the Apps Script services; tests build it over the emulator.
import type { Caller } from '../../domain/access.ts';
import type { SheetPort } from '../../store/port.ts';
import type { CellContext } from '../../store/cells.ts';
import type { Tables } from '../../store/tables.ts';
import type { ReferenceData } from '../../store/reference.ts';
import type { DoctorFacts } from './doctor.ts';
import type { CalendarFns } from '../check-breaks.ts';
import type { NeutralPeriod } from '../../domain/rules/types.ts';
import type { ReportBook } from '../reports/report-book.ts';
import type { DailyArchive } from '../reports/archived-days.ts';
import type { AlertSender } from '../alerts.ts';
import type { MailPort } from '../broadcast-delivery.ts';

/** The range selected in the spreadsheet (the active range): where it is, and its cells read only when asked. */
export interface SelectedRange {
  tab: string;
  a1: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
  displayValues(): string[][];
}

export interface AdminDeps {
  caller: Caller;
  now: number;
  port: SheetPort;
  cells: CellContext;
  /** Fresh typed tables (one per lock scope). */
  tables(): Tables;
  /** Reference data as the requests see it (the cache), for lookups that need no fresh read. */
  reference(): ReferenceData;
  withLock<T>(work: () => T): T;
  /** After a save: the employee page and the bot must see the change at once. */
  invalidateReference(): void;
  /** 'yyyy-MM-dd' of an instant in the spreadsheet's time zone. */
  dateOf(ms: number): string;
  /** Dates, wall-clock times and 'HH:mm' in the spreadsheet's zone, as the rules take them. */
  calendarFns(): CalendarFns;
  /** The Neutral tab's outages (one read; none when the tab is missing). */
  neutral(): NeutralPeriod[];
  secrets: {
    isSet(name: string): boolean;
    set(name: string, value: string): void;
  };
  spreadsheet: {
    timeZone(): string;
    setTimeZone(zone: string): void;
  };
  /** Re-installs the triggers after a setting that shapes them changed (idempotent); `settings` as just written. */
  reinstallTriggers(settings?: ReadonlyMap<string, string>): void;
  /** The cells the caller has selected in the spreadsheet; null when no spreadsheet is open. */
  selection(): SelectedRange | null;
  /** A new spreadsheet for an exported report (gas/report-books.ts; locally a workbook in the data folder). */
  newReportBook(name: string): ReportBook;
  /** The archived months' Daily tabs (gas/archive-workbooks.ts); without it reports read the live tab only. */
  dailyArchive?(): DailyArchive;
  /** The push of alerts to the bot at this URL (gas/alert-push.ts), for a broadcast sent now. */
  senderFor(botUrl: string): AlertSender;
  /** MailApp, for a broadcast's e-mails. */
  mail: MailPort;
  /** What the doctor looks at besides the tabs (triggers, web app, quotas, the bot). */
  doctorFacts(o: { testChatId?: string; settings: ReadonlyMap<string, string>; now?: number }): DoctorFacts;
}
