// Linking a Telegram chat to an employee: the employee page asks for a short code (op link.code, with the
// session token), the employee types `/start CODE` to the bot, and the bot redeems the code (op bot.link).
// A code lives 10 minutes in CacheService and works once. Like login codes, it is kept only as an HMAC, so
// reading the cache gives nothing usable; redeeming is rate-limited per chat, and 8 characters of a 32-letter
// alphabet (2^40 codes) leave nothing to guess in that budget anyway.
import type { Employee } from '../domain/model.ts';
import type { JsonCache } from './json-cache.ts';
import type { Hmac } from '../domain/token.ts';
import type { RandomBytes } from '../domain/login-code.ts';
import { asWindowState, hit } from '../domain/rate-limit.ts';
import { NotFound, RateLimited } from '../errors.ts';

export const LINK_CODE_TTL_SECONDS = 10 * 60;
export const LINK_CODE_LENGTH = 8;
/** No I, O, 0 or 1: nothing to misread when typing it from the page into Telegram. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Wrong codes a chat may try in the window before it must wait. */
export const LINK_TRIES = { limit: 10, windowMs: 15 * 60_000 } as const;

export interface LinkCodeReply {
  /** Type it to the bot as `/start CODE`. */
  code: string;
  expires_at: number;
  expires_in_s: number;
}

export interface LinkCodeDeps {
  now: number;
  cache: JsonCache;
  signingKey: string;
  crypto: { hmac: Hmac; randomBytes: RandomBytes };
  exclusive<T>(fn: () => T): T;
}

interface StoredLink {
  employee_id: string;
  expires_at: number;
}

/** A fresh code for the signed-in employee (an earlier one stays valid until it expires or is used). */
export function issueLinkCode(employee: Employee, deps: LinkCodeDeps): LinkCodeReply {
  const code = generateLinkCode(deps.crypto.randomBytes);
  const expiresAt = deps.now + LINK_CODE_TTL_SECONDS * 1000;
  deps.cache.putAll({ [codeKey(code, deps)]: { employee_id: employee.id, expires_at: expiresAt } satisfies StoredLink }, LINK_CODE_TTL_SECONDS);
  return { code, expires_at: expiresAt, expires_in_s: LINK_CODE_TTL_SECONDS };
}

/**
 * The employee id a code was issued for; the code is used up. Typed codes are forgiven case and spaces
 * ('abcd 2345'). A wrong or expired code is NotFound and counts against the chat's tries.
 */
export function redeemLinkCode(typed: string, chatId: string, deps: LinkCodeDeps): string {
  const code = normaliseLinkCode(typed);
  const triesKey = `wtt.link.tries.${chatId}`;
  return deps.exclusive(() => {
    const key = code ? codeKey(code, deps) : '';
    const cached = deps.cache.getAll(key ? [key, triesKey] : [triesKey]);
    const tries = hit(asWindowState(cached[triesKey]), deps.now, LINK_TRIES.limit, LINK_TRIES.windowMs);
    if (!tries.allowed) {
      throw new RateLimited(tries.retryAfterMs, 'Too many wrong codes from this chat; wait and try again', 'Слишком много неверных кодов из этого чата; подождите и повторите');
    }
    const stored = key ? asStoredLink(cached[key]) : null;
    if (!stored || stored.expires_at <= deps.now) {
      deps.cache.putAll({ [triesKey]: tries.state }, LINK_TRIES.windowMs / 1000);
      throw new NotFound(
        'The code is wrong or has expired: get a new one on your page',
        'Код неверный или истёк: получите новый на своей странице',
      );
    }
    deps.cache.removeAll([key]);
    return stored.employee_id;
  });
}

export function generateLinkCode(randomBytes: RandomBytes): string {
  // 32 letters: the low 5 bits of a byte pick one uniformly.
  return randomBytes(LINK_CODE_LENGTH)
    .map((b) => ALPHABET[b & 31])
    .join('');
}

/** Upper case, spaces and dashes dropped; null when it cannot be a code at all. */
export function normaliseLinkCode(typed: string): string | null {
  const s = String(typed).toUpperCase().replace(/[\s-]/g, '');
  return s.length === LINK_CODE_LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

function codeKey(code: string, deps: Pick<LinkCodeDeps, 'signingKey' | 'crypto'>): string {
  return `wtt.link.code.${deps.crypto.hmac(`link-code.${code}`, deps.signingKey)}`;
}

function asStoredLink(v: unknown): StoredLink | null {
  if (!v || typeof v !== 'object') return null;
  const s = v as Partial<StoredLink>;
  return typeof s.employee_id === 'string' && typeof s.expires_at === 'number' ? { employee_id: s.employee_id, expires_at: s.expires_at } : null;
}
