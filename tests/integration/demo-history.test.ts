// npm start's new workbook gets the demo team's last 7 days played through the product (emulator/server/
// demo-history.ts): Daily rows for each of them and a non-empty reports.summary; a test server asks for it,
// and without asking gets none.
import { afterAll, describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { cellAt, lastRow } from '../../emulator/model/apply.ts';
import { startProductServer, type ProductServer } from './server-harness.ts';
import type { ReportsSummary } from '../../common/reports.ts';

const OWNER = 'owner@example.com';
const NOW = Date.parse('2026-12-07T10:30:00+03:00');
const DATES = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];

const servers: ProductServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

async function start(history: boolean): Promise<ProductServer> {
  const clock = new Clock();
  clock.set(NOW, { frozen: true });
  const s = await startProductServer({ clock, history });
  servers.push(s);
  return s;
}

/** The Daily tab's dates, as the workbook holds them. */
function dailyDates(s: ProductServer): string[] {
  const store = s.runtime.deps.workbooks;
  const sheet = store.get(store.activeId)?.sheets.find((t) => t.name === 'Daily');
  if (!sheet) throw new Error('no Daily tab');
  const last = lastRow(sheet);
  const col = Array.from({ length: 60 }, (_, i) => cellAt(sheet, 1, i + 1)).indexOf('date') + 1;
  const out: string[] = [];
  for (let r = 2; r <= last; r++) out.push(String(cellAt(sheet, r, col)));
  return out;
}

async function summary(s: ProductServer): Promise<{ ok: boolean } & ReportsSummary> {
  const r = await s.runtime.run('adminRpc', ['reports.summary', { from: DATES[0], to: DATES[6] }], { kind: 'rpc', activeUser: OWNER });
  return JSON.parse(r.result?.kind === 'json' ? r.result.json : '{}');
}

describe('the demo history of a new workbook', () => {
  it('with history: Daily rows for each of the last 7 days, and a report of them', async () => {
    const t0 = Date.now();
    const s = await start(true);
    console.log(`bootstrap with the demo history: ${Date.now() - t0} ms`);
    const dates = dailyDates(s);
    expect([...new Set(dates)].sort()).toEqual(DATES);
    const r = await summary(s);
    expect(r.ok).toBe(true);
    expect(r.rows.length).toBeGreaterThan(20);
    expect(r.totals.days).toBe(dates.length);
    expect(r.totals.worked_min).toBeGreaterThan(0);
    expect(r.totals.overruns).toBeGreaterThan(0);
    expect(s.clock.now()).toBe(NOW);
  }, 120_000);

  it('without: no Daily rows and an empty report', async () => {
    const s = await start(false);
    expect(dailyDates(s)).toEqual([]);
    const r = await summary(s);
    expect(r.ok).toBe(true);
    expect(r.totals.days).toBe(0);
  }, 60_000);
});
