// The bot's /break cut after every one of its service calls, then retried the two ways it happens: the bot
// sends the same command again (same command_id, a fresh nonce and ts), or the employee, told the server
// was unavailable, types /break again (a new update, a new command_id). Either way Log holds one break of
// the chat's device, Current says break since that entry, and Devices has taken the command ids.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runBotOp } from '../../appsscript/src/gas/bot-wiring.ts';
import { ANNA_CHAT, at, office, signedBody, type Office } from '../checks/helpers.ts';
import { cutAtEveryCall } from './harness.ts';

const DEVICE = `tg-${ANNA_CHAT}`;
const FIRST = 700_000_101;
const AGAIN = 700_000_107;

type Reply = Record<string, any>;

/** Anna has worked since 09:00 (from her page); at 11:00 she sends /break to the bot. */
function build(): Office {
  const o = office({ checking: false });
  o.moveTo(at('09:00'));
  o.sync('e001', [{ status: 'work', at: at('09:00') }]);
  o.moveTo(at('11:00'));
  // The reference data cached, as in a running office.
  command(o, 'status', FIRST - 50);
  o.world.newExecution();
  return o;
}

function command(o: Office, name: string, commandId: number): Reply {
  const now = o.world.clock.now();
  return runBotOp(signedBody({ op: 'bot.command', chat_id: ANNA_CHAT, command: name, command_id: commandId }, { ts: now }), now) as Reply;
}

function later(o: Office): void {
  o.world.clock.set(at('11:00') + 20_000, { frozen: true });
}

function outcome(o: Office) {
  const mine = o.rows('Log').filter((r) => r.device_id === DEVICE);
  const current = o.rows('Current').find((r) => r.employee_id === 'e001')!;
  const timeline = JSON.parse(String(current.timeline)) as { entry_id: string; status: string; at: number }[];
  return {
    breaks: mine.map((r) => ({ status: r.status, at: (r.at as Date).getTime(), seq: r.seq, entry_id: r.entry_id })),
    current: { status: current.status, since: (current.since as Date).getTime() },
    timeline,
    lastSeq: o.rows('Devices').find((r) => r.device_id === DEVICE)!.last_seq,
  };
}

function expectOneBreak(o: Office, lastSeq: number): void {
  const r = outcome(o);
  expect(r.breaks).toHaveLength(1);
  const [entry] = r.breaks;
  expect(entry).toMatchObject({ status: 'break' });
  // Taken at the first attempt (its Log row survived the cut) or at the retry: either is the one break.
  expect([at('11:00'), at('11:00') + 20_000]).toContain(entry.at);
  expect(r.current).toEqual({ status: 'break', since: entry.at });
  expect(r.timeline.filter((e) => e.entry_id === entry.entry_id)).toHaveLength(1);
  expect(r.timeline.map((e) => e.status)).toEqual(['work', 'break']);
  expect(r.lastSeq).toBe(lastSeq);
}

describe('the bot\'s /break, cut after every service call', () => {
  // A cut execution is logged by the server as an internal error; not noise worth printing here.
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));

  it('then sent again by the bot (the same command_id): one break', () => {
    const tried = cutAtEveryCall({
      build,
      run: (o) => command(o, 'break', FIRST),
      retry: (o) => {
        later(o);
        const reply = command(o, 'break', FIRST);
        expect(reply).toMatchObject({ ok: true, current: { status: 'break' } });
      },
      check: (o) => expectOneBreak(o, FIRST),
    });
    expect(tried).toBeGreaterThan(15);
  });

  it('then typed again by the employee (a new update): one break, and the second command settled', () => {
    cutAtEveryCall({
      build,
      run: (o) => command(o, 'break', FIRST),
      retry: (o) => {
        later(o);
        const reply = command(o, 'break', AGAIN);
        expect(reply).toMatchObject({ ok: true, current: { status: 'break' } });
      },
      check: (o) => expectOneBreak(o, AGAIN),
    });
  });
});
