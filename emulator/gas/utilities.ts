// The Utilities service facade. Its work is done in the execution's own thread, by the engines it wraps:
// bytes.ts (charsets, digests, signatures), blob.ts, and the Java time-zone and SimpleDateFormat engines
// of model/ (java-time.ts, simple-date-format.ts). What is Apps Script's own is here: argument checking
// with its messages, the enums, the meter.
import crypto from 'node:crypto';
import type { FacadeContext } from '../runtime/contracts.ts';
import { resolveZone } from '../model/java-time.ts';
import { formatInZone, parseInZone } from '../model/simple-date-format.ts';
import { DIGEST_ALGORITHMS, digest, encodeString, fromByteArray, hmacSha256, toSignedBytes, type DigestName, type JavaCharset } from './bytes.ts';
import { EmuBlob } from './blob.ts';

// Enums. Values are their names (strings): they compare equal with == and ===, print as their names,
// and cross threads as plain data.

export const DigestAlgorithm = Object.freeze(Object.fromEntries(DIGEST_ALGORITHMS.map((a) => [a, a])) as { readonly [A in DigestName]: A });

export const Charset = Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const satisfies Record<JavaCharset, JavaCharset>);

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function isByteArray(v: unknown): v is number[] {
  return Array.isArray(v) || v instanceof Uint8Array || v instanceof Int8Array;
}

/** How Apps Script names argument types in "The parameters (...) don't match..." */
function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (isDate(v)) return 'Date';
  if (Array.isArray(v)) return 'number[]';
  return 'Object';
}

export const MAX_SLEEP_MS = 300000;

type UtilitiesApi = Pick<
  GoogleAppsScript.Utilities.Utilities,
  | 'DigestAlgorithm'
  | 'Charset'
  | 'computeDigest'
  | 'computeHmacSha256Signature'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'newBlob'
  | 'getUuid'
  | 'formatDate'
  | 'parseDate'
  | 'sleep'
>;

