// The one rule for text that people type (sync comments now; names and notes typed by admins later), applied
// where the text comes in, so that what was acknowledged is exactly what every store keeps and reads back.
//
// Why these characters: a spreadsheet cell, XML 1.0 (inside .xlsx files and Google's exports) and the UTF-8 of
// every request cannot all hold them, or hold them but hand back something else.
//   - "\r\n" and a lone "\r" become "\n": XML parsers turn them into "\n" anyway, and Sheets keeps line breaks
//     as "\n". A comment pasted from Windows must not come back different after a restart.
//   - control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F) other than tab and line feed are
//     removed: XML 1.0 cannot hold most of them and they print as nothing.
//   - a lone surrogate, U+FFFE and U+FFFF become U+FFFD (the replacement character): they are not characters,
//     XML cannot hold them, and UTF-8 itself turns a lone surrogate into U+FFFD. Replacing rather than removing
//     shows the reader where something was.
// Everything else (any language, emoji, tabs, leading '=' and the like) is kept exactly: formula-looking text
// is neutralised when written to a cell (appsscript/src/store/cells.ts), not here. The rule is documented in
// docs/sync.md ("Text").

export const REPLACEMENT_CHARACTER = '\uFFFD';

/** The text as the product stores it. Idempotent; never longer than its input; the same string when unchanged. */
export function storedText(text: string): string {
  let out: string | null = null;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a) continue; // the usual case, first
    let put: string;
    if (c === 0x0d) put = text.charCodeAt(i + 1) === 0x0a ? '' : '\n'; // "\r\n": the "\n" stays
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) put = '';
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a pair: one character, kept
        continue;
      }
      put = REPLACEMENT_CHARACTER;
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) put = REPLACEMENT_CHARACTER;
    else continue;
    out = (out ?? '') + text.slice(from, i) + put;
    from = i + 1;
  }
  return out === null ? text : out + text.slice(from);
}

/** True when the rule leaves the text as it is. */
export function isStoredText(text: string): boolean {
  return storedText(text) === text;
}
