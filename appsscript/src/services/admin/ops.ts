// The admin console's ops on the one dispatcher: each op of common/admin-api.ts and its use case. Wiring
// only; the role check (ADMIN_OP_ROLES) runs in the dispatcher before any of these.
import type { AdminOp, AdminParsed, AdminReplies } from '../../../../common/admin-api.ts';
import type { AdminDeps } from './deps.ts';
import { deactivatePerson, importPeople, listPeople, revokeSessions, savePerson } from './people.ts';
import { listGroups, saveGroup } from './groups.ts';
import { listStatuses, saveStatus } from './statuses.ts';
import { listRules, saveRules } from './rules.ts';
import { getSettings, saveSettings } from './settings.ts';
import { listAudit } from './audit-list.ts';
import { runDoctor } from './doctor.ts';
import { floorNow } from './floor.ts';
import { listViolations, resolveViolations, setStatus, violationDay } from './violation-review.ts';
import { getSchedule, saveSchedule } from './schedule.ts';
import { commitImport, previewImport } from './schedule-import.ts';
import { selectedGrid } from './schedule-selection.ts';
import { planSchedule } from './schedule-plan.ts';
import { reportsSeries, reportsSummary } from './reports.ts';
import { listNotifyRules, saveNotifyRule } from './notify-rules.ts';
import { exportReport } from './report-export.ts';
import { broadcastReport, listBroadcasts, previewBroadcast, sendBroadcast } from './broadcast.ts';

export type AdminHandlers = { [K in AdminOp]: (deps: AdminDeps, req: AdminParsed<K>) => AdminReplies[K] };

export const ADMIN_HANDLERS: AdminHandlers = {
  'people.list': listPeople,
  'people.save': savePerson,
  'people.deactivate': deactivatePerson,
  'people.revoke': revokeSessions,
  'people.import': importPeople,
  'groups.list': (deps) => listGroups(deps),
  'groups.save': saveGroup,
  'statuses.list': (deps) => listStatuses(deps),
  'statuses.save': saveStatus,
  'rules.list': (deps) => listRules(deps),
  'rules.save': saveRules,
  'settings.get': (deps) => getSettings(deps),
  'settings.save': saveSettings,
  'audit.list': listAudit,
  'doctor.run': runDoctor,
  'floor.now': floorNow,
  'violations.list': listViolations,
  'violations.day': violationDay,
  'violations.resolve': resolveViolations,
  'status.set': setStatus,
  'schedule.get': getSchedule,
  'schedule.save': saveSchedule,
  'schedule.selection': (deps) => selectedGrid(deps),
  'schedule.import.preview': previewImport,
  'schedule.import.commit': commitImport,
  'schedule.plan': planSchedule,
  'reports.summary': reportsSummary,
  'reports.series': reportsSeries,
  'reports.export': exportReport,
  'notify.rules.list': (deps) => listNotifyRules(deps),
  'notify.rules.save': saveNotifyRule,
  'broadcast.preview': previewBroadcast,
  'broadcast.send': sendBroadcast,
  'broadcast.report': broadcastReport,
  'broadcast.list': listBroadcasts,
};
