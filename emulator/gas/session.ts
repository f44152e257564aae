// Session facade: who runs the execution, from the ExecutionInfo the runtime gives.
import crypto from 'node:crypto';
import type { FacadeContext } from '../runtime/contracts.ts';

type UserApi = Pick<GoogleAppsScript.Base.User, 'getEmail'>;

class EmuUser implements UserApi {
  constructor(
    private readonly ctx: FacadeContext,
    private readonly email: string,
  ) {}

  getEmail(): string {
    this.ctx.meter.count('User.getEmail');
    return this.email;
  }
}

type SessionApi = Pick<
  GoogleAppsScript.Base.Session,
  'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getTemporaryActiveUserKey' | 'getActiveUserLocale'
>;

/** reference/base/session#getTemporaryActiveUserKey: "The key rotates every 30 days". */
const KEY_PERIOD_MS = 30 * 24 * 3600 * 1000;

export interface SessionOptions {
  /** getActiveUserLocale(): "the language setting of the current user ... for example, en". */
  locale?: string;
  /** Makes temporary keys unique to this script (the script id is a good choice). */
  keySalt?: string;
}

export function createSession(ctx: FacadeContext, opts: SessionOptions = {}): SessionApi {
  const asUser = (u: EmuUser) => u as unknown as GoogleAppsScript.Base.User;
  return {
    /** '' when the active user is unknown (an anonymous web-app visitor), as on Google. */
    getActiveUser() {
      ctx.meter.count('Session.getActiveUser');
      return asUser(new EmuUser(ctx, ctx.exec.activeUser));
    },
    getEffectiveUser() {
      ctx.meter.count('Session.getEffectiveUser');
      return asUser(new EmuUser(ctx, ctx.exec.effectiveUser));
    },
    getScriptTimeZone() {
      ctx.meter.count('Session.getScriptTimeZone');
      return ctx.exec.scriptTimeZone;
    },
    /**
     * "a temporary key that is unique to the active user but does not reveal the user identity"; the
     * same for every call within a 30-day period of the emulated clock.
     */
    getTemporaryActiveUserKey() {
      ctx.meter.count('Session.getTemporaryActiveUserKey');
      const period = Math.floor(ctx.now() / KEY_PERIOD_MS);
      return crypto
        .createHmac('sha256', `${opts.keySalt ?? 'emulated-script'}:${period}`)
        .update(ctx.exec.activeUser || ctx.exec.effectiveUser)
        .digest('base64url')
        .slice(0, 32);
    },
    getActiveUserLocale() {
      ctx.meter.count('Session.getActiveUserLocale');
      return opts.locale ?? 'en';
    },
  };
}
