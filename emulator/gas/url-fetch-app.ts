// UrlFetchApp facade: synchronous for the execution (its thread waits while the host does the HTTP).
import { performance } from 'node:perf_hooks';
import type { FacadeContext } from '../runtime/contracts.ts';
import type { FetchOutcome, FetchRequest } from '../host/fetch.ts';
import { EmuBlob } from './blob.ts';
import { decodeBytes, fromByteArray } from './bytes.ts';

const FORM = 'application/x-www-form-urlencoded';
/** How much of the body the "Request failed" message quotes (matching Google's messages). */
const QUOTED_BODY_CHARS = 147;

/**
 * The exception a status >= 400 raises without muteHttpExceptions, e.g. "Request failed for
 * https://api.telegram.org returned code 401. Truncated server response: {...} (use muteHttpExceptions
 * option to examine full response)". Google names the origin, not the full URL.
 */
export function requestFailedMessage(url: string, status: number, body: string): string {
  const quoted = body.length > QUOTED_BODY_CHARS + 3 ? `${body.slice(0, QUOTED_BODY_CHARS)}...` : body;
  return `Request failed for ${new URL(url).origin} returned code ${status}. Truncated server response: ${quoted} (use muteHttpExceptions option to examine full response)`;
}

type HTTPResponseApi = Pick<GoogleAppsScript.URL_Fetch.HTTPResponse, 'getResponseCode' | 'getContentText' | 'getHeaders' | 'getAllHeaders'>;

export class EmuHTTPResponse implements HTTPResponseApi {
  constructor(
    private readonly ctx: FacadeContext,
    private readonly status: number,
    private readonly headers: [string, string][],
    private readonly body: Uint8Array,
  ) {}

  getResponseCode(): number {
    this.ctx.meter.count('HTTPResponse.getResponseCode');
    return this.status;
  }

  /** Decoded with the given charset, else the response's (Content-Type charset), else UTF-8. */
  getContentText(charset?: string): string {
    this.ctx.meter.count('HTTPResponse.getContentText');
    return this.text(charset);
  }

  /** One value per header (the first, when a header came several times). */
  getHeaders(): Record<string, string> {
    this.ctx.meter.count('HTTPResponse.getHeaders');
    const out: Record<string, string> = {};
    for (const [k, v] of this.headers) if (!Object.hasOwn(out, k)) out[k] = v;
    return out;
  }

  /** reference/url-fetch/http-response#getAllHeaders: "headers that have multiple values returned as arrays". */
  getAllHeaders(): Record<string, string | string[]> {
    this.ctx.meter.count('HTTPResponse.getAllHeaders');
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of this.headers) {
      const prev = out[k];
      out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    return out;
  }

  text(charset?: string): string {
    const declared = this.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1].match(/charset="?([^";\s]+)/i)?.[1];
    try {
      return decodeBytes(this.body, charset ?? declared ?? 'UTF-8');
    } catch {
      return charset ? this.ctx.fail(`Unsupported charset: ${charset}`) : decodeBytes(this.body);
    }
  }
}

type Params = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type UrlFetchAppApi = Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll'>;

export function createUrlFetchApp(ctx: FacadeContext): UrlFetchAppApi {
  /** Encodes the payload as UrlFetchApp does: text, bytes, a blob, or an object sent as a form. */
  const encodePayload = (payload: unknown): { bytes: Uint8Array; contentType: string | null } | null => {
    if (payload === undefined || payload === null) return null;
    if (typeof payload === 'string') return { bytes: Buffer.from(payload, 'utf8'), contentType: FORM };
    if (payload instanceof EmuBlob) return { bytes: payload.bytes, contentType: payload.getContentType() };
    if (Array.isArray(payload)) return { bytes: fromByteArray(payload), contentType: null };
    if (typeof payload === 'object') {
      const form = Object.keys(payload)
        .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String((payload as Record<string, unknown>)[k]))}`)
        .join('&');
      return { bytes: Buffer.from(form, 'utf8'), contentType: FORM };
    }
    return { bytes: Buffer.from(String(payload), 'utf8'), contentType: FORM };
  };

  const toRequest = (url: unknown, params: Params = {}): { req: FetchRequest; mute: boolean } => {
    const u = String(url);
    try {
      new URL(u);
    } catch {
      ctx.fail(`Invalid argument: ${u}`);
    }
    if (params === null || typeof params !== 'object') ctx.fail(`Invalid argument: params`);
    const method = String(params.method ?? 'get').toUpperCase();
    if (!['GET', 'DELETE', 'PATCH', 'POST', 'PUT'].includes(method)) ctx.fail(`Invalid argument: method`);
    const headers: Record<string, string> = { 'User-Agent': 'Mozilla/5.0 (compatible; Google-Apps-Script)' };
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
    const body = method === 'GET' ? null : encodePayload(params.payload);
    const hasContentType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
    const contentType = params.contentType ?? (hasContentType ? null : body?.contentType ?? null);
    if (contentType) {
      for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-type') delete headers[k];
      headers['Content-Type'] = contentType;
    }
    return {
      req: {
        url: u,
        method,
        headers,
        payload: body ? body.bytes : null,
        followRedirects: params.followRedirects !== false,
        validateHttpsCertificates: params.validateHttpsCertificates !== false,
      },
      mute: params.muteHttpExceptions === true,
    };
  };

  const toResponse = (req: FetchRequest, mute: boolean, o: FetchOutcome): GoogleAppsScript.URL_Fetch.HTTPResponse => {
    if (!o.ok) return ctx.fail(o.error);
    const response = new EmuHTTPResponse(ctx, o.status, o.headers, o.body);
    if (o.status >= 400 && !mute) ctx.fail(requestFailedMessage(req.url, o.status, response.text()));
    return response as unknown as GoogleAppsScript.URL_Fetch.HTTPResponse;
  };

  /** The execution waited for the network: that time counts toward its projected time. */
  const timed = <T>(call: () => T): T => {
    const started = performance.now();
    try {
      return call();
    } finally {
      ctx.meter.addWaitMs(Math.round(performance.now() - started));
    }
  };

  return {
    fetch(url: string, params?: Params) {
      const { req, mute } = toRequest(url, params);
      ctx.meter.count('UrlFetchApp.fetch');
      const outcome = timed(() => ctx.port.call<FetchOutcome>('fetch', 'fetch', [req]));
      return toResponse(req, mute, outcome);
    },

    /** reference/url-fetch/url-fetch-app#fetchAll: each request is a URL string or an object with a url. */
    fetchAll(requests: (GoogleAppsScript.URL_Fetch.URLFetchRequest | string)[]) {
      if (!Array.isArray(requests)) ctx.fail('Invalid argument: requests');
      const prepared = requests.map((r) => (typeof r === 'string' ? toRequest(r) : toRequest(r?.url, r)));
      ctx.meter.count('UrlFetchApp.fetchAll');
      const outcomes = timed(() => ctx.port.call<FetchOutcome[]>('fetch', 'fetchAll', [prepared.map((p) => p.req)]));
      return outcomes.map((o, i) => toResponse(prepared[i].req, prepared[i].mute, o));
    },
  };
}
