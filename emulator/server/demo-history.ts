// A short, honest history for `npm start`'s new workbook, so Analytics has consolidated days at once: the
// demo team's last DAYS days played through the product's own paths. The seeded week of shifts (today on) is
// copied to the week before by the admin's schedule.save; then, for each past day with the runtime's clock on
// it, checkBreaks runs in the morning as its trigger would (it marks where the day's Log rows start), everyone
// with a shift signs in by code (the first time) and changes status through the web app's sync op at
// realistic times (mostly on time; some late starts, a few overruns, a forgotten sign-out; seeded, so every
// new workbook gets the same days), checkBreaks runs again in the evening, and dailyRollover runs the next
// morning, writing the day's Daily rows and Violations. The clock is put back as it was afterwards.
import type { AdminReplies, ScheduleCell } from '../../common/admin-api.ts';
import type { LoginFinishReply, SyncReply } from '../../common/api.ts';
import { fromWallMs, toWallMs } from '../model/timezone.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { webAppEvent } from './web-app-event.ts';
import { mulberry32 } from '../seeded-random.ts';

export const DEMO_HISTORY_DAYS = 7;
const DAY_MS = 24 * 3600_000;
const MIN = 60_000;

export interface DemoHistoryReport {
  days: number;
  people: number;
  dailyRows: number;
  ms: number;
}

export async function playDemoHistory(runtime: Runtime, o: { days?: number; seed?: number } = {}): Promise<DemoHistoryReport> {
  const started = Date.now();
  const days = o.days ?? DEMO_HISTORY_DAYS;
  const clock = runtime.clock;
  const wasFrozen = clock.isFrozen();
  const realNow = clock.now();
  const store = runtime.deps.workbooks;
  const zone = store.get(store.activeId)?.timeZone ?? 'UTC';
  const wallDay = (ms: number) => Math.floor(toWallMs(ms, zone) / DAY_MS) * DAY_MS;
  const isoOf = (wall: number) => new Date(wall).toISOString().slice(0, 10);
  const at = (date: string, minutes: number) => fromWallMs(Date.parse(`${date}T00:00:00Z`) + minutes * MIN, zone);
  const today = wallDay(realNow);
  const dates = Array.from({ length: days }, (_, i) => isoOf(today - (days - i) * DAY_MS));
  const rand = mulberry32(o.seed ?? 20261124);
  const owner = runtime.deps.ownerEmail;
  const people = new Map<string, { email: string; token?: string; device: string; seq: number }>();
  let dailyRows = 0;
  try {
    clock.set(at(dates[0], 6 * 60), { frozen: true });
    const week = await admin<'schedule.get'>(runtime, owner, 'schedule.get', { from: isoOf(today), to: isoOf(today + (days - 1) * DAY_MS) });
    // The seeded week repeats by weekday: each past day gets the shifts of the same weekday in it.
    const changes = week.cells
      .filter((c) => c.kind === 'shift')
      .map((c) => ({ employee_id: c.employee_id, date: isoOf(Date.parse(`${c.date}T00:00:00Z`) - days * DAY_MS), kind: 'shift' as const, start: c.start, end: c.end, breaks: c.breaks }))
      .filter((c) => dates.includes(c.date));
    if (changes.length > 0) await admin(runtime, owner, 'schedule.save', { changes, request_id: `demo-history-${dates[0]}` });
    const emails = await employeeEmails(runtime, owner);

    for (const date of dates) {
      clock.set(at(date, 6 * 60));
      await run(runtime, 'checkBreaks', []);
      const shifts = changes.filter((c) => c.date === date);
      const events = shifts.flatMap((s) => dayOf(s, rand, at)).sort((a, b) => a.at - b.at);
      // Each tap is sent as it is made: the clock stands just after it (a person's taps of one minute go in
      // one request, as the page sends what it queued; people who tapped in the same minute sync side by side).
      for (const minute of byMinute(events)) {
        clock.set(Math.max(...minute.map((e) => e.at)) + 2000);
        const byPerson = new Map<string, Event[]>();
        for (const e of minute) byPerson.set(e.employee_id, [...(byPerson.get(e.employee_id) ?? []), e]);
        await inPool([...byPerson], 8, async ([id, taps]) => {
          const email = emails.get(id);
          if (!email) return;
          let p = people.get(id);
          if (!p) people.set(id, (p = { email, device: `demo-${id}`, seq: 0 }));
          p.token ??= await signIn(runtime, email, p.device);
          const entries = taps.map((e) => ({ seq: (p.seq += 1), entry_id: `${p.device}-${p.seq}`, status: e.status, at: e.at }));
          const reply = await api<SyncReply>(runtime, { op: 'sync', token: p.token, device_id: p.device, sent_at: clock.now(), entries });
          if (reply.accepted_through_seq !== p.seq) throw new Error(`sync for ${email} on ${date} was not accepted: ${JSON.stringify(reply.results)}`);
        });
      }
      clock.set(at(date, 20 * 60));
      await run(runtime, 'checkBreaks', []);
      clock.set(at(date, 24 * 60 + 5 * 60));
      const rolled = (await run(runtime, 'dailyRollover', [])) as { daily_rows?: number } | null;
      dailyRows += rolled?.daily_rows ?? 0;
    }
  } finally {
    clock.set(wasFrozen ? realNow : realNow + (Date.now() - started), { frozen: wasFrozen });
  }
  return { days, people: people.size, dailyRows, ms: Date.now() - started };
}

