import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { asStoredLoginCode, checkLoginCode, generateLoginCode, hashLoginCode, issueLoginCode } from '../../appsscript/src/domain/login-code.ts';
import { nodeHmac } from './helpers.ts';

const KEY = 'k'.repeat(43);
const NOW = Date.UTC(2026, 2, 2, 9, 0);

/** A random source that hands out the given bytes in order (then zeros), recording each request. */
function scripted(bytes: number[]) {
  const requests: number[] = [];
  let at = 0;
  const source = (n: number) => {
    requests.push(n);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(at < bytes.length ? bytes[at++] : 0);
    return out;
  };
  return { source, requests };
}

const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
/** The largest multiple of 10^6 that fits below 2^32: draws from here up are thrown away. */
const ACCEPT_BELOW = 2 ** 32 - (2 ** 32 % 1e6);

describe('generateLoginCode', () => {
  it('is always 6 digits, leading zeros kept', () => {
    expect(generateLoginCode(scripted(be32(7)).source)).toBe('000007');
    fc.assert(fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (b) => /^\d{6}$/.test(generateLoginCode(scripted([...b]).source))));
  });

  it('takes the draw modulo 10^6 below the rejection bound', () => {
    expect(generateLoginCode(scripted(be32(ACCEPT_BELOW - 1)).source)).toBe('999999');
    expect(generateLoginCode(scripted(be32(123_456_789)).source)).toBe('456789');
  });

  it('rejects draws at or above the bound (they would bias the low codes) and uses the next one', () => {
    const { source } = scripted([...be32(ACCEPT_BELOW), ...be32(2 ** 32 - 1), ...be32(42)]);
    expect(generateLoginCode(source)).toBe('000042');
  });

  it("reads Apps Script's signed bytes as unsigned", () => {
    const signed = be32(ACCEPT_BELOW - 1).map((b) => (b > 127 ? b - 256 : b));
    expect(generateLoginCode(scripted(signed).source)).toBe('999999');
  });

  it('gives up on a random source that only returns rejected values instead of looping forever', () => {
    expect(() => generateLoginCode(() => new Array(16).fill(0xff))).toThrow(/random source/);
  });

  it('spreads codes evenly (chi-square over the first digit, real randomness)', () => {
    const counts = new Array(10).fill(0);
    const n = 20000;
    for (let i = 0; i < n; i++) counts[Number(generateLoginCode((k) => [...nodeRandomBytes(k)])[0])]++;
    const chi2 = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(33.7); // p = 0.0001 for 9 degrees of freedom
  });
});

describe('issueLoginCode / checkLoginCode', () => {
  const issue = (email = 'anna@example.com') =>
    issueLoginCode({ email, now: NOW, ttlMs: 600_000, key: KEY, hmac: nodeHmac, randomBytes: (n) => [...nodeRandomBytes(n)] });

  it('stores only a salted hash, never the code', () => {
    const { code, stored } = issue();
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(stored.expiresAt).toBe(NOW + 600_000);
    expect(stored.hash).toBe(hashLoginCode(code, 'anna@example.com', stored.salt, KEY, nodeHmac));
    // The same code and email under another salt hash differently.
    expect(hashLoginCode(code, 'anna@example.com', 'other-salt', KEY, nodeHmac)).not.toBe(stored.hash);
  });

  it('accepts the right code until it expires, refuses others', () => {
    const { code, stored } = issue();
    const wrong = String((Number(code) + 1) % 1e6).padStart(6, '0');
    expect(checkLoginCode(code, 'anna@example.com', stored, NOW, KEY, nodeHmac)).toBe('ok');
    expect(checkLoginCode(wrong, 'anna@example.com', stored, NOW, KEY, nodeHmac)).toBe('wrong');
    expect(checkLoginCode(code, 'anna@example.com', stored, stored.expiresAt - 1, KEY, nodeHmac)).toBe('ok');
    expect(checkLoginCode(code, 'anna@example.com', stored, stored.expiresAt, KEY, nodeHmac)).toBe('expired');
    expect(checkLoginCode(code, 'anna@example.com', null, NOW, KEY, nodeHmac)).toBe('none');
  });

  it('ties the code to its email and to the key', () => {
    const { code, stored } = issue('anna@example.com');
    expect(checkLoginCode(code, 'boris@example.com', stored, NOW, KEY, nodeHmac)).toBe('wrong');
    expect(checkLoginCode(code, 'anna@example.com', stored, NOW, 'another key', nodeHmac)).toBe('wrong');
  });

  it('reads back only well-formed stored codes', () => {
    const { stored } = issue();
    expect(asStoredLoginCode(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    for (const bad of [null, 'x', 1, {}, { salt: 's', hash: 'h' }, { salt: 's', hash: 'h', expiresAt: 'soon' }, { salt: 1, hash: 'h', expiresAt: 1 }]) {
      expect(asStoredLoginCode(bad)).toBeNull();
    }
  });
});
