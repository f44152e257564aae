// Smoke test of `npm run bench -- client` (issue 4, point 6): one page load per scenario in headless
// Chromium against the runtime as `npm start` runs it (needs the build: dist/client and dist/emulator).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { clientJsSizes, runClientBench } from '../../bench/client.ts';
import { reportProblem } from '../../bench/lib/report.ts';

describe('client bench', () => {
  it('measures the built JavaScript as the build does', () => {
    const sizes = clientJsSizes();
    expect(sizes.map((s) => s.file)).toEqual(['app.js', 'sw.js']);
    const app = readFileSync('dist/client/app.js');
    expect(sizes[0]).toEqual({ file: 'app.js', bytes: app.length, gzipBytes: gzipSync(app, { level: 9 }).length });
    for (const s of sizes) expect(s.gzipBytes).toBeLessThan(s.bytes);
  });

  it('times the first usable screen online and offline, signed out and in', async () => {
    const report = await runClientBench({ runs: 1 });
    expect(reportProblem(report)).toBe('');
    const data = report.data as { timings: { scenario: string; network: string; screen: string; runs: number; medianMs: number }[] };
    expect(data.timings.map((t) => [t.scenario, t.network, t.screen])).toEqual([
      ['first visit', 'online', 'login'],
      ['later visit, signed out', 'online', 'login'],
      ['later visit, signed in', 'online', 'status'],
      ['later visit, signed out', 'offline', 'login'],
      ['later visit, signed in', 'offline', 'status'],
    ]);
    for (const t of data.timings) {
      expect(t.runs).toBe(1);
      expect(t.medianMs).toBeGreaterThan(0);
      expect(t.medianMs).toBeLessThan(30_000);
    }
  }, 120_000);
});
