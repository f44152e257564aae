// What the host services share. Built once per runtime in the main thread.
import type { Clock } from '../clock.ts';
import type { ExecutionInfo } from '../runtime/contracts.ts';
import type { Op, SpreadsheetModel } from '../model/types.ts';

/** A host method: the first argument is always the calling execution. May be async (locks, fetch). */
export type HostMethod = (exec: ExecutionInfo, ...args: any[]) => unknown;
export type HostService = Record<string, HostMethod>;
export type HostServices = Record<string, HostService>;

/** The spreadsheets, durable (see emulator/store). */
export interface WorkbookStore {
  /** The bound spreadsheet (data/workbook.xlsx). */
  readonly activeId: string;
  get(id: string): SpreadsheetModel | undefined;
  list(): SpreadsheetModel[];
  /** Applies and journals one change; returns once it is durable against a process kill. */
  apply(op: Op): void;
  /** A new spreadsheet file beside the workbook; returns its id. */
  create(name: string): string;
  /** Called when an execution ends: makes everything it wrote durable against power loss (fsync). */
  sync(): void;
}

export interface SentMail {
  at: number;
  from: string;
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
}

export interface FetchRecord {
  at: number;
  execId: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: string;
  status: number | null; // null when the request failed
  response: string;
  error?: string;
}

export interface HostDeps {
  clock: Clock;
  workbooks: WorkbookStore;
  /** data/ (WTT_DATA's folder): where project state (properties, triggers, mail) is kept. */
  dataDir: string;
  /** dist/appsscript: HtmlService reads its files here. */
  bundleDir: string;
  /** Script owner (Session.getEffectiveUser). */
  ownerEmail: string;
  mailbox: SentMail[];
  fetches: FetchRecord[];
  /** The URL the web app answers at (ScriptApp.getService().getUrl()). */
  webAppUrl: string;
}
