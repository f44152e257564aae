// Calls the web-app API of a bundle running in an in-process Runtime, as Apps Script would call doPost:
// with the web-app event object and a JSON body sent as text/plain. Each call is one execution, and its
// ExecutionStats (service calls, cells, projected time on Google) come back with the reply.
import type { ExecutionStats } from '../../emulator/runtime/contracts.ts';
import type { Runtime } from '../../emulator/runtime/runtime.ts';
import type { LoginFinishReply } from '../../common/api.ts';

export interface ApiCall<T> {
  /** The parsed JSON envelope: { ok: true, ... } or { ok: false, error }. */
  reply: ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };
  stats: ExecutionStats;
}

/** The event Apps Script hands doPost for a text/plain POST (developers.google.com/apps-script/guides/web). */
export function postEvent(body: unknown) {
  const contents = JSON.stringify(body);
  const length = Buffer.byteLength(contents);
  return {
    postData: { contents, type: 'text/plain', length, name: 'postData' as const },
    parameter: {},
    parameters: {},
    queryString: '',
    contextPath: '',
    contentLength: length,
  };
}

/** Runs `fn` (doPost, or a bench fixture's own entry point) with the body; throws unless it returned JSON text. */
export async function callApi<T = Record<string, unknown>>(runtime: Runtime, body: unknown, fn = 'doPost'): Promise<ApiCall<T>> {
  const out = await runtime.run(fn, [postEvent(body)], { kind: 'web', activeUser: '' });
  if (out.error) throw new Error(`${fn} failed: ${out.error.name}: ${out.error.message}`);
  if (out.result?.kind !== 'text') throw new Error(`${fn} returned ${out.result?.kind ?? 'nothing'}, not a text reply`);
  return { reply: JSON.parse(out.result.content) as ApiCall<T>['reply'], stats: out.stats };
}

/** The envelope's payload, or an Error naming the op and the server's error. */
export function expectOk<T>(call: ApiCall<T>, what: string): { ok: true } & T {
  if (!call.reply.ok) throw new Error(`${what}: ${call.reply.error.code}: ${call.reply.error.message}`);
  return call.reply;
}

/** The newest 6-digit code mailed to `email`, or null. */
export function codeFromMail(mails: readonly { to: string; body: string }[], email: string): string | null {
  for (let i = mails.length - 1; i >= 0; i--) {
    const m = mails[i];
    if (!m.to.toLowerCase().split(',').includes(email.toLowerCase())) continue;
    const code = /\b(\d{6})\b/.exec(m.body);
    if (code) return code[1];
  }
  return null;
}

/** Signs in through the API (login.start, the code from the runtime's mailbox, login.finish). */
export async function loginThroughApi(runtime: Runtime, email: string, deviceId: string): Promise<LoginFinishReply> {
  expectOk(await callApi(runtime, { op: 'login.start', email, device_id: deviceId }), `login.start ${email}`);
  const code = codeFromMail(runtime.deps.mailbox, email);
  if (!code) throw new Error(`login.start ${email}: no code arrived in the mailbox (is ${email} an active employee?)`);
  return expectOk(await callApi<LoginFinishReply>(runtime, { op: 'login.finish', email, code, device_id: deviceId }), `login.finish ${email}`);
}
