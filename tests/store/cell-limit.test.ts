// The 50000-character cell limit with the apostrophe the product puts before every text. Sheets refuses
// longer input with "Your input contains more than the maximum of 50000 characters in a single cell."; the
// product must never get that far (an exception from setValues is a write cut in the middle), so it keeps
// text to 49999 characters and refuses anything longer itself, before any write, with a named error.
import { beforeEach, describe, expect, it } from 'vitest';
import { storeWorld, type StoreWorld } from './helpers.ts';
import { MAX_CELL_CHARS, MAX_TEXT_CELL_CHARS } from '../../appsscript/src/store/cells.ts';
import { UnstorableValue } from '../../appsscript/src/store/errors.ts';

let w: StoreWorld;
beforeEach(() => {
  w = storeWorld();
});

const audit = (target: string) => ({ at: 1_790_000_000_000, actor: 'admin@example.com', action: 'people.save', target, before: null, after: null, request_id: 'r1' });

describe('text at the cell limit', () => {
  it('49999 characters, with the apostrophe 50000, are written and read back identical', () => {
    expect(MAX_TEXT_CELL_CHARS).toBe(MAX_CELL_CHARS - 1);
    const longest = 'ж'.repeat(MAX_TEXT_CELL_CHARS);
    const { tables } = w.open();
    tables.setSetting('motd', longest);
    tables.appendRecords('Audit', [audit(longest)]);
    w.world.newExecution();
    expect(w.open().tables.settings().get('motd')).toBe(longest);
    expect(w.sheet('Audit').getRange(2, 4).getValue()).toBe(longest);
  });

  it('50000 characters are refused by the product, before any write, and not by Sheets in the middle of one', () => {
    const { tables } = w.open();
    const before = w.world.stats().calls['Range.setValues'] ?? 0;
    let thrown: unknown;
    try {
      tables.appendRecords('Audit', [audit('ok'), audit('x'.repeat(MAX_CELL_CHARS))]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UnstorableValue);
    expect(String((thrown as Error).message)).not.toContain('Your input contains');
    expect(w.world.stats().calls['Range.setValues'] ?? 0).toBe(before);
    expect(w.sheet('Audit').getLastRow()).toBe(1);
  });
});
