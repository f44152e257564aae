// Utilities against developers.google.com/apps-script/reference/utilities/utilities and Java's
// SimpleDateFormat (which formatDate/parseDate follow). Expected digests are the published test vectors.
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createDirectContext } from '../../emulator/runtime/direct.ts';
import { createUtilities } from '../../emulator/gas/utilities.ts';

function setup() {
  const ctx = createDirectContext({});
  return { ctx, Utilities: createUtilities(ctx) };
}

const hex = (bytes: number[]) => bytes.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');
const D = (iso: string) => new Date(iso);

describe('Utilities digests and signatures', () => {
  it('computeDigest returns signed bytes (-128..127) of the digest (utilities#computeDigest)', () => {
    const { Utilities } = setup();
    const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc');
    expect(md5).toEqual([-112, 1, 80, -104, 60, -46, 79, -80, -42, -106, 63, 125, 40, -31, 127, 114]);
    expect(md5.every((b) => b >= -128 && b <= 127)).toBe(true);
    expect(hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_1, 'abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(Utilities.computeDigest(Utilities.DigestAlgorithm.MD2, 'abc'))).toBe('da853b0d3f88d99b30283a69e6ded6bb');
    expect(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_512, '')).toHaveLength(64);
    expect(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_384, '')).toHaveLength(48);
  });

  it('accepts a byte array (signed or not) or a string with a charset; US_ASCII turns other characters into "?"', () => {
    const { Utilities } = setup();
    const { MD5 } = Utilities.DigestAlgorithm;
    expect(Utilities.computeDigest(MD5, [97, 98, 99])).toEqual(Utilities.computeDigest(MD5, 'abc'));
    expect(Utilities.computeDigest(MD5, [-61, -87])).toEqual(Utilities.computeDigest(MD5, 'é', Utilities.Charset.UTF_8));
    expect(Utilities.computeDigest(MD5, 'é', Utilities.Charset.US_ASCII)).toEqual(Utilities.computeDigest(MD5, '?'));
    expect(() => Utilities.computeDigest('SHA_3' as unknown as GoogleAppsScript.Utilities.DigestAlgorithm, 'x')).toThrow(
      "The parameters (String,String) don't match the method signature for Utilities.computeDigest.",
    );
  });

  it('computeHmacSha256Signature signs strings or byte arrays (utilities#computeHmacSha256Signature)', () => {
    const { Utilities } = setup();
    const sig = Utilities.computeHmacSha256Signature('The quick brown fox jumps over the lazy dog', 'key');
    expect(hex(sig)).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    expect(sig[0]).toBe(0xf7 - 256);
    const bytes = (s: string) => Array.from(Buffer.from(s));
    expect(Utilities.computeHmacSha256Signature(bytes('The quick brown fox jumps over the lazy dog'), bytes('key'))).toEqual(sig);
    expect(() => Utilities.computeHmacSha256Signature('x', [1, 2] as unknown as string)).toThrow("don't match the method signature");
  });

  // The reference pages do not say which charset a String without one is read in. Observed on Google:
  // gas-fakes' test/testutilities.js ("utilities digest", "utilities hmac"), whose expected values were
  // taken from live Apps Script runs, gives US-ASCII ("default charset with special text is US_ASCII"):
  // the digest of '€🙂' is the digest of '??', and HMAC('café', '€🙂') is HMAC('caf?', '??').
  it('reads a string given without a charset as US-ASCII, not UTF-8: other characters hash as "?"', () => {
    const { Utilities } = setup();
    const { MD5, SHA_256 } = Utilities.DigestAlgorithm;
    expect(Utilities.computeDigest(MD5, '€🙂')).toEqual([-22, 3, -4, -72, -60, 120, 34, -68, -25, 114, -49, 108, 7, -48, -21, -69]);
    expect(Utilities.computeDigest(SHA_256, '€🙂')).toEqual(Utilities.computeDigest(SHA_256, '??'));
    expect(Utilities.computeDigest(SHA_256, '€🙂')).not.toEqual(Utilities.computeDigest(SHA_256, '€🙂', Utilities.Charset.UTF_8));
    expect(Utilities.computeDigest(MD5, 'input to hash')).toEqual([-16, -20, -112, 64, -50, -47, -118, 102, -113, 70, -112, 94, -34, -49, 117, -103]);
    expect(Utilities.computeHmacSha256Signature('café', '€🙂')).toEqual([
      -125, 73, -127, -128, -43, -39, 99, -10, 39, -49, -128, 27, 8, -117, 4, -120, -26, -111, 16, 114, -115, 1, -1, -68, -27, 88, 7, 117, 55, -87, -123, -52,
    ]);
    expect(Utilities.computeHmacSha256Signature('café', '€🙂', Utilities.Charset.UTF_8)).toEqual([
      76, -16, 35, 99, -128, 106, -22, -17, -102, -19, 4, 97, -75, 64, 107, 79, 99, 19, -54, -6, 90, 54, 121, -39, -126, 13, 2, -40, -84, 109, -2, 115,
    ]);
    // Bytes are bytes: a Byte[] is hashed as given, and no overload takes a Byte[] with a charset.
    expect(Utilities.computeDigest(MD5, [-30, -126, -84])).toEqual(Utilities.computeDigest(MD5, '€', Utilities.Charset.UTF_8));
    const bytes = (b: number[]) => b as unknown as string; // the typings have no Byte[] + Charset overload, hence the test
    expect(() => Utilities.computeDigest(MD5, bytes([0, 1, 2]), Utilities.Charset.UTF_8)).toThrow(
      "The parameters (String,number[],String) don't match the method signature for Utilities.computeDigest.",
    );
    expect(() => Utilities.computeHmacSha256Signature(bytes([1]), bytes([2]), Utilities.Charset.UTF_8)).toThrow("don't match the method signature");
  });
});

