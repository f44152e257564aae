// Signing in with a one-time code (docs/login.md): login.start sends the code, login.finish exchanges it
// for a session bound to this device.
import type { LoginStartReply } from '../../../common/api.ts';
import type { ApiClient } from '../api/client.ts';
import type { Session } from '../model.ts';

/** The server trims and lower-cases too; doing it here keeps the two requests of one login identical. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** People paste codes with spaces or dashes ("123 456"). */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

export async function startLogin(api: ApiClient, email: string, deviceId: string): Promise<LoginStartReply> {
  const { ok: _ok, ...reply } = await api.call({ op: 'login.start', email: normaliseEmail(email), device_id: deviceId });
  return reply;
}

export async function finishLogin(api: ApiClient, email: string, code: string, deviceId: string): Promise<Session> {
  const reply = await api.call({ op: 'login.finish', email: normaliseEmail(email), code: normaliseCode(code), device_id: deviceId });
  return {
    token: reply.token,
    expiresAt: reply.expires_at,
    employee: reply.employee,
    statuses: reply.statuses,
    deviceId,
  };
}
