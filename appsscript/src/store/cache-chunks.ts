// Splitting a long string into pieces that each fit one CacheService value (100 KB, counted in UTF-8 bytes:
// a Cyrillic letter is 2 bytes). Pieces never split a surrogate pair, so each is valid text on its own.

/** Bytes per piece, under the 100 KB limit with room for the stamp prefix. */
export const CHUNK_BYTES = 90 * 1024;

/** UTF-8 bytes of the character at i and how many UTF-16 units it spans (a lone surrogate becomes U+FFFD). */
function charAt(s: string, i: number): { bytes: number; units: number } {
  const code = s.charCodeAt(i);
  if (code < 0x80) return { bytes: 1, units: 1 };
  if (code < 0x800) return { bytes: 2, units: 1 };
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
    const next = s.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return { bytes: 4, units: 2 };
  }
  return { bytes: 3, units: 1 };
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const c = charAt(s, i);
    n += c.bytes;
    i += c.units;
  }
  return n;
}

export function splitUtf8(s: string, maxBytes = CHUNK_BYTES): string[] {
  if (maxBytes < 4) throw new Error('splitUtf8: maxBytes must be at least 4');
  const pieces: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < s.length; ) {
    const c = charAt(s, i);
    if (bytes + c.bytes > maxBytes) {
      pieces.push(s.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += c.bytes;
    i += c.units;
  }
  if (start < s.length || pieces.length === 0) pieces.push(s.slice(start));
  return pieces;
}
