// HMAC and random bytes from Apps Script's Utilities, in the shapes the pure domain code takes.
import { base64urlEncode } from '../domain/token.ts';

/** HMAC-SHA256 of `data` under `key` (both UTF-8), as unpadded base64url. */
export function hmacSha256(data: string, key: string): string {
  return base64urlEncode(Utilities.computeHmacSha256Signature(data, key, Utilities.Charset.UTF_8));
}

/** UUIDs mixed into each 32-byte block: three v4 UUIDs carry 366 random bits, more than the 256 kept. */
const UUIDS_PER_BLOCK = 3;

/**
 * `n` random bytes (0..255). Apps Script has no secure random API; Utilities.getUuid() is made by Java's
 * SecureRandom, so SHA-256 over fresh UUIDs gives uniformly distributed bytes (Math.random is not secure).
 */
export function randomBytes(n: number): number[] {
  const out: number[] = [];
  while (out.length < n) {
    let seed = '';
    for (let i = 0; i < UUIDS_PER_BLOCK; i++) seed += Utilities.getUuid();
    for (const b of Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, seed, Utilities.Charset.US_ASCII)) {
      if (out.length === n) break;
      out.push(b & 0xff);
    }
  }
  return out;
}

/** The crypto dependency of the login service, on Apps Script. */
export const gasCrypto = { hmac: hmacSha256, randomBytes } as const;
