// End to end, with nothing faked but Telegram: the compiled bundle in the local runtime with its HTTP
// server, the real bot (grammY) pointed at a fake Bot API server on loopback, alerts both pushed by the
// checkBreaks trigger to the bot's intake and pulled by the bot. The demo employee (Анна Иванова, group
// support-l1) overruns her first planned break; the lead chat of her group must get exactly one message
// about it, and the lead's 'excuse' button must resolve it in the workbook and in the chat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import type { ChatRef, FakeMessage } from '../bot/fake-telegram.ts';
import { addMinutes, groupChatIdFromBot, plannedBreaks, startEndToEnd, type EndToEnd } from './harness.ts';

const ANNA_EMAIL = 'anna.ivanova@example.com';
const ANNA_TG: User = { id: 710_001, is_bot: false, first_name: 'Анна', language_code: 'ru' };
const LEAD_TG: User = { id: 710_002, is_bot: false, first_name: 'Дмитрий', language_code: 'ru' };
const LEAD_CHAT: ChatRef = { id: -1_001_234_567_890, type: 'supergroup', title: 'Support L1 leads' };
/** The trigger's interval (Settings check_interval_minutes is left at its default). */
const CHECK_EVERY_MIN = 5;

let e2e: EndToEnd;
let anna: { id: string; name: string; group: string; token: string; seq: number };
let lead: { id: string; email: string; token: string };
/** Today's first planned break of hers and how long it may last, from the Schedule and Rules tabs. */
let plan: { shiftStart: string; breakStart: string; minutes: number; grace: number };
/** Telegram calls made before the catch-up run: only later messages can be alerts. */
let callsBeforeChecks = 0;

const isHerOverrun = (text: string) => text.includes('Break overrun') && text.includes(anna.name);
const herOverrunRows = () => e2e.tab('Violations').filter((v) => v.employee_id === anna.id && v.type === 'break_overrun' && v.date === e2e.today);

async function sync(status: string, at: number): Promise<void> {
  anna.seq += 1;
  const r = await e2e.server.api({
    op: 'sync',
    token: anna.token,
    device_id: 'anna-phone',
    sent_at: at,
    entries: [{ seq: anna.seq, entry_id: `e2e-${anna.seq}-${status}`, status, at }],
  });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  expect(r.accepted_through_seq).toBe(anna.seq);
}

/** One trigger run at `time` today, plus a pull by the bot. `together` runs them at once (push vs pull race). */
async function checkAt(time: string, together = false): Promise<void> {
  e2e.setClock(e2e.at(time));
  if (together) {
    await Promise.all([e2e.run('checkBreaks'), e2e.bot.puller.pullOnce()]);
    return;
  }
  const report = await e2e.run('checkBreaks');
  // bot_url is set: every run pushes what is due, and the bot takes every push.
  expect(report.delivery, `checkBreaks at ${time}: ${JSON.stringify(report)}`).not.toBeNull();
  expect(report.delivery.retried + report.delivery.failed).toBe(0);
  await e2e.bot.puller.pullOnce();
}

beforeAll(async () => {
  e2e = await startEndToEnd();
  const people = e2e.tab('Employees');
  const a = people.find((p) => p.email === ANNA_EMAIL)!;
  const group = e2e.tab('Groups').find((g) => g.name === a.group)!;
  const l = people.find((p) => String(group.lead_emails).split(/[,;\s]+/).includes(String(p.email)) && p.role === 'lead')!;
  const shift = e2e.tab('Schedule').find((s) => s.employee_id === a.id && s.date === e2e.today)!;
  expect(shift, `the demo employee has a shift on ${e2e.today}`).toBeTruthy();
  const firstBreak = plannedBreaks(String(shift.breaks)).find((b) => b.status === 'break')!;
  const rule = e2e.tab('Rules').find((r) => r.rule_set === group.rule_set && r.status === 'break')!;
  plan = { shiftStart: String(shift.shift_start), breakStart: firstBreak.start, minutes: firstBreak.minutes, grace: Number(rule.grace_minutes) };

  // Her shift starts: she signs in on the employee page and starts working.
  e2e.setClock(e2e.at(plan.shiftStart));
  anna = { id: String(a.id), name: String(a.name), group: String(a.group), token: await e2e.signIn(ANNA_EMAIL, 'anna-phone'), seq: 0 };
  await sync('work', e2e.at(plan.shiftStart));
  lead = { id: String(l.id), email: String(l.email), token: await e2e.signIn(String(l.email), 'lead-pc') };
});

afterAll(async () => {
  await e2e?.close();
});

