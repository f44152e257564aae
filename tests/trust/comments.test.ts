// Issue 8, point 4: a comment holding NUL or other control characters, a lone surrogate or "\r" came back
// different once the workbook was reloaded ("\r=1+1" became "\n=1+1"). The API now stores comments under the
// one text rule (common/text.ts) and says so in the entry's answer; what it acknowledged is what the saved
// workbook holds, read back after a save and after a restart.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedText } from '../../common/text.ts';
import { MAX_COMMENT_CHARS } from '../../common/limits.ts';
import type { EntryResult } from '../../common/api.ts';
import type { CellValue } from '../../emulator/model/types.ts';
import { DurableWorkbookStore, loadSpreadsheetFile } from '../../emulator/store/durable-store.ts';
import { logRows, restart, signIn, startProductServer, type ProductServer } from './product.ts';

let s: ProductServer | null = null;
beforeAll(async () => {
  s = await startProductServer();
});
afterAll(() => s?.close());

/** entry_id -> the comment the API acknowledged for it (its answer's `comment`, else the one sent). */
const acknowledged = new Map<string, string>();
let seq = 0;
let token = '';
const DEVICE = 'dev-comments';

async function send(comments: string[]): Promise<void> {
  token ||= await signIn(s!, DEVICE);
  const now = Date.now();
  const entries = comments.map((comment, i) => ({ seq: ++seq, entry_id: `c-${seq}`, status: i % 2 ? 'break' : 'work', at: now - 1000, comment }));
  const reply = await s!.api({ op: 'sync', token, device_id: DEVICE, sent_at: now, entries });
  expect(reply.ok).toBe(true);
  expect(reply.accepted_through_seq).toBe(seq);
  reply.results.forEach((r: EntryResult, i: number) => {
    const sent = entries[i].comment;
    expect(r.result).toBe('accepted');
    if (r.result !== 'accepted') return;
    // The answer carries the stored comment exactly when it differs from the one sent.
    if (storedText(sent) === sent) expect(r).not.toHaveProperty('comment');
    else expect(r.comment).toBe(storedText(sent));
    acknowledged.set(r.entry_id, r.comment ?? sent);
  });
}

/** The comments of the Log, by entry_id, as stored. */
function commentsIn(rows: Record<string, CellValue>[]): Map<string, CellValue> {
  return new Map(rows.filter((r) => r.device_id === DEVICE).map((r) => [String(r.entry_id), r.comment]));
}

/** Saves the workbook file now (a snapshot, as on close) and reads the file back on its own. */
async function savedAndReloaded(): Promise<Map<string, CellValue>> {
  const store = s!.runtime.deps.workbooks as DurableWorkbookStore;
  await store.compact();
  const model = await loadSpreadsheetFile(join(s!.dataDir, 'workbook.xlsx'));
  const sheet = model.sheets.find((x) => x.name === 'Log')!;
  const [header, ...rows] = sheet.rows;
  return commentsIn(rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? '']))));
}

function expectAcknowledged(stored: Map<string, CellValue>): void {
  for (const [id, comment] of acknowledged) expect(stored.get(id), id).toBe(comment);
}

describe('comments come back as acknowledged', () => {
  it('the cases of the issue and their neighbours', async () => {
    await send([
      '\r=1+1',
      'a\0b',
      'x\uD800y',
      'p\uFFFEq',
      'bell\x07 del\x7F nel\x85',
      'windows\r\nline',
      'tab\tand\nnewline',
      '_x000D_ is text, not an escape',
      'Перерыв: врач 🙂',
      '=HYPERLINK("http://x")',
      "'quoted",
      '  spaces kept  ',
      '\0',
    ]);
    expectAcknowledged(await savedAndReloaded());
    expect(acknowledged.get('c-1')).toBe('\n=1+1');
    expect(acknowledged.get('c-13')).toBe('');
  });

  it('any comment: written through the API, saved, reloaded, read back identical (property)', async () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
      fc.constantFrom('\r', '\r\n', '\n', '\t', '\0', '\x1B', '\x7F', '\x9F', '\uFFFE', '\uFFFF', '\uD800', '\uDC00', '\uD83D\uDE00', '_x000D_', '_x', '=', "'", 'я'),
    );
    const comment = fc.array(unit, { maxLength: 30 }).map((u) => u.join('').slice(0, MAX_COMMENT_CHARS));
    await fc.assert(
      fc.asyncProperty(fc.array(comment, { minLength: 1, maxLength: 40 }), async (comments) => {
        await send(comments);
        expectAcknowledged(await savedAndReloaded());
      }),
      { numRuns: 20 },
    );
  });

  it('and after a restart of the runtime', async () => {
    const stored = await restart(s!, (runtime) => commentsIn(logRows(runtime)));
    s = null;
    expect(stored.size).toBe(acknowledged.size);
    expectAcknowledged(stored);
  });
});