describe('Utilities base64 and blobs', () => {
  it('base64Encode / base64Decode round-trip strings and bytes (utilities#base64Encode, #base64Decode)', () => {
    const { Utilities } = setup();
    expect(Utilities.base64Encode('Hello, world!')).toBe('SGVsbG8sIHdvcmxkIQ==');
    expect(Utilities.base64Encode('é', Utilities.Charset.UTF_8)).toBe('w6k=');
    expect(Utilities.base64Encode([-5, -1])).toBe('+/8=');
    expect(Utilities.base64Decode('SGVsbG8=')).toEqual([72, 101, 108, 108, 111]);
    expect(Utilities.base64Decode('+/8=')).toEqual([-5, -1]);
    expect(Utilities.newBlob(Utilities.base64Decode('w6k=')).getDataAsString()).toBe('é');
    expect(() => Utilities.base64Decode('not base64!')).toThrow('Could not decode string.');
  });

  it('the web-safe variants use - and _ and keep the padding (utilities#base64EncodeWebSafe, #base64DecodeWebSafe)', () => {
    const { Utilities } = setup();
    expect(Utilities.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
    expect(Utilities.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
    expect(Utilities.base64DecodeWebSafe('-_8')).toEqual([-5, -1]);
    expect(() => Utilities.base64DecodeWebSafe('+/8=')).toThrow('Could not decode string.');
  });

  it('newBlob keeps the data: getBytes gives signed UTF-8 bytes, getDataAsString decodes them (blob#getBytes, #getDataAsString)', () => {
    const { Utilities } = setup();
    const blob = Utilities.newBlob('héllo');
    expect(blob.getBytes()).toEqual([104, -61, -87, 108, 108, 111]);
    expect(blob.getDataAsString()).toBe('héllo');
    expect(Utilities.newBlob([104, 105]).getDataAsString()).toBe('hi');
    expect(Utilities.newBlob('x', 'text/csv', 'a.csv').getContentType()).toBe('text/csv');
  });

  it('getUuid gives a fresh RFC 4122 UUID each call (utilities#getUuid)', () => {
    const { Utilities } = setup();
    const a = Utilities.getUuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Utilities.getUuid()).not.toBe(a);
  });
});

describe('Utilities.formatDate (Java SimpleDateFormat)', () => {
  const at = D('2024-01-15T12:34:56.789Z'); // a Monday

  it('formats numbers, names and quoted text in the given time zone', () => {
    const { Utilities } = setup();
    const f = (tz: string, p: string) => Utilities.formatDate(at, tz, p);
    expect(f('Europe/Moscow', 'yyyy-MM-dd HH:mm:ss.SSS')).toBe('2024-01-15 15:34:56.789');
    expect(f('Europe/Moscow', 'EEE, d MMM yyyy HH:mm:ss Z')).toBe('Mon, 15 Jan 2024 15:34:56 +0300');
    expect(f('Europe/Moscow', 'EEEE d MMMM yy')).toBe('Monday 15 January 24');
    expect(f('America/New_York', 'h:mm a')).toBe('7:34 AM');
    expect(f('Europe/Moscow', 'hh:mm a, K k')).toBe('03:34 PM, 3 15');
    expect(f('UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2024-01-15T12:34:56Z');
    expect(f('Asia/Kolkata', 'XXX XX X')).toBe('+05:30 +0530 +05');
    expect(f('Europe/Moscow', "'o''clock' ''")).toBe("o'clock '");
    expect(f('Europe/Moscow', 'D w W F u')).toBe('15 3 3 3 1');
    expect(f('Europe/Moscow', 'M/d/y')).toBe('1/15/2024');
    expect(f('Europe/Moscow', 'S')).toBe('789');
    expect(f('Europe/Moscow', 'G')).toBe('AD');
  });

  it('names zones as Java does (z, zzzz), and follows daylight saving time', () => {
    const { Utilities } = setup();
    expect(Utilities.formatDate(at, 'Europe/Moscow', 'z')).toBe('MSK');
    expect(Utilities.formatDate(at, 'America/New_York', 'z zzzz')).toBe('EST Eastern Standard Time');
    expect(Utilities.formatDate(D('2024-07-15T12:00:00Z'), 'America/New_York', 'HH:mm z')).toBe('08:00 EDT');
    // Spring forward in New York: 01:59:59 EST is followed by 03:00:00 EDT.
    expect(Utilities.formatDate(D('2024-03-10T06:59:59Z'), 'America/New_York', 'HH:mm:ss z')).toBe('01:59:59 EST');
    expect(Utilities.formatDate(D('2024-03-10T07:00:00Z'), 'America/New_York', 'HH:mm:ss z')).toBe('03:00:00 EDT');
    // Fall back in Berlin: 02:30 happens twice.
    expect(Utilities.formatDate(D('2024-10-27T00:30:00Z'), 'Europe/Berlin', 'HH:mm z Z')).toBe('02:30 CEST +0200');
    expect(Utilities.formatDate(D('2024-10-27T01:30:00Z'), 'Europe/Berlin', 'HH:mm z Z')).toBe('02:30 CET +0100');
    expect(Utilities.formatDate(at, 'Etc/GMT-3', 'HH:mm z')).toBe('15:34 GMT+03:00');
  });

  it('reads custom GMT offsets, and an unknown zone as GMT (java.util.TimeZone)', () => {
    const { Utilities } = setup();
    expect(Utilities.formatDate(at, 'GMT+3', 'HH:mm z')).toBe('15:34 GMT+03:00');
    expect(Utilities.formatDate(at, 'GMT-05:30', 'HH:mm Z')).toBe('07:04 -0530');
    expect(Utilities.formatDate(at, 'Mars/Olympus', 'HH:mm z')).toBe('12:34 GMT');
    expect(Utilities.formatDate(at, 'europe/moscow', 'HH:mm')).toBe('12:34');
  });

  it('counts weeks as the US calendar does: the week holding January 1 is week 1', () => {
    const { Utilities } = setup();
    expect(Utilities.formatDate(D('2025-12-31T12:00:00Z'), 'UTC', 'w YYYY yyyy')).toBe('1 2026 2025');
    expect(Utilities.formatDate(D('2026-01-03T12:00:00Z'), 'UTC', 'w')).toBe('1');
    expect(Utilities.formatDate(D('2026-01-04T12:00:00Z'), 'UTC', 'w EEE')).toBe('2 Sun');
  });

  it('rejects an illegal pattern letter and arguments of the wrong type', () => {
    const { Utilities } = setup();
    expect(() => Utilities.formatDate(at, 'UTC', 'yyyy qq')).toThrow("Illegal pattern character 'q'");
    expect(() => Utilities.formatDate(at, 'UTC', "'open")).toThrow('Unterminated quote');
    expect(() => Utilities.formatDate('2024-01-01' as unknown as Date, 'UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });

  it('accepts a Date of the execution\'s own realm', () => {
    const { Utilities } = setup();
    const realmDate = vm.runInNewContext('new Date(Date.UTC(2024, 0, 15, 12, 34, 56))') as Date;
    expect(realmDate instanceof Date).toBe(false);
    expect(Utilities.formatDate(realmDate, 'UTC', 'HH:mm:ss')).toBe('12:34:56');
  });
});

describe('Utilities.parseDate (Java SimpleDateFormat, lenient)', () => {
  it('parses in the given time zone (utilities#parseDate)', () => {
    const { Utilities } = setup();
    expect(Utilities.parseDate('15/01/2024 15:34', 'Europe/Moscow', 'dd/MM/yyyy HH:mm').toISOString()).toBe('2024-01-15T12:34:00.000Z');
    expect(Utilities.parseDate('20240115', 'UTC', 'yyyyMMdd').toISOString()).toBe('2024-01-15T00:00:00.000Z');
    expect(Utilities.parseDate('Jan 5, 2024 3:07 PM', 'America/New_York', 'MMM d, yyyy h:mm a').toISOString()).toBe('2024-01-05T20:07:00.000Z');
    expect(Utilities.parseDate('2024-01-15T10:00:00+05:00', 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX").toISOString()).toBe('2024-01-15T05:00:00.000Z');
    // Lenient: month 13 is January of the next year; a time skipped by DST moves forward.
    expect(Utilities.parseDate('2024-13-01', 'UTC', 'yyyy-MM-dd').toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(Utilities.parseDate('2024-03-10 02:30', 'America/New_York', 'yyyy-MM-dd HH:mm').toISOString()).toBe('2024-03-10T07:30:00.000Z');
  });

  it('fails on text that does not fit the pattern', () => {
    const { Utilities } = setup();
    expect(() => Utilities.parseDate('yesterday', 'UTC', 'yyyy-MM-dd')).toThrow('Unparseable date: "yesterday"');
  });
});

describe('Utilities.sleep', () => {
  it('blocks for the given milliseconds and adds them to the projection (utilities#sleep)', () => {
    const { Utilities, ctx } = setup();
    const t0 = performance.now();
    Utilities.sleep(60);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
    expect(ctx.meter.waitMs).toBe(60);
  });

  it('refuses more than 300000 ms (utilities#sleep: "The maximum allowed value is 300000")', () => {
    const { Utilities } = setup();
    expect(() => Utilities.sleep(300001)).toThrow();
  });
});
