// Value rules of the emulated Sheets: user-entered parsing, display formats, A1 notation, time zones.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { a1Notation, columnToLetters, displayValue, fromWallMs, lettersToColumn, parseA1, parseUserEntered, toWallMs } from '../../emulator/model/values.ts';

const TZ = 'Europe/Moscow';

describe('parseUserEntered', () => {
  it.each([
    ['-5', -5],
    ['+5', 5],
    ['12.5', 12.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1E-2', 0.01],
    [' 42 ', 42],
    ['007', 7],
    ['TRUE', true],
    ['false', false],
    ['True', true],
    ['hello', 'hello'],
    ['1,000', '1,000'],
    ['50%', '50%'],
    ['0x10', '0x10'],
    ['Infinity', 'Infinity'],
    ['-', '-'],
    ['=', '='],
    ['2026-11-24T10:30:00Z', '2026-11-24T10:30:00Z'],
    ['24.11.2026', '24.11.2026'],
    ['25:00', '25:00'],
  ])('%j is stored as %j', (input, stored) => {
    expect(parseUserEntered(input, TZ, false)).toEqual({ value: stored, formula: null });
  });

  it('formulas and apostrophes', () => {
    expect(parseUserEntered('=A1+1', TZ, false)).toEqual({ value: '', formula: '=A1+1' });
    expect(parseUserEntered("'=A1+1", TZ, false)).toEqual({ value: '=A1+1', formula: null });
    expect(parseUserEntered("'", TZ, false)).toEqual({ value: '', formula: null });
    expect(parseUserEntered("''x", TZ, false)).toEqual({ value: "'x", formula: null });
  });

  it('dates and times are read in the given zone', () => {
    expect(parseUserEntered('2026-11-24', TZ, false).value).toEqual(new Date('2026-11-23T21:00:00Z'));
    expect(parseUserEntered('2026/11/24 10:30:15', TZ, false).value).toEqual(new Date('2026-11-24T07:30:15Z'));
    expect(parseUserEntered('2026-11-24 10:30', 'America/New_York', false).value).toEqual(new Date('2026-11-24T15:30:00Z'));
    expect(displayValue(parseUserEntered('7:05', TZ, false).value, 'hh:mm', TZ)).toBe('07:05');
  });

  it('plain text keeps everything verbatim; null and undefined are blank', () => {
    for (const s of ['=1', "'x", '5', 'TRUE', '2026-11-24']) expect(parseUserEntered(s, TZ, true).value).toBe(s);
    expect(parseUserEntered(null, TZ, false).value).toBe('');
    expect(parseUserEntered(undefined, TZ, false).value).toBe('');
  });

  it('a text that survives neutralisation reads back unchanged (property)', () => {
    // What the product does: prefix an apostrophe to any user string; the stored value is the string itself.
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(parseUserEntered(`'${s}`, TZ, false)).toEqual({ value: s, formula: null });
      }),
    );
  });
});

describe('displayValue', () => {
  const at = new Date('2026-03-05T06:07:08Z'); // 09:07:08 in Moscow

  it.each([
    ['', '2026-03-05 09:07:08'],
    ['yyyy-mm-dd', '2026-03-05'],
    ['dd.mm.yyyy', '05.03.2026'],
    ['d.m.yy', '5.3.26'],
    ['hh:mm', '09:07'],
    ['h:mm AM/PM', '9:07 AM'],
    ['HH:mm:ss', '09:07:08'],
    ['yyyy-mm-dd hh:mm:ss', '2026-03-05 09:07:08'],
    ['mmm d, yyyy', 'Mar 5, 2026'],
    ['dddd', 'Thursday'],
    ['"at" hh\\h', 'at 09h'],
  ])('a Date with %j shows %j', (format, shown) => {
    expect(displayValue(at, format, TZ)).toBe(shown);
  });

  it.each([
    [1234.5678, '', '1234.5678'],
    [1 / 3, '', '0.3333333333'],
    [1e21, '', '1E+21'],
    [-2, '', '-2'],
    [1234.5678, '0', '1235'],
    [1234.5678, '0.00', '1234.57'],
    [1234.5678, '#,##0', '1,235'],
    [1234.5678, '#,##0.00', '1,234.57'],
    [0.256, '0%', '26%'],
    [0.5, '0.##', '0.5'],
    [-0.004, '0.00', '0.00'],
    [1.5, '[h]:mm', '36:00'],
    [0.75, 'hh:mm', '18:00'],
    [46000, 'yyyy-mm-dd', '2025-12-09'],
    [5, '@', '5'],
    [5, 'General', '5'],
  ])('%j with %j shows %j', (value, format, shown) => {
    expect(displayValue(value, format, TZ)).toBe(shown);
  });

  it('strings and booleans show as they are', () => {
    expect(displayValue('x', '0.00', TZ)).toBe('x');
    expect(displayValue(true, '', TZ)).toBe('TRUE');
  });
});

describe('A1 notation', () => {
  it('parses cells, rectangles, open ranges and sheet prefixes', () => {
    expect(parseA1('B3')).toEqual({ r1: 3, c1: 2, r2: 3, c2: 2 });
    expect(parseA1('$C$2:a1')).toEqual({ r1: 1, c1: 1, r2: 2, c2: 3 });
    expect(parseA1('A:C')).toEqual({ r1: 1, c1: 1, r2: Infinity, c2: 3 });
    expect(parseA1('2:4')).toEqual({ r1: 2, c1: 1, r2: 4, c2: Infinity });
    expect(parseA1('B2:D')).toEqual({ r1: 2, c1: 2, r2: Infinity, c2: 4 });
    expect(parseA1("'It''s'!A1")).toEqual({ sheetName: "It's", r1: 1, c1: 1, r2: 1, c2: 1 });
    expect(parseA1('Log!A1:B2')).toEqual({ sheetName: 'Log', r1: 1, c1: 1, r2: 2, c2: 2 });
    for (const bad of ['', 'A', 'A0', '1', 'A1:B2:C3', 'AAAA1', '!A1', 'A1B']) expect(parseA1(bad)).toBeNull();
  });

  it('column letters round-trip up to ZZZ (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 18278 }), (n) => {
      expect(lettersToColumn(columnToLetters(n))).toBe(n);
    }));
    expect(columnToLetters(27)).toBe('AA');
    expect(a1Notation(1, 1, 1, 1)).toBe('A1');
    expect(a1Notation(2, 26, 3, 2)).toBe('Z2:AA4');
  });
});

describe('time zones', () => {
  it('wall clock round-trips, including across DST changes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom('Europe/Moscow', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'UTC'), (ms, tz) => {
        expect(fromWallMs(toWallMs(ms, tz), tz)).toBe(ms);
      }),
    );
  });

  it('a wall time inside a DST gap maps to a real instant', () => {
    // 2026-03-08 02:30 does not exist in New York (clocks jump 02:00 -> 03:00).
    const ms = fromWallMs(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York');
    expect(new Date(ms).toISOString()).toMatch(/^2026-03-08T0[67]:30:00/);
  });
});
