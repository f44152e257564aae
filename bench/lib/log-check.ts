// After a load run: reads the Log tab through the server's read-only /_dev/workbook/sheet view, page by
// page, and checks that every entry a client was told is stored is there exactly once.

interface SheetPage {
  rows: number;
  header: string[];
  values: string[][];
}

/** One column of a tab by its header name, every data row (paged; the view returns at most 1000 rows). */
export async function readColumn(base: string, sheet: string, column: string, pageRows = 1000): Promise<string[]> {
  const out: string[] = [];
  let index = -1;
  for (let offset = 0; ; offset += pageRows) {
    const res = await fetch(`${base}/_dev/workbook/sheet?sheet=${encodeURIComponent(sheet)}&offset=${offset}&limit=${pageRows}`);
    if (!res.ok) throw new Error(`reading ${sheet}: HTTP ${res.status} ${await res.text()}`);
    const page = (await res.json()) as SheetPage;
    if (index < 0) {
      index = page.header.indexOf(column);
      if (index < 0) throw new Error(`tab ${sheet} has no column ${column} (header: ${page.header.join(', ')})`);
    }
    for (const row of page.values) out.push(row[index] ?? '');
    if (offset + pageRows >= page.rows) return out;
  }
}

export interface ExactlyOnceCheck {
  acknowledged: number;
  /** Acknowledged but not in the Log: a lost acknowledged write. */
  missing: string[];
  /** Acknowledged and in the Log more than once. */
  duplicated: string[];
  ok: boolean;
}

export function checkExactlyOnce(acknowledged: readonly string[], logEntryIds: readonly string[]): ExactlyOnceCheck {
  const counts = new Map<string, number>();
  for (const id of logEntryIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const missing: string[] = [];
  const duplicated: string[] = [];
  for (const id of new Set(acknowledged)) {
    const n = counts.get(id) ?? 0;
    if (n === 0) missing.push(id);
    else if (n > 1) duplicated.push(id);
  }
  // An id acknowledged twice to the clients is a protocol fault too (two devices cannot share an id).
  const twiceAcknowledged = acknowledged.length - new Set(acknowledged).size;
  return { acknowledged: acknowledged.length, missing, duplicated, ok: missing.length === 0 && duplicated.length === 0 && twiceAcknowledged === 0 };
}
