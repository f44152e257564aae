// The page's IndexedDB database: opening, upgrading, and its object stores. Only this file knows the
// version history; the store (store.ts) and the session store (../session/) use the typed handle.
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { RefusedEntry, Session } from '../model.ts';
import type { Snapshot } from '../session/snapshot.ts';
import type { DeviceRecord, OutboxEntry } from './entry.ts';

export const DATABASE_NAME = 'worktimetracker';
export const DATABASE_VERSION = 1;

/** Single records in the `meta` store, by key. */
export interface MetaRecords {
  device: DeviceRecord;
  session: Session;
  snapshot: Snapshot;
}
export type MetaKey = keyof MetaRecords;

export interface ClientDbSchema extends DBSchema {
  /** Unsettled status changes, keyed by [device_id, seq] so a key range walks one device's queue in seq order. */
  entries: { key: [string, number]; value: OutboxEntry };
  /** Entries the server refused for good, until the person dismisses them. */
  refused: { key: string; value: RefusedEntry };
  meta: { key: MetaKey; value: MetaRecords[MetaKey] };
}

export type ClientDb = IDBPDatabase<ClientDbSchema>;

export interface OpenOptions {
  name?: string;
  /** The IDBFactory to use (fake-indexeddb in tests); the browser's by default. */
  indexedDB?: IDBFactory;
}

/**
 * Opens (creating or upgrading) the database. Like idb's openDB, but on an injected IDBFactory so tests can
 * give each case its own browser profile.
 */
export function openClientDatabase(options: OpenOptions = {}): Promise<ClientDb> {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  const request = factory.open(options.name ?? DATABASE_NAME, DATABASE_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    upgrade(wrap(request.result) as unknown as ClientDb, event.oldVersion);
  });
  return (wrap(request) as unknown as Promise<ClientDb>).then((db) => {
    // A newer version of the page opened in another tab wants to upgrade: let it (this tab's next
    // operation fails and the page is reloaded by whoever sees it). Holding on would block it forever.
    db.addEventListener('versionchange', () => db.close());
    return db;
  });
}

function upgrade(db: ClientDb, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('entries', { keyPath: ['device_id', 'seq'] });
    db.createObjectStore('refused', { keyPath: 'entryId' });
    db.createObjectStore('meta');
  }
}
