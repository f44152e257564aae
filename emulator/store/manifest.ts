// The manifest beside the workbook (workbook.manifest.json): which spreadsheets exist, where their files
// are, and for each file the hash of the snapshot the runtime last wrote or loaded and the last journal
// seq it contains. `pending` names a snapshot about to replace the file: it is recorded before the rename,
// so after a crash the file's hash says whether the rename happened (see docs/local-runtime-persistence.md).
import fs from 'node:fs';
import { writeFileAtomicSync } from './durable-fs.ts';
import { JournalCorruptError } from './errors.ts';
import { decodeJson, encodeJson } from './json-codec.ts';
import type { SpreadsheetLayout } from './layout.ts';

export interface SnapshotState {
  /** sha256 of the file's bytes; null while no file has been written. */
  hash: string | null;
  /** The last journal seq whose op the file contains (0: none). */
  seq: number;
  layout?: SpreadsheetLayout;
}

export interface ManifestEntry extends SnapshotState {
  id: string;
  /** File name, relative to the workbook's folder. */
  file: string;
  name: string;
  timeZone: string;
  /**
   * A snapshot written to a temporary file and about to be renamed over `file`; its name and time zone
   * become the entry's with it (timeZone is absent from manifests written before it could change).
   */
  pending?: SnapshotState & { hash: string; name: string; timeZone?: string };
}

export interface Manifest {
  version: 1;
  activeId: string;
  spreadsheets: ManifestEntry[];
}

export function readManifest(file: string): Manifest | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let manifest: Manifest;
  try {
    manifest = decodeJson<Manifest>(text);
  } catch (e) {
    throw new JournalCorruptError(`${file} is not valid JSON (${(e as Error).message})`);
  }
  if (manifest?.version !== 1 || typeof manifest.activeId !== 'string' || !Array.isArray(manifest.spreadsheets)) {
    throw new JournalCorruptError(`${file} is not a workbook manifest of version 1`);
  }
  return manifest;
}

export function writeManifest(file: string, manifest: Manifest): void {
  writeFileAtomicSync(file, `${encodeJson(manifest, 2)}\n`);
}
