// The alert ids already delivered, and the message each was posted as, kept in a small JSON file in the
// bot's data dir so that a restart does not deliver them again and can still rewrite a violation's alert.
// Rewritten atomically on every change (the old or the new file, never half of one).
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../../emulator/store/durable-fs.ts';
import type { Logger } from '../log.ts';

const FILE_NAME = 'delivered-alerts.json';
/** 2 adds where each alert was posted; a file of version 1 (ids and times only) is read as is. */
const FORMAT_VERSION = 2;
/** The server stops offering an alert once it is marked sent, long before this. */
const DEFAULT_RETENTION_MS = 30 * 24 * 3600 * 1000;

/** Where an alert was posted: an alert that rewrites it later (Alert.edit_of) edits this message. */
export interface PostedMessage {
  chat_id: string;
  message_id: number;
}

interface Entry {
  /** When it was delivered (epoch ms). */
  at: number;
  message?: PostedMessage;
}

interface FileShape {
  version: number;
  /** alert_id -> when it was delivered (version 1: epoch ms only). */
  delivered: Record<string, number | Entry>;
}

export interface DeliveredStoreOptions {
  now: () => number;
  log: Logger;
  retentionMs?: number;
}

export class DeliveredStore {
  readonly file: string;
  private readonly delivered = new Map<string, Entry>();
  private readonly retentionMs: number;

  constructor(
    dataDir: string,
    private readonly opts: DeliveredStoreOptions,
  ) {
    this.file = path.join(dataDir, FILE_NAME);
    this.retentionMs = opts.retentionMs ?? DEFAULT_RETENTION_MS;
    fs.mkdirSync(dataDir, { recursive: true });
    this.load();
  }

  has(alertId: string): boolean {
    return this.delivered.has(alertId);
  }

  /** The message an alert was posted as, when known. */
  messageOf(alertId: string): PostedMessage | undefined {
    return this.delivered.get(alertId)?.message;
  }

  get size(): number {
    return this.delivered.size;
  }

  /** Records a delivery (and where it was posted) durably before returning. */
  add(alertId: string, message?: PostedMessage): void {
    this.delivered.set(alertId, message ? { at: this.opts.now(), message } : { at: this.opts.now() });
    this.prune();
    this.save();
  }

  private load(): void {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    const parsed = parseFile(text);
    if (!parsed) {
      // Atomic writes make this a hand edit gone wrong. Starting empty risks a duplicate message for alerts
      // still pending on the server; refusing to start would lose every alert, which is worse.
      const aside = `${this.file}.unreadable-${this.opts.now()}`;
      fs.renameSync(this.file, aside);
      this.opts.log.warn(`${this.file} could not be read; moved it to ${aside} and started with no delivered alerts`);
      return;
    }
    for (const [id, entry] of Object.entries(parsed.delivered)) this.delivered.set(id, typeof entry === 'number' ? { at: entry } : entry);
    this.prune();
  }

  private prune(): void {
    const cutoff = this.opts.now() - this.retentionMs;
    for (const [id, entry] of this.delivered) if (entry.at < cutoff) this.delivered.delete(id);
  }

  private save(): void {
    const shape: FileShape = { version: FORMAT_VERSION, delivered: Object.fromEntries(this.delivered) };
    writeFileAtomicSync(this.file, JSON.stringify(shape));
  }
}

function parseFile(text: string): FileShape | null {
  try {
    const data = JSON.parse(text) as FileShape;
    if ((data?.version !== 1 && data?.version !== FORMAT_VERSION) || typeof data.delivered !== 'object' || data.delivered === null) return null;
    for (const entry of Object.values(data.delivered)) if (!isEntry(entry)) return null;
    return data;
  } catch {
    return null;
  }
}

function isEntry(e: unknown): boolean {
  if (typeof e === 'number') return true;
  if (typeof e !== 'object' || e === null || typeof (e as Entry).at !== 'number') return false;
  const m = (e as Entry).message;
  return m === undefined || (typeof m.chat_id === 'string' && typeof m.message_id === 'number');
}
