// The admin console's side of services/audit.ts: the actor is the caller.
import { appendAudit as appendRequest, audited, auditOnce as auditRequest, type AuditDeps, type AuditEntry } from '../audit.ts';
import type { AdminDeps } from './deps.ts';

export type { AuditEntry };

const as = (deps: AdminDeps): AuditDeps => ({ port: deps.port, now: deps.now, actor: deps.caller.email });

export function auditOnce(deps: AdminDeps, requestId: string, entry: AuditEntry): void {
  auditRequest(as(deps), requestId, entry);
}

/** The two halves, for a save that must know whether its Audit row is there before it checks a version. */
export function auditedAlready(deps: AdminDeps, requestId: string): boolean {
  return audited(deps.port, requestId);
}

export function appendAudit(deps: AdminDeps, requestId: string, entry: AuditEntry): void {
  appendRequest(as(deps), requestId, entry);
}
