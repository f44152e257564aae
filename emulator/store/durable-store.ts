// The emulator's spreadsheets, durable: an .xlsx snapshot per spreadsheet plus a journal of the ops
// applied since. The design (files, commit protocol, recovery) is written down in
// docs/local-runtime-persistence.md; the comments here say which step relies on what.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { applyOp, cloneSpreadsheet, newSpreadsheet } from '../model/apply.ts';
import type { Op, SpreadsheetModel, Workbooks } from '../model/types.ts';
import type { WorkbookStore } from '../host/deps.ts';
import { fsyncDir, fsyncFile, hashFile, removeIfExists } from './durable-fs.ts';
import { JournalCorruptError, WorkbookConflictError, WorkbookInUseError } from './errors.ts';
import { JournalSegmentWriter, listSegments, readSegments, segmentPath, type JournalRecord, type Segment } from './journal.ts';
import { layoutOf } from './layout.ts';
import { readManifest, writeManifest, type Manifest, type ManifestEntry, type SnapshotState } from './manifest.ts';
import { assertStorable } from './storable.ts';
import type { UnreadableCell } from './errors.ts';
import { readSpreadsheetXlsx, writeSpreadsheetXlsx, type ReadOptions } from './xlsx-codec.ts';

export { WorkbookConflictError, JournalCorruptError, WorkbookInUseError, WorkbookUnreadableError } from './errors.ts';

/** Steps of a compaction, reported to `trace` as they complete (tests kill the process at each). */
export type StoreEvent =
  | 'journal-rotated'
  | 'snapshot-written'
  | 'pending-recorded'
  | 'base-copied'
  | 'renamed'
  | 'manifest-committed'
  | 'segments-dropped';

export interface DurableStoreOptions {
  /** The bound spreadsheet's file, e.g. data/workbook.xlsx. Created (empty) when missing. */
  file: string;
  /** Time zone of spreadsheets made here (the new workbook, create()). */
  timeZone: string;
  /** Name of the bound spreadsheet when a new one is made. */
  name: string;
  /** Journal segment size that starts a background compaction (default 64 MiB). */
  compactBytes?: number;
  /** Load and replay only: no lock, no compaction, nothing written (apply() throws). */
  readOnly?: boolean;
  /** Where a failed background compaction is reported (default: console.error). */
  onBackgroundError?: (error: Error) => void;
  /**
   * Load a file holding values the runtime cannot read (WorkbookUnreadableError) with those cells blank and
   * the characters XML cannot hold dropped, then snapshot it without them (the runtime sets it from
   * WTT_BLANK_UNREADABLE=1). Off by default: such a file makes open() fail, naming the cells.
   */
  blankUnreadable?: boolean;
  /** Where what blankUnreadable changed is reported (default: console.warn). */
  onNotice?: (message: string) => void;
  trace?: (event: StoreEvent, spreadsheetId: string) => void;
}

const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;
/** Numbers temporary snapshot files; per process, as two stores of one process may share a folder in tests. */
let tmpCounter = 0;
// Temporary files of a crashed process: snapshots being written, and the manifest's own.
const TMP_FILE = /^\..+\.xlsx\.\d+\.\d+\.tmp$|\.manifest\.json\.\d+\.tmp$/;

interface Tracked {
  id: string;
  /** File name without .xlsx; also names the journal segments. */
  stem: string;
  file: string;
  /** Null until the first snapshot of a spreadsheet made here is under way. */
  entry: ManifestEntry | null;
  /** Seq of the last op journaled. */
  seq: number;
  /** Segments on disk, oldest first; the last may be open in `writer`. */
  segments: Segment[];
  writer: JournalSegmentWriter | null;
  nextSegment: number;
  /** The model differs from the file although no op says so (new, or the file was deleted outside). */
  needsSnapshot: boolean;
  /** The file was adopted as edited outside: the kept base copy must become it. */
  refreshBase: boolean;
  compaction: Promise<void> | null;
  conflict: WorkbookConflictError | null;
}

