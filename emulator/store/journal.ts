// The journal of one spreadsheet: JSON lines `{"seq":N,"op":{...}}`, in numbered segment files
// `<stem>.<segment>.jsonl`. A line is written with one write(2) before apply() returns, so a killed
// process loses nothing acknowledged (the kernel has the bytes); sync() adds fsync against power loss.
// A compaction closes the current segment; the next op opens a new one, and old segments are deleted once
// a snapshot holding their ops is durable.
import fs from 'node:fs';
import path from 'node:path';
import type { Op } from '../model/types.ts';
import { fsyncDir } from './durable-fs.ts';
import { decodeJson, encodeJson } from './json-codec.ts';
import { JournalCorruptError } from './errors.ts';

export interface JournalRecord {
  seq: number;
  op: Op;
}

export interface Segment {
  number: number;
  path: string;
}

const SEGMENT_NAME = /^(.*)\.(\d{6,})\.jsonl$/;

export function segmentPath(dir: string, stem: string, number: number): string {
  return path.join(dir, `${stem}.${String(number).padStart(6, '0')}.jsonl`);
}

/** Every journal segment in `dir`, by stem, each list in segment order. */
export function listSegments(dir: string): Map<string, Segment[]> {
  const byStem = new Map<string, Segment[]>();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return byStem;
    throw e;
  }
  for (const name of names) {
    const m = SEGMENT_NAME.exec(name);
    if (!m) continue;
    const list = byStem.get(m[1]) ?? [];
    list.push({ number: Number(m[2]), path: path.join(dir, name) });
    byStem.set(m[1], list);
  }
  for (const list of byStem.values()) list.sort((a, b) => a.number - b.number);
  return byStem;
}

export interface ReadJournal {
  records: JournalRecord[];
  /** A last line cut short by a crash (ignored: its apply() never returned). */
  tornLines: number;
}

/**
 * Reads segments in order. A line that does not parse is a torn write only when nothing but blanks or
 * NULs (what a power loss can leave) follows it in its segment; anywhere else it is corruption, and so is
 * a sequence number that does not follow its predecessor.
 */
export function readSegments(segments: Segment[]): ReadJournal {
  const records: JournalRecord[] = [];
  let tornLines = 0;
  for (const segment of segments) {
    const text = fs.readFileSync(segment.path, 'utf8');
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === '') continue;
      let record: JournalRecord | null = null;
      try {
        record = decodeJson<JournalRecord>(line);
      } catch {
        record = null;
      }
      if (!record || typeof record.seq !== 'number' || !record.op || typeof record.op !== 'object') {
        const rest = lines.slice(i + 1).join('\n');
        if (/^[\s\0]*$/.test(rest)) {
          tornLines++;
          break;
        }
        throw new JournalCorruptError(`${segment.path}: line ${i + 1} is not a journal record, and records follow it`);
      }
      const prev = records[records.length - 1];
      if (prev && record.seq !== prev.seq + 1) {
        throw new JournalCorruptError(
          `${segment.path}: line ${i + 1} has seq ${record.seq} after seq ${prev.seq}; ops are missing or repeated`,
        );
      }
      records.push(record);
    }
  }
  return { records, tornLines };
}

/** Appends records to one segment file. */
export class JournalSegmentWriter {
  private fd: number;
  private bytes = 0;
  private dirty = false;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'a');
    // The new file's name must survive a power loss as much as its content will.
    fsyncDir(path.dirname(file));
  }

  get size(): number {
    return this.bytes;
  }

  append(record: JournalRecord): void {
    const line = Buffer.from(`${encodeJson(record)}\n`, 'utf8');
    let written = 0;
    while (written < line.length) written += fs.writeSync(this.fd, line, written, line.length - written);
    this.bytes += line.length;
    this.dirty = true;
  }

  sync(): void {
    if (!this.dirty) return;
    fs.fsyncSync(this.fd);
    this.dirty = false;
  }

  close(): void {
    this.sync();
    fs.closeSync(this.fd);
    this.fd = -1;
  }
}
