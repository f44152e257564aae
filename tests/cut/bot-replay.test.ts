// Replays of signed bot requests after the server forgot its nonces (CacheService lost on a restart of the
// local runtime, or evicted on Google): each request that changes something writes nothing new the second
// time, whatever the cache holds. /break, /lunch and /back are keyed by their command_id (Telegram's
// update_id, the seq of the chat's device); excuse and confirm by the violation's state.
import { describe, expect, it } from 'vitest';
import { runBotOp, runCheckBreaks } from '../../appsscript/src/gas/bot-wiring.ts';
import { nonceKey } from '../../appsscript/src/domain/bot-auth.ts';
import { UPDATE_ID_RESTART_MS } from '../../appsscript/src/services/bot-ops.ts';
import { ALERT_MAX_AGE_MS } from '../../common/bot-api.ts';
import { ANNA_CHAT, at, LEAD_CHAT_PRIVATE, MIN, office, signedBody, type Office } from '../checks/helpers.ts';

type Reply = Record<string, any>;

/** A request the bot signed at `ts`, as an attacker would capture it: the exact body and its nonce. */
function capture(fields: Record<string, unknown>, ts: number, nonce: string): { body: string; nonce: string } {
  return { body: signedBody(fields, { ts, nonce }), nonce };
}

function post(o: Office, body: string): Reply {
  const reply = runBotOp(body, o.world.clock.now()) as Reply;
  o.world.newExecution();
  return reply;
}

/** The server forgets the nonce it remembered (a restart, an eviction). */
function forgetNonce(o: Office, nonce: string): void {
  CacheService.getScriptCache().removeAll([nonceKey(nonce)]);
  o.world.newExecution();
}

const tabs = (o: Office) => ({ Log: o.rows('Log'), Current: o.rows('Current'), Devices: o.rows('Devices'), Violations: o.rows('Violations'), Audit: o.rows('Audit') });

const breakCmd = (id: number) => ({ op: 'bot.command', chat_id: ANNA_CHAT, command: 'break', command_id: id });
const backCmd = (id: number) => ({ op: 'bot.command', chat_id: ANNA_CHAT, command: 'back', command_id: id });

function workingAnna(): Office {
  const o = office({ checking: false });
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  return o;
}

describe('a replayed /break after the nonce cache is lost', () => {
  it('is still refused while the cache remembers its nonce', () => {
    const o = workingAnna();
    const sent = capture(breakCmd(501), o.moveTo(at('11:00')), 'n-break-1');
    expect(post(o, sent.body).ok).toBe(true);
    o.moveTo(at('11:01'));
    expect(post(o, sent.body).error).toMatchObject({ code: 'unauthorized', details: { reason: 'replay' } });
  });

  it('writes no second Log row, and answers with the status as it is', () => {
    const o = workingAnna();
    const sent = capture(breakCmd(501), o.moveTo(at('11:00')), 'n-break-2');
    expect(post(o, sent.body)).toMatchObject({ ok: true, current: { status: 'break', since: at('11:00') } });
    const before = tabs(o);
    expect(before.Log.filter((r) => r.status === 'break')).toHaveLength(1);

    o.moveTo(at('11:03'));
    forgetNonce(o, sent.nonce);
    const replay = post(o, sent.body);
    expect(replay).toMatchObject({ ok: true, text: 'Вы уже в статусе «Перерыв» с 11:00.', current: { status: 'break', since: at('11:00') } });
    expect(tabs(o)).toEqual(before);
  });

  it('writes nothing after she came back either: the replay cannot put her on break again', () => {
    const o = workingAnna();
    const sent = capture(breakCmd(501), o.moveTo(at('11:00')), 'n-break-3');
    post(o, sent.body);
    o.moveTo(at('11:02'));
    expect(post(o, signedBody(backCmd(502), { ts: at('11:02') })).current).toEqual({ status: 'work', since: at('11:02') });
    const before = tabs(o);

    o.moveTo(at('11:04'));
    forgetNonce(o, sent.nonce);
    expect(post(o, sent.body)).toMatchObject({ ok: true, text: 'Сейчас: Работа с 11:02.', current: { status: 'work', since: at('11:02') } });
    expect(tabs(o)).toEqual(before);
  });

  it('writes nothing when the first /break changed nothing and she switched on her page since', () => {
    // Already on break from the page: the bot's /break settles its id without an entry, so a replay after
    // she went back to work (on the page) is still a command already taken.
    const o = workingAnna();
    o.moveTo(at('11:00'));
    o.sync('e001', [{ status: 'break', at: at('11:00') }]);
    const sent = capture(breakCmd(501), o.moveTo(at('11:01')), 'n-break-4');
    expect(post(o, sent.body).text).toBe('Вы уже в статусе «Перерыв» с 11:00.');
    o.moveTo(at('11:02'));
    o.sync('e001', [{ status: 'work', at: at('11:02') }]);
    const before = tabs(o);

    o.moveTo(at('11:05'));
    forgetNonce(o, sent.nonce);
    expect(post(o, sent.body)).toMatchObject({ ok: true, current: { status: 'work', since: at('11:02') } });
    expect(tabs(o)).toEqual(before);
  });

  it('refuses a command without its command_id, so an old bot cannot reopen the hole', () => {
    const o = workingAnna();
    const now = o.moveTo(at('11:00'));
    const reply = post(o, signedBody({ op: 'bot.command', chat_id: ANNA_CHAT, command: 'break' }, { ts: now }));
    expect(reply.error).toMatchObject({ code: 'bad_request' });
    expect(reply.error.message).toContain('command_id');
    expect(o.rows('Log').filter((r) => r.status === 'break')).toHaveLength(0);
  });
});