export class DurableWorkbookStore implements WorkbookStore {
  readonly workbooks: Workbooks = new Map();
  private readonly dir: string;
  private readonly manifestPath: string;
  private readonly journalDir: string;
  private readonly baseDir: string;
  private readonly lockPath: string;
  private readonly compactBytes: number;
  private manifest!: Manifest;
  private readonly tracked = new Map<string, Tracked>();
  private state: 'open' | 'closing' | 'closed' = 'open';
  /** Set when a journal write failed: memory and disk may differ, so nothing more is accepted. */
  private broken: Error | null = null;

  private constructor(private readonly opts: DurableStoreOptions) {
    const file = path.resolve(opts.file);
    this.dir = path.dirname(file);
    const stem = stemOf(path.basename(file));
    this.manifestPath = path.join(this.dir, `${stem}.manifest.json`);
    const storeDir = path.join(this.dir, `${stem}.store`);
    this.journalDir = path.join(storeDir, 'journal');
    this.baseDir = path.join(storeDir, 'base');
    this.lockPath = path.join(storeDir, 'lock');
    this.compactBytes = opts.compactBytes ?? DEFAULT_COMPACT_BYTES;
  }

  static async open(opts: DurableStoreOptions): Promise<DurableWorkbookStore> {
    const store = new DurableWorkbookStore(opts);
    if (!opts.readOnly) {
      fs.mkdirSync(store.journalDir, { recursive: true });
      fs.mkdirSync(store.baseDir, { recursive: true });
      store.lock();
    }
    try {
      await store.recover();
    } catch (e) {
      if (!opts.readOnly) store.unlock();
      throw e;
    }
    return store;
  }

  get activeId(): string {
    return this.manifest.activeId;
  }

  get(id: string): SpreadsheetModel | undefined {
    return this.workbooks.get(id);
  }

  list(): SpreadsheetModel[] {
    return [...this.workbooks.values()];
  }

  /** Where a spreadsheet's .xlsx is (or will be, before its first snapshot). */
  fileOf(id: string): string | undefined {
    return this.tracked.get(id)?.file;
  }

  apply(op: Op): void {
    this.assertWritable();
    // A value the snapshot could not read back is refused here, before it is applied or journaled.
    assertStorable(this.workbooks, op);
    applyOp(this.workbooks, op);
    let t: Tracked;
    try {
      t = this.tracked.get(op.ss) ?? this.track(op);
      const record: JournalRecord = { seq: t.seq + 1, op };
      this.writerFor(t).append(record);
      t.seq = record.seq;
    } catch (e) {
      this.broken = e as Error;
      throw e;
    }
    if (t.writer && t.writer.size >= this.compactBytes && !t.compaction && !t.conflict) {
      this.compactOne(t).catch((e: Error) => this.reportBackgroundError(e));
    }
  }

  create(name: string): string {
    let id: string;
    do id = randomBytes(33).toString('base64url');
    while (this.workbooks.has(id));
    this.apply({ t: 'createSpreadsheet', ss: id, name, timeZone: this.opts.timeZone });
    return id;
  }

  sync(): void {
    if (this.opts.readOnly) return;
    for (const t of this.tracked.values()) t.writer?.sync();
  }

  /** Resolves once no background compaction is running (their failures are reported, not thrown here). */
  async settled(): Promise<void> {
    for (const t of this.tracked.values()) {
      try {
        await t.compaction;
      } catch {
        // reported through onBackgroundError
      }
    }
  }

  /** Writes a snapshot of every spreadsheet with journaled changes and drops their journals. */
  async compact(): Promise<void> {
    const errors: Error[] = [];
    for (const t of this.tracked.values()) {
      try {
        await t.compaction;
      } catch {
        // reported where it ran; compacted again just below
      }
      try {
        await this.compactOne(t);
      } catch (e) {
        errors.push(e as Error);
      }
    }
    if (errors.length) throw errors[0];
  }

  /** Compacts, then closes the journals. Rejects with the first failure (e.g. a WorkbookConflictError). */
  async close(): Promise<void> {
    if (this.state !== 'open' || this.opts.readOnly) {
      this.state = 'closed';
      return;
    }
    this.state = 'closing';
    let failure: unknown = null;
    try {
      if (!this.broken) await this.compact();
    } catch (e) {
      failure = e;
    }
    for (const t of this.tracked.values()) {
      try {
        t.writer?.close();
      } catch (e) {
        failure ??= e;
      }
      t.writer = null;
    }
    this.unlock();
    this.state = 'closed';
    if (failure) throw failure;
  }

