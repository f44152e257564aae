// The broadcast panel's ops (issue 13): who a broadcast reaches, sending now or at a time, the report, a
// lead's reach, and a send cut after every service call and retried.
import { describe, expect, it } from 'vitest';
import { gasSheetPort } from '../../appsscript/src/gas/sheet-port.ts';
import { invalidateReferenceCache } from '../../appsscript/src/gas/reference-cache.ts';
import { runDueBroadcasts } from '../../appsscript/src/gas/broadcast-wiring.ts';
import { MAIL_QUOTA_ERROR } from '../../appsscript/src/services/broadcast-delivery.ts';
import { columnIndex } from '../../appsscript/src/store/schema.ts';
import { adminOffice, LEAD, OWNER, rid, type AdminOffice } from './helpers.ts';
import { cutEverywhere } from './budget.ts';

/** Links a Telegram chat to the first `n` active people (chat id 7000 + their row). */
function linkChats(o: AdminOffice, n: number): string[] {
  o.world.newExecution({ activeUser: OWNER });
  const port = gasSheetPort();
  const rows = o.rows('Employees');
  o.world.newExecution({ activeUser: OWNER });
  const linked: string[] = [];
  const col = columnIndex('Employees', 'telegram_chat_id') + 1;
  rows.forEach((r, i) => {
    if (linked.length >= n || r.active === false) return;
    SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Employees')!.getRange(i + 2, col).setValue(String(7000 + i));
    linked.push(String(r.id));
  });
  void port;
  invalidateReferenceCache();
  return linked;
}

const activePeople = (o: AdminOffice) => o.rows('Employees').filter((r) => r.active !== false);

describe('broadcast.preview', () => {
  it('counts who gets it by which channel and lists who cannot be reached', () => {
    const o = adminOffice();
    const linked = linkChats(o, 5);
    const everyone = activePeople(o).length;
    const p = o.ok(OWNER, 'broadcast.preview', { text_ru: 'Привет', text_en: 'Hello', audience: { all: true }, channels: ['telegram', 'email'] });
    expect(p.people).toBe(everyone);
    expect(p.reach).toEqual({ telegram: linked.length, email: everyone });
    expect(p.unreachable).toHaveLength(everyone - linked.length);
    expect(p.unreachable.every((u) => u.channel === 'telegram' && u.status === 'unreachable')).toBe(true);
    expect(p.languages.ru + p.languages.en).toBe(everyone);
    expect(p.languages.ru).toBeGreaterThan(0);
    // Only one language written: everyone reads it.
    const ruOnly = o.ok(OWNER, 'broadcast.preview', { text_ru: 'Привет', audience: { all: true }, channels: ['email'] });
    expect(ruOnly.languages).toEqual({ ru: everyone, en: 0 });
  });

  it('refuses a message without text, an unknown group or address', () => {
    const o = adminOffice();
    const none = o.rpc(OWNER, 'broadcast.preview', { audience: { all: true }, channels: ['email'] });
    expect(!none.ok && none.error.code).toBe('bad_request');
    const group = o.rpc(OWNER, 'broadcast.preview', { text_en: 'x', audience: { groups: ['nope'] }, channels: ['email'] });
    expect(!group.ok && group.error.details?.fields).toEqual([expect.objectContaining({ field: 'audience.groups[0]' })]);
    const mail = o.rpc(OWNER, 'broadcast.preview', { text_en: 'x', audience: { emails: ['nobody@example.com'] }, channels: ['email'] });
    expect(!mail.ok && mail.error.code).toBe('bad_request');
  });

  it('a lead reaches the people of their groups only', () => {
    const o = adminOffice();
    const people = activePeople(o);
    const theirs = people.filter((p) => p.group === 'support-l1').length;
    const all = o.ok(LEAD, 'broadcast.preview', { text_en: 'x', audience: { all: true }, channels: ['email'] });
    expect(all.people).toBe(theirs);
    const other = o.rpc(LEAD, 'broadcast.preview', { text_en: 'x', audience: { groups: ['support-l2'] }, channels: ['email'] });
    expect(!other.ok && other.error.code).toBe('forbidden');
    const stranger = people.find((p) => p.group === 'support-l2')!;
    const byMail = o.rpc(LEAD, 'broadcast.send', { text_en: 'x', audience: { emails: [String(stranger.email)] }, channels: ['email'], request_id: rid() });
    expect(!byMail.ok && byMail.error.code).toBe('forbidden');
    expect(o.rows('Broadcasts')).toHaveLength(0);
    expect(o.rows('Audit').filter((a) => a.action === 'broadcast.send')).toHaveLength(0);
  });
});

