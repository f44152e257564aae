// The admin console's pages: each appsscript/ui/features/<Page>/index.ts becomes a self-contained
// dist/appsscript/<Page>.html (script inlined and minified: HtmlService serves one file per page, with
// nothing beside it). Every screen of the registry (common/screens.ts) must have its folder: the menu offers
// it, and a missing file would fail only when an admin clicks it.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCREENS, SCREEN_PAGES, type ScreenPage } from '../common/screens.ts';
import { bundleBrowserScript, gzipBytes, inlineScript, kb } from './build-client.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FEATURES_DIR = join(ROOT, 'appsscript', 'ui', 'features');
const OUT = join(ROOT, 'dist', 'appsscript');

export interface PageReport {
  page: string;
  jsBytes: number;
  jsGzipBytes: number;
  htmlBytes: number;
}

/** The feature folders that have an entry, in name order. */
export function pageNames(dir = FEATURES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/** Screens of the registry without a feature folder (an empty list when all are there). */
export function missingScreens(dir = FEATURES_DIR): ScreenPage[] {
  const have = new Set(pageNames(dir));
  return SCREEN_PAGES.filter((p) => !have.has(p));
}

export function bundlePage(page: string, dir = FEATURES_DIR): Promise<string> {
  return bundleBrowserScript(join(dir, page, 'index.ts'));
}

function titleOf(page: string): string {
  const screen = (SCREENS as Record<string, { title: { ru: string; en: string } }>)[page];
  return screen ? `WorkTimeTracker — ${screen.title.ru} / ${screen.title.en}` : `WorkTimeTracker — ${page}`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function pageHtml(page: string, script: string): string {
  return `<!DOCTYPE html>
<html>
<head>
<base target="_top">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(titleOf(page))}</title>
</head>
<body>
<script>${inlineScript(script)}</script>
</body>
</html>
`;
}

export async function buildPages(outDir = OUT): Promise<PageReport[]> {
  const missing = missingScreens();
  if (missing.length > 0) throw new Error(`screens without appsscript/ui/features/<Page>/index.ts: ${missing.join(', ')}`);
  mkdirSync(outDir, { recursive: true });
  const reports: PageReport[] = [];
  for (const page of pageNames()) {
    const js = await bundlePage(page);
    const html = pageHtml(page, js);
    writeFileSync(join(outDir, `${page}.html`), html);
    reports.push({ page, jsBytes: Buffer.byteLength(js), jsGzipBytes: gzipBytes(js), htmlBytes: Buffer.byteLength(html) });
  }
  console.log(`Built the console's pages (JavaScript, gzipped): ${reports.map((r) => `${r.page} ${kb(r.jsGzipBytes)}`).join(', ')}`);
  return reports;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildPages();
}