  // -------------------------------------------------------------------------------------------------
  // Recovery

  private async recover(): Promise<void> {
    const segmentsByStem = listSegments(this.journalDir);
    let manifest = readManifest(this.manifestPath);
    if (!manifest) {
      if (segmentsByStem.size) {
        throw new JournalCorruptError(
          `${this.journalDir} holds journal segments but ${this.manifestPath} is missing, so it is unknown which ` +
            `snapshots they apply to. Move the journal folder aside to start from the .xlsx files as they are.`,
        );
      }
      manifest = {
        version: 1,
        activeId: newSpreadsheetId(),
        spreadsheets: [
          {
            id: '',
            file: path.basename(this.opts.file),
            name: this.opts.name,
            timeZone: this.opts.timeZone,
            hash: null,
            seq: 0,
          },
        ],
      };
      manifest.spreadsheets[0].id = manifest.activeId;
    }
    this.manifest = manifest;

    // Phase 1 reads and decides; nothing is written until every spreadsheet is known to be consistent.
    const loads: { t: Tracked; records: JournalRecord[] }[] = [];
    for (const entry of manifest.spreadsheets) {
      const stem = stemOf(entry.file);
      const t = this.newTracked(entry.id, stem, entry);
      t.segments = segmentsByStem.get(stem) ?? [];
      segmentsByStem.delete(stem);
      loads.push({ t, records: readSegments(t.segments).records });
    }
    // Spreadsheets made here that have no snapshot yet live only in their journal.
    for (const [stem, segments] of segmentsByStem) {
      const { records } = readSegments(segments);
      const first = records[0];
      if (!first) continue; // an empty or torn-only segment: dropped below
      if (first.op.t !== 'createSpreadsheet' || first.seq !== 1) {
        throw new JournalCorruptError(`${segments[0].path} belongs to no spreadsheet in ${this.manifestPath}`);
      }
      const t = this.newTracked(first.op.ss, stem, null);
      t.segments = segments;
      loads.push({ t, records });
    }
    const stale = [...segmentsByStem.values()].flat().filter((s) => !loads.some((l) => l.t.segments.includes(s)));

    const dropped = new Set<Tracked>();
    for (const { t, records } of loads) {
      const keep = await this.load(t, records);
      if (!keep) dropped.add(t);
    }
    if (this.opts.readOnly) return;

    // Phase 2: make the disk match memory, with the same steps a runtime compaction takes.
    for (const t of dropped) {
      for (const s of t.segments) removeIfExists(s.path);
      this.tracked.delete(t.id);
      this.manifest.spreadsheets = this.manifest.spreadsheets.filter((e) => e.id !== t.id);
    }
    for (const s of stale) removeIfExists(s.path);
    this.removeStaleTemporaries();
    for (const t of this.tracked.values()) {
      if (t.refreshBase) this.copyToBase(t.file, t);
      t.refreshBase = false;
    }
    this.saveManifest();
    for (const t of this.tracked.values()) await this.compactOne(t);
  }

