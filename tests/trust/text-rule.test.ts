// The one text rule (common/text.ts): what it changes, and that what it gives is kept exactly by a sheet
// written to .xlsx, encoded as JSON and as the UTF-8 of a request.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStoredText, storedText } from '../../common/text.ts';
import { encodeCell } from '../../appsscript/src/store/cells.ts';

/** Any UTF-16 code units (lone surrogates included), with the characters the rule is about made common. */
const anyText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
      fc.constantFrom('\r', '\n', '\r\n', '\n\r', '\t', '\0', '\x0B', '\x1F', '\x7F', '\x85', '\x9F', '\xA0', '\uFFFD', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\uD83D\uDE00', '=1+1', 'ё'),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const XML_CHARS = /^(?:[\t\n\r\x20-\uD7FF\uE000-\uFFFD]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

describe('the text rule', () => {
  it('line breaks become "\\n", controls go, non-characters become U+FFFD, the rest is kept', () => {
    expect(storedText('\r=1+1')).toBe('\n=1+1');
    expect(storedText('a\r\nb\rc\n\rd')).toBe('a\nb\nc\n\nd');
    expect(storedText('nul\0 bell\x07 del\x7F nel\x85 tab\t')).toBe('nul bell del nel tab\t');
    expect(storedText('x\uD800y\uDC00z\uFFFE\uFFFF')).toBe('x\uFFFDy\uFFFDz\uFFFD\uFFFD');
    expect(storedText('Перерыв 🙂 =SUM(A1) \u00A0\u2028')).toBe('Перерыв 🙂 =SUM(A1) \u00A0\u2028');
  });

  it('is idempotent, never lengthens text, and what it gives passes isStoredText (property)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const t = storedText(s);
        expect(storedText(t)).toBe(t);
        expect(t.length).toBeLessThanOrEqual(s.length);
        expect(isStoredText(t)).toBe(true);
        expect(isStoredText(s)).toBe(t === s);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives text that XML 1.0, JSON and UTF-8 all keep as it is (property)', () => {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(anyText, (s) => {
        const t = storedText(s);
        expect(t).toMatch(XML_CHARS);
        expect(t).not.toContain('\r');
        expect(utf8.decode(new TextEncoder().encode(t))).toBe(t);
        expect(JSON.parse(JSON.stringify(t))).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });

  it('every text cell the script writes is under the rule, and a JSON cell keeps its value (property)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const t = storedText(s);
        expect(encodeCell('text', s)).toBe(t === '' ? '' : `'${t}`);
        const json = encodeCell('json', { note: s }) as string;
        expect(isStoredText(json)).toBe(true);
        expect(JSON.parse(json.slice(1))).toEqual({ note: s });
      }),
      { numRuns: 1000 },
    );
  });
});
