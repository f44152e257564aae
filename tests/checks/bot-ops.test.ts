// The bot's ops on the web app, over the emulated Apps Script services and the demo office: the signature,
// age and nonce checks, pulling and acking alerts, linking a chat with a code from the employee page,
// commands, and excusing or confirming a violation (leads only, audited).
import { describe, expect, it } from 'vitest';
import { handleLinkCode, runBotOp, runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { tokenSigningKey } from '../../appsscript/src/gas/secrets.ts';
import { hmacSha256 } from '../../appsscript/src/gas/crypto.ts';
import { signToken } from '../../appsscript/src/domain/token.ts';
import { ALERT_MAX_AGE_MS } from '../../common/bot-api.ts';
import { ADMIN_CHAT, ANNA_CHAT, at, ELENA_CHAT, JAMES_CHAT, LEAD_CHAT, LEAD_CHAT_PRIVATE, MIN, office, signedBody, type Office } from './helpers.ts';

type Reply = Record<string, any>;

let updateId = 900_000_000;

/** A command carries its Telegram update_id as command_id, as the bot sends it: a fresh one unless given. */
function call(o: Office, fields: Record<string, unknown>, opts: { ts?: number; secret?: string; nonce?: string } = {}): Reply {
  const now = o.world.clock.now();
  if (fields.op === 'bot.command' && !('command_id' in fields)) fields = { ...fields, command_id: ++updateId };
  const body = signedBody(fields, { ts: opts.ts ?? now, secret: opts.secret, nonce: opts.nonce });
  const reply = runBotOp(body, now) as Reply;
  o.world.newExecution();
  return reply;
}

/** Anna overruns her 11:00 break; the check at 11:18 writes the violation and its lead-chat alert. */
function overrun(): { o: Office; violationId: string; alertId: string } {
  const o = office();
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('11:00'));
  o.sync('e001', [{ status: 'break', at: at('11:00') }]);
  runCheckBreaks(o.moveTo(at('11:18')));
  const v = o.rows('Violations').find((r) => r.employee_id === 'e001' && r.type === 'break_overrun')!;
  return { o, violationId: String(v.id), alertId: String(v.alert_id) };
}

describe('bot ops: authentication', () => {
  it('answers a correctly signed request', () => {
    const o = office();
    o.moveTo(at('09:00'));
    expect(call(o, { op: 'bot.command', chat_id: ANNA_CHAT, command: 'status' }).ok).toBe(true);
  });

  it('refuses a bad signature, a stale or future timestamp and a replayed nonce', () => {
    const o = office();
    const now = o.moveTo(at('09:00'));
    const fields = { op: 'bot.command', chat_id: ANNA_CHAT, command: 'status', command_id: 7001 };
    const bad = call(o, fields, { secret: 'not-the-secret' });
    expect(bad.error).toMatchObject({ code: 'unauthorized', details: { reason: 'bad_signature' } });
    expect(call(o, fields, { ts: now - ALERT_MAX_AGE_MS - 1000 }).error.details.reason).toBe('stale');
    expect(call(o, fields, { ts: now + ALERT_MAX_AGE_MS + 1000 }).error.details.reason).toBe('stale');

    // A captured request sent again, byte for byte, is refused: its nonce was used.
    const body = signedBody(fields, { ts: now, nonce: 'nonce-replayed-1' });
    expect((runBotOp(body, now) as Reply).ok).toBe(true);
    o.world.newExecution();
    expect((runBotOp(body, now + 1000) as Reply).error).toMatchObject({ code: 'unauthorized', details: { reason: 'replay' } });
    // A tampered field breaks the signature.
    const tampered = JSON.stringify({ ...JSON.parse(body), chat_id: JAMES_CHAT, nonce: 'nonce-replayed-2' });
    expect((runBotOp(tampered, now) as Reply).error.details.reason).toBe('bad_signature');
  });

  it('refuses every op while the shared secret is not configured', () => {
    const o = office();
    PropertiesService.getScriptProperties().deleteProperty('BOT_SHARED_SECRET');
    expect(call(o, { op: 'bot.alerts.pull', limit: 10 }).error.code).toBe('forbidden');
  });

  it('checks the request after the signature: unknown fields and bad values are bad requests', () => {
    const o = office();
    expect(call(o, { op: 'bot.alerts.pull', limit: 1000 }).error.code).toBe('bad_request');
    expect(call(o, { op: 'bot.command', chat_id: ANNA_CHAT, command: 'status', extra: 1 }).error.code).toBe('bad_request');
    expect(call(o, { op: 'bot.nothing' }).error.code).toBe('bad_request');
  });
});

