// Statuses through adminRpc, as the Statuses sidebar calls it: in use, add, edit, hide (never remove),
// roles, field errors, conflicts, the Audit row once, and the cost of each op.
import { beforeEach, describe, expect, it } from 'vitest';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { openTables } from '../../appsscript/src/store/tables.ts';
import { adminOffice, LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { cutEverywhere, expectWithinBudget } from './budget.ts';

let office: AdminOffice;
beforeEach(() => {
  office = adminOffice();
});

const coaching = { code: 'coaching', label_ru: 'Коучинг', label_en: 'Coaching', kind: 'training' as const, counts_as_work: true, color: '#7b1fa2' };

/** Someone whose Current status is `status` since 09:00 today (as a sync would leave it). */
function onStatus(o: AdminOffice, status: string): void {
  o.world.newExecution({ activeUser: OWNER });
  const at = Date.UTC(2026, 10, 24, 6, 0);
  const tables = openTables(gasSheetPort(), { timeZone: 'Europe/Moscow', formatDate: (ms) => new Date(ms).toISOString() });
  tables.saveCurrent([
    { employee_id: 'e001', status, since: at, last_seen: at, device_id: 'd1', day: '2026-11-24', timeline: [{ entry_id: 'x1', status, at, source: 'web', device_id: 'd1', seq: 1 }] },
  ]);
}

describe('statuses.list', () => {
  it('lists every status with its version and whether Rules, the schedule or someone uses it', () => {
    onStatus(office, 'meeting');
    const r = office.ok(OWNER, 'statuses.list', {});
    expect(r.rows.map((s) => s.code)).toEqual(['work', 'break', 'lunch', 'meeting', 'training', 'offline']);
    const inUse = Object.fromEntries(r.rows.map((s) => [s.code, s.in_use]));
    // work, break, lunch: the rules use them; meeting: Anna is in one now; training, offline: nobody.
    expect(inUse).toEqual({ work: true, break: true, lunch: true, meeting: true, training: false, offline: false });
    expect(r.rows[0]).toMatchObject({ label_ru: 'Работа', label_en: 'Working', kind: 'work', counts_as_work: true, color: '#34a853', hidden: false });
    expect(r.rows[0].version).toMatch(/^[0-9a-f]{8}$/);
  });

  it('is open to a lead, who needs the labels too', () => {
    expect(office.rpc(LEAD, 'statuses.list', {}).ok).toBe(true);
  });
});

describe('statuses.save', () => {
  it('adds a status once, with one Audit row, when the same save is retried', () => {
    const request_id = rid();
    const first = office.ok(OWNER, 'statuses.save', { ...coaching, request_id });
    expect(first).toMatchObject({ created: true, record: { code: 'coaching', hidden: false, in_use: false } });
    const again = office.ok(OWNER, 'statuses.save', { ...coaching, request_id });
    expect(again.record.version).toBe(first.record.version);
    expect(office.rows('Statuses').filter((r) => r.code === 'coaching')).toHaveLength(1);
    const audit = office.rows('Audit').filter((r) => r.request_id === request_id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: OWNER, action: 'statuses.add', target: 'coaching' });
  });

  it('hides a status in use (the row stays, with its labels) and shows it again', () => {
    const meeting = office.ok(OWNER, 'statuses.list', {}).rows.find((s) => s.code === 'meeting')!;
    const { version, in_use: _inUse, ...fields } = meeting;
    const hidden = office.ok(OWNER, 'statuses.save', { ...fields, hidden: true, version, request_id: rid() });
    expect(hidden.record).toMatchObject({ code: 'meeting', hidden: true, label_ru: 'Совещание' });
    expect(office.rows('Statuses').find((r) => r.code === 'meeting')).toMatchObject({ hidden: true, label_en: 'Meeting' });
    const shown = office.ok(OWNER, 'statuses.save', { ...fields, hidden: false, version: hidden.record.version, request_id: rid() });
    expect(shown.record.hidden).toBe(false);
    expect(office.rows('Statuses')).toHaveLength(6);
  });

  it('refuses a save from a stale read with the current values, and an add of a code that exists', () => {
    const brk = office.ok(OWNER, 'statuses.list', {}).rows.find((s) => s.code === 'break')!;
    const { version, in_use: _inUse, ...fields } = brk;
    office.ok(OWNER, 'statuses.save', { ...fields, label_en: 'Short break', version, request_id: rid() });
    const late = office.rpc(OWNER, 'statuses.save', { ...fields, color: '#000000', version, request_id: rid() });
    expect(late.ok).toBe(false);
    if (!late.ok) {
      expect(late.error.code).toBe('conflict');
      expect((late.error.details?.current as { label_en: string }).label_en).toBe('Short break');
    }
    const dup = office.rpc(OWNER, 'statuses.save', { ...coaching, code: 'lunch', request_id: rid() });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error).toMatchObject({ code: 'conflict', details: { field: 'code' } });
    expect(office.rows('Statuses').find((r) => r.code === 'break')).toMatchObject({ label_en: 'Short break', color: '#fbbc04' });
  });

  it('says which fields are wrong', () => {
    const r = office.rpc(OWNER, 'statuses.save', { ...coaching, code: 'has space', label_en: '', color: 'purple', kind: 'nap' as 'break', request_id: rid() });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      const fields = (r.error.details?.fields as { field: string }[]).map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['code', 'label_en', 'color', 'kind']));
    }
    expect(office.rows('Statuses')).toHaveLength(6);
  });

  it('is for admins only: a lead is refused and nothing is written', () => {
    const r = office.rpc(LEAD, 'statuses.save', { ...coaching, request_id: rid() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden');
    expect(office.rows('Statuses')).toHaveLength(6);
    expect(office.rows('Audit')).toHaveLength(0);
  });

  it('cut after any service call and retried, adds the status and its Audit row exactly once', () => {
    const request_id = rid();
    const cuts = cutEverywhere('statuses.save', { ...coaching, request_id }, (o) => {
      expect(o.rows('Statuses').filter((r) => r.code === 'coaching')).toHaveLength(1);
      expect(o.rows('Audit').filter((r) => r.request_id === request_id)).toHaveLength(1);
    });
    expect(cuts).toBeGreaterThan(5);
  });
});

describe('cost', () => {
  it('statuses.list and statuses.save stay within 6 sheet calls and never read Log', () => {
    expectWithinBudget('statuses.list', () => ({}));
    const request_id = rid();
    expectWithinBudget('statuses.save', () => ({ ...coaching, request_id }));
  });
});
