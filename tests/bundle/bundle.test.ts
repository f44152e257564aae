import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EXPOSED_NAMES } from '../../appsscript/src/exposed.ts';
import { checkBundle } from './bundle-check.ts';

// The bundle is built by `npm test` (and `npm run build`) before vitest runs.
const code = readFileSync('dist/appsscript/Code.js', 'utf8');
const report = checkBundle(code);

describe('dist/appsscript/Code.js', () => {
  it('declares every exposed name as a top-level function (triggers and google.script.run need them)', () => {
    for (const name of EXPOSED_NAMES) expect(report.topLevelFunctions).toContain(name);
  });

  it('has no module syntax left (Apps Script files are plain scripts)', () => {
    expect(report.moduleSyntax).toEqual([]);
  });

  it('uses no global that Apps Script lacks (Node, browser, timers, fetch)', () => {
    expect(report.unknownGlobals).toEqual([]);
  });

  it('the checks catch what they look for', () => {
    const bad = checkBundle(`${code}\nsetTimeout(function () {}, 1); fetch('x'); var p = process.env; export const x = 1;`);
    expect(bad.unknownGlobals).toEqual(expect.arrayContaining(['fetch', 'process', 'setTimeout']));
    expect(bad.moduleSyntax.length).toBeGreaterThan(0);
    expect(checkBundle('var f = function doGet() {};').topLevelFunctions).toEqual([]);
  });

  it('ships the manifest with the web app settings', () => {
    const manifest = JSON.parse(readFileSync('dist/appsscript/appsscript.json', 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.webapp).toEqual({ executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
    expect(typeof manifest.timeZone).toBe('string');
  });
});
