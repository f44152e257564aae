// End to end, with nothing faked but Telegram (tests/e2e-bot/harness.ts): the demo employee (Анна Иванова)
// sets a personal reminder in the bot, `/reminders before_break 10`, and the checkBreaks trigger, running
// every 5 minutes with pushes and pulls, delivers it to her chat exactly once, at the first run at or after
// ten minutes before her first planned break.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { addMinutes, plannedBreaks, startEndToEnd, type EndToEnd } from './harness.ts';

const ANNA_EMAIL = 'anna.ivanova@example.com';
const ANNA_TG: User = { id: 720_001, is_bot: false, first_name: 'Анна', language_code: 'ru' };
const CHECK_EVERY_MIN = 5;
const REMIND_MIN = 10;

let e2e: EndToEnd;
let breakStart = '';

beforeAll(async () => {
  e2e = await startEndToEnd();
  const a = e2e.tab('Employees').find((p) => p.email === ANNA_EMAIL)!;
  const shift = e2e.tab('Schedule').find((s) => s.employee_id === a.id && s.date === e2e.today)!;
  breakStart = plannedBreaks(String(shift.breaks)).find((b) => b.status === 'break')!.start;
  e2e.setClock(e2e.at(String(shift.shift_start)));
  const token = await e2e.signIn(ANNA_EMAIL, 'anna-phone');
  const r = await e2e.server.api({ op: 'sync', token, device_id: 'anna-phone', sent_at: e2e.at(String(shift.shift_start)), entries: [{ seq: 1, entry_id: 'e2e-rem-1', status: 'work', at: e2e.at(String(shift.shift_start)) }] });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  await e2e.linkChat(ANNA_TG, token);
  await e2e.addSetting('bot_url', e2e.intakeUrl);
});

afterAll(async () => {
  await e2e?.close();
});

const reminders = (since: number) => e2e.sentTo(ANNA_TG.id, since).filter((t) => t.startsWith('🔔'));

describe('a personal reminder set in the bot', () => {
  it('is kept on the server, shown with its buttons, and fires once at its time', async () => {
    e2e.setClock(e2e.at(addMinutes(breakStart, -60)));
    const before = e2e.tg.messages(ANNA_TG.id).length;
    e2e.tg.userSays(ANNA_TG, `/reminders before_break ${REMIND_MIN}`);
    const reply = await e2e.tg.waitFor(() => e2e.tg.messages(ANNA_TG.id)[before], 15_000);
    expect(reply.text).toContain('Сохранено.');
    expect(reply.text).toContain(`✅ За ${REMIND_MIN} мин до перерыва или обеда по плану — вкл.`);
    const rows = e2e.tab('Reminders');
    expect(rows.map((x) => [x.kind, x.enabled, x.minutes])).toEqual([['before_break', true, REMIND_MIN]]);

    const since = e2e.tg.calls.length;
    const due = addMinutes(breakStart, -REMIND_MIN);
    let firstSeen: string | null = null;
    // The trigger every 5 minutes from 25 minutes before the break (the first run only catches up), each run
    // followed by the bot's pull, until well after the break started.
    for (let m = -25; m <= 15; m += CHECK_EVERY_MIN) {
      const time = addMinutes(breakStart, m);
      e2e.setClock(e2e.at(time));
      const report = await e2e.run('checkBreaks');
      expect(report.delivery === null || report.delivery.retried + report.delivery.failed === 0, JSON.stringify(report)).toBe(true);
      await e2e.bot.puller.pullOnce();
      const got = reminders(since);
      if (e2e.at(time) < e2e.at(due)) expect(got, `nothing yet at ${time}`).toEqual([]);
      else {
        firstSeen ??= time;
        expect(got, `one reminder at ${time}`).toHaveLength(1);
      }
    }
    expect(firstSeen).toBe(due);
    expect(reminders(since)[0]).toContain(`в ${breakStart}, через ${REMIND_MIN} мин`);
    const outbox = e2e.tab('Outbox').filter((r) => r.kind === 'reminder');
    expect(outbox).toHaveLength(1);
    expect(outbox[0].status).toBe('sent');
  });
});