export function createUtilities(ctx: FacadeContext): UtilitiesApi {
  const signatureError = (method: string, args: unknown[]): never =>
    ctx.fail(`The parameters (${args.map(typeName).join(',')}) don't match the method signature for Utilities.${method}.`);

  /** No charset given: `fallback`; otherwise one of Utilities.Charset, or the call matches no overload. */
  const checkedCharset = (method: string, args: unknown[], charset: unknown, fallback: JavaCharset): JavaCharset => {
    if (charset === undefined) return fallback;
    if (charset !== Charset.UTF_8 && charset !== Charset.US_ASCII) signatureError(method, args);
    return charset as JavaCharset;
  };

  /** A String (encoded with the charset) or a Byte[] */
  const bytesOf = (method: string, args: unknown[], value: unknown, charset: JavaCharset): Buffer => {
    if (typeof value === 'string') return encodeString(value, charset);
    if (isByteArray(value)) return fromByteArray(value);
    return signatureError(method, args);
  };

  /**
   * The digest and signature overloads: (String), (String, Charset) or (Byte[]); a Byte[] with a charset
   * matches none. A String without a charset is US-ASCII, not UTF-8 (observed on Google, see
   * tests/emulator/conformance-utilities.test.ts): every other character hashes as '?'.
   */
  const hashInput = (method: string, args: unknown[], value: unknown, charset: unknown): Buffer => {
    if (isByteArray(value) && charset !== undefined) signatureError(method, args);
    return bytesOf(method, args, value, checkedCharset(method, args, charset, Charset.US_ASCII));
  };

  const decodeBase64 = (method: string, encoded: unknown, webSafe: boolean): number[] => {
    if (typeof encoded !== 'string') signatureError(method, [encoded]);
    const s = (encoded as string).replace(/\s+/g, '');
    const alphabet = webSafe ? /^[A-Za-z0-9\-_]*=*$/ : /^[A-Za-z0-9+/]*=*$/;
    if (!alphabet.test(s) || s.replace(/=+$/, '').length % 4 === 1) ctx.fail('Could not decode string.');
    return toSignedBytes(Buffer.from(s, webSafe ? 'base64url' : 'base64'));
  };

  const encodeBase64 = (method: string, args: unknown[], data: unknown, charset: unknown, webSafe: boolean): string => {
    const bytes = bytesOf(method, args, data, checkedCharset(method, args, charset, Charset.UTF_8));
    const s = bytes.toString('base64');
    // Apps Script's web-safe alphabet keeps the '=' padding.
    return webSafe ? s.replace(/\+/g, '-').replace(/\//g, '_') : s;
  };

  const api: UtilitiesApi = {
    DigestAlgorithm: DigestAlgorithm as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm,
    Charset: Charset as unknown as typeof GoogleAppsScript.Utilities.Charset,

    computeDigest(algorithm: GoogleAppsScript.Utilities.DigestAlgorithm, value: any, charset?: any): number[] {
      const args = charset === undefined ? [algorithm, value] : [algorithm, value, charset];
      const alg = String(algorithm);
      if (!Object.hasOwn(DigestAlgorithm, alg)) signatureError('computeDigest', args);
      const bytes = hashInput('computeDigest', args, value, charset);
      ctx.meter.count('Utilities.computeDigest');
      return toSignedBytes(digest(alg as DigestName, bytes));
    },

    computeHmacSha256Signature(value: any, key: any, charset?: any): number[] {
      const args = charset === undefined ? [value, key] : [value, key, charset];
      // Both strings or both byte arrays, as the overloads say.
      if ((typeof value === 'string') !== (typeof key === 'string')) signatureError('computeHmacSha256Signature', args);
      const v = hashInput('computeHmacSha256Signature', args, value, charset);
      const k = hashInput('computeHmacSha256Signature', args, key, charset);
      ctx.meter.count('Utilities.computeHmacSha256Signature');
      return toSignedBytes(hmacSha256(v, k));
    },

    base64Encode(data: any, charset?: any): string {
      const args = charset === undefined ? [data] : [data, charset];
      const out = encodeBase64('base64Encode', args, data, charset, false);
      ctx.meter.count('Utilities.base64Encode');
      return out;
    },

    base64EncodeWebSafe(data: any, charset?: any): string {
      const args = charset === undefined ? [data] : [data, charset];
      const out = encodeBase64('base64EncodeWebSafe', args, data, charset, true);
      ctx.meter.count('Utilities.base64EncodeWebSafe');
      return out;
    },

    base64Decode(encoded: string): number[] {
      const out = decodeBase64('base64Decode', encoded, false);
      ctx.meter.count('Utilities.base64Decode');
      return out;
    },

    base64DecodeWebSafe(encoded: string): number[] {
      const out = decodeBase64('base64DecodeWebSafe', encoded, true);
      ctx.meter.count('Utilities.base64DecodeWebSafe');
      return out;
    },

    newBlob(data: any, contentType?: string, name?: string): GoogleAppsScript.Base.Blob {
      const args = [data, contentType, name].filter((a) => a !== undefined);
      const bytes = bytesOf('newBlob', args, data, 'UTF_8');
      ctx.meter.count('Utilities.newBlob');
      return new EmuBlob(ctx, bytes, contentType ?? null, name ?? null) as unknown as GoogleAppsScript.Base.Blob;
    },

    getUuid(): string {
      ctx.meter.count('Utilities.getUuid');
      return crypto.randomUUID();
    },

    /** reference/utilities/utilities#formatDate: "Formats date according to specification described in Java SE SimpleDateFormat class". */
    formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
      const args = [date, timeZone, format];
      if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') signatureError('formatDate', args);
      const ms = (date as unknown as Date).getTime();
      if (Number.isNaN(ms)) ctx.fail('Invalid argument: date');
      let out = '';
      try {
        out = formatInZone(ms, resolveZone(timeZone), format);
      } catch (e) {
        // Java's IllegalArgumentException text, e.g. "Illegal pattern character 'q'".
        ctx.fail((e as Error).message);
      }
      ctx.meter.count('Utilities.formatDate');
      return out;
    },

    parseDate(date: string, timeZone: string, format: string): Date {
      const args = [date, timeZone, format];
      if (typeof date !== 'string' || typeof timeZone !== 'string' || typeof format !== 'string') signatureError('parseDate', args);
      let ms: number | null = null;
      try {
        ms = parseInZone(date, resolveZone(timeZone), format);
      } catch (e) {
        ctx.fail((e as Error).message);
      }
      if (ms === null || Number.isNaN(ms)) ctx.fail(`Unparseable date: "${date}"`);
      ctx.meter.count('Utilities.parseDate');
      return ctx.toDate(ms as number);
    },

    /** reference/utilities/utilities#sleep: "The maximum allowed value is 300000 (or 5 minutes)." */
    sleep(milliseconds: number): void {
      const ms = Math.trunc(Number(milliseconds));
      if (!Number.isFinite(ms)) ctx.fail(`Cannot convert '${String(milliseconds)}' to int.`);
      if (ms > MAX_SLEEP_MS) ctx.fail('Invalid argument: milliseconds');
      ctx.meter.count('Utilities.sleep');
      if (ms <= 0) return;
      // Blocks this execution's thread only: a private cell nobody will ever notify.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      ctx.meter.addWaitMs(ms);
    },
  };
  return api;
}
