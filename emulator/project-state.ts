// The script project's durable state beside the workbook: Script/User/Document Properties and the
// installable triggers, kept in <dataDir>/project.json. Every change is written atomically (temporary
// file, fsync, rename, fsync of the folder) before the call that made it returns, so what a host call
// acknowledged survives a kill or a power loss.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from './store/durable-fs.ts';

/** When a time-driven trigger runs (see emulator/host/scheduler.ts for how each kind is scheduled). */
export type TriggerSchedule =
  /** everyMinutes(n): every n minutes from its creation. */
  | { kind: 'minutes'; every: number }
  /** everyHours(n): every n hours from its creation. */
  | { kind: 'hours'; every: number }
  /** everyDays(n) with atHour(h) / nearMinute(m): at h:m local time, every n days. */
  | { kind: 'days'; every: number; hour: number; minute: number }
  /** after(ms) / at(date): once, then the trigger is deleted. */
  | { kind: 'once'; at: number };

export interface TriggerRecord {
  /** Trigger.getUniqueId(): a decimal string, as Apps Script gives. */
  id: string;
  /** Trigger.getHandlerFunction(). */
  handler: string;
  /** The user who created it (the execution's effective user): triggers belong to a user. */
  owner: string;
  /** Emulated epoch ms of create(). */
  createdAt: number;
  /** Time zone in which a daily schedule's hour is read (inTimezone, else the script's). */
  timeZone: string;
  schedule: TriggerSchedule;
}

export type PropertyMap = Record<string, string>;

export interface ProjectData {
  version: 1;
  scriptProperties: PropertyMap;
  /** By user email. */
  userProperties: Record<string, PropertyMap>;
  /** By document (spreadsheet) id. */
  documentProperties: Record<string, PropertyMap>;
  triggers: TriggerRecord[];
}

export const PROJECT_FILE = 'project.json';

function emptyProject(): ProjectData {
  return { version: 1, scriptProperties: {}, userProperties: {}, documentProperties: {}, triggers: [] };
}

export class ProjectState {
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly file: string,
    private current: ProjectData,
  ) {}

  /** Loads <dataDir>/project.json, or starts empty when there is none yet. */
  static open(dataDir: string): ProjectState {
    const file = path.join(dataDir, PROJECT_FILE);
    let data = emptyProject();
    if (fs.existsSync(file)) {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ProjectData>;
      if (parsed.version !== 1) throw new Error(`${file}: unknown project state version ${String(parsed.version)}`);
      data = { ...emptyProject(), ...parsed } as ProjectData;
    }
    return new ProjectState(file, data);
  }

  /** A read-only view; change it only through update(). */
  get data(): Readonly<ProjectData> {
    return this.current;
  }

  /**
   * Applies a change and makes it durable before returning. The change works on a copy, so a change
   * that throws (a quota error, say) leaves both memory and disk as they were.
   */
  update<T>(change: (draft: ProjectData) => T): T {
    const draft = structuredClone(this.current);
    const result = change(draft);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileAtomicSync(this.file, JSON.stringify(draft, null, 1));
    this.current = draft;
    for (const l of this.listeners) l();
    return result;
  }

  /** Called after every durable change (the scheduler follows trigger changes this way). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

