// Who may call what: the one decision behind every exposed function (gas/guard.ts gathers the facts).
// Pure: the caller's identity, the Employees and Groups rows, and whether a real installed trigger fired.
import type { Employee, Group } from './model.ts';

/**
 * How an exposed function may be reached.
 * - web: doGet/doPost; open to anyone, each op checks its own token or signature.
 * - simple: simple triggers (onOpen, onInstall, onEdit); they do nothing privileged (add the menu,
 *   drop cached reference data after a real edit), so they need no identity, which Apps Script does not
 *   give a simple trigger of another account anyway.
 * - admin: an active admin (or the spreadsheet's owner).
 * - trigger: one of this project's installed triggers for this very handler, or an admin by hand.
 * - staff: an admin or a lead; what a lead may touch is decided per operation (ledGroups).
 */
export const ACCESS_KINDS = ['web', 'simple', 'admin', 'trigger', 'staff'] as const;
export type Access = (typeof ACCESS_KINDS)[number];

export type CallerRole = 'admin' | 'lead' | 'employee' | 'anonymous';

export interface Caller {
  /** Lower-cased; '' for an anonymous web-app visitor. */
  email: string;
  role: CallerRole;
  /** The groups this caller may see and act on: every group for an admin, the led ones for a lead. */
  groups: string[];
  /** The Employees row, when the caller is in it. */
  employee: Employee | null;
}

/** The owner is always an admin; otherwise Employees decides (inactive people have no rights). */
export function identify(email: string, ownerEmail: string, employees: readonly Employee[], groups: readonly Group[]): Caller {
  const me = email.trim().toLowerCase();
  if (me === '') return { email: '', role: 'anonymous', groups: [], employee: null };
  const employee = employees.find((e) => e.email === me) ?? null;
  const active = employee !== null && employee.active;
  if (me === ownerEmail.trim().toLowerCase() || (active && employee.role === 'admin')) {
    return { email: me, role: 'admin', groups: groups.map((g) => g.name), employee };
  }
  if (!active) return { email: me, role: 'anonymous', groups: [], employee };
  const led = groups.filter((g) => g.lead_emails.includes(me)).map((g) => g.name);
  if (employee.role === 'lead' || led.length > 0) return { email: me, role: 'lead', groups: led, employee };
  return { email: me, role: 'employee', groups: [], employee };
}

export interface AccessFacts {
  caller: Caller;
  /** A genuine installed trigger of this project, for this handler, fired this execution. */
  byOwnTrigger: boolean;
}

export function mayCall(access: Access, facts: AccessFacts): boolean {
  const { role } = facts.caller;
  switch (access) {
    case 'web':
    case 'simple':
      return true;
    case 'admin':
      return role === 'admin';
    case 'trigger':
      return facts.byOwnTrigger || role === 'admin';
    case 'staff':
      return role === 'admin' || role === 'lead';
  }
}

/** What the refusal says, in both languages. */
export function refusalText(name: string, access: Access): { en: string; ru: string } {
  switch (access) {
    case 'staff':
      return { en: `Only an admin or a group lead may use ${name}`, ru: `${name} доступно только администратору или руководителю группы` };
    case 'trigger':
      return { en: `${name} runs only from this project's own trigger or for an admin`, ru: `${name} запускается только триггером этого проекта или администратором` };
    default:
      return { en: `Only an admin may run ${name}`, ru: `${name} может запустить только администратор` };
  }
}
