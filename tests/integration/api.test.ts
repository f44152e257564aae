// Status tracking through the web app, over HTTP, against the built bundle in the local runtime:
// login by code from the mailbox, sync exactly once and in order, and bad inputs that change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProductServer, type ProductServer } from './server-harness.ts';

const EMAIL = 'anna.ivanova@example.com';
let s: ProductServer;

beforeAll(async () => {
  s = await startProductServer();
});
afterAll(() => s?.close());

async function login(email = EMAIL, device = 'dev-a'): Promise<string> {
  const start = await s.api({ op: 'login.start', email, device_id: device });
  expect(start.ok).toBe(true);
  const mail = (await s.dev('/mail')).filter((m: { to: string }) => m.to === email).at(-1);
  const code = /\b(\d{6})\b/.exec(mail.body)![1];
  const done = await s.api({ op: 'login.finish', email, code, device_id: device });
  expect(done.ok).toBe(true);
  return done.token;
}

/** The workbook's rows of a tab, as the admin page shows them. */
async function rows(tab: string): Promise<string[][]> {
  const page = await s.dev(`/workbook/sheet?sheet=${tab}&offset=0&limit=1000`);
  return page.values;
}

const entry = (seq: number, status: string, at: number, extra: Record<string, unknown> = {}) => ({ seq, entry_id: `id-${seq}-${status}-${at}`, status, at, ...extra });

describe('login', () => {
  it('sends a code by mail and exchanges it for a token, employee and statuses', async () => {
    await s.api({ op: 'login.start', email: EMAIL, device_id: 'dev-login' });
    const mail = (await s.dev('/mail')).at(-1);
    expect(mail.to).toBe(EMAIL);
    const code = /\b(\d{6})\b/.exec(mail.body)![1];
    const r = await s.api({ op: 'login.finish', email: EMAIL, code, device_id: 'dev-login' });
    expect(r.ok).toBe(true);
    expect(r.employee).toMatchObject({ email: EMAIL, id: 'e001' });
    expect(r.statuses.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['work', 'break', 'lunch']));
    const again = await s.api({ op: 'login.finish', email: EMAIL, code, device_id: 'dev-login' });
    expect(again.error.code).toBe('unauthorized');
  });

  it('answers an unknown email exactly like a known one, and sends nothing', async () => {
    const before = (await s.dev('/mail')).length;
    const known = await s.api({ op: 'login.start', email: 'james.carter@example.com', device_id: 'dev-x' });
    expect((await s.dev('/mail')).length).toBe(before + 1);
    const unknown = await s.api({ op: 'login.start', email: 'nobody@example.com', device_id: 'dev-y' });
    expect(unknown).toEqual(known);
    expect((await s.dev('/mail')).length).toBe(before + 1);
  });
});

