// Session against developers.google.com/apps-script/reference/base/session and base/user.
import { describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import type { ExecutionInfo } from '../../emulator/runtime/contracts.ts';
import { createSession } from '../../emulator/gas/session.ts';

function session(exec: Partial<ExecutionInfo> = {}, clock = new Clock(), opts = {}) {
  const ctx = createDirectContext({}, { exec, clock });
  return { ctx, Session: createSession(ctx, opts) };
}

describe('Session', () => {
  it('getActiveUser and getEffectiveUser give the execution\'s users (session#getActiveUser, #getEffectiveUser, user#getEmail)', () => {
    const { Session } = session({ activeUser: 'ann@example.com', effectiveUser: 'owner@example.com' });
    expect(Session.getActiveUser().getEmail()).toBe('ann@example.com');
    expect(Session.getEffectiveUser().getEmail()).toBe('owner@example.com');
  });

  it('the active user is blank for an anonymous web-app visitor (session#getActiveUser: "a blank string")', () => {
    const { Session } = session({ activeUser: '', kind: 'web' });
    expect(Session.getActiveUser().getEmail()).toBe('');
    expect(Session.getEffectiveUser().getEmail()).toBe('owner@example.com');
  });

  it('getScriptTimeZone is the manifest\'s time zone (session#getScriptTimeZone)', () => {
    expect(session({ scriptTimeZone: 'Asia/Almaty' }).Session.getScriptTimeZone()).toBe('Asia/Almaty');
  });

  it('getTemporaryActiveUserKey is stable per user, differs between users, and rotates every 30 days (session#getTemporaryActiveUserKey)', () => {
    const clock = new Clock();
    clock.set(Date.UTC(2026, 0, 1), { frozen: true });
    const ann = session({ activeUser: 'ann@example.com' }, clock).Session;
    const bob = session({ activeUser: 'bob@example.com' }, clock).Session;
    const key = ann.getTemporaryActiveUserKey();
    expect(key).toMatch(/^[\w-]{20,}$/);
    expect(key).not.toContain('ann');
    expect(ann.getTemporaryActiveUserKey()).toBe(key);
    expect(bob.getTemporaryActiveUserKey()).not.toBe(key);
    clock.advance(31 * 24 * 3600 * 1000);
    expect(ann.getTemporaryActiveUserKey()).not.toBe(key);
  });

  it('getActiveUserLocale gives a language code such as "en" (session#getActiveUserLocale)', () => {
    expect(session().Session.getActiveUserLocale()).toBe('en');
    expect(session({}, new Clock(), { locale: 'ru' }).Session.getActiveUserLocale()).toBe('ru');
  });

  it('counts one service call per public method', () => {
    const { ctx, Session } = session();
    Session.getActiveUser().getEmail();
    expect(ctx.meter.calls).toEqual({ 'Session.getActiveUser': 1, 'User.getEmail': 1 });
  });
});
