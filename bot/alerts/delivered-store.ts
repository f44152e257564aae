// The alert ids already delivered, kept in a small JSON file in the bot's data dir so that a restart does
// not deliver them again. Rewritten atomically on every change (the old or the new file, never half of one).
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../../emulator/store/durable-fs.ts';
import type { Logger } from '../log.ts';

const FILE_NAME = 'delivered-alerts.json';
const FORMAT_VERSION = 1;
/** The server stops offering an alert once it is marked sent, long before this. */
const DEFAULT_RETENTION_MS = 30 * 24 * 3600 * 1000;

interface FileShape {
  version: number;
  /** alert_id -> when it was delivered (epoch ms). */
  delivered: Record<string, number>;
}

export interface DeliveredStoreOptions {
  now: () => number;
  log: Logger;
  retentionMs?: number;
}

export class DeliveredStore {
  readonly file: string;
  private readonly delivered = new Map<string, number>();
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

  get size(): number {
    return this.delivered.size;
  }

  /** Records a delivery durably before returning. */
  add(alertId: string): void {
    this.delivered.set(alertId, this.opts.now());
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
    for (const [id, at] of Object.entries(parsed.delivered)) this.delivered.set(id, at);
    this.prune();
  }

  private prune(): void {
    const cutoff = this.opts.now() - this.retentionMs;
    for (const [id, at] of this.delivered) if (at < cutoff) this.delivered.delete(id);
  }

  private save(): void {
    const shape: FileShape = { version: FORMAT_VERSION, delivered: Object.fromEntries(this.delivered) };
    writeFileAtomicSync(this.file, JSON.stringify(shape));
  }
}

function parseFile(text: string): FileShape | null {
  try {
    const data = JSON.parse(text) as FileShape;
    if (data?.version !== FORMAT_VERSION || typeof data.delivered !== 'object' || data.delivered === null) return null;
    for (const at of Object.values(data.delivered)) if (typeof at !== 'number') return null;
    return data;
  } catch {
    return null;
  }
}
