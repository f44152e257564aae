// One-time login codes: a uniformly random 6-digit code, kept only as a salted HMAC (whoever reads the
// cache learns nothing usable), checked in constant time. Pure: randomness and HMAC are injected.
import { LOGIN_CODE_DIGITS } from '../../../common/limits.ts';
import { base64urlEncode, constantTimeEqual, type Hmac } from './token.ts';

/** `n` random bytes (0..255; Apps Script's signed -128..127 are accepted too). */
export type RandomBytes = (n: number) => number[];

/** What the cache keeps for an issued code. */
export interface StoredLoginCode {
  /** Random per code, so the same code for the same person never hashes the same twice. */
  salt: string;
  hash: string;
  /** Epoch ms. */
  expiresAt: number;
}

const SALT_BYTES = 16;
/** Candidates drawn per call to the random source; more than one so a rejection rarely costs a call. */
const CANDIDATES_PER_DRAW = 4;
/** With a rejection chance under 0.03 %, this many draws failing means the random source is broken. */
const MAX_DRAWS = 16;

/**
 * A code of `digits` decimal digits, every value equally likely. A 32-bit draw taken modulo 10^6 would make
 * the low codes slightly likelier, so draws at or above the largest multiple of 10^6 are thrown away.
 */
export function generateLoginCode(randomBytes: RandomBytes, digits: number = LOGIN_CODE_DIGITS): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 9) throw new RangeError(`login code: unsupported length ${digits}`);
  const space = 10 ** digits;
  const range = 2 ** 32;
  const acceptBelow = range - (range % space);
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const bytes = randomBytes(4 * CANDIDATES_PER_DRAW);
    for (let c = 0; c + 3 < bytes.length && c < 4 * CANDIDATES_PER_DRAW; c += 4) {
      // >>> 0 keeps it unsigned: byte 0 shifted by 24 would otherwise go negative.
      const n = (((bytes[c] & 0xff) << 24) | ((bytes[c + 1] & 0xff) << 16) | ((bytes[c + 2] & 0xff) << 8) | (bytes[c + 3] & 0xff)) >>> 0;
      if (n < acceptBelow) return String(n % space).padStart(digits, '0');
    }
  }
  throw new Error('login code: the random source keeps returning out-of-range values');
}

/**
 * The salted hash of a code. The same key also signs tokens, so the input starts with a label that no
 * token ("v1.") can start with: one can never stand in for the other. The email ties the hash to its person.
 */
export function hashLoginCode(code: string, email: string, salt: string, key: string, hmac: Hmac): string {
  return hmac(`login-code.${salt}.${email}.${code}`, key);
}

export interface IssuedLoginCode {
  /** The plain code: goes to the person, never into storage or a log. */
  code: string;
  stored: StoredLoginCode;
}

export function issueLoginCode(o: { email: string; now: number; ttlMs: number; key: string; hmac: Hmac; randomBytes: RandomBytes }): IssuedLoginCode {
  const code = generateLoginCode(o.randomBytes);
  const salt = base64urlEncode(o.randomBytes(SALT_BYTES));
  return { code, stored: { salt, hash: hashLoginCode(code, o.email, salt, o.key, o.hmac), expiresAt: o.now + o.ttlMs } };
}

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'none';

/** Whether `candidate` is the code issued to `email`; 'none' when no (readable) code was issued. */
export function checkLoginCode(candidate: string, email: string, stored: StoredLoginCode | null, now: number, key: string, hmac: Hmac): CodeCheck {
  if (!stored) return 'none';
  if (now >= stored.expiresAt) return 'expired';
  return constantTimeEqual(hashLoginCode(candidate, email, stored.salt, key, hmac), stored.hash) ? 'ok' : 'wrong';
}

/** A cached value read back as a StoredLoginCode, or null when it is not one (never trust its shape). */
export function asStoredLoginCode(value: unknown): StoredLoginCode | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<StoredLoginCode>;
  if (typeof v.salt !== 'string' || typeof v.hash !== 'string' || typeof v.expiresAt !== 'number' || !Number.isFinite(v.expiresAt)) return null;
  return { salt: v.salt, hash: v.hash, expiresAt: v.expiresAt };
}
