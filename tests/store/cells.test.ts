// The cell codec, pure: what each column type writes, and what it accepts when reading hand-typed cells.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCell, encodeCell, normaliseTime, preserveCell, textCell, MAX_CELL_CHARS } from '../../appsscript/src/store/cells.ts';
import { parseBreaks, formatBreaks } from '../../appsscript/src/store/breaks.ts';
import { splitUtf8, utf8Length } from '../../appsscript/src/store/cache-chunks.ts';

// A stand-in for Utilities.formatDate in UTC (enough for patterns used by the codec).
const utc = {
  formatDate(ms: number, pattern: string): string {
    const d = new Date(ms).toISOString();
    if (pattern === 'yyyy-MM-dd') return d.slice(0, 10);
    if (pattern === 'HH:mm:ss') return d.slice(11, 19);
    throw new Error(`pattern ${pattern}`);
  },
};
const value = (r: ReturnType<typeof decodeCell>) => (r.ok ? r.value : `ERR ${r.message}`);

describe('writing', () => {
  it('writes every string of a text-like column with a leading apostrophe, blanks as blank', () => {
    for (const type of ['id', 'text', 'email', 'date', 'time'] as const) {
      expect(encodeCell(type, '=1+1')).toBe("'=1+1");
      expect(encodeCell(type, '')).toBe('');
      expect(encodeCell(type, null)).toBe('');
    }
    expect(encodeCell('text', "'quoted")).toBe("''quoted");
    expect(encodeCell('json', [{ a: '=x' }])).toBe(`'[{"a":"=x"}]`);
  });

  it('writes numbers, booleans and instants as themselves', () => {
    expect(encodeCell('int', 5)).toBe(5);
    expect(encodeCell('number', 2.5)).toBe(2.5);
    expect(encodeCell('bool', false)).toBe(false);
    const d = encodeCell('datetime', 1_700_000_000_000);
    expect(d).toBeInstanceOf(Date);
    expect((d as Date).getTime()).toBe(1_700_000_000_000);
    expect(encodeCell('datetime', null)).toBe('');
  });

  it('refuses values a column cannot hold (bugs, not input)', () => {
    expect(() => encodeCell('int', 1.5)).toThrow(/integer/);
    expect(() => encodeCell('number', NaN)).toThrow(/finite/);
    expect(() => encodeCell('bool', 'yes')).toThrow(/true or false/);
    expect(() => encodeCell('datetime', '2026-01-01')).toThrow(/epoch/);
    expect(() => encodeCell('text', {})).toThrow(/string/);
    expect(() => textCell('x'.repeat(MAX_CELL_CHARS + 1))).toThrow(/50000/);
  });

  it('preserves a cell as read: strings stay text, other types keep their type', () => {
    expect(preserveCell('-5')).toBe("'-5");
    expect(preserveCell(-5)).toBe(-5);
    expect(preserveCell(true)).toBe(true);
    expect(preserveCell('')).toBe('');
    const d = new Date(0);
    expect(preserveCell(d)).toBe(d);
  });

  it('any string written as text reads back identical (the read side drops only the apostrophe)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cell = encodeCell('text', s) as string;
        // What Sheets stores for an apostrophe-prefixed input: the rest, verbatim.
        const stored = cell === '' ? '' : cell.slice(1);
        expect(value(decodeCell('text', stored, utc))).toBe(s);
      }),
    );
  });
});

