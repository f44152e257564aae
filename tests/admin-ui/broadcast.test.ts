// @vitest-environment happy-dom
// The Broadcast dialog against a fake google.script.run: what a composed message asks broadcast.preview
// (texts, audience, channels, a time in the spreadsheet's zone) and how the preview is drawn; Send asks
// first and sends the same with a request id, then opens the delivery report (counts, a row per person and
// channel, a reason in the page's language); a problem the server finds is shown at its field; a past
// broadcast opens its report; a lead's dialog speaks of their groups.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../appsscript/ui/features/Broadcast/broadcast-screen.ts';
import type { AdmBroadcast } from '../../appsscript/ui/features/Broadcast/broadcast-screen.ts';
import { setLang } from '../../appsscript/ui/i18n/locale.ts';
import type { AdminReply, BroadcastRecord, BroadcastRecipientRow, Viewer } from '../../common/admin-api.ts';
import { $, $all, clear, textOf } from '../client/ui-helpers.ts';
import { ADMIN, FakeScriptRun, LEAD, fail, flush, group, ok } from './fake-script-run.ts';
import { click, mountPage, type } from './interact.ts';

const ZONE = 'Europe/Moscow';
const SENT_AT = Date.parse('2026-12-02T10:01:00+03:00');

function recipient(over: Partial<BroadcastRecipientRow>): BroadcastRecipientRow {
  return { employee_id: 'e001', name: 'Анна Иванова', group: 'support', channel: 'telegram', status: 'sent', error: '', sent_at: SENT_AT, retry_at: null, ...over };
}

function record(over: Partial<BroadcastRecord> = {}): BroadcastRecord {
  return {
    id: 'b1',
    created_at: Date.parse('2026-12-02T10:00:00+03:00'),
    author: 'olga@example.com',
    text_ru: 'Собрание в 15:00',
    text_en: 'Meeting at 15:00',
    audience: { groups: ['support'] },
    channels: ['telegram', 'email'],
    at: null,
    state: 'sending',
    recipients: 3,
    ...over,
  };
}

const PREVIEW: AdminReply<'broadcast.preview'> = {
  people: 3,
  reach: { telegram: 2, email: 3 },
  languages: { ru: 2, en: 1 },
  unreachable: [recipient({ employee_id: 'e004', name: 'James Carter', channel: 'telegram', status: 'unreachable', error: 'no Telegram chat linked / Telegram не привязан', sent_at: null })],
  at: null,
  time_zone: ZONE,
};

const REPORT_ROWS: BroadcastRecipientRow[] = [
  recipient({}),
  recipient({ channel: 'email' }),
  recipient({ employee_id: 'e002', name: 'Мария Кузнецова', status: 'failed', error: 'Forbidden: bot was blocked by the user / Бот заблокирован', sent_at: null, retry_at: Date.parse('2026-12-02T10:05:00+03:00') }),
  recipient({ employee_id: 'e004', name: 'James Carter', status: 'unreachable', error: 'no Telegram chat linked / Telegram не привязан', sent_at: null }),
];

function report(over: Partial<AdminReply<'broadcast.report'>> = {}): AdminReply<'broadcast.report'> {
  return { broadcast: record(), counts: { sent: 2, failed: 1, pending: 0, unreachable: 1 }, rows: REPORT_ROWS, done: true, time_zone: ZONE, ...over };
}

let fake: FakeScriptRun;
const open = () => mountPage<AdmBroadcast>('adm-broadcast');

function install(viewer: Viewer = ADMIN, past: BroadcastRecord[] = []): void {
  fake = new FakeScriptRun()
    .on('groups.list', () => ok('groups.list', { rows: viewer.groups.map((name) => group({ name })), rule_sets: ['default'], viewer }))
    .on('broadcast.list', () => ok('broadcast.list', { rows: past, viewer, time_zone: ZONE }))
    .on('broadcast.preview', (p) => ok('broadcast.preview', { ...PREVIEW, at: p.at ?? null }))
    .on('broadcast.send', () => ok('broadcast.send', { id: 'b1', state: 'sending', counts: { sent: 0, failed: 0, pending: 2, unreachable: 1 }, recipients: 3 }))
    .on('broadcast.report', () => ok('broadcast.report', report()))
    .install();
}

