// domain/bot-auth.ts: the canonical JSON both sides sign, and the checks of a bot request's envelope.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesToHex, canonicalJson, isReplay, nonceKey, signBotBody, verifyBotBody } from '../../appsscript/src/domain/bot-auth.ts';
import { canonicalJson as botCanonicalJson } from '../../bot/signing.ts';
import { ALERT_MAX_AGE_MS } from '../../common/bot-api.ts';
import { nodeHmacHex } from './helpers.ts';

const SECRET = 's3cret';
const NOW = Date.UTC(2026, 10, 24, 8, 0);

function signed(fields: Record<string, unknown>, ts = NOW): Record<string, unknown> {
  const body = { ...fields, ts, nonce: 'abcdef0123456789' };
  return { ...body, sig: signBotBody(body, SECRET, nodeHmacHex) };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson('строка "в кавычках"')).toBe('"строка \\"в кавычках\\""');
  });

  it('does not depend on the order an object was built in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reversed = JSON.parse(JSON.stringify(value), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('matches the bot\'s canonical form for every key a request can have', () => {
    // Keys that look like array indexes ("0") are the one difference: a JS object lists them first whatever
    // the order they were added in, so the bot's sort-then-stringify puts "0" before "". No request has them.
    const key = fc.string().filter((k) => !/^(0|[1-9]\d*)$/.test(k));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value')), fc.dictionary(key, tie('value'))),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(botCanonicalJson(value));
      }),
    );
  });
});

describe('verifyBotBody', () => {
  const opts = { secret: SECRET, now: NOW, hmacHex: nodeHmacHex };

  it('accepts a body signed with the secret, whatever its key order', () => {
    const body = signed({ op: 'bot.command', chat_id: '1', command: 'status' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(verifyBotBody(reordered, opts)).toEqual({ ok: true, ts: NOW, nonce: 'abcdef0123456789' });
  });

  it('refuses another secret, a changed field and a missing envelope', () => {
    const body = signed({ op: 'bot.command', chat_id: '1', command: 'status' });
    expect(verifyBotBody(body, { ...opts, secret: 'other' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyBotBody({ ...body, chat_id: '2' }, opts)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyBotBody({ ...body, ts: NOW + 1 }, opts)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyBotBody({ ...body, sig: 'zz' }, opts)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyBotBody({ ...body, nonce: 'short' }, opts)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyBotBody([body], opts)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyBotBody(null, opts)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a timestamp more than ALERT_MAX_AGE_MS away, either way, once the signature is right', () => {
    expect(verifyBotBody(signed({ op: 'x' }, NOW - ALERT_MAX_AGE_MS), opts).ok).toBe(true);
    expect(verifyBotBody(signed({ op: 'x' }, NOW - ALERT_MAX_AGE_MS - 1), opts)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyBotBody(signed({ op: 'x' }, NOW + ALERT_MAX_AGE_MS + 1), opts)).toEqual({ ok: false, reason: 'stale' });
  });
});

describe('nonces and hex', () => {
  it('keys a nonce in the cache and calls a remembered one a replay', () => {
    expect(nonceKey('abc_DEF-123')).toBe('wtt.bot.nonce.abc_DEF-123');
    expect(isReplay(undefined)).toBe(false);
    expect(isReplay({ used_at: NOW })).toBe(true);
  });

  it('writes bytes as hex, signed bytes (Apps Script) included', () => {
    expect(bytesToHex([0, 15, 16, 255, -1, -128])).toBe('000f10ffff80');
  });
});