describe('bot ops: alerts', () => {
  it('pulls pending alerts oldest first, leases them, and an ack marks them sent', () => {
    const { o, alertId, violationId } = overrun();
    const first = call(o, { op: 'bot.alerts.pull', limit: 100 });
    expect(first.ok).toBe(true);
    const created = first.alerts.map((a: Reply) => a.created_at);
    expect(created).toEqual([...created].sort((a, b) => a - b));
    const mine = first.alerts.find((a: Reply) => a.alert_id === alertId);
    expect(mine).toMatchObject({ kind: 'violation', chat_id: LEAD_CHAT, buttons: [{ data: `v:${violationId}:excuse` }, { data: `v:${violationId}:confirm` }] });

    // Leased: a second pull (or a push) does not hand them out again while the bot delivers them.
    expect(call(o, { op: 'bot.alerts.pull', limit: 100 }).alerts).toEqual([]);
    const ack = call(o, { op: 'bot.alerts.ack', receipts: first.alerts.map((a: Reply) => ({ alert_id: a.alert_id, delivered: a.alert_id === alertId })) });
    expect(ack.settled).toMatchObject({ sent: 1, retried: first.alerts.length - 1 });
    const row = o.rows('Outbox').find((r) => r.alert_id === alertId)!;
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });

    // The failed ones come back after their backoff; the sent one never does.
    o.moveTo(at('11:18') + 2 * MIN);
    const again = call(o, { op: 'bot.alerts.pull', limit: 100 });
    expect(again.alerts.length).toBe(first.alerts.length - 1);
    expect(again.alerts.some((a: Reply) => a.alert_id === alertId)).toBe(false);
  });
});

describe('bot ops: linking a chat', () => {
  it('links the chat of the employee whose page asked for the code, once', () => {
    const o = office({ linkChats: false });
    const now = o.moveTo(at('09:00'));
    const token = signToken({ employeeId: 'e004', deviceId: 'pc-1', expiresAt: now + 3600_000, tokenVersion: 0 }, tokenSigningKey(), hmacSha256);
    const { code, expires_in_s } = handleLinkCode({ token }, now);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(expires_in_s).toBe(600);
    o.world.newExecution();

    const linked = call(o, { op: 'bot.link', code: code.toLowerCase(), chat_id: '987654' });
    expect(linked).toMatchObject({ ok: true, employee_name: 'James Carter', lang: 'en' });
    expect(o.rows('Employees').find((r) => r.id === 'e004')!.telegram_chat_id).toBe('987654');
    // The reference cache forgot the old row: the bot can use the chat at once.
    expect(call(o, { op: 'bot.command', chat_id: '987654', command: 'status' }).ok).toBe(true);
    // A code works once.
    expect(call(o, { op: 'bot.link', code, chat_id: '987654' }).error.code).toBe('not_found');
  });

  it('refuses an expired code', () => {
    const o = office({ linkChats: false });
    const now = o.moveTo(at('09:00'));
    const token = signToken({ employeeId: 'e004', deviceId: 'pc-1', expiresAt: now + 3600_000, tokenVersion: 0 }, tokenSigningKey(), hmacSha256);
    const { code } = handleLinkCode({ token }, now);
    o.moveTo(now + 11 * MIN);
    expect(call(o, { op: 'bot.link', code, chat_id: '987654' }).error.code).toBe('not_found');
  });
});

