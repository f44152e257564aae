import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  base64urlDecode,
  base64urlEncode,
  checkTokenVersion,
  constantTimeEqual,
  signToken,
  utf8Decode,
  utf8Encode,
  verifyToken,
  type TokenClaims,
} from '../../appsscript/src/domain/token.ts';
import { Unauthorized } from '../../appsscript/src/errors.ts';
import { nodeHmac } from './helpers.ts';

const KEY = 'test-signing-key-0123456789abcdef';
const NOW = Date.UTC(2026, 2, 2, 9, 0);
const claims: TokenClaims = { employeeId: 'E1', deviceId: 'dev-1', expiresAt: NOW + 3600_000, tokenVersion: 3 };

function reasonOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(Unauthorized);
    expect((e as Unauthorized).code).toBe('unauthorized');
    expect((e as Unauthorized).message).toMatch(/ \/ /); // "English / Русский"
    return (e as Unauthorized).reason;
  }
  throw new Error('expected Unauthorized');
}

describe('signToken / verifyToken', () => {
  it('round-trips the claims of a valid token used from its own device', () => {
    const token = signToken(claims, KEY, nodeHmac);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyToken(token, KEY, nodeHmac, { now: NOW, deviceId: 'dev-1' })).toEqual(claims);
  });

  it('keeps non-ASCII ids intact (ids come from a sheet people type into)', () => {
    const c = { ...claims, employeeId: 'сотрудник-7 😀' };
    expect(verifyToken(signToken(c, KEY, nodeHmac), KEY, nodeHmac, { now: NOW })).toEqual(c);
  });

  it('skips the device check when the op carries no device id', () => {
    expect(verifyToken(signToken(claims, KEY, nodeHmac), KEY, nodeHmac, { now: NOW }).deviceId).toBe('dev-1');
  });

  it('refuses a token from another device: device_mismatch', () => {
    const token = signToken(claims, KEY, nodeHmac);
    expect(reasonOf(() => verifyToken(token, KEY, nodeHmac, { now: NOW, deviceId: 'dev-2' }))).toBe('device_mismatch');
  });

  it('refuses an expired token, from the expiry instant on: expired', () => {
    const token = signToken(claims, KEY, nodeHmac);
    expect(verifyToken(token, KEY, nodeHmac, { now: claims.expiresAt - 1 })).toEqual(claims);
    expect(reasonOf(() => verifyToken(token, KEY, nodeHmac, { now: claims.expiresAt }))).toBe('expired');
  });

  it('refuses forged tokens: edited claims, edited signature, another key', () => {
    const token = signToken(claims, KEY, nodeHmac);
    const [v, payload, sig] = token.split('.');
    const edited = base64urlEncode(utf8Encode(JSON.stringify({ emp: 'E2', dev: 'dev-1', exp: claims.expiresAt, ver: 3 })));
    expect(reasonOf(() => verifyToken(`${v}.${edited}.${sig}`, KEY, nodeHmac, { now: NOW }))).toBe('forged');
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    expect(reasonOf(() => verifyToken(`${v}.${payload}.${flipped}`, KEY, nodeHmac, { now: NOW }))).toBe('forged');
    expect(reasonOf(() => verifyToken(signToken(claims, 'another key', nodeHmac), KEY, nodeHmac, { now: NOW }))).toBe('forged');
  });

  it('refuses malformed tokens before anything else', () => {
    const good = signToken(claims, KEY, nodeHmac);
    const bad = ['', 'abc', 'v1..', 'v1.a', `v2.${good.slice(3)}`, `${good}.x`, good.replace('.', '.+'), 'v1.a b.c', 'x'.repeat(3000), 42 as unknown as string];
    for (const t of bad) expect(reasonOf(() => verifyToken(t, KEY, nodeHmac, { now: NOW })), String(t).slice(0, 40)).toBe('malformed');
  });

  it('calls a correctly signed payload that is not our claims malformed', () => {
    const sign = (json: string) => {
      const signed = `v1.${base64urlEncode(utf8Encode(json))}`;
      return `${signed}.${nodeHmac(signed, KEY)}`;
    };
    for (const json of ['not json', '[]', 'null', '{"emp":"","dev":"d","exp":1,"ver":1}', '{"emp":"E","dev":"d","exp":"1","ver":1}', '{"emp":"E","dev":"d","exp":1.5,"ver":1}']) {
      expect(reasonOf(() => verifyToken(sign(json), KEY, nodeHmac, { now: 0 })), json).toBe('malformed');
    }
  });

  it('checkTokenVersion: a bumped token_version revokes older tokens', () => {
    expect(() => checkTokenVersion(claims, { token_version: 3 })).not.toThrow();
    expect(reasonOf(() => checkTokenVersion(claims, { token_version: 4 }))).toBe('revoked');
  });
});

describe('base64url', () => {
  it('matches Node for every byte string (round trip, unpadded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const enc = base64urlEncode(bytes);
        expect(enc).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64urlDecode(enc)).toEqual([...bytes]);
      }),
    );
  });

  it("takes Apps Script's signed bytes (-128..127) as the same bytes", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -128, max: 127 }), { maxLength: 100 }), (signed) => {
        expect(base64urlEncode(signed)).toBe(Buffer.from(signed.map((b) => b & 0xff)).toString('base64url'));
      }),
    );
  });

  it('accepts padding and refuses foreign characters, impossible lengths and non-canonical endings', () => {
    expect(base64urlDecode('YQ==')).toEqual([0x61]);
    for (const bad of ['a', 'ab+c', 'ab/c', 'a b', 'YR', 'YWF']) expect(() => base64urlDecode(bad), bad).toThrow();
  });
});

describe('utf8', () => {
  it('encodes every string as Node does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(utf8Encode(s)).toEqual([...Buffer.from(s, 'utf8')]);
        expect(utf8Decode(utf8Encode(s))).toBe(s);
      }),
    );
  });

  it('decodes exactly what a strict decoder accepts', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let expected: string | null = null;
        try {
          expected = strict.decode(bytes);
        } catch {
          expected = null;
        }
        if (expected === null) expect(() => utf8Decode(bytes)).toThrow();
        else expect(utf8Decode(bytes)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('constantTimeEqual', () => {
  it('is plain string equality', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => constantTimeEqual(a, b) === (a === b)));
    fc.assert(fc.property(fc.string(), (a) => constantTimeEqual(a, a)));
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