interface Event {
  employee_id: string;
  at: number;
  status: string;
}

type Shift = Pick<ScheduleCell, 'employee_id' | 'date' | 'start' | 'end' | 'breaks'>;

/** One person's day: mostly on time; now and then late, a break overrun, a lunch cut short, a forgotten sign-out. */
function dayOf(s: Shift, rand: () => number, at: (date: string, minutes: number) => number): Event[] {
  const minutes = (hhmm = '00:00') => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const within = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const start = minutes(s.start);
  let end = minutes(s.end);
  if (end <= start) end += 24 * 60;
  const out: Event[] = [];
  const push = (m: number, status: string) => out.push({ employee_id: s.employee_id, at: at(s.date, m) + within(0, 50) * 1000, status });
  // Arrival: a few minutes early or on the minute, one in eight late past the grace.
  push(rand() < 0.125 ? start + within(7, 25) : start - within(0, 6), 'work');
  let last = start;
  for (const b of [...s.breaks].sort((x, y) => minutes(x.start) - minutes(y.start))) {
    let from = minutes(b.start) + within(-5, 5);
    if (from <= last) from = last + 5;
    const roll = rand();
    // One break in ten runs over (past the grace), one in ten comes back early, the rest about on time.
    const length = roll < 0.1 ? b.minutes + within(4, 14) : roll < 0.2 ? b.minutes - within(2, 6) : b.minutes + within(-1, 1);
    push(from, b.status);
    push(from + length, 'work');
    last = from + length;
  }
  // One in six has a meeting in the afternoon.
  if (rand() < 1 / 6 && end - last > 90) {
    const m = last + within(20, 40);
    push(m, 'meeting');
    push(m + 30, 'work');
  }
  // One in thirty leaves early; one in twenty-five forgets to sign out (the rollover closes the session the
  // next morning); the rest sign out within a few minutes of the shift's end.
  const leave = rand();
  if (leave < 1 / 30 && end - last > 60) push(end - within(15, 40), 'offline');
  else if (leave >= 1 / 30 + 0.04) push(end + within(-4, 3), 'offline');
  return out;
}

function byMinute(events: readonly Event[]): Event[][] {
  const out: Event[][] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (last && Math.floor(last[0].at / MIN) === Math.floor(e.at / MIN)) last.push(e);
    else out.push([e]);
  }
  return out;
}

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

async function signIn(runtime: Runtime, email: string, device: string): Promise<string> {
  const before = runtime.deps.mailbox.length;
  await api(runtime, { op: 'login.start', email, device_id: device });
  const mail = runtime.deps.mailbox.slice(before).find((m) => m.to.toLowerCase() === email);
  const code = mail && /\b(\d{6})\b/.exec(mail.body)?.[1];
  if (!code) throw new Error(`no sign-in code arrived for ${email}`);
  return (await api<LoginFinishReply>(runtime, { op: 'login.finish', email, code, device_id: device })).token;
}

async function employeeEmails(runtime: Runtime, owner: string): Promise<Map<string, string>> {
  const list = await admin(runtime, owner, 'people.list', {});
  return new Map(list.rows.filter((p) => p.active).map((p) => [p.id, p.email.toLowerCase()]));
}

/** The web app's doPost, as a browser's text/plain POST reaches it. */
async function api<T = Record<string, unknown>>(runtime: Runtime, body: unknown): Promise<T> {
  const event = webAppEvent(new URL('http://127.0.0.1/exec'), '', { contents: JSON.stringify(body), type: 'text/plain' });
  const out = await runtime.run('doPost', [event], { kind: 'web', activeUser: '' });
  if (out.error) throw new Error(`doPost: ${out.error.message}`);
  const reply = JSON.parse(out.result?.kind === 'text' ? out.result.content : '{}') as { ok: boolean; error?: { message: string } } & T;
  if (!reply.ok) throw new Error(`${(body as { op: string }).op}: ${reply.error?.message ?? 'no reply'}`);
  return reply;
}

async function admin<K extends keyof AdminReplies>(runtime: Runtime, as: string, op: K, args: unknown): Promise<AdminReplies[K]> {
  const out = await runtime.run('adminRpc', [op, args], { kind: 'rpc', activeUser: as });
  if (out.error) throw new Error(`${op}: ${out.error.message}`);
  const reply = JSON.parse(out.result?.kind === 'json' ? out.result.json : '{}') as { ok: boolean; error?: { message: string } } & AdminReplies[K];
  if (!reply.ok) throw new Error(`${op}: ${reply.error?.message ?? 'no reply'}`);
  return reply;
}

async function run(runtime: Runtime, fn: string, args: unknown[]): Promise<unknown> {
  const out = await runtime.run(fn, args, { kind: 'trigger' });
  if (out.error) throw new Error(`${fn}: ${out.error.message}`);
  return out.result?.kind === 'json' ? JSON.parse(out.result.json) : null;
}

