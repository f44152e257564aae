// The Audit row of a write, written once per request key. Apps Script rolls nothing back, so a write that
// audits itself goes: under the script lock, the Audit row first, then the change, both keyed by the
// request. A cut before the Audit row leaves nothing; a cut between the two is finished by the retry, which
// finds its Audit row with ONE TextFinder search (no cells read) and writes only the change; a cut after
// the change is answered by the retry from the record itself. So a change is never made without its Audit
// row, and no Audit row is doubled.
import type { SheetPort } from '../store/port.ts';
import { TABS, columnIndex } from '../store/schema.ts';
import { encodeRecord } from '../store/records.ts';

export interface AuditEntry {
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

export interface AuditDeps {
  port: SheetPort;
  now: number;
  /** Who acts: an email. */
  actor: string;
}

/** Whether the Audit row of this request is there already. */
export function audited(port: SheetPort, requestId: string): boolean {
  return port.findInColumn(TABS.Audit.name, columnIndex('Audit', 'request_id') + 1, requestId).length > 0;
}

/**
 * The `after` of this request's Audit row, or undefined when there is none (one search, and one read of that
 * row when found). For a change that is not idempotent by value (ending someone's sessions bumps a counter):
 * a retry that finds the row makes the record what the row says, instead of bumping again or not at all.
 */
export function auditedAfter(port: SheetPort, requestId: string): { after: unknown } | undefined {
  const rows = port.findInColumn(TABS.Audit.name, columnIndex('Audit', 'request_id') + 1, requestId);
  if (rows.length === 0) return undefined;
  const [cells] = port.readRows(TABS.Audit.name, rows[0], 1, TABS.Audit.columns.length);
  const raw = cells?.[columnIndex('Audit', 'after')];
  try {
    return { after: typeof raw === 'string' && raw !== '' ? JSON.parse(raw) : null };
  } catch {
    return { after: null };
  }
}

/** Appends the Audit row of this request (one call); callers that looked it up already use this half. */
export function appendAudit(deps: AuditDeps, requestId: string, entry: AuditEntry): void {
  deps.port.appendRow(TABS.Audit.name, encodeRecord(TABS.Audit, { at: deps.now, actor: deps.actor, ...entry, request_id: requestId }));
}

/** Appends the Audit row of this request unless a cut-short try of the same request already did. */
export function auditOnce(deps: AuditDeps, requestId: string, entry: AuditEntry): void {
  if (!audited(deps.port, requestId)) appendAudit(deps, requestId, entry);
}