describe('a break overrun, from the employee page to the lead chat and back', () => {
  it('links the lead and the employee through /start CODE, and the group chat through the Groups tab', async () => {
    await e2e.linkChat(LEAD_TG, lead.token);
    await e2e.linkChat(ANNA_TG, anna.token);
    const linked = new Map(e2e.tab('Employees').map((p) => [p.id, String(p.telegram_chat_id)]));
    expect(linked.get(lead.id)).toBe(String(LEAD_TG.id));
    expect(linked.get(anna.id)).toBe(String(ANNA_TG.id));

    // The admin adds the bot to the leads' group chat, asks its id with /start, and types it into Groups
    // (Sheets stores the typed -100... as a number); the bot's intake goes into Settings bot_url.
    const chatId = await groupChatIdFromBot(e2e, LEAD_TG, LEAD_CHAT);
    expect(chatId).toBe(String(LEAD_CHAT.id));
    await e2e.editCell('Groups', 'name', anna.group, 'telegram_chat_id', Number(chatId));
    await e2e.addSetting('bot_url', e2e.intakeUrl);
  });

  it('alerts the lead chat exactly once about her overrun, however often the trigger runs and the bot pulls', async () => {
    // The catch-up run, ten minutes before her break. Every shift of the demo team (09:00 and 10:00) has
    // started by then, so the late starts of colleagues who never signed in are recorded now, by the first
    // run, which alerts no one. That is how this test keeps other people's violations out of the lead
    // chat: the clock is chosen so the catch-up absorbs them. The assertions below are still on the
    // overrun message specifically, and separately on the chat receiving nothing else.
    callsBeforeChecks = e2e.tg.calls.length;
    e2e.setClock(e2e.at(addMinutes(plan.breakStart, -10)));
    const catchUp = await e2e.run('checkBreaks');
    expect(catchUp.violations_new).toBeGreaterThan(0); // the colleagues' late starts it absorbed
    await e2e.bot.puller.pullOnce();
    expect(e2e.sentTo(LEAD_CHAT.id, callsBeforeChecks)).toEqual([]);

    // She goes on her planned break on time (sync through the web app), then stays away.
    e2e.setClock(e2e.at(plan.breakStart));
    await sync('break', e2e.at(plan.breakStart));

    const allowed = plan.minutes + plan.grace;
    let overrunSeenAt: string | null = null;
    let lastCheck = 0;
    for (let m = CHECK_EVERY_MIN; m <= allowed + 3 * CHECK_EVERY_MIN; m += CHECK_EVERY_MIN) {
      lastCheck = m;
      const time = addMinutes(plan.breakStart, m);
      const over = m > allowed;
      // The first run past the limit races a pull against the trigger's push: still one message.
      await checkAt(time, over && overrunSeenAt === null);
      const herMessages = e2e.sentTo(LEAD_CHAT.id, callsBeforeChecks).filter(isHerOverrun);
      if (!over) expect(herMessages, `no overrun yet at ${time}`).toEqual([]);
      else {
        overrunSeenAt ??= time;
        expect(herMessages, `one message about the overrun at ${time}`).toHaveLength(1);
      }
    }
    expect(overrunSeenAt).toBe(addMinutes(plan.breakStart, (Math.floor(allowed / CHECK_EVERY_MIN) + 1) * CHECK_EVERY_MIN));

    // Exactly one message about this overrun reached the lead chat, and nothing else did.
    const toLeads = e2e.sentTo(LEAD_CHAT.id, callsBeforeChecks);
    expect(toLeads.filter(isHerOverrun)).toHaveLength(1);
    expect(toLeads).toHaveLength(1);
    expect(toLeads[0]).toContain(`${anna.name} · ${anna.group} · ${e2e.today}`);
    // Her own reminders went to her chat, never to the leads.
    const toHer = e2e.sentTo(ANNA_TG.id, callsBeforeChecks);
    expect(toHer.length).toBeGreaterThanOrEqual(2); // "ends soon" and "you are over"
    expect(toHer.some(isHerOverrun)).toBe(false);

    // One Violations row for it, still open and still growing while she is away; its alert was sent once.
    const rows = herOverrunRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ resolution: 'open', resolved_by: '' });
    expect(Number(rows[0].over_minutes)).toBe(lastCheck - allowed);
    const outbox = e2e.tab('Outbox').filter((o) => o.alert_id === rows[0].alert_id);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ kind: 'violation', target: String(LEAD_CHAT.id), status: 'sent' });
  });

  it("the lead's 'excuse' button resolves it in the workbook and edits the message", async () => {
    const [violation] = herOverrunRows();
    const message = e2e.tg.messages(LEAD_CHAT.id).find((m) => isHerOverrun(m.text))!;
    const excuse = `v:${String(violation.id)}:excuse`;
    expect(message.reply_markup?.inline_keyboard.flat().map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual([excuse, `v:${String(violation.id)}:confirm`]);
    const original = message.text;
    const auditBefore = e2e.tab('Audit').length;

    e2e.tg.userPresses(LEAD_TG, message, excuse);
    const edited: FakeMessage = await e2e.tg.waitFor(() => (message.history.length > 0 && message.reply_markup === undefined ? message : null), 15_000);
    expect(edited.history).toEqual([original]);
    expect(edited.text.startsWith(original)).toBe(true);
    expect(edited.text.length).toBeGreaterThan(original.length);
    const answered = e2e.tg.callsTo('answerCallbackQuery').at(-1)!;
    expect(answered.payload.show_alert).toBeUndefined(); // a refusal would be a pop-up

    const [after] = herOverrunRows();
    expect(after).toMatchObject({ id: violation.id, resolution: 'excused', resolved_by: lead.email });
    const audit = e2e.tab('Audit').slice(auditBefore);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: lead.email, action: 'violation.excuse', target: violation.id });

    // She comes back; the trigger keeps running. The row is finished in place, keeps the lead's decision,
    // and the lead chat hears nothing more.
    const back = addMinutes(plan.breakStart, plan.minutes + plan.grace + 3 * CHECK_EVERY_MIN + 2);
    e2e.setClock(e2e.at(back));
    await sync('work', e2e.at(back));
    for (const m of [1, 1 + CHECK_EVERY_MIN]) await checkAt(addMinutes(back, m));
    const final = herOverrunRows();
    expect(final).toHaveLength(1);
    expect(final[0]).toMatchObject({ resolution: 'excused', resolved_by: lead.email });
    expect(Number(final[0].over_minutes)).toBe(3 * CHECK_EVERY_MIN + 2);
    expect(String(final[0].actual)).toContain(back);
    expect(e2e.sentTo(LEAD_CHAT.id, callsBeforeChecks)).toHaveLength(1);
    expect(e2e.botLog.filter((l) => l.level === 'error')).toEqual([]);
  });
});
