// Authenticating the bot's requests to the web app (common/bot-api.ts). Apps Script gives a web app no
// request headers, so the bot signs the body itself: sig = hex HMAC-SHA256(secret, canonical(body without
// sig)), with a timestamp and a one-time nonce inside. Pure: the HMAC is injected (Utilities on Apps Script,
// node:crypto in tests and in the bot), and the nonce bookkeeping is plain data the caller keeps in a cache.
import { ALERT_MAX_AGE_MS } from '../../../common/bot-api.ts';
import { constantTimeEqual } from './token.ts';
import { canonicalJson } from '../../../common/canonical-json.ts';

/** HMAC-SHA256 of `data` under `key` (both UTF-8), as lower-case hex. */
export type HmacHex = (data: string, key: string) => string;

/** How long a nonce is remembered: twice the accepted clock skew, so a replay is refused as stale or as seen. */
export const NONCE_TTL_MS = ALERT_MAX_AGE_MS * 2;
const NONCE = /^[A-Za-z0-9_-]{8,64}$/;
const HEX_SIG = /^[0-9a-f]{64}$/;

export { canonicalJson };

/** The signature of a request body (every field but `sig`). */
export function signBotBody(body: Record<string, unknown>, secret: string, hmacHex: HmacHex): string {
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(body)) if (k !== 'sig') rest[k] = body[k];
  return hmacHex(canonicalJson(rest), secret);
}

export type BotAuthFailure = 'malformed' | 'bad_signature' | 'stale';

export type BotAuthResult = { ok: true; ts: number; nonce: string } | { ok: false; reason: BotAuthFailure };

/**
 * Checks the envelope of a bot request: ts, nonce and sig present and well-formed, the signature right
 * (before anything else is trusted), and the timestamp within ALERT_MAX_AGE_MS of `now` either way.
 * Whether the nonce was seen before is the caller's question (isReplay), asked only after this passes.
 */
export function verifyBotBody(body: unknown, o: { secret: string; now: number; hmacHex: HmacHex; maxAgeMs?: number }): BotAuthResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'malformed' };
  const { ts, nonce, sig } = body as Record<string, unknown>;
  if (typeof sig !== 'string' || !HEX_SIG.test(sig.toLowerCase())) return { ok: false, reason: 'malformed' };
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || typeof nonce !== 'string' || !NONCE.test(nonce)) {
    return { ok: false, reason: 'malformed' };
  }
  if (!constantTimeEqual(signBotBody(body as Record<string, unknown>, o.secret, o.hmacHex), sig.toLowerCase())) {
    return { ok: false, reason: 'bad_signature' };
  }
  if (Math.abs(o.now - ts) > (o.maxAgeMs ?? ALERT_MAX_AGE_MS)) return { ok: false, reason: 'stale' };
  return { ok: true, ts, nonce };
}

// ---- nonces: one cache entry per nonce seen, living NONCE_TTL_MS ----

/** The cache key that remembers a nonce (nonces are at most 64 safe characters, so the key stays short). */
export function nonceKey(nonce: string): string {
  return `wtt.bot.nonce.${nonce}`;
}

/** What the cache holds for a fresh nonce: when it was used (for people reading the cache, not for logic). */
export function nonceRecord(ts: number): { used_at: number } {
  return { used_at: ts };
}

/** A nonce whose key is present was used before: the request is a replay. */
export function isReplay(cached: unknown): boolean {
  return cached !== undefined && cached !== null;
}

// ---- bytes to hex (the push signature and the request signature are hex, as the contract says) ----

export function bytesToHex(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0xff;
    out += (b < 16 ? '0' : '') + b.toString(16);
  }
  return out;
}
