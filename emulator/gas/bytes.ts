// Bytes as Apps Script hands them to scripts, and the digests and signatures made over them. Byte arrays
// are Java bytes: signed, -128..127. A string becomes bytes through a Java charset (String.getBytes).
import crypto from 'node:crypto';

/** The charsets of Utilities.Charset, by their enum names. */
export type JavaCharset = 'US_ASCII' | 'UTF_8';

/** The digests of Utilities.DigestAlgorithm, by their enum names. */
export const DIGEST_ALGORITHMS = ['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const;
export type DigestName = (typeof DIGEST_ALGORITHMS)[number];

const NODE_DIGEST: Record<Exclude<DigestName, 'MD2'>, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** A Byte[] from the script (signed or not) as raw bytes. */
export function fromByteArray(bytes: ArrayLike<unknown>): Buffer {
  return Buffer.from(Array.from(bytes, (b) => Number(b) & 0xff));
}

/**
 * Java's String.getBytes(charset). US-ASCII replaces every character it cannot encode with '?', one '?'
 * per code point (a surrogate pair is one character to Java's encoder).
 */
export function encodeString(s: string, charset: JavaCharset): Buffer {
  if (charset === 'US_ASCII') {
    let out = '';
    for (const ch of s) out += ch.codePointAt(0)! < 0x80 ? ch : '?';
    return Buffer.from(out, 'latin1');
  }
  return Buffer.from(s, 'utf8');
}

/** reference/base/blob#getDataAsString(charset): charset names as Java knows them (UTF-8, US-ASCII...). */
export function decodeBytes(bytes: Uint8Array, charset = 'UTF-8'): string {
  return new TextDecoder(charset.replace(/_/g, '-')).decode(bytes);
}

export function digest(algorithm: DigestName, data: Uint8Array): Buffer {
  return algorithm === 'MD2' ? md2(data) : crypto.createHash(NODE_DIGEST[algorithm]).update(data).digest();
}

export function hmacSha256(data: Uint8Array, key: Uint8Array): Buffer {
  return crypto.createHmac('sha256', key).update(data).digest();
}

/** MD2 (RFC 1319): OpenSSL 3 no longer ships it, and DigestAlgorithm still offers it. */
export function md2(data: Uint8Array): Buffer {
  const S = MD2_S;
  const padLen = 16 - (data.length % 16);
  const msg = new Uint8Array(data.length + padLen + 16);
  msg.set(data);
  msg.fill(padLen, data.length, data.length + padLen);
  const n = data.length + padLen;
  const checksum = new Uint8Array(16);
  let last = 0;
  for (let i = 0; i < n; i += 16) {
    for (let j = 0; j < 16; j++) last = checksum[j] ^= S[msg[i + j] ^ last];
  }
  msg.set(checksum, n);
  const x = new Uint8Array(48);
  for (let i = 0; i < n + 16; i += 16) {
    for (let j = 0; j < 16; j++) {
      x[16 + j] = msg[i + j];
      x[32 + j] = x[16 + j] ^ x[j];
    }
    let t = 0;
    for (let j = 0; j < 18; j++) {
      for (let k = 0; k < 48; k++) t = x[k] ^= S[t];
      t = (t + j) & 0xff;
    }
  }
  return Buffer.from(x.subarray(0, 16));
}

// The MD2 substitution table: a permutation of 0..255 built from the digits of pi (RFC 1319).
const MD2_S = Uint8Array.from(
  ('41 46 67 201 162 216 124 1 61 54 84 161 236 240 6 19 98 167 5 243 192 199 115 140 152 147 43 217 188 76 130 202 ' +
    '30 155 87 60 253 212 224 22 103 66 111 24 138 23 229 18 190 78 196 214 218 158 222 73 160 251 245 142 187 47 238 122 ' +
    '169 104 121 145 21 178 7 63 148 194 16 137 11 34 95 33 128 127 93 154 90 144 50 39 53 62 204 231 191 247 151 3 ' +
    '255 25 48 179 72 165 181 209 215 94 146 42 172 86 170 198 79 184 56 210 150 164 125 182 118 252 107 226 156 116 4 241 ' +
    '69 157 112 89 100 113 135 32 134 91 207 101 230 45 168 2 27 96 37 173 174 176 185 246 28 70 97 105 52 64 126 15 ' +
    '85 71 163 35 221 81 175 58 195 92 249 206 186 197 234 38 44 83 13 110 133 40 132 9 211 223 205 244 65 129 77 82 ' +
    '106 220 55 200 108 193 171 250 36 225 123 8 12 189 177 74 120 136 149 139 227 99 232 109 233 203 213 254 59 0 29 57 ' +
    '242 239 183 14 102 88 208 228 166 119 114 248 235 117 75 10 49 68 80 180 143 237 31 26 219 153 141 51 159 17 131 20')
    .split(' ')
    .map(Number),
);
