// The two signatures of the server<->bot contract (common/bot-api.ts).
// Pushes to the bot: X-WTT-Signature = hex HMAC-SHA256(secret, `${timestamp}.${body}`).
// Requests to the web app (which sees no headers): sig = hex HMAC-SHA256(secret, canonicalJson(body without sig)).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { BotRequest } from '../common/bot-api.ts';
import { canonicalJson } from '../common/canonical-json.ts';

export { canonicalJson };

export function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

/** Compares two hex signatures in constant time (a timing leak would let an attacker guess byte by byte). */
export function sameSignature(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given.toLowerCase(), 'hex'));
}

/** The signature the server puts on a push, over the exact body bytes it sent. */
export function pushSignature(secret: string, timestamp: string, body: string): string {
  return hmacHex(secret, `${timestamp}.${body}`);
}

/** A bot.* request without its signing fields, as callers build it. */
export type UnsignedBotRequest = BotRequest extends infer R ? (R extends unknown ? Omit<R, 'ts' | 'nonce' | 'sig'> : never) : never;

/** Adds ts, a fresh random nonce and sig to a bot.* request. */
export function signBotRequest(secret: string, request: UnsignedBotRequest, now: number): BotRequest {
  const unsigned = { ...request, ts: now, nonce: randomBytes(16).toString('hex') };
  return { ...unsigned, sig: hmacHex(secret, canonicalJson(unsigned)) } as BotRequest;
}
