// Host side of ScriptApp's trigger management: installable time-driven triggers, durable in
// project.json. Firing them is the scheduler's job (scheduler.ts).
import crypto from 'node:crypto';
import { GasError, type ExecutionInfo } from '../runtime/contracts.ts';
import type { ProjectState, TriggerRecord, TriggerSchedule } from '../project-state.ts';
import type { HostDeps, HostService } from './deps.ts';

/** guides/services/quotas: "Triggers: 20 / user / script". */
export const TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

export interface NewTrigger {
  handler: string;
  schedule: TriggerSchedule;
  timeZone: string;
}

export interface ScriptInfo {
  scriptId: string;
  /** ScriptApp.getService().getUrl(); null when there is no web app (as when not deployed). */
  webAppUrl: string | null;
}

export interface TriggersHostOptions {
  /** ScriptApp.getScriptId(); by default one derived from the data folder, stable across restarts. */
  scriptId?: string;
}

export function defaultScriptId(dataDir: string): string {
  return `1${crypto.createHash('sha512').update(dataDir).digest('base64url').slice(0, 56)}`;
}

/** A decimal id like Apps Script's (e.g. 6311601485049290000), unique among the project's triggers. */
function newTriggerId(taken: Set<string>): string {
  for (;;) {
    const id = `${crypto.randomInt(1, 9)}${String(crypto.randomInt(0, 1e9)).padStart(9, '0')}${String(crypto.randomInt(0, 1e9)).padStart(9, '0')}`;
    if (!taken.has(id)) return id;
  }
}

export function createTriggersHost(deps: HostDeps, state: ProjectState, opts: TriggersHostOptions = {}): HostService {
  const scriptId = opts.scriptId ?? defaultScriptId(deps.dataDir);
  const ownedBy = (exec: ExecutionInfo) => (t: TriggerRecord) => t.owner === exec.effectiveUser;

  return {
    create(exec, spec: NewTrigger): TriggerRecord {
      return state.update((data) => {
        if (data.triggers.filter(ownedBy(exec)).length >= TRIGGERS_PER_USER) throw new GasError(TOO_MANY_TRIGGERS);
        const record: TriggerRecord = {
          id: newTriggerId(new Set(data.triggers.map((t) => t.id))),
          handler: spec.handler,
          owner: exec.effectiveUser,
          createdAt: deps.clock.now(),
          timeZone: spec.timeZone,
          schedule: spec.schedule,
        };
        data.triggers.push(record);
        return record;
      });
    },

    /** reference/script/script-app#getProjectTriggers: "installable triggers associated with the current project and current user". */
    list(exec): TriggerRecord[] {
      return state.data.triggers.filter(ownedBy(exec)).map((t) => structuredClone(t));
    },

    /** Deleting a trigger that is already gone (a one-off that ran) does nothing. */
    delete(exec, id: string): void {
      const i = state.data.triggers.findIndex((t) => t.id === id && ownedBy(exec)(t));
      if (i < 0) return;
      state.update((data) => {
        data.triggers = data.triggers.filter((t) => t.id !== id);
      });
    },

    info(): ScriptInfo {
      return { scriptId, webAppUrl: deps.webAppUrl || null };
    },
  };
}
