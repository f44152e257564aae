// A violation's alerts, as the notification rules say (services/notify.ts): by default one to the group's
// lead chat, 'L-<date>-<hash>' with the excuse and confirm buttons, exactly as before the rules. Any other
// recipient (admins, the employee, a lead's address) gets 'W-<date>-<hash of violation and recipient>',
// without buttons: deciding is done in the lead chat or the console.
//
// Violations.alert_id holds the lead-chat alert's id when there is one, else the first alert's id, else
// blank. A run cut after writing the violation and before its alerts leaves a row whose alert_id is in no
// Outbox row (services/violations.ts readTails, "orphans"): its alerts are rebuilt from the row by the same
// rules, without the once-per limit (they were decided already), and the ones already written are skipped.
import type { Employee } from '../domain/model.ts';
import type { Violation, ViolationType } from '../domain/rules/index.ts';
import type { RawRecord } from '../store/records.ts';
import { violationAlertId, violationAlertText } from '../domain/alerts.ts';
import { violationCopyId } from '../domain/notify.ts';
import type { NewAlert } from './alerts.ts';
import type { Notifier } from './notify.ts';

export type ViolationFacts = Pick<Violation, 'type' | 'employee_id' | 'date' | 'planned' | 'actual' | 'over_minutes'>;

export function violationAlerts(notify: Notifier, v: ViolationFacts, violationIdText: string, people: ReadonlyMap<string, Employee>, o: { replay?: boolean } = {}): NewAlert[] {
  const person = people.get(v.employee_id) ?? null;
  const text = violationAlertText({
    type: v.type,
    employee_name: person?.name ?? v.employee_id,
    group: person?.group ?? '',
    date: v.date,
    planned: v.planned,
    actual: v.actual,
    over_minutes: v.over_minutes,
  });
  const leadAlert = violationAlertId(violationIdText);
  return notify.alerts(
    {
      kind: 'violation',
      violationType: v.type,
      employee: person,
      subject: v.employee_id,
      build: (r) => ({
        alert_id: r.who === 'lead_chat' && r.how === 'telegram' ? leadAlert : violationCopyId(violationIdText, r.target),
        kind: 'violation',
        text,
      }),
    },
    o,
  );
}

/** What Violations.alert_id records of a violation's alerts (see the note above). */
export function alertIdColumn(alerts: readonly NewAlert[], violationIdText: string): string {
  const lead = violationAlertId(violationIdText);
  return alerts.some((a) => a.alert_id === lead) ? lead : (alerts[0]?.alert_id ?? '');
}

/** The alerts of a violation row whose alerts a cut run never wrote, rebuilt from the row. */
export function orphanAlerts(notify: Notifier, row: RawRecord, people: ReadonlyMap<string, Employee>): NewAlert[] {
  const v: ViolationFacts = {
    type: row.type as ViolationType,
    employee_id: String(row.employee_id ?? ''),
    date: String(row.date ?? ''),
    planned: String(row.planned ?? ''),
    actual: String(row.actual ?? ''),
    over_minutes: Number(row.over_minutes) || 0,
  };
  return violationAlerts(notify, v, String(row.id ?? ''), people, { replay: true });
}
