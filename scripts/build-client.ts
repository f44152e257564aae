// The employee page's build: dist/client (static files for the local runtime or any host, with the app
// shell's service worker) and dist/appsscript/Employee.html (the same app inlined into one file for doGet,
// online only: HtmlService cannot serve a service worker). See docs/employee-page.md.
//
// WTT_API_URL (build time) is the web app's URL baked into dist/client: unset means the same origin's
// /exec (the local runtime), an empty value means the page asks for it (or takes ?api=).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLIENT = join(ROOT, 'client');
const OUT = join(ROOT, 'dist', 'client');
const APPS_SCRIPT_OUT = join(ROOT, 'dist', 'appsscript');

/** The budget from the issue: the page's JavaScript, gzipped. */
export const JS_BUDGET_GZIP_BYTES = 35 * 1024;
/** doGet replaces this with the web app's URL (ScriptApp.getService().getUrl()), HTML-escaped. */
export const API_URL_PLACEHOLDER = '%WTT_API_URL%';

export interface ClientBuildReport {
  apiUrl: string;
  jsBytes: number;
  jsGzipBytes: number;
  swBytes: number;
  inlineHtmlBytes: number;
  inlineHtmlGzipBytes: number;
  shell: string[];
  shellVersion: string;
}

/**
 * A browser entry bundled into one minified IIFE, as a string: the employee page, its worker and each page
 * of the admin console (scripts/build-pages.ts). `define` replaces build-time constants.
 */
export async function bundleBrowserScript(entry: string, define: Record<string, string> = {}): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    define,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** The script as the content of an inline <script>: nothing in it may end the element early. */
export function inlineScript(code: string): string {
  if (/<!--/.test(code)) throw new Error('the script contains "<!--", which changes how HTML parses an inline script');
  return code.replace(/<\/script/gi, '<\\/script');
}

const STATIC_ONLY = /<!-- static-only[\s\S]*?<!-- \/static-only -->\n?/;
const SCRIPT_TAG = '<script src="app.js" defer></script>';

/** client/index.html turned into the self-contained page for doGet. */
export function inlinePage(indexHtml: string, script: string): string {
  if (!STATIC_ONLY.test(indexHtml) || !indexHtml.includes(SCRIPT_TAG)) throw new Error('client/index.html lost its build markers');
  return indexHtml
    .replace(STATIC_ONLY, `<meta name="wtt-api-url" content="${API_URL_PLACEHOLDER}">\n`)
    .replace(SCRIPT_TAG, () => `<script>${inlineScript(script)}</script>`);
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** What the size budgets count: the bytes gzipped at the highest level. */
export const gzipBytes = (code: string | Buffer) => gzipSync(code, { level: 9 }).length;

export async function buildClient(): Promise<ClientBuildReport> {
  const apiUrl = process.env.WTT_API_URL ?? '/exec';
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'icons'), { recursive: true });

  const entry = join(CLIENT, 'src', 'main.ts');
  // __WTT_DEV__ false: a production build (the API client then leaves out its valibot request checks).
  const app = await bundleBrowserScript(entry, { __WTT_API_URL__: JSON.stringify(apiUrl), __WTT_INLINE__: 'false', __WTT_DEV__: 'false' });
  writeFileSync(join(OUT, 'app.js'), app);
  const indexHtml = readFileSync(join(CLIENT, 'index.html'), 'utf8');
  writeFileSync(join(OUT, 'index.html'), indexHtml);
  copyFileSync(join(CLIENT, 'manifest.webmanifest'), join(OUT, 'manifest.webmanifest'));
  const icons = readdirSync(join(CLIENT, 'icons')).filter((f) => /\.(svg|png)$/.test(f)).sort();
  for (const icon of icons) copyFileSync(join(CLIENT, 'icons', icon), join(OUT, 'icons', icon));

  // The shell the service worker caches; its version changes whenever any of its files does, which
  // makes the worker's own bytes change, which is what makes browsers install the new one.
  const shell = ['index.html', 'app.js', 'manifest.webmanifest', ...icons.map((i) => `icons/${i}`)];
  const hash = createHash('sha256');
  for (const file of shell) hash.update(file).update(readFileSync(join(OUT, file)));
  const shellVersion = hash.digest('hex').slice(0, 16);
  const sw = await bundleBrowserScript(join(CLIENT, 'src', 'sw.ts'), {
    __WTT_SHELL__: JSON.stringify(shell),
    __WTT_SHELL_VERSION__: JSON.stringify(shellVersion),
  });
  writeFileSync(join(OUT, 'sw.js'), sw);

  // The inlined page: the web app's URL comes from doGet (or, on the local runtime, the page's own /exec).
  const inline = await bundleBrowserScript(entry, { __WTT_API_URL__: '""', __WTT_INLINE__: 'true', __WTT_DEV__: 'false' });
  const page = inlinePage(indexHtml, inline);
  mkdirSync(APPS_SCRIPT_OUT, { recursive: true });
  writeFileSync(join(APPS_SCRIPT_OUT, 'Employee.html'), page);

  const report: ClientBuildReport = {
    apiUrl,
    jsBytes: Buffer.byteLength(app),
    jsGzipBytes: gzipBytes(app),
    swBytes: Buffer.byteLength(sw),
    inlineHtmlBytes: Buffer.byteLength(page),
    inlineHtmlGzipBytes: gzipBytes(page),
    shell,
    shellVersion,
  };
  const verdict = report.jsGzipBytes <= JS_BUDGET_GZIP_BYTES ? 'within' : 'OVER';
  console.log(
    `Built dist/client (web app: ${apiUrl || 'asked in the page'}): app.js ${kb(report.jsBytes)}, ` +
      `${kb(report.jsGzipBytes)} gzipped (${verdict} the ${kb(JS_BUDGET_GZIP_BYTES)} budget); sw.js ${kb(report.swBytes)}; ` +
      `dist/appsscript/Employee.html ${kb(report.inlineHtmlBytes)} (${kb(report.inlineHtmlGzipBytes)} gzipped)`,
  );
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildClient();
}