  /** Loads one spreadsheet and replays its journal; false when it is gone (its file deleted outside). */
  private async load(t: Tracked, records: JournalRecord[]): Promise<boolean> {
    const entry = t.entry;
    const fileHash = await hashFile(t.file);
    if (entry?.pending) {
      // The pending snapshot was renamed over the file iff the file now has its hash.
      const p = entry.pending;
      if (fileHash === p.hash) {
        Object.assign(entry, { hash: p.hash, seq: p.seq, layout: p.layout, name: p.name, timeZone: p.timeZone ?? entry.timeZone });
        delete entry.pending;
      } else if (fileHash === entry.hash) delete entry.pending;
    }
    const snap: SnapshotState = entry ?? { hash: null, seq: 0 };
    const pending = records.filter((r) => r.seq > snap.seq);
    if (pending.length && pending[0].seq !== snap.seq + 1) {
      throw new JournalCorruptError(
        `${t.segments[0]?.path}: the journal goes on from seq ${pending[0].seq} but ${t.file} holds ops up to seq ${snap.seq}`,
      );
    }
    t.seq = Math.max(snap.seq, records.at(-1)?.seq ?? 0);
    const isActive = t.id === this.manifest.activeId;

    if (fileHash !== snap.hash) {
      if (pending.length) {
        throw new WorkbookConflictError({
          file: t.file,
          what: fileHash === null ? 'was deleted outside the runtime' : 'was changed outside the runtime',
          journal: t.segments.map((s) => s.path),
          pendingOps: pending.length,
          base: await this.baseMatching(t, entry),
        });
      }
      // No runtime change is waiting: the outside version simply wins.
      if (fileHash === null) {
        if (!isActive) return false;
        entry!.hash = null;
        this.workbooks.set(t.id, newSpreadsheet(t.id, entry!.name, entry!.timeZone));
        t.needsSnapshot = true;
        return true;
      }
      const model = await this.readFile(t, {
        id: t.id,
        name: entry?.name ?? stemOf(t.file),
        timeZone: entry?.timeZone ?? this.opts.timeZone,
        layout: entry?.layout,
        exact: false,
      });
      this.workbooks.set(t.id, model);
      if (entry) {
        Object.assign(entry, { hash: fileHash, layout: layoutOf(model) });
        delete entry.pending; // a snapshot of the runtime's that the outside version replaced
        t.refreshBase = true;
      }
      return true;
    }

    if (fileHash !== null) {
      this.workbooks.set(
        t.id,
        await this.readFile(t, {
          id: t.id,
          name: entry!.name,
          timeZone: entry!.timeZone,
          layout: entry!.layout,
          exact: true,
        }),
      );
    } else if (isActive) {
      this.workbooks.set(t.id, newSpreadsheet(t.id, entry!.name, entry!.timeZone));
      t.needsSnapshot = true;
    }
    for (const r of pending) {
      try {
        applyOp(this.workbooks, r.op);
      } catch (e) {
        throw new JournalCorruptError(`replaying seq ${r.seq} of ${t.file} failed: ${(e as Error).message}`);
      }
    }
    if (!this.workbooks.has(t.id)) {
      throw new JournalCorruptError(`${t.file}: no snapshot and no journal to build it from`);
    }
    return true;
  }

  /** Reads a spreadsheet's file; with blankUnreadable, what had to be blanked is reported and snapshotted away. */
  private async readFile(t: Tracked, opts: ReadOptions): Promise<SpreadsheetModel> {
    const blanked: UnreadableCell[] = [];
    const model = await readSpreadsheetXlsx(t.file, { ...opts, blankUnreadable: this.opts.blankUnreadable, blanked });
    if (blanked.length) {
      if (!this.opts.readOnly) t.needsSnapshot = true;
      const list = blanked.map((c) => `${c.tab}${c.cell ? `!${c.cell}` : ''} (${c.problem})`).join(', ');
      (this.opts.onNotice ?? ((m: string) => console.warn('[workbook store]', m)))(
        `${t.file}: loaded with ${blanked.length} unreadable value(s) blanked or cleaned: ${list}. The next snapshot is written without them.`,
      );
    }
    return model;
  }

  /** The kept copy of the runtime's last snapshot, if it is one the journal applies to. */
  private async baseMatching(t: Tracked, entry: ManifestEntry | null): Promise<string | null> {
    const base = path.join(this.baseDir, path.basename(t.file));
    const hash = await hashFile(base);
    if (hash === null) return null;
    return hash === entry?.hash || hash === entry?.pending?.hash ? base : null;
  }

  // -------------------------------------------------------------------------------------------------
  // Compaction

  private compactOne(t: Tracked): Promise<void> {
    if (!t.compaction) {
      t.compaction = this.runCompaction(t).finally(() => {
        t.compaction = null;
      });
    }
    return t.compaction;
  }

