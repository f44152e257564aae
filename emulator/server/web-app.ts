// /exec: the web app, as Google serves it. A ContentService reply is answered with a 302 to a one-time
// echo URL (as script.google.com redirects to script.googleusercontent.com), so clients that do not
// follow redirects fail here as they would there.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Runtime, ExecutionResult } from '../runtime/runtime.ts';
import { TooManyExecutionsError } from '../runtime/pool.ts';
import { webAppEvent } from './web-app-event.ts';
import { escapeHtml, readBody, sendText } from './http-util.ts';
import { withBridge } from './script-run-bridge.ts';

const ECHO_TTL_MS = 60_000;

export class WebApp {
  private readonly echoes = new Map<string, { type: string; body: string; expires: number }>();

  constructor(private readonly runtime: Runtime) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const echo = /^\/exec\/echo\/([\w-]+)$/.exec(url.pathname);
    if (echo) return this.sendEcho(res, echo[1]);
    if (req.method === 'OPTIONS') {
      // Google answers no preflight: a browser on another origin must send text/plain.
      return sendText(res, 405, 'text/plain', 'Method Not Allowed');
    }
    const pathInfo = decodeURIComponent(url.pathname.replace(/^\/exec\/?/, ''));
    const isPost = req.method === 'POST';
    const body = isPost ? { contents: await readBody(req), type: (req.headers['content-type'] ?? 'text/plain').split(';')[0].trim() } : undefined;
    const event = webAppEvent(url, pathInfo, body);
    let out: ExecutionResult;
    try {
      out = await this.runtime.run(isPost ? 'doPost' : 'doGet', [event], { kind: 'web', activeUser: '' });
    } catch (e) {
      if (e instanceof TooManyExecutionsError) return sendText(res, 503, 'text/html; charset=utf-8', errorPage(e.message), { 'retry-after': '1' });
      throw e;
    }
    if (out.error) return sendText(res, 500, 'text/html; charset=utf-8', errorPage(`${out.error.name}: ${out.error.message}`));
    const r = out.result!;
    if (r.kind === 'text') {
      const id = randomUUID();
      this.echoes.set(id, { type: `${r.mimeType}; charset=utf-8`, body: r.content, expires: Date.now() + ECHO_TTL_MS });
      this.prune();
      res.writeHead(302, { location: `/exec/echo/${id}`, 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
      return void res.end();
    }
    // google.script.run on a page the web app served runs as its visitor: anonymous here (as: '').
    if (r.kind === 'html') return sendText(res, 200, 'text/html; charset=utf-8', withBridge(r.content, ''));
    return sendText(res, 200, 'text/html; charset=utf-8', errorPage('The script completed but did not return anything.'));
  }

  private sendEcho(res: ServerResponse, id: string): void {
    const e = this.echoes.get(id);
    if (!e) return sendText(res, 404, 'text/plain', 'gone: this reply was already read or has expired');
    this.echoes.delete(id);
    sendText(res, 200, e.type, e.body, { 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, e] of this.echoes) if (e.expires < now) this.echoes.delete(id);
  }
}

function errorPage(message: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Error</title></head><body><div style="font-family:sans-serif;padding:2em"><h1>Error</h1><p>${escapeHtml(message)}</p></div></body></html>`;
}
