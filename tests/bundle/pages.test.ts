import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCREEN_PAGES } from '../../common/screens.ts';
import { bundlePage, missingScreens, pageHtml, pageNames } from '../../scripts/build-pages.ts';

describe('the console\'s pages', () => {
  it('every screen of the registry has its feature folder with an entry', () => {
    expect(missingScreens()).toEqual([]);
    for (const page of SCREEN_PAGES) expect(pageNames()).toContain(page);
  });

  it('the check finds a screen without its folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wtt-features-'));
    mkdirSync(join(dir, 'People'));
    writeFileSync(join(dir, 'People', 'index.ts'), '');
    mkdirSync(join(dir, 'Groups'));
    expect(missingScreens(dir)).toEqual(SCREEN_PAGES.filter((p) => p !== 'People'));
  });

  it.each(pageNames())('%s builds into one self-contained HTML file', async (page) => {
    const html = pageHtml(page, await bundlePage(page));
    expect(html).toMatch(/<script>[\s\S]+<\/script>/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    // Only the one closing tag: nothing inside the script ends it early.
    expect(html.match(/<\/script/gi)).toHaveLength(1);
  });

  it('the build wrote every screen\'s page into dist/appsscript', () => {
    // `npm test` (and `npm run build`) build before vitest runs.
    for (const page of SCREEN_PAGES) {
      const html = readFileSync(`dist/appsscript/${page}.html`, 'utf8');
      expect(html, page).toMatch(/<script>[\s\S]+<\/script>/);
    }
  });
});
