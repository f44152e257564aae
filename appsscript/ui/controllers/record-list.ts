// A list screen's records (People, Groups, Statuses, Break rules): the list read as the screen opens, kept
// up to date by what the screen's forms save (no second read), and which record is open in a form instead
// of the list (OpenRecord). The forms tell the screen what they did by events (controllers/form-state.ts):
// `adm-saved` ({record, created}) closes the form with a toast, `adm-changed` ({record, message}) keeps it
// open on the record as it is now; `adm-row-open` (the data table) opens a record, `adm-close` the list.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AdminReply } from '../../../common/admin-api.ts';
import { showToast } from '../components/toast.ts';
import type { RecordChange } from './form-state.ts';
import { ScreenRead, type ReadOp } from './screen-read.ts';

/** The reads that answer rows. */
export type ListOp = { [O in ReadOp]: AdminReply<O> extends { rows: readonly unknown[] } ? O : never }[ReadOp];
export type RowOf<K extends ListOp> = AdminReply<K> extends { rows: readonly (infer R)[] } ? R : never;

export interface RecordListOptions<K extends ListOp> {
  /** A record's key (a person's id, a group's name): a saved record takes the place of the one with its key. */
  key: (row: RowOf<K>) => string;
  /** The record saved, with what the list knew of it where the save's reply says less. */
  merge?: (saved: RowOf<K>, known: RowOf<K>) => RowOf<K>;
  loaded?: (reply: AdminReply<K>) => void;
}

export class RecordList<K extends ListOp> extends ScreenRead<K> {
  /** The rows as last read, with the changes this page made since. */
  rows: RowOf<K>[] = [];

  constructor(
    host: ReactiveControllerHost,
    op: K,
    private readonly options: RecordListOptions<K>,
  ) {
    super(host, op, options.loaded);
  }

  protected override took(reply: AdminReply<K>): void {
    this.rows = (reply as { rows: RowOf<K>[] }).rows;
    super.took(reply);
  }

  /** Puts a saved record in its place (a new one last); the record as the list now holds it. */
  upsert(record: RowOf<K>): RowOf<K> {
    const key = this.options.key(record);
    const i = this.rows.findIndex((r) => this.options.key(r) === key);
    const merged = i >= 0 && this.options.merge ? this.options.merge(record, this.rows[i]) : record;
    this.rows = i < 0 ? [...this.rows, merged] : this.rows.map((r, j) => (j === i ? merged : r));
    this.host.requestUpdate();
    return merged;
  }
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };

export interface OpenRecordOptions<R> {
  /** The toast after a save: the record as the list holds it, and whether it was added. */
  savedText: (record: R, created: boolean) => string;
  /** The list is shown again (a screen with another view over the list closes that too). */
  closed?: () => void;
}

/** Which record a list screen shows in its form instead of the list, and what the form's events do. */
export class OpenRecord<R> implements ReactiveController {
  /** The record in the form: null while adding one, undefined while the list is shown. */
  record: R | null | undefined = undefined;

  constructor(
    private readonly host: Host,
    private readonly list: { upsert(record: R): R },
    private readonly options: OpenRecordOptions<R>,
  ) {
    host.addController(this);
    host.addEventListener('adm-row-open', (e) => this.open((e as CustomEvent<R>).detail));
    host.addEventListener('adm-close', () => this.close());
    host.addEventListener('adm-saved', (e) => this.saved((e as CustomEvent<{ record: R; created: boolean }>).detail));
    host.addEventListener('adm-changed', (e) => this.changed((e as CustomEvent<RecordChange<R>>).detail));
  }

  hostConnected(): void {}

  get listShown(): boolean {
    return this.record === undefined;
  }

  open(record: R | null): void {
    this.record = record;
    this.host.requestUpdate();
  }

  close(): void {
    this.record = undefined;
    this.options.closed?.();
    this.host.requestUpdate();
  }

  private saved({ record, created }: { record: R; created: boolean }): void {
    const held = this.list.upsert(record);
    this.close();
    showToast(this.host, this.options.savedText(held, created));
  }

  private changed({ record, message }: RecordChange<R>): void {
    const held = this.list.upsert(record);
    if (this.record !== undefined) this.open(held);
    if (message) showToast(this.host, message);
  }
}