describe('bot ops: commands', () => {
  it('switches status with a bot entry through the ingest path, its device\'s seq being the command\'s update_id', () => {
    const o = office();
    o.moveTo(at('09:00'));
    const work = call(o, { op: 'bot.command', chat_id: ANNA_CHAT, command: 'back', command_id: 5001 });
    expect(work).toMatchObject({ ok: true, text: 'Готово: Работа с 09:00.', current: { status: 'work', since: at('09:00') } });
    o.moveTo(at('11:00'));
    // Update ids of other chats come in between: gaps are normal for a bot chat's device.
    expect(call(o, { op: 'bot.command', chat_id: ANNA_CHAT, command: 'break', command_id: 5007 }).current).toEqual({ status: 'break', since: at('11:00') });
    expect(call(o, { op: 'bot.command', chat_id: ANNA_CHAT, command: 'break', command_id: 5009 }).text).toBe('Вы уже в статусе «Перерыв» с 11:00.');

    const log = o.rows('Log').filter((r) => r.employee_id === 'e001');
    expect(log.map((r) => [r.status, r.source, r.device_id, r.seq])).toEqual([
      ['work', 'bot', `tg-${ANNA_CHAT}`, 5001],
      ['break', 'bot', `tg-${ANNA_CHAT}`, 5007],
    ]);
    // The command that changed nothing settled its id too, so a replay of it can never act later.
    expect(o.rows('Devices').find((r) => r.device_id === `tg-${ANNA_CHAT}`)).toMatchObject({ employee_id: 'e001', last_seq: 5009 });
    expect(call(o, { op: 'bot.command', chat_id: ANNA_CHAT, command: 'status' }).text).toBe('Сейчас: Перерыв с 11:00.');
  });

  it('answers today\'s schedule in the employee\'s language', () => {
    const o = office();
    o.moveTo(at('08:00'));
    const r = call(o, { op: 'bot.command', chat_id: JAMES_CHAT, command: 'schedule' });
    expect(r.text.split('\n')[0]).toBe("Today's shift: 09:00–18:00");
    expect(r.schedule.shift_start).toBe(at('09:00'));
  });

  it('shows a lead who is where in their group, and refuses the board to an employee', () => {
    const o = office();
    o.moveTo(at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }]);
    const board = call(o, { op: 'bot.command', chat_id: LEAD_CHAT_PRIVATE, command: 'who' });
    expect(board.text.split('\n')[0]).toBe('support-l1:');
    expect(board.text).toContain('• Анна Иванова: Работа с 09:00');
    expect(board.text).not.toContain('Елена Морозова'); // support-l2 is not his group
    expect(call(o, { op: 'bot.command', chat_id: JAMES_CHAT, command: 'who' }).error.code).toBe('forbidden');
    expect(call(o, { op: 'bot.command', chat_id: '999', command: 'status' }).error).toMatchObject({ code: 'unauthorized', details: { reason: 'not_linked' } });
  });
});

describe('bot ops: excusing and confirming a violation', () => {
  it('refuses an employee and a lead of another group, and changes nothing', () => {
    const { o, violationId } = overrun();
    const auditBefore = o.rows('Audit').length;
    expect(call(o, { op: 'bot.violation', chat_id: JAMES_CHAT, violation_id: violationId, action: 'excuse' }).error.code).toBe('forbidden');
    expect(call(o, { op: 'bot.violation', chat_id: ELENA_CHAT, violation_id: violationId, action: 'excuse' }).error.code).toBe('forbidden');
    expect(o.rows('Violations').find((r) => r.id === violationId)!.resolution).toBe('open');
    expect(o.rows('Audit').length).toBe(auditBefore);
  });

  it('lets the group\'s lead excuse it, audited, and a second decision is a conflict', () => {
    const { o, violationId } = overrun();
    o.moveTo(at('11:30'));
    const r = call(o, { op: 'bot.violation', chat_id: LEAD_CHAT_PRIVATE, violation_id: violationId, action: 'excuse' });
    expect(r).toMatchObject({ ok: true, resolution: 'excused', text: 'Принято как уважительное: Превышение перерыва, Анна Иванова.' });
    expect(o.rows('Violations').find((r) => r.id === violationId)).toMatchObject({ resolution: 'excused', resolved_by: 'dmitry.petrov@example.com' });
    const audit = o.rows('Audit');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'dmitry.petrov@example.com', action: 'violation.excuse', target: violationId });
    expect(JSON.parse(String(audit[0].before))).toEqual({ resolution: 'open', resolved_by: '', note: '' });
    expect(JSON.parse(String(audit[0].after))).toEqual({ resolution: 'excused', resolved_by: 'dmitry.petrov@example.com', note: '' });
    expect((audit[0].at as Date).getTime()).toBe(at('11:30'));

    // Pressed again: the same answer, nothing new. The admin confirming it afterwards: a conflict.
    expect(call(o, { op: 'bot.violation', chat_id: LEAD_CHAT_PRIVATE, violation_id: violationId, action: 'excuse' }).resolution).toBe('excused');
    expect(call(o, { op: 'bot.violation', chat_id: ADMIN_CHAT, violation_id: violationId, action: 'confirm' }).error.code).toBe('conflict');
    expect(o.rows('Audit')).toHaveLength(1);
  });

  it('says not_found for an unknown violation', () => {
    const { o } = overrun();
    expect(call(o, { op: 'bot.violation', chat_id: LEAD_CHAT_PRIVATE, violation_id: 'V-20261124-zzzzzz', action: 'confirm' }).error.code).toBe('not_found');
  });
});
