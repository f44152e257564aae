// Text in an .xlsx file that reads back exactly. XML 1.0 cannot hold most C0 controls, U+FFFE, U+FFFF or a
// lone surrogate, its parsers turn "\r" into "\n", and exceljs' writer silently drops C0 controls and DEL.
// OOXML has an escape for exactly this (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): a character as `_xHHHH_`,
// and a literal "_" that would start such a sequence as `_x005F_`. Excel writes "\r" as `_x000D_` and reads
// these back; so does this codec, for cell text, formulas and tab names.

const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

const escape = (c: number): string => `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Whether an "_" at `i` would be read as the start of an escape. */
function startsEscape(text: string, i: number): boolean {
  if (text.charCodeAt(i + 1) !== 0x78 /* x */ || text.charCodeAt(i + 6) !== 0x5f /* _ */) return false;
  for (let k = i + 2; k < i + 6; k++) if (!isHex(text.charCodeAt(k))) return false;
  return true;
}

/**
 * Escapes what XML drops or changes (C0 controls, and tab and line feed too in an attribute, where XML turns
 * them into spaces), DEL (exceljs drops it), U+FFFE, U+FFFF, lone surrogates, and an "_" that starts an escape.
 */
function encode(text: string, attribute: boolean): string {
  let out: string | null = null;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      if (c !== 0x5f || !startsEscape(text, i)) continue;
    } else if (c >= 0x80 && c < 0xd800) continue; // most letters of most languages
    else if (c === 0x09 || c === 0x0a) {
      if (!attribute) continue;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a pair: one character, kept
        continue;
      }
    } else if (c >= 0x20 && c !== 0x7f && !(c >= 0xdc00 && c <= 0xdfff) && c !== 0xfffe && c !== 0xffff) continue;
    out = (out ?? '') + text.slice(from, i) + escape(c);
    from = i + 1;
  }
  return out === null ? text : out + text.slice(from);
}

/** Cell text or a formula as the file holds it. */
export function encodeXmlText(text: string): string {
  return encode(text, false);
}

/** A tab name as the file holds it. */
export function encodeXmlAttribute(text: string): string {
  return encode(text, true);
}

/** The text a file holds, as it was written (also reads the escapes of files written by Excel). */
export function decodeXmlText(text: string): string {
  return text.includes('_x') ? text.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}