describe('command ids after a week of silence', () => {
  it('a chat silent for a week takes a lower id (Telegram restarted its update ids), and its replay writes nothing', () => {
    const o = workingAnna();
    o.moveTo(at('11:00'));
    post(o, signedBody(breakCmd(9_000_000), { ts: at('11:00') }));
    const weekLater = at('11:00') + UPDATE_ID_RESTART_MS + 60 * MIN;
    o.moveTo(weekLater);
    const sent = capture(backCmd(1_234), weekLater, 'n-after-week');
    expect(post(o, sent.body).current).toEqual({ status: 'work', since: weekLater });
    expect(o.rows('Devices').find((r) => r.device_id === `tg-${ANNA_CHAT}`)).toMatchObject({ last_seq: 1_234 });
    const before = tabs(o);

    o.moveTo(weekLater + ALERT_MAX_AGE_MS - MIN);
    forgetNonce(o, sent.nonce);
    expect(post(o, sent.body).ok).toBe(true);
    expect(tabs(o)).toEqual(before);
  });

  it('within the week a lower id is a command already taken', () => {
    const o = workingAnna();
    o.moveTo(at('11:00'));
    post(o, signedBody(breakCmd(9_000_000), { ts: at('11:00') }));
    const before = tabs(o);
    o.moveTo(at('12:00'));
    expect(post(o, signedBody(backCmd(1_234), { ts: at('12:00') })).current).toEqual({ status: 'break', since: at('11:00') });
    expect(tabs(o)).toEqual(before);
  });
});

describe('a replayed excuse or confirm after the nonce cache is lost', () => {
  /** Anna overruns her 11:00 break; the check at 11:18 writes the violation. */
  function overrun(): { o: Office; violationId: string } {
    const o = office();
    o.moveTo(at('09:00'));
    o.sync('e001', [{ status: 'work', at: at('09:00') }]);
    o.moveTo(at('11:00'));
    o.sync('e001', [{ status: 'break', at: at('11:00') }]);
    runCheckBreaks(o.moveTo(at('11:18')));
    o.world.newExecution();
    const v = o.rows('Violations').find((r) => r.employee_id === 'e001' && r.type === 'break_overrun')!;
    return { o, violationId: String(v.id) };
  }

  for (const action of ['excuse', 'confirm'] as const) {
    it(`${action}: the same answer, no second Audit row, the violation as it was`, () => {
      const { o, violationId } = overrun();
      const sent = capture({ op: 'bot.violation', chat_id: LEAD_CHAT_PRIVATE, violation_id: violationId, action }, o.moveTo(at('11:20')), `n-${action}`);
      const first = post(o, sent.body);
      expect(first).toMatchObject({ ok: true, resolution: action === 'excuse' ? 'excused' : 'confirmed' });
      const before = tabs(o);
      expect(before.Audit.filter((r) => r.target === violationId)).toHaveLength(1);

      o.moveTo(at('11:23'));
      forgetNonce(o, sent.nonce);
      expect(post(o, sent.body)).toEqual(first);
      expect(tabs(o)).toEqual(before);
    });
  }
});
