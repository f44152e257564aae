// Rows pasted into "add many": copied from a sheet (cells separated by tabs, a cell with a line break or a
// quote in double quotes) or typed with commas (the same quoting, as in CSV). Lines keep their numbers, so
// the server's "row 3" is the third line the admin sees; only trailing empty lines go.

/** The cells of each line; a line without a tab is split at commas. */
export function parsePastedRows(text: string): string[][] {
  const rows: string[][] = [];
  const lines = splitRecords(text.replace(/\r\n?/g, '\n'));
  for (const line of lines) rows.push(splitCells(line, line.includes('\t') ? '\t' : ','));
  while (rows.length > 0 && rows[rows.length - 1].every((c) => c.trim() === '')) rows.pop();
  return rows;
}

/** Lines, but a line break inside double quotes belongs to its cell. */
function splitRecords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function splitCells(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === sep) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
    i++;
  }
  cells.push(cell.trim());
  return cells;
}
