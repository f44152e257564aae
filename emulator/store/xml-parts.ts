// The parts of an .xlsx file on their way into exceljs' XML parser: chunks cut on whole UTF-8 characters, the
// characters XML forbids dropped (only when asked to repair a file), and, when the parser fails, the cells
// where it failed.
import { StringDecoder } from 'node:string_decoder';
import type { UnreadableCell } from './errors.ts';
import type { ZipReader } from './zip-reader.ts';

/**
 * The same bytes, re-chunked so that every chunk ends on a whole UTF-8 character: exceljs decodes each chunk
 * on its own, so a character split between two chunks (any Cyrillic letter may be) came back as U+FFFD.
 */
export async function* utf8Aligned(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  for await (const chunk of source) {
    const bytes: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = wholeCharactersEnd(bytes);
    carry = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : null;
    if (cut > 0) yield cut < bytes.length ? bytes.subarray(0, cut) : bytes;
  }
  if (carry) yield carry;
}

/** Where the last whole character of `bytes` ends. */
function wholeCharactersEnd(bytes: Buffer): number {
  for (let i = bytes.length - 1, have = 1; i >= 0 && have <= 4; i--, have++) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: its lead byte is further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > have ? i : bytes.length;
  }
  return bytes.length; // not UTF-8 here: passed on as it is, the parser will say so
}

/** Characters XML 1.0 cannot hold anywhere in a document (after UTF-8 decoding, which leaves no surrogates). */
const notXml = (c: number): boolean => (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff;

/** The same XML without the characters XML forbids; `onDropped` is told how many, if any, at the end. */
export async function* cleanXmlChars(source: AsyncIterable<Buffer>, onDropped: (count: number) => void): AsyncGenerator<Buffer> {
  const decoder = new StringDecoder('utf8');
  let dropped = 0;
  const clean = (text: string): Buffer => {
    let out = '';
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      if (!notXml(text.charCodeAt(i))) continue;
      out += text.slice(from, i);
      from = i + 1;
      dropped++;
    }
    return Buffer.from(from === 0 ? text : out + text.slice(from), 'utf8');
  };
  for await (const chunk of source) yield clean(decoder.write(chunk));
  const rest = decoder.end();
  if (rest) yield clean(rest);
  if (dropped) onDropped(dropped);
}

async function partText(zip: ZipReader, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of zip.stream(name)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const MAX_CELLS_NAMED = 10;

/**
 * The cells a parse error of part `name` sits in: in a worksheet, the cell around the error's position; in
 * the shared strings, every cell that shows the broken string. Errors say "line:column: message" (saxes).
 */
export async function locateXmlError(
  zip: ZipReader,
  name: string,
  error: Error,
  tabs: readonly { name: string; part: string }[],
): Promise<UnreadableCell[]> {
  const m = /(\d+):(\d+): ([^\n]*)$/.exec(error.message);
  const problem = `text the XML parser refuses (${m ? m[3] : error.message})`;
  if (!m) return [];
  const text = await partText(zip, name);
  let offset = 0;
  for (let line = 1; line < Number(m[1]) && offset >= 0; line++) offset = text.indexOf('\n', offset) + 1;
  offset = Math.min(text.length, Math.max(0, offset) + Number(m[2]));

  const tab = tabs.find((t) => t.part === name);
  if (tab) {
    const start = text.lastIndexOf('<c ', offset);
    const ref = start >= 0 ? /\br="([A-Z]+\d+)"/.exec(text.slice(start, text.indexOf('>', start) + 1))?.[1] : undefined;
    return [{ tab: tab.name, cell: ref ?? '', problem }];
  }
  if (!/sharedStrings\.xml$/.test(name)) return [];
  // The shared strings: which <si> (0-based) holds the error, then the cells that show it.
  const index = (text.slice(0, offset).match(/<si[\s>]/g)?.length ?? 0) - 1;
  if (index < 0) return [];
  const found: UnreadableCell[] = [];
  for (const t of tabs) {
    const sheet = await partText(zip, t.part);
    for (const c of sheet.matchAll(/<c\b([^>]*)>\s*<v>(\d+)<\/v>/g)) {
      if (Number(c[2]) !== index || !/\bt="s"/.test(c[1])) continue;
      found.push({ tab: t.name, cell: /\br="([A-Z]+\d+)"/.exec(c[1])?.[1] ?? '', problem });
      if (found.length >= MAX_CELLS_NAMED) return found;
    }
  }
  return found;
}
