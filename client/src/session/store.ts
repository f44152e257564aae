// The signed-in session and the last server picture, in the same database as the outbox, so a reload or a
// browser restart stays signed in and shows the day before the network answers.
import type { Session } from '../model.ts';
import type { ClientDb } from '../outbox/database.ts';
import type { Snapshot } from './snapshot.ts';

export class SessionStore {
  private readonly db: ClientDb;

  constructor(db: ClientDb) {
    this.db = db;
  }

  async load(): Promise<Session | null> {
    return ((await this.db.get('meta', 'session')) as Session | undefined) ?? null;
  }

  async save(session: Session): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
    await tx.store.put(session, 'session');
    await tx.done;
  }

  /** Signs out: the token and the picture go; the queue and the device's counter stay (docs/sync.md). */
  async clear(): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite', { durability: 'strict' });
    await tx.store.delete('session');
    await tx.store.delete('snapshot');
    await tx.done;
  }

  async loadSnapshot(employeeId: string): Promise<Snapshot | null> {
    const snapshot = (await this.db.get('meta', 'snapshot')) as Snapshot | undefined;
    return snapshot && snapshot.employeeId === employeeId ? snapshot : null;
  }

  /** A cache of the server's answer: losing the last one to a crash costs nothing but a refresh. */
  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    await this.db.put('meta', snapshot, 'snapshot');
  }
}
