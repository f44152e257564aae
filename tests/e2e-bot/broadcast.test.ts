// A broadcast to 200 linked employees end to end: the compiled bundle in the local runtime, the real bot
// with its real throttler (about 30 messages a second overall), a fake Telegram Bot API server. The console's
// broadcast.send writes 200 Outbox rows and pushes them; every chat must get exactly one message, also after
// the bot pulls and the trigger pushes again. The time it took is printed beside the floor 200 / 30 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRecords } from '../../bench/lib/workbook.ts';
import { startEndToEnd, type EndToEnd } from './harness.ts';

const PEOPLE = 200;
const FIRST_CHAT = 880_000;
const TELEGRAM_PER_SECOND = 30;

let e2e: EndToEnd;

beforeAll(async () => {
  e2e = await startEndToEnd();
  appendRecords(e2e.server.runtime.deps.workbooks, 'Employees', PEOPLE, (i) => ({
    id: `bc${String(i).padStart(3, '0')}`,
    email: `broadcast.${i}@example.com`,
    name: i % 2 === 0 ? `Сотрудник ${i}` : `Employee ${i}`,
    group: 'support-l1',
    role: 'employee',
    timezone: '',
    telegram_chat_id: String(FIRST_CHAT + i),
    token_version: 0,
    active: true,
  }));
  await e2e.addSetting('bot_url', e2e.intakeUrl);
}, 60_000);

afterAll(async () => {
  await e2e?.close();
});

async function adminRpc<T = any>(op: string, payload: unknown): Promise<T> {
  const r = await e2e.server.runtime.run('adminRpc', [op, payload], { kind: 'rpc' });
  if (r.error) throw new Error(`${op}: ${r.error.name}: ${r.error.message}`);
  const reply = (r.result?.kind === 'json' ? JSON.parse(r.result.json) : r.result) as T & { ok: boolean };
  if (!reply.ok) throw new Error(`${op}: ${JSON.stringify(reply)}`);
  return reply;
}

const chats = Array.from({ length: PEOPLE }, (_, i) => FIRST_CHAT + i);
const sentTo = (chat: number) => e2e.tg.calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chat);

describe('a broadcast to 200 linked employees', () => {
  it('reaches each exactly once, within Telegram limits, in their language', async () => {
    const emails = Array.from({ length: PEOPLE }, (_, i) => `broadcast.${i}@example.com`);
    const preview = await adminRpc('broadcast.preview', { text_ru: 'Собрание в 15:00', text_en: 'Meeting at 15:00', audience: { emails }, channels: ['telegram'] });
    expect(preview.people).toBe(PEOPLE);
    expect(preview.reach.telegram).toBe(PEOPLE);
    expect(preview.unreachable).toEqual([]);

    const started = Date.now();
    const sent = await adminRpc('broadcast.send', {
      text_ru: 'Собрание в 15:00',
      text_en: 'Meeting at 15:00',
      audience: { emails },
      channels: ['telegram'],
      request_id: 'e2e-broadcast-200',
    });
    await e2e.tg.waitFor(() => chats.every((c) => sentTo(c).length > 0), 30_000);
    const last = Math.max(...e2e.tg.calls.filter((c) => c.method === 'sendMessage').map((c) => c.at));
    const seconds = (last - started) / 1000;
    const floor = PEOPLE / TELEGRAM_PER_SECOND;
    // The throttler lets its first 30 go at once (a full reservoir), then 30 a second: (200 - 30) / 30 s.
    const burstFloor = (PEOPLE - TELEGRAM_PER_SECOND) / TELEGRAM_PER_SECOND;
    console.log(`broadcast to ${PEOPLE} chats: ${seconds.toFixed(1)} s (200 / 30 s = ${floor.toFixed(1)} s; with the throttler's first burst of 30, ${burstFloor.toFixed(1)} s)`);
    expect(seconds).toBeGreaterThan(burstFloor * 0.9);

    // Offered again by the bot's pull, the trigger's push and a retried send: nothing more is posted.
    await e2e.bot.puller.pullOnce();
    await e2e.run('checkBreaks');
    await adminRpc('broadcast.send', { text_ru: 'Собрание в 15:00', text_en: 'Meeting at 15:00', audience: { emails }, channels: ['telegram'], request_id: 'e2e-broadcast-200' });
    await new Promise((r) => setTimeout(r, 500));
    for (const c of chats) expect(sentTo(c), `chat ${c}`).toHaveLength(1);
    expect(String(sentTo(FIRST_CHAT)[0].payload.text)).toContain('Собрание в 15:00');
    expect(String(sentTo(FIRST_CHAT + 1)[0].payload.text)).toContain('Meeting at 15:00');

    const report = await adminRpc('broadcast.report', { id: sent.id });
    expect(report.counts).toEqual({ sent: PEOPLE, failed: 0, pending: 0, unreachable: 0 });
    expect(report.done).toBe(true);
  }, 60_000);
});
