// Pushing alerts to the bot with UrlFetchApp (common/bot-api.ts): POST <bot_url>/alerts with the body
// signed as hex HMAC-SHA256(BOT_SHARED_SECRET, `${timestamp}.${body}`) in X-WTT-Signature and the timestamp
// in X-WTT-Timestamp. One request per chat, all sent at once with fetchAll: Telegram paces each chat on its
// own (about a message a second), so one busy chat does not hold up the others.
import type { Alert, AlertPush, AlertPushReply, AlertReceipt } from '../../../common/bot-api.ts';
import { bytesToHex } from '../domain/bot-auth.ts';
import type { AlertSender } from '../services/alerts.ts';

export const BOT_SHARED_SECRET = 'BOT_SHARED_SECRET';

/** The bot's shared secret from Script Properties, or null when it is not set. */
export function botSharedSecret(): string | null {
  return PropertiesService.getScriptProperties().getProperty(BOT_SHARED_SECRET) || null;
}

/** Hex HMAC-SHA256 through Utilities (UTF-8 data and key). */
export function hmacSha256Hex(data: string, key: string): string {
  return bytesToHex(Utilities.computeHmacSha256Signature(data, key, Utilities.Charset.UTF_8));
}

/** The URL of the bot's alert intake: `<bot_url>/alerts`, whatever slashes the setting ends with. */
export function alertsUrl(botUrl: string): string {
  return `${botUrl.replace(/\/+$/, '')}/alerts`;
}

/** The signed request of one batch (exported for tests of the signature). */
export function signedRequest(url: string, alerts: Alert[], secret: string, now: number): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const body = JSON.stringify({ alerts } satisfies AlertPush);
  const ts = String(now);
  return {
    url,
    method: 'post',
    contentType: 'application/json',
    payload: body,
    headers: { 'X-WTT-Timestamp': ts, 'X-WTT-Signature': hmacSha256Hex(`${ts}.${body}`, secret) },
    muteHttpExceptions: true,
    followRedirects: false,
  };
}

/**
 * A sender over UrlFetchApp.fetchAll (one service call per run). A request that fails as a whole (no
 * answer, an HTTP error, an answer that is not a receipt list) fails each of its alerts with the reason;
 * the Outbox retries them later.
 */
export function urlFetchSender(botUrl: string, secret: string, now: () => number = Date.now): AlertSender {
  return (alerts) => {
    const byChat = new Map<string, Alert[]>();
    for (const a of alerts) byChat.set(a.chat_id, [...(byChat.get(a.chat_id) ?? []), a]);
    const batches = [...byChat.values()];
    const url = alertsUrl(botUrl);
    const requests = batches.map((b) => signedRequest(url, b, secret, now()));
    let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
    try {
      responses = UrlFetchApp.fetchAll(requests);
    } catch (e) {
      // fetchAll throws for the whole call when a host cannot be reached at all.
      const error = `bot unreachable: ${e instanceof Error ? e.message : String(e)}`;
      return alerts.map((a) => ({ alert_id: a.alert_id, delivered: false, error }));
    }
    return batches.flatMap((batch, i) => receiptsOf(batch, responses[i]));
  };
}

function receiptsOf(batch: Alert[], response: GoogleAppsScript.URL_Fetch.HTTPResponse): AlertReceipt[] {
  const failAll = (error: string) => batch.map((a) => ({ alert_id: a.alert_id, delivered: false, error }));
  const code = response.getResponseCode();
  const text = response.getContentText();
  if (code < 200 || code >= 300) return failAll(`HTTP ${code}: ${text.slice(0, 200)}`);
  let reply: Partial<AlertPushReply>;
  try {
    reply = JSON.parse(text) as Partial<AlertPushReply>;
  } catch {
    return failAll('the bot answered something that is not JSON');
  }
  if (!Array.isArray(reply.receipts)) return failAll('the bot answered without receipts');
  const mine = new Set(batch.map((a) => a.alert_id));
  return reply.receipts
    .filter((r): r is AlertReceipt => !!r && typeof r.alert_id === 'string' && mine.has(r.alert_id) && typeof r.delivered === 'boolean')
    .map((r) => (r.error === undefined ? { alert_id: r.alert_id, delivered: r.delivered } : { alert_id: r.alert_id, delivered: r.delivered, error: String(r.error) }));
}
