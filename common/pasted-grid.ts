// Text pasted into the console (a copied range, a CSV or TSV file) as rows of cells, the same shape
// getDisplayValues gives a selected range. Tabs win when there are any (a copy from Sheets or Excel); else
// the more frequent of ';' (a CSV saved by Excel in a Russian locale) and ','. Quoted fields may hold the
// delimiter, line breaks and doubled quotes, as RFC 4180 and Sheets' own copies write them.

export function splitPasted(text: string): string[][] {
  const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  if (body === '') return [];
  const delimiter = body.includes('\t') ? '\t' : countOutsideQuotes(body, ';') > countOutsideQuotes(body, ',') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  row.push(cell);
  rows.push(row);
  return rows;
}

function countOutsideQuotes(text: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}
