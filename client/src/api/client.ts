// The one way the page talks to the web app. Apps Script gives no request headers and no status codes, and a
// page on another origin can POST without a CORS preflight only with a text/plain body, so: POST the JSON as
// text/plain, follow the redirect to the reply (fetch does by default), and read the envelope. Every failure
// comes out as one of the classes of errors.ts, which say whether to retry.
import type { ApiRequest } from '../../../common/api.ts';
import type { ApiError as EnvelopeError } from '../../../common/envelope.ts';
import { isErrorCode } from '../../../common/errors.ts';
import { ApiError, AuthError, RetryLaterError, TransientError } from './errors.ts';
import type { OkReplyOf } from './replies.ts';

/** Set by the production build (esbuild `define: { __WTT_DEV__: 'false' }`); undefined means a dev build. */
declare const __WTT_DEV__: boolean | undefined;

export type ApiRequestCheck = (body: ApiRequest) => void;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** The web app's URL (`/exec` of the local runtime, or the deployment's `.../exec`). */
  url: string;
  fetch?: FetchLike;
  /**
   * Checks a request before it is sent (throws ApiError bad_request). Defaults to the valibot schemas in dev
   * builds and to nothing in production builds, where the check would only add weight: the server checks too.
   */
  check?: ApiRequestCheck | null;
  /** A request that takes longer is given up as transient (it may still land: sync is idempotent). */
  timeoutMs?: number;
}

export interface ApiClient {
  readonly url: string;
  /** Sends one request; resolves with the `{ ok: true }` envelope or throws a classified error. */
  call<R extends ApiRequest>(body: R): Promise<OkReplyOf<R>>;
}

/** Apps Script executions are cut at 6 minutes, but a sync takes seconds; past this we try again. */
const DEFAULT_TIMEOUT_MS = 90_000;
/** How much of an unexpected reply goes into the error, for the console (an HTML page can be long). */
const SNIPPET_CHARS = 160;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const url = options.url;
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let check: ApiRequestCheck | null = options.check ?? null;
  let checkLoaded: Promise<void> | null = null;
  // Written so that a production build drops the branch, and valibot and the schemas with it.
  if (!(typeof __WTT_DEV__ === 'boolean' && !__WTT_DEV__) && options.check === undefined) {
    checkLoaded = import('./request-check.ts').then((m) => {
      check = m.checkRequest;
    });
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call<R extends ApiRequest>(body: R): Promise<OkReplyOf<R>> {
    if (checkLoaded) await checkLoaded;
    check?.(body);
    const response = await send(body);
    if (response.status >= 500) {
      throw new TransientError('http_status', `HTTP ${response.status}`, response.status);
    }
    const text = await readText(response);
    const envelope = parseEnvelope(text, response.status);
    if (envelope.ok) return envelope as OkReplyOf<R>;
    throw errorOf(envelope.error);
  }

  async function send(body: ApiRequest): Promise<Response> {
    try {
      return await fetchFn(url, {
        method: 'POST',
        // text/plain keeps it a "simple" request: no CORS preflight, which Apps Script cannot answer.
        headers: { 'content-type': 'text/plain;charset=utf-8' },
        body: JSON.stringify(body),
        redirect: 'follow',
        cache: 'no-store',
        credentials: 'omit',
        signal: timeoutSignal(timeoutMs),
      });
    } catch (e) {
      const name = e instanceof Error ? e.name : '';
      if (name === 'TimeoutError') throw new TransientError('timeout', `no reply within ${timeoutMs} ms`);
      throw new TransientError('network', e instanceof Error ? e.message : String(e));
    }
  }

  return { url, call };
}

async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (e) {
    // The connection dropped while the body was arriving.
    throw new TransientError('network', e instanceof Error ? e.message : String(e), response.status);
  }
}

type RawEnvelope = { ok: true } | { ok: false; error: EnvelopeError };

/** A reply that is not our envelope (an HTML error page such as "too many scripts running") is transient. */
function parseEnvelope(text: string, status: number): RawEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TransientError('not_json', `HTTP ${status}: ${text.slice(0, SNIPPET_CHARS)}`, status);
  }
  if (typeof value !== 'object' || value === null || typeof (value as { ok?: unknown }).ok !== 'boolean') {
    throw new TransientError('bad_envelope', `HTTP ${status}: ${text.slice(0, SNIPPET_CHARS)}`, status);
  }
  const envelope = value as { ok: boolean; error?: unknown };
  if (envelope.ok) return envelope as { ok: true };
  const error = envelope.error as Partial<EnvelopeError> | undefined;
  if (!error || !isErrorCode(error.code)) {
    throw new TransientError('bad_envelope', `HTTP ${status}: ${text.slice(0, SNIPPET_CHARS)}`, status);
  }
  return {
    ok: false,
    error: { code: error.code, message: String(error.message ?? ''), details: isRecord(error.details) ? error.details : undefined },
  };
}

function errorOf(error: EnvelopeError): Error {
  switch (error.code) {
    case 'busy':
      return new RetryLaterError('busy', error.message, retryAfterMsOf(error.details));
    case 'rate_limited':
      return new RetryLaterError('rate_limited', error.message, retryAfterMsOf(error.details));
    case 'unauthorized': {
      const reason = error.details?.reason;
      return new AuthError(error.message, typeof reason === 'string' ? reason : null);
    }
    default:
      return new ApiError(error.code, error.message, error.details);
  }
}

function retryAfterMsOf(details: Record<string, unknown> | undefined): number | null {
  const seconds = details?.retry_after_s;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function timeoutSignal(ms: number): AbortSignal | undefined {
  // AbortSignal.timeout rejects fetch with a 'TimeoutError' DOMException; older engines just wait longer.
  return typeof AbortSignal !== 'undefined' && typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(ms) : undefined;
}
