// The Apps Script side of login: crypto over Utilities, the signing key in Script Properties, the JSON
// script cache and the login mail, each against the emulated services.
import { describe, expect, it } from 'vitest';
import { installGasGlobals } from '../helpers/gas-globals.ts';
import { gasCrypto, hmacSha256, randomBytes } from '../../appsscript/src/gas/crypto.ts';
import { TOKEN_SIGNING_KEY, tokenSigningKey } from '../../appsscript/src/gas/secrets.ts';
import { scriptJsonCache } from '../../appsscript/src/gas/cache-store.ts';
import { emailCodeChannel, LOGIN_MAIL_SUBJECT, loginCodeMailBody } from '../../appsscript/src/gas/mailer.ts';
import { signToken, verifyToken } from '../../appsscript/src/domain/token.ts';
import { employee, nodeHmac } from './helpers.ts';

describe('gas/crypto', () => {
  it('computes the same unpadded base64url HMAC-SHA256 as node:crypto, for non-ASCII too', () => {
    installGasGlobals();
    for (const [data, key] of [['v1.abc', 'key'], ['сотрудник 😀', 'ключ'], ['', 'k']]) {
      expect(hmacSha256(data, key)).toBe(nodeHmac(data, key));
    }
    // So a token made on Apps Script verifies with node's HMAC and the other way round.
    const claims = { employeeId: 'E1', deviceId: 'd', expiresAt: 10, tokenVersion: 1 };
    expect(verifyToken(signToken(claims, 'k', gasCrypto.hmac), 'k', nodeHmac, { now: 0 })).toEqual(claims);
  });

  it('gives the asked number of bytes in 0..255, different every time, from getUuid digests', () => {
    const world = installGasGlobals();
    const a = randomBytes(40);
    const b = randomBytes(40);
    expect(a).toHaveLength(40);
    expect(a.every((x) => Number.isInteger(x) && x >= 0 && x <= 255)).toBe(true);
    expect(a).not.toEqual(b);
    // 40 bytes = 2 blocks of 32, 3 UUIDs per block, per call.
    expect(world.stats().calls['Utilities.getUuid']).toBe(12);
    expect(world.stats().calls['Utilities.computeDigest']).toBe(4);
    expect(randomBytes(0)).toEqual([]);
  });
});

describe('gas/secrets', () => {
  it('creates TOKEN_SIGNING_KEY on first use and returns the same key in later executions', () => {
    const world = installGasGlobals();
    const key = tokenSigningKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(PropertiesService.getScriptProperties().getProperty(TOKEN_SIGNING_KEY)).toBe(key);
    world.newExecution();
    expect(tokenSigningKey()).toBe(key);
    // Once made, reading it is one property read and takes no lock.
    expect(world.stats().calls['Properties.getProperty']).toBe(1);
    expect(world.stats().calls['Lock.waitLock']).toBeUndefined();
  });

  it('creates it under the script lock, and leaves a lock the caller holds held', () => {
    const world = installGasGlobals();
    const lock = LockService.getScriptLock();
    lock.waitLock(1000);
    tokenSigningKey();
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    world.newExecution();
    PropertiesService.getScriptProperties().deleteProperty(TOKEN_SIGNING_KEY);
    const fresh = tokenSigningKey();
    expect(world.stats().calls['Lock.waitLock']).toBe(1);
    expect(world.stats().calls['Lock.releaseLock']).toBe(1);
    expect(LockService.getScriptLock().hasLock()).toBe(false);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('never logs the key or writes it anywhere but Script Properties', () => {
    const world = installGasGlobals();
    tokenSigningKey();
    const calls = Object.keys(world.stats().calls);
    expect(calls.filter((c) => /^(Logger|console|Range|Sheet|Spreadsheet|Cache)/.test(c))).toEqual([]);
  });
});

describe('gas/cache-store', () => {
  it('round-trips JSON values and reads several keys in ONE service call', () => {
    const world = installGasGlobals();
    const cache = scriptJsonCache();
    cache.putAll({ a: { hits: [1, 2] }, b: 'text', c: 3 }, 60);
    world.newExecution();
    const again = scriptJsonCache();
    expect(again.getAll(['a', 'b', 'c', 'missing'])).toEqual({ a: { hits: [1, 2] }, b: 'text', c: 3 });
    expect(world.stats().calls['Cache.getAll']).toBe(1);
    expect(world.stats().calls['Cache.get']).toBeUndefined();
  });

  it('lets entries expire on the clock, removes in one call, and skips values that are not JSON', () => {
    const world = installGasGlobals();
    world.clock.set(Date.UTC(2026, 0, 1), { frozen: true });
    const cache = scriptJsonCache();
    cache.putAll({ a: 1, b: 2 }, 60);
    CacheService.getScriptCache().put('raw', '{not json');
    world.clock.advance(59_000);
    expect(cache.getAll(['a', 'raw'])).toEqual({ a: 1 });
    world.clock.advance(1_000);
    expect(cache.getAll(['a', 'b'])).toEqual({});
    cache.putAll({ x: 1, y: 2 }, 99_999); // longer than the cache keeps anything: clamped, not an error
    cache.removeAll(['x', 'y']);
    expect(cache.getAll(['x', 'y'])).toEqual({});
    expect(world.stats().calls['Cache.removeAll']).toBe(1);
  });
});

describe('gas/mailer', () => {
  it('mails the code in Russian and English, the code kept out of the subject', () => {
    const world = installGasGlobals();
    emailCodeChannel.send({ employee: employee({ email: 'anna@example.com' }), code: '042137', expiresInS: 600 });
    expect(world.deps.mailbox).toHaveLength(1);
    const mail = world.deps.mailbox[0];
    expect(mail.to).toBe('anna@example.com');
    expect(mail.subject).toBe(LOGIN_MAIL_SUBJECT);
    expect(mail.subject).not.toContain('042137');
    expect(mail.body).toContain('Ваш код входа в WorkTimeTracker: 042137');
    expect(mail.body).toContain('Your WorkTimeTracker login code: 042137');
    expect(mail.body).toMatch(/10 мин/);
    expect(mail.body).toMatch(/10 min/);
  });

  it('says the lifetime in whole minutes', () => {
    expect(loginCodeMailBody('1', 900)).toMatch(/15 min/);
  });
});