/** Writes the message to the support group by Telegram and e-mail. */
async function compose(el: HTMLElement): Promise<void> {
  type(el, '#text_ru', '  Собрание в 15:00 ');
  type(el, '#text_en', 'Meeting at 15:00');
  $<HTMLInputElement>(el, 'input[name="audience"][value="groups"]').click();
  await flush();
  $<HTMLInputElement>(el, '#group-support').click();
  $<HTMLInputElement>(el, '#ch-email').click();
  await flush();
}

beforeEach(() => {
  setLang('en');
  install();
});
afterEach(() => clear());

describe('Broadcast: compose and preview', () => {
  it('asks who a message reaches with its texts, audience and channels, and shows the answer', async () => {
    const el = await open();
    expect(fake.callsOf('groups.list')).toEqual([{}]);
    expect(textOf($(el, '.panel'))).toBe('Check who gets it first.');
    await compose(el);
    await click(el, 'button.check');
    expect(fake.callsOf('broadcast.preview')).toEqual([{ text_ru: 'Собрание в 15:00', text_en: 'Meeting at 15:00', audience: { groups: ['support'] }, channels: ['telegram', 'email'] }]);
    const panel = $(el, '.panel.preview');
    expect(textOf($(panel, '.big'))).toBe('3 people');
    expect($all(panel, '.chip').map((c) => textOf(c))).toEqual(['2 by Telegram', '3 by e-mail', '2 in Russian', '1 in English']);
    // textOf puts a space between text nodes: "Telegram" and ": …" are two.
    const unreachable = () => textOf($(el, '.panel.preview ul.unreachable')).replace(' :', ':');
    expect(unreachable()).toBe('James Carter · support — Telegram: no Telegram chat linked');
    setLang('ru');
    await flush();
    expect(unreachable()).toBe('James Carter · support — Telegram: Telegram не привязан');
  });

  it('a list of people by e-mail, everyone on shift, or everyone: the audience each sends', async () => {
    const el = await open();
    type(el, '#text_en', 'Hello');
    $<HTMLInputElement>(el, 'input[name="audience"][value="emails"]').click();
    await flush();
    type(el, '#emails', 'anna@example.com\njames@example.com, maria@example.com;');
    await click(el, 'button.check');
    $<HTMLInputElement>(el, 'input[name="audience"][value="on_shift"]').click();
    await click(el, 'button.check');
    $<HTMLInputElement>(el, 'input[name="audience"][value="all"]').click();
    await click(el, 'button.check');
    expect(fake.callsOf('broadcast.preview').map((p) => p.audience)).toEqual([
      { emails: ['anna@example.com', 'james@example.com', 'maria@example.com'] },
      { on_shift: true },
      { all: true },
    ]);
  });

  it('a time to send is the spreadsheet\'s time, sent as the moment it names', async () => {
    const el = await open();
    await compose(el);
    $all<HTMLInputElement>(el, 'input[name="when"]')[1].click();
    await flush();
    expect(textOf($(el, '#at-zone'))).toBe(`Times in ${ZONE}, the spreadsheet's time zone.`);
    type(el, '#at', '2026-12-03T15:30');
    await click(el, 'button.check');
    expect(fake.callsOf('broadcast.preview')[0].at).toBe(Date.parse('2026-12-03T15:30:00+03:00'));
    expect(textOf($(el, 'button.send'))).toBe('Schedule');
  });

  it('a message without text is shown at its field before any call; the server\'s problem with the audience at the audience', async () => {
    fake.on('broadcast.preview', () =>
      fail('bad_request', 'Nobody by that address / Нет такого адреса', { fields: [{ field: 'audience.emails[1]', message: 'nobody by that address / нет сотрудника с таким адресом' }] }),
    );
    setLang('ru');
    const el = await open();
    await click(el, 'button.check');
    expect($(el, '#text_ru').getAttribute('aria-invalid')).toBe('true');
    expect($all(el, '[data-field="text_ru"] .field-error')).toHaveLength(1);
    expect(fake.callsOf('broadcast.preview')).toEqual([]);

    type(el, '#text_ru', 'Привет');
    $<HTMLInputElement>(el, 'input[name="audience"][value="emails"]').click();
    await flush();
    type(el, '#emails', 'anna.ivanova@example.com, nobody@example.com');
    await click(el, 'button.check');
    expect(fake.callsOf('broadcast.preview')).toHaveLength(1);
    expect(textOf($(el, 'fieldset .field-error[role="alert"]'))).toBe('⚠ Нет сотрудника с таким адресом');
    expect($all(el, '.panel.preview')).toEqual([]);
  });
});

