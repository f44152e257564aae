// A WorkbookStore that lives only in memory: for tests and for anything that needs no durability.
// It keeps the ops it applied, so a test can replay them onto a fresh model.
import { applyOp } from './apply.ts';
import { assertStorable } from '../store/storable.ts';
import type { Op, SpreadsheetModel, Workbooks } from './types.ts';
import type { WorkbookStore } from '../host/deps.ts';

export class MemoryWorkbookStore implements WorkbookStore {
  readonly activeId = 'main';
  readonly workbooks: Workbooks = new Map();
  /** Every op applied, in order (the journal a durable store would write). */
  readonly ops: Op[] = [];
  private created = 0;

  constructor(
    readonly timeZone = 'Europe/Moscow',
    activeName = 'WorkTimeTracker',
  ) {
    this.apply({ t: 'createSpreadsheet', ss: this.activeId, name: activeName, timeZone });
  }

  get(id: string): SpreadsheetModel | undefined {
    return this.workbooks.get(id);
  }

  list(): SpreadsheetModel[] {
    return [...this.workbooks.values()];
  }

  apply(op: Op): void {
    assertStorable(this.workbooks, op); // as the durable store refuses it, so tests see what the runtime does
    applyOp(this.workbooks, op);
    this.ops.push(op);
  }

  create(name: string): string {
    let id: string;
    do id = `ss-${++this.created}`;
    while (this.workbooks.has(id));
    this.apply({ t: 'createSpreadsheet', ss: id, name, timeZone: this.timeZone });
    return id;
  }

  sync(): void {
    // Nothing to make durable.
  }
}
