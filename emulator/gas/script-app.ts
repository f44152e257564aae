// ScriptApp facade: time-driven triggers (kept and fired by the host), the script id and the web app URL.
import type { FacadeContext } from '../runtime/contracts.ts';
import type { TriggerRecord, TriggerSchedule } from '../project-state.ts';
import type { NewTrigger, ScriptInfo } from '../host/triggers.ts';
import { isIanaZone, localParts, resolveZone } from '../model/java-time.ts';

// Enums: values are their names, so e.authMode === ScriptApp.AuthMode.FULL holds for event objects
// that crossed threads as plain data.
export const AuthMode = Object.freeze({ NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const);
export const EventType = Object.freeze({
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const);
export const TriggerSource = Object.freeze({
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const);

/** reference/script/clock-trigger-builder#everyMinutes: "n ... Must be 1, 5, 10, 15 or 30." */
export const EVERY_MINUTES_ALLOWED = [1, 5, 10, 15, 30];
export const EVERY_MINUTES_INVALID =
  'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.';
/** The hourly choices Google offers (the trigger dialog lists the same). */
export const EVERY_HOURS_ALLOWED = [1, 2, 4, 6, 8, 12];
export const EVERY_HOURS_INVALID = 'The value you passed to everyHours was invalid. It must be one of 1, 2, 4, 6, 8 or 12.';

type TriggerApi = Pick<GoogleAppsScript.Script.Trigger, 'getHandlerFunction' | 'getUniqueId' | 'getEventType' | 'getTriggerSource'>;

export class EmuTrigger implements TriggerApi {
  constructor(
    private readonly ctx: FacadeContext,
    readonly record: TriggerRecord,
  ) {}

  getHandlerFunction(): string {
    this.ctx.meter.count('Trigger.getHandlerFunction');
    return this.record.handler;
  }

  getUniqueId(): string {
    this.ctx.meter.count('Trigger.getUniqueId');
    return this.record.id;
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    this.ctx.meter.count('Trigger.getEventType');
    return EventType.CLOCK as unknown as GoogleAppsScript.Script.EventType;
  }

  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    this.ctx.meter.count('Trigger.getTriggerSource');
    return TriggerSource.CLOCK as unknown as GoogleAppsScript.Script.TriggerSource;
  }
}

type ClockBuilderApi = Pick<
  GoogleAppsScript.Script.ClockTriggerBuilder,
  'everyMinutes' | 'everyHours' | 'atHour' | 'nearMinute' | 'everyDays' | 'after' | 'at' | 'inTimezone' | 'create'
>;
type Builder = GoogleAppsScript.Script.ClockTriggerBuilder;

type Recurrence = { kind: 'minutes' | 'hours' | 'days'; every: number } | { kind: 'once'; at: number };

class EmuClockTriggerBuilder implements ClockBuilderApi {
  private recurrence: Recurrence | null = null;
  private hour: number | null = null;
  private minute: number | null = null;
  private timeZone: string | null = null;

  constructor(
    private readonly ctx: FacadeContext,
    private readonly handler: string,
  ) {}

  everyMinutes(n: number): Builder {
    if (!EVERY_MINUTES_ALLOWED.includes(Number(n))) this.ctx.fail(EVERY_MINUTES_INVALID);
    this.ctx.meter.count('ClockTriggerBuilder.everyMinutes');
    this.recurrence = { kind: 'minutes', every: Number(n) };
    return this.self();
  }

  everyHours(n: number): Builder {
    if (!EVERY_HOURS_ALLOWED.includes(Number(n))) this.ctx.fail(EVERY_HOURS_INVALID);
    this.ctx.meter.count('ClockTriggerBuilder.everyHours');
    this.recurrence = { kind: 'hours', every: Number(n) };
    return this.self();
  }

  everyDays(n: number): Builder {
    const days = this.integer('everyDays', n, 1, 366);
    this.ctx.meter.count('ClockTriggerBuilder.everyDays');
    this.recurrence = { kind: 'days', every: days };
    return this.self();
  }

  /** "Specifies the hour at which the trigger runs" (with everyDays). */
  atHour(hour: number): Builder {
    this.hour = this.integer('atHour', hour, 0, 23);
    this.ctx.meter.count('ClockTriggerBuilder.atHour');
    return this.self();
  }

  /** "Specifies the minute at which the trigger runs (plus or minus 15 minutes)"; here exactly. */
  nearMinute(minute: number): Builder {
    this.minute = this.integer('nearMinute', minute, 0, 59);
    this.ctx.meter.count('ClockTriggerBuilder.nearMinute');
    return this.self();
  }

  /** "the minimum duration (in milliseconds) after the current time that the trigger runs". */
  after(durationMilliseconds: number): Builder {
    const ms = this.integer('after', durationMilliseconds, 0, Number.MAX_SAFE_INTEGER);
    this.ctx.meter.count('ClockTriggerBuilder.after');
    this.recurrence = { kind: 'once', at: this.ctx.now() + ms };
    return this.self();
  }

  at(date: GoogleAppsScript.Base.Date): Builder {
    const ms = Object.prototype.toString.call(date) === '[object Date]' ? (date as unknown as Date).getTime() : NaN;
    if (Number.isNaN(ms)) this.ctx.fail(`The parameters (${date === null ? 'null' : typeof date}) don't match the method signature for ClockTriggerBuilder.at.`);
    this.ctx.meter.count('ClockTriggerBuilder.at');
    this.recurrence = { kind: 'once', at: ms };
    return this.self();
  }

  inTimezone(timezone: string): Builder {
    if (typeof timezone !== 'string' || !isIanaZone(timezone)) this.ctx.fail('Invalid argument: timezone');
    this.ctx.meter.count('ClockTriggerBuilder.inTimezone');
    this.timeZone = timezone;
    return this.self();
  }

  create(): GoogleAppsScript.Script.Trigger {
    const r = this.recurrence;
    if (!r) this.ctx.fail('A time-based trigger needs a schedule: everyMinutes, everyHours, everyDays, after or at.');
    if ((this.hour !== null || this.minute !== null) && r!.kind !== 'days') {
      this.ctx.fail('atHour and nearMinute can only be used with everyDays.');
    }
    const timeZone = this.timeZone ?? this.ctx.exec.scriptTimeZone;
    let schedule: TriggerSchedule;
    if (r!.kind === 'once') schedule = { kind: 'once', at: r!.at };
    else if (r!.kind === 'days') schedule = { kind: 'days', every: r!.every, ...this.timeOfDay(timeZone) };
    else schedule = { kind: r!.kind, every: r!.every };
    this.ctx.meter.count('ClockTriggerBuilder.create');
    const spec: NewTrigger = { handler: this.handler, schedule, timeZone };
    const record = this.ctx.port.call<TriggerRecord>('triggers', 'create', [spec]);
    return new EmuTrigger(this.ctx, record) as unknown as GoogleAppsScript.Script.Trigger;
  }

  /**
   * On Google a daily trigger without atHour runs at a time of its choosing; here at the hour and
   * minute of its creation (local time), and at minute 0 of atHour without nearMinute.
   */
  private timeOfDay(timeZone: string): { hour: number; minute: number } {
    if (this.hour !== null) return { hour: this.hour, minute: this.minute ?? 0 };
    const now = localParts(this.ctx.now(), resolveZone(timeZone));
    return { hour: now.hour, minute: this.minute ?? now.minute };
  }

  private integer(method: string, v: unknown, min: number, max: number): number {
    const n = Number(v);
    if (typeof v !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      this.ctx.fail(`The value you passed to ${method} was invalid. It must be an integer from ${min} to ${max}.`);
    }
    return n;
  }

  private self(): Builder {
    return this as unknown as Builder;
  }
}

type TriggerBuilderApi = Pick<GoogleAppsScript.Script.TriggerBuilder, 'timeBased'>;

class EmuTriggerBuilder implements TriggerBuilderApi {
  constructor(
    private readonly ctx: FacadeContext,
    private readonly handler: string,
  ) {}

  timeBased(): Builder {
    this.ctx.meter.count('TriggerBuilder.timeBased');
    return new EmuClockTriggerBuilder(this.ctx, this.handler) as unknown as Builder;
  }
}

type ServiceApi = Pick<GoogleAppsScript.Script.Service, 'getUrl'>;

class EmuService implements ServiceApi {
  constructor(
    private readonly ctx: FacadeContext,
    private readonly url: string | null,
  ) {}

  /** reference/script/service#getUrl: the web app's URL, or null if the script is not deployed as one. */
  getUrl(): string {
    this.ctx.meter.count('Service.getUrl');
    return this.url as string;
  }
}

type ScriptAppApi = Pick<
  GoogleAppsScript.Script.ScriptApp,
  'AuthMode' | 'EventType' | 'TriggerSource' | 'newTrigger' | 'getProjectTriggers' | 'deleteTrigger' | 'getScriptId' | 'getService'
>;

export function createScriptApp(ctx: FacadeContext): ScriptAppApi {
  const info = () => ctx.port.call<ScriptInfo>('triggers', 'info', []);
  return {
    AuthMode: AuthMode as unknown as typeof GoogleAppsScript.Script.AuthMode,
    EventType: EventType as unknown as typeof GoogleAppsScript.Script.EventType,
    TriggerSource: TriggerSource as unknown as typeof GoogleAppsScript.Script.TriggerSource,

    newTrigger(functionName: string) {
      if (typeof functionName !== 'string' || functionName === '') ctx.fail('Invalid argument: functionName');
      ctx.meter.count('ScriptApp.newTrigger');
      return new EmuTriggerBuilder(ctx, functionName) as unknown as GoogleAppsScript.Script.TriggerBuilder;
    },

    getProjectTriggers() {
      ctx.meter.count('ScriptApp.getProjectTriggers');
      const records = ctx.port.call<TriggerRecord[]>('triggers', 'list', []);
      return records.map((r) => new EmuTrigger(ctx, r) as unknown as GoogleAppsScript.Script.Trigger);
    },

    deleteTrigger(trigger: GoogleAppsScript.Script.Trigger) {
      const id = trigger instanceof EmuTrigger ? trigger.record.id : null;
      if (id === null) ctx.fail(`The parameters (${trigger === null ? 'null' : typeof trigger}) don't match the method signature for ScriptApp.deleteTrigger.`);
      ctx.meter.count('ScriptApp.deleteTrigger');
      ctx.port.call('triggers', 'delete', [id]);
    },

    getScriptId() {
      ctx.meter.count('ScriptApp.getScriptId');
      return info().scriptId;
    },

    getService() {
      ctx.meter.count('ScriptApp.getService');
      return new EmuService(ctx, info().webAppUrl) as unknown as GoogleAppsScript.Script.Service;
    },
  };
}