  private async runCompaction(t: Tracked): Promise<void> {
    if (t.conflict) throw t.conflict;
    const snapshotSeq = t.entry?.seq ?? 0;
    const needsSnapshot = t.needsSnapshot || t.seq > snapshotSeq || !t.entry || t.entry.hash === null;
    if (!needsSnapshot && t.segments.length === 0) return;
    // Synchronously, in one step: every op so far is in the copy and in the segments closed here;
    // ops applied from now on go to a new segment.
    const seq = t.seq;
    const copy = needsSnapshot ? cloneSpreadsheet(this.workbooks.get(t.id)!) : null;
    const closed = [...t.segments];
    if (t.writer) {
      t.writer.close();
      t.writer = null;
    }
    this.trace('journal-rotated', t);
    if (copy) {
      t.needsSnapshot = false;
      try {
        await this.writeSnapshot(t, copy, seq);
      } catch (e) {
        t.needsSnapshot = true;
        throw e;
      }
    }
    for (const s of closed) removeIfExists(s.path);
    fsyncDir(this.journalDir);
    t.segments = t.segments.filter((s) => !closed.includes(s));
    this.trace('segments-dropped', t);
  }

  /** The commit protocol: tmp file, pending entry, base copy, hash check, rename, committed entry. */
  private async writeSnapshot(t: Tracked, copy: SpreadsheetModel, seq: number): Promise<void> {
    const tmp = path.join(this.dir, `.${t.stem}.xlsx.${process.pid}.${++tmpCounter}.tmp`);
    try {
      const layout = await writeSpreadsheetXlsx(copy, tmp);
      fsyncFile(tmp);
      const hash = (await hashFile(tmp))!;
      this.trace('snapshot-written', t);

      const entry = t.entry ?? this.addEntry(t, copy);
      // The file's date-times are wall-clock times in the copy's zone: the zone must travel with the file.
      entry.pending = { hash, seq, layout, name: copy.name, timeZone: copy.timeZone };
      this.saveManifest();
      this.trace('pending-recorded', t);

      this.copyToBase(tmp, t);
      this.trace('base-copied', t);

      // Never overwrite a file someone else changed: the manifest's hash is the version we own.
      const current = await hashFile(t.file);
      if (current !== entry.hash) {
        t.conflict = new WorkbookConflictError({
          file: t.file,
          what: current === null ? 'was deleted outside the runtime' : 'was changed outside the runtime',
          journal: t.segments.map((s) => s.path),
          pendingOps: t.seq - entry.seq,
          base: path.join(this.baseDir, path.basename(t.file)),
        });
        throw t.conflict;
      }
      fs.renameSync(tmp, t.file);
      fsyncDir(this.dir);
      this.trace('renamed', t);

      Object.assign(entry, { hash, seq, layout, name: copy.name, timeZone: copy.timeZone });
      delete entry.pending;
      this.saveManifest();
      this.trace('manifest-committed', t);
    } finally {
      removeIfExists(tmp);
    }
  }

  /** Keeps a copy of the snapshot the journal builds on, for the "keep the runtime's changes" way out. */
  private copyToBase(source: string, t: Tracked): void {
    const base = path.join(this.baseDir, path.basename(t.file));
    const tmp = `${base}.${process.pid}.tmp`;
    fs.copyFileSync(source, tmp);
    fsyncFile(tmp);
    fs.renameSync(tmp, base);
    fsyncDir(this.baseDir);
  }

  private addEntry(t: Tracked, model: SpreadsheetModel): ManifestEntry {
    const entry: ManifestEntry = {
      id: t.id,
      file: path.basename(t.file),
      name: model.name,
      timeZone: model.timeZone,
      hash: null,
      seq: 0,
    };
    this.manifest.spreadsheets.push(entry);
    t.entry = entry;
    return entry;
  }

  // -------------------------------------------------------------------------------------------------
  // Bookkeeping

  private newTracked(id: string, stem: string, entry: ManifestEntry | null): Tracked {
    const t: Tracked = {
      id,
      stem,
      file: path.join(this.dir, `${stem}.xlsx`),
      entry,
      seq: entry?.seq ?? 0,
      segments: [],
      writer: null,
      nextSegment: 1,
      needsSnapshot: false,
      refreshBase: false,
      compaction: null,
      conflict: null,
    };
    this.tracked.set(id, t);
    return t;
  }

