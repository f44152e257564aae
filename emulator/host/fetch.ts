// Host side of UrlFetchApp. This machine must never send traffic elsewhere: only loopback targets
// (127.0.0.1, localhost, [::1]) are reached, redirects included. Every call is recorded in deps.fetches.
import http from 'node:http';
import https from 'node:https';
import type { ExecutionInfo } from '../runtime/contracts.ts';
import type { FetchRecord, HostDeps, HostService } from './deps.ts';

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
/** How much of a response body a FetchRecord keeps. */
const RECORDED_BODY_CHARS = 64 * 1024;

export function notLoopbackMessage(url: string): string {
  return `UrlFetchApp in the local runtime only reaches loopback hosts (${LOOPBACK_HOSTS.join(', ')}); refused: ${url}`;
}

export function isLoopbackUrl(u: URL): boolean {
  return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK_HOSTS.includes(u.hostname);
}

/** A request as the facade sends it (payload already encoded). */
export interface FetchRequest {
  url: string;
  /** Upper case: GET, POST, PUT, PATCH, DELETE. */
  method: string;
  headers: Record<string, string>;
  payload: Uint8Array | null;
  followRedirects: boolean;
  validateHttpsCertificates: boolean;
}

/** A response, or why there is none (no exception: fetchAll reports each request its own way). */
export type FetchOutcome =
  | { ok: true; status: number; headers: [string, string][]; body: Uint8Array }
  | { ok: false; error: string };

export interface FetchHostOptions {
  /** Real ms before a request gives up. */
  timeoutMs?: number;
}

interface Raw {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

function send(req: FetchRequest, url: URL, timeoutMs: number): Promise<Raw> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const r = lib.request(
      url,
      {
        method: req.method,
        headers: req.payload ? { ...req.headers, 'Content-Length': String(req.payload.length) } : req.headers,
        rejectUnauthorized: req.validateHttpsCertificates,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    r.on('error', reject);
    if (req.payload) r.write(req.payload);
    r.end();
  });
}

async function perform(req: FetchRequest, timeoutMs: number): Promise<Raw> {
  let url = new URL(req.url);
  let current = req;
  for (let hop = 0; ; hop++) {
    if (!isLoopbackUrl(url)) throw new Error(notLoopbackMessage(url.href));
    let raw: Raw;
    try {
      raw = await send(current, url, timeoutMs);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ETIMEDOUT') throw new Error(`Timeout: ${url.href}`);
      throw new Error(`Address unavailable: ${url.href}`);
    }
    const location = raw.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (!current.followRedirects || !REDIRECTS.has(raw.status) || !location) return raw;
    if (hop >= MAX_REDIRECTS) throw new Error(`Too many redirects: ${req.url}`);
    url = new URL(location, url);
    // 303, and 301/302 after a POST, continue as GET without a body (what browsers and Java do).
    const toGet = raw.status === 303 || ((raw.status === 301 || raw.status === 302) && current.method === 'POST');
    current = toGet ? { ...current, method: 'GET', payload: null } : current;
  }
}

export function createFetchHost(deps: HostDeps, opts: FetchHostOptions = {}): HostService {
  const timeoutMs = opts.timeoutMs ?? 60_000;

  const fetchOne = async (exec: ExecutionInfo, req: FetchRequest): Promise<FetchOutcome> => {
    const record: FetchRecord = {
      at: deps.clock.now(),
      execId: exec.id,
      url: req.url,
      method: req.method,
      headers: { ...req.headers },
      payload: req.payload ? Buffer.from(req.payload).toString('utf8') : '',
      status: null,
      response: '',
    };
    deps.fetches.push(record);
    try {
      const raw = await perform(req, timeoutMs);
      record.status = raw.status;
      record.response = raw.body.toString('utf8').slice(0, RECORDED_BODY_CHARS);
      return { ok: true, status: raw.status, headers: raw.headers, body: new Uint8Array(raw.body) };
    } catch (e) {
      record.error = (e as Error).message;
      return { ok: false, error: record.error };
    }
  };

  return {
    fetch(exec, req: FetchRequest): Promise<FetchOutcome> {
      return fetchOne(exec, req);
    },
    /** reference/url-fetch/url-fetch-app#fetchAll: the requests run in parallel. */
    fetchAll(exec, reqs: FetchRequest[]): Promise<FetchOutcome[]> {
      return Promise.all(reqs.map((r) => fetchOne(exec, r)));
    },
  };
}
