// status.set: a lead corrects someone's status with a reason (a forgotten break, a session left open). It is
// an entry like any other, written by the one status write (services/status-writes.ts, as sync and the bot
// write theirs), so the rules see the corrected day at the next checkBreaks and a corrected break makes no
// overrun. Source `admin`, from the employee's own console device `admin-<employee id>`, the lead's email and
// the reason in the Log's comment; the time given is taken as stated (not clamped to an earlier correction).
//
// Audited first, keyed by the request: under the script lock the write reads Devices and Current (repairing
// a cut write of the same device), appends the Audit row unless the request's row is there, then writes
// Devices, Log and Current. A retry that finds its Audit row looks for its entry in the Log (entry_id
// `admin-<request_id>`, one search) and writes it only when it is not there. Eight sheet calls: the status
// write's six and the Audit's two.
import type { AdminParsed, AdminReplies } from '../../../../common/admin-api.ts';
import { BadRequest, Forbidden, NotFound } from '../../errors.ts';
import { addDays } from '../../domain/calendar.ts';
import { openStatusWrites } from '../status-writes.ts';
import { appendAudit, auditedAlready } from './audited.ts';
import type { AdminDeps } from './deps.ts';
import { mayManage } from './people.ts';

/** Corrections reach back to the start of yesterday: a forgotten session of last evening, not last month. */
const CORRECTION_RETENTION_MS = 2 * 24 * 3600_000;

export function setStatus(deps: AdminDeps, req: AdminParsed<'status.set'>): AdminReplies['status.set'] {
  const reference = deps.reference();
  const person = reference.employees.find((e) => e.id === req.employee_id);
  if (!person) throw new NotFound(`No person with id ${req.employee_id}`, `Нет сотрудника с id ${req.employee_id}`, { field: 'employee_id' });
  if (!mayManage(deps, person.group)) {
    throw new Forbidden(`You do not lead the group ${person.group}`, `Вы не руководите группой ${person.group}`, { field: 'employee_id' });
  }
  if (!person.active) throw fieldError('employee_id', `${person.name} is not active`, `${person.name} не активен(на)`);
  if (!reference.statuses.some((s) => s.code === req.status)) {
    throw fieldError('status', `There is no status ${req.status}`, `Нет статуса ${req.status}`);
  }
  const cal = deps.calendarFns();
  const at = req.at ?? deps.now;
  if (at > deps.now) throw fieldError('at', 'The time is in the future', 'Это время ещё не наступило');
  const earliest = cal.zonedTime(addDays(cal.dateOf(deps.now), -1), '00:00');
  if (at < earliest) throw fieldError('at', 'A correction reaches back to the start of yesterday at most', 'Исправить можно не раньше начала вчерашнего дня');

  return deps.withLock(() => {
    const tables = deps.tables();
    const deviceId = `admin-${person.id}`;
    const entryId = `admin-${req.request_id}`;
    const writes = openStatusWrites({ now: deps.now, dateOf: cal.dateOf, tables }, [deviceId]);
    const before = writes.current(person.id);
    if (auditedAlready(deps, req.request_id)) {
      if (tables.findLogEntry(entryId).length > 0) return { current: currentOf(writes.current(person.id)) };
    } else {
      appendAudit(deps, req.request_id, {
        action: 'status.set',
        target: person.id,
        before: before && before.since !== null ? { status: before.status, since: before.since } : null,
        after: { status: req.status, at, note: req.note },
      });
    }
    const { rows } = writes.write([
      {
        deviceId,
        employeeId: person.id,
        source: 'admin',
        entries: [{ seq: writes.nextSeq(deviceId), entry_id: entryId, status: req.status, at, comment: `${deps.caller.email}: ${req.note}` }],
        sentAt: deps.now,
        retentionMs: CORRECTION_RETENTION_MS,
        clamp: false,
      },
    ]);
    return { current: currentOf(rows[0] ?? writes.current(person.id)) };
  });
}

function currentOf(row: { status: string; since: number | null } | null): { status: string; since: number } | null {
  return row && row.status !== '' && row.since !== null ? { status: row.status, since: row.since } : null;
}

function fieldError(field: string, english: string, russian: string): BadRequest {
  return new BadRequest(english, russian, { fields: [{ field, message: `${english} / ${russian}` }] });
}
