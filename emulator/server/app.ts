// The runtime's HTTP server: the web app at /exec, the employee page at /, the admin page at /admin,
// and the local-only /_dev API. Binds to loopback only.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { Runtime } from '../runtime/runtime.ts';
import { REPO_ROOT } from '../runtime/runtime.ts';
import { WebApp } from './web-app.ts';
import { handleDev } from './dev-api.ts';
import { HttpError, sendJson, sendText } from './http-util.ts';

const CLIENT_DIR = join(REPO_ROOT, 'dist', 'client');
const ADMIN_PAGE = join(REPO_ROOT, 'emulator', 'server', 'admin-page.html');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export function createAppServer(runtime: Runtime): Server {
  const webApp = new WebApp(runtime);
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = async () => {
      if (url.pathname === '/exec' || url.pathname.startsWith('/exec/')) return webApp.handle(req, res, url);
      if (url.pathname.startsWith('/_dev/')) return handleDev(runtime, req, res, url);
      if (url.pathname === '/admin' || url.pathname === '/admin/') return sendText(res, 200, 'text/html; charset=utf-8', readFileSync(ADMIN_PAGE));
      if (req.method === 'GET' || req.method === 'HEAD') return serveClient(res, url.pathname);
      throw new HttpError(405, 'method not allowed');
    };
    route().catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) console.error('[server]', e);
      if (!res.headersSent) sendJson(res, status, { error: (e as Error).message ?? String(e) });
      else res.end();
    });
  });
}

/** The employee page (dist/client); before it is built, / goes to the bundle's own page. */
function serveClient(res: import('node:http').ServerResponse, pathname: string): void {
  if (!existsSync(join(CLIENT_DIR, 'index.html'))) {
    res.writeHead(302, { location: '/exec' });
    return void res.end();
  }
  const rel = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(CLIENT_DIR, rel);
  if (!file.startsWith(CLIENT_DIR) || !existsSync(file) || statSync(file).isDirectory()) file = join(CLIENT_DIR, 'index.html');
  sendText(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file), { 'cache-control': 'no-cache' });
}