describe('reading what people type', () => {
  it('ids: a number becomes its string; spaces and dates are refused', () => {
    expect(value(decodeCell('id', 42, utc))).toBe('42');
    expect(value(decodeCell('id', '  e001 ', utc))).toBe('e001');
    expect(decodeCell('id', 'e 001', utc).ok).toBe(false);
    expect(decodeCell('id', new Date(0), utc).ok).toBe(false);
    expect(decodeCell('id', 'x'.repeat(65), utc).ok).toBe(false);
  });

  it('bools: TRUE/true/да/yes/1 and their opposites; anything else is an error', () => {
    for (const t of [true, 'TRUE', 'true', 'да', 'Да', 'yes', 'y', 1, '1']) expect(value(decodeCell('bool', t, utc))).toBe(true);
    for (const f of [false, 'FALSE', 'нет', 'no', 0, '0']) expect(value(decodeCell('bool', f, utc))).toBe(false);
    expect(value(decodeCell('bool', '', utc))).toBe(null);
    expect(decodeCell('bool', 'maybe', utc).ok).toBe(false);
    expect(decodeCell('bool', 2, utc).ok).toBe(false);
  });

  it('emails are trimmed and lower-cased, and must look like one', () => {
    expect(value(decodeCell('email', ' Anna.Ivanova@Example.COM ', utc))).toBe('anna.ivanova@example.com');
    expect(decodeCell('email', 'anna@', utc).ok).toBe(false);
    expect(decodeCell('email', 'a b@x.com', utc).ok).toBe(false);
  });

  it('dates: a Date cell in the spreadsheet zone, ISO or dd.MM.yyyy text; impossible dates are refused', () => {
    expect(value(decodeCell('date', new Date(Date.UTC(2026, 10, 24)), utc))).toBe('2026-11-24');
    expect(value(decodeCell('date', '2026-11-24', utc))).toBe('2026-11-24');
    expect(value(decodeCell('date', '2026-1-5', utc))).toBe('2026-01-05');
    expect(value(decodeCell('date', '24.11.2026', utc))).toBe('2026-11-24');
    expect(decodeCell('date', '2026-02-30', utc).ok).toBe(false);
    expect(decodeCell('date', 46000, utc).ok).toBe(false);
  });

  it('times: a time-of-day Date, a fraction of a day or H:mm text; out-of-range refused', () => {
    expect(value(decodeCell('time', new Date(Date.UTC(1899, 11, 30, 9, 30)), utc))).toBe('09:30');
    expect(value(decodeCell('time', new Date(Date.UTC(1899, 11, 30, 9, 29, 45)), utc))).toBe('09:30');
    expect(value(decodeCell('time', 0.5, utc))).toBe('12:00');
    expect(value(decodeCell('time', '9:05', utc))).toBe('09:05');
    expect(value(decodeCell('time', '18.00', utc))).toBe('18:00');
    expect(decodeCell('time', '24:00', utc).ok).toBe(false);
    expect(decodeCell('time', '9:5', utc).ok).toBe(false);
    expect(decodeCell('time', 13, utc).ok).toBe(false);
  });

  it('numbers and ints: numbers, or digits typed as text (comma decimals too)', () => {
    expect(value(decodeCell('int', '15', utc))).toBe(15);
    expect(decodeCell('int', 1.5, utc).ok).toBe(false);
    expect(value(decodeCell('number', '12,5', utc))).toBe(12.5);
    expect(decodeCell('number', 'twelve', utc).ok).toBe(false);
    expect(value(decodeCell('int', '', utc))).toBe(null);
  });

  it('datetime takes only Date cells; json must parse', () => {
    expect(value(decodeCell('datetime', new Date(5), utc))).toBe(5);
    expect(decodeCell('datetime', '2026-11-24 10:00', utc).ok).toBe(false);
    expect(value(decodeCell('json', '[1,2]', utc))).toEqual([1, 2]);
    expect(decodeCell('json', '[1,', utc).ok).toBe(false);
  });

  it('normaliseTime pads and rejects seconds or impossible times', () => {
    expect(normaliseTime('7:00')).toBe('07:00');
    expect(normaliseTime('07:00:00')).toBe(null);
    expect(normaliseTime('23:60')).toBe(null);
  });
});

describe('breaks text', () => {
  it('parses "status HH:mm minutes" items separated by ; or new lines', () => {
    const r = parseBreaks('break 11:00 15; lunch 13:00 60\n break 16:00   15 ;');
    expect(r).toEqual({
      ok: true,
      breaks: [
        { status: 'break', start: '11:00', minutes: 15 },
        { status: 'lunch', start: '13:00', minutes: 60 },
        { status: 'break', start: '16:00', minutes: 15 },
      ],
    });
    if (r.ok) expect(formatBreaks(r.breaks)).toBe('break 11:00 15; lunch 13:00 60; break 16:00 15');
    expect(parseBreaks('')).toEqual({ ok: true, breaks: [] });
  });

  it('names the bad item', () => {
    for (const bad of ['break 11:00', 'break 25:00 15', 'break 11:00 0', 'break 11:00 15m', 'lunch 13:00 600']) {
      const r = parseBreaks(`lunch 13:00 60; ${bad}`);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(bad.split(' ')[0]);
    }
  });
});

describe('cache chunks', () => {
  it('counts UTF-8 bytes (Cyrillic 2, emoji 4) and splits without breaking characters', () => {
    expect(utf8Length('aЖ€😀')).toBe(1 + 2 + 3 + 4);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 4, max: 40 }), (s, max) => {
        const pieces = splitUtf8(s, max);
        expect(pieces.join('')).toBe(s);
        for (const p of pieces) {
          expect(utf8Length(p)).toBeLessThanOrEqual(max);
          expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no half character
        }
      }),
    );
  });
});
