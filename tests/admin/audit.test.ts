// The Audit screen's list through adminRpc: newest first, filters, pages that go on where the last one
// stopped, and a bound on what one request reads however long the Audit tab grows.
import { beforeEach, describe, expect, it } from 'vitest';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';
import { TABS } from '../../appsscript/src/store/schema.ts';
import { AUDIT_CHUNK_ROWS, AUDIT_MAX_CHUNKS } from '../../appsscript/src/services/admin/audit-list.ts';
import type { AuditRecord } from '../../common/admin-api.ts';
import { adminOffice, LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { costOf, expectWithinBudget, SHEET_CALL_BUDGET } from './budget.ts';

let office: AdminOffice;
beforeEach(() => {
  office = adminOffice();
});

/** 2026-11-01 00:00 in Moscow (UTC+3). */
const START = Date.UTC(2026, 9, 31, 21, 0);
const HOUR = 3600_000;

interface Seed {
  at: number;
  actor?: string;
  action?: string;
  target?: string;
}

/** Audit rows as the console's saves leave them, oldest first (sheet row 2 is `rows[0]`). */
function seed(o: AdminOffice, rows: Seed[]): void {
  o.world.newExecution({ activeUser: OWNER });
  const tables = openTables(gasSheetPort(), { timeZone: 'Europe/Moscow', formatDate: (ms) => new Date(ms).toISOString() });
  tables.appendRecords(
    'Audit',
    rows.map((r, i) => ({
      at: r.at,
      actor: r.actor ?? OWNER,
      action: r.action ?? 'people.save',
      target: r.target ?? `e${String(i).padStart(3, '0')}`,
      before: { n: i },
      after: { n: i + 1 },
      request_id: `seed-${i}`,
    })),
  );
}

const hourly = (n: number): Seed[] => Array.from({ length: n }, (_, i) => ({ at: START + i * HOUR }));

/** Every page of a query, following `next`. */
function allPages(o: AdminOffice, query: { actor?: string; action?: string; target?: string; from?: string; to?: string; limit?: number }): { rows: AuditRecord[]; pages: number } {
  const rows: AuditRecord[] = [];
  let before_row: number | undefined;
  for (let pages = 1; pages < 100; pages++) {
    const page = o.ok(OWNER, 'audit.list', { ...query, ...(before_row === undefined ? {} : { before_row }) });
    rows.push(...page.rows);
    if (page.next === null) return { rows, pages };
    before_row = page.next;
  }
  throw new Error('more than 100 pages');
}

describe('audit.list', () => {
  it('gives the newest first, a page at a time, each row once', () => {
    seed(office, hourly(120));
    const first = office.ok(OWNER, 'audit.list', { limit: 50 });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]).toMatchObject({ at: START + 119 * HOUR, actor: OWNER, action: 'people.save', target: 'e119', before: { n: 119 }, after: { n: 120 } });
    expect(first.next).toBe(72); // the sheet row of the 50th newest: the next page continues above it
    const { rows, pages } = allPages(office, { limit: 50 });
    expect(pages).toBe(3);
    expect(rows.map((r) => r.target)).toEqual(Array.from({ length: 120 }, (_, i) => `e${String(119 - i).padStart(3, '0')}`));
  });

  it('filters by actor and target (any part, any case), action (exact, or every action of an area) and period', () => {
    seed(office, [
      { at: START, actor: 'olga.smirnova@example.com', action: 'people.add', target: 'e031' },
      { at: START + 1 * HOUR, action: 'groups.save', target: 'support-l1' },
      { at: START + 2 * HOUR, action: 'people.revoke', target: 'e005' },
      { at: START + 3 * HOUR, action: 'peoplex.save', target: 'E031' },
      // 2026-11-03 01:30 in Moscow, though still the 2nd in UTC.
      { at: Date.UTC(2026, 10, 2, 22, 30), action: 'rules.save', target: 'support' },
      { at: Date.UTC(2026, 10, 3, 20, 59), action: 'rules.save', target: 'billing' },
    ]);
    const targets = (q: Parameters<typeof allPages>[1]) => allPages(office, q).rows.map((r) => r.target);
    expect(targets({ actor: 'OLGA' })).toEqual(['e031']);
    expect(targets({ action: 'people' })).toEqual(['e005', 'e031']);
    expect(targets({ action: 'people.add' })).toEqual(['e031']);
    expect(targets({ target: 'e031' })).toEqual(['E031', 'e031']);
    expect(targets({ from: '2026-11-03', to: '2026-11-03' })).toEqual(['billing', 'support']);
    expect(targets({ to: '2026-11-02' })).toEqual(['E031', 'e005', 'support-l1', 'e031']);
    expect(targets({ from: '2026-11-04' })).toEqual([]);
  });

  it('reads a bounded number of rows per request, and pages on to a rare match at the top of a long tab', () => {
    seed(office, [{ at: START, actor: 'rare@example.com' }, ...hourly(3000).map((s) => ({ at: s.at + HOUR }))]);
    let before_row: number | undefined;
    const found: AuditRecord[] = [];
    let requests = 0;
    for (;;) {
      const cost = costOf(office, 'audit.list', { actor: 'rare', ...(before_row === undefined ? {} : { before_row }) });
      expect(cost.sheetCalls).toBeLessThanOrEqual(SHEET_CALL_BUDGET);
      expect(cost.cellsRead).toBeLessThanOrEqual(AUDIT_CHUNK_ROWS * AUDIT_MAX_CHUNKS * TABS.Audit.columns.length);
      const page = office.ok(OWNER, 'audit.list', { actor: 'rare', ...(before_row === undefined ? {} : { before_row }) });
      requests++;
      found.push(...page.rows);
      if (page.next === null) break;
      before_row = page.next;
    }
    expect(found.map((r) => r.actor)).toEqual(['rare@example.com']);
    expect(requests).toBe(Math.ceil(3001 / (AUDIT_CHUNK_ROWS * AUDIT_MAX_CHUNKS)));
  });

  it('stops paging once the rows are older than `from`', () => {
    // Hourly from 2026-11-01 00:00: 2027-01-01 00:00 is row 1464 of 3000.
    seed(office, hourly(3000));
    const { rows, pages } = allPages(office, { from: '2027-01-01', limit: 200 });
    expect(rows).toHaveLength(3000 - 1464);
    expect(rows.at(-1)!.at).toBe(START + 1464 * HOUR);
    // 1536 rows make 8 pages of 200; the older 1464 rows are never paged through.
    expect(pages).toBe(8);
    expect(office.ok(OWNER, 'audit.list', { from: '2027-06-01' })).toMatchObject({ rows: [], next: null });
  });

  it('lists what the console\'s own saves wrote', () => {
    office.ok(OWNER, 'statuses.save', { code: 'coaching', label_ru: 'Коучинг', label_en: 'Coaching', kind: 'training', counts_as_work: true, request_id: rid() });
    const r = office.ok(OWNER, 'audit.list', {});
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ actor: OWNER, action: 'statuses.add', target: 'coaching', before: null, after: { code: 'coaching', label_en: 'Coaching' } });
    expect(r.next).toBeNull();
  });

  it('is for admins only, and says which filter is wrong', () => {
    const lead = office.rpc(LEAD, 'audit.list', {});
    expect(lead.ok).toBe(false);
    if (!lead.ok) expect(lead.error.code).toBe('forbidden');
    const bad = office.rpc(OWNER, 'audit.list', { from: '24.11.2026', limit: 0, before_row: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect((bad.error.details?.fields as { field: string }[]).map((f) => f.field)).toEqual(['from', 'before_row', 'limit']);
  });

  it('stays within 6 sheet calls and never reads Log', () => {
    expectWithinBudget('audit.list', () => ({ action: 'people', limit: 200 }), (o) => seed(o, hourly(1000)));
  });
});