describe('broadcast.send and broadcast.report', () => {
  it('writes one Outbox row per person and channel, mails at once, and reports it', () => {
    const o = adminOffice();
    const linked = linkChats(o, 4);
    const group = activePeople(o).filter((p) => p.group === 'support-l1');
    const request_id = rid();
    const payload = { text_ru: 'Собрание в 15:00', text_en: 'Meeting at 15:00', audience: { groups: ['support-l1'] }, channels: ['telegram', 'email'] as ('telegram' | 'email')[], request_id };
    const sent = o.ok(OWNER, 'broadcast.send', payload);
    const reachable = group.filter((p) => linked.includes(String(p.id))).length;
    expect(sent.recipients).toBe(group.length);
    // No bot_url: Telegram rows wait for the bot's pull; the e-mails went at once.
    expect(sent.counts).toEqual({ sent: group.length, failed: 0, pending: reachable, unreachable: group.length - reachable });
    const outbox = o.rows('Outbox').filter((r) => String(r.alert_id).includes(`-${sent.id}-`));
    expect(outbox).toHaveLength(group.length + reachable);
    expect(new Set(outbox.map((r) => r.alert_id)).size).toBe(outbox.length);
    const mails = o.world.deps.mailbox.filter((m) => /сообщение|message/.test(m.subject));
    expect(mails).toHaveLength(group.length);
    const anna = group.find((p) => /Анна/.test(String(p.name)))!;
    expect(mails.find((m) => m.to === anna.email)?.body).toContain('Собрание в 15:00');

    // The same request again doubles nothing.
    const again = o.ok(OWNER, 'broadcast.send', payload);
    expect(again.id).toBe(sent.id);
    expect(o.rows('Outbox').filter((r) => String(r.alert_id).includes(`-${sent.id}-`))).toHaveLength(outbox.length);
    expect(o.world.deps.mailbox.filter((m) => /сообщение|message/.test(m.subject))).toHaveLength(group.length);
    expect(o.rows('Audit').filter((a) => a.action === 'broadcast.send')).toHaveLength(1);

    const report = o.ok(OWNER, 'broadcast.report', { id: sent.id });
    expect(report.counts).toEqual(sent.counts);
    expect(report.done).toBe(false);
    expect(report.rows.filter((r) => r.channel === 'email' && r.status === 'sent')).toHaveLength(group.length);
    expect(report.rows.find((r) => r.status === 'unreachable')?.error).toMatch(/Telegram/);
    const list = o.ok(OWNER, 'broadcast.list', {});
    expect(list.rows.map((r) => r.id)).toEqual([sent.id]);
    // A lead sees their own broadcasts only.
    expect(o.ok(LEAD, 'broadcast.list', {}).rows).toHaveLength(0);
    const hidden = o.rpc(LEAD, 'broadcast.report', { id: sent.id });
    expect(!hidden.ok && hidden.error.code).toBe('not_found');
  });

  it('sends at a time: nothing before it, the trigger step writes and mails it after', () => {
    const o = adminOffice();
    // adminRpc runs on this process's clock (Date.now()); the trigger step is given its time.
    const now = Date.now();
    const sent = o.ok(OWNER, 'broadcast.send', { text_en: 'Later', audience: { groups: ['support-l1'] }, channels: ['email'], at: now + 3600_000, request_id: rid() });
    expect(sent.state).toBe('scheduled');
    expect(o.rows('Outbox').filter((r) => String(r.alert_id).includes(`-${sent.id}-`))).toHaveLength(0);
    o.world.newExecution({ kind: 'trigger' });
    expect(runDueBroadcasts(now + 60_000).enqueued).toBe(0);
    o.world.newExecution({ kind: 'trigger' });
    const step = runDueBroadcasts(now + 3600_000 + 60_000);
    expect(step.enqueued).toBe(1);
    expect(step.mailed).toBeGreaterThan(0);
    const report = o.ok(OWNER, 'broadcast.report', { id: sent.id });
    expect(report.done).toBe(true);
    expect(report.broadcast.state).toBe('done');
    expect(report.counts.sent).toBe(step.mailed);
    // Once it is over, a quiet run reads Settings and the Broadcasts tab's last row only (the run after it moves the mark).
    o.world.newExecution({ kind: 'trigger' });
    expect(runDueBroadcasts(now + 3600_000 + 120_000)).toEqual({ enqueued: 0, pushed: 0, mailed: 0 });
    o.world.newExecution({ kind: 'trigger' });
    runDueBroadcasts(now + 3600_000 + 180_000);
    const calls = o.world.stats().calls;
    expect(Object.keys(calls).filter((k) => /getValues|getLastRow|setValues|TextFinder/.test(k)).reduce((n, k) => n + calls[k], 0)).toBeLessThanOrEqual(3);
  });

  it('reports what the mail quota left unsent as failed with the reason, and sends it later', () => {
    const o = adminOffice();
    const now = Date.now();
    const sent = o.ok(OWNER, 'broadcast.send', { text_en: 'Quota', audience: { groups: ['support-l1'] }, channels: ['email'], at: now + 60_000, request_id: rid() });
    let quota = 2;
    const outbox: string[] = [];
    const mail = { remaining: () => quota, send: (to: string) => void (quota--, outbox.push(to)) };
    o.world.newExecution({ kind: 'trigger' });
    runDueBroadcasts(now + 120_000, { mail });
    const first = o.ok(OWNER, 'broadcast.report', { id: sent.id });
    expect(first.counts.sent).toBe(2);
    expect(first.counts.failed).toBe(first.rows.length - 2);
    expect(first.rows.find((r) => r.status === 'failed')).toMatchObject({ error: MAIL_QUOTA_ERROR, retry_at: expect.any(Number) });
    // An hour later the quota allows the rest.
    quota = 100;
    o.world.newExecution({ kind: 'trigger' });
    runDueBroadcasts(now + 2 * 3600_000, { mail });
    const later = o.ok(OWNER, 'broadcast.report', { id: sent.id });
    expect(later.counts).toMatchObject({ sent: first.rows.length, failed: 0, pending: 0 });
    expect(new Set(outbox).size).toBe(outbox.length);
  });

  it('cut after any service call and retried: one Broadcasts row, each Outbox row once, one Audit row', () => {
    const request_id = rid();
    let prepared: string[] = [];
    const cuts = cutEverywhere(
      'broadcast.send',
      { text_ru: 'Тест', text_en: 'Test', audience: { all: true }, channels: ['telegram'], request_id },
      (o) => {
        const b = o.rows('Broadcasts');
        expect(b).toHaveLength(1);
        const ids = o.rows('Outbox').map((r) => String(r.alert_id)).filter((id) => id.startsWith('B-'));
        expect(ids).toHaveLength(prepared.length);
        expect(new Set(ids).size).toBe(ids.length);
        expect(o.rows('Audit').filter((a) => a.action === 'broadcast.send')).toHaveLength(1);
        expect(b[0].state).toBe('done');
      },
      (o) => {
        prepared = linkChats(o, 6);
      },
    );
    expect(cuts).toBeGreaterThan(3);
  });

  it('e-mail cut after any call: everyone mailed, nobody more than once per batch', () => {
    const request_id = rid();
    let group = 0;
    cutEverywhere(
      'broadcast.send',
      { text_en: 'Mail', audience: { groups: ['support-l1'] }, channels: ['email'], request_id },
      (o) => {
        // A mail leased by the cut execution waits out its 10-minute lease; the trigger's step sends it then.
        o.world.newExecution({ kind: 'trigger' });
        runDueBroadcasts(Date.now() + 11 * 60_000);
        const per = new Map<string, number>();
        for (const m of o.world.deps.mailbox) per.set(String(m.to), (per.get(String(m.to)) ?? 0) + 1);
        expect(per.size).toBe(group);
        // A cut between a batch's sends and their record sends that batch again: never nobody, at most twice.
        expect(Math.max(...per.values())).toBeLessThanOrEqual(2);
        const report = o.ok(OWNER, 'broadcast.report', { id: o.rows('Broadcasts')[0].id as string });
        expect(report.counts.sent).toBe(group);
      },
      (o) => {
        group = activePeople(o).filter((p) => p.group === 'support-l1').length;
      },
    );
  });
});