describe('sync', () => {
  it('writes each entry once, in order, and a re-sent batch changes nothing', async () => {
    const token = await login(EMAIL, 'dev-a');
    const now = Date.now();
    const batch = { op: 'sync', token, device_id: 'dev-a', sent_at: now, entries: [entry(1, 'work', now - 120_000), entry(2, 'break', now - 60_000), entry(3, 'work', now - 1000)] };
    const first = await s.api(batch);
    expect(first.ok).toBe(true);
    expect(first.accepted_through_seq).toBe(3);
    expect(first.results.map((r: { result: string }) => r.result)).toEqual(['accepted', 'accepted', 'accepted']);
    const again = await s.api(batch);
    expect(again.results.map((r: { result: string }) => r.result)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const log = (await rows('Log')).filter((r) => r[6] === 'dev-a');
    expect(log.map((r) => r[7])).toEqual(['1', '2', '3']);
    expect(first.current.status).toBe('work');
    expect(first.today.timeline.map((t: { status: string }) => t.status)).toEqual(['work', 'break', 'work']);
    expect(first.today.schedule).not.toBeNull();
  });

  it('refuses an entry after a gap, so entries land in order once the missing one arrives', async () => {
    const token = await login('dmitry.petrov@example.com', 'dev-gap');
    const now = Date.now();
    const late = await s.api({ op: 'sync', token, device_id: 'dev-gap', sent_at: now, entries: [entry(2, 'break', now - 1000)] });
    expect(late.results[0]).toMatchObject({ result: 'refused', code: 'conflict' });
    const both = await s.api({ op: 'sync', token, device_id: 'dev-gap', sent_at: now, entries: [entry(2, 'break', now - 1000), entry(1, 'work', now - 5000)] });
    expect(both.accepted_through_seq).toBe(2);
    expect((await rows('Log')).filter((r) => r[6] === 'dev-gap').map((r) => r[7])).toEqual(['1', '2']);
  });

  it('corrects a client clock that runs fast, and never stores a time in the future', async () => {
    const token = await login('maria.kuznetsova@example.com', 'dev-fast');
    const now = Date.now();
    const skew = 3_600_000; // the device's clock is an hour ahead
    const r = await s.api({ op: 'sync', token, device_id: 'dev-fast', sent_at: now + skew, entries: [entry(1, 'meeting', now + skew - 10_000)] });
    expect(r.results[0].result).toBe('accepted');
    expect(Math.abs(r.results[0].at - (now - 10_000))).toBeLessThan(5000);
    expect(r.results[0].at).toBeLessThanOrEqual(r.server_time);
  });

  it('keeps text from people as text: formulas, phone numbers, minus signs and mentions read back identical', async () => {
    const token = await login('emily.johnson@example.com', 'dev-text');
    const now = Date.now();
    const comments = ['=HYPERLINK("http://evil.example","click")', '+7 999 123-45-67', '-5', '@here', "'quoted", '007', 'TRUE', '2026-11-24'];
    const r = await s.api({ op: 'sync', token, device_id: 'dev-text', sent_at: now, entries: comments.map((c, i) => entry(i + 1, 'work', now - 10_000 + i, { comment: c })) });
    expect(r.accepted_through_seq).toBe(comments.length);
    const log = (await rows('Log')).filter((x) => x[6] === 'dev-text');
    expect(log.map((x) => x[10])).toEqual(comments);
  });

  it('merges two devices of one employee that were offline at the same time by corrected time', async () => {
    const phone = await login('alexey.sokolov@example.com', 'dev-phone');
    const desk = await login('alexey.sokolov@example.com', 'dev-desk');
    const now = Date.now();
    // Each device queued changes while offline; they arrive one after the other.
    await s.api({ op: 'sync', token: desk, device_id: 'dev-desk', sent_at: now, entries: [entry(1, 'work', now - 50_000), entry(2, 'lunch', now - 30_000)] });
    const r = await s.api({ op: 'sync', token: phone, device_id: 'dev-phone', sent_at: now, entries: [entry(1, 'break', now - 40_000), entry(2, 'work', now - 20_000)] });
    expect(r.today.timeline.map((t: { status: string }) => t.status)).toEqual(['work', 'break', 'lunch', 'work']);
    expect(r.current.status).toBe('work');
  });

  it('answers state with today and the statuses, writing nothing', async () => {
    const token = await login('ekaterina.popova@example.com', 'dev-state');
    const before = (await rows('Log')).length;
    const r = await s.api({ op: 'state', token });
    expect(r.ok).toBe(true);
    expect(r.today.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.statuses.length).toBeGreaterThan(3);
    expect((await rows('Log')).length).toBe(before);
  });
});

describe('bad input gets its code and changes nothing', () => {
  let token: string;
  beforeAll(async () => {
    token = await login('michael.brown@example.com', 'dev-bad');
  });
  const now = () => Date.now();
  const snapshot = async () => JSON.stringify([await rows('Log'), await rows('Devices'), await rows('Current')]);

  const cases: [string, () => unknown, string, RegExp?][] = [
    ['malformed JSON', () => '{"op": "sync", ', 'bad_request', /JSON/],
    ['an unknown op', () => ({ op: 'drop.tables' }), 'bad_request', /Unknown op/],
    ['wrong types', () => ({ op: 'sync', token, device_id: 'dev-bad', sent_at: 'now', entries: [] }), 'bad_request', /sent_at/],
    ['an unknown field', () => ({ op: 'state', token, admin: true }), 'bad_request'],
    ['an oversized batch (501 entries)', () => ({ op: 'sync', token, device_id: 'dev-bad', sent_at: now(), entries: Array.from({ length: 501 }, (_, i) => entry(i + 1, 'work', now())) }), 'bad_request', /500/],
    ['a body over 1 MB', () => ({ op: 'sync', token, device_id: 'dev-bad', sent_at: now(), entries: [entry(1, 'work', now(), { comment: 'x'.repeat(400) })], pad: 'x'.repeat(1_100_000) }), 'bad_request', /larger/],
    ['a forged token', () => ({ op: 'sync', token: token.slice(0, -4) + 'AAAA', device_id: 'dev-bad', sent_at: now(), entries: [entry(1, 'work', now())] }), 'unauthorized'],
    ['a token of another device', () => ({ op: 'sync', token, device_id: 'dev-other', sent_at: now(), entries: [entry(1, 'work', now())] }), 'unauthorized'],
    ['no token at all', () => ({ op: 'state', token: 'nonsense' }), 'unauthorized'],
  ];
  for (const [name, body, code, message] of cases) {
    it(name, async () => {
      const before = await snapshot();
      const r = await s.api(body());
      expect(r.ok).toBe(false);
      expect(r.error.code).toBe(code);
      if (message) expect(r.error.message).toMatch(message);
      expect(r.error.message).toMatch(/ \/ .*[а-яА-Я]/); // English / Russian
      expect(await snapshot()).toBe(before);
    });
  }

  it('an expired token', async () => {
    const before = await snapshot();
    s.clock.set(Date.now() + 31 * 24 * 3600 * 1000);
    try {
      const r = await s.api({ op: 'state', token });
      expect(r.error.code).toBe('unauthorized');
    } finally {
      s.clock.reset();
    }
    expect(await snapshot()).toBe(before);
  });

  it('an unknown status or an entry for another employee is refused with its code and writes no Log row', async () => {
    const logBefore = (await rows('Log')).length;
    const r = await s.api({ op: 'sync', token, device_id: 'dev-bad', sent_at: now(), entries: [entry(1, 'nap', now()), entry(2, 'work', now(), { employee_id: 'e001' })] });
    expect(r.results[0]).toMatchObject({ result: 'refused', code: 'bad_request' });
    expect(r.results[0].message).toMatch(/nap/);
    expect(r.results[1]).toMatchObject({ result: 'refused', code: 'forbidden' });
    expect((await rows('Log')).length).toBe(logBefore);
  });
});
