// The admin console's one way to the server: `call(op, payload)` over google.script.run's exposed
// `adminRpc(op, payload)`, typed by common/admin-api.ts. It
// - checks the payload against the op's schema first, so a form learns of a bad field without a round trip
//   (the server checks again: this is for speed, not for trust);
// - gives a write its request_id when the caller did not (a caller that may repeat a save passes its own,
//   see SaveRequest);
// - tries again, with the same request_id, when the server was busy, failed inside, or never answered: the
//   request_id makes a repeated write happen once;
// - throws an AdminError with the code, the message in the page's language and the per-field problems.
import * as v from 'valibot';
import { adminSchemas, type AdminOp, type AdminPayload, type AdminReply } from '../../common/admin-api.ts';
import { ERROR_CODES, isErrorCode } from '../../common/errors.ts';
import { AdminError, type AdminErrorCode, type FieldIssue } from './rpc-error.ts';
import { newRequestId } from './request-id.ts';

/** The part of google.script.run the console uses. */
export interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: unknown) => void): ScriptRun;
  adminRpc(op: string, payload: unknown): void;
}

/** An op's payload; a write's request_id may be left to the client. */
export type CallPayload<K extends AdminOp> = AdminPayload<K> extends { request_id: string }
  ? Omit<AdminPayload<K>, 'request_id'> & { request_id?: string }
  : AdminPayload<K>;

export type Call = <K extends AdminOp>(op: K, payload: CallPayload<K>) => Promise<AdminReply<K>>;

export interface RpcOptions {
  /** Where google.script.run is (looked up at each call: Apps Script defines it when the page loads). */
  run?: () => ScriptRun;
  sleep?: (ms: number) => Promise<void>;
  /** Waits before the 2nd, 3rd, ... try; their number is the number of retries. */
  retryDelaysMs?: readonly number[];
}

/** Codes worth the same request again: the lock was taken, the execution failed, nothing came back. */
const RETRIED: ReadonlySet<AdminErrorCode> = new Set(['busy', 'internal', 'network']);
const DEFAULT_DELAYS = [600, 1800, 4000] as const;

declare const google: { script: { run: ScriptRun } } | undefined;

function defaultRun(): ScriptRun {
  if (typeof google === 'undefined' || !google?.script?.run) throw new AdminError('network', 'google.script.run is not available on this page / google.script.run недоступен на этой странице');
  return google.script.run;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRpc(options: RpcOptions = {}): Call {
  const run = options.run ?? defaultRun;
  const sleep = options.sleep ?? realSleep;
  const delays = options.retryDelaysMs ?? DEFAULT_DELAYS;

  return async function call<K extends AdminOp>(op: K, payload: CallPayload<K>): Promise<AdminReply<K>> {
    const body: Record<string, unknown> = { ...(payload as object) };
    if (takesRequestId(op) && body.request_id === undefined) body.request_id = newRequestId();
    const problems = localProblems(op, body);
    if (problems.length > 0) {
      throw new AdminError('bad_request', `Check the marked fields / Проверьте отмеченные поля`, { fields: problems, local: true });
    }
    for (let attempt = 0; ; attempt++) {
      const outcome = await once(run, op, body);
      if (outcome.ok) return outcome.reply as AdminReply<K>;
      if (!RETRIED.has(outcome.error.code) || attempt >= delays.length) throw outcome.error;
      await sleep(delays[attempt]);
    }
  };
}

/** The console's client: google.script.run of the page. */
export const call: Call = createRpc();

function takesRequestId(op: AdminOp): boolean {
  return 'request_id' in adminSchemas[op].entries;
}

type Outcome = { ok: true; reply: object } | { ok: false; error: AdminError };

function once(run: () => ScriptRun, op: AdminOp, body: object): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    try {
      run()
        .withSuccessHandler((value) => resolve(fromReply(value)))
        .withFailureHandler((error) => resolve({ ok: false, error: fromThrown(error) }))
        .adminRpc(op, body);
    } catch (e) {
      resolve({ ok: false, error: e instanceof AdminError ? e : fromThrown(e) });
    }
  });
}

/** The envelope `{ok: true, ...reply}` or `{ok: false, error: {code, message, details?}}`. */
function fromReply(value: unknown): Outcome {
  if (typeof value === 'object' && value !== null) {
    const { ok, ...rest } = value as { ok?: unknown; error?: unknown };
    if (ok === true) return { ok: true, reply: rest };
    const e = (value as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error;
    if (ok === false && e && isErrorCode(e.code)) {
      const details = typeof e.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : {};
      return { ok: false, error: new AdminError(e.code, typeof e.message === 'string' ? e.message : '', details) };
    }
  }
  return { ok: false, error: new AdminError('internal', 'The server answered something unexpected / Сервер ответил что-то неожиданное') };
}

const THROWN_CODE = new RegExp(`^(?:[\\w.]+: )*?(${ERROR_CODES.join('|')}): ([\\s\\S]*)$`);

/**
 * What reached the failure handler: an exception the server threw with its code in front ("forbidden: …",
 * as the caller guard refuses), or anything else, which means no answer came (network, a dropped
 * execution) and the same request may be tried again.
 */
function fromThrown(error: unknown): AdminError {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : String(error);
  const m = THROWN_CODE.exec(message);
  if (m && isErrorCode(m[1])) return new AdminError(m[1], m[2]);
  return new AdminError('network', message);
}

/** The op's schema on the payload, problems by field path as the server names them. */
function localProblems(op: AdminOp, body: object): FieldIssue[] {
  const parsed = v.safeParse(adminSchemas[op] as v.GenericSchema, body);
  if (parsed.success) return [];
  const out = new Map<string, string>();
  for (const issue of parsed.issues) {
    const field = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('').replace(/^\./, '');
    if (!out.has(field)) out.set(field, issue.message);
  }
  return [...out].map(([field, message]) => ({ field, message }));
}