describe('Broadcast: send and the delivery report', () => {
  it('asks before sending, sends what was previewed with a request id, then shows the report', async () => {
    const el = await open();
    await compose(el);
    await click(el, 'button.check');
    await click(el, 'button.send');
    expect(textOf($(el, 'adm-confirm'))).toContain('Send this message to 3 people now? It cannot be taken back.');
    expect(fake.callsOf('broadcast.send')).toEqual([]);
    await click(el, 'adm-confirm button.confirm');
    await flush();

    const [sent] = fake.callsOf('broadcast.send');
    expect(sent).toEqual({ ...fake.callsOf('broadcast.preview')[0], request_id: expect.stringMatching(/^[\w-]{8,64}$/) });
    expect(fake.callsOf('broadcast.report')).toEqual([{ id: 'b1' }]);
    // The past list is read again with the new broadcast in it.
    expect(fake.callsOf('broadcast.list').length).toBeGreaterThanOrEqual(2);

    expect(textOf($(el, 'h2'))).toBe('Delivery report');
    expect(textOf($(el, '.message'))).toBe('Meeting at 15:00');
    expect(textOf($(el, '.state-line'))).toContain('olga@example.com · groups: support · Telegram, E-mail');
    // A failed one is tried again: the report says so, not "finished".
    expect(textOf($(el, '.state-line'))).toContain('the failed ones are tried again later');
    expect($all(el, '.tiles .tile').map((t) => textOf(t))).toEqual(['2 Sent', '1 Failed', '0 Waiting', '1 Not reachable']);
    const rows = $all(el, 'adm-data-table tbody tr').map((tr) => textOf(tr));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toBe('Анна Иванова support Telegram sent 10:01');
    expect(rows[1]).toBe('Анна Иванова support E-mail sent 10:01');
    expect(rows[2]).toMatch(/^Мария Кузнецова support Telegram failed Forbidden: bot was blocked by the user tried again at .*10:05$/);
    expect(rows[3]).toBe('James Carter support Telegram not reachable no Telegram chat linked');

    // Back to a new message: the form is empty again.
    await click(el, 'button.new');
    expect($<HTMLTextAreaElement>(el, '#text_en').value).toBe('');
  });

  it('a change after the preview is checked again before the confirm step', async () => {
    const el = await open();
    await compose(el);
    await click(el, 'button.check');
    type(el, '#text_en', 'Meeting at 16:00');
    await click(el, 'button.send');
    expect(fake.callsOf('broadcast.preview').map((p) => p.text_en)).toEqual(['Meeting at 15:00', 'Meeting at 16:00']);
    $<HTMLElement>(el, 'adm-confirm button.confirm').click();
    await flush();
    expect(fake.callsOf('broadcast.send')[0].text_en).toBe('Meeting at 16:00');
  });

  it('a past broadcast opens its report; a scheduled one says when it goes', async () => {
    const at = Date.parse('2026-12-03T15:30:00+03:00');
    install(ADMIN, [record({ id: 'b2', at, state: 'scheduled' }), record()]);
    fake.on('broadcast.report', (p) => ok('broadcast.report', report({ broadcast: record({ id: p.id, at, state: 'scheduled' }), counts: { sent: 0, failed: 0, pending: 3, unreachable: 0 }, rows: [], done: false })));
    const el = await open();
    const past = $all(el, 'ol.past li').map((li) => textOf(li));
    expect(past[0]).toMatch(/Meeting at 15:00 scheduled Report$/);
    expect(past[1]).toMatch(/Meeting at 15:00 sending Report$/);
    await click(el, 'ol.past li button.open');
    expect(fake.callsOf('broadcast.report')).toEqual([{ id: 'b2' }]);
    expect(textOf($(el, '.state-line'))).toContain('Scheduled for 03/12/2026, 15:30.');
    expect($all(el, '.tiles .tile').map((t) => textOf(t))).toEqual(['0 Sent', '0 Failed', '3 Waiting', '0 Not reachable']);
  });
});

describe('Broadcast: a lead', () => {
  it('offers everyone in the lead\'s groups and only those groups', async () => {
    install(LEAD);
    const el = await open();
    const labels = $all(el, '.radios[role="radiogroup"]')[0];
    expect(textOf(labels)).toBe('Everyone in my groups Groups On shift now A list of people');
    $<HTMLInputElement>(el, 'input[name="audience"][value="groups"]').click();
    await flush();
    expect($all<HTMLInputElement>(el, '.groups input[type="checkbox"]').map((c) => c.id)).toEqual(['group-support']);
  });
});
