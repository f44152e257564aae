// Session tokens: `v1.<base64url(JSON claims)>.<base64url(HMAC-SHA256 of "v1.<payload>")>`.
// Pure: the HMAC is injected (Utilities on Apps Script, node:crypto in tests), and the base64url and UTF-8
// codecs are written here because the bundle has neither Buffer, atob nor TextEncoder.
import { Unauthorized } from '../errors.ts';

/** HMAC-SHA256 of `data` under `key`, as unpadded base64url. */
export type Hmac = (data: string, key: string) => string;

export interface TokenClaims {
  employeeId: string;
  /** The device the session was opened on: the token is refused from any other. */
  deviceId: string;
  /** Epoch ms. */
  expiresAt: number;
  /** The employee's token_version when the token was made; bumping it in Employees revokes the token. */
  tokenVersion: number;
}

export const TOKEN_FORMAT_VERSION = 'v1';
/** Far above any real token (about 200 chars): anything longer is not ours. */
const MAX_TOKEN_CHARS = 2048;
const BASE64URL_PART = /^[A-Za-z0-9_-]+$/;

/** What is on the wire: short keys keep the token small, it travels in every sync request. */
interface WireClaims {
  emp: string;
  dev: string;
  exp: number;
  ver: number;
}

export function signToken(claims: TokenClaims, key: string, hmac: Hmac): string {
  const wire: WireClaims = { emp: claims.employeeId, dev: claims.deviceId, exp: claims.expiresAt, ver: claims.tokenVersion };
  const signed = `${TOKEN_FORMAT_VERSION}.${base64urlEncode(utf8Encode(JSON.stringify(wire)))}`;
  return `${signed}.${hmac(signed, key)}`;
}

export interface VerifyOptions {
  now: number;
  /** The device the request comes from; undefined for ops that carry no device id (state). */
  deviceId?: string;
}

/**
 * The claims of a token we made, still valid, used from its own device. Otherwise Unauthorized with the
 * reason: 'malformed', 'forged' (bad signature), 'expired' or 'device_mismatch'. The caller then checks
 * the employee's current token_version (checkTokenVersion).
 */
export function verifyToken(token: string, key: string, hmac: Hmac, opts: VerifyOptions): TokenClaims {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) throw malformed();
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_FORMAT_VERSION || !BASE64URL_PART.test(parts[1]) || !BASE64URL_PART.test(parts[2])) {
    throw malformed();
  }
  // The signature is checked before the payload is even decoded: nothing unsigned is ever parsed.
  if (!constantTimeEqual(hmac(`${parts[0]}.${parts[1]}`, key), parts[2])) {
    throw new Unauthorized('forged', 'The session token is not valid (bad signature); sign in again', 'Токен сеанса недействителен (неверная подпись); войдите снова');
  }
  const claims = decodeClaims(parts[1]);
  if (!claims) throw malformed();
  if (opts.now >= claims.expiresAt) {
    throw new Unauthorized('expired', 'The session has expired; sign in again', 'Сеанс истёк; войдите снова', { expired_at: claims.expiresAt });
  }
  if (opts.deviceId !== undefined && opts.deviceId !== claims.deviceId) {
    throw new Unauthorized(
      'device_mismatch',
      'This session was opened on another device; sign in on this device',
      'Этот сеанс открыт на другом устройстве; войдите на этом устройстве',
    );
  }
  return claims;
}

/** Bumping token_version in the Employees tab revokes every token made before. */
export function checkTokenVersion(claims: TokenClaims, employee: { token_version: number }): void {
  if (claims.tokenVersion !== employee.token_version) {
    throw new Unauthorized('revoked', 'The session was revoked by an administrator; sign in again', 'Сеанс отозван администратором; войдите снова');
  }
}

function malformed(): Unauthorized {
  return new Unauthorized('malformed', 'The session token is malformed; sign in again', 'Токен сеанса повреждён; войдите снова');
}

function decodeClaims(payload: string): TokenClaims | null {
  let wire: unknown;
  try {
    wire = JSON.parse(utf8Decode(base64urlDecode(payload)));
  } catch {
    return null;
  }
  if (typeof wire !== 'object' || wire === null) return null;
  const w = wire as Partial<WireClaims>;
  if (typeof w.emp !== 'string' || w.emp === '' || typeof w.dev !== 'string') return null;
  if (!Number.isSafeInteger(w.exp) || !Number.isSafeInteger(w.ver)) return null;
  return { employeeId: w.emp, deviceId: w.dev, expiresAt: w.exp as number, tokenVersion: w.ver as number };
}

/**
 * Equality whose running time depends only on the lengths, not on where the strings first differ, so a
 * signature or code hash cannot be guessed one character at a time by timing the answers.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const n = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

// ---- base64url (RFC 4648 §5, unpadded) ----

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE: Record<string, number> = {};
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET[i]] = i;

/** Bytes (0..255, or Apps Script's signed -128..127) to unpadded base64url. */
export function base64urlEncode(bytes: ArrayLike<number>): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] & 0xff) << 16) | ((bytes[i + 1] & 0xff) << 8) | (bytes[i + 2] & 0xff);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] & 0xff) << 16;
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = ((bytes[i] & 0xff) << 16) | ((bytes[i + 1] & 0xff) << 8);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** Unpadded (or '='-padded) base64url to bytes; throws on anything else, including non-canonical tails. */
export function base64urlDecode(text: string): number[] {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) throw new Error('base64url: impossible length');
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const v = DECODE[s[i]];
    if (v === undefined) throw new Error(`base64url: bad character at ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
      acc &= (1 << bits) - 1;
    }
  }
  // Leftover bits must be zero, or two different strings would decode to the same bytes.
  if (acc !== 0) throw new Error('base64url: non-canonical ending');
  return out;
}

// ---- UTF-8 ----

export function utf8Encode(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate, as TextEncoder does
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** Strict: throws on malformed, overlong or surrogate sequences instead of guessing. */
export function utf8Decode(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b0 = bytes[i] & 0xff;
    let cp: number;
    let extra: number;
    let min: number;
    if (b0 < 0x80) [cp, extra, min] = [b0, 0, 0];
    else if (b0 >= 0xc2 && b0 < 0xe0) [cp, extra, min] = [b0 & 0x1f, 1, 0x80];
    else if (b0 >= 0xe0 && b0 < 0xf0) [cp, extra, min] = [b0 & 0x0f, 2, 0x800];
    else if (b0 >= 0xf0 && b0 < 0xf5) [cp, extra, min] = [b0 & 0x07, 3, 0x10000];
    else throw new Error(`utf8: bad lead byte at ${i}`);
    if (i + extra >= bytes.length) throw new Error('utf8: truncated sequence');
    for (let k = 1; k <= extra; k++) {
      const b = bytes[i + k] & 0xff;
      if ((b & 0xc0) !== 0x80) throw new Error(`utf8: bad continuation byte at ${i + k}`);
      cp = (cp << 6) | (b & 63);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new Error(`utf8: invalid code point at ${i}`);
    out += String.fromCodePoint(cp);
    i += extra + 1;
  }
  return out;
}
