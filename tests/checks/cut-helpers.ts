// For the fault-injection tests of the trigger paths (tests/cut/): a bot that delivers each alert to
// "Telegram" once however often it is pushed (as bot/alerts/delivery.ts does) and whose push costs service
// calls where UrlFetchApp's would, and exactly-once checks that compare a world that was cut and retried with
// a reference world that ran the same schedule uncut.
import { expect } from 'vitest';
import type { Alert, AlertReceipt } from '../../common/bot-api.ts';
import type { AlertSender } from '../../appsscript/src/services/alerts.ts';
import { OUTBOX_PENDING_ROW, OUTBOX_TAIL_KEY } from '../../appsscript/src/services/alerts.ts';
import { readState, VIOLATIONS_TAIL_KEY, type CheckState } from '../../appsscript/src/services/violations.ts';
import { signedRequest } from '../../appsscript/src/gas/alert-push.ts';
import type { TabName } from '../../appsscript/src/store/schema.ts';
import { SECRET, type Office } from './helpers.ts';

/** The bot and Telegram behind it: `telegram` holds each message actually sent. */
export interface CountedBot {
  telegram: Alert[];
  pushes: number;
  senderFor(botUrl: string): AlertSender;
  /** The bot's own side of a delivery (push or pull): sends unless this alert_id was delivered before. */
  deliver(a: Alert): AlertReceipt;
}

/**
 * The push as urlFetchSender makes it, one signed request per chat: the signatures are real Utilities calls,
 * the requests leave at the call that stands where UrlFetchApp.fetchAll is (a cut there: nothing left), and
 * reading each answer costs two calls (a cut there: delivered, the receipt lost).
 */
export function countedBot(): CountedBot {
  const delivered = new Set<string>();
  const bot: CountedBot = {
    telegram: [],
    pushes: 0,
    deliver(a) {
      if (!delivered.has(a.alert_id)) {
        delivered.add(a.alert_id);
        bot.telegram.push(a);
      }
      return { alert_id: a.alert_id, delivered: true };
    },
    senderFor: (botUrl) => (alerts) => {
      const byChat = new Map<string, Alert[]>();
      for (const a of alerts) byChat.set(a.chat_id, [...(byChat.get(a.chat_id) ?? []), a]);
      const batches = [...byChat.values()];
      const requests = batches.map((b) => signedRequest(`${botUrl}/alerts`, b, SECRET, Date.now()));
      Utilities.getUuid(); // where UrlFetchApp.fetchAll is
      bot.pushes++;
      const replies = requests.map((r) => (JSON.parse(String(r.payload)) as { alerts: Alert[] }).alerts.map((a) => bot.deliver(a)));
      return replies.flatMap((receipts) => {
        Utilities.getUuid(); // HTTPResponse.getResponseCode
        Utilities.getUuid(); // HTTPResponse.getContentText
        return receipts;
      });
    },
  };
  return bot;
}

export const settingsOf = (o: Office): Map<string, string> => new Map(o.rows('Settings').map((r) => [String(r.key), String(r.value)]));

const timeOf = (v: unknown): unknown => (v instanceof Date ? v.getTime() : v);
const plain = (r: Record<string, unknown>, skip: readonly string[]) => Object.fromEntries(Object.entries(r).filter(([k]) => !skip.includes(k)).map(([k, v]) => [k, timeOf(v)]));

/** The rows of a tab keyed by `key`, every key once (a doubled row fails here). */
export function keyed(o: Office, tab: TabName, key: (r: Record<string, unknown>) => string, skip: readonly string[] = []): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const doubled: string[] = [];
  for (const r of o.rows(tab)) {
    const k = key(r);
    if (out.has(k)) doubled.push(k);
    out.set(k, plain(r, skip));
  }
  expect(doubled, `${tab}: rows written twice`).toEqual([]);
  return out;
}

/** Same keys, each row equal to the reference's but for the columns in `skip` (times a retry sets later). */
export function expectSameRows(o: Office, ref: Office, tab: TabName, key: (r: Record<string, unknown>) => string, skip: readonly string[] = []): void {
  const got = keyed(o, tab, key, skip);
  const want = keyed(ref, tab, key, skip);
  expect([...got.keys()].sort(), `${tab}: the same rows`).toEqual([...want.keys()].sort());
  for (const [k, row] of want) expect(got.get(k), `${tab} ${k}`).toEqual(row);
}

/** Telegram got each alert once, and exactly the alerts the reference's Telegram got. */
export function expectDeliveredOnce(bot: CountedBot, ref: CountedBot): void {
  const ids = bot.telegram.map((a) => a.alert_id);
  expect(ids.length, 'an alert sent to Telegram twice').toBe(new Set(ids).size);
  expect([...ids].sort()).toEqual(ref.telegram.map((a) => a.alert_id).sort());
}

/**
 * The checkBreaks state in Settings is right: every violation of the dates it indexes is in the index at its
 * own row, with the reference's finality, the nudges noted are the reference's, each date's first row is
 * where the date's violations start, and the marks stand at the tabs' last rows (nothing left unaccounted).
 */
export function expectIndexRight(o: Office, ref: Office): void {
  const settings = settingsOf(o);
  const state: CheckState = readState(settings);
  const refState = readState(settingsOf(ref));
  const violations = o.rows('Violations');
  for (const date of Object.keys(refState.days)) {
    const day = state.days[date];
    expect(day, `index of ${date}`).toBeDefined();
    const rows = violations.map((r, i) => ({ r, row: i + 2 })).filter(({ r }) => r.date === date);
    expect(Object.keys(day.v).sort(), `indexed violations of ${date}`).toEqual(rows.map(({ r }) => String(r.id)).sort());
    for (const { r, row } of rows) {
      const entry = day.v[String(r.id)];
      expect(entry[0], `row of ${String(r.id)}`).toBe(row);
      expect(entry[1], `finality of ${String(r.id)}`).toBe(refState.days[date].v[String(r.id)]?.[1]);
    }
    expect([...day.n].sort(), `nudges noted for ${date}`).toEqual([...refState.days[date].n].sort());
    if (rows.length > 0) expect(state.vrows[date], `first row of ${date}`).toBe(rows[0].row);
  }
  expect(Number(settings.get(VIOLATIONS_TAIL_KEY)), 'Violations mark').toBe(violations.length + 1);
  expect(Number(settings.get(OUTBOX_TAIL_KEY)), 'Outbox mark').toBe(o.rows('Outbox').length + 1);
  const outbox = o.rows('Outbox');
  const firstPending = outbox.findIndex((r) => r.status === 'pending');
  if (firstPending >= 0) expect(Number(settings.get(OUTBOX_PENDING_ROW) ?? 2), 'pending row').toBeLessThanOrEqual(firstPending + 2);
}