  /** A spreadsheet made by this op: its file name is chosen once, here, and kept. */
  private track(op: Op): Tracked {
    if (op.t !== 'createSpreadsheet') throw new Error(`DurableWorkbookStore: no journal for spreadsheet ${op.ss}`);
    const taken = new Set([...this.tracked.values()].map((t) => t.stem.toLowerCase()));
    let stem = `${safeFileName(op.name)}.${op.ss.slice(0, 8)}`;
    for (let n = 2; taken.has(stem.toLowerCase()) || fs.existsSync(path.join(this.dir, `${stem}.xlsx`)); n++) {
      stem = `${safeFileName(op.name)}.${op.ss.slice(0, 8)}-${n}`;
    }
    return this.newTracked(op.ss, stem, null);
  }

  private writerFor(t: Tracked): JournalSegmentWriter {
    if (!t.writer) {
      const number = Math.max(t.nextSegment, ...t.segments.map((s) => s.number + 1));
      const segment = { number, path: segmentPath(this.journalDir, t.stem, number) };
      t.writer = new JournalSegmentWriter(segment.path);
      t.segments.push(segment);
      t.nextSegment = number + 1;
    }
    return t.writer;
  }

  private saveManifest(): void {
    writeManifest(this.manifestPath, this.manifest);
  }

  private removeStaleTemporaries(): void {
    for (const name of fs.readdirSync(this.dir)) {
      if (TMP_FILE.test(name)) removeIfExists(path.join(this.dir, name));
    }
    for (const name of fs.readdirSync(this.baseDir)) {
      if (name.endsWith('.tmp')) removeIfExists(path.join(this.baseDir, name));
    }
  }

  private assertWritable(): void {
    if (this.opts.readOnly) throw new Error('DurableWorkbookStore: opened read-only');
    if (this.state !== 'open') throw new Error('DurableWorkbookStore: closed');
    if (this.broken) throw new Error(`DurableWorkbookStore: a journal write failed earlier (${this.broken.message})`);
  }

  private reportBackgroundError(e: Error): void {
    (this.opts.onBackgroundError ?? ((err: Error) => console.error('[workbook store]', err.message)))(e);
  }

  private trace(event: StoreEvent, t: Tracked): void {
    this.opts.trace?.(event, t.id);
  }

  private lock(): void {
    for (;;) {
      try {
        fs.writeFileSync(this.lockPath, String(process.pid), { flag: 'wx' });
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = Number(fs.readFileSync(this.lockPath, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new WorkbookInUseError(`${this.opts.file} is open in another process (pid ${holder}); stop it first`);
      }
      removeIfExists(this.lockPath); // left by a process that is gone
    }
  }

  private unlock(): void {
    try {
      if (fs.readFileSync(this.lockPath, 'utf8').trim() === String(process.pid)) removeIfExists(this.lockPath);
    } catch {
      // already gone
    }
  }
}

/** Reads one .xlsx into a model; with the manifest beside it when it describes this very file. */
export async function loadSpreadsheetFile(file: string, opts: { timeZone?: string } = {}): Promise<SpreadsheetModel> {
  const dir = path.dirname(path.resolve(file));
  const hash = await hashFile(file);
  if (hash === null) throw new Error(`${file}: no such file`);
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.manifest.json'))) {
    const manifest = readManifest(path.join(dir, name));
    const entry = manifest?.spreadsheets.find((e) => e.file === path.basename(file));
    if (!entry) continue;
    const snap = entry.hash === hash ? entry : entry.pending?.hash === hash ? entry.pending : null;
    return readSpreadsheetXlsx(file, {
      id: entry.id,
      name: entry.name,
      timeZone: entry.timeZone,
      layout: snap?.layout ?? entry.layout,
      exact: !!snap,
    });
  }
  const stem = stemOf(path.basename(file));
  return readSpreadsheetXlsx(file, { id: stem, name: stem, timeZone: opts.timeZone ?? 'UTC' });
}

function stemOf(file: string): string {
  return path.basename(file).replace(/\.xlsx$/i, '');
}

/** Spreadsheet names are free text; file names must work on every OS and in a shell. */
function safeFileName(name: string): string {
  const safe = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '_')
    .replace(/^[\s.-]+|[\s.]+$/g, '')
    .slice(0, 80);
  return safe || 'Spreadsheet';
}

/** Google's spreadsheet ids are 44 characters of [A-Za-z0-9_-]. */
function newSpreadsheetId(): string {
  return randomBytes(33).toString('base64url');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
